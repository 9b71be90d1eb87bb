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
    /* Gold units: when units_count > 0, these strings are the argumentative
     * units, found in the document text in this order (white space may
     * differ), and the pipeline's own unit segmentation is skipped. Borrowed
     * for the call. A unit that cannot be found fails with AM_EPARSE. */
    const char *const *units;
    size_t units_count;
} am_analyze_options;

void am_analyze_options_init(am_analyze_options *opts);

/* Parse a gold-unit list: a JSON array of strings, or else one unit a line
 * (blank lines skipped). *out is an array of *count NUL-terminated strings,
 * released with am_units_free. Errors: AM_EPARSE (bad JSON, a non-string,
 * invalid UTF-8; the message names `name` and the place), AM_ELIMIT (more
 * than max units), AM_ENOMEM. */
int am_units_parse(char ***out, size_t *count, const char *name, const char *data,
                   size_t len, size_t max);
void am_units_free(char **units, size_t count);

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

/* ------------------------------------------------- batch: JSON Lines records
 * What `argmap batch` writes and reads, one JSON object a line (prose:
 * docs/batch.md). Every function here returns 0 or a negative AM_E* code. */

/* The per-document summary as one compact JSON object: counts of paragraphs,
 * sentences, units by kind, evidence types, quotes and sources by kind,
 * relations by type, unsupported claims, the major claim, and the graph
 * stage's figures under "analysis" (null until that stage runs). *out is
 * NUL-terminated, owned by the caller (am_free); *len may be NULL. */
int am_map_summary_json(char **out, size_t *len, const am_map *map);

enum {
    AM_RECORD_FULL = 1 /* also the whole map, under "map" */
};

/* One output line for a document: {"id":ID,"summary":{...}} (with
 * AM_RECORD_FULL also "map":{...}), ending in '\n'. Invalid UTF-8 in id
 * is replaced by U+FFFD. */
int am_batch_record(char **out, size_t *len, const char *id, const am_map *map, int flags);

/* An error line: {"id":ID,"line":N,"error":{"code":"EPARSE","message":MSG}}
 * ending in '\n'. id NULL gives "id":null; line 0 leaves "line" out. */
int am_batch_error_record(char **out, size_t *len, const char *id, size_t line, int code,
                          const char *message);

/* One input line: {"id": "...", "text": "..."} or {"id": "...", "path": "..."},
 * with an optional "format" ("text", "markdown", "html"). Other members
 * are ignored. */
typedef struct {
    char *id;        /* owned */
    char *text;      /* owned, or NULL; text_len bytes (may hold no NUL) */
    size_t text_len;
    char *path;      /* owned, or NULL */
    am_format format;/* AM_FORMAT_AUTO when not given */
} am_batch_input;

/* Parse one input line (without its newline). Errors (AM_EPARSE, with a
 * message): invalid UTF-8, not JSON, not an object, a duplicate key, a
 * member of the wrong type, no id, neither or both of text and path, a
 * \u0000 escape. Unlike the rule above, on failure in->id is set when the
 * id could be read, so the error record can name it: call
 * am_batch_input_clear in both cases. */
int am_batch_input_parse(am_batch_input *in, const char *line, size_t len);
void am_batch_input_clear(am_batch_input *in);

/* The id of an output record, for --resume: *id (owned, am_free) is NULL
 * for "id":null, *line is its "line" member or 0. AM_EPARSE when the line
 * is not a record. */
int am_batch_record_id(char **id, size_t *line, const char *rec, size_t len);

/* ----------------------------------------------- corpus figures (aggregate)
 * Figures over many output records: most-cited sources, unsupported claims
 * per document, the evidence-type mix, documents ranked by support depth.
 * Memory is bounded: top lists keep `top` entries, the source table at
 * most `max_sources` names (the rest are counted together). */

#define AM_CORPUS_OPTIONS_VERSION 1

typedef struct {
    int version;        /* AM_CORPUS_OPTIONS_VERSION */
    size_t top;         /* 10: entries in each ranked list */
    size_t max_sources; /* 1000000 distinct source names */
} am_corpus_options;

void am_corpus_options_init(am_corpus_options *opts);

typedef struct am_corpus am_corpus;

int am_corpus_new(am_corpus **out, const am_corpus_options *opts);
void am_corpus_free(am_corpus *c);
/* Add one output record. AM_EPARSE when the line is not a record (the
 * corpus is unchanged); missing members are counted as missing, not errors. */
int am_corpus_add(am_corpus *c, const char *line, size_t len);

enum {
    AM_CORPUS_TEXT = 0, /* lines for people */
    AM_CORPUS_JSON = 1  /* one pretty JSON object */
};

/* The figures so far. *out owned by the caller (am_free). */
int am_corpus_report(char **out, const am_corpus *c, int flags);

/* ------------------------------------------------- chains and comparison */

/* Output flags of the functions below (AM_JSON_COMPACT applies to JSON). */
#define AM_OUT_JSON 2

#define AM_CHAINS_DEFAULT_LIMIT 20
#define AM_CHAINS_MAX_LIMIT 10000

/* The support chains of one claim, strongest first (strength: product of
 * the relation confidences along the chain; ties: shorter first), as text
 * for people or, with AM_OUT_JSON, JSON (docs/graph.md). `claim` is a unit
 * id ("u3"), text found in exactly one claim (ASCII case-insensitive), or
 * NULL for the major claim. limit 0 means AM_CHAINS_DEFAULT_LIMIT; above
 * AM_CHAINS_MAX_LIMIT fails with AM_ELIMIT. The output says when the limit
 * cut the list. Errors: AM_ENOTFOUND (no such claim), AM_EINVAL (text in
 * several claims; a map without analysis), AM_ELIMIT. *out: am_free. */
