/*
 * attribution.c - who said it: cues and speakers of quotations, and
 * reported speech without quotation marks.
 *
 * A cue is a verb or phrase from models/lexicons/quote_cues.txt; its value
 * says how it is used (letters may combine):
 *   v  a finite verb with the speaker before it ("Zelensky said")
 *   b  a base form ("they say", "I think")
 *   r  may be inverted, the speaker after it ("said Price", "asks Neumann")
 *   t  takes an addressee ("told Italy's La Repubblica that")
 *   i  a participle whose speaker is the subject of the clause ("..., saying")
 *   p  a preposition with the speaker after it ("according to Bennett")
 *   a  the author's own opinion ("in my opinion")
 *   x  names a source but carries no content ("Politiko quotes ...")
 *   q  reports only a quotation or a that-clause ("added that ...")
 *
 * Direct quotations are attributed first: a cue inside the quotation
 * between dashes ("- asks Neumann -"), after it ("«...,» he said",
 * "«...,» Danilov, secretary of ..., told ..."), or before it, in the same
 * sentence and ending with a colon or comma ("Zelensky said: «...»"), or in
 * the paragraph before a block quotation. A colon with no cue gives the
 * quotation to the pronoun or name before it ("a quote from his interview:").
 * Then every cue not used so far is read as reported speech: the speaker
 * before (or after) the cue, the content the clause after it ("that ..."),
 * or the clause before it ("..., Clinton said."). Pronouns go back to the
 * last person named before them; "who" to the phrase it follows.
 *
 * The speaker phrase is found by walking back from the cue over words that
 * can be part of a noun phrase, stopping at punctuation and at the words of
 * quote_stop.txt; an apposition between commas or dashes ("X, director of
 * Y, told") is kept as the speaker's role. The speaker span follows what
 * PolNeAR marks (the apposition and its closing comma are in it; a pronoun
 * stays a pronoun), while the source it resolves to carries the clean name.
 * Transcript lines ("FALLIN: ...") and headlines ("Rubio: ...", "Trump
 * Says ...") are read too. No parser: the rules are local and bounded (a
 * phrase is at most AM_NP_MAX tokens, a search at most a sentence), and the
 * lexicon lookups are memoised per token.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/error.h"
#include "quotes.h"

#define AM_NP_MAX 12     /* tokens in a speaker phrase */
#define AM_ROLE_MAX 30   /* tokens in an apposition */
#define AM_AFTER_MAX 25  /* tokens searched after a quotation for its cue */

typedef struct {
    size_t a, b;   /* speaker tokens [a, b) */
    size_t na, nb; /* name tokens [na, nb) (== a, b unless an apposition) */
    size_t ra, rb; /* role tokens, ra == rb when none */
    int ok;
} np_t;

typedef struct {
    size_t len;         /* tokens */
    const char *form;   /* lexicon value */
    const am_lex_entry *entry; /* its entry (set by cue_lookup only) */
} cue_t;

static const am_qtok *T(const am_qctx *c, size_t i)
{
    return &c->toks.items[i];
}

static int is_word(const am_qctx *c, size_t i)
{
    return i < c->toks.len && T(c, i)->type != AM_QT_PUNCT;
}

static int inq(const am_qctx *c, size_t i)
{
    return T(c, i)->quote >= 0;
}

static size_t sent_start(const am_qctx *c, size_t i)
{
    return c->sent_tok.items[T(c, i)->sent];
}

static size_t sent_end(const am_qctx *c, size_t i)
{
    return c->sent_tok.items[T(c, i)->sent + 1];
}

/* strcmp(a, b) == 0 without the call: lexicon values are a few letters. */
static inline int streq(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

static int has(const char *form, char f)
{
    if (!form) /* strchr(form, f) for a letter f, without the call: forms are short */
        return 0;
    for (; *form; form++)
        if (*form == f)
            return 1;
    return 0;
}

/* A line break between the end of token a and the start of token b (a gap
 * of a byte or none is the common case, read without memchr). */
static int break_between(const am_qctx *c, size_t from, size_t to)
{
    for (size_t x = from; x < to; x++)
        if (c->text[x] == '\n')
            return 1;
    return 0;
}

/* The pronoun class of token i ("m", "f", "p", "a", "w", "r", "n"), or NULL. */
static const char *pronoun(const am_qctx *c, size_t i)
{
    if (!is_word(c, i))
        return NULL;
    return am_qtok_lexkv(c, AM_QL_PRONOUNS, i);
}

static int stopword(const am_qctx *c, size_t i)
{
    return am_qtok_lexkv(c, AM_QL_STOP, i) != NULL;
}

static int title(const am_qctx *c, size_t i)
{
    return is_word(c, i) && am_qtok_lexkv(c, AM_QL_TITLES, i) != NULL;
}

static int adverb(const am_qctx *c, size_t i, const char *kind)
{
    const char *v = is_word(c, i) ? am_qtok_lexkv(c, AM_QL_ADVERBS, i) : NULL;
    if (!v && kind && kind[0] == 'a' && kind[1] == 'd' && kind[2] == 'v' && !kind[3] && /* "adv" */
        is_word(c, i) && !T(c, i)->cap) {
        /* "jokingly", "hysterically": a lower-case word in -ly */
        const am_qtok *t = T(c, i);
        if (t->end - t->start > 4 && !strncmp(c->text + t->end - 2, "ly", 2))
            return 1;
    }
    return v && (!kind || (v[0] == kind[0] && streq(v, kind)));
}

/* The cue starting at token i (the longest lexicon match), or len 0. */
static cue_t cue_lookup(const am_qctx *c, size_t i);

/* The cue starting at token i: cue_pass found every token's before the
 * rules ran (a pure function of the tokens, which the rules never change),
 * as (entry index + 1) << 8 | length in tokens, 0 for none. */
static inline cue_t cue_at(const am_qctx *c, size_t i)
{
    cue_t r = {0, NULL, NULL};
    uint32_t v = i < c->toks.len ? c->cue[i] : 0;
    if (v) {
        r.len = v & 255u;
        r.form = c->lex.cues->entries.items[(v >> 8) - 1].value;
    }
    return r;
}

/* Some slot of the probe sequence of h in a lexicon's hash table holds the
 * hash h: when none does, am_lex_find_ci_h (fold_hash) or
 * am_lex_multi_words_ci_h (first_hash) finds nothing for any word of that
 * hash, as they skip the slots of other hashes and stop at an empty one. */
static inline int slot_has(const struct am_lex_slot *tab, size_t mask, uint32_t h)
{
    for (size_t at = h & mask; tab[at].index; at = (at + 1) & mask)
        if (tab[at].hash == h)
            return 1;
    return 0;
}

/* strncasecmp(k, w, n) of the C locale, inline: the binary search below
 * calls it for most words. */
static int ncasecmp(const char *k, const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int a = (unsigned char)k[i], b = (unsigned char)w[i];
        if (a >= 'A' && a <= 'Z')
            a += 32;
        if (b >= 'A' && b <= 'Z')
            b += 32;
        if (a != b)
            return a - b;
        if (!a)
            return 0;
    }
    return 0;
}

