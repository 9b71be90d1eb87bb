/*
 * quotes.c - quotation spans, their kinds, and the "quotes" stage.
 *
 * Quotation marks are read with a small stack per block: « » “ ” „ “ ‘ ’,
 * straight " and ', and the '' `` of texts typed for old typewriters. The
 * straight and single marks are ambiguous (an apostrophe, an opening or a
 * closing mark): the characters on either side decide. Unbalanced marks are
 * recovered without back-tracking, so the work is linear in the text and the
 * stack never grows beyond AM_QUOTE_MAX_DEPTH.
 *
 * After attribution.c has found who said what, each quote that still has no
 * speaker gets its kind: an echo when it repeats part of an earlier
 * testimony, a name when it names a thing (capitalised words, or a word such
 * as "plan" or "style"), a scare quote when it is a short phrase the author
 * holds at a distance, and testimony otherwise.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/error.h"
#include "quotes.h"
#include "utf8.h"

enum {
    QM_NONE = 0,
    QM_GUIL,    /* « » */
    QM_CURLY,   /* “ ” */
    QM_LOW,     /* „ closed by “ or ” */
    QM_REV,     /* ” used as an opening mark */
    QM_STRAIGHT,/* " */
    QM_PTB,     /* `` or '' */
    QM_SCURLY,  /* ‘ ’ */
    QM_SSTRAIGHT/* ' */
};

typedef struct {
    int type;
    size_t start, cstart;
    int recoverable; /* opened the block or followed a colon/comma */
} qopen;

static uint32_t cp_decode(const char *t, size_t p, size_t end, size_t *len);

/* The code point at p and its length in bytes (ASCII read directly, as
 * the decoder reads it). */
static inline uint32_t cp_at(const char *t, size_t p, size_t end, size_t *len)
{
    if (p < end && (unsigned char)t[p] < 0x80) {
        if (len)
            *len = 1;
        return (unsigned char)t[p];
    }
    return cp_decode(t, p, end, len);
}

static uint32_t cp_decode(const char *t, size_t p, size_t end, size_t *len)
{
    uint32_t cp = 0;
    size_t n = p < end ? am_utf8_decode((const unsigned char *)t + p, end - p, &cp) : 0;
    if (!n) { /* invalid or end: one byte, no code point */
        cp = p < end ? (unsigned char)t[p] : 0;
        n = p < end ? 1 : 0;
    }
    if (len)
        *len = n;
    return cp;
}

/* The code point that ends before p (0 at start). */
static uint32_t cp_before(const char *t, size_t start, size_t p)
{
    if (p <= start)
        return 0;
    size_t q = p - 1;
    while (q > start && ((unsigned char)t[q] & 0xC0) == 0x80)
        q--;
    return cp_at(t, q, p, NULL);
}

