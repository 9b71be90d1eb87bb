/*
 * test_graph.c - the graph stage on hand-built maps with known answers:
 * chains, depth, breadth, evidence, sources, reliance, dominators,
 * connectivity, cycles, PageRank, the grounded extension, the igraph
 * graph and its error handler.
 */
#include "graphutil.h"

#include <math.h>
#include "graph/graph.h"

/* S1 -> u1(testimony, spoken by S1) -> u3(claim) -> u4(claim) <- u5(event)
 *                        u2(statistic) -> u3 */
static am_map *diamond(void)
{
    am_map *m = gmap_new();
    size_t s = gmap_source(m, "Jane Roe", AM_SRC_PERSON);
    size_t u1 = gmap_unit(m, AM_UNIT_EVIDENCE, AM_EV_TESTIMONY, (long)s);
    size_t u2 = EVID(m, AM_EV_STATISTIC);
    size_t u3 = CLAIM(m);
    size_t u4 = CLAIM(m);
    size_t u5 = EVID(m, AM_EV_EVENT);
    SRC(m, s, u1);
    SUP(m, u1, u3);
    SUP(m, u2, u3);
    SUP(m, u3, u4);
    SUP(m, u5, u4);
    return m;
}

static void test_chains_depth_breadth(void **state)
{
    (void)state;
    am_map *m = diamond();
    gmap_analyze(m);
    const am_claim_analysis *c3 = gmap_claim(m, 2), *c4 = gmap_claim(m, 3);
    assert_true(c4->chains == 3); /* S1-u1-u3-u4, u2-u3-u4, u5-u4 */
    assert_true(c4->chains_exact);
    assert_int_equal(c4->depth, 3);
    assert_int_equal(c4->breadth, 2);
    assert_int_equal(c4->evidence_count, 3);
    assert_int_equal(c4->evidence_types[AM_EV_TESTIMONY], 1);
    assert_int_equal(c4->evidence_types[AM_EV_STATISTIC], 1);
    assert_int_equal(c4->evidence_types[AM_EV_EVENT], 1);
    assert_int_equal(c4->evidence_types[AM_EV_EXAMPLE], 0);
    assert_int_equal(c4->sources.len, 1);
    assert_int_equal(c4->sources.items[0], 0);
    assert_int_equal(c4->reliance.len, 1);
    assert_true(fabs(c4->reliance.items[0].share - 1.0 / 3) < 1e-12);
    assert_false(c4->unsupported);
    assert_false(c4->truncated);
    assert_true(c3->chains == 2);
    assert_int_equal(c3->depth, 2);
    assert_true(fabs(c3->reliance.items[0].share - 0.5) < 1e-12);
    assert_int_equal(m->analysis->cycles.len, 0);
    am_map_free(m);
}

static void test_dominators(void **state)
{
    (void)state;
    /* u1, u2 -> u3 -> u4 -> u5: every chain to u5 passes u4 and u3 */
    am_map *m = gmap_new();
    size_t u1 = EVID(m, AM_EV_REPORT), u2 = EVID(m, AM_EV_EXAMPLE);
    size_t u3 = CLAIM(m), u4 = CLAIM(m), u5 = CLAIM(m);
    SUP(m, u1, u3);
    SUP(m, u2, u3);
    SUP(m, u3, u4);
    SUP(m, u4, u5);
    gmap_analyze(m);
    const am_claim_analysis *c5 = gmap_claim(m, u5), *c3 = gmap_claim(m, u3);
    assert_int_equal(c5->critical_count, 2);
    assert_int_equal(c5->critical.len, 2);
    assert_int_equal(c5->critical.items[0], UV(m, u4)); /* nearest first */
    assert_int_equal(c5->critical.items[1], UV(m, u3));
    assert_int_equal(c5->robustness, 1);
    assert_true(c5->chains == 2);
    assert_int_equal(c3->critical_count, 0);
    assert_int_equal(c3->robustness, 2);
    am_map_free(m);
}

