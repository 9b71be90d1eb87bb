/*
 * qtokens.c - the words and sentences the quote stage reads.
 *
 * Attribution works on words ("said", "according to", "Ned Price"), so the
 * text of each block is cut into word, number and punctuation tokens. A word
 * keeps its inner apostrophes, hyphens and dots (don't, Russia's,
 * military-technical, U.S.) and the period of a known abbreviation (Gen.,
 * Mr.), so that a period token is a sentence end or nothing.
 *
 * Sentences come from the sentence stage when it has run (map->sentences);
 * otherwise a local rule is used: a sentence ends at . ! ? (with the closing
 * marks and brackets that follow) before a capital, a digit, an opening mark
 * or the end of the block. That is enough to bound the search for a speaker.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/error.h"
#include "quotes.h"
#include "utf8.h"

static inline uint32_t cp_at(const char *t, size_t p, size_t end, size_t *len)
{
    if (p < end && (unsigned char)t[p] < 0x80) { /* ASCII: what the decoder gives */
        if (len)
            *len = 1;
        return (unsigned char)t[p];
    }
    uint32_t cp = 0;
    size_t n = p < end ? am_utf8_decode((const unsigned char *)t + p, end - p, &cp) : 0;
    if (!n) {
        cp = p < end ? (unsigned char)t[p] : 0;
        n = p < end ? 1 : 0;
    }
    if (len)
        *len = n;
    return cp;
}

static inline int is_space(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 ||
           (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x3000 || c == 0xFEFF;
}

static inline int is_alpha(uint32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (c < 0xC0 || c == 0xD7 || c == 0xF7)
        return 0;
    return !(c >= 0x2000 && c <= 0x2BFF) && !(c >= 0x3000 && c <= 0x303F) && c != 0xFFFD;
}

static inline int is_digit(uint32_t c)
{
    return c >= '0' && c <= '9';
}

static int is_upper(uint32_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) ||
           (c >= 0x400 && c <= 0x42F) || (c >= 0x391 && c <= 0x3A9);
}

static int is_closer(uint32_t c)
{
    return c == 0xBB || c == 0x201D || c == 0x2019 || c == '"' || c == '\'' || c == ')' ||
           c == ']';
}

/* am_lex_hash_ci (lexicon.c) of s[0, n), inline: FNV-1a 32 of the bytes
 * with A-Z folded to a-z. It must stay the same function, or no token
 * would be found in a lexicon. */
static inline uint32_t fold_hash(const char *s, size_t n, uint32_t h)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)s[i];
        h ^= (unsigned char)(b + ((unsigned char)(b - 'A') < 26u ? 32 : 0));
        h *= 16777619u;
    }
    return h;
}

#define FNV_BASIS 2166136261u
#define FNV_PRIME 16777619u

/* What tokenize_block carries from token to token: the block, and the
 * sentence stage's sentences, mapped onto the tokens as they are made (see
 * am_qtok_build). */
typedef struct {
    uint32_t block;
    unsigned char title;     /* the block is the headline */
    const am_sentence *sent; /* map->sentences, or NULL: split_sentences runs after */
    size_t nsent;
    size_t si;               /* the stage's sentence of the current one's first token */
    size_t sent_se;          /* a token starting here or later opens a sentence: the end of
                                sentence si, 0 at a block start, SIZE_MAX without sent */
    size_t at_b, at_next;    /* the next entry of c->tok_at to set, and its offset
                                (at_b << AM_QTOK_AT_SHIFT; SIZE_MAX past the last) */
    size_t se;               /* min(sent_se, at_next): a token starting before it needs
                                neither (tok_fast) */
    uint32_t cur;            /* the current sentence (index into c->sents) */
} tokst;

/* Open a sentence at the next token (starting at byte s): the stage's
 * sentence in which it starts is the first ending after s (or the last). */
static int open_sentence(am_qctx *c, tokst *st, size_t s)
{
    while (st->si + 1 < st->nsent && st->sent[st->si].span.end <= s)
        st->si++;
    st->sent_se = st->sent[st->si].span.end;
    am_tspan *sp = AM_VEC_PUSH(&c->sents);
    size_t *f = sp ? AM_VEC_PUSH(&c->sent_tok) : NULL;
    if (!f)
        return am_err_nomem();
    sp->start = s; /* the end is set when the tokens are all made */
    *f = c->toks.len;
    st->cur = (uint32_t)(c->sents.len - 1);
    return 0;
}

