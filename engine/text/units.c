/*
 * units.c - splitting sentences into argumentative units.
 *
 * A unit is a clause that carries its own role in the argument. A sentence
 * is split where a discourse marker opens a clause: "..., because ...",
 * "...; however, ...", "..., but ...", the marker staying with the unit it
 * opens and recorded in unit.marker. A marker at the start of a sentence
 * ("Thus, ...", "In other words, ...") opens no new unit but is recorded.
 * How each marker may split (after punctuation only, even without it, only
 * at a sentence start, or never) is the "where" column of
 * models/lexicons/discourse_markers.txt; its signal column is for the
 * relate stage. Both sides of a split keep at least MIN_WORDS words, so that
 * "simple, but wrong" stays whole.
 *
 * Quotations found by the quotes stage are atomic: no split falls strictly
 * inside one. A quotation is then linked to the unit that holds most of it
 * (quote.unit), and each unit to the quotation that covers most of it, when
 * that covers at least half of the unit or the unit is the quote's own
 * (unit.quote, unit.source = quote.source): every sentence of a quotation
 * that runs over several sentences carries it.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/lexicon.h"
#include "scan.h"
#include "units.h"

#define MIN_WORDS 3

typedef enum { W_ANY = 0, W_CLAUSE, W_START, W_INLINE, W_NONE } where_t;

typedef struct {
    size_t start, end;
    uint32_t hash; /* am_lex_hash_ci of the word, computed while reading it */
} word_t;

#define MAX_HASHED 16 /* marker words hashed incrementally; longer ones at once */

typedef struct {
    am_map *map;
    const am_analyze_options *opts;
    const am_lexicon *markers;
    /* A quick reject: one bit per (hash of a marker's first word) mod
     * 4096. The lookups themselves use the lexicon's own hash tables, built
     * once at load: building word sets per document cost more than using
     * them. */
    uint64_t first_bits[64];
    AM_VEC(word_t) words;      /* the words of the current sentence */
    AM_VEC(am_tspan) quotes;   /* quote spans sorted by start */
    AM_VEC(size_t) quote_end;  /* the largest end among quotes[0..i] */
} ctx_t;

static where_t where_of(const char *value)
{
    const char *tab = strchr(value, '\t');
    if (!tab)
        return W_ANY;
    tab++;
    if (!strcmp(tab, "clause"))
        return W_CLAUSE;
    if (!strcmp(tab, "start"))
        return W_START;
    if (!strcmp(tab, "inline"))
        return W_INLINE;
    if (!strcmp(tab, "none"))
        return W_NONE;
    return W_ANY;
}

const char *am_marker_signal(const am_model *model, const char *s, size_t len, char *buf,
                             size_t n)
{
    const am_lex_entry *e = am_lex_find_ci(am_model_lexicon(model, "discourse_markers"), s, len);
    if (!e || !n)
        return NULL;
    size_t k = strcspn(e->value, "\t");
    if (k >= n)
        k = n - 1;
    memcpy(buf, e->value, k);
    buf[k] = '\0';
    return buf;
}

/* The longest marker starting at word i; *nw gets its word count. Among
 * markers equal but for case, the first in the lexicon's byte order (what
 * a table filled in that order, first one kept, returned). */
