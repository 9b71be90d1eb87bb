/*
 * quotes.h - quotations, their speakers and the registry of sources
 * (internal to the engine; the stage is "quotes" in analyze.c).
 *
 * The stage works in four steps, one file each:
 *   quotes.c       quotation marks -> quote spans (nested, unbalanced,
 *                  block quotes), then a kind for each quote;
 *   qtokens.c      words and sentences of the text (a local sentence rule
 *                  when the sentence stage has not run);
 *   attribution.c  cues and speakers: "X said", "said X", "according to X",
 *                  a colon, pronouns, and reported speech without marks;
 *   sources.c      one record per speaker, aliases merged, every mention.
 * All spans are byte offsets into doc->text.
 */
#ifndef AM_TEXT_QUOTES_H
#define AM_TEXT_QUOTES_H

#include <stdint.h>
#include <string.h>

#include "../core/lexicon.h"
#include "../core/model.h"

/* Quotes nested deeper than this are not tracked (their marks are read as
 * plain characters): it bounds the work per mark and the stack. */
#define AM_QUOTE_MAX_DEPTH 8

/* ------------------------------------------------------------ quote marks */

typedef struct {
    am_tspan span;    /* with the marks */
    am_tspan content; /* inside the marks */
    int depth;        /* 0 for an outermost quote */
    int recovered;    /* 1 when the closing mark was missing (closed at the block end) */
} am_qspan;

typedef AM_VEC(am_qspan) am_qspan_vec;

/* Find the quotations in text[start, end) (one block: quotes never cross a
 * block) and append them to *out in order of their opening mark. Apostrophes
 * (don't, Russia's, '90s) are not quotes. An opening mark left open at the
 * end is closed at the end when it opened the block or followed a colon or
 * comma, and dropped otherwise; a stray closing mark is ignored. O(n).
 * 0 or AM_ENOMEM. */
int am_quote_scan(const char *text, size_t start, size_t end, am_qspan_vec *out);

/* ------------------------------------------------------------ tokens */

enum { AM_QT_WORD = 0, AM_QT_NUM, AM_QT_PUNCT };

typedef struct {
    size_t start, end;
    int32_t quote;      /* the outermost quote (index into ctx quotes) covering it, or -1 */
    uint32_t sent;      /* sentence index (into ctx->sents) */
    uint32_t block;     /* block index */
    uint32_t cp;        /* first code point (punctuation: the mark) */
    uint32_t hash;      /* am_lex_hash_ci of its bytes: one hash for every lexicon lookup */
    unsigned char type; /* AM_QT_* */
    unsigned char cap;  /* starts with an upper-case letter */
    unsigned char title;/* in the headline (read only for "Name: claim") */
    /* 40 bytes: a long text has a token every 5 bytes, and the rules walk
     * them again and again (indices fit: am_qtok_build checks) */
} am_qtok;

/* The lexicons the stage reads (models/lexicons/quote_*.txt). */
typedef struct {
    const am_lexicon *cues;      /* cue verbs and phrases, value = form */
    const am_lexicon *titles;    /* titles and roles: President, Gen., spokesman */
    const am_lexicon *anonymous; /* heads of anonymous sources: official, source */
    const am_lexicon *pronouns;  /* he/she/they/I/who..., value = class */
    const am_lexicon *media;     /* outlets and media words */
    const am_lexicon *orgs;      /* words that make an organisation: Ministry */
    const am_lexicon *stop;      /* words that end a speaker phrase: that, which */
    const am_lexicon *abbrev;    /* abbreviations that keep their period */
    const am_lexicon *names;     /* nouns that make a quoted name: plan, style */
    const am_lexicon *adverbs;   /* words between a speaker and a cue: also, later */
    const am_lexicon *dets;      /* words that open a lower-case speaker phrase: the, most */
    const am_lexicon *notlabels; /* line openers that are no speaker label: UPDATE: */
} am_qlex;

/* A quote being built (before it becomes an am_quote). */
typedef struct {
    am_tspan span, content;
    int depth, block, indirect, recovered;
    am_quote_kind kind;
    am_tspan cue, speaker;
    long source;     /* index into ctx->srcs, or -1 */
    long parent;     /* the testimony whose content holds it, or -1 */
    double confidence;
} am_qitem;

/* A speaker mention before sources are merged. */
typedef struct {
    am_tspan span;     /* the mention as written (may be a pronoun) */
    am_tspan name;     /* the name part ("Ned Price"), empty for pronouns */
    am_tspan role;     /* "State Department spokesman", "director of X", or empty */
    am_source_kind kind;
    long source;       /* resolved source, or -1 */
} am_qmention;