static int is_space(uint32_t c)
{
    return c == 0 || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 ||
           (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x3000;
}

static int is_alnum(uint32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (c < 0xC0 || c == 0xD7 || c == 0xF7)
        return 0;
    return !(c >= 0x2000 && c <= 0x2BFF) && !(c >= 0x3000 && c <= 0x303F) && c != 0xFFFD;
}

/* Opening context: start of the block, space, or an opening bracket/dash. */
static int open_ctx(uint32_t prev)
{
    return is_space(prev) || prev == '(' || prev == '[' || prev == '-' || prev == 0x2013 ||
           prev == 0x2014 || prev == 0xAB || prev == 0x201C || prev == 0x201E || prev == 0x2018 ||
           prev == '"' || prev == '/';
}

/* What a mark at p is: its type, length, and whether it is an opener (1),
 * a closer (2), either (3), or nothing (0). */
static int mark_at(const char *t, size_t start, size_t end, size_t p, int *type, size_t *len)
{
    size_t n;
    uint32_t c = cp_at(t, p, end, &n);
    *len = n;
    switch (c) {
    case 0xAB: *type = QM_GUIL; return 1;
    case 0xBB: *type = QM_GUIL; return 2;
    case 0x201C: *type = QM_CURLY; return 3; /* also closes „ */
    case 0x201D: *type = QM_CURLY; return 2;
    case 0x201E: *type = QM_LOW; return 1;
    case 0x2018: *type = QM_SCURLY; return 1;
    case 0x2019: *type = QM_SCURLY; return 2;
    case '"': *type = QM_STRAIGHT; return 3;
    case '`':
        if (p + 1 < end && t[p + 1] == '`') {
            *type = QM_PTB;
            *len = 2;
            return 1;
        }
        return 0;
    case '\'':
        if (p + 1 < end && t[p + 1] == '\'') {
            *type = QM_PTB;
            *len = 2;
            return 3;
        }
        *type = QM_SSTRAIGHT;
        return 3;
    default:
        (void)start;
        return 0;
    }
}

/* An apostrophe rather than a single quotation mark: don't, Russia's, '90s,
 * 'em, rock 'n' roll. */
static int apostrophe(const char *t, size_t start, size_t end, size_t p, size_t len)
{
    uint32_t prev = cp_before(t, start, p);
    size_t n;
    uint32_t next = cp_at(t, p + len, end, &n);
    if (is_alnum(prev) && is_alnum(next))
        return 1;
    if (next >= '0' && next <= '9') { /* '90s, '22 */
        size_t q = p + len;
        while (q < end && t[q] >= '0' && t[q] <= '9')
            q++;
        if (q - (p + len) <= 2 && (q >= end || t[q] == 's' || !is_alnum(cp_at(t, q, end, NULL))))
            return 1;
    }
    if (open_ctx(prev) && p + len + 1 < end) {
        const char *w = t + p + len;
        size_t left = end - (p + len);
        if ((left >= 2 && !strncmp(w, "em", 2) && (left == 2 || !is_alnum((unsigned char)w[2]))) ||
            (left >= 2 && w[0] == 'n' && (w[1] == '\'' || !strncmp(w, "n\xe2\x80\x99", 4))) ||
            (left >= 3 && !strncasecmp(w, "til", 3) && (left == 3 || !is_alnum((unsigned char)w[3]))) ||
            (left >= 5 && !strncasecmp(w, "cause", 5) && (left == 5 || w[5] == ' ')))
            return 1;
    }
    return 0;
}

static int cmp_qspan(const void *a, const void *b)
{
    const am_qspan *x = a, *y = b;
    if (x->span.start != y->span.start)
        return x->span.start < y->span.start ? -1 : 1;
    if (x->span.end != y->span.end)
        return x->span.end > y->span.end ? -1 : 1; /* outer first */
    return 0;
}

static int emit(am_qspan_vec *out, const qopen *o, size_t cend, size_t end, int recovered)
{
    am_qspan *q = AM_VEC_PUSH(out);
    if (!q)
        return am_err_nomem();
    q->span.start = o->start;
    q->span.end = end;
    q->content.start = o->cstart;
    q->content.end = cend < o->cstart ? o->cstart : cend;
    q->recovered = recovered;
    return 0;
}

/* The bytes a mark can start with: " ' ` and the lead bytes of « » (C2)
 * and of the curly marks (E2). */
static const unsigned char mark_lead[256] = {['"'] = 1, ['\''] = 1, ['`'] = 1, [0xC2] = 1,
                                             [0xE2] = 1};

static inline int mark_byte(unsigned char b)
{
    return mark_lead[b];
}

/* 1 when one of the eight bytes at s may start a mark (the mark_lead
 * bytes; a false 1 costs only the byte-wise loop): the classic test for a
 * zero byte, after XOR with a lead byte repeated. " (0x22) and ' (0x27)
 * are tested at once, with bits 0 and 2 set (# and & pass too), ` alone,
 * and the lead bytes of « » (C2) and of the curly marks (E2) with every
 * other byte of 0x80 or more, by the high bit. */
static inline int has_mark8(const char *s)
{
    uint64_t v;
    memcpy(&v, s, 8);
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t q = (v | (ones * 0x05)) ^ (ones * 0x27), g = v ^ (ones * '`');
    uint64_t z = ((q - ones) & ~q) | ((g - ones) & ~g) | v;
    return (z & highs) != 0;
}

int am_quote_scan(const char *t, size_t start, size_t end, am_qspan_vec *out)
{
    qopen st[AM_QUOTE_MAX_DEPTH];
    int depth = 0, err = 0;
    size_t first = out->len;
    size_t p = start;
    while (p < end) {
        /* Fast path: bytes that can not start a mark, skipped in a run
         * (eight at a time while no mark is among them). */
        if (!mark_byte((unsigned char)t[p])) {
            p++;
            while (p + 8 <= end && !has_mark8(t + p))
                p += 8;
            while (p < end && !mark_byte((unsigned char)t[p]))
                p++;
            continue;
        }
        int type = QM_NONE;
        size_t len = 1;
        int role = mark_at(t, start, end, p, &type, &len);
        if (!role) {
            size_t n;
            cp_at(t, p, end, &n);
            p += n ? n : 1;
            continue;
        }
        /* ''' closing a single quote inside a double one: the first mark
         * closes the single quote, the next two the double */
        if (type == QM_PTB && len == 2 && depth > 0 && st[depth - 1].type == QM_SSTRAIGHT &&
            p + 2 < end && t[p + 2] == '\'') {
            type = QM_SSTRAIGHT;
            len = 1;
            role = 2;
        }
        uint32_t prev = cp_before(t, start, p);
        uint32_t next = cp_at(t, p + len, end, NULL);
        int openlike = open_ctx(prev) && !is_space(next);
        int closelike = !is_space(prev) && !open_ctx(prev);
        if ((type == QM_SSTRAIGHT || type == QM_SCURLY) && apostrophe(t, start, end, p, len)) {
            p += len;
            continue;
        }
        /* Which open quote could this mark close? */
        int match = -1;
        for (int i = depth - 1; i >= 0 && role & 2; i--) {
            int ot = st[i].type;
            /* mixed double marks close each other ("I prefer Kasich,” he
             * said): typists mix straight and curly quotes */
            int dbl_t = type == QM_CURLY || type == QM_STRAIGHT || type == QM_PTB;
            int dbl_o = ot == QM_CURLY || ot == QM_STRAIGHT || ot == QM_PTB || ot == QM_REV;
            if (ot == type || (type == QM_CURLY && (ot == QM_LOW || ot == QM_REV)) ||
                (dbl_t && dbl_o)) {
                match = i;
                break;
            }
        }
        if (cp_at(t, p, end, NULL) == 0x201C && match >= 0 && st[match].type != QM_LOW)
            match = -1; /* “ closes only „ */
        int do_close = 0, do_open = 0;
        if (match >= 0 && (role == 2 || closelike || !openlike))
            do_close = 1;
        else if (role & 1 && (role == 1 || openlike))
            do_open = 1;
        else if (type == QM_CURLY && role == 2 && openlike) { /* ” misused as an opener */
            do_open = 1;
            type = QM_REV;
        }
        if (type == QM_SCURLY && role == 2 && match < 0)
            do_close = do_open = 0; /* a lone ’ is an apostrophe (the Joneses’) */
        if (do_close) {
            /* Marks opened inside and never closed are dropped. */
            depth = match;
            if ((err = emit(out, &st[match], p, p + len, 0)) < 0)
                goto done;
        } else if (do_open && depth < AM_QUOTE_MAX_DEPTH) {
            size_t q = p;
            while (q > start && is_space(cp_before(t, start, q)))
                q--;
            uint32_t before = cp_before(t, start, q);
            st[depth].type = type;
            st[depth].start = p;
            st[depth].cstart = p + len;
            st[depth].recoverable = q == start || before == ':' || before == ',' ||
                                    before == 0x2014 || before == 0x2013;
            depth++;
        }
        p += len;
    }
    /* An outermost quote left open is closed at the end of the block when it
     * opened the block or followed a colon: news text lets a quotation run
     * on into the next paragraph. Anything else left open was a stray mark. */
    if (depth > 0 && st[0].recoverable) {
        size_t e = end;
        while (e > st[0].cstart && is_space(cp_before(t, start, e)))
            e--;
        if ((err = emit(out, &st[0], e, e, 1)) < 0)
            goto done;
    }
    if (out->len > first)
        qsort(out->items + first, out->len - first, sizeof *out->items, cmp_qspan);
    /* Depth by containment (marks dropped above may have left gaps). */
    {
        size_t stack[AM_QUOTE_MAX_DEPTH + 1];
        int sd = 0;
        for (size_t i = first; i < out->len; i++) {
            am_qspan *q = &out->items[i];
            while (sd > 0 && out->items[stack[sd - 1]].span.end <= q->span.start)
                sd--;
            q->depth = sd;
            if (sd < AM_QUOTE_MAX_DEPTH + 1)
                stack[sd++] = i;
        }
    }
done:
    return err;
}

/* ------------------------------------------------------------ the stage */

static int cmp_item(const void *a, const void *b)
{
    const am_qitem *x = a, *y = b;
    if (x->span.start != y->span.start)
        return x->span.start < y->span.start ? -1 : 1;
    if (x->span.end != y->span.end)
        return x->span.end > y->span.end ? -1 : 1;
    if (x->indirect != y->indirect)
        return x->indirect - y->indirect;
    return x->cue.start < y->cue.start ? -1 : x->cue.start > y->cue.start;
}

static int is_space_byte(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/* A new quote *out over span with that content, not yet attributed: 0,
 * or AM_ELIMIT past max_quotes, AM_ENOMEM. */
static int new_quote(am_qctx *c, am_tspan span, am_tspan content, am_qitem **out)
{
    if (c->quotes.len >= c->max_quotes)
        return am_err(AM_ELIMIT, "more than %zu quotations (raise max_units)", c->max_quotes);
    am_qitem *q = AM_VEC_PUSH(&c->quotes);
    if (!q)
        return am_err_nomem();
    q->span = span;
    q->content = content;
    q->source = -1;
    q->parent = -1;
    q->confidence = 0.5;
    *out = q;
    return 0;
}

/* The quote marks of every block, and the block quotations: a paragraph
 * that is one quotation, or a paragraph after one ending in a colon. */
static int find_quotes(am_qctx *c)
{
    const am_document *doc = c->doc;
    am_qspan_vec spans = {0};
    int err = 0;
    for (size_t b = 0; b < doc->blocks.len; b++) {
        am_tspan bs = doc->blocks.items[b].span;
        size_t first = spans.len;
        if ((err = am_quote_scan(c->text, bs.start, bs.end, &spans)) < 0)
            goto done;
        int whole = 0;
        for (size_t i = first; i < spans.len; i++) {
            am_qspan *s = &spans.items[i];
            if (spans.len - first > c->max_quotes) {
                err = am_err(AM_ELIMIT, "more than %zu quotations (raise max_units)", c->max_quotes);
                goto done;
            }
            am_qitem *q;
            if ((err = new_quote(c, s->span, s->content, &q)) < 0)
                goto done;
            q->depth = s->depth;
            q->recovered = s->recovered;
            /* the whole block, but for punctuation after the closing mark */
            if (s->depth == 0 && s->span.start == bs.start) {
                size_t e = s->span.end;
                while (e < bs.end && (c->text[e] == '.' || c->text[e] == ',' || is_space_byte(c->text[e])))
                    e++;
                if (e >= bs.end)
                    q->block = whole = 1;
            }
        }
        /* A block the input marks as a quotation (<blockquote>, "> " in
         * Markdown) without marks of its own is a block quotation. */
        if (!whole && first == spans.len && doc->blocks.items[b].kind == AM_BLOCK_QUOTE &&
            bs.end > bs.start) {
            am_qitem *q;
            if ((err = new_quote(c, bs, bs, &q)) < 0)
                goto done;
            q->block = 1;
            continue;
        }
        /* "Zelensky stated:" and then a paragraph without marks */
        if (!whole && b > 0 && doc->blocks.items[b].kind != AM_BLOCK_HEADING) {
            am_tspan ps = doc->blocks.items[b - 1].span;
            /* only a paragraph without marks of its own, and of paragraph size:
             * text whose lines are not separated by blank lines comes as one
             * long block, which is no quotation */
            if (ps.end > ps.start && c->text[ps.end - 1] == ':' && first == spans.len &&
                bs.end - bs.start < 2000 && !memchr(c->text + bs.start, '\n', bs.end - bs.start)) {
                am_qitem *q;
                if ((err = new_quote(c, bs, bs, &q)) < 0)
                    goto done;
                q->block = 1;
                q->recovered = 2; /* kept only if a speaker is found */
            }
        }
    }
    if (c->quotes.len)
        am_qsort_stable(c->quotes.items, c->quotes.len, sizeof *c->quotes.items, cmp_item);
done:
    AM_VEC_FREE(&spans);
    return err;
}

static size_t count_words(const am_qctx *c, am_tspan s, int *all_cap, int *name_word)
{
    size_t n = 0;
    *all_cap = 1;
    *name_word = 0;
    for (size_t i = am_qtok_at(c, s.start); i < c->toks.len && c->toks.items[i].end <= s.end; i++) {
        const am_qtok *t = &c->toks.items[i];
        if (t->type == AM_QT_PUNCT)
            continue;
        n++;
        if (!t->cap && !am_qtok_is(c, i, "of") && !am_qtok_is(c, i, "the") &&
            !am_qtok_is(c, i, "and") && t->type != AM_QT_NUM)
            *all_cap = 0;
        if (n <= 6 && am_qtok_lex(c, c->lex.names, i)) /* only short quotes can be names */
            *name_word = 1;
    }
    return n;
}

/* Lower-cased letters and digits, other runs as one space: for comparing
 * a short quotation with earlier ones. */
static char *normalise(const char *s, size_t n)
{
    char *r = malloc(n + 3), *w = r;
    if (!r)
        return NULL;
    *w++ = ' ';
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch >= 0x80)
            *w++ = (char)ch;
        else if (ch >= 'A' && ch <= 'Z')
            *w++ = (char)(ch - 'A' + 'a');
        else if (w[-1] != ' ')
            *w++ = ' ';
    }
    if (w[-1] != ' ')
        *w++ = ' ';
    *w = '\0';
    return r;
}