static int opens_phrase(const am_lexicon *lex, const char *w, size_t n)
{
    size_t lo = 0, hi = lex->folded.len;
    while (lo < hi) { /* the first key >= w, ignoring case */
        size_t mid = lo + (hi - lo) / 2;
        const char *k = lex->folded.items[mid]->key;
        if (ncasecmp(k, w, n) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t j = lo; j < lex->folded.len && j < lo + 4; j++) {
        const char *k = lex->folded.items[j]->key;
        if (ncasecmp(k, w, n))
            break;
        if (k[n] == ' ')
            return 1;
    }
    return 0;
}

/* The longest cue of k in [2, maxw] words starting at token i, or len 0:
 * the key "w1 w2 ... wk" of tokens i .. i+k-1 joined by spaces, none of
 * them punctuation or quoted, the whole under 160 bytes and inside the
 * sentence (se). The phrase is built once, its hash (am_lex_hash_ci)
 * carried along, and looked up from the longest down: for each k the same
 * key the lookup of that k words alone would make. Not inlined: its buffer
 * would make its caller pay for a large frame, and few tokens open a
 * phrase. */
__attribute__((noinline)) static cue_t cue_phrase(const am_qctx *c, size_t i, size_t maxw, size_t se)
{
    cue_t r = {0, NULL, NULL};
    const am_lexicon *lex = c->lex.cues;
    char buf[160];
    size_t len[81]; /* bytes of the first k words (k >= 2 words take >= 2k - 1 < 160 bytes) */
    uint32_t hk[81];
    size_t n = 0, k = 0;
    uint32_t h = AM_LEX_HASH_CI_INIT;
    for (size_t j = i; j < i + maxw && j < se && k < 80; j++) {
        const am_qtok *t = T(c, j);
        size_t w = t->end - t->start;
        if (t->type == AM_QT_PUNCT || t->quote >= 0 || n + w + 1 >= sizeof buf)
            break; /* no phrase of this word or more */
        if (j > i) {
            buf[n++] = ' ';
            h = am_lex_hash_ci_step(h, ' ');
        }
        const char *src = c->text + t->start;
        for (size_t x = 0; x < w; x++) {
            buf[n++] = src[x];
            h = am_lex_hash_ci_step(h, (unsigned char)src[x]);
        }
        k++;
        len[k] = n;
        hk[k] = h;
    }
    for (; k >= 2; k--) {
        if (lex->fold_hash && !slot_has(lex->fold_hash, lex->fold_mask, hk[k]))
            continue;
        const am_lex_entry *e = am_lex_find_ci_h(lex, buf, len[k], hk[k]);
        if (e) {
            r.len = k;
            r.form = e->value;
            r.entry = e;
            return r;
        }
    }
    return r;
}

/* opens_phrase, given first = am_lex_multi_first_ci_h of the word. The
 * keys whose first n bytes fold to w are a run of folded (sorted ignoring
 * case) that starts at opens_phrase's lower bound lo; the first of them
 * followed by a space is at first - 1. opens_phrase reads four keys from
 * lo, so it says 1 exactly when first - 1 < lo + 4: when the key four
 * places before is not in the run. */
static int opens_phrase_at(const am_lexicon *lex, const char *w, size_t n, size_t first)
{
    if (first == SIZE_MAX) /* not known: the search itself */
        return opens_phrase(lex, w, n);
    if (first == 0)
        return 0;
    size_t f = first - 1;
    return f < 4 || ncasecmp(lex->folded.items[f - 4]->key, w, n) != 0;
}

static cue_t cue_lookup(const am_qctx *c, size_t i)
{
    cue_t r = {0, NULL, NULL};
    const am_lexicon *lex = c->lex.cues;
    if (!lex || !is_word(c, i) || inq(c, i) || T(c, i)->title)
        return r;
    if (T(c, i)->cap && i != sent_start(c, i))
        return r; /* "the United States", not the verb "states" */
    size_t maxw = lex->max_words, se = sent_end(c, i);
    /* phrases only where a key of two or more words starts with this word
     * (the table says so in one probe; opens_phrase, which decides, is
     * only asked then), and of no more words than the longest such key */
    const am_qtok *ti = T(c, i);
    const char *w = c->text + ti->start;
    size_t wn = ti->end - ti->start;
    size_t fw = lex->first_hash && !lex->first_hash[ti->hash & lex->first_mask].index
                    ? 1 /* an empty first slot: what the call would say */
                    : am_lex_multi_words_ci_h(lex, w, wn, ti->hash);
    if (fw > 1 && opens_phrase_at(lex, w, wn, am_lex_multi_first_ci_h(lex, w, wn, ti->hash))) {
        r = cue_phrase(c, i, fw < maxw ? fw : maxw, se);
        if (r.len)
            return r;
    }
    /* one word: a token of 159 bytes or more was never looked up (it did
     * not fit the phrase buffer); each token is asked once (cue_pass keeps
     * the answer), so not through the memo */
    if (i + 1 > se || wn + 1 >= 160)
        return r;
    const am_lex_entry *one = am_lex_find_ci_h(lex, w, wn, ti->hash);
    if (one) {
        r.len = 1;
        r.form = one->value;
        r.entry = one;
    }
    return r;
}

/* The cue at every token, into c->cue (see cue_at), the tokens that have
 * one into c->cue_tok, and the capitalised words into c->capw. cue_lookup's tests
 * that need no lookup come first, then the hash tables of the cue lexicon:
 * a token whose hash is in neither is neither a one-word cue nor the first
 * word of a phrase (slot_has), which is what cue_lookup would find for
 * most tokens. */
static void cue_pass(am_qctx *c)
{
    const am_lexicon *lex = c->lex.cues;
    size_t n = c->toks.len, ncue = 0, ncap = 0;
    const am_qtok *tk = c->toks.items;
    uint32_t *cue = c->cue, *cue_tok = c->cue_tok, *capw = c->capw;
    if (!lex || lex->entries.len >= (1u << 24)) /* no cues (or more than the packing holds) */
        lex = NULL;
    const struct am_lex_slot *fh = lex ? lex->fold_hash : NULL, *mh = lex ? lex->first_hash : NULL;
    size_t fm = lex ? lex->fold_mask : 0, mm = lex ? lex->first_mask : 0;
    for (size_t i = 0; i < n; i++) {
        const am_qtok *t = &tk[i];
        cue[i] = 0;
        if (t->cap && t->type == AM_QT_WORD)
            capw[ncap++] = (uint32_t)i;
        if (!lex || t->type == AM_QT_PUNCT || t->quote >= 0 || t->title)
            continue;
        if (t->cap && i != c->sent_tok.items[t->sent])
            continue;
        if (fh && mh) {
            uint32_t h = t->hash;
            if (!fh[h & fm].index && !mh[h & mm].index)
                continue; /* both probes start at an empty slot: the common case */
            if (!slot_has(fh, fm, h) && !slot_has(mh, mm, h))
                continue;
        }
        cue_t r = cue_lookup(c, i);
        if (r.len) { /* entries are fewer than 2^24 (checked above) */
            cue[i] = (uint32_t)(r.entry - lex->entries.items + 1) << 8 | (uint32_t)(r.len & 255u);
            cue_tok[ncue++] = (uint32_t)i;
        }
    }
    c->ncue_tok = ncue;
    c->ncapw = ncap;
}

/* A run of noun-phrase tokens ending before token j, not before lo. */
static size_t np_run(const am_qctx *c, size_t j, size_t lo)
{
    size_t k = j, n = 0;
    while (k > lo && n < AM_NP_MAX) {
        size_t t = k - 1;
        /* "Sen. Bernie Sanders (I-Vt.)": a party tag in brackets */
        if (am_qtok_punct(c, t, ")") && k == j) {
            size_t o = t;
            while (o > lo && t - o < 6 && !am_qtok_punct(c, o, "("))
                o--;
            if (am_qtok_punct(c, o, "(") && o > lo && T(c, o - 1)->cap && is_word(c, o - 1)) {
                k = o;
                n += t - o + 1;
                continue;
            }
            break;
        }
        /* a lower-case word right before a name must be a determiner or a
         * title: "the moment Chris Christie said" starts at Chris */
        if (k < j && T(c, k)->cap && is_word(c, t) && !T(c, t)->cap && !title(c, t) &&
            !am_qtok_lexkv(c, AM_QL_DETS, t) && !am_qtok_is(c, t, "of") && !am_qtok_is(c, t, "and") &&
            T(c, t)->type != AM_QT_NUM && !am_qtok_lexkv(c, AM_QL_ANONYMOUS, t)) {
            const am_qtok *w = T(c, t);
            int adj = w->end - w->start > 3 && (!strncmp(c->text + w->end - 2, "al", 2) ||
                                                !strncmp(c->text + w->end - 2, "an", 2));
            if (!adj) /* "presidential candidate", "Republican" stay */
                break;
        }
        if (!is_word(c, t) || inq(c, t) || (cue_at(c, t).len && !T(c, t)->cap) ||
            (adverb(c, t, "adv") && !T(c, t)->cap) || am_qtok_lexkv(c, AM_QL_ADVERBS, t))
            break;
        /* "adviser to the head of ...": a role keeps its preposition */
        if (stopword(c, t) && !(am_qtok_is(c, t, "to") && t > lo && title(c, t - 1)))
            break;
        if (am_qtok_is(c, t, "and") || am_qtok_is(c, t, "&")) {
            /* "Moscow and Kiev", not "... and he" */
            /* "Trump and other Republicans", "she and other Democrats" */
            int left = t > lo && (T(c, t - 1)->cap || (pronoun(c, t - 1) && *pronoun(c, t - 1) != 'r'));
            if (!(left && k < j && (T(c, k)->cap || am_qtok_is(c, k, "the") ||
                                    am_qtok_is(c, k, "other") || am_qtok_lexkv(c, AM_QL_DETS, k))))
                break;
        }
        k--;
        n++;
    }
    /* a phrase does not start with a conjunction or a lower-case verb-like word */
    while (k < j && (am_qtok_is(c, k, "and") || am_qtok_is(c, k, "but") || am_qtok_is(c, k, "or")))
        k++;
    return k;
}

static int has_cap(const am_qctx *c, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (T(c, i)->cap && is_word(c, i))
            return 1;
    return 0;
}

static int role_ok(const am_qctx *c, size_t a, size_t b)
{
    if (a >= b || b - a > AM_ROLE_MAX)
        return 0;
    const am_qtok *t = T(c, a);
    size_t n = t->end - t->start;
    if (n > 3 && !strncasecmp(c->text + t->end - 3, "ing", 3))
        return 0; /* "speaking on TV" is not a role */
    /* "Obama, for all the progress, said", "Clinton, exasperated, said",
     * "Zimmerman, who identifies as Hispanic, said": no role. A role opens
     * with a determiner, a number (an age), a capital, or has a title. */
    if (stopword(c, a) || (pronoun(c, a) && !am_qtok_lexkv(c, AM_QL_DETS, a)))
        return 0; /* "his campaign spokeswoman" is a role, "who ..." is not */
    int titled = 0;
    for (size_t i = a; i < b && i < a + 5 && !titled; i++)
        titled = title(c, i);
    if (!titled && !t->cap && t->type != AM_QT_NUM && !am_qtok_lexkv(c, AM_QL_DETS, a))
        return 0;
    for (size_t i = a; i < b; i++)
        if (!inq(c, i) && T(c, i)->type == AM_QT_PUNCT && !am_qtok_punct(c, i, "'-.&,()"))
            return 0;
    return 1;
}

/* The speaker phrase that ends right before the cue at token i (adverbs
 * and auxiliaries skipped), not starting before lo. */
static np_t np_before_raw(const am_qctx *c, size_t i, size_t lo)
{
    np_t r = {0};
    size_t j = i;
    while (j > lo) {
        if (j - 1 > lo && adverb(c, j - 1, "time") && am_qtok_is(c, j - 2, "on"))
            j -= 2; /* "Chaffetz on Tuesday requested" */
        else if ((adverb(c, j - 1, NULL) || adverb(c, j - 1, "adv")) && !inq(c, j - 1))
            j--;
        else
            break;
    }
    if (j <= lo)
        return r;
    size_t t = j - 1;
    if (inq(c, t))
        return r;
    if (pronoun(c, t)) {
        if (*pronoun(c, t) == 'r' && t == sent_start(c, t))
            return r; /* "Who told you that?" is a question */
        if (am_qtok_is(c, t, "his") || am_qtok_is(c, t, "her") || am_qtok_is(c, t, "their") ||
            am_qtok_is(c, t, "its") || am_qtok_is(c, t, "our") || am_qtok_is(c, t, "my") ||
            am_qtok_is(c, t, "your"))
            return r; /* "all their hopes": the cue word was a noun */
        r.a = r.na = t;
        r.b = r.nb = t + 1;
        r.ok = 1;
        return r;
    }
    int dashed = am_qtok_dash(c, t);
    if (am_qtok_punct(c, t, ",") || dashed) {
        /* Apposition: "X, director of Y, said" or "an adviser to Z, X, told",
         * also between dashes: "Reynolds - Santilli's girlfriend - told". */
        size_t k = t, stop = t > lo + AM_ROLE_MAX ? t - AM_ROLE_MAX : lo;
        size_t na = k;
        int tries = 0;
        if (dashed)
            while (k > lo && am_qtok_dash(c, k - 1))
                k--; /* "--" is two tokens */
        /* "Marley Anderson, 21, a junior from Las Vegas, said": the name is
         * before the first comma of the run */
        for (;;) {
            int saw_cue = 0;
            while (k > stop) {
                k--;
                if (!inq(c, k) && (dashed ? am_qtok_dash(c, k) : am_qtok_punct(c, k, ",")))
                    break;
                cue_t ck = cue_at(c, k);
                if (!inq(c, k) && am_qtok_punct(c, k, ".;:!?")) {
                    k = stop;
                    break;
                }
                if (ck.len && !has(ck.form, 'i'))
                    saw_cue = 1;
            }
            /* a cue inside is allowed in a relative clause: "Mrs. Clinton, who
             * did not explicitly say that ..., said" */
            if (saw_cue && !(am_qtok_is(c, k + 1, "who") || am_qtok_is(c, k + 1, "whose")))
                return r;
            if (dashed)
                while (k > lo && am_qtok_dash(c, k - 1))
                    k--;
            if (k <= lo || !(dashed ? am_qtok_dash(c, k) : am_qtok_punct(c, k, ",")))
                return r;
            na = np_run(c, k, lo);
            /* "..., an official at the Authority in Arizona, which has a
             * backlog, said": a relative clause, or a phrase governed by a
             * preposition, is not the speaker; look further back */
            int governed = na > lo && na < k &&
                           ((am_qtok_lexkv(c, AM_QL_STOP, na - 1) && streq(am_qtok_lexkv(c, AM_QL_STOP, na - 1), "prep")) ||
                            am_qtok_is(c, na - 1, "of"));
            int relative = am_qtok_is(c, k + 1, "which") || am_qtok_is(c, k + 1, "where");
            /* "his top aide, Tad Devine, told": a lower-case role before a name */
            int name_inside = na < k && !has_cap(c, na, k) && t - (k + 1) <= 4 && t > k + 1;
            for (size_t x = k + 1; x < t && name_inside; x++)
                name_inside = is_word(c, x) && T(c, x)->cap && !inq(c, x);
            if (name_inside) {
                r.na = k + 1;
                r.nb = t;
                r.ra = na;
                r.rb = k;
                r.a = na;
                r.b = t + 1;
                r.ok = 1;
                return r;
            }
            if ((na < k && has_cap(c, na, k) && !governed && !relative) || ++tries >= 4)
                break;
        }
        if (na < k && has_cap(c, na, k) && (am_qtok_is(c, k + 1, "who") || am_qtok_is(c, k + 1, "whose"))) {
            /* "Levine, who has given money to Marco Rubio, said": PolNeAR
             * keeps the relative clause in the speaker */
            r.a = r.na = na;
            r.nb = k;
            r.b = t + 1;
            r.ok = 1;
            return r;
        }
        if (na < k && has_cap(c, na, k) && !role_ok(c, k + 1, t)) {
            /* "Zelensky, speaking on TV, said", "Texas, leading a coalition
             * of 13 states, said": the speaker as PolNeAR marks it, the
             * name without a role; "Mr. Trump, however, said", "Pence, on
             * the other hand, said": the name alone */
            r.a = r.na = na;
            r.nb = k;
            r.b = t + 1;
            r.ok = 1;
            if (stopword(c, k + 1) || adverb(c, k + 1, NULL) || adverb(c, k + 1, "adv"))
                r.b = k;
            return r;
        }
        if (na < k && has_cap(c, na, k) && role_ok(c, k + 1, t)) {
            int inner_name = t - (k + 1) <= 4 && T(c, k + 1)->cap && !title(c, k + 1);
            for (size_t x = k + 1; x < t && inner_name; x++)
                inner_name = T(c, x)->cap || am_qtok_is(c, x, "of");
            int outer_name = T(c, k - 1)->cap && !title(c, k - 1);
            if (inner_name && !outer_name) { /* role, NAME, */
                r.na = k + 1;
                r.nb = t;
                r.ra = na;
                r.rb = k;
            } else { /* NAME, role, */
                r.na = na;
                r.nb = k;
                r.ra = k + 1;
                r.rb = t;
            }
            r.a = na;
            r.b = t + 1; /* the apposition's closing comma, as PolNeAR marks it */
            r.ok = 1;
        }
        return r;
    }
    size_t a = np_run(c, j, lo);
    /* "A review by The Times shows", "Supporters in the crowd of about
     * 2,600 waved": a subject with prepositional phrases, taken only when
     * it reaches back to the start of the clause */
    for (int hop = 0; hop < 3 && a > lo + 1 && a < j; hop++) {
        const char *sv = am_qtok_lexkv(c, AM_QL_STOP, a - 1);
        if (!((sv && streq(sv, "prep")) || am_qtok_is(c, a - 1, "of")))
            break;
        size_t a2 = np_run(c, a - 1, lo);
        if (a2 >= a - 1 || !(a2 == lo || am_qtok_punct(c, a2 - 1, ",")))
            break;
        if (!has_cap(c, a2, a - 1) && !am_qtok_lexkv(c, AM_QL_DETS, a2))
            break;
        a = a2;
    }
    /* "the estimated 55 million", "his proposed ban": a determiner alone is
     * no speaker, the cue word was an adjective */
    if (a + 1 == j && am_qtok_lexkv(c, AM_QL_DETS, a) && !streq(am_qtok_lexkv(c, AM_QL_DETS, a), "pro") &&
        !pronoun(c, a))
        return r;
    /* a lower-case phrase needs a determiner ("the police", not "succesfully") */
    if (a < j && !has_cap(c, a, j) && !am_qtok_lexkv(c, AM_QL_DETS, a) && !title(c, j - 1) &&
        !am_qtok_lexkv(c, AM_QL_ANONYMOUS, j - 1)) {
        const am_qtok *h = T(c, j - 1);
        int plural = j - a <= 3 && h->end - h->start > 3 && c->text[h->end - 1] == 's' &&
                     c->text[h->end - 2] != 's' && !(h->end - h->start > 4 && c->text[h->end - 2] == 'l' &&
                                                   c->text[h->end - 3] == 'y');
        if (!plural)
            return r;
    }
    if (a < j) {
        r.a = r.na = a;
        r.b = r.nb = j;
        r.ok = 1;
    }
    return r;
}

/* The phrases found before the cues by collect_persons (np_before with
 * lo at the cue's sentence start), by cue token, in token order: the
 * rules ask for the same phrase again, and it is a pure function of the
 * tokens. */
struct am_qnp_cache {
    AM_VEC(struct am_qnp_entry { size_t tok; np_t np; }) v;
};

/* np_before, from the cache when it holds the answer. */
static np_t np_before(const am_qctx *c, size_t i, size_t lo)
{
    if (c->npc && c->npc->v.len && i < c->toks.len && lo == sent_start(c, i)) {
        size_t a = 0, b = c->npc->v.len;
        while (a < b) {
            size_t mid = a + (b - a) / 2;
            if (c->npc->v.items[mid].tok < i)
                a = mid + 1;
            else
                b = mid;
        }
        if (a < c->npc->v.len && c->npc->v.items[a].tok == i)
            return c->npc->v.items[a].np;
    }
    return np_before_raw(c, i, lo);
}

/* The speaker phrase starting at token i ("said State Department spokesman
 * Ned Price", "asks Neumann"), with an apposition after a comma. */
static np_t np_after(const am_qctx *c, size_t i, size_t hi)
{
    np_t r = {0};
    if (i >= hi || inq(c, i))
        return r;
    if (pronoun(c, i) && !(*pronoun(c, i) == 'g' && i + 1 < hi && is_word(c, i + 1))) {
        r.a = r.na = i; /* "said he", but "said one district GOP leader" */
        r.b = r.nb = i + 1;
        r.ok = 1;
        return r;
    }
    size_t k = i, n = 0;
    int caps = 0;
    while (k < hi && n < AM_NP_MAX && is_word(c, k) && !inq(c, k)) {
        int det = k == i && (am_qtok_is(c, k, "the") || am_qtok_is(c, k, "a") ||
                             am_qtok_is(c, k, "an") || am_qtok_is(c, k, "another"));
        int of = (am_qtok_is(c, k, "of") || am_qtok_is(c, k, "the")) && k > i &&
                 k + 1 < hi && (T(c, k + 1)->cap || am_qtok_is(c, k + 1, "the"));
        int link = 0; /* "Clinton ally James Carville", "Clinton campaign spokesman Brian Fallon" */
        if (k > i && T(c, k - 1)->cap && !T(c, k)->cap) {
            size_t x = k;
            while (x < hi && x < k + 3 && is_word(c, x) && !T(c, x)->cap && !stopword(c, x) &&
                   !cue_at(c, x).len && !inq(c, x))
                x++;
            link = x > k && x < hi && is_word(c, x) && T(c, x)->cap && !inq(c, x);
        }
        if (T(c, k)->cap || title(c, k) || det || of || link ||
            (k > i && am_qtok_lexkv(c, AM_QL_ANONYMOUS, k)) || am_qtok_lexkv(c, AM_QL_MEDIA, k)) {
            caps += T(c, k)->cap || am_qtok_lexkv(c, AM_QL_ANONYMOUS, k) != NULL;
            k++;
            n++;
            continue;
        }
        break;
    }
    /* "said the Clinton campaign", "said a Trump spokesman": a head noun
     * after the capitals */
    while (caps && k < hi && k - i < AM_NP_MAX && is_word(c, k) && !T(c, k)->cap && !inq(c, k) &&
           (am_qtok_lexkv(c, AM_QL_ORGS, k) || title(c, k) || am_qtok_lexkv(c, AM_QL_ANONYMOUS, k)) &&
           !cue_at(c, k).len)
        k++;
    if ((!caps || k == i) && am_qtok_lexkv(c, AM_QL_DETS, i)) {
        /* "said several observers", "said the Florida senator" */
        k = i + 1;
        while (k < hi && k - i < 6 && is_word(c, k) && !inq(c, k) && !stopword(c, k) &&
               !cue_at(c, k).len)
            k++;
        caps = k > i + 1;
    }
    if (!caps || k == i)
        return r;
    r.a = r.na = i;
    r.b = r.nb = k;
    r.ok = 1;
    /* "Howard Dean (D)", "Sen. Bernie Sanders (I-Vt.)" */
    if (am_qtok_punct(c, k, "(") && T(c, k - 1)->cap) {
        size_t e = k + 1;
        while (e < hi && e - k < 6 && !am_qtok_punct(c, e, ")"))
            e++;
        if (am_qtok_punct(c, e, ")"))
            r.b = k = e + 1; /* the tag is in the mention, not in the name */
    }
    if (am_qtok_punct(c, k, ",")) {
        size_t e = k + 1;
        while (e < hi && e - k <= AM_ROLE_MAX && !am_qtok_punct(c, e, ",.:;!?") && !inq(c, e))
            e++;
        int titled = 0;
        for (size_t x = k + 1; x < e && x < k + 6 && !titled; x++)
            titled = title(c, x);
        if (e > k + 1 && titled && role_ok(c, k + 1, e)) {
            r.ra = k + 1;
            r.rb = e;
        }
    }
    return r;
}

static am_tspan tspan(const am_qctx *c, size_t a, size_t b)
{
    am_tspan s = {0, 0};
    if (a < b) {
        s.start = T(c, a)->start;
        s.end = T(c, b - 1)->end;
    }
    return s;
}

/* ------------------------------------------------------------ persons */

static int cmp_span(const void *a, const void *b)
{
    const am_tspan *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end < y->end ? -1 : x->end > y->end;
}

static int add_person(am_qctx *c, size_t a, size_t b)
{
    if (a >= b)
        return 0;
    am_tspan *s = AM_VEC_PUSH(&c->persons);
    if (!s)
        return am_err_nomem();
    *s = tspan(c, a, b);
    return 0;
}

typedef struct {
    const char *s;
    size_t n;
} surname_t;

/* The trailing capitalised run of [a, b) that is not a title: the name. */
static size_t name_start(const am_qctx *c, size_t a, size_t b)
{
    size_t k = b;
    while (k > a && is_word(c, k - 1) && T(c, k - 1)->cap && !title(c, k - 1) && b - k < 4)
        k--;
    return k;
}

/* Names of people seen anywhere, for the pronouns: a title followed by a
 * capitalised name ("President Alexander Lukashenko"), the person named
 * before a cue, and every later use of their surnames. */
static int collect_persons(am_qctx *c)
{
    int err = 0;
    size_t n = c->toks.len;
    /* Three rules, driven by the lists cue_pass made (the order in which
     * names are added does not matter: they are sorted below, and equal
     * spans are equal). Two of them start at a token before a capitalised
     * word. */
    for (size_t k = 0; k < c->ncapw; k++) {
        size_t j = c->capw[k], i = j - 1;
        if (j == 0)
            continue;
        const am_qtok *ti = T(c, i);
        if (ti->type == AM_QT_PUNCT) {
            /* ", Mihail Podolyak," after a role: an apposition that is a name */
            if (i + 3 >= n || ti->cp != ',' || i == 0 || !is_word(c, i - 1) || T(c, i - 1)->cap)
                continue;
            size_t e = i + 1;
            while (e < n && e - i <= 3 && is_word(c, e) && T(c, e)->cap && !title(c, e) &&
                   !stopword(c, e))
                e++;
            if (e - i >= 3 && am_qtok_punct(c, e, ",") &&
                am_source_kind_of(c, i + 1, e) == AM_SRC_PERSON && (err = add_person(c, i + 1, e)) < 0)
                return err;
            continue;
        }
        /* a title followed by a capitalised name ("President Alexander
         * Lukashenko"); the cheap tests first (the lookups are pure) */
        if (title(c, i) && !title(c, j)) {
            size_t e = j;
            while (e < n && e - i <= 3 && is_word(c, e) && T(c, e)->cap && !title(c, e) &&
                   T(c, e)->block == ti->block)
                e++;
            if (am_source_kind_of(c, j, e) == AM_SRC_PERSON && (err = add_person(c, j, e)) < 0)
                return err;
        }
    }
    /* the person named before a cue (the phrases before the cues are
     * cached in token order) */
    for (size_t k = 0; k < c->ncue_tok; k++) {
        size_t i = c->cue_tok[k];
        cue_t cu = cue_at(c, i);
        if (has(cu.form, 'p'))
            continue;
        np_t np = np_before_raw(c, i, sent_start(c, i));
        struct am_qnp_entry *ce = c->npc ? AM_VEC_PUSH(&c->npc->v) : NULL;
        if (ce) { /* in token order; without room, only not cached */
            ce->tok = i;
            ce->np = np;
        }
        if (!np.ok || pronoun(c, np.na))
            continue;
        size_t ns = name_start(c, np.na, np.nb);
        if (ns < np.nb && am_source_kind_of(c, np.na, np.nb) == AM_SRC_PERSON &&
            (err = add_person(c, ns, np.nb)) < 0)
            return err;
    }
    /* "Aleksey Danilov spoke ...": two or three capitalised words opening a
     * sentence, then a lower-case word */
    for (size_t si = 0; si + 1 < c->sent_tok.len; si++) {
        size_t i = c->sent_tok.items[si], e = i;
        while (e < n && e - i < 3 && is_word(c, e) && T(c, e)->cap && !title(c, e) && !stopword(c, e) &&
               !adverb(c, e, NULL) && !pronoun(c, e) && !inq(c, e))
            e++;
        if (e - i >= 2 && e < n && is_word(c, e) && !T(c, e)->cap &&
            am_source_kind_of(c, i, e) == AM_SRC_PERSON && (err = add_person(c, i, e)) < 0)
            return err;
    }
    /* Later uses of the surnames: the known names sorted by start (for
     * "is this token inside a name") and their surnames in a hash set (for
     * "is this token a surname"), so that the sweep is O(n log p). */
    size_t known = c->persons.len;
    if (!known)
        return 0;
    am_tspan_sort(c->persons.items, known, cmp_span);
    /* the surnames as a set of byte strings: an open-addressing table by
     * the hash tokens carry (folded; the bytes are compared exactly) */
    size_t cap = 16;
    while (cap < 2 * known)
        cap *= 2;
    surname_t *sn = malloc(known * sizeof *sn);
    size_t *set = calloc(cap, sizeof *set); /* index + 1 into sn, 0 = empty */
    if (!sn || !set) {
        free(sn);
        free(set);
        return am_err_nomem();
    }
    for (size_t p = 0; p < known; p++) {
        am_tspan s = c->persons.items[p];
        size_t b0 = s.end;
        while (b0 > s.start && c->text[b0 - 1] != ' ')
            b0--;
        sn[p].s = c->text + b0;
        sn[p].n = s.end - b0;
        size_t at = am_lex_hash_ci(sn[p].s, sn[p].n) & (cap - 1);
        while (set[at] && !(sn[set[at] - 1].n == sn[p].n && !memcmp(sn[set[at] - 1].s, sn[p].s, sn[p].n)))
            at = (at + 1) & (cap - 1);
        if (!set[at]) /* once per surname: the probes stay short */
            set[at] = p + 1;
    }
    size_t lo = 0; /* the known names starting at or before the token: tokens come in order */
    for (size_t k = 0; k < c->ncapw && !err; k++) {
        size_t i = c->capw[k];
        const am_qtok *t = T(c, i);
        /* inside a known name? (the last name starting at or before it) */
        while (lo < known && c->persons.items[lo].start <= t->start)
            lo++;
        int inside = 0;
        for (size_t p = lo; p-- > 0 && lo - p <= 4 && !inside;)
            inside = t->end <= c->persons.items[p].end;
        if (inside)
            continue;
        const char *w = c->text + t->start;
        size_t wn = t->end - t->start;
        for (size_t at = t->hash & (cap - 1); set[at]; at = (at + 1) & (cap - 1)) {
            const surname_t *x = &sn[set[at] - 1];
            if (x->n == wn && !memcmp(x->s, w, wn)) { /* a surname */
                err = add_person(c, i, i + 1);
                break;
            }
        }
    }
    free(sn);
    free(set);
    if (err < 0)
        return err;
    am_tspan_sort(c->persons.items, c->persons.len, cmp_span);
    return 0;
}

/* The last person named before off, or an empty span. */
static am_tspan last_person(const am_qctx *c, size_t off)
{
    size_t lo = 0, hi = c->persons.len;
    while (lo < hi) { /* first with end > off */
        size_t mid = lo + (hi - lo) / 2;
        if (c->persons.items[mid].end <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    am_tspan none = {0, 0};
    return lo ? c->persons.items[lo - 1] : none;
}

/* ------------------------------------------------------------ speakers */

/* The source of a speaker phrase: names as they are, pronouns resolved.
 * *out = -1 when there is no source (an unresolved pronoun). */
static int resolve(am_qctx *c, np_t np, long *out)
{
    *out = -1;
    if (!np.ok)
        return 0;
    am_tspan none = {0, 0};
    am_tspan mention = tspan(c, np.a, np.b);
    const char *pc = np.b - np.a == 1 ? pronoun(c, np.a) : NULL;
    if (pc) {
        if (*pc == 'a' && !inq(c, np.a)) /* I, my: the author */
            return am_source_add(c, mention, none, none, AM_SRC_AUTHOR, out);
        if (*pc == 'r') { /* who: the phrase before it */
            size_t j = np.a;
            if (j > 0 && am_qtok_punct(c, j - 1, ","))
                j--;
            np_t ante = np_before(c, j, sent_start(c, np.a));
            if (!ante.ok || pronoun(c, ante.na))
                return 0;
            am_source_kind kind = am_source_kind_of(c, ante.a, ante.b);
            return am_source_add(c, mention, tspan(c, ante.na, ante.nb),
                                 tspan(c, ante.ra, ante.rb), kind, out);
        }
        if (*pc == 'm' || *pc == 'f' || *pc == 'x') {
            am_tspan p = last_person(c, mention.start);
            if (p.end <= p.start)
                return 0;
            return am_source_add(c, mention, p, none, AM_SRC_PERSON, out);
        }
        return 0; /* they, we, it: no antecedent rule */
    }
    am_source_kind kind = am_source_kind_of(c, np.na, np.nb);
    return am_source_add(c, mention, tspan(c, np.na, np.nb), tspan(c, np.ra, np.rb), kind, out);
}

static int set_attr(am_qctx *c, long qi, size_t cue_a, size_t cue_b, np_t np, double conf)
{
    long src;
    int err = resolve(c, np, &src);
    if (err < 0)
        return err;
    am_qitem *q = &c->quotes.items[qi];
    q->cue = tspan(c, cue_a, cue_b);
    if (np.ok)
        q->speaker = tspan(c, np.a, np.b);
    q->source = src;
    q->confidence = conf;
    return 0;
}

/* The cue's span, with the auxiliaries before it ("has said"). */
static size_t cue_begin(const am_qctx *c, size_t m, size_t lo)
{
    size_t k = m;
    while (k > lo && m - k < 3 && (adverb(c, k - 1, "aux") || adverb(c, k - 1, "adv")) &&
           !inq(c, k - 1))
        k--;
    return k;
}

static np_t clause_subject(const am_qctx *c, size_t m);

/* The phrase after "according to": up to the next punctuation, capitals
 * or not ("according to the city's own survey"). */
static np_t np_prep(const am_qctx *c, size_t i, size_t hi)
{
    /* The source after "according to" is everything up to the next
     * punctuation ("a memo released Friday by the agency's watchdog"); its
     * name is the noun phrase that opens it. */
    np_t r = np_after(c, i, hi);
    if (i >= hi || inq(c, i) || !is_word(c, i))
        return r;
    size_t e = i;
    while (e < hi && e - i < 25 && !inq(c, e) && (is_word(c, e) || am_qtok_punct(c, e, "-'&/")))
        e++;
    if (!r.ok) {
        size_t n = i;
        while (n < e && n - i < AM_NP_MAX &&
               !(n > i && stopword(c, n) && !am_qtok_is(c, n, "of") && !am_qtok_is(c, n, "the")))
            n++;
        r.na = i;
        r.nb = n;
    }
    r.a = i;
    r.b = e;
    r.ok = e > i;
    return r;
}

/* A base form needs a subject pronoun, an auxiliary or a plural subject:
 * "they say", "will say", "voters say", not "the following issue
 * regarding support". */
static int base_ok(const am_qctx *c, size_t m, cue_t cu, size_t lo, np_t np)
{
    if (!has(cu.form, 'b') || has(cu.form, 'v'))
        return 1;
    size_t j = cue_begin(c, m, lo);
    const am_qtok *h = T(c, np.b - 1);
    int plural = h->end - h->start > 3 && c->text[h->end - 1] == 's' &&
                 c->text[h->end - 2] != 's' && c->text[h->end - 2] != '\'';
    return j < m || pronoun(c, np.a) || am_qtok_is(c, m - 1, "to") || plural;
}

/* An inverted speaker takes its whole apposition, as PolNeAR marks it:
 * "said David Greene, director for civil liberties at the EFF." */
static np_t np_inverted(const am_qctx *c, size_t i, size_t hi)
{
    np_t r = np_after(c, i, hi);
    if (!r.ok || !am_qtok_punct(c, r.b, ",") || r.b + 1 >= hi)
        return r;
    size_t f = r.b + 1;
    if (!is_word(c, f) || inq(c, f))
        return r;
    if (T(c, f)->cap && !am_qtok_lexkv(c, AM_QL_DETS, f) && !title(c, f) && T(c, f)->type != AM_QT_NUM) {
        /* "Republican of South Carolina", "HP's former chief spokesman", but
         * not a new clause "..., Trump said" */
        const am_qtok *w = T(c, f);
        size_t wl = w->end - w->start;
        int poss = wl > 2 && (!strncmp(c->text + w->end - 2, "'s", 2) ||
                              (wl > 4 && !strncmp(c->text + w->end - 4, "\xe2\x80\x99s", 4)));
        int ok = poss || am_qtok_is(c, f + 1, "of");
        for (size_t x = f + 1; x < f + 4 && x < hi && !ok; x++)
            ok = title(c, x) && !T(c, x)->cap;
        if (!ok)
            return r;
    }
    const am_qtok *ft = T(c, f);
    if (ft->end - ft->start > 4 && !strncmp(c->text + ft->end - 3, "ing", 3))
        return r; /* "Ms. Acosta, referring to ..." */
    /* "said Ben Rhodes, Obama's deputy ...", "said Katie Packer, who runs
     * Our Principles": PolNeAR keeps the apposition, relative clauses too;
     * not "said Robin Maynard, half joking" */
    int rolelike = ft->cap || ft->type == AM_QT_NUM || am_qtok_lexkv(c, AM_QL_DETS, f) ||
                   am_qtok_is(c, f, "who") || am_qtok_is(c, f, "whose");
    for (size_t x = f; x < f + 4 && x < hi && !rolelike; x++)
        rolelike = title(c, x);
    if (!rolelike || am_qtok_is(c, f, "which"))
        return r;
    size_t e = f;
    int keep_comma = 0;
    while (e < hi && e - f < AM_ROLE_MAX && !(am_qtok_punct(c, e, ".;:!?") && !inq(c, e)) &&
           !(inq(c, e) && am_qtok_qmark(c, e))) {
        if (am_qtok_punct(c, e, ",") && e + 1 < hi &&
            (cue_at(c, e + 1).len || am_qtok_is(c, e + 1, "who") || am_qtok_is(c, e + 1, "whose") ||
             am_qtok_is(c, e + 1, "which") || am_qtok_is(c, e + 1, "where"))) {
            keep_comma = 1; /* "..., a senior analyst at Jefferies, who notes" */
            break;
        }
        e++;
    }
    if (e >= hi || e - f >= AM_ROLE_MAX || !am_qtok_punct(c, e, ".;:!?,"))
        return r;
    r.b = keep_comma ? e + 1 : e;
    return r;
}

static np_t speaker_for_cue(const am_qctx *c, size_t m, cue_t cu, size_t lo, size_t hi)
{
    np_t np = {0};
    if (has(cu.form, 'p'))
        return np_prep(c, m + cu.len, hi);
    np = np_before(c, m, lo);
    if (np.ok && !base_ok(c, m, cu, lo, np))
        np.ok = 0;
    if (!np.ok && m > lo && am_qtok_is(c, cue_begin(c, m, lo) - 1, "and"))
        np = clause_subject(c, m); /* "Mrs. Clinton shook her head and said, ..." */
    if (!np.ok && has(cu.form, 'r'))
        np = np_inverted(c, m + cu.len, hi);
    return np;
}

/* 1. A cue between dashes inside the quotation: "... now? - asks Neumann
 * rhetorically. - I ...". 1 when found. */
static int cue_inside(am_qctx *c, long qi, size_t qa, size_t qb, int *err)
{
    for (size_t t = qa + 1; t + 2 < qb; t++) {
        if (!am_qtok_dash(c, t))
            continue;
        /* cue_at refuses tokens inside quotes: read the lexicon directly */
        const char *form = am_qtok_lexkv(c, AM_QL_CUES, t + 1);
        if (!has(form, 'r'))
            continue;
        size_t k = t + 2;
        if (k < qb && T(c, k)->cap && !pronoun(c, k)) {
            size_t e = k;
            while (e < qb && e - k < 4 && is_word(c, e) && T(c, e)->cap)
                e++;
            np_t np = {k, e, k, e, 0, 0, 1};
            *err = set_attr(c, qi, t + 1, t + 2, np, 0.9);
            return 1;
        }
    }
    return 0;
}

/* 2. A cue after the quotation: "«...,» he said", "«...,» said X",
 * "«...,» X, role, told Y." */
static int cue_after(am_qctx *c, long qi, size_t qb, unsigned char *used, int *err)
{
    size_t k = qb;
    size_t blk = T(c, qb - 1)->block;
    while (k < c->toks.len && T(c, k)->block == blk &&
           (am_qtok_punct(c, k, ",") || (am_qtok_qmark(c, k) && !inq(c, k))))
        k++; /* a comma, or a stray mark */
    if (k >= c->toks.len || T(c, k)->block != blk || inq(c, k))
        return 0;
    size_t se = sent_end(c, k);
    cue_t cu = cue_at(c, k);
    if (cu.len && (has(cu.form, 'r') || has(cu.form, 'v'))) {
        np_t np = np_inverted(c, k + cu.len, se);
        if (np.ok) {
            used[k] = 1;
            *err = set_attr(c, qi, cue_begin(c, k, k), k + cu.len, np, 0.9);
            return 1;
        }
    }
    /* «Q.» He says referees ...: a new sentence with its own content is not
     * this quotation's cue */
    const am_qitem *qq = &c->quotes.items[qi];
    int closed = qq->content.end > qq->content.start &&
                 strchr(".!?", c->text[qq->content.end - 1]) && T(c, k)->cap;
    for (size_t m = k + 1; m < se && m < k + AM_AFTER_MAX && !inq(c, m); m++) {
        cu = cue_at(c, m);
        if (!cu.len || has(cu.form, 'p') || has(cu.form, 'i'))
            continue;
        np_t np = np_before(c, m, k);
        if (closed && !am_qtok_punct(c, m + cu.len, ".,") && m + cu.len < se)
            break;
        if (np.ok && np.a == k) {
            used[m] = 1;
            *err = set_attr(c, qi, cue_begin(c, m, k), m + cu.len, np, 0.9);
            return 1;
        }
        break;
    }
    return 0;
}

/* 3. A cue before the quotation, in the clause that ends with a colon or a
 * comma right before it ("X said: «...»"), or in the paragraph before a
 * block quotation. A colon and no cue: the pronoun before it ("a quote from
 * his interview:"). */
static int cue_before(am_qctx *c, long qi, size_t qa, size_t qb, unsigned char *used, int *err)
{
    size_t b = qa; /* one past the last token before the quotation */
    if (b == 0)
        return 0;
    if (T(c, b - 1)->block != T(c, qa)->block) {
        if (!am_qtok_punct(c, b - 1, ":"))
            return 0;
    } else if (am_qtok_punct(c, b - 1, ",")) {
        /* "as they say now, «rocked,»": a word or two after a comma is no testimony */
        size_t words = 0;
        for (size_t i = qa; i < qb; i++)
            words += is_word(c, i);
        if (words < 3)
            return 0;
    } else if (!am_qtok_punct(c, b - 1, ":") && !cue_at(c, b - 1).len) {
        return 0;
    }
    size_t lo = sent_start(c, b - 1);
    for (size_t m = b; m-- > lo;) {
        if (inq(c, m))
            continue; /* «Belarusian style» manner: */
        cue_t cu = cue_at(c, m);
        if (!cu.len || has(cu.form, 'x') || has(cu.form, 'a'))
            continue;
        np_t np;
        if (has(cu.form, 'i'))
            np = clause_subject(c, m);
        else
            np = speaker_for_cue(c, m, cu, lo, b);
        if (!np.ok)
            continue;
        used[m] = 1;
        *err = set_attr(c, qi, cue_begin(c, m, lo), m + cu.len, np, 0.8);
        return 1;
    }
    if (!am_qtok_punct(c, b - 1, ":"))
        return 0;
    /* "Rep. Trey Gowdy (R-S.C.): «...»": a name right before the colon */
    np_t nm = np_before(c, b - 1, lo);
    if (nm.ok && nm.a == lo && has_cap(c, nm.a, nm.b) && b - 1 - nm.a <= 8) {
        *err = set_attr(c, qi, b - 1, b, nm, 0.6);
        return 1;
    }
    /* "a paper from the Brookings Institution had this to say:" */
    np_t sj = clause_subject(c, b - 1);
    if (sj.ok && !pronoun(c, sj.a) && (has_cap(c, sj.a, sj.b) || am_qtok_lexkv(c, AM_QL_DETS, sj.a)) &&
        !am_qtok_is(c, sj.a, "here") && !am_qtok_is(c, sj.a, "this")) {
        *err = set_attr(c, qi, b - 1, b, sj, 0.5);
        return 1;
    }
    for (size_t m = b - 1; m-- > lo;) {
        if (inq(c, m))
            continue;
        const char *pc = pronoun(c, m);
        if (pc && (*pc == 'm' || *pc == 'f' || *pc == 'a')) {
            np_t np = {m, m + 1, m, m + 1, 0, 0, 1};
            *err = set_attr(c, qi, b - 1, b, np, 0.6);
            return 1;
        }
    }
    return 0;
}

/* A marked quotation: find its cue and speaker. A quotation after a colon
 * takes the cue before it first (the introduction names the speaker in
 * full); any other looks inside, after, then before. */
static int attribute_direct(am_qctx *c, long qi, unsigned char *used)
{
    am_qitem *q = &c->quotes.items[qi];
    size_t qa = am_qtok_at(c, q->span.start), qb = qa;
    while (qb < c->toks.len && T(c, qb)->end <= q->span.end)
        qb++;
    if (qa >= qb)
        return 0;
    int err = 0;
    if (qa > 0 && am_qtok_punct(c, qa - 1, ":") && cue_before(c, qi, qa, qb, used, &err))
        return err;
    if (cue_inside(c, qi, qa, qb, &err) || cue_after(c, qi, qb, used, &err) ||
        cue_before(c, qi, qa, qb, used, &err))
        return err;
    return 0;
}

/* The subject of the clause a participle hangs on ("X ..., saying"). */
static np_t clause_subject(const am_qctx *c, size_t m)
{
    np_t r = {0};
    size_t lo = sent_start(c, m), i = lo;
    /* skip an opening adverbial: "Before that,", "On March 6, ..., " */
    if (stopword(c, i) || adverb(c, i, NULL)) {
        while (i < m && !am_qtok_punct(c, i, ","))
            i++;
        i++;
    }
    if (i >= m || inq(c, i))
        return r;
    if (pronoun(c, i) && *pronoun(c, i) != 'r') {
        r.a = r.na = i;
        r.b = r.nb = i + 1;
        r.ok = 1;
        return r;
    }
    /* "the chief of the NATO secretary general's office, Stian Jenssen, ...":
     * a name between commas early in the clause is the subject */
    for (size_t k = i + 1; k + 2 < m && k < i + 15 && !inq(c, k) && !cue_at(c, k).len; k++) {
        if (!am_qtok_punct(c, k, ","))
            continue;
        size_t f = k + 1;
        while (f < m && f - k <= 3 && is_word(c, f) && T(c, f)->cap && !title(c, f))
            f++;
        if (f - k >= 3 && am_qtok_punct(c, f, ",")) {
            r.a = i;
            r.b = f;
            r.na = k + 1;
            r.nb = f;
            r.ra = i;
            r.rb = k;
            r.ok = 1;
            return r;
        }
        break;
    }
    size_t e = i;
    int capseen = 0;
    while (e < m && e - i < AM_NP_MAX && is_word(c, e) && !inq(c, e) && !cue_at(c, e).len &&
           !(e > i && stopword(c, e) && !am_qtok_is(c, e, "of") && !am_qtok_is(c, e, "the"))) {
        if (capseen && !T(c, e)->cap && !title(c, e) && !am_qtok_is(c, e, "of") &&
            !am_qtok_is(c, e, "the") && !am_qtok_lexkv(c, AM_QL_ANONYMOUS, e))
            break; /* "Donald Trump went ...": the verb ends the subject */
        capseen |= T(c, e)->cap;
        e++;
    }
    if (e == i || !has_cap(c, i, e))
        return r;
    r.a = r.na = i;
    r.b = r.nb = e;
    r.ok = 1;
    /* "the chief of X, Stian Jenssen," : the name after the comma */
    if (am_qtok_punct(c, e, ",") && e + 1 < m && T(c, e + 1)->cap) {
        size_t f = e + 1;
        while (f < m && f - e <= 4 && is_word(c, f) && T(c, f)->cap)
            f++;
        if (am_qtok_punct(c, f, ",")) {
            r.na = e + 1;
            r.nb = f;
            r.ra = i;
            r.rb = e;
            r.b = f;
            return r;
        }
    }
    /* "Huma Abedin, vice chairwoman for the campaign, emailed ...": the
     * apposition belongs to the speaker */
    if (am_qtok_punct(c, e, ",") && e + 2 < m) {
        size_t f = e + 1;
        while (f < m && f - e <= AM_ROLE_MAX && !am_qtok_punct(c, f, ",.;:!?") && !inq(c, f) &&
               !cue_at(c, f).len)
            f++;
        if (f < m && am_qtok_punct(c, f, ",") && role_ok(c, e + 1, f)) {
            r.ra = e + 1;
            r.rb = f;
            r.b = f + 1;
        }
    }
    return r;
}

/* The end of a reported clause starting at token p: the sentence end (its
 * final punctuation left out), or a colon or semicolon before it. */
static size_t content_end(const am_qctx *c, size_t p)
{
    if (p >= c->toks.len)
        return p;
    size_t se = sent_end(c, p), e = p;
    while (e < se) {
        if (!inq(c, e) && am_qtok_punct(c, e, ":;"))
            break;
        /* ", noting that ...", ", he said": another attribution begins */
        if (e > p && !inq(c, e) && am_qtok_punct(c, e, ",") &&
            (cue_at(c, e + 1).len || (e + 2 < se && (pronoun(c, e + 1) || T(c, e + 1)->cap) &&
                                      cue_at(c, e + 2).len)))
            break;
        e++;
    }
    while (e > p && !inq(c, e - 1) && am_qtok_punct(c, e - 1, ".!?,"))
        e--;
    return e;
}

static int starts_clause(const am_qctx *c, size_t p)
{
    if (p >= c->toks.len)
        return 0;
    if (am_qtok_is(c, p, "that") || am_qtok_is(c, p, "if") || am_qtok_is(c, p, "whether") ||
        am_qtok_is(c, p, "how") || am_qtok_is(c, p, "what") || am_qtok_is(c, p, "why") ||
        am_qtok_is(c, p, "there") || am_qtok_is(c, p, "the") || am_qtok_is(c, p, "a") ||
        am_qtok_is(c, p, "an") || am_qtok_is(c, p, "to") || am_qtok_is(c, p, "when"))
        return 1;
    const char *pc = pronoun(c, p);
    if (pc && *pc != 'r')
        return 1;
    if (adverb(c, p, NULL) || am_qtok_is(c, p, "and") || am_qtok_is(c, p, "or") ||
        am_qtok_is(c, p, "but"))
        return 0; /* "as they say now, ...", "their hopes and ..." */
    if ((am_qtok_is(c, p, "this") || am_qtok_is(c, p, "these") || am_qtok_is(c, p, "those")) &&
        p + 1 < c->toks.len && T(c, p + 1)->type == AM_QT_PUNCT)
        return 0; /* "who said this, but ..." */
    if (T(c, p)->type == AM_QT_WORD && !adverb(c, p, "time")) {
        /* "endorsed Cruz", "expressed concern", "said all staffers", but not
         * "said in a statement" */
        const char *v = am_qtok_lexkv(c, AM_QL_STOP, p);
        if (!v || !streq(v, "prep"))
            return 1;
    }
    return T(c, p)->cap || T(c, p)->type == AM_QT_NUM || (inq(c, p) && am_qtok_qmark(c, p));
}

static long new_item(am_qctx *c, size_t a, size_t b)
{
    if (c->quotes.len >= c->max_quotes)
        return am_err(AM_ELIMIT, "more than %zu quotations (raise max_units)", c->max_quotes);
    am_qitem *q = AM_VEC_PUSH(&c->quotes);
    if (!q)
        return am_err_nomem();
    q->span = q->content = tspan(c, a, b);
    q->indirect = 1;
    q->kind = AM_QUOTE_TESTIMONY;
    q->source = -1;
    q->parent = -1;
    return (long)c->quotes.len - 1;
}

/* Reported speech at the cue m: "X said (that) ...", "..., X said.",
 * "according to X, ...", "as X admitted, ...". */
static int attribute_indirect(am_qctx *c, size_t m, cue_t cu, int cue_used)
{
    size_t lo = sent_start(c, m), se = sent_end(c, m), p = m + cu.len;
    size_t cue_end = p; /* past the cue, with a preposition it takes */
    np_t np = {0};
    size_t ca = 0, cb = 0; /* content tokens */
    if (has(cu.form, 'a')) { /* In my opinion, ... */
        size_t mine = m;
        while (mine < p && !pronoun(c, mine))
            mine++;
        if (mine == p)
            return 0;
        np = (np_t){mine, mine + 1, mine, mine + 1, 0, 0, 1};
        ca = p;
        if (am_qtok_punct(c, ca, ","))
            ca++;
        cb = content_end(c, ca);
        if (cb <= ca)
            return 0;
    } else if (has(cu.form, 'p')) {
        np = np_prep(c, p, se);
        if (!np.ok)
            return 0;
        size_t after = np.rb > np.ra ? np.rb : np.b;
        if (m == lo) /* "According to a new poll by the Institute of Politics, ..." */
            for (size_t f = after; f < se && f < after + 12 && !inq(c, f); f++)
                if (am_qtok_punct(c, f, ",.;:")) {
                    after = f;
                    break;
                }
        if (am_qtok_punct(c, after, ",") && (m == lo || am_qtok_punct(c, m - 1, ",") ||
                                             adverb(c, m - 1, NULL))) {
            ca = after + 1;
            cb = content_end(c, ca);
        } else if (m > lo && am_qtok_punct(c, m - 1, ",")) {
            ca = lo;
            cb = m - 1;
        }
    } else {
        if (has(cu.form, 'i') && m > lo && adverb(c, m - 1, "aux")) {
            np = np_before(c, m, lo);
        } else if (has(cu.form, 'i')) {
            int after_comma = m > lo && am_qtok_punct(c, m - 1, ",");
            if (!after_comma && m > lo && inq(c, m - 1)) { /* «rocked,» saying */
                const am_qitem *pq = &c->quotes.items[T(c, m - 1)->quote];
                after_comma = pq->content.end > pq->content.start &&
                              c->text[pq->content.end - 1] == ',';
            }
            /* "Mr. Sanders, after initially saying he would ..." */
            size_t b2 = m;
            while (b2 > lo && adverb(c, b2 - 1, "adv"))
                b2--;
            if (!after_comma && b2 > lo &&
                (am_qtok_is(c, b2 - 1, "after") || am_qtok_is(c, b2 - 1, "before") ||
                 am_qtok_is(c, b2 - 1, "while") || am_qtok_is(c, b2 - 1, "when") ||
                 am_qtok_is(c, b2 - 1, "by")))
                after_comma = 1;
            if (!after_comma)
                return 0;
            np = clause_subject(c, m);
            if (!np.ok) {
                /* "«...,» Rubio said, talking about his views": the speaker of
                 * the attribution just before, in the same sentence */
                for (size_t qi = c->quotes.len; qi-- > 0;) {
                    const am_qitem *pq = &c->quotes.items[qi];
                    if (pq->speaker.end > pq->speaker.start && pq->cue.end <= T(c, m)->start &&
                        pq->cue.start >= T(c, lo)->start) {
                        size_t a = am_qtok_at(c, pq->speaker.start), b = a;
                        while (b < c->toks.len && T(c, b)->end <= pq->speaker.end)
                            b++;
                        if (a < b)
                            np = (np_t){a, b, a, b, 0, 0, 1};
                        break;
                    }
                }
            }
        } else {
            np = np_before(c, m, lo);
            if (np.ok && !base_ok(c, m, cu, lo, np))
                np.ok = 0;
            if (!np.ok && m > lo && cue_begin(c, m, lo) > lo &&
                am_qtok_is(c, cue_begin(c, m, lo) - 1, "and"))
                np = clause_subject(c, m); /* "... and said he would" */
        }
        int inverted = 0;
        if (!np.ok && has(cu.form, 'r') && (m == lo || am_qtok_punct(c, m - 1, ","))) {
            np = np_inverted(c, p, se);
            inverted = np.ok;
        }
        if (!np.ok && !has(cu.form, 'x'))
            return 0;
        if (has(cu.form, 'x')) {
            long s;
            return np.ok ? resolve(c, np, &s) : 0;
        }
        size_t q = inverted ? (np.rb > np.b ? np.rb : np.b) : p;
        for (;;) { /* "says tonight he's ...", "reported on Wednesday the Secret Service had" */
            if (!inverted && q + 1 < se && adverb(c, q, "time"))
                q++;
            else if (!inverted && q + 2 < se && am_qtok_is(c, q, "on") && adverb(c, q + 1, "time"))
                q += 2;
            else
                break;
        }
        /* "warned against", "talked about", "called for": the preposition
         * belongs to the cue, the content follows it */
        if (!inverted && q == p && q + 1 < se && !has(cu.form, 't') &&
            (am_qtok_is(c, q, "against") || am_qtok_is(c, q, "about") || am_qtok_is(c, q, "of") ||
             (!has(cu.form, 'r') && (am_qtok_is(c, q, "for") || am_qtok_is(c, q, "on")))) &&
            is_word(c, q + 1) && !adverb(c, q + 1, "time")) {
            q++;
            cue_end = q;
        }
        if (has(cu.form, 't') && !inverted) {
            /* the addressee: up to "that"; outlets become sources */
            size_t e = q;
            while (e < se && e - q < 8 && is_word(c, e) && !stopword(c, e) && !inq(c, e) &&
                   !(e > q && pronoun(c, e)) && !am_qtok_is(c, e, "who") &&
                   !am_qtok_is(c, e, "what") && !am_qtok_is(c, e, "how"))
                e++;
            if (e > q) {
                am_source_kind k = am_source_kind_of(c, q, e);
                if (k == AM_SRC_MEDIA) {
                    size_t na = q;
                    np_t m2 = {q, e, na, e, 0, 0, 1};
                    long s;
                    int err = resolve(c, m2, &s);
                    if (err < 0)
                        return err;
                }
            }
            q = e;
            /* "told CNN on Sunday that" */
            for (size_t f = q; f < se && f < q + 7 && !inq(c, f); f++) {
                if (am_qtok_is(c, f, "that")) {
                    q = f;
                    break;
                }
                if (am_qtok_punct(c, f, ".;:!?,"))
                    break;
            }
        } else if (!inverted) {
            /* "said on Tuesday that", "said in a statement that", but not
             * "says a violent hit that ..." */
            int adjunct = q < se && (stopword(c, q) || adverb(c, q, "time") || am_qtok_punct(c, q, ","));
            for (size_t e = q; adjunct && e < se && e < q + 7 && !inq(c, e); e++) {
                if (am_qtok_is(c, e, "that") && e > q) {
                    q = e;
                    break;
                }
                if (am_qtok_punct(c, e, ".;:!?"))
                    break;
            }
        }
        if (!inverted && !has(cu.form, 't') && starts_clause(c, q) &&
            !(cue_used && !am_qtok_is(c, q, "that")) &&
            !(has(cu.form, 'q') && !am_qtok_is(c, q, "that")) &&
            !am_qtok_is(c, q, "up") && !am_qtok_is(c, q, "itself")) {
            /* not "continues to trail", "showed up", "found itself" */
            ca = q;
            cb = content_end(c, ca);
        } else if (has(cu.form, 't') && !inverted && q < se &&
                   (am_qtok_is(c, q, "that") || am_qtok_is(c, q, "if") || am_qtok_is(c, q, "whether") ||
                    am_qtok_is(c, q, "what") || am_qtok_is(c, q, "who") || am_qtok_is(c, q, "how") ||
                    am_qtok_is(c, q, "to") || am_qtok_is(c, q, "why") ||
                    (pronoun(c, q) && *pronoun(c, q) != 'r'))) {
            ca = q; /* told reporters that ..., asked voters if ... */
            cb = content_end(c, ca);
        } else if (cue_used) {
            ca = cb = 0;
        } else if (np.b - np.a == 1 && pronoun(c, np.a) && *pronoun(c, np.a) == 'a' &&
                   !inq(c, np.a) && q < se && !am_qtok_punct(c, q, ".!?,:;")) {
            ca = q; /* "I remember very well how ..." */
            cb = content_end(c, ca);
        } else if (np.ok && np.a > lo && am_qtok_is(c, np.a - 1, "as") && q + 1 < se &&
                   am_qtok_punct(c, q, ",")) {
            ca = q + 1; /* as Bennett later admitted, CONTENT */
            cb = content_end(c, ca);
        } else if (np.ok) {
            /* "CONTENT, X said." and "CONTENT, X said Tuesday, CONTENT." */
            size_t r = q;
            while (r < se && r < q + 3 && (adverb(c, r, "time") || am_qtok_is(c, r, "on")))
                r++;
            size_t first = inverted ? m : np.a;
            const char *sv = r < se ? am_qtok_lexkv(c, AM_QL_STOP, r) : NULL;
            int adjunct = sv && streq(sv, "prep"); /* "..., Wilkin said during his speech." */
            if ((am_qtok_punct(c, r, ".!?,") || r >= se || adjunct) && first > lo &&
                am_qtok_punct(c, first - 1, ",")) {
                ca = lo;
                cb = first - 1;
                /* "CNN, Cruz said, called it significant": both sides */
                if (am_qtok_punct(c, r, ",") && cb - ca < 3 && r + 1 < se) {
                    size_t e2 = content_end(c, r + 1);
                    if (e2 > r + 1)
                        cb = e2;
                }
            }
        }
    }
    if (!np.ok)
        return 0;
    if (ca >= se || ca < lo)
        ca = cb = 0; /* a content never starts in another sentence */
    if (cb > se)
        cb = se;
    if (np.b - np.a == 1 && pronoun(c, np.a) && *pronoun(c, np.a) == 'g')
        return 0; /* "one could say": nobody in particular */
    int answer = cb == ca + 1 && (am_qtok_is(c, ca, "yes") || am_qtok_is(c, ca, "no") ||
                                  am_qtok_is(c, ca, "so") || (T(c, ca)->cap && is_word(c, ca) &&
                                                              !has(cu.form, 'r') && ca > m));
    if (cb <= ca || (cb - ca < 2 && !has(cu.form, 'a') && !answer)) {
        /* no content: still a source ("X told Le Point ...") */
        long s;
        if (has(cu.form, 't') && !pronoun(c, np.a))
            return resolve(c, np, &s);
        return 0;
    }
    /* a clause that is exactly one marked quotation is that quotation */
    long tq = T(c, ca)->quote;
    if (tq >= 0 && tq == T(c, cb - 1)->quote && c->quotes.items[tq].span.start == T(c, ca)->start &&
        c->quotes.items[tq].span.end == T(c, cb - 1)->end) {
        if (c->quotes.items[tq].cue.end > c->quotes.items[tq].cue.start)
            return 0;
        return set_attr(c, tq, cue_begin(c, m, lo), p, np, 0.7);
    }
    long qi = new_item(c, ca, cb);
    if (qi < 0)
        return (int)qi;
    return set_attr(c, qi, has(cu.form, 'a') ? m : cue_begin(c, m, lo), cue_end, np, 0.7);
}

/* The last token of the block of token i. */
static size_t block_last(const am_qctx *c, size_t i)
{
    while (i + 1 < c->toks.len && T(c, i + 1)->block == T(c, i)->block)
        i++;
    return i;
}

/* A quotation that goes on after its cue ("«Q1,» Barkley said. «Q2»"),
 * or in the next paragraph, is the same speaker's. */
static void continue_quotes(am_qctx *c, size_t nq)
{
    long prev = -1;
    for (size_t i = 0; i < nq; i++) {
        am_qitem *q = &c->quotes.items[i];
        if (q->depth != 0 || q->recovered == 2)
            continue;
        if (q->cue.end > q->cue.start) {
            prev = (long)i;
            continue;
        }
        if (prev < 0)
            continue;
        const am_qitem *p = &c->quotes.items[prev];
        size_t pa = am_qtok_at(c, p->span.start), qa = am_qtok_at(c, q->span.start);
        if (pa >= c->toks.len || qa >= c->toks.len)
            continue;
        int same = 0;
        if (T(c, pa)->block == T(c, qa)->block) {
            /* between them only the cue's clause: "Barkley said." */
            /* and the quotation opens a new sentence */
            size_t ce = am_qtok_at(c, p->cue.end);
            size_t last = p->cue.end > p->speaker.end ? p->cue.end : p->speaker.end;
            int only_punct = 1;
            for (size_t t = am_qtok_at(c, last); t < qa && only_punct; t++)
                only_punct = T(c, t)->type == AM_QT_PUNCT;
            same = p->cue.start >= p->span.end && p->cue.end <= q->span.start &&
                   q->span.start - p->span.end < 200 && ce < c->toks.len &&
                   (only_punct || T(c, qa)->sent != T(c, ce > 0 ? ce - 1 : 0)->sent);
            for (size_t t = am_qtok_at(c, p->span.end); same && t < qa; t++)
                if (T(c, t)->quote >= 0)
                    same = 0;
        } else if (T(c, qa)->block == T(c, pa)->block + 1 && (qa == 0 || T(c, qa - 1)->block != T(c, qa)->block)) {
            /* the quotation opens the next paragraph, the earlier one ended its own */
            size_t last = block_last(c, pa);
            size_t pe = am_qtok_at(c, p->span.end);
            same = last < pe + 8 && (p->cue.start >= p->span.end || last < pe + 1);
        }
        if (!same)
            continue;
        q->cue = p->cue;
        q->speaker = p->speaker;
        q->source = p->source;
        q->confidence = 0.6;
        prev = (long)i;
    }
}

/* A transcript line: "FALLIN: I think ...", "Q: ...". The label (at most
 * three capitalised words at the start of a line) is the speaker, the
 * colon the cue, the rest of the line the content. Token i starts a line
 * (it is the first, or a line break lies between it and the token before). */
static int transcript_line(am_qctx *c, size_t i)
{
    size_t n = c->toks.len;
    const am_qtok *t = T(c, i);
    /* labels are written in capitals ("FALLIN:", "MR. TRUMP:", "Q:"):
     * "Jeb Bush: Student loans" is a heading */
    size_t k = i;
    int head = t->title; /* "Elizabeth Warren: Donald Trump Is a 'Proven Failure'" */
    while (k < n && k - i < (head ? 4u : 3u) && is_word(c, k) && T(c, k)->cap && !inq(c, k)) {
        int upper = 1;
        for (size_t x = T(c, k)->start; x < T(c, k)->end && upper; x++)
            upper = !(c->text[x] >= 'a' && c->text[x] <= 'z');
        if (!upper && !head)
            break;
        k++;
    }
    if (k == i || k >= n || !am_qtok_punct(c, k, ":") || k + 1 >= n)
        return 0;
    if (am_qtok_lexval(c, c->lex.notlabels, i) || pronoun(c, i) || stopword(c, i) ||
        am_qtok_lexkv(c, AM_QL_ORGS, i) || cue_at(c, i).len)
        return 0;
    /* the content: the rest of the line */
    size_t a = k + 1, b = a;
    while (b < n && T(c, b)->block == t->block &&
           !(b > a && break_between(c, T(c, b - 1)->end, T(c, b)->start)))
        b++;
    if (b - a < 2 || break_between(c, T(c, k)->end, T(c, a)->start) ||
        !is_word(c, a) || T(c, a)->type == AM_QT_NUM)
        return 0; /* "WASHINGTON: 9:42 p.m." is a dateline */
    long qi = new_item(c, a, b);
    if (qi < 0)
        return (int)qi;
    np_t np = {i, k, i, k, 0, 0, 1};
    return set_attr(c, qi, k, k + 1, np, 0.6);
}

/* transcript_line at each token that starts a line, in order: the first
 * token, and the token after each line break of the text (the first token
 * starting at or after it, am_qtok_at; a token holds no line break, so
 * every token after one is found so, and the test is made as before). */
static int transcript_lines(am_qctx *c)
{
    size_t n = c->toks.len, len = c->doc->text_len, x = 0, last = 0;
    int err;
    if (!n)
        return 0;
    if ((err = transcript_line(c, 0)) < 0)
        return err;
    if (!c->tok_sorted) { /* (am_qtok_at needs tokens in text order) every token */
        for (size_t i = 1; i < n; i++)
            if (break_between(c, T(c, i - 1)->end, T(c, i)->start) && (err = transcript_line(c, i)) < 0)
                return err;
        return 0;
    }
    const char *nl;
    while (x < len && (nl = memchr(c->text + x, '\n', len - x))) {
        size_t i = am_qtok_at(c, (size_t)(nl - c->text));
        if (i >= n)
            break;
        x = T(c, i)->start; /* the next line break to look at is after token i */
        if (i <= last)
            continue; /* the same token as for the break before */
        last = i;
        if (break_between(c, T(c, i - 1)->end, T(c, i)->start) &&
            (err = transcript_line(c, i)) < 0)
            return err;
    }
    return 0;
}

/* A headline "Bellwether County Says Trump Should Win": capitalised
 * words, a speech verb in title case, the claim. */
static int headline_says(am_qctx *c)
{
    size_t n = c->toks.len, i = 0;
    while (i < n && !T(c, i)->title)
        i++;
    if (i >= n)
        return 0;
    size_t e = i;
    while (e < n && T(c, e)->title)
        e++;
    for (size_t m = i + 1; m + 2 < e && m < i + 6; m++) {
        if (am_qtok_punct(c, m, ":") || inq(c, m))
            return 0; /* a label, read by transcript_lines */
        const char *form = am_qtok_lexkv(c, AM_QL_CUES, m);
        if (!(has(form, 'v') || has(form, 'b')) || has(form, 'x') || !T(c, m)->cap)
            continue; /* "Trump Calls On Obama To Resign", "Rabbis Vow to ..." */
        size_t b = e;
        while (b > m + 1 && T(c, b - 1)->type == AM_QT_PUNCT && !inq(c, b - 1))
            b--;
        if (b - (m + 1) < 2)
            return 0;
        long qi = new_item(c, m + 1, b);
        if (qi < 0)
            return (int)qi;
        np_t np = {i, m, i, m, 0, 0, 1};
        return set_attr(c, qi, m, m + 1, np, 0.5);
    }
    return 0;
}

int am_attribute(am_qctx *c)
{
    int err = 0;
    size_t n = c->toks.len;
    unsigned char *used = calloc(n + 1, 1);
    struct am_qnp_cache npc = {{0}};
    c->memo = calloc((n + 1) * AM_QMEMO_N, sizeof *c->memo); /* 0: not looked up */
    c->cue = malloc((n + 1) * sizeof *c->cue);
    c->cue_tok = malloc((n + 1) * sizeof *c->cue_tok);
    c->capw = malloc((n + 1) * sizeof *c->capw);
    if (!used || !c->memo || !c->cue || !c->cue_tok || !c->capw) {
        err = am_err_nomem();
        goto done;
    }
    cue_pass(c);
    c->npc = &npc;
    if ((err = collect_persons(c)) < 0)
        goto done;
    size_t nq = c->quotes.len;
    for (size_t i = 0; i < nq; i++)
        if (c->quotes.items[i].depth == 0 && (err = attribute_direct(c, (long)i, used)) < 0)
            goto done;
    continue_quotes(c, nq);
    if ((err = transcript_lines(c)) < 0 || (err = headline_says(c)) < 0)
        goto done;
    /* each cue not inside the one before (a walk over the tokens that
     * skipped the rest of a cue's tokens) */
    for (size_t k = 0, next = 0; k < c->ncue_tok; k++) {
        size_t m = c->cue_tok[k];
        if (m < next)
            continue;
        cue_t cu = cue_at(c, m);
        if ((err = attribute_indirect(c, m, cu, used[m])) < 0)
            goto done;
        next = m + cu.len;
    }
done:
    AM_VEC_FREE(&npc.v);
    c->npc = NULL;
    free(used);
    free(c->cue);
    free(c->cue_tok);
    c->cue = NULL;
    c->cue_tok = NULL;
    return err; /* c->memo and c->capw stay for sources.c; the stage frees them */
}