static void test_connectivity(void **state)
{
    (void)state;
    /* a -> x -> c, b -> y -> c, b -> z -> c: three chains, breadth 3, but
     * removing a and b cuts them all: robustness 2, no single dominator */
    am_map *m = gmap_new();
    size_t a = EVID(m, AM_EV_EVENT), b = EVID(m, AM_EV_EVENT);
    size_t x = CLAIM(m), y = CLAIM(m), z = CLAIM(m), c = CLAIM(m);
    SUP(m, a, x);
    SUP(m, b, y);
    SUP(m, b, z);
    SUP(m, x, c);
    SUP(m, y, c);
    SUP(m, z, c);
    gmap_analyze(m);
    const am_claim_analysis *cc = gmap_claim(m, c);
    assert_true(cc->chains == 3);
    assert_int_equal(cc->breadth, 3);
    assert_int_equal(cc->critical_count, 0);
    assert_int_equal(cc->robustness, 2);
    long ref = -1;
    assert_int_equal(am_igraph_robustness(&m->analysis->sg, UV(m, c), &ref), 0);
    assert_int_equal(ref, 2);
    /* x hangs on a alone: a dominates it */
    assert_int_equal(gmap_claim(m, x)->robustness, 1);
    assert_int_equal(gmap_claim(m, x)->critical.items[0], UV(m, a));
    am_map_free(m);
}

/* Robustness by the stage's own max-flow against igraph's
 * igraph_st_vertex_connectivity on random graphs with cycles. */
static void test_connectivity_random(void **state)
{
    (void)state;
    unsigned long long seed = 12345;
    size_t checked = 0;
    for (int round = 0; round < 300; round++) {
        am_map *m = gmap_random(&seed, 6, 35, 5, 0);
        for (size_t k = 0; k < m->analysis->claims.len; k++) {
            const am_claim_analysis *ca = &m->analysis->claims.items[k];
            long ref = -1;
            assert_int_equal(am_igraph_robustness(&m->analysis->sg, ca->vertex, &ref), 0);
            if (ca->robustness != ref)
                fail_msg("round %d claim u%zu: robustness %ld, igraph %ld", round,
                         ca->unit + 1, ca->robustness, ref);
            checked++;
        }
        am_map_free(m);
    }
    assert_true(checked > 1000);
}

static void test_cycle_reported_not_looped(void **state)
{
    (void)state;
    /* u1 -> u2 <-> u3 -> u4, and a pure cycle u5 <-> u6 supporting u7 */
    am_map *m = gmap_new();
    size_t u1 = EVID(m, AM_EV_STATISTIC), u2 = CLAIM(m), u3 = CLAIM(m), u4 = CLAIM(m);
    size_t u5 = CLAIM(m), u6 = CLAIM(m), u7 = CLAIM(m);
    SUP(m, u1, u2);
    SUP(m, u2, u3);
    SUP(m, u3, u2);
    SUP(m, u3, u4);
    SUP(m, u5, u6);
    SUP(m, u6, u5);
    SUP(m, u6, u7);
    SUP(m, u7, u7); /* supports itself */
    const am_analysis *a = gmap_analyze(m);
    assert_int_equal(a->cycles.len, 3);
    assert_int_equal(a->cycles.items[0].vertices.len, 2);
    assert_int_equal(a->cycles.items[0].vertices.items[0], UV(m, u2));
    assert_int_equal(a->cycles.items[0].vertices.items[1], UV(m, u3));
    assert_int_equal(a->cycles.items[1].vertices.items[0], UV(m, u5));
    assert_int_equal(a->cycles.items[2].vertices.len, 1);
    assert_int_equal(a->cycles.items[2].vertices.items[0], UV(m, u7));
    assert_int_equal(gmap_claim(m, u2)->cycle, 0);
    assert_int_equal(gmap_claim(m, u3)->cycle, 0);
    assert_int_equal(gmap_claim(m, u4)->cycle, -1);
    assert_int_equal(gmap_claim(m, u7)->cycle, 2);
    /* a cycle counts once: one chain enters it, one chain reaches u4 */
    assert_true(gmap_claim(m, u2)->chains == 1);
    assert_true(gmap_claim(m, u3)->chains == 1);
    assert_true(gmap_claim(m, u4)->chains == 1);
    assert_int_equal(gmap_claim(m, u4)->depth, 2);
    /* u3 reaches u4 only through the cycle it shares with u2: u2 is
     * critical for u3 (every chain enters at u2) */
    assert_int_equal(gmap_claim(m, u3)->critical.items[0], UV(m, u2));
    /* the pure cycle is where chains start: its members have none, and
     * they are not "unsupported" (each has a supporter) */
    assert_true(gmap_claim(m, u5)->chains == 0);
    assert_false(gmap_claim(m, u5)->unsupported);
    /* the pure cycle is one start, however many members feed u7 */
    assert_true(gmap_claim(m, u7)->chains == 1);
    am_map_free(m);
}