/* The bigrams of a string as 256 bits: a string holds another only if it
 * has all of its bigrams, so most strstr calls can be ruled out by four
 * AND-NOTs (the test is exact: it only skips searches that would fail). */
typedef struct {
    uint64_t w[4];
} bigrams_t;

static bigrams_t bigrams(const char *s)
{
    bigrams_t b = {{0, 0, 0, 0}};
    for (size_t i = 0; s[i] && s[i + 1]; i++) {
        unsigned x = ((unsigned char)s[i] * 31u + (unsigned char)s[i + 1]) & 255u;
        b.w[x >> 6] |= (uint64_t)1 << (x & 63);
    }
    return b;
}

static int may_hold(const bigrams_t *hay, const bigrams_t *needle)
{
    return !((needle->w[0] & ~hay->w[0]) | (needle->w[1] & ~hay->w[1]) |
             (needle->w[2] & ~hay->w[2]) | (needle->w[3] & ~hay->w[3]));
}

#define AM_ECHO_WINDOW 200 /* earlier testimonies an echo is compared with */
#define AM_SHORT_WORDS 8   /* a quotation this short may be an echo, name or scare quote */

static int assign_kinds(am_qctx *c)
{
    int err = 0;
    size_t n = c->quotes.len;
    char **norm = calloc(n + 1, sizeof *norm);
    /* the bigrams of norm[j], worked out when a testimony is compared a
     * second time (from then on they pay): nsig[j] 0 unused, 1 used once,
     * 2 nbig[j] set */
    bigrams_t *nbig = malloc((n + 1) * sizeof *nbig);
    unsigned char *nsig = calloc(n + 1, 1);
    if (!norm || !nbig || !nsig) {
        free(norm);
        free(nbig);
        free(nsig);
        return am_err_nomem();
    }
    for (size_t i = 0; i < n; i++) {
        am_qitem *q = &c->quotes.items[i];
        if (q->indirect)
            continue;
        int all_cap, name_word;
        size_t words = count_words(c, q->content, &all_cap, &name_word);
        int attributed = q->cue.end > q->cue.start;
        if (attributed && q->depth == 0) {
            q->kind = AM_QUOTE_TESTIMONY;
        } else if (words <= 6 && words > 0 && (all_cap || name_word)) {
            q->kind = AM_QUOTE_NAME;
            q->source = -1;
            q->confidence = 0.6;
        } else {
            /* echo: a short piece of an earlier, longer testimony */
            long echo = -1;
            if (words <= AM_SHORT_WORDS && words > 1) {
                char *me = normalise(c->text + q->content.start, q->content.end - q->content.start);
                if (!me) {
                    err = am_err_nomem();
                    goto done;
                }
                size_t seen = 0, melen = strlen(me);
                int have_mebig = 0;
                bigrams_t mebig = {{0, 0, 0, 0}};
                /* a piece of two bytes or less is never looked for */
                for (size_t j = i; melen > 2 && j-- > 0 && seen < AM_ECHO_WINDOW;) {
                    am_qitem *p = &c->quotes.items[j];
                    if (p->kind != AM_QUOTE_TESTIMONY || p->indirect || p->depth != 0 ||
                        p->content.end - p->content.start <= q->content.end - q->content.start ||
                        (p->span.start <= q->span.start && q->span.end <= p->span.end))
                        continue;
                    seen++;
                    if (!norm[j] && !(norm[j] = normalise(c->text + p->content.start,
                                                          p->content.end - p->content.start))) {
                        free(me);
                        err = am_err_nomem();
                        goto done;
                    }
                    if (nsig[j] == 1) {
                        nbig[j] = bigrams(norm[j]);
                        nsig[j] = 2;
                    } else if (nsig[j] == 0) {
                        nsig[j] = 1;
                    }
                    if (nsig[j] == 2) {
                        if (!have_mebig) {
                            mebig = bigrams(me);
                            have_mebig = 1;
                        }
                        if (!may_hold(&nbig[j], &mebig))
                            continue; /* strstr would not find it */
                    }
                    if (strstr(norm[j], me)) {
                        echo = (long)j;
                        break;
                    }
                }
                free(me);
            }
            /* a fragment inside reported speech belongs to its speaker */
            long parent = -1;
            for (size_t j = i, seen = 0; j-- > 0 && seen < AM_ECHO_WINDOW && q->depth == 0; seen++) {
                am_qitem *p = &c->quotes.items[j];
                if (p->indirect && p->source >= 0 && p->content.start <= q->span.start &&
                    q->span.end <= p->content.end) {
                    parent = (long)j;
                    break;
                }
            }
            if (echo >= 0) {
                q->kind = AM_QUOTE_ECHO;
                q->source = c->quotes.items[echo].source;
                q->confidence = 0.7;
            } else if (parent >= 0) {
                am_qitem *p = &c->quotes.items[parent];
                q->kind = AM_QUOTE_TESTIMONY;
                q->parent = parent;
                q->source = p->source;
                q->cue = p->cue;
                q->speaker = p->speaker;
                q->confidence = 0.6;
            } else if (words <= 4 && !q->block) {
                q->kind = AM_QUOTE_SCARE;
                q->source = -1;
                q->confidence = 0.5;
            } else {
                q->kind = AM_QUOTE_TESTIMONY;
                q->confidence = 0.4;
            }
        }
    }
done:
    for (size_t i = 0; i < n; i++)
        free(norm[i]);
    free(norm);
    free(nbig);
    free(nsig);
    return err;
}