static const am_lex_entry *match_marker(ctx_t *c, size_t i, size_t *nw)
{
    const char *t = c->map->doc->text;
    const word_t *w = c->words.items;
    const char *s = t + w[i].start;
    size_t n = w[i].end - w[i].start;
    uint32_t h = w[i].hash;
    /* Most words open no marker: the bit set rejects most of them, the
     * lexicon's tables the rest. */
    if (!(c->first_bits[(h >> 6) & 63] & ((uint64_t)1 << (h & 63))))
        return NULL;
    /* the most words of a marker that starts with this word and a space,
     * or 1: a longer phrase cannot match */
    size_t most = am_lex_multi_words_ci_h(c->markers, s, n, h);
    if (most < 2) {
        const am_lex_entry *one = am_lex_find_ci_first_h(c->markers, s, n, h);
        if (one)
            *nw = 1;
        return one;
    }
    size_t max = c->markers->max_words;
    if (max > most)
        max = most;
    if (max > c->words.len - i)
        max = c->words.len - i;
    /* the phrases of 2..max words one space apart, as in the keys, and
     * their hashes, continued from the first word's */
    uint32_t hk[MAX_HASHED + 1];
    size_t k = 1;
    hk[1] = h;
    while (k < max && w[i + k].start == w[i + k - 1].end + 1 && t[w[i + k - 1].end] == ' ') {
        k++;
        if (k <= MAX_HASHED) {
            uint32_t x = hk[k - 1];
            for (size_t b = w[i + k - 2].end; b < w[i + k - 1].end; b++)
                x = am_lex_hash_ci_step(x, (unsigned char)t[b]);
            hk[k] = x;
        }
    }
    for (; k >= 2; k--) {
        size_t len = w[i + k - 1].end - w[i].start;
        const am_lex_entry *e = am_lex_find_ci_first_h(
            c->markers, s, len, k <= MAX_HASHED ? hk[k] : am_lex_hash_ci(s, len));
        if (e) {
            *nw = k;
            return e;
        }
    }
    const am_lex_entry *one = am_lex_find_ci_first_h(c->markers, s, n, h);
    if (one)
        *nw = 1;
    return one;
}

/* 1 when offset p lies strictly inside a quotation. */
static int in_quote(const ctx_t *c, size_t p)
{
    size_t lo = 0, hi = c->quotes.len; /* the number of quotes starting before p */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->quotes.items[mid].start < p)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 && c->quote_end.items[lo - 1] > p;
}

static int add_unit(ctx_t *c, size_t start, size_t end, size_t si, am_tspan marker,
                    am_unit_kind kind)
{
    const char *t = c->map->doc->text;
    while (end > start) { /* trim white space at the end */
        size_t prev = am_scan_prev(t, end, start), n;
        if (!am_cp_space(am_scan_cp(t, prev, end, &n)))
            break;
        end = prev;
    }
    if (end <= start)
        return 0;
    if (c->map->units.len >= c->opts->max_units)
        return am_err(AM_ELIMIT, "%s: byte %zu: more than %zu argumentative units "
                      "(raise the limit with --max-units)", c->map->doc->name,
                      am_doc_src_offset(c->map->doc, start), c->opts->max_units);
    am_unit *u = AM_VEC_PUSH(&c->map->units);
    if (!u)
        return am_err_nomem();
    u->span.start = start;
    u->span.end = end;
    u->sentence = si;
    u->paragraph = c->map->sentences.items[si].paragraph;
    u->marker = marker;
    u->kind = kind;
    u->quote = u->date = u->source = -1;
    size_t e = end, n;
    while (e > start) { /* a question ends in "?", maybe inside its quotes: ?» */
        size_t prev = am_scan_prev(t, e, start);
        uint32_t ch = am_scan_cp(t, prev, end, &n);
        if (!am_cp_closer(ch)) {
            u->question = ch == '?';
            break;
        }
        e = prev;
    }
    return 0;
}

static inline int ascii_alpha(unsigned char b)
{
    return (unsigned char)((b | 32) - 'a') < 26;
}

