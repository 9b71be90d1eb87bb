/*
 * analysis.h - what the graph stage finds out about a map (plain C).
 *
 * The graph stage fills map->analysis with one am_analysis: a record per
 * claim (support chains, depth, breadth, evidence, sources, critical units,
 * robustness, source reliance, PageRank, acceptability) and the document's
 * figures (major claim, support cycles, disconnected units, mixes). The
 * definitions are in docs/graph.md. No igraph type appears here: formats/,
 * render/ and cli/ read this header; only graph/ includes igraph.h.
 *
 * The support structure (vertices, support edges, strongly connected
 * components and their condensation) is kept in the analysis too, because
 * enumerating chains and comparing claims need it after the stage ran.
 */
#ifndef AM_GRAPH_ANALYSIS_H
#define AM_GRAPH_ANALYSIS_H

#include <stddef.h>
#include <stdint.h>

#include "../core/model.h"

/* Limits. Each one can be lowered or raised through am_graph_options. */
#define AM_GRAPH_MAX_ANCESTORS 10000  /* vertices explored above one claim */
#define AM_GRAPH_MIN_ANCESTORS 64     /* per-claim share never drops below this */
#define AM_GRAPH_WORK_PER_EDGE 8      /* ancestor work budget per vertex+edge of the graph */
#define AM_GRAPH_MAX_CRITICAL 32      /* critical units listed per claim */
#define AM_GRAPH_MAX_ROBUSTNESS 64    /* max-flow stops at this many disjoint chains */
#define AM_GRAPH_MAX_ROUNDS 10000     /* rounds of the grounded fixpoint */
#define AM_GRAPH_NEVIDENCE 7          /* am_evidence_type values */
#define AM_GRAPH_NSOURCE_KINDS 5      /* am_source_kind values */

typedef struct {
    size_t max_ancestors;  /* AM_GRAPH_MAX_ANCESTORS */
    size_t work_per_edge;  /* AM_GRAPH_WORK_PER_EDGE; 0 = no global budget */
    size_t max_rounds;     /* AM_GRAPH_MAX_ROUNDS */
    int no_pagerank;       /* 1: skip PageRank (all 0) */
} am_graph_options;

void am_graph_options_init(am_graph_options *o);

typedef enum {
    AM_ACCEPT_UNDECIDED = 0,
    AM_ACCEPT_ACCEPTED,
    AM_ACCEPT_REJECTED
} am_accept;

typedef struct {
    size_t source;  /* index into map->sources */
    double share;   /* of the claim's chains that start at it, in [0, 1] */
} am_reliance;

typedef struct {
    size_t unit;             /* index into map->units */
    size_t vertex;           /* its vertex in the support structure */
    double chains;           /* support chains (a double: exact below 2^53) */
    int chains_exact;        /* 0 when chains passed 2^53 and is rounded */
    size_t depth;            /* relations on the longest chain */
    size_t breadth;          /* distinct direct supporters */
    size_t evidence_count;   /* evidence units among the ancestors */
    size_t evidence_types[AM_GRAPH_NEVIDENCE]; /* counts by am_evidence_type */
    AM_VEC(size_t) sources;  /* sources behind it, sorted by index */
    AM_VEC(am_reliance) reliance; /* sources chains start at, sorted by index */
    int unsupported;         /* no supporter at all */
    int attacked;            /* an attack or undercut aims at it */
    size_t attackers;        /* distinct attackers */
    long cycle;              /* index into analysis->cycles, or -1 */
    AM_VEC(size_t) critical; /* dominator vertices, nearest first (at most MAX_CRITICAL) */
    size_t critical_count;   /* all of them */
    long robustness;         /* vertex connectivity from the leaves; -1: not computed */
    int robustness_capped;   /* a lower bound: stopped at AM_GRAPH_MAX_ROBUSTNESS
                                or at 8 searches of the ancestors */
    int truncated;           /* ancestor search hit its bound: evidence and sources
                                are lower bounds, reliance missing, robustness
                                missing unless a critical unit makes it 1 */
    double pagerank;
    am_accept accept;
} am_claim_analysis;

typedef struct {
    AM_VEC(size_t) vertices; /* members, sorted */
} am_cycle;

/* The support structure: vertices 0..nunits-1 are the argumentative units
 * (unit order), then one per source. Edges point toward what they back. */
typedef struct {
    size_t n;              /* vertices */
    size_t nunits;         /* graph units (kind != NONE) */
    am_ref *ref;           /* n: what each vertex is */
    long *unit_vertex;     /* map->units.len: vertex of each unit, or -1 */
    unsigned char *self;   /* n: 1 when a unit supports itself (that edge is dropped) */
    /* support edges, both directions, deduplicated (CSR) */
    size_t *in_off, *in_adj;     /* in_adj: predecessors */
    double *in_conf;             /* best confidence of the relations behind each in-edge */
    size_t *out_off, *out_adj;
    /* attacks (undercuts resolved to the vertex they end at) */
    size_t *att_off, *att_adj;   /* by target: attackers */
    /* strongly connected components, numbered in topological order */
    size_t nscc;
    size_t *scc;                 /* n: component of each vertex */
    size_t *mem_off, *mem;       /* members of each component, sorted */
    size_t *cin_off, *cin;       /* condensation in-edges (deduplicated) */
    double *cin_conf;            /* best relation confidence on each */
    size_t *cout_off, *cout;     /* condensation out-edges */
    double *paths;               /* per component: chains from the leaves ending there */
    size_t *depth;               /* per component: longest chain */
    size_t edges;                /* support edges (deduplicated) */
} am_support;

struct am_analysis {
    am_support sg;
    size_t vertices, relations_used, relations_skipped;
    AM_VEC(am_claim_analysis) claims; /* in unit order */
    long *claim_of_unit;     /* map->units.len: index into claims, or -1 */
    long major;              /* unit index of the major claim, or -1 */
    const char *major_basis; /* "classifier", "pagerank" or NULL */
    AM_VEC(am_cycle) cycles; /* ordered by first member */
    AM_VEC(size_t) disconnected; /* units with no relation at all */
    size_t unsupported_claims;
    size_t evidence_mix[AM_GRAPH_NEVIDENCE];
    size_t source_mix[AM_GRAPH_NSOURCE_KINDS]; /* by am_source_kind */
    size_t accepted, rejected, undecided;
    size_t rounds;           /* rounds of the grounded fixpoint */
    int accept_complete;     /* 0 when the rounds ran out */
    size_t ancestor_limit;   /* the per-claim bound that was applied */
    size_t truncated_claims;
};

/* Build the analysis of a map (units, sources, relations filled). */
int am_graph_analyze(am_analysis **out, const am_map *map, const am_graph_options *opts);

/* The pipeline stage: am_graph_analyze into map->analysis. */
int am_graph_stage(am_map *map, const am_analyze_options *opts);

/* The support structure alone (used by am_graph_analyze and the tests). */
int am_support_build(am_support *sg, const am_map *map, size_t *skipped);
void am_support_free(am_support *sg);

/* Grounded labelling (docs/graph.md): label[v] for every vertex. Returns
 * the rounds used, or a negative AM_E* code. *complete is 0 when the
 * rounds ran out before the fixpoint. */
int am_graph_grounded(const am_support *sg, am_accept *label, size_t max_rounds,
                      int *complete);

/* "u3" / "S2" for a vertex, into buf. */
void am_graph_vertex_id(const am_support *sg, size_t v, char *buf, size_t n);

#endif
