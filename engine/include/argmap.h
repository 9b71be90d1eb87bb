/*
 * argmap.h - the public C API of argmap.
 *
 * argmap turns an article into an argument map: claims, the evidence offered
 * for them, the sources it quotes, the relations between them, and an
 * analysis of how each claim is supported.
 *
 * Conventions (read these once, they hold for every function below):
 *
 *  - Every public name starts with am_ (functions, types) or AM_ (macros).
 *  - Handles are opaque. An object made by am_X_new / am_X_load / am_X_build
 *    belongs to the caller and is released with am_X_free; am_X_free(NULL)
 *    does nothing.
 *  - A function that can fail returns int: 0 on success, or a negative AM_E*
 *    code. On failure the out-parameter is left untouched and a message that
 *    names the input and the place (file, byte offset, line) can be read with
 *    am_error_last(). The library never prints, never exits, never aborts on
 *    bad input.
 *  - A returned `const T *` or `const char *` is borrowed: it lives as long
 *    as the object it came from.
 *  - Strings are UTF-8. Offsets are byte offsets into the original input, as
 *    read from the file or memory buffer, end exclusive.
 *  - The library keeps process-wide state in its dependencies (igraph and
 *    Graphviz are not thread-safe): use one thread, or one process per worker.
 */
#ifndef ARGMAP_H
#define ARGMAP_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define AM_VERSION "0.1.0"
/* The version of the JSON output schema (docs/schema.json). */
#define AM_SCHEMA_VERSION "1.0"

/* ---------------------------------------------------------------- errors */

enum {
    AM_OK = 0,
    AM_ENOMEM = -1,   /* out of memory */
    AM_EINVAL = -2,   /* a bad argument or option */
    AM_EIO = -3,      /* a file could not be opened, read or written */
    AM_EPARSE = -4,   /* the input is not what it claims to be (bad UTF-8, NUL, bad JSON, ...) */
    AM_ELIMIT = -5,   /* a documented limit was reached (input size, units, paths, ...) */
    AM_ENOTFOUND = -6 /* a named item (claim id, model file) does not exist */
};

/* The message of the last failed call on this thread, or "" when none.
 * Borrowed; valid until the next failing call on this thread. */
const char *am_error_last(void);

/* Forget the last message, so am_error_last() gives "" until the next failure. */
void am_error_clear(void);

/* A short name for an AM_E* code ("ENOMEM", ...). Never NULL. */
const char *am_error_name(int code);

/* Release memory the library returned to the caller as `char *`. */
void am_free(void *p);

/* --------------------------------------------------------------- loading */

typedef enum {
    AM_FORMAT_AUTO = 0, /* by file extension: .md/.markdown, .html/.htm, else text */
    AM_FORMAT_TEXT,
    AM_FORMAT_MARKDOWN,
    AM_FORMAT_HTML
} am_format;

/* The name of a format ("text", "markdown", "html"); "auto" for AUTO. */
const char *am_format_name(am_format f);
/* Parse a format name; returns AM_EINVAL for an unknown name. */
int am_format_parse(am_format *out, const char *name);

#define AM_LOAD_OPTIONS_VERSION 1
#define AM_DEFAULT_MAX_BYTES ((size_t)64 << 20) /* 64 MiB */

typedef struct {
    int version;          /* AM_LOAD_OPTIONS_VERSION */
    am_format format;     /* AM_FORMAT_AUTO */
    size_t max_bytes;     /* AM_DEFAULT_MAX_BYTES; larger input fails with AM_ELIMIT */
    int replace_invalid;  /* 0: invalid UTF-8 fails with AM_EPARSE; 1: replaced by U+FFFD */
} am_load_options;

/* Fill *opts with the defaults above. */
void am_load_options_init(am_load_options *opts);

typedef struct am_document am_document;