/* What sources.c keeps beside each source while the registry grows. */
typedef struct {
    char *key;                /* merge key: "P:Zelensky", "O:russian foreign ministry" */
    AM_VEC(char *) names;     /* name forms without titles ("Vladimir Zelensky") */
} am_qsrcx;

typedef struct {
    const am_document *doc;
    const char *text;
    am_qlex lex;
    AM_VEC(am_qtok) toks;
    AM_VEC(am_tspan) sents;     /* sentence spans */
    AM_VEC(size_t) sent_tok;    /* first token of each sentence, sents.len + 1 entries */
    AM_VEC(am_qitem) quotes;
    AM_VEC(am_source) srcs;     /* the registry being built */
    AM_VEC(am_qsrcx) srcx;      /* merge key and name forms of each source */
    size_t *src_hash;           /* open-addressing index of srcx keys: index + 1, 0 = empty */
    size_t src_hash_cap;        /* a power of two */
    AM_VEC(am_tspan) persons;   /* person names seen anywhere (titles): pronoun antecedents */
    size_t max_quotes;
    /* attribution.c's per-token memo of lexicon lookups (the same token is
     * asked about many times while phrases are walked) */
    uint8_t *memo;              /* AM_QMEMO_N slots per token: 0 = not looked up yet,
                                   AM_QMEMO_NONE = not in the lexicon, else entry
                                   index + 2; or NULL (no memo). One byte a slot:
                                   a lexicon of 254 entries or more is not
                                   memoised (the cues: cue_pass keeps its own). A
                                   long text has a token every 5 bytes, and this
                                   memory is touched for the first time. */
    uint32_t *cue;              /* the cue at each token (attribution.c's cue_pass) */
    uint32_t *cue_tok;          /* the tokens with a cue, in order (cue_pass) */
    size_t ncue_tok;
    uint32_t *capw;             /* the capitalised words (AM_QT_WORD, cap), in order:
                                   where names are looked for (cue_pass) */
    size_t ncapw;
    const am_lexicon *memolex[9]; /* the memoised lexicons, by slot (AM_QL_*) */
    struct am_qnp_cache *npc;   /* attribution.c's phrases before cues, or NULL */
    int tok_sorted;             /* the tokens are in text order (the blocks are) */
    size_t *tok_at;             /* am_qtok_at's index: first token at or after b << SHIFT */
    size_t tok_at_len;
} am_qctx;

#define AM_QTOK_AT_SHIFT 8

/* The memoised lexicons: memo slots and indices into memolex. */
enum {
    AM_QL_PRONOUNS = 0, AM_QL_STOP, AM_QL_ADVERBS, AM_QL_DETS, AM_QL_TITLES,
    AM_QL_ANONYMOUS, AM_QL_CUES, AM_QL_ORGS, AM_QL_MEDIA, AM_QMEMO_N
};

/* A memo slot of a token that is in no entry. */
#define AM_QMEMO_NONE 1u

/* qtokens.c: tokens of doc->text and sentences (map->sentences when the
 * sentence stage ran, else a local rule). */
int am_qtok_build(am_qctx *c, const am_map *map);
/* The token index of the first token starting at or after off. */
size_t am_qtok_at(const am_qctx *c, size_t off);

/* Token i is word, ignoring ASCII case. Inline: with a literal word the
 * length test is a constant and rules out most tokens at once. */
static inline int am_qtok_is(const am_qctx *c, size_t i, const char *word)
{
    if (i >= c->toks.len)
        return 0;
    const am_qtok *k = &c->toks.items[i];
    size_t n = k->end - k->start;
    if (n != strlen(word))
        return 0;
    const char *w = c->text + k->start;
    for (size_t j = 0; j < n; j++) { /* strncasecmp of the C locale */
        unsigned char a = (unsigned char)w[j], b = (unsigned char)word[j];
        if ((a >= 'A' && a <= 'Z' ? a + 32 : a) != (b >= 'A' && b <= 'Z' ? b + 32 : b))
            return 0;
    }
    return 1;
}

/* Token i is an ASCII punctuation mark among chars. */
static inline int am_qtok_punct(const am_qctx *c, size_t i, const char *chars)
{
    if (i >= c->toks.len)
        return 0;
    const am_qtok *k = &c->toks.items[i];
    return k->type == AM_QT_PUNCT && k->cp < 0x80 && k->cp && strchr(chars, (int)k->cp);
}

/* Token i is a dash: - – — */
static inline int am_qtok_dash(const am_qctx *c, size_t i)
{
    if (i >= c->toks.len)
        return 0;
    const am_qtok *k = &c->toks.items[i];
    return k->type == AM_QT_PUNCT && (k->cp == '-' || k->cp == 0x2013 || k->cp == 0x2014);
}

