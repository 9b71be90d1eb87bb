/*
 * graphutil.h - hand-built maps for the graph tests: units, sources and
 * relations put straight into an am_map, without running the text stages.
 */
#ifndef AM_GRAPHUTIL_H
#define AM_GRAPHUTIL_H

#include "testutil.h"
#include "core/model.h"
#include "graph/analysis.h"

static inline am_map *gmap_new(void)
{
    am_map *m = calloc(1, sizeof *m);
    assert_non_null(m);
    m->major = -1;
    return m;
}

/* Add a unit; returns its index. */
static inline size_t gmap_unit(am_map *m, am_unit_kind kind, am_evidence_type ev, long source)
{
    am_unit *u = AM_VEC_PUSH(&m->units);
    assert_non_null(u);
    u->kind = kind;
    u->evidence = ev;
    u->source = source;
    u->quote = u->date = -1;
    u->confidence = 0.9;
    u->span.start = 10 * (m->units.len - 1);
    u->span.end = u->span.start + 5;
    return m->units.len - 1;
}

#define CLAIM(m) gmap_unit((m), AM_UNIT_CLAIM, AM_EV_NONE, -1)
#define EVID(m, t) gmap_unit((m), AM_UNIT_EVIDENCE, (t), -1)

static inline size_t gmap_source(am_map *m, const char *name, am_source_kind kind)
{
    am_source *s = AM_VEC_PUSH(&m->sources);
    assert_non_null(s);
    s->name = strdup(name);
    s->kind = kind;
    return m->sources.len - 1;
}

static inline size_t gmap_rel(am_map *m, am_node_kind fk, size_t from, am_node_kind tk,
                              size_t to, am_rel_type type, double conf)
{
    am_relation *r = AM_VEC_PUSH(&m->relations);
    assert_non_null(r);
    r->from = (am_ref){fk, from};
    r->to = (am_ref){tk, to};
    r->type = type;
    r->confidence = conf;
    r->reason = "marker";
    return m->relations.len - 1;
}

#define SUP(m, a, b) gmap_rel((m), AM_NODE_UNIT, (a), AM_NODE_UNIT, (b), AM_REL_SUPPORT, 0.8)
#define SUPC(m, a, b, c) gmap_rel((m), AM_NODE_UNIT, (a), AM_NODE_UNIT, (b), AM_REL_SUPPORT, (c))
#define ATT(m, a, b) gmap_rel((m), AM_NODE_UNIT, (a), AM_NODE_UNIT, (b), AM_REL_ATTACK, 0.8)
#define SRC(m, s, b) gmap_rel((m), AM_NODE_SOURCE, (s), AM_NODE_UNIT, (b), AM_REL_SUPPORT, 0.9)

/* Run the graph stage; fails the test on error. */
static inline const am_analysis *gmap_analyze(am_map *m)
{
    am_analysis_free(m->analysis);
    m->analysis = NULL;
    if (am_graph_analyze(&m->analysis, m, NULL) < 0)
        fail_msg("analyze: %s", am_error_last());
    return m->analysis;
}

/* An analysed ladder: two evidence units (0 and 1), then `layers` layers
 * of two claims, each supported by both of the layer below, so that 2^k
 * chains reach a claim of layer k. Returns the map, and in *top one claim
 * of the last layer. */
static inline am_map *gmap_ladder(int layers, size_t *top)
{
    am_map *m = gmap_new();
    size_t prev[2] = {EVID(m, AM_EV_EVENT), EVID(m, AM_EV_EVENT)};
    for (int layer = 0; layer < layers; layer++) {
        size_t cur[2] = {CLAIM(m), CLAIM(m)};
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++)
                SUP(m, prev[i], cur[j]);
        prev[0] = cur[0];
        prev[1] = cur[1];
    }
    gmap_analyze(m);
    *top = prev[0];
    return m;
}

/* A random analysed map: min + rnd(span) units, a third of them evidence,
 * and supports mostly forward (from a lower index), one in back_one_in of
 * the others backward, so that there are cycles. Confidences 0.8, or 0.1
 * to 0.9 when weighted. */
static inline am_map *gmap_random(unsigned long long *seed, size_t min, size_t span,
                                  size_t back_one_in, int weighted)
{
    am_map *m = gmap_new();
    size_t n = min + test_rnd(seed, span);
    for (size_t i = 0; i < n; i++)
        if (test_rnd(seed, 3) == 0)
            EVID(m, AM_EV_EVENT);
        else
            CLAIM(m);
    size_t e = n + test_rnd(seed, 2 * n);
    for (size_t i = 0; i < e; i++) {
        size_t from = test_rnd(seed, n), to = test_rnd(seed, n);
        if (from != to && (test_rnd(seed, back_one_in) == 0 || from < to))
            SUPC(m, from, to, weighted ? 0.1 * (double)(1 + test_rnd(seed, 9)) : 0.8);
    }
    gmap_analyze(m);
    return m;
}

static inline const am_claim_analysis *gmap_claim(const am_map *m, size_t unit)
{
    long k = m->analysis->claim_of_unit[unit];
    assert_true(k >= 0);
    return &m->analysis->claims.items[k];
}

/* The vertex of a unit / a source. */
#define UV(m, u) ((size_t)(m)->analysis->sg.unit_vertex[(u)])
#define SV(m, s) ((m)->analysis->sg.nunits + (s))

#endif