/* Token fields, every one set (no memset of the whole record). */
static inline void fill_tok(am_qtok *t, const tokst *st, size_t s, size_t e, int type, uint32_t cp,
                            unsigned char cap, uint32_t h)
{
    t->start = s;
    t->end = e;
    t->type = (unsigned char)type;
    t->cp = cp;
    t->cap = cap;
    t->title = st->title;
    t->quote = -1;
    t->sent = st->cur;
    t->block = st->block;
    t->hash = h;
}

/* Room for one more token, am_qtok_at's index up to it (when it is the
 * first at or after a multiple of 2^AM_QTOK_AT_SHIFT bytes), and its
 * sentence opened if it starts one: what a token needs before fill_tok
 * when tok_fast says no. */
static int tok_prepare(am_qctx *c, tokst *st, size_t s)
{
    if (c->toks.len == c->toks.cap && AM_VEC_RESERVE(&c->toks, 1) < 0)
        return am_err_nomem();
    if (s >= st->at_next) {
        while (st->at_b < c->tok_at_len && (st->at_b << AM_QTOK_AT_SHIFT) <= s)
            c->tok_at[st->at_b++] = c->toks.len;
        st->at_next = st->at_b < c->tok_at_len ? st->at_b << AM_QTOK_AT_SHIFT : SIZE_MAX;
    }
    int err = s >= st->sent_se ? open_sentence(c, st, s) : 0;
    st->se = st->sent_se < st->at_next ? st->sent_se : st->at_next;
    return err;
}

/* The common case: room, and no sentence to open. */
static inline int tok_fast(const am_qctx *c, const tokst *st, size_t s)
{
    return c->toks.len < c->toks.cap && s < st->se;
}

/* Append a token; h is the hash of its bytes. */
static int push_tok_h(am_qctx *c, tokst *st, size_t s, size_t e, int type, uint32_t cp, uint32_t h)
{
    int err = tok_prepare(c, st, s);
    if (err < 0)
        return err;
    fill_tok(&c->toks.items[c->toks.len++], st, s, e, type, cp,
             (unsigned char)(cp < 0x80 ? cp - 'A' < 26u : is_upper(cp)), h);
    return 0;
}

static int push_tok(am_qctx *c, tokst *st, size_t s, size_t e, int type, uint32_t cp)
{
    return push_tok_h(c, st, s, e, type, cp, fold_hash(c->text + s, e - s, FNV_BASIS));
}

/* ASCII letters and digits, folded to lower case; 0 for the other
 * bytes: a word goes on over the first (what is_alpha or is_digit says of
 * a one-byte code point), and the folded byte is what fold_hash hashes. */
static const unsigned char word_byte[256] = { /* 0 from 0x80 on */
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    '0', '1', '2', '3', '4', '5', '6', '7',
    '8', '9', 0, 0, 0, 0, 0, 0,
    0, 'a', 'b', 'c', 'd', 'e', 'f', 'g',
    'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    'p', 'q', 'r', 's', 't', 'u', 'v', 'w',
    'x', 'y', 'z', 0, 0, 0, 0, 0,
    0, 'a', 'b', 'c', 'd', 'e', 'f', 'g',
    'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    'p', 'q', 'r', 's', 't', 'u', 'v', 'w',
    'x', 'y', 'z', 0, 0, 0, 0, 0,
};

/* After a run of ASCII letters and digits, the bytes that need the full
 * rule of word_rest: the inner marks ' - & , . and anything not ASCII.
 * Any other byte (space, punctuation) ends the word there. */
