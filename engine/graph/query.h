/*
 * query.h - questions asked of an analysed map after the pipeline ran:
 * a claim's support chains, strongest first, and the comparison of two
 * claims or of two articles (plain C; formats/ turns them into JSON).
 */
#ifndef AM_GRAPH_QUERY_H
#define AM_GRAPH_QUERY_H

#include "../core/strbuf.h"
#include "analysis.h"

/* -------------------------------------------------------------- chains */

#define AM_CHAINS_MAX_ENTRIES 1000000 /* partial chains the search may hold */

typedef struct {
    AM_VEC(size_t) steps; /* components of the support structure, start first,
                             the claim's last; a component of several vertices
                             is a support cycle */
    double strength;      /* product of the best relation confidence per step */
} am_chain;

typedef struct {
    size_t claim;          /* unit index */
    double total;          /* all chains of the claim (the counted number) */
    int total_exact;
    size_t limit;
    AM_VEC(am_chain) chains; /* strongest first; ties: shorter first, then
                                the order the search met them (deterministic) */
} am_chain_list;

/* Find a claim by id ("u3") or by text that occurs in exactly one claim
 * (ASCII case-insensitive); NULL or "" gives the major claim. AM_ENOTFOUND
 * when none matches, AM_EINVAL when the text is in several claims. */
int am_graph_find_claim(const am_map *map, const char *key, size_t *unit);

/* Up to limit chains of a claim (map->analysis must be set). AM_ELIMIT
 * when the search would hold more than AM_CHAINS_MAX_ENTRIES. */
int am_graph_chains(am_chain_list *out, const am_map *map, size_t claim, size_t limit);
void am_chain_list_free(am_chain_list *l);

/* Sources a chain rests on: source vertices on it and the speakers of its
 * units, sorted, deduplicated (caller frees *out). */
int am_graph_chain_sources(const am_map *map, const am_chain *c, size_t **out, size_t *n);

/* ------------------------------------------------------------ compare */

#define AM_COMPARE_THRESHOLD 0.25   /* TF-IDF cosine to align two texts (docs/graph.md) */
#define AM_COMPARE_MAX_SUPPORT 1000 /* support units per claim matched across articles */
#define AM_COMPARE_MAX_CLAIMS 2000  /* claims per article compared (the similarity
                                       matrix holds their product) */

/* Cosine similarity of TF-IDF vectors of word unigrams and bigrams over a
 * small collection of texts; sim[i * nb + j] for text i of a and j of b.
 * IDF is computed over all na + nb texts: ln((1 + N) / (1 + df)) + 1. */
int am_text_similarity(double **sim, const char *const *a, const size_t *alen, size_t na,
                       const char *const *b, const size_t *blen, size_t nb);

/* Greedy one-to-one matching: pairs by decreasing similarity (ties: lower
 * i, then lower j), each text used once, similarity >= threshold.
 * match_a[i] = j or -1. */
int am_text_align(long *match_a, const double *sim, size_t na, size_t nb, double threshold);

typedef struct {
    size_t a, b;  /* indexes (units or sources) in map a and map b */
} am_pair;

typedef struct {
    long a, b;            /* claim units; -1 on the side without one */
    double similarity;    /* of the two claims' texts (1 for --claims) */
    AM_VEC(am_pair) shared_units;   /* support units found on both sides */
    AM_VEC(size_t) only_a, only_b;  /* support units on one side only */
    AM_VEC(am_pair) shared_sources;
    AM_VEC(size_t) only_a_sources, only_b_sources;
    int truncated;        /* a support search hit its bound */
} am_cmp_pair;

typedef struct {
    const am_map *a, *b;  /* the same map for two claims of one article */
    double threshold;
    AM_VEC(am_cmp_pair) pairs; /* aligned claims, in a's unit order */
    AM_VEC(size_t) unmatched_a, unmatched_b; /* claims without a partner */
} am_comparison;

/* Two claims of one analysed map: support shared by identity. */
int am_graph_compare_claims(am_comparison *out, const am_map *map, size_t ca, size_t cb);
/* Two analysed maps: claims aligned by text similarity, support units
 * matched by text similarity, sources by name. */
int am_graph_compare_maps(am_comparison *out, const am_map *a, const am_map *b,
                          double threshold);
void am_comparison_free(am_comparison *c);

/* A unit's text (borrowed from the document; "" without one). */
const char *am_graph_unit_text(const am_map *map, size_t unit, size_t *len);

/* Text output helpers: s[0, n) on one line, at most max bytes (cut at a
 * UTF-8 boundary, "..." when cut); one vertex as "u3    claim: text". */
void am_graph_excerpt(am_strbuf *sb, const char *s, size_t n, size_t max);
void am_graph_vertex_line(am_strbuf *sb, const am_map *map, size_t v, const char *indent);

#endif
