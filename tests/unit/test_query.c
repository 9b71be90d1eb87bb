/*
 * test_query.c - support chains, claim lookup, comparison of claims and
 * articles, claim alignment on the paraphrase fixtures, and the JSON of
 * the analysis, on hand-built maps over small documents. The JSON outputs
 * are also written to $BUILD/tests/graph-*.json, where
 * tests/checks/check_graph_schema.py validates them against the schemas.
 */
#include "graphutil.h"

#include <math.h>

#include "graph/query.h"

/* A map over a document made of the given lines (one paragraph each);
 * unit i spans line i. */
static am_map *text_map(am_document **doc, const char *name, const char *const *lines,
                        size_t n)
{
    char buf[4096] = "";
    for (size_t i = 0; i < n; i++) {
        strcat(buf, lines[i]);
        strcat(buf, "\n\n");
    }
    *doc = load_str(name, buf, AM_FORMAT_TEXT);
    am_map *m = gmap_new();
    m->doc = *doc;
    for (size_t i = 0; i < n; i++) {
        am_unit *u = AM_VEC_PUSH(&m->units);
        assert_non_null(u);
        const char *at = strstr((*doc)->text, lines[i]);
        assert_non_null(at);
        u->span.start = (size_t)(at - (*doc)->text);
        u->span.end = u->span.start + strlen(lines[i]);
        u->kind = AM_UNIT_CLAIM;
        u->quote = u->date = u->source = -1;
        u->confidence = 0.8;
    }
    return m;
}

static void set_evidence(am_map *m, size_t u, am_evidence_type t, long source)
{
    m->units.items[u].kind = AM_UNIT_EVIDENCE;
    m->units.items[u].evidence = t;
    m->units.items[u].source = source;
}

static const char *const diamond_lines[] = {
    "\"Only 18% of trips are made by car,\" said Jane Roe.",
    "Traffic fell by a third in Oslo after its ban.",
    "A ban would work here too.",
    "The city should ban cars from the historic centre.",
    "The old town was closed to cars for a week in 2019.",
};

/* S1 -0.9-> u1 -0.9-> u3 -0.8-> u4 <-0.6- u5;  u2 -0.5-> u3 */
static am_map *diamond_text(am_document **doc)
{
    am_map *m = text_map(doc, "diamond.txt", diamond_lines, 5);
    size_t s = gmap_source(m, "Jane Roe", AM_SRC_PERSON);
    set_evidence(m, 0, AM_EV_TESTIMONY, (long)s);
    set_evidence(m, 1, AM_EV_STATISTIC, -1);
    set_evidence(m, 4, AM_EV_EVENT, -1);
    gmap_rel(m, AM_NODE_SOURCE, s, AM_NODE_UNIT, 0, AM_REL_SUPPORT, 0.9);
    SUPC(m, 0, 2, 0.9);
    SUPC(m, 1, 2, 0.5);
    SUPC(m, 2, 3, 0.8);
    SUPC(m, 4, 3, 0.6);
    m->major = 3;
    gmap_analyze(m);
    return m;
}

