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