static void test_overflow(void **state)
{
    (void)state;
    /* 70 layers of two claims, each fully linked to the next: 2^70 chains */
    size_t top;
    am_map *m = gmap_ladder(70, &top);
    const am_claim_analysis *ca = gmap_claim(m, top);
    assert_true(ca->chains == ldexp(1.0, 70));
    assert_false(ca->chains_exact);
    assert_int_equal(ca->depth, 70);
    assert_int_equal(ca->robustness, 2);
    const am_claim_analysis *low = gmap_claim(m, 2);
    assert_true(low->chains == 2);
    assert_true(low->chains_exact);
    am_map_free(m);
}

static void test_grounded(void **state)
{
    (void)state;
    am_map *m = gmap_new();
    /* reinstatement: a attacks b, b attacks c */
    size_t a = CLAIM(m), b = CLAIM(m), c = CLAIM(m);
    ATT(m, a, b);
    ATT(m, b, c);
    /* mutual attack: undecided */
    size_t d = CLAIM(m), e = CLAIM(m);
    ATT(m, d, e);
    ATT(m, e, d);
    /* secondary attack: f attacks g, g supports h -> h rejected;
     * supported attack: i supports j, j attacks k -> i defeats k too */
    size_t f = CLAIM(m), g = CLAIM(m), h = CLAIM(m);
    ATT(m, f, g);
    SUP(m, g, h);
    size_t i = CLAIM(m), j = CLAIM(m), k = CLAIM(m), l = CLAIM(m);
    SUP(m, i, j);
    ATT(m, j, k);
    ATT(m, l, j); /* j falls, but i (unattacked) still defeats k */
    /* an undercut of the support p -> q attacks q */
    size_t p = CLAIM(m), q = CLAIM(m), r = CLAIM(m);
    size_t rel = SUP(m, p, q);
    gmap_rel(m, AM_NODE_UNIT, r, AM_NODE_RELATION, rel, AM_REL_UNDERCUT, 0.7);
    const am_analysis *an = gmap_analyze(m);
    assert_true(an->accept_complete);
    assert_int_equal(gmap_claim(m, a)->accept, AM_ACCEPT_ACCEPTED);
    assert_int_equal(gmap_claim(m, b)->accept, AM_ACCEPT_REJECTED);
    assert_int_equal(gmap_claim(m, c)->accept, AM_ACCEPT_ACCEPTED);
    assert_int_equal(gmap_claim(m, d)->accept, AM_ACCEPT_UNDECIDED);
    assert_int_equal(gmap_claim(m, e)->accept, AM_ACCEPT_UNDECIDED);
    assert_int_equal(gmap_claim(m, f)->accept, AM_ACCEPT_ACCEPTED);
    assert_int_equal(gmap_claim(m, g)->accept, AM_ACCEPT_REJECTED);
    assert_int_equal(gmap_claim(m, h)->accept, AM_ACCEPT_REJECTED);
    assert_int_equal(gmap_claim(m, i)->accept, AM_ACCEPT_ACCEPTED);
    assert_int_equal(gmap_claim(m, j)->accept, AM_ACCEPT_REJECTED);
    assert_int_equal(gmap_claim(m, k)->accept, AM_ACCEPT_REJECTED);
    assert_int_equal(gmap_claim(m, l)->accept, AM_ACCEPT_ACCEPTED);
    assert_int_equal(gmap_claim(m, p)->accept, AM_ACCEPT_ACCEPTED);
    assert_int_equal(gmap_claim(m, q)->accept, AM_ACCEPT_REJECTED);
    assert_true(gmap_claim(m, q)->attacked);
    assert_int_equal(gmap_claim(m, r)->accept, AM_ACCEPT_ACCEPTED);
    assert_int_equal(an->accepted + an->rejected + an->undecided, an->claims.len);
    am_map_free(m);
}

static void test_grounded_rounds(void **state)
{
    (void)state;
    /* a chain of 9 attacks x0 -> x1 -> ... -> x9 needs several rounds:
     * even ones accepted, odd ones rejected. With one round only x0 is
     * known and the labels are flagged incomplete. */
    am_map *m = gmap_new();
    size_t x[10];
    for (int i = 0; i < 10; i++)
        x[i] = CLAIM(m);
    for (int i = 0; i < 9; i++)
        ATT(m, x[i], x[i + 1]);
    gmap_analyze(m);
    for (int i = 0; i < 10; i++)
        assert_int_equal(gmap_claim(m, x[i])->accept,
                         i % 2 ? AM_ACCEPT_REJECTED : AM_ACCEPT_ACCEPTED);
    am_accept label[10];
    int complete = 1;
    int rounds = am_graph_grounded(&m->analysis->sg, label, 1, &complete);
    assert_int_equal(rounds, 1);
    assert_false(complete);
    assert_int_equal(label[0], AM_ACCEPT_ACCEPTED);
    assert_int_equal(label[1], AM_ACCEPT_REJECTED);
    assert_int_equal(label[2], AM_ACCEPT_UNDECIDED);
    am_map_free(m);
}