static const unsigned char word_more[256] = {
    ['\''] = 1, ['-'] = 1, ['&'] = 1, [','] = 1, ['.'] = 1,
    [0x80] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

/* The rest of a word from q (a byte word_more marks, or a non-ASCII start)
 * to its end: letters and digits, an inner apostrophe or hyphen between
 * letters, the , and . of numbers, the dots of U.S; seg is the letters of
 * the current dot-separated segment so far, digits whether the word
 * started with a digit. *plain stays 1 while the word goes on over ASCII
 * letters and digits only (its hash h so far is then still good); dotted
 * is set when a segment dot was taken. */
static size_t word_rest(const char *t, size_t q, size_t end, size_t seg, int digits, int *plain,
                        int *dotted, uint32_t *h)
{
    while (q < end) {
        unsigned char b = (unsigned char)t[q];
        if (word_byte[b]) { /* a run, as in tokenize_block */
            size_t q0 = q;
            uint32_t hh = *h;
            do {
                hh = (hh ^ word_byte[b]) * FNV_PRIME;
                q++;
            } while (q < end && word_byte[b = (unsigned char)t[q]]);
            *h = hh;
            seg += q - q0;
            continue;
        }
        /* any other ASCII byte ends the word unless it is one of the
         * inner marks below: no need to decode what follows */
        if (!word_more[b])
            break;
        size_t m;
        uint32_t d = cp_at(t, q, end, &m);
        if (is_alpha(d) || is_digit(d)) {
            q += m;
            seg++;
            *plain = 0;
            continue;
        }
        size_t m2;
        uint32_t after = cp_at(t, q + m, end, &m2);
        if ((d == '\'' || d == 0x2019 || d == '-' || d == 0x2011 || d == '&') &&
            (is_alpha(after) || is_digit(after))) {
            q += m;
            *plain = 0;
            continue;
        }
        if ((d == ',' || d == '.') && digits && is_digit(after)) { /* 1,000.5 */
            q += m;
            *plain = 0;
            continue;
        }
        if (d == '.' && seg == 1 && is_alpha(after)) { /* U.S, e.g */
            q += m;
            seg = 0;
            *dotted = 1;
            *plain = 0;
            continue;
        }
        break;
    }
    return q;
}

/* A word [s, q) that needed word_rest: its period (U.S., an initial, a
 * known abbreviation) and a pronoun's clitic ("he's"), then its token(s). */
static int push_word(am_qctx *c, tokst *st, size_t s, size_t q, size_t end, uint32_t cp,
                     int digits, int plain, int dotted, uint32_t h, size_t *next)
{
    const char *t = c->text;
    if (!plain)
        h = fold_hash(t + s, q - s, FNV_BASIS);
    /* Keep the period of U.S. / an initial / a known abbreviation. */
    if (q < end && t[q] == '.') {
        int keep = dotted || (q - s == 1 && is_upper(cp));
        uint32_t hd = fold_hash(t + q, 1, h); /* the word and its period */
        const am_lexicon *ab = c->lex.abbrev;
        if (!keep && ab && q - s < 30 && !(ab->fold_hash && !ab->fold_hash[hd & ab->fold_mask].index)) {
            /* an exact match is also one ignoring case: the hash
             * probe (its first slot here, then the call) rules most
             * words out before the binary search */
            keep = am_lex_find_ci_h(ab, t + s, q + 1 - s, hd) &&
                   am_lex_find(ab, t + s, q + 1 - s) != NULL;
        }
        if (keep) {
            q++;
            h = hd;
        }
    }
    *next = q;
    /* "he's", "they've", "I'm": the pronoun is a token of its own, so
     * that it can be a speaker and the clitic part of the cue (an
     * apostrophe never is in a plain word: none to look for) */
    size_t cut = q;
    for (size_t x = s + 1; !plain && x + 1 < q && x < s + 6; x++) {
        size_t al = (unsigned char)t[x] == '\'' ? 1
                    : (x + 2 < q && !memcmp(t + x, "\xe2\x80\x99", 3)) ? 3 : 0;
        if (!al)
            continue;
        size_t rest = q - (x + al);
        const char *r = t + x + al;
        int clitic = (rest == 1 && (*r == 's' || *r == 'm' || *r == 'd')) ||
                     (rest == 2 && (!strncmp(r, "ve", 2) || !strncmp(r, "re", 2) ||
                                    !strncmp(r, "ll", 2)));
        if (clitic && c->lex.pronouns && am_lex_find_ci(c->lex.pronouns, t + s, x - s))
            cut = x;
        break;
    }
    int type = digits ? AM_QT_NUM : AM_QT_WORD;
    if (cut == q)
        return push_tok_h(c, st, s, q, type, cp, h);
    int err = push_tok(c, st, s, cut, type, cp);
    return err < 0 ? err : push_tok(c, st, cut, q, AM_QT_WORD, '\'');
}

static int tokenize_block(am_qctx *c, size_t start, size_t end, tokst *st)
{
    const char *t = c->text;
    size_t p = start;
    int err = 0;
    if (st->sent)
        st->sent_se = st->se = 0; /* the block's first token opens a sentence */
    /* the text is NUL-terminated (model.h), so t[end] can be read; when it
     * is no letter or digit, a run of them stops at the block's end anyway */
    int stop_at_end = !word_byte[(unsigned char)t[end]];
    while (p < end) {
        unsigned char b = (unsigned char)t[p];
        if (b == ' ') { /* the common case, as below */
            p++;
            continue;
        }
        if (word_byte[b]) {
            /* An ASCII letter or digit: a word. Its run of ASCII letters
             * and digits is hashed here; a word that goes on (an inner
             * mark, a letter not ASCII) or ends in a period takes the
             * full rule of word_rest and push_word, which give the same
             * for a word that stops at any other byte. */
            size_t s = p, q = p + 1;
            uint32_t h = (FNV_BASIS ^ word_byte[b]) * FNV_PRIME;
            unsigned char x;
            if (stop_at_end) { /* t[end] ends the run: no need to test q < end */
                while (word_byte[x = (unsigned char)t[q]]) {
                    h = (h ^ word_byte[x]) * FNV_PRIME;
                    q++;
                }
            } else {
                while (q < end && word_byte[x = (unsigned char)t[q]]) {
                    h = (h ^ word_byte[x]) * FNV_PRIME;
                    q++;
                }
            }
            int digits = b <= '9';
            unsigned char m = q < end ? (unsigned char)t[q] : ' ';
            if (word_more[m]) {
                /* a comma ends the word unless a digit follows it in a
                 * number, a period when no letter or digit follows it
                 * (what word_rest does with them; push_word then decides
                 * on the period) */
                unsigned char nx = q + 1 < end ? (unsigned char)t[q + 1] : ' ';
                if (m == '.' && nx < 0x80 && !word_byte[nx]) {
                    if ((err = push_word(c, st, s, q, end, b, digits, 1, 0, h, &p)) < 0)
                        return err;
                    continue;
                }
                if (!(m == ',' && !(digits && is_digit(nx)))) {
                    int plain = 1, dotted = 0;
                    uint32_t hr = h; /* (h itself stays in a register) */
                    q = word_rest(t, q, end, q - s, digits, &plain, &dotted, &hr);
                    if ((err = push_word(c, st, s, q, end, b, digits, plain, dotted, hr, &p)) < 0)
                        return err;
                    continue;
                }
            }
            int type = digits ? AM_QT_NUM : AM_QT_WORD;
            unsigned char cap = (unsigned char)((unsigned)(b - 'A') < 26u);
            if (tok_fast(c, st, s) || (err = tok_prepare(c, st, s)) == 0)
                fill_tok(&c->toks.items[c->toks.len++], st, s, q, type, b, cap, h);
            p = q;
            if (err < 0)
                return err;
            continue;
        }
        size_t n;
        uint32_t cp = cp_at(t, p, end, &n);
        if (is_space(cp)) {
            p += n;
            continue;
        }
        size_t s = p;
        if (is_alpha(cp)) { /* a letter not ASCII (digits are ASCII: above) */
            int plain = 1, dotted = 0;
            uint32_t h = fold_hash(t + s, n, FNV_BASIS);
            size_t q = word_rest(t, p + n, end, 1, 0, &plain, &dotted, &h);
            if ((err = push_word(c, st, s, q, end, cp, 0, plain, dotted, h, &p)) < 0)
                return err;
            continue;
        }
        size_t e = p + n;
        if ((cp == '\'' || cp == '`') && e < end && (uint32_t)(unsigned char)t[e] == cp)
            e++; /* '' and `` */
        if (e == p + 1 && cp < 0x80 && tok_fast(c, st, s)) { /* one ASCII mark: its hash here */
            fill_tok(&c->toks.items[c->toks.len++], st, s, e, AM_QT_PUNCT, cp, 0,
                     fold_hash(t + s, 1, FNV_BASIS));
            p = e;
            continue;
        }
        if ((err = push_tok(c, st, s, e, AM_QT_PUNCT, cp)) < 0)
            return err;
        p = e;
    }
    return 0;
}

static int add_sentence(am_qctx *c, size_t t0, size_t t1)
{
    am_tspan *s = AM_VEC_PUSH(&c->sents);
    size_t *f = s ? AM_VEC_PUSH(&c->sent_tok) : NULL;
    if (!f)
        return am_err_nomem();
    s->start = c->toks.items[t0].start;
    s->end = c->toks.items[t1 - 1].end;
    *f = t0;
    for (size_t i = t0; i < t1; i++)
        c->toks.items[i].sent = c->sents.len - 1;
    return 0;
}

/* The local sentence rule (see the file comment). */
static int split_sentences(am_qctx *c)
{
    size_t n = c->toks.len, first = 0;
    int err = 0;
    for (size_t i = 0; i < n; i++) {
        am_qtok *k = &c->toks.items[i];
        int last = i + 1 == n || c->toks.items[i + 1].block != k->block;
        int end = last;
        if (!end && k->type == AM_QT_PUNCT &&
            (k->cp == '.' || k->cp == '!' || k->cp == '?' || k->cp == 0x2026)) {
            size_t j = i + 1;
            while (j < n && c->toks.items[j].block == k->block &&
                   c->toks.items[j].type == AM_QT_PUNCT && is_closer(c->toks.items[j].cp) &&
                   c->toks.items[j].start == c->toks.items[j - 1].end)
                j++;
            if (j >= n || c->toks.items[j].block != k->block) {
                i = j - 1;
                end = 1;
            } else {
                am_qtok *nx = &c->toks.items[j];
                if (nx->cap || nx->type == AM_QT_NUM ||
                    (nx->type == AM_QT_PUNCT && nx->cp != ',' && nx->cp != ';' &&
                     nx->cp != ')' && nx->cp != '.')) {
                    i = j - 1;
                    end = 1;
                }
            }
        }
        if (!end && !last && memchr(c->text + k->end, '\n', c->toks.items[i + 1].start - k->end)) {
            /* A line break ends a sentence after end punctuation or a colon,
             * and after a short line (a time stamp, a heading) before a
             * capital: live blogs and lists come with single line breaks. */
            size_t ls = k->start;
            while (ls > 0 && c->text[ls - 1] != '\n')
                ls--;
            const am_qtok *nx = &c->toks.items[i + 1];
            if ((k->type == AM_QT_PUNCT && (k->cp == '.' || k->cp == '!' || k->cp == '?' ||
                                            k->cp == ':' || is_closer(k->cp))) ||
                (k->end - ls < 60 && (nx->cap || nx->type != AM_QT_WORD)))
                end = 1;
        }
        if (end) {
            if ((err = add_sentence(c, first, i + 1)) < 0)
                return err;
            first = i + 1;
        }
    }
    return 0;
}

/* The first token in [lo, hi) that starts at or after off (tokens in
 * text order), or hi: a binary search. */
static size_t lower_bound_tok(const am_qctx *c, size_t lo, size_t hi, size_t off)
{
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->toks.items[mid].start < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The first token from k on that starts at or after off, where a walk
 * from k stops: by a galloping search from k when the tokens are in text
 * order (the blocks are; the walk finds the same), which stays near k (a
 * binary search over a long text's tokens misses the cache at every
 * step), else by the walk. */
static size_t first_from(const am_qctx *c, size_t k, size_t off, int sorted)
{
    size_t hi = c->toks.len;
    if (!sorted) {
        while (k < hi && c->toks.items[k].start < off)
            k++;
        return k;
    }
    if (k >= hi || c->toks.items[k].start >= off)
        return k;
    for (size_t step = 1;; step *= 2) { /* token k starts before off */
        size_t next = hi - k > step ? k + step : hi;
        if (next < hi && c->toks.items[next].start < off) {
            k = next;
            continue;
        }
        hi = next; /* the answer is in (k, next] */
        k++;
        break;
    }
    return lower_bound_tok(c, k, hi, off);
}

int am_qtok_build(am_qctx *c, const am_map *map)
{
    const am_document *doc = c->doc;
    int err;
    /* the token's 32-bit indices (blocks, quotes, sentences <= tokens <=
     * bytes) hold for any text under 2 GB */
    if (doc->text_len >= INT32_MAX || doc->blocks.len >= UINT32_MAX || c->quotes.len >= INT32_MAX)
        return am_err(AM_ELIMIT, "text too long for the quotes stage (%zu bytes)", doc->text_len);
    /* news text has a token every 5.3 bytes: room for most documents at
     * once, rather than copies while the array doubles */
    if (AM_VEC_RESERVE(&c->toks, doc->text_len / 5 + 16) < 0)
        return am_err_nomem();
    /* Sentences of the sentence stage are mapped onto the tokens while
     * they are made: a sentence of tokens ends at the end of a block, or
     * before a token that starts at or after the end of the stage's
     * sentence in which its first token starts (the same one for every
     * token of the run: they all start before its end). */
    /* blocks in text order, apart: then so are the tokens (each block's
     * come in order) */
    int sorted = 1;
    for (size_t b = 1; b < doc->blocks.len && sorted; b++)
        sorted = doc->blocks.items[b].span.start >= doc->blocks.items[b - 1].span.end;
    c->tok_sorted = sorted;
    /* for am_qtok_at: the first token starting at or after each multiple
     * of 2^AM_QTOK_AT_SHIFT bytes, set as the tokens are made (tok_prepare;
     * a walk over a long text's tokens afterwards misses the cache) */
    size_t nb = (doc->text_len >> AM_QTOK_AT_SHIFT) + 2;
    if (!(c->tok_at = malloc(nb * sizeof *c->tok_at)))
        return am_err_nomem();
    c->tok_at_len = nb;
    tokst st = {0};
    st.sent_se = SIZE_MAX;
    st.at_next = 0;
    st.se = 0;
    if (map && map->sentences.len) {
        st.sent = map->sentences.items;
        st.nsent = map->sentences.len;
    }
    for (size_t b = 0; b < doc->blocks.len; b++) {
        am_tspan sp = doc->blocks.items[b].span;
        st.block = (uint32_t)b;
        /* A headline is written in title case and says nothing in full
         * sentences: its capitals would be read as names, so its tokens are
         * marked and only "Name: claim" is read there. */
        st.title = doc->has_title && b == doc->title_block;
        if ((err = tokenize_block(c, sp.start, sp.end, &st)) < 0)
            return err;
    }
    for (size_t k = 0; st.sent && k < c->sents.len; k++) /* each sentence ends at its last token */
        c->sents.items[k].end = c->toks.items[(k + 1 < c->sents.len ? c->sent_tok.items[k + 1]
                                                                    : c->toks.len) - 1].end;
    /* The outermost quote over each token: quotes are sorted by start and
     * outermost ones never overlap (their ends come in order too), so the
     * outermost quote a token starts in is the first one that ends after
     * its start; it covers the token when the token ends inside it. One
     * walk over those quotes and the tokens they hold does it. */
    size_t t = 0;
    for (size_t qi = 0; qi < c->quotes.len; qi++) {
        const am_qitem *q = &c->quotes.items[qi];
        if (q->depth != 0)
            continue;
        t = first_from(c, t, q->span.start, sorted);
        for (; t < c->toks.len && c->toks.items[t].start < q->span.end; t++)
            if (c->toks.items[t].end <= q->span.end)
                c->toks.items[t].quote = (int32_t)qi;
    }
    if (!st.sent && (err = split_sentences(c)) < 0)
        return err;
    size_t *f = AM_VEC_PUSH(&c->sent_tok);
    if (!f)
        return am_err_nomem();
    *f = c->toks.len;
    for (size_t b = st.at_b; b < nb; b++) /* past the last token */
        c->tok_at[b] = c->toks.len;
    if (!sorted) { /* tokens out of text order: the walk, as it always was */
        size_t k = 0;
        for (size_t b = 0; b < nb; b++)
            c->tok_at[b] = k = first_from(c, k, b << AM_QTOK_AT_SHIFT, 0);
    }
    return 0;
}

size_t am_qtok_at(const am_qctx *c, size_t off)
{
    size_t lo = 0, hi = c->toks.len;
    if (c->tok_at && (off >> AM_QTOK_AT_SHIFT) + 1 < c->tok_at_len) {
        /* the answer lies between the first tokens of off's stretch of
         * text and of the next one: a short search near the answer */
        lo = c->tok_at[off >> AM_QTOK_AT_SHIFT];
        hi = c->tok_at[(off >> AM_QTOK_AT_SHIFT) + 1];
    }
    return lower_bound_tok(c, lo, hi, off);
}

const am_lex_entry *am_qtok_lex(const am_qctx *c, const am_lexicon *lex, size_t i)
{
    if (!lex || i >= c->toks.len)
        return NULL;
    const am_qtok *k = &c->toks.items[i];
    if (lex->fold_hash && !lex->fold_hash[k->hash & lex->fold_mask].index)
        return NULL; /* the probe starts at an empty slot: not there */
    return am_lex_find_ci_h(lex, c->text + k->start, k->end - k->start, k->hash);
}


/* The memo slot of lex, or -1: pointer compares, first match wins. */
static int memo_slot(const am_qctx *c, const am_lexicon *lex)
{
    for (int k = 0; k < AM_QMEMO_N; k++)
        if (lex == c->memolex[k])
            return k;
    return -1;
}

const am_lex_entry *am_qtok_lexent(const am_qctx *c, const am_lexicon *lex, size_t i)
{
    if (!lex || i >= c->toks.len || c->toks.items[i].type == AM_QT_PUNCT)
        return NULL;
    int slot = memo_slot(c, lex);
    if (slot >= 0)
        return am_qtok_lexk(c, slot, i);
    return am_qtok_lex(c, lex, i);
}

const char *am_qtok_lexval(const am_qctx *c, const am_lexicon *lex, size_t i)
{
    const am_lex_entry *e = am_qtok_lexent(c, lex, i);
    return e ? e->value : NULL;
}

/* Merge the sorted runs a[lo, mid) and a[mid, hi) of item pointers into
 * t[lo, hi), the left one first among equals. */
static void merge_runs(char *const *a, char **t, size_t lo, size_t mid, size_t hi,
                       int (*cmp)(const void *, const void *))
{
    size_t i = lo, j = mid, k = lo;
    while (i < mid && j < hi)
        t[k++] = cmp(a[j], a[i]) < 0 ? a[j++] : a[i++];
    while (i < mid)
        t[k++] = a[i++];
    while (j < hi)
        t[k++] = a[j++];
}

void am_qsort_stable(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    char *a = base;
    size_t i = 1;
    while (i < n && cmp(a + (i - 1) * size, a + i * size) <= 0)
        i++;
    if (i >= n)
        return; /* sorted already (the common case: items come in text order) */
    /* Pointers to the items are merged (as glibc does for items of more
     * than 32 bytes), then the items are put in their order. */
    char **p = malloc(2 * n * sizeof *p);
    size_t *bound = malloc((n + 1) * sizeof *bound);
    char *t = malloc(n * size);
    if (!p || !bound || !t) { /* no room: glibc's qsort, stable as long as it finds memory */
        free(p);
        free(bound);
        free(t);
        qsort(base, n, size, cmp);
        return;
    }
    size_t r = 0;
    bound[r++] = 0;
    bound[r++] = i; /* the first run ends where the scan above stopped */
    for (i++; i < n; i++)
        if (cmp(a + (i - 1) * size, a + i * size) > 0)
            bound[r++] = i;
    bound[r] = n;
    for (i = 0; i < n; i++)
        p[i] = a + i * size;
    char **src = p, **dst = p + n;
    while (r > 1) { /* merge neighbouring runs until one is left */
        size_t w = 0;
        for (size_t k = 0; k < r; k += 2) {
            if (k + 1 < r)
                merge_runs(src, dst, bound[k], bound[k + 1], bound[k + 2], cmp);
            else
                memcpy(dst + bound[k], src + bound[k], (bound[k + 1] - bound[k]) * sizeof *src);
            bound[w++] = bound[k];
        }
        bound[w] = n;
        r = w;
        char **x = src;
        src = dst;
        dst = x;
    }
    for (i = 0; i < n; i++)
        memcpy(t + i * size, src[i], size);
    memcpy(a, t, n * size);
    free(p);
    free(bound);
    free(t);
}

void am_tspan_sort(am_tspan *v, size_t n, int (*cmp)(const void *, const void *))
{
    if (n > 32) {
        am_qsort_stable(v, n, sizeof *v, cmp);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        am_tspan x = v[i];
        size_t j = i;
        while (j > 0 && cmp(&v[j - 1], &x) > 0) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
}
