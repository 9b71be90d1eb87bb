/*
 * render.h - what the drawing code and the HTML report share (internal).
 *
 * render/ is the only folder that includes Graphviz's headers; nothing here
 * names a Graphviz type, so report.c and the tests can use it freely.
 */
#ifndef AM_RENDER_RENDER_H
#define AM_RENDER_RENDER_H

#include <stddef.h>

#include "../core/model.h"
#include "../core/strbuf.h"

/* ---------------------------------------------------------------- label.c */

/* Append s[0, n) folded for display: every run of white space and control
 * characters (C0, DEL, C1) becomes one space, leading and trailing space
 * goes, and when the text is longer than max characters (code points; 0: no
 * limit) it is cut, at a space when one is near, and ends with U+2026.
 * Invalid UTF-8 bytes become U+FFFD, so the result is always valid UTF-8.
 * Returns the number of characters appended. */
size_t am_text_fold(am_strbuf *sb, const char *s, size_t n, size_t max);

/* Append folded text (as above) as the body of a plain (not HTML-like)
 * Graphviz label: wrapped at `wrap` characters (0: never) with the "\n"
 * escape, backslashes doubled so that \N, \G, \l and friends stay text. */
void am_label_plain(am_strbuf *sb, const char *s, size_t n, size_t wrap, size_t max);

/* Append s[0, n) escaped for HTML text and attribute values: & < > " ' as
 * entities; control characters other than tab and newline as spaces;
 * invalid UTF-8 as U+FFFD. */
void am_html_escape(am_strbuf *sb, const char *s, size_t n);

/* -------------------------------------------------------------- figures.c */

/* Graph nodes are units (0 .. units.len-1) then sources (units.len + i).
 * The node an endpoint names, or -1 (a relation, or out of range). */
long am_node_of(const am_map *map, am_ref r);

/* Incoming support edges as compressed rows: the supporters of node v are
 * (*from)[(*start)[v] .. (*start)[v+1]). Both arrays are the caller's (free). */
int am_support_in(const am_map *map, size_t **start, long **from);

/* How one claim is supported. Figures that need the support subgraph to be
 * a DAG are -1 when the claim's ancestors hold a cycle. */
typedef struct {
    size_t supporters;   /* direct supporters (units and sources) */
    size_t attackers;    /* direct attackers, and undercutters of its supports */
    long depth;          /* the longest support chain, in edges */
    double chains;       /* support chains from a leaf to it (1 for a leaf) */
    size_t evidence;     /* evidence units among its support ancestors */
    size_t sources;      /* sources among its support ancestors */
    int cyclic;          /* 1 when a support cycle reaches it */
    int from_analysis;   /* 1 when read from the graph stage's analysis */
    /* Only from the analysis (-1 otherwise): */
    long critical;       /* units every chain passes through */
    long robustness;     /* units to remove before no chain reaches it */
    int truncated;       /* the analysis bounded its search: lower bounds */
} am_claim_figures;

/* Fill *out for unit `unit`. Reads map->analysis when the graph stage has
 * run (see figures.c), otherwise works the figures out from the relations:
 * the report never depends on the analysis being there. */
int am_claim_figures_get(const am_map *map, size_t unit, am_claim_figures *out);

/* The id of a node as drawn and written in JSON: "u3", "S2". */
void am_node_id(char *buf, size_t n, const am_map *map, long node);

/* The name of an evidence type as drawn ("testimony", "common ground"), or
 * "evidence" for none. */
const char *am_evidence_label(am_evidence_type t);

#endif