static void test_pagerank_major(void **state)
{
    (void)state;
    /* u1 -> u2: PageRank with damping 0.85 and the dangling u2 spreading
     * evenly is 0.925/1.425 for u2 */
    am_map *m = gmap_new();
    size_t u1 = CLAIM(m), u2 = CLAIM(m);
    SUP(m, u1, u2);
    const am_analysis *a = gmap_analyze(m);
    assert_true(fabs(gmap_claim(m, u2)->pagerank - 0.925 / 1.425) < 1e-6);
    assert_true(fabs(gmap_claim(m, u1)->pagerank - 0.5 / 1.425) < 1e-6);
    assert_int_equal(a->major, (long)u2);
    assert_string_equal(a->major_basis, "pagerank");
    m->major = (long)u1;
    a = gmap_analyze(m);
    assert_int_equal(a->major, (long)u1);
    assert_string_equal(a->major_basis, "classifier");
    am_map_free(m);
}

static void test_document_figures(void **state)
{
    (void)state;
    am_map *m = diamond();
    CLAIM(m);                     /* u6: unsupported, no relation at all */
    size_t u7 = CLAIM(m);         /* u7: attacks u4, unsupported */
    gmap_unit(m, AM_UNIT_NONE, AM_EV_NONE, -1); /* u8: not in the graph */
    ATT(m, u7, 3);
    SUP(m, 7, 3); /* from a unit of kind none: left out */
    gmap_source(m, "an official", AM_SRC_ANONYMOUS);
    gmap_source(m, "Reuters", AM_SRC_MEDIA);
    const am_analysis *a = gmap_analyze(m);
    assert_int_equal(a->vertices, 7 + 3);
    assert_int_equal(a->relations_skipped, 1);
    assert_int_equal(a->claims.len, 4);
    assert_int_equal(a->unsupported_claims, 2);
    assert_int_equal(a->disconnected.len, 1);
    assert_int_equal(a->disconnected.items[0], 5);
    assert_int_equal(a->evidence_mix[AM_EV_TESTIMONY], 1);
    assert_int_equal(a->evidence_mix[AM_EV_EVENT], 1);
    assert_int_equal(a->source_mix[AM_SRC_PERSON], 1);
    assert_int_equal(a->source_mix[AM_SRC_ANONYMOUS], 1);
    assert_int_equal(a->source_mix[AM_SRC_MEDIA], 1);
    assert_true(gmap_claim(m, 3)->attacked);
    assert_int_equal(gmap_claim(m, 3)->attackers, 1);
    assert_int_equal(gmap_claim(m, 3)->accept, AM_ACCEPT_REJECTED);
    assert_int_equal(a->claim_of_unit[7], -1);
    am_map_free(m);
}

static void test_truncated(void **state)
{
    (void)state;
    am_map *m = diamond();
    am_graph_options o;
    am_graph_options_init(&o);
    o.max_ancestors = 3;
    o.work_per_edge = 0;
    assert_int_equal(am_graph_analyze(&m->analysis, m, &o), 0);
    const am_claim_analysis *c4 = gmap_claim(m, 3);
    assert_true(c4->truncated);
    assert_int_equal(c4->robustness, -1);
    assert_int_equal(c4->reliance.len, 0);
    assert_true(c4->chains == 3); /* counting needs no search: still exact */
    assert_int_equal(m->analysis->truncated_claims, 2);
    am_map_free(m);
    /* truncated, but a critical unit settles robustness without a search */
    m = gmap_new();
    size_t e1 = EVID(m, AM_EV_EVENT), c1 = CLAIM(m), c2 = CLAIM(m), c3 = CLAIM(m);
    SUP(m, e1, c1);
    SUP(m, c1, c2);
    SUP(m, c2, c3);
    o.max_ancestors = 2;
    assert_int_equal(am_graph_analyze(&m->analysis, m, &o), 0);
    assert_true(gmap_claim(m, c3)->truncated);
    assert_int_equal(gmap_claim(m, c3)->robustness, 1);
    assert_int_equal(gmap_claim(m, c3)->critical_count, 3);
    am_map_free(m);
}