/* Read and parse a file. `path` "-" is not special here (the command handles
 * stdin). opts may be NULL for the defaults. Errors: AM_EIO (missing,
 * unreadable, a directory), AM_ELIMIT (over max_bytes), AM_EPARSE (invalid
 * UTF-8 or a NUL byte; the message names the byte offset), AM_ENOMEM. */
int am_document_load_file(am_document **out, const char *path,
                          const am_load_options *opts);

/* The same for bytes in memory; `name` is used in messages and output
 * (may be NULL: "<memory>"). With AM_FORMAT_AUTO the format is taken from
 * name's extension. The bytes are copied. */
int am_document_load_memory(am_document **out, const char *name,
                            const char *data, size_t len,
                            const am_load_options *opts);

void am_document_free(am_document *doc);

/* The name given when loading (the path, or the memory name). */
const char *am_document_name(const am_document *doc);
/* The format the document was parsed as (never AUTO). */
am_format am_document_format(const am_document *doc);
/* The original input bytes (after U+FFFD replacement when asked for). */
const char *am_document_source(const am_document *doc, size_t *len);

/* A span of the original input: [start, end) byte offsets. */
typedef struct {
    size_t start;
    size_t end;
} am_span;

typedef enum {
    AM_BLOCK_PARAGRAPH = 0,
    AM_BLOCK_HEADING,
    AM_BLOCK_QUOTE,    /* a block quotation (HTML blockquote, Markdown '>') */
    AM_BLOCK_LIST_ITEM
} am_block_kind;

/* The title: 1 and *span filled when the document has one, else 0. */
int am_document_title(const am_document *doc, am_span *span);
size_t am_document_paragraph_count(const am_document *doc);
/* Paragraph i (0-based): its span and kind. Returns AM_EINVAL when out of range. */
int am_document_paragraph(const am_document *doc, size_t i, am_span *span,
                          am_block_kind *kind);

/* Warnings met while loading (an empty document, replaced bytes, ...). */
size_t am_document_warning_count(const am_document *doc);
const char *am_document_warning(const am_document *doc, size_t i);

/* ---------------------------------------------------------------- models */

typedef struct am_model am_model;

/* Load the lexicons and trained weights from a models directory (the
 * project's models/). Errors name the file and line. */
int am_model_load(am_model **out, const char *dir);
void am_model_free(am_model *model);
/* The directory the model was loaded from. */
const char *am_model_dir(const am_model *model);

/* ------------------------------------------------------------- analysis */

#define AM_ANALYZE_OPTIONS_VERSION 1

typedef struct {
    int version;       /* AM_ANALYZE_OPTIONS_VERSION */
    size_t max_units;  /* 100000 by default; more units fail with AM_ELIMIT */
} am_analyze_options;

void am_analyze_options_init(am_analyze_options *opts);

typedef struct am_map am_map;

/* Analyse a loaded document into an argument map. `doc` and `model` are
 * borrowed and must outlive the map. `model` may be NULL only for documents
 * that need no lexicon (the map then carries the document alone). */
int am_analyze(am_map **out, const am_document *doc, const am_model *model,
               const am_analyze_options *opts);
void am_map_free(am_map *map);

/* The document the map was built from (borrowed). */
const am_document *am_map_document(const am_map *map);

/* ----------------------------------------------------------------- output */

enum {
    AM_JSON_PRETTY = 0,
    AM_JSON_COMPACT = 1 /* one line, no spaces: what JSON Lines needs */
};

/* Serialise the map as JSON (schema docs/schema.json). *out is
 * NUL-terminated, owned by the caller, freed with am_free; *len (if not
 * NULL) gets its length. The output is deterministic. */
int am_map_to_json(char **out, size_t *len, const am_map *map, int flags);

/* A short report a person can read: the title, counts of what was found,
 * the major claim. *out is owned by the caller (am_free). */
int am_map_summary(char **out, const am_map *map);

