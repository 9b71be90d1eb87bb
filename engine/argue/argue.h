/*
 * argue.h - argument structure: gold units, features, linear models, the
 * tree decoder, and the classify and relate stages (internal).
 *
 * The stages read map->units (filled by the text stages or from gold
 * units) and fill unit kind/major/evidence/confidence, map->major and
 * map->relations. Trained weights live in models/weights/NAME.model and are
 * loaded with the lexicons by am_model_load (am_argue_weights_load).
 */
#ifndef AM_ARGUE_ARGUE_H
#define AM_ARGUE_ARGUE_H

#include <stddef.h>
#include <stdint.h>

#include "../core/lexicon.h"
#include "../core/model.h"

/* ------------------------------------------------------------ stages */

/* Fill map->units from opts->units (no-op without gold units). */
int am_stage_gold_units(am_map *map, const am_analyze_options *opts);
int am_stage_classify(am_map *map, const am_analyze_options *opts);
int am_stage_relate(am_map *map, const am_analyze_options *opts);

/* Run the stages before "classify" (the text stages, or the gold units):
 * the map the models read. Used by training and by tests. */
int am_argue_prepare(am_map **out, const am_document *doc, const am_model *model,
                     const am_analyze_options *opts);

/* Locate units[i] in doc->text in order, from byte `from`; white space may
 * differ. Sets *span; 0, or AM_EPARSE when not found. */
int am_gold_locate(const am_document *doc, const char *unit, size_t from, am_tspan *span);

/* 1 when s[0, n) ends with '?' (before closing quotes and brackets). */
int am_ends_with_question(const char *s, size_t n);

/* ---------------------------------------------------------- features */

/* Sparse features: hashed names (FNV-1a into AM_FEAT_DIM buckets) with
 * values. Indices start at 1, as liblinear wants. */
#define AM_FEAT_BITS 20
#define AM_FEAT_DIM ((uint32_t)1 << AM_FEAT_BITS)

typedef struct {
    uint32_t idx;
    double val;
} am_feat;

typedef struct {
    AM_VEC(am_feat) f;
    int oom;
} am_fvec;