static void test_bad_reference(void **state)
{
    (void)state;
    am_map *m = diamond();
    SUP(m, 0, 99);
    am_analysis *a = NULL;
    assert_int_equal(am_graph_analyze(&a, m, NULL), AM_EINVAL);
    assert_null(a);
    assert_non_null(strstr(am_error_last(), "r6"));
    am_map_free(m);
}

static void test_igraph_graph(void **state)
{
    (void)state;
    am_map *m = diamond();
    gmap_unit(m, AM_UNIT_NONE, AM_EV_NONE, -1);
    size_t r = ATT(m, 4, 2);
    m->relations.items[r].marker = strdup("however");
    gmap_rel(m, AM_NODE_UNIT, 4, AM_NODE_RELATION, 1, AM_REL_UNDERCUT, 0.5);
    SUP(m, 5, 2); /* the unit of kind none: no edge */
    igraph_t g;
    assert_int_equal(am_graph_build(&g, m), 0);
    assert_int_equal(igraph_vcount(&g), 6);
    assert_int_equal(igraph_ecount(&g), 7);
    assert_string_equal(VAS(&g, "id", 0), "u1");
    assert_string_equal(VAS(&g, "id", 5), "S1");
    assert_string_equal(VAS(&g, "kind", 2), "claim");
    assert_string_equal(VAS(&g, "kind", 5), "source");
    assert_string_equal(VAS(&g, "evidence", 0), "testimony");
    assert_string_equal(VAS(&g, "source", 0), "S1");
    assert_string_equal(VAS(&g, "name", 5), "Jane Roe");
    assert_true(VAN(&g, "start", 1) == 10);
    assert_true(VAN(&g, "end", 1) == 15);
    assert_true(fabs(VAN(&g, "confidence", 1) - 0.9) < 1e-12);
    assert_string_equal(EAS(&g, "type", 0), "support");
    assert_string_equal(EAS(&g, "type", 5), "attack");
    assert_string_equal(EAS(&g, "marker", 5), "however");
    assert_string_equal(EAS(&g, "type", 6), "undercut");
    assert_string_equal(EAS(&g, "undercuts", 6), "r2");
    assert_string_equal(EAS(&g, "id", 6), "r7");
    igraph_integer_t from, to;
    igraph_edge(&g, 6, &from, &to); /* r2 is u1 -> u3: the undercut ends at u3 */
    assert_int_equal(from, 4);
    assert_int_equal(to, 2);
    assert_true(fabs(EAN(&g, "confidence", 6) - 0.5) < 1e-12);
    igraph_destroy(&g);
    am_map_free(m);
}

static void test_igraph_errors_return(void **state)
{
    (void)state;
    am_igraph_setup();
    am_error_clear();
    igraph_vector_int_t e;
    igraph_vector_int_init(&e, 2);
    VECTOR(e)[0] = 0;
    VECTOR(e)[1] = 7; /* no such vertex */
    igraph_t g;
    igraph_empty(&g, 2, IGRAPH_DIRECTED);
    igraph_error_t ie = igraph_add_edges(&g, &e, NULL);
    igraph_vector_int_destroy(&e);
    igraph_destroy(&g);
    assert_int_not_equal(ie, IGRAPH_SUCCESS); /* returned: the process did not abort */
    assert_int_equal(am_igraph_err(ie), AM_EINVAL);
    assert_non_null(strstr(am_error_last(), "igraph"));
}

static void test_empty(void **state)
{
    (void)state;
    am_map *m = gmap_new();
    const am_analysis *a = gmap_analyze(m);
    assert_int_equal(a->claims.len, 0);
    assert_int_equal(a->major, -1);
    assert_null(a->major_basis);
    am_map_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chains_depth_breadth),
        cmocka_unit_test(test_dominators),
        cmocka_unit_test(test_connectivity),
        cmocka_unit_test(test_connectivity_random),
        cmocka_unit_test(test_cycle_reported_not_looped),
        cmocka_unit_test(test_overflow),
        cmocka_unit_test(test_grounded),
        cmocka_unit_test(test_grounded_rounds),
        cmocka_unit_test(test_pagerank_major),
        cmocka_unit_test(test_document_figures),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_bad_reference),
        cmocka_unit_test(test_igraph_graph),
        cmocka_unit_test(test_igraph_errors_return),
        cmocka_unit_test(test_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