static void free_ctx(am_qctx *c)
{
    AM_VEC_FREE(&c->toks);
    free(c->tok_at);
    c->tok_at = NULL;
    AM_VEC_FREE(&c->sents);
    AM_VEC_FREE(&c->sent_tok);
    AM_VEC_FREE(&c->quotes);
    AM_VEC_FREE(&c->persons);
    free(c->memo);
    c->memo = NULL;
    free(c->capw);
    c->capw = NULL;
    am_sources_free_vec(c);
}

int am_stage_quotes(am_map *map, const am_analyze_options *opts)
{
    if (!map->model)
        return 0; /* no lexicons: the map carries the document alone */
    am_qctx c;
    memset(&c, 0, sizeof c);
    c.doc = map->doc;
    c.text = map->doc->text;
    c.max_quotes = opts->max_units ? opts->max_units : 100000;
    const am_model *m = map->model;
    c.lex.cues = am_model_lexicon(m, "quote_cues");
    c.lex.titles = am_model_lexicon(m, "quote_titles");
    c.lex.anonymous = am_model_lexicon(m, "quote_anonymous");
    c.lex.pronouns = am_model_lexicon(m, "quote_pronouns");
    c.lex.media = am_model_lexicon(m, "quote_media");
    c.lex.orgs = am_model_lexicon(m, "quote_orgs");
    c.lex.stop = am_model_lexicon(m, "quote_stop");
    c.lex.abbrev = am_model_lexicon(m, "quote_abbrev");
    c.lex.names = am_model_lexicon(m, "quote_names");
    c.lex.adverbs = am_model_lexicon(m, "quote_adverbs");
    c.lex.dets = am_model_lexicon(m, "quote_determiners");
    c.lex.notlabels = am_model_lexicon(m, "quote_notlabels");
    const am_lexicon *memolex[AM_QMEMO_N] = {
        [AM_QL_PRONOUNS] = c.lex.pronouns, [AM_QL_STOP] = c.lex.stop,
        [AM_QL_ADVERBS] = c.lex.adverbs, [AM_QL_DETS] = c.lex.dets,
        [AM_QL_TITLES] = c.lex.titles, [AM_QL_ANONYMOUS] = c.lex.anonymous,
        [AM_QL_CUES] = c.lex.cues, [AM_QL_ORGS] = c.lex.orgs, [AM_QL_MEDIA] = c.lex.media};
    memcpy(c.memolex, memolex, sizeof memolex);
    if (!c.lex.cues || !c.lex.pronouns || !c.lex.stop)
        return am_err(AM_ENOTFOUND, "%s/lexicons: quote_cues.txt, quote_pronouns.txt and "
                      "quote_stop.txt are needed by the quotes stage", am_model_dir(m));
    int err;
    if ((err = find_quotes(&c)) < 0 || (err = am_qtok_build(&c, map)) < 0 ||
        (err = am_attribute(&c)) < 0)
        goto done;
    /* in text order (reported speech was added at the end), outer first */
    if (c.quotes.len)
        am_qsort_stable(c.quotes.items, c.quotes.len, sizeof *c.quotes.items, cmp_item);
    if ((err = assign_kinds(&c)) < 0 ||
        (err = am_sources_finish(&c)) < 0)
        goto done;
    if (AM_VEC_RESERVE(&map->quotes, c.quotes.len) < 0) {
        err = am_err_nomem();
        goto done;
    }
    for (size_t i = 0; i < c.quotes.len; i++) {
        const am_qitem *q = &c.quotes.items[i];
        if (q->recovered == 2 && q->cue.end <= q->cue.start)
            continue; /* a paragraph after a colon that nobody said */
        am_quote *o = &map->quotes.items[map->quotes.len++];
        memset(o, 0, sizeof *o);
        o->span = q->span;
        o->content = q->content;
        o->kind = q->kind;
        o->block = q->block;
        o->indirect = q->indirect;
        o->source = q->kind == AM_QUOTE_SCARE || q->kind == AM_QUOTE_NAME ? -1 : q->source;
        o->cue = q->cue;
        o->speaker = q->speaker;
        o->unit = -1;
        o->confidence = q->confidence;
    }
    /* the registry moves into the map */
    map->sources.items = c.srcs.items;
    map->sources.len = c.srcs.len;
    map->sources.cap = c.srcs.cap;
    c.srcs.items = NULL;
    c.srcs.len = c.srcs.cap = 0;
done:
    free_ctx(&c);
    return err;
}