int am_map_chains(char **out, const am_map *map, const char *claim, size_t limit, int flags);

/* Two claims of one map side by side: depth, breadth, evidence types,
 * sources, robustness, acceptability, and the support they share. */
int am_map_compare_claims(char **out, const am_map *map, const char *claim_a,
                          const char *claim_b, int flags);

/* Two maps (two articles): their claims aligned by text similarity
 * (TF-IDF cosine over word unigrams and bigrams, greedy one-to-one, at
 * least 0.25), each aligned pair side by side with shared and unique
 * support. */
int am_maps_compare(char **out, const am_map *a, const am_map *b, int flags);

/* ------------------------------------------------------------ interchange
 *
 * Maps travel to and from the tools analysts use (docs/interchange.md):
 * AIF JSON (AIFdb, OVA), Argdown, GraphML, and the XML of the argumentative
 * microtext corpus. An imported map owns a synthetic document built from
 * the texts it carries (one paragraph per text node; for microtexts the
 * segments joined into the original text), so everything that works on an
 * analysed map works on it. Imports are untrusted input: every problem is
 * an AM_EPARSE (or AM_ELIMIT) whose message names the input and the place
 * (byte offset, node id, edge id). */

typedef enum {
    AM_IMPORT_AUTO = 0, /* by content: '<' is microtext XML; '{' is argmap JSON when its
                           "schema" is "argmap/...", else AIF JSON */
    AM_IMPORT_AIF,      /* AIF JSON as AIFdb and OVA write it */
    AM_IMPORT_MICROTEXT, /* arggraph XML of the argumentative microtext corpus */
    AM_IMPORT_JSON      /* argmap's own JSON (docs/schema.json), e.g. from analyze */
} am_import_format;

/* "auto", "aif", "microtext", "json". */
const char *am_import_format_name(am_import_format f);
/* Parse a name ("aif", "microtext", "auto"); AM_EINVAL for an unknown one. */
int am_import_format_parse(am_import_format *out, const char *name);

#define AM_IMPORT_OPTIONS_VERSION 1

typedef struct {
    int version;        /* AM_IMPORT_OPTIONS_VERSION */
    size_t max_bytes;   /* AM_DEFAULT_MAX_BYTES; larger input fails with AM_ELIMIT */
    size_t max_nodes;   /* 100000 nodes (and as many edges); more fail with AM_ELIMIT */
    size_t max_depth;   /* 64: JSON nested deeper fails with AM_ELIMIT */
} am_import_options;

void am_import_options_init(am_import_options *opts);

/* Read a map from AIF JSON or microtext XML in data[0, len). `name` is used
 * in messages and as the document name (NULL: "<memory>"). opts may be
 * NULL. The map owns its document (am_map_document gives it); things that
 * were skipped (unknown node types, ...) are the document's warnings.
 * Errors: AM_EPARSE (malformed input, dangling or duplicate ids, a cycle of
 * edges on edges, ...), AM_ELIMIT, AM_EINVAL, AM_ENOMEM. */
int am_map_import(am_map **out, const char *name, const char *data, size_t len,
                  am_import_format fmt, const am_import_options *opts);

/* The map as AIF JSON: an I-node per unit, RA per support, CA per attack
 * (an undercut is a CA pointing at the RA or CA it attacks), and for each
 * quoted speaker a participant, an L-node with its locution and a YA
 * ("Asserting") to the unit. A map imported from AIF is written back with
 * its own ids and every node and edge it had. flags: AM_JSON_COMPACT. */
int am_map_to_aif(char **out, size_t *len, const am_map *map, int flags);

/* The map as Argdown: a heading per paragraph, a titled statement per unit
 * with #claim/#evidence/#quote tags and {speaker, type, span} data, and the
 * relations as +> (support) and -> (attack, undercut) lines. */
int am_map_to_argdown(char **out, size_t *len, const am_map *map);

/* The map as GraphML (yEd, Gephi, Cytoscape, draw.io): a node per unit and
 * source, an edge per relation (an undercut ends at a small node that
 * stands for the relation it attacks), every attribute declared as a typed
 * <key>. */
int am_map_to_graphml(char **out, size_t *len, const am_map *map);


/* --------------------------------------------------------------- compare
 *
 * How far one map (`test`, e.g. argmap's analysis of a text) agrees with
 * another (`gold`, e.g. the corpus's annotation of the same text, read
 * with am_map_import). Units match one to one by the overlap of their
 * spans (bytes in common / bytes in either, at least min_overlap; a gold
 * unit is looked up by its text when the two documents differ); edges
 * match when both ends match and the type is the same (undercuts: when
 * the relations they attack match). Relations from sources are left out:
 * gold maps have none. */

#define AM_DIFF_OPTIONS_VERSION 1

typedef struct {
    int version;        /* AM_DIFF_OPTIONS_VERSION */
    double min_overlap; /* 0.5 */
} am_diff_options;

void am_diff_options_init(am_diff_options *opts);

typedef struct {
    size_t gold_units, test_units, matched_units;
    size_t gold_edges, test_edges, matched_edges;
    size_t matched_edges_untyped; /* both ends match, any type */
    int major_matched;            /* 1 when the major claims are a matched pair */
} am_diff_counts;

/* Compare two maps. *json (if json is not NULL) gets a report: the counts,
 * precision, recall and F1, the matched pairs and the missing and extra
 * units and edges, by their ids (flags: AM_JSON_COMPACT); owned by the
 * caller (am_free). *counts (if not NULL) gets the counts. */
int am_map_diff(char **json, size_t *len, am_diff_counts *counts, const am_map *gold,
                const am_map *test, const am_diff_options *opts, int flags);
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