/* Token i is any quotation mark. */
static inline int am_qtok_qmark(const am_qctx *c, size_t i)
{
    if (i >= c->toks.len)
        return 0;
    uint32_t cp = c->toks.items[i].cp;
    return c->toks.items[i].type == AM_QT_PUNCT &&
           (cp == 0xAB || cp == 0xBB || cp == 0x201C || cp == 0x201D || cp == 0x201E ||
            cp == 0x2018 || cp == 0x2019 || cp == '"' || cp == '\'' || cp == '`');
}
const am_lex_entry *am_qtok_lex(const am_qctx *c, const am_lexicon *lex, size_t i);
/* The value of token i in lex (NULL when absent; punctuation is never in a
 * lexicon), memoised per token when c->memo is set and lex is one of
 * memolex. */
const char *am_qtok_lexval(const am_qctx *c, const am_lexicon *lex, size_t i);
/* The same, the lexicon entry itself. */
const am_lex_entry *am_qtok_lexent(const am_qctx *c, const am_lexicon *lex, size_t i);

/* am_qtok_lexent of the memoised lexicon c->memolex[k] (k an AM_QL_*),
 * inline: most lookups are answered by the memo. The token's hash is the
 * one am_lex_find_ci would compute. */
static inline const am_lex_entry *am_qtok_lexk(const am_qctx *c, int k, size_t i)
{
    const am_lexicon *lex = c->memolex[k];
    if (!lex || i >= c->toks.len)
        return NULL;
    const am_qtok *t = &c->toks.items[i];
    if (t->type == AM_QT_PUNCT)
        return NULL;
    uint8_t *m = c->memo ? &c->memo[i * AM_QMEMO_N + k] : NULL;
    if (m && *m)
        return *m == AM_QMEMO_NONE ? NULL : &lex->entries.items[*m - 2];
    /* the call only when a slot of the hash's probe holds that hash: else
     * it is in no entry (am_lex_find_ci_h skips the slots of other hashes
     * and stops at an empty one) */
    int maybe = !lex->fold_hash;
    for (size_t at = t->hash & lex->fold_mask; !maybe && lex->fold_hash[at].index;
         at = (at + 1) & lex->fold_mask)
        maybe = lex->fold_hash[at].hash == t->hash;
    const am_lex_entry *e =
        maybe ? am_lex_find_ci_h(lex, c->text + t->start, t->end - t->start, t->hash) : NULL;
    if (m && lex->entries.len < 0xFEu) /* the memo is a cache: filling it changes no meaning */
        *m = e ? (uint8_t)(e - lex->entries.items + 2) : (uint8_t)AM_QMEMO_NONE;
    return e;
}

/* Its value, or NULL. */
static inline const char *am_qtok_lexkv(const am_qctx *c, int k, size_t i)
{
    const am_lex_entry *e = am_qtok_lexk(c, k, i);
    return e ? e->value : NULL;
}

/* A stable sort (equal items keep their order): the order glibc's qsort,
 * a merge sort, gives, in one pass for an array that is sorted already
 * and by merging its sorted runs otherwise. */
void am_qsort_stable(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
/* Spans sorted as am_qsort_stable sorts them (cmp: spans that compare
 * equal are equal), by insertion for the short arrays most documents
 * have, else by merging the sorted runs (spans are found in text order, a
 * few rules in turn). */
void am_tspan_sort(am_tspan *v, size_t n, int (*cmp)(const void *, const void *));

/* attribution.c: cues and speakers of the quotes; reported speech. */
int am_attribute(am_qctx *c);
/* sources.c: the source of a speaker, created or merged with one of the
 * same name; mention is the text that names it here (a pronoun, or the
 * phrase), name the name itself ("Ned Price"), role its role or empty.
 * *out gets its index. 0 or AM_ENOMEM / AM_ELIMIT. */
int am_source_add(am_qctx *c, am_tspan mention, am_tspan name, am_tspan role,
                  am_source_kind kind, long *out);
/* Add every further mention of each source's names; sort the registry by
 * first mention and renumber the quotes' sources. */
int am_sources_finish(am_qctx *c);
void am_sources_free_vec(am_qctx *c);
/* The kind of a speaker phrase (person, organisation, media, anonymous, author). */
am_source_kind am_source_kind_of(const am_qctx *c, size_t t0, size_t t1);

/* quotes.c: the pipeline stage. */
int am_stage_quotes(am_map *map, const am_analyze_options *opts);

#endif