static int split_sentence(ctx_t *c, size_t si)
{
    const am_document *doc = c->map->doc;
    const char *t = doc->text;
    const am_sentence *s = &c->map->sentences.items[si];
    am_block_kind bk = doc->blocks.items[s->paragraph].kind;
    am_tspan none = {0, 0};
    if (bk == AM_BLOCK_HEADING || (doc->has_title && s->paragraph == doc->title_block))
        return add_unit(c, s->span.start, s->span.end, si, none, AM_UNIT_NONE);

    c->words.len = 0;
    size_t end = s->span.end;
    for (size_t i = s->span.start; i < end;) {
        size_t n = 1;
        unsigned char b = (unsigned char)t[i];
        /* ASCII without the decoder: a letter is what am_cp_alpha says */
        if (b < 0x80 ? !ascii_alpha(b) : !am_cp_alpha(am_scan_cp(t, i, end, &n))) {
            i += n;
            continue;
        }
        if (AM_VEC_RESERVE(&c->words, 1) < 0)
            return am_err_nomem();
        word_t *w = &c->words.items[c->words.len++];
        w->start = i;
        uint32_t h = AM_LEX_HASH_CI_INIT;
        while (i < end) {
            /* a run of ASCII letters: folded and hashed (am_lex_hash_ci_step) */
            const unsigned char *p = (const unsigned char *)t + i,
                                *stop = (const unsigned char *)t + end;
            unsigned char f;
            while (p < stop && (f = am_scan_letter[*p]) != 0) {
                h = (h ^ f) * 16777619u;
                p++;
            }
            i = (size_t)(p - (const unsigned char *)t);
            if (i == end || *p < 0x80)
                break;
            if (!am_cp_alpha(am_scan_cp(t, i, end, &n)))
                break;
            for (size_t k = 0; k < n; k++)
                h = am_lex_hash_ci_step(h, (unsigned char)t[i + k]);
            i += n;
        }
        w->end = i;
        w->hash = h;
    }

    size_t ustart = s->span.start, ufirst = 0; /* the current unit and its first word */
    am_tspan umarker = none;
    int inline_only = 0; /* umarker came from an inline marker: a later one may replace it */
    for (size_t i = 0; i < c->words.len; i++) {
        size_t nw;
        const am_lex_entry *e = match_marker(c, i, &nw);
        if (!e)
            continue;
        size_t ws = c->words.items[i].start;
        am_tspan mk = {ws, c->words.items[i + nw - 1].end};
        where_t where = where_of(e->value);
        /* What stands before the marker: only openers (sentence start),
         * strong punctuation (; :), weak punctuation (, dash), or a word. */
        int ctx = 0; /* 0 start, 1 strong, 2 weak, 3 word */
        size_t p = ws;
        while (p > s->span.start) {
            size_t prev = am_scan_prev(t, p, s->span.start), n;
            uint32_t ch = am_scan_cp(t, prev, s->span.end, &n);
            p = prev;
            if (am_cp_space(ch) || am_cp_opener(ch))
                continue;
            ctx = ch == ';' || ch == ':' ? 1 : ch == ',' || am_cp_dash(ch) ? 2 : 3;
            break;
        }
        if (where == W_NONE || in_quote(c, ws)) {
            i += nw - 1;
            continue;
        }
        if (i == ufirst && ctx == 0) { /* opens the sentence: recorded, no split */
            umarker = mk;
            inline_only = where == W_INLINE;
        } else if (where == W_INLINE || (where == W_START && ctx == 2)) {
            if (!umarker.end || (inline_only && where != W_INLINE)) {
                umarker = mk;
                inline_only = where == W_INLINE;
            }
        } else if ((ctx <= 1 || (ctx == 2 && where != W_START) || where == W_CLAUSE) &&
                   i - ufirst >= MIN_WORDS && c->words.len - i >= MIN_WORDS) {
            int err = add_unit(c, ustart, ws, si, umarker, AM_UNIT_CLAIM);
            if (err < 0)
                return err;
            ustart = ws;
            ufirst = i;
            umarker = mk;
            inline_only = 0;
        }
        i += nw - 1;
    }
    return add_unit(c, ustart, s->span.end, si, umarker, AM_UNIT_CLAIM);
}

static int cmp_span(const void *a, const void *b)
{
    const am_tspan *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end < y->end ? -1 : x->end > y->end;
}

static size_t overlap(am_tspan a, am_tspan b)
{
    size_t s = a.start > b.start ? a.start : b.start;
    size_t e = a.end < b.end ? a.end : b.end;
    return e > s ? e - s : 0;
}

