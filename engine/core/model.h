/*
 * model.h - the engine's internal data model.
 *
 * A document (what was loaded) and a map (what the pipeline found in it).
 * Every stage reads and fills these structs; they never leave the library
 * (the public header has only opaque handles). All spans here are offsets
 * into doc->text, the plain text the pipeline reads; formats/ turns them
 * into offsets of the original input with am_doc_src_span().
 */
#ifndef AM_CORE_MODEL_H
#define AM_CORE_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "argmap.h"
#include "vec.h"

/* A span of doc->text, [start, end). */
typedef struct {
    size_t start, end;
} am_tspan;

typedef struct {
    am_tspan span;
    am_block_kind kind;
} am_block;

struct am_document {
    char *name;
    am_format format;
    char *src;          /* the original input (U+FFFD-replaced when asked), NUL-terminated */
    size_t src_len;
    char *text;         /* the plain text the pipeline reads, NUL-terminated; == src for text */
    size_t text_len;
    size_t *map;        /* text offset -> src offset, text_len + 1 entries; NULL when text == src */
    int has_title;
    size_t title_block; /* index into blocks when has_title */
    AM_VEC(am_block) blocks;
    AM_VEC(char *) warnings;
};

/* Offset of text byte `off` in the original input. */
size_t am_doc_src_offset(const am_document *doc, size_t off);
/* A text span as a span of the original input. */
am_span am_doc_src_span(const am_document *doc, am_tspan t);
/* Add a warning (copied); 0 or AM_ENOMEM. */
int am_doc_warn(am_document *doc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ------------------------------------------------------------ the map */

typedef struct {
    am_tspan span;
    size_t paragraph; /* index into doc->blocks */
} am_sentence;

typedef enum {
    AM_UNIT_NONE = 0,  /* argues nothing: heading, filler; kept out of the graph */
    AM_UNIT_CLAIM,
    AM_UNIT_EVIDENCE
} am_unit_kind;

typedef enum {
    AM_EV_NONE = 0,
    AM_EV_TESTIMONY,
    AM_EV_STATISTIC,
    AM_EV_EVENT,
    AM_EV_EXAMPLE,
    AM_EV_REPORT,
    AM_EV_COMMON_GROUND
} am_evidence_type;

typedef struct {
    am_tspan span;
    size_t sentence;   /* index into map->sentences */
    size_t paragraph;  /* index into doc->blocks */
    am_tspan marker;   /* the discourse marker that opens or joins it; empty if none */
    am_unit_kind kind;
    int major;         /* 1 for the article's major claim */
    am_evidence_type evidence;
    double confidence; /* of kind/evidence, in [0, 1] */
    int question;      /* 1 for a (rhetorical) question */
    long quote;        /* index into map->quotes of the quotation it carries, or -1 */
    long date;         /* index into map->dates, or -1 */
    long source;       /* index into map->sources of its speaker, or -1 */
} am_unit;

typedef enum {
    AM_QUOTE_TESTIMONY = 0,
    AM_QUOTE_ECHO,
    AM_QUOTE_SCARE,
    AM_QUOTE_NAME
} am_quote_kind;

typedef struct {
    am_tspan span;     /* with the quotation marks (or the whole block) */
    am_tspan content;  /* inside the marks */
    am_quote_kind kind;
    int block;         /* 1 for a block quotation (a paragraph of its own) */
    int indirect;      /* 1 for reported speech without quotation marks */
    long source;       /* index into map->sources, or -1 */
    am_tspan cue;      /* the cue ("said", "according to"); empty if none */
    am_tspan speaker;  /* the mention that names the speaker; empty if none */
    long unit;         /* the unit that carries it, or -1 */
    double confidence;
} am_quote;

typedef enum {
    AM_SRC_PERSON = 0,
    AM_SRC_ORGANISATION,
    AM_SRC_MEDIA,
    AM_SRC_ANONYMOUS,
    AM_SRC_AUTHOR
} am_source_kind;

typedef struct {
    char *name;                /* canonical name, owned */
    am_source_kind kind;
    char *role;                /* "State Department spokesman", or NULL */
    AM_VEC(char *) aliases;    /* owned strings, sorted, without name */
    AM_VEC(am_tspan) mentions; /* in text order */
} am_source;

/* Free what a source owns (analyze.c). */
void am_source_clear(am_source *s);

typedef enum {
    AM_DATE_YEAR = 0,
    AM_DATE_MONTH,
    AM_DATE_DAY
} am_date_precision;

typedef struct {
    am_tspan span;
    char iso[24];      /* "2022-02-25", "2022-03", "2022"; a range as "2022-03/2022-04" */
    am_date_precision precision;
    int year_inferred; /* 1 when the year came from context */
    long unit;         /* the unit it dates, or -1 */
} am_date;

typedef enum {
    AM_REL_SUPPORT = 0,
    AM_REL_ATTACK,
    AM_REL_UNDERCUT    /* attacks a relation: to.kind == AM_NODE_RELATION */
} am_rel_type;

/* The words for the kinds and types, in enum order, NULL-terminated
 * (names.c); the functions give the first word for an out-of-range value. */
extern const char *const am_source_kind_names[];
extern const char *const am_quote_kind_names[];
extern const char *const am_rel_type_names[];
const char *am_source_kind_name(am_source_kind k);
const char *am_quote_kind_name(am_quote_kind k);
const char *am_rel_type_name(am_rel_type t);

typedef enum {
    AM_NODE_UNIT = 0,
    AM_NODE_SOURCE,
    AM_NODE_RELATION
} am_node_kind;

typedef struct {
    am_node_kind kind;
    size_t index;
} am_ref;

typedef struct {
    am_ref from;       /* what backs (or attacks) */
    am_ref to;         /* what is backed (or attacked) */
    am_rel_type type;
    char *marker;      /* the marker text that produced it, owned, or NULL */
    const char *reason;/* static: "marker", "paragraph", "quote", "source", "model" */
    double confidence;
} am_relation;

/* Filled by the graph stage; defined there. */
typedef struct am_analysis am_analysis;
void am_analysis_free(am_analysis *a);

/* What an imported map keeps of its input that the model has no place for
 * (original ids, AIF nodes such as MA/TA, microtext roles), so that an
 * export gives the input back. Defined in formats/ix.h. */
typedef struct am_ix am_ix;
void am_ix_free(am_ix *ix);

struct am_map {
    const am_document *doc;
    const am_model *model;
    AM_VEC(am_sentence) sentences;
    AM_VEC(am_unit) units;
    AM_VEC(am_quote) quotes;
    AM_VEC(am_source) sources;
    AM_VEC(am_date) dates;
    AM_VEC(am_relation) relations;
    long major;            /* unit index of the major claim, or -1 */
    am_analysis *analysis; /* NULL until the graph stage ran */
    am_document *owned_doc;/* an imported map's synthetic document (== doc), or NULL */
    am_ix *ix;             /* an imported map's extra input, or NULL */
    /* argumentative units with no chain of relations to the major claim
     * (filled by the relate stage), in unit order */
    AM_VEC(size_t) disconnected;
    /* what the argue stages know of each unit (argue/features.c), built by
     * classify and reused by relate while the units are unchanged; owned,
     * freed by relate or with the map */
    void *argue_cache;
    void (*argue_cache_free)(void *);
};

#endif