static void write_file(const char *name, const char *text)
{
    const char *build = getenv("BUILD");
    char path[512];
    snprintf(path, sizeof path, "%s/tests/%s", build && *build ? build : "build", name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_chains_order_and_cut(void **state)
{
    (void)state;
    am_document *doc;
    am_map *m = diamond_text(&doc);
    am_chain_list l;
    assert_int_equal(am_graph_chains(&l, m, 3, 20), 0);
    assert_int_equal(l.chains.len, 3);
    assert_true(l.total == 3);
    const am_support *sg = &m->analysis->sg;
    /* strongest first: S1-u1-u3-u4 (0.648), u5-u4 (0.6), u2-u3-u4 (0.4) */
    assert_true(fabs(l.chains.items[0].strength - 0.648) < 1e-12);
    assert_true(fabs(l.chains.items[1].strength - 0.6) < 1e-12);
    assert_true(fabs(l.chains.items[2].strength - 0.4) < 1e-12);
    assert_int_equal(l.chains.items[0].steps.len, 4);
    assert_int_equal(l.chains.items[0].steps.items[0], sg->scc[SV(m, 0)]);
    assert_int_equal(l.chains.items[0].steps.items[3], sg->scc[UV(m, 3)]);
    assert_int_equal(l.chains.items[1].steps.items[0], sg->scc[UV(m, 4)]);
    size_t *src, ns;
    assert_int_equal(am_graph_chain_sources(m, &l.chains.items[0], &src, &ns), 0);
    assert_int_equal(ns, 1);
    assert_int_equal(src[0], 0);
    free(src);
    am_chain_list_free(&l);

    char *text = NULL;
    assert_int_equal(am_map_chains(&text, m, "u4", 2, 0), 0);
    assert_non_null(strstr(text, "3 support chains"));
    assert_non_null(strstr(text, "1. strength 0.6480, 3 steps"));
    assert_non_null(strstr(text, "2. strength 0.6000, 1 step\n"));
    assert_null(strstr(text, "3. strength"));
    assert_non_null(strstr(text, "sources: S1 Jane Roe"));
    assert_non_null(strstr(text, "note: the limit (2) cut the list: 2 of 3 chains shown"));
    am_free(text);
    assert_int_equal(am_map_chains(&text, m, NULL, 0, AM_OUT_JSON), 0);
    assert_non_null(strstr(text, "\"claim\": \"u4\""));
    assert_non_null(strstr(text, "\"listed\": 3"));
    assert_non_null(strstr(text, "\"cut\": false"));
    write_file("graph-chains.json", text);
    am_free(text);
    assert_int_equal(am_map_chains(&text, m, "u4", AM_CHAINS_MAX_LIMIT + 1, 0), AM_ELIMIT);
    am_map_free(m);
    am_document_free(doc);
}

static void test_chains_cycle(void **state)
{
    (void)state;
    static const char *const lines[] = {"Exports fell 10% in May.", "The economy is slowing.",
                                        "Growth will stall.", "Rates must be cut."};
    am_document *doc;
    am_map *m = text_map(&doc, "cycle.txt", lines, 4);
    set_evidence(m, 0, AM_EV_STATISTIC, -1);
    SUP(m, 0, 1);
    SUP(m, 1, 2);
    SUP(m, 2, 1);
    SUP(m, 2, 3);
    gmap_analyze(m);
    am_chain_list l;
    assert_int_equal(am_graph_chains(&l, m, 3, 20), 0);
    assert_int_equal(l.chains.len, 1);
    assert_int_equal(l.chains.items[0].steps.len, 3); /* u1, the cycle, u4 */
    am_chain_list_free(&l);
    char *text = NULL;
    assert_int_equal(am_map_chains(&text, m, "rates", 0, 0), 0);
    assert_non_null(strstr(text, "support cycle c1:"));
    assert_non_null(strstr(text, "u2    claim: The economy is slowing."));
    am_free(text);
    assert_int_equal(am_map_chains(&text, m, "u4", 0, AM_OUT_JSON), 0);
    assert_non_null(strstr(text, "\"cycle\": \"c1\""));
    write_file("graph-chains-cycle.json", text);
    am_free(text);
    am_map_free(m);
    am_document_free(doc);
}

static void test_chains_bounded(void **state)
{
    (void)state;
    /* 2^60 chains of length 60: listing 200 of them stays cheap */
    size_t top;
    am_map *m = gmap_ladder(60, &top);
    am_chain_list l;
    assert_int_equal(am_graph_chains(&l, m, top, 200), 0);
    assert_int_equal(l.chains.len, 200);
    assert_true(l.total == ldexp(1.0, 60));
    for (size_t i = 0; i < l.chains.len; i++)
        assert_int_equal(l.chains.items[i].steps.len, 61);
    am_chain_list_free(&l);
    am_map_free(m);
}

/* On random graphs with cycles, listing every chain gives exactly the
 * counted number, each a real path of the condensation from a leaf to the
 * claim, all different, strongest first. */
static void test_chains_random(void **state)
{
    (void)state;
    unsigned long long seed = 777;
    size_t listed = 0;
    for (int round = 0; round < 100; round++) {
        am_map *m = gmap_random(&seed, 5, 20, 6, 1);
        const am_support *sg = &m->analysis->sg;
        for (size_t k = 0; k < m->analysis->claims.len; k++) {
            const am_claim_analysis *ca = &m->analysis->claims.items[k];
            if (ca->chains > 2000)
                continue;
            am_chain_list l;
            assert_int_equal(am_graph_chains(&l, m, ca->unit, 5000), 0);
            assert_true((double)l.chains.len == ca->chains);
            for (size_t i = 0; i < l.chains.len; i++) {
                const am_chain *c = &l.chains.items[i];
                size_t first = c->steps.items[0], last = c->steps.items[c->steps.len - 1];
                assert_true(sg->cin_off[first] == sg->cin_off[first + 1]); /* a leaf */
                assert_int_equal(last, sg->scc[ca->vertex]);
                double strength = 1;
                for (size_t j = 1; j < c->steps.len; j++) {
                    size_t x = c->steps.items[j - 1], y = c->steps.items[j];
                    long edge = -1;
                    for (size_t q = sg->cin_off[y]; q < sg->cin_off[y + 1]; q++)
                        if (sg->cin[q] == x)
                            edge = (long)q;
                    assert_true(edge >= 0);
                    strength *= sg->cin_conf[edge];
                }
                assert_true(fabs(strength - c->strength) < 1e-12);
                if (i > 0) {
                    const am_chain *p = &l.chains.items[i - 1];
                    assert_true(p->strength >= c->strength * (1 - 1e-9));
                }
                for (size_t h = 0; h < i; h++) { /* all different */
                    const am_chain *o = &l.chains.items[h];
                    assert_false(o->steps.len == c->steps.len &&
                                 !memcmp(o->steps.items, c->steps.items,
                                         c->steps.len * sizeof(size_t)));
                }
            }
            listed += l.chains.len;
            am_chain_list_free(&l);
        }
        am_map_free(m);
    }
    assert_true(listed > 1000);
}

static void test_find_claim(void **state)
{
    (void)state;
    am_document *doc;
    am_map *m = diamond_text(&doc);
    size_t u = 99;
    assert_int_equal(am_graph_find_claim(m, "u3", &u), 0);
    assert_int_equal(u, 2);
    assert_int_equal(am_graph_find_claim(m, "HISTORIC centre", &u), 0);
    assert_int_equal(u, 3);
    assert_int_equal(am_graph_find_claim(m, NULL, &u), 0);
    assert_int_equal(u, 3); /* the major claim */
    assert_int_equal(am_graph_find_claim(m, "ban", &u), AM_EINVAL); /* u3 and u4 */
    assert_non_null(strstr(am_error_last(), "u3, u4"));
    assert_int_equal(am_graph_find_claim(m, "bicycles", &u), AM_ENOTFOUND);
    assert_int_equal(am_graph_find_claim(m, "u1", &u), AM_ENOTFOUND); /* evidence */
    assert_int_equal(am_graph_find_claim(m, "u77", &u), AM_ENOTFOUND);
    am_map_free(m);
    am_document_free(doc);
}

static void test_compare_claims(void **state)
{
    (void)state;
    am_document *doc;
    am_map *m = diamond_text(&doc);
    am_comparison c;
    assert_int_equal(am_graph_compare_claims(&c, m, 2, 3), 0);
    assert_int_equal(c.pairs.len, 1);
    const am_cmp_pair *p = &c.pairs.items[0];
    assert_int_equal(p->shared_units.len, 2); /* u1, u2 */
    assert_int_equal(p->shared_units.items[0].a, 0);
    assert_int_equal(p->shared_units.items[1].a, 1);
    assert_int_equal(p->only_a.len, 0);
    assert_int_equal(p->only_b.len, 2); /* u3, u5 */
    assert_int_equal(p->only_b.items[0], 2);
    assert_int_equal(p->only_b.items[1], 4);
    assert_int_equal(p->shared_sources.len, 1);
    am_comparison_free(&c);
    char *text = NULL;
    assert_int_equal(am_map_compare_claims(&text, m, "u3", "historic", 0), 0);
    assert_non_null(strstr(text, "shared support   u1, u2\n"));
    assert_non_null(strstr(text, "only in B        u3, u5"));
    assert_non_null(strstr(text, "depth            2"));
    am_free(text);
    assert_int_equal(am_map_compare_claims(&text, m, "u3", "u4", AM_OUT_JSON), 0);
    assert_non_null(strstr(text, "\"mode\": \"claims\""));
    write_file("graph-compare-claims.json", text);
    am_free(text);
    am_map_free(m);
    am_document_free(doc);
}

static void test_compare_articles(void **state)
{
    (void)state;
    static const char *const la[] = {
        "The city should ban cars from the historic centre.",
        "Only 18% of trips into the centre are made by car.",
        "Electric cars remain too expensive for most families.",
    };
    static const char *const lb[] = {
        "Inflation fell to three percent in March.",
        "Cars ought to be banned from the city's historic centre.",
        "Just 18% of trips to the centre are by car, the survey found.",
        "Air pollution fell by a third in Oslo after its ban.",
    };
    am_document *da, *db;
    am_map *a = text_map(&da, "a.txt", la, 3), *b = text_map(&db, "b.txt", lb, 4);
    size_t sa = gmap_source(a, "Maria Lopez", AM_SRC_PERSON);
    size_t sb = gmap_source(b, "Reuters", AM_SRC_MEDIA);
    sb = gmap_source(b, "maria lopez", AM_SRC_PERSON);
    set_evidence(a, 1, AM_EV_STATISTIC, (long)sa);
    SUP(a, 1, 0);
    set_evidence(b, 2, AM_EV_STATISTIC, (long)sb);
    set_evidence(b, 3, AM_EV_EXAMPLE, 0);
    SUP(b, 2, 1);
    SUP(b, 3, 1);
    gmap_analyze(a);
    gmap_analyze(b);
    am_comparison c;
    assert_int_equal(am_graph_compare_maps(&c, a, b, AM_COMPARE_THRESHOLD), 0);
    assert_int_equal(c.pairs.len, 1);
    const am_cmp_pair *p = &c.pairs.items[0];
    assert_int_equal(p->a, 0);
    assert_int_equal(p->b, 1);
    assert_true(p->similarity >= AM_COMPARE_THRESHOLD && p->similarity < 1);
    assert_int_equal(p->shared_units.len, 1);
    assert_int_equal(p->shared_units.items[0].a, 1);
    assert_int_equal(p->shared_units.items[0].b, 2);
    assert_int_equal(p->only_a.len, 0);
    assert_int_equal(p->only_b.len, 1);
    assert_int_equal(p->only_b.items[0], 3);
    assert_int_equal(p->shared_sources.len, 1); /* Maria Lopez, by name */
    assert_int_equal(p->shared_sources.items[0].b, 1);
    assert_int_equal(p->only_b_sources.len, 1); /* Reuters speaks u4 */
    assert_int_equal(c.unmatched_a.len, 1);
    assert_int_equal(c.unmatched_a.items[0], 2);
    assert_int_equal(c.unmatched_b.len, 1);
    assert_int_equal(c.unmatched_b.items[0], 0);
    am_comparison_free(&c);
    char *text = NULL;
    assert_int_equal(am_maps_compare(&text, a, b, 0), 0);
    assert_non_null(strstr(text, "A: a.txt\nB: b.txt\n"));
    assert_non_null(strstr(text, "shared support   u2 = u3"));
    assert_non_null(strstr(text, "unmatched in A   u3"));
    assert_non_null(strstr(text, "unmatched in B   u1"));
    am_free(text);
    assert_int_equal(am_maps_compare(&text, a, b, AM_OUT_JSON), 0);
    assert_non_null(strstr(text, "\"mode\": \"articles\""));
    write_file("graph-compare-articles.json", text);
    am_free(text);
    am_map_free(a);
    am_map_free(b);
    am_document_free(da);
    am_document_free(db);
}

static void test_similarity(void **state)
{
    (void)state;
    const char *a[] = {"Cars ought to be banned.", "Nothing alike here"};
    const char *b[] = {"cars OUGHT to be banned", "The weather is fine"};
    size_t la[] = {strlen(a[0]), strlen(a[1])}, lb[] = {strlen(b[0]), strlen(b[1])};
    double *sim = NULL;
    assert_int_equal(am_text_similarity(&sim, a, la, 2, b, lb, 2), 0);
    assert_true(fabs(sim[0] - 1.0) < 1e-12); /* same words: case and punctuation aside */
    assert_true(sim[1] == 0 && sim[2] == 0 && sim[3] == 0);
    long match[2];
    assert_int_equal(am_text_align(match, sim, 2, 2, AM_COMPARE_THRESHOLD), 0);
    assert_int_equal(match[0], 0);
    assert_int_equal(match[1], -1);
    free(sim);
}

/* Alignment on the paraphrase fixtures the threshold was chosen on:
 * every pair found, no wrong pair (docs/graph.md has the table). */
static void test_alignment_fixtures(void **state)
{
    (void)state;
    FILE *f = fopen("data/fixtures/paraphrases.tsv", "r");
    assert_non_null(f);
    char *a[64], *b[64], *line = NULL;
    long truth[64];
    size_t na = 0, nb = 0, npairs = 0, cap = 0;
    while (getline(&line, &cap, f) > 0) {
        line[strcspn(line, "\n")] = '\0';
        if (!*line || *line == '#')
            continue;
        char *kind = strtok(line, "\t"), *x = strtok(NULL, "\t"), *y = strtok(NULL, "\t");
        assert_true(na < 64 && nb < 64);
        if (!strcmp(kind, "para")) {
            truth[na] = (long)nb;
            a[na++] = strdup(x);
            b[nb++] = strdup(y);
            npairs++;
        } else if (!strcmp(kind, "a")) {
            truth[na] = -1;
            a[na++] = strdup(x);
        } else {
            b[nb++] = strdup(x);
        }
    }
    free(line);
    fclose(f);
    assert_true(npairs >= 20);
    size_t la[64], lb[64];
    for (size_t i = 0; i < na; i++)
        la[i] = strlen(a[i]);
    for (size_t j = 0; j < nb; j++)
        lb[j] = strlen(b[j]);
    double *sim;
    long match[64];
    assert_int_equal(am_text_similarity(&sim, (const char *const *)a, la, na,
                                        (const char *const *)b, lb, nb), 0);
    assert_int_equal(am_text_align(match, sim, na, nb, AM_COMPARE_THRESHOLD), 0);
    for (size_t i = 0; i < na; i++)
        if (match[i] != truth[i])
            fail_msg("'%s': aligned with %ld, expected %ld", a[i], match[i], truth[i]);
    free(sim);
    for (size_t i = 0; i < na; i++)
        free(a[i]);
    for (size_t j = 0; j < nb; j++)
        free(b[j]);
}

static void test_json_analysis(void **state)
{
    (void)state;
    am_document *doc;
    am_map *m = diamond_text(&doc);
    /* an attack and a cycle, so that every part of the member shows */
    size_t s2 = gmap_source(m, "an official", AM_SRC_ANONYMOUS);
    (void)s2;
    ATT(m, 4, 2);
    SUP(m, 3, 2);
    gmap_analyze(m);
    char *j1 = NULL, *j2 = NULL;
    assert_int_equal(am_map_to_json(&j1, NULL, m, 0), 0);
    assert_int_equal(am_map_to_json(&j2, NULL, m, 0), 0);
    assert_string_equal(j1, j2); /* deterministic */
    assert_non_null(strstr(j1, "\"major_claim_basis\": \"classifier\""));
    assert_non_null(strstr(j1, "\"cycles\": [\n      {\n        \"id\": \"c1\",\n"
                               "        \"members\": [\n          \"u3\",\n          \"u4\"\n"));
    assert_non_null(strstr(j1, "\"acceptability\": \"rejected\""));
    assert_non_null(strstr(j1, "\"anonymous\": 1"));
    write_file("graph-analysis.json", j1);
    am_free(j1);
    am_free(j2);
    am_map_free(m);
    am_document_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chains_order_and_cut),
        cmocka_unit_test(test_chains_cycle),
        cmocka_unit_test(test_chains_bounded),
        cmocka_unit_test(test_chains_random),
        cmocka_unit_test(test_find_claim),
        cmocka_unit_test(test_compare_claims),
        cmocka_unit_test(test_compare_articles),
        cmocka_unit_test(test_similarity),
        cmocka_unit_test(test_alignment_fixtures),
        cmocka_unit_test(test_json_analysis),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