/* quote.unit: the unit holding most of the quote; unit.quote: the quote
 * covering most of the unit, if it covers half of it or is the unit's own. */
static int link_quotes(am_map *map)
{
    size_t nu = map->units.len;
    if (!nu || !map->quotes.len)
        return 0;
    size_t *best = calloc(nu, sizeof *best);
    if (!best)
        return am_err_nomem();
    for (size_t qi = 0; qi < map->quotes.len; qi++) {
        am_quote *q = &map->quotes.items[qi];
        q->unit = -1;
        size_t lo = 0, hi = nu; /* the first unit ending after the quote starts */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (map->units.items[mid].span.end <= q->span.start)
                lo = mid + 1;
            else
                hi = mid;
        }
        size_t qbest = 0;
        for (size_t ui = lo; ui < nu && map->units.items[ui].span.start < q->span.end; ui++) {
            am_unit *u = &map->units.items[ui];
            size_t ov = overlap(u->span, q->span);
            if (!ov)
                continue;
            if (ov > qbest) {
                qbest = ov;
                q->unit = (long)ui;
            }
            if (ov > best[ui] && 2 * ov >= u->span.end - u->span.start) {
                best[ui] = ov;
                u->quote = (long)qi;
            }
        }
        if (q->unit >= 0 && map->units.items[q->unit].quote < 0)
            map->units.items[q->unit].quote = (long)qi;
    }
    for (size_t ui = 0; ui < nu; ui++) {
        am_unit *u = &map->units.items[ui];
        if (u->quote >= 0)
            u->source = map->quotes.items[u->quote].source;
    }
    free(best);
    return 0;
}

int am_stage_units(am_map *map, const am_analyze_options *opts)
{
    if (!map->sentences.len)
        return 0;
    int err = 0;
    ctx_t c;
    memset(&c, 0, sizeof c);
    c.map = map;
    c.opts = opts;
    if (!(c.markers = am_model_lexicon(map->model, "discourse_markers")))
        return am_err(AM_ENOTFOUND, "units: the models folder has no "
                      "lexicons/discourse_markers.txt");
    for (size_t i = 0; i < c.markers->entries.len; i++) {
        uint32_t h = AM_LEX_HASH_CI_INIT; /* of the first word */
        for (const char *k = c.markers->entries.items[i].key; *k && *k != ' '; k++)
            h = am_lex_hash_ci_step(h, (unsigned char)*k);
        c.first_bits[(h >> 6) & 63] |= (uint64_t)1 << (h & 63);
    }
    for (size_t i = 0; i < map->quotes.len; i++) {
        am_tspan sp = map->quotes.items[i].span;
        am_tspan *slot = sp.end > sp.start ? AM_VEC_PUSH(&c.quotes) : NULL;
        if (sp.end > sp.start && !slot) {
            err = am_err_nomem();
            goto done;
        }
        if (slot)
            *slot = sp;
    }
    if (c.quotes.len) /* qsort wants a non-NULL array even when empty */
        qsort(c.quotes.items, c.quotes.len, sizeof *c.quotes.items, cmp_span);
    if (AM_VEC_RESERVE(&c.quote_end, c.quotes.len) < 0) {
        err = am_err_nomem();
        goto done;
    }
    for (size_t i = 0; i < c.quotes.len; i++) {
        size_t e = c.quotes.items[i].end;
        if (i && c.quote_end.items[i - 1] > e)
            e = c.quote_end.items[i - 1];
        c.quote_end.items[c.quote_end.len++] = e;
    }
    for (size_t si = 0; si < map->sentences.len; si++)
        if ((err = split_sentence(&c, si)) < 0)
            goto done;
    err = link_quotes(map);
done:
    AM_VEC_FREE(&c.words);
    AM_VEC_FREE(&c.quotes);
    AM_VEC_FREE(&c.quote_end);
    return err;
}
