/*
 * graph.h - the map as an igraph graph (internal; graph/ and tests only).
 *
 * This is the one header that includes igraph.h. am_graph_build makes the
 * attributed graph of a whole map (for export, drawing and inspection);
 * the analysis asks igraph only for what it is best at (dominator tree,
 * PageRank, flows) through the functions below.
 */
#ifndef AM_GRAPH_GRAPH_H
#define AM_GRAPH_GRAPH_H

#include <igraph.h>

#include "analysis.h"

/* Install argmap's igraph error handler (record the message with am_err,
 * free igraph's temporaries, return instead of aborting), silence igraph's
 * warnings, set the attribute table and cap OpenMP at one thread unless
 * OMP_NUM_THREADS is set. Once per process; every function here calls it. */
void am_igraph_setup(void);

/* An igraph error code as an AM_E* code (the message is already set). */
int am_igraph_err(igraph_error_t e);

/* The attributed graph of a map. Vertices: one per argumentative unit
 * (unit order) then one per source, with attributes
 *   id "u3"/"S1", kind "claim"/"evidence"/"source", evidence (type or ""),
 *   start, end (offsets of the original input; a source's first mention,
 *   NaN without one), source (the speaker's id or ""), confidence (NaN for
 *   sources), name (sources only, else "").
 * Edges: one per relation between graph vertices, pointing toward what it
 * backs or attacks (an undercut ends at the vertex the undercut relation
 * ends at), with id "r5", type "support"/"attack"/"undercut", marker (or
 * ""), confidence, and undercuts (the id of the relation undercut, or "").
 * Relations that touch a unit of kind none are left out. *g is
 * initialised on success only; destroy it with igraph_destroy. */
int am_graph_build(igraph_t *g, const am_map *map);

/* Immediate dominators of every vertex of the support structure from a
 * virtual root linked to every member of a leaf component: idom[v] is a
 * vertex, -1 for the root, -2 when unreachable. With pagerank non-NULL,
 * also the PageRank (damping 0.85) of every vertex over support edges. */
int am_igraph_dominators(const am_support *sg, long *idom, double *pagerank);

/* Vertex connectivity from the virtual root to vertex c with igraph's
 * flow functions (a reference for the tests of the analysis's own max-flow). */
int am_igraph_robustness(const am_support *sg, size_t c, long *out);

#endif