uint32_t am_feat_hash(const char *name);
void am_fvec_add(am_fvec *v, const char *name, double val);
void am_fvec_addf(am_fvec *v, double val, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Sort by index and merge duplicates (summing); call before use. */
void am_fvec_finish(am_fvec *v);
void am_fvec_free(am_fvec *v);

/* What the features know about each unit of a map; computed once. */
typedef struct {
    AM_VEC(char *) tokens; /* lower-cased words and punctuation, owned */
    const char *marker;    /* the discourse-marker signal at its start, or NULL */
    const char *marker_in; /* a marker signal inside it, or NULL */
    char marker_text[48];  /* the marker words ("for example") */
    int modal, first_person, second_person, negation, cue, report_word, example_word;
    int quote_chars, digits, percent, money, year, month, question, exclaim;
    int quote_first, quote_last; /* opens / closes with a quotation mark */
    int cue_start, cue_end;      /* a speech cue among the first / last 4 words */
    int in_quote;                /* starts inside a quotation opened before it */
    int meta;                    /* opens with talk about the text ("Let us recall") */
    int fact;                    /* "Let's start with the fact that ...": content follows */
    int past;                    /* a verb in the past tense (irregular, or "-ed") */
    int number;                  /* a number that is not a year */
    int common;                  /* "everyone knows", "needless to say" */
    int proper;                  /* capitalised words not opening a sentence (names) */
    int para_first, para_last;
    size_t para_index;     /* paragraphs counted over units' paragraphs, 0-based */
    size_t tok0;           /* its first token in the context's token arrays */
    int marker_id, marker_in_id; /* the signals by number (features.c), 0 for none */
    uint32_t flag_bits;    /* its flags as bits (features.c: flag_names) */
    size_t word_tokens;    /* tokens that start with a letter, digit or byte >= 0x80 */
} am_unit_info;

/* A token of the context: where its text starts in the block, its length,
 * am_lex_hash_ci of it, and which distinct word of the text it is. */
typedef struct {
    uint32_t off, len, hash, word;
} am_ftok;

struct am_fword; /* what the lexicons say of one distinct word (features.c) */

typedef struct {
    const am_map *map;
    size_t n;
    am_unit_info *u;
    /* The tokens of all units, in one block: u[i].tokens.items point into
     * tok (not owned by the units), and ft[u[i].tok0 + k] is token k of
     * unit i. */
    char *text;     /* the tokens, lower-cased, each NUL-terminated */
    char **tok;
    am_ftok *ft;
    size_t ntok;
    struct am_fword *words;
    size_t nwords;
    const uint32_t *fixed;      /* the flag and place features' indices (features.c) */
    const uint32_t *pfixed;     /* the pair features' indices (features.c) */
    struct am_flex *own_flex;   /* tables built for this context (no model's), or NULL */
} am_fctx;

int am_fctx_init(am_fctx *c, const am_map *map);
void am_fctx_free(am_fctx *c);
/* The context of map kept in map->argue_cache: reused when the units and
 * what the context reads of them (spans, paragraphs, sentences, questions)
 * are unchanged since it was built, built afresh otherwise. Owned by the
 * map; am_fctx_release frees it early. */
int am_fctx_shared(am_map *map, const am_fctx **out);
void am_fctx_release(am_map *map);
/* Features of unit i, and of unit i attaching to unit j. */
int am_feat_unit(const am_fctx *c, size_t i, am_fvec *out);
/* The same before its last step: the features in no order, a feature
 * possibly more than once, every value 1 (am_fvec_finish makes
 * am_feat_unit's vector of it; am_linear_predict_raw reads it as it is). */
int am_feat_unit_raw(const am_fctx *c, size_t i, am_fvec *out);
int am_feat_pair(const am_fctx *c, size_t i, size_t j, am_fvec *out);
int am_feat_pair_raw(const am_fctx *c, size_t i, size_t j, am_fvec *out);

/* The tables the feature context reads of a model's lexicons (the cue,
 * marker and month lexicons' words, the multi-word keys' prefixes, the
 * indices of the fixed features), built once with the model's weights. */
struct am_flex;
int am_flex_build(struct am_flex **out, const am_model *model);
void am_flex_free(struct am_flex *fx);

/* The signal of a marker lexicon value ("signal" or "signal<TAB>where"),
 * normalised: "premise" (backs what
 * comes before: because), "conclusion" (is backed by what precedes: thus,
 * in other words), "attack", "concession", "example", "addition",
 * "report", or NULL. Synonyms: support-forward = premise, support-backward
 * = conclusion. */
const char *am_argue_signal(const char *value);

/* ------------------------------------------------------ linear models */

/* A trained linear classifier over hashed features: for class k,
 * score_k = w_k . x + b_k; probabilities as liblinear's logistic
 * regression gives them (sigmoid, normalised over classes). */
typedef struct {
    char name[32];
    int nclass;          /* >= 2 */
    int labels[8];       /* the class labels, in column order */
    double bias[8];
    size_t nrows;
    uint32_t *rows;      /* sorted feature indices */
    double *w;           /* nrows * nclass */
    /* rows by feature index (open addressing; built by am_linear_load, NULL
     * for a model just trained: then a search of rows) */
    uint32_t *hrow;      /* slot s: hrow[2s] the index, hrow[2s + 1] its row + 1 (0 empty) */
    size_t hmask;
} am_linear;

void am_linear_free(am_linear *m);
/* Probabilities of each class into p[nclass]. */
void am_linear_predict(const am_linear *m, const am_fvec *x, double *p);
/* The same for the vector am_fvec_finish would make of x, x holding only
 * values 1 (am_feat_unit_raw's): the features with a row are found, and
 * only those sorted, so the sums run in the same order. hits: scratch the
 * caller keeps between calls (AM_VEC_FREE it). */
typedef AM_VEC(uint64_t) am_hits;
int am_linear_predict_raw(const am_linear *m, const am_fvec *x, double *p, am_hits *hits);
/* Read / write the text form (models/weights/NAME.model). */
int am_linear_load(am_linear *m, const char *path);
int am_linear_save(const am_linear *m, const char *path);

/* Train L2-regularised logistic regression with liblinear. xs[n], ys[n];
 * C the inverse regularisation; balanced: weight classes by inverse
 * frequency. nclass/labels give the class set (columns). */
int am_linear_train(am_linear *m, const char *name, const am_fvec *xs, const int *ys,
                    size_t n, int nclass, const int *labels, double C, int balanced);

/* The trained models the stages use; owned by the am_model. */
typedef struct {
    am_linear cc, ro, fu, at, ev;
    int has_structure; /* cc, ro, fu, at loaded */
    int has_ev;
    double weight[4];  /* decoder weighting of cc, ro, fu, at */
    struct am_flex *flex; /* the feature context's tables (am_flex_build) */
} am_weights;

/* Make *copy the model base with the weights w lent to it (not owned: the
 * copy must not be freed with am_model_free). For evaluation. */
void am_argue_lend_weights(am_model *copy, const am_model *base, am_weights *w);

/* Load models/weights/ into m->weights (missing folder: no models). */
int am_argue_weights_load(am_model *m);
const am_weights *am_argue_weights(const am_model *m);

/* ---------------------------------------------------- tree decoding */

/* Maximum spanning arborescence (Chu-Liu/Edmonds) over n nodes with score
 * s[i*n + j] for the edge "i attaches to j" (i's head is j) and root[i] for
 * i being the root. Exactly one root. head[i] gets j, or -1 for the root.
 * Returns 0, AM_ENOMEM, or AM_EINVAL for n == 0. */
int am_mst_decode(size_t n, const double *s, const double *root, long *head);

/* The structure of a short text from the four models: central claim,
 * role, function, attachment (the evidence graph of Peldszus & Stede
 * 2015). head[i] (-1 root), fu[i] (0 central claim, 1 support, 2 attack),
 * ro[i] (0 proponent, 1 opponent), conf[i] the edge's score. */
typedef struct {
    long *head;
    int *fu;
    int *ro;
    double *conf;
} am_structure;

int am_structure_predict(const am_weights *w, const am_fctx *c, const double weight[4],
                         am_structure *out);
void am_structure_free(am_structure *s);

/* Roles from a tree: the root is proponent; attacks switch the role. */
void am_structure_roles(size_t n, const long *head, const int *fu, int *ro);

/* The lowest set bit of b (b != 0): the next flag or row in a bit set. */
static inline unsigned am_low_bit(uint64_t b)
{
#if defined(__GNUC__) || defined(__clang__)
    return (unsigned)__builtin_ctzll(b);
#else
    unsigned k = 0;
    while (!(b & 1)) {
        b >>= 1;
        k++;
    }
    return k;
#endif
}

#endif
