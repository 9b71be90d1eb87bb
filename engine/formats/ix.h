/*
 * ix.h - what the importers share (internal): the am_ix side table, a
 * builder for the synthetic document of an imported map. (Safe JSON
 * reading is in jr.h, which brings cJSON.)
 *
 * An imported map is an ordinary am_map plus an am_ix that remembers the
 * input's own ids and the parts the model has no place for, so that an
 * export can give back what came in.
 */
#ifndef AM_FORMATS_IX_H
#define AM_FORMATS_IX_H

#include "../core/model.h"
#include "../core/strbuf.h"

/* One AIF node as it came in. Strings are owned; absent members are NULL. */
typedef struct {
    char *id;
    char *type;      /* "I", "RA", "CA", "MA", "L", "YA", "TA", ... */
    char *text;
    char *scheme;    /* "scheme" member (a scheme name), or NULL */
    char *scheme_id; /* "schemeID" member, or NULL */
    char *timestamp; /* "timestamp" member, or NULL */
    int modelled;    /* 1 when a unit, relation, quote or YA stands for it */
} am_ix_node;

typedef struct {
    char *id;
    char *from, *to; /* node ids */
} am_ix_edge;

typedef struct {
    char *node;      /* the L node */
    char *person;    /* participant id */
    char *timestamp, *start, *end, *source; /* NULL when absent */
} am_ix_locution;

typedef struct {
    char *id;
    char *firstname, *surname;
} am_ix_participant;

struct am_ix {
    am_import_format origin;
    /* per model element: the input's id, or NULL (index = element index) */
    AM_VEC(char *) unit_ids;   /* AIF I-node / microtext ADU */
    AM_VEC(char *) rel_ids;    /* AIF RA/CA node / microtext edge */
    AM_VEC(char *) quote_ids;  /* AIF L-node */
    AM_VEC(char *) quote_ya;   /* AIF YA node from the L-node to its unit */
    AM_VEC(char *) source_ids; /* AIF participant */
    AM_VEC(char) unit_role;    /* microtext: 'p' proponent, 'o' opponent; else 0 */
    /* AIF: everything as it came in, in input order */
    AM_VEC(am_ix_node) nodes;
    AM_VEC(am_ix_edge) edges;
    AM_VEC(am_ix_locution) locutions;
    AM_VEC(am_ix_participant) participants;
    char *wrapper;             /* "AIF"/"aif" when the input wrapped the nodeset, else NULL */
};

/* A new map with an empty synthetic document and an am_ix. */
int am_ix_map_new(am_map **out, const char *name, am_import_format origin);

/* Append text as one paragraph of the synthetic document (followed by a
 * blank line; an empty text makes an empty paragraph) and return its span
 * in *span. The text is checked to be
 * UTF-8 without NUL; `where` names the place for the message. */
int am_ix_doc_para(am_map *map, am_strbuf *text, const char *s, size_t n, am_block_kind kind,
                   am_tspan *span, const char *where);
/* Move the text into the document (doc->src == doc->text); call once, after
 * the last paragraph, before spans are read. */
int am_ix_doc_finish(am_map *map, am_strbuf *text);

/* Push a unit with the given span (a sentence is added for it too) and
 * its input id; returns its index or a negative error. */
long am_ix_add_unit(am_map *map, am_tspan span, size_t paragraph, const char *id);
/* Push a relation; returns its index or a negative error. */
long am_ix_add_relation(am_map *map, am_ref from, am_ref to, am_rel_type type,
                        const char *reason, const char *id);

/* An order of n items in which each comes after the items it depends on
 * (deps of i: items[start[i] .. start[i+1])). Iterative, so a long chain
 * costs no stack. Returns 0 with order[] filled, 1 with *cycle set to an
 * item on a cycle, or AM_ENOMEM. */
int am_ix_topo(size_t n, const size_t *start, const size_t *items, size_t *order, size_t *cycle);

/* Flags: 1 for each unit that belongs in an exported graph (it argues, or
 * a relation touches it). malloc'd (at least one byte); NULL when out of
 * memory. */
char *am_graph_units(const am_map *map);

/* A string -> long map (open addressing; keys are copied), so lookups in
 * untrusted input stay linear overall. */
typedef struct {
    char **keys;
    size_t *lens;
    long *vals;
    size_t cap, len;
} am_strmap;

/* Add key (n bytes) -> v unless the key is there; 0 or AM_ENOMEM. */
int am_strmap_put(am_strmap *m, const char *key, size_t n, long v);
/* The value of key, or -1. */
long am_strmap_get(const am_strmap *m, const char *key, size_t n);
void am_strmap_free(am_strmap *m);

/* Store a string in a vector of owned strings at index i (growing it with
 * NULLs); s may be NULL. */
int am_ix_set(char ***items, size_t *len, size_t *cap, size_t i, const char *s);
#define AM_IX_SET(v, i, s) am_ix_set(&(v)->items, &(v)->len, &(v)->cap, (i), (s))

/* malloc'd copy, NULL-safe (returns NULL for NULL); sets *oom on failure. */
char *am_ix_strdup(const char *s, int *oom);

#endif