/* ---------------------------------------------------------------- drawing
 * Argument-map diagrams through Graphviz (cgraph + gvc, in this process; no
 * external program is run). Claims are boxes (the major claim doubled and
 * bold), evidence is shaped and coloured by type, sources are their own
 * nodes; support edges are solid, attack edges dashed with a tee head,
 * undercuts dotted onto a small point on the edge they attack. Every edge
 * points toward what it backs. docs/render.md describes it all. */

typedef enum {
    AM_GROUP_NONE = 0,   /* no clusters */
    AM_GROUP_PARAGRAPH,  /* units boxed by paragraph */
    AM_GROUP_SOURCE      /* each source boxed with the units it speaks */
} am_group;

/* The name of a grouping ("none", "paragraph", "source"); parse it back
 * with am_group_parse (AM_EINVAL for an unknown name). */
const char *am_group_name(am_group g);
int am_group_parse(am_group *out, const char *name);

#define AM_RENDER_OPTIONS_VERSION 1

typedef struct {
    int version;            /* AM_RENDER_OPTIONS_VERSION */
    const char *format;     /* "svg" (default), "png", "pdf", "json" (Graphviz's
                               JSON with the layout), "dot" (the graph as built,
                               before layout: no coordinates, deterministic) */
    am_group group;         /* AM_GROUP_NONE */
    int mono;               /* 0: Okabe-Ito colours; 1: black, white and greys */
    int legend;             /* 1: a legend of the kinds drawn (dot engine only) */
    size_t wrap;            /* 32: wrap labels at this many characters (0: never) */
    size_t max_label;       /* 160: cut label text at this many characters with an
                               ellipsis (0: never); tooltips keep the whole text */
    const char *focus;      /* NULL, or a unit id ("u3"): draw only the units and
                               sources within `depth` relations of it */
    size_t depth;           /* 2 */
    const char *engine;     /* NULL or "auto": dot up to sfdp_above nodes, sfdp
                               above; or a Graphviz layout name ("dot", "sfdp",
                               "neato", "fdp", "circo", "twopi") */
    size_t sfdp_above;      /* 1000 */
    size_t cluster_max;     /* 500: above this many nodes groups are dropped */
    size_t max_nodes;       /* 50000: more nodes fail with AM_ELIMIT */
    unsigned timeout;       /* seconds allowed for layout and rendering; the work
                               then runs in a forked child that is killed when
                               time is up (AM_ELIMIT). 0: no limit, in process */
} am_render_options;

void am_render_options_init(am_render_options *opts);

/* What a drawing turned out to be (all optional to read). */
typedef struct {
    char engine[16];        /* the layout engine used ("" for -T dot) */
    size_t nodes, edges;    /* drawn, without the legend */
    int clusters;           /* groups drawn */
    int clusters_dropped;   /* 1 when a group was asked for but left out (size, engine) */
    int legend_dropped;     /* 1 when the legend was asked for but left out (engine) */
} am_render_info;

/* Draw the map. *out (owned, am_free) gets the bytes, NUL-terminated for the
 * text formats, *len their length; info may be NULL. Errors: AM_EINVAL (bad
 * option, unknown format or engine), AM_ENOTFOUND (focus id), AM_ELIMIT
 * (max_nodes, timeout), AM_EIO (Graphviz failed; the message carries its
 * own). Deterministic for "dot"; the other formats are Graphviz's output. */
int am_map_render(char **out, size_t *len, const am_map *map,
                  const am_render_options *opts, am_render_info *info);

/* The HTML report: one self-contained page (inline SVG of the map drawn with
 * opts, CSS and a little JavaScript; nothing fetched) with the article, its
 * units highlighted by kind and linked both ways to the map, and tables of
 * claims, sources and support chains. opts->format is ignored (SVG). */
int am_map_report(char **out, size_t *len, const am_map *map,
                  const am_render_options *opts, am_render_info *info);

#ifdef __cplusplus
}
#endif
#endif /* ARGMAP_H */
