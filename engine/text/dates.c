/*
 * dates.c - finding dates and normalising them to ISO 8601.
 *
 * Each paragraph is cut into tokens (words, numbers, punctuation) and
 * read for these forms:
 *   "February 25, 2022", "25 February 2022", "February 25th"  day
 *   "February 2022", "in February", "in early April"          month
 *   "March and early April 2022", "March to May"              month range
 *   "in 2014", "since 2014"                                   year
 *   "2022-02-25"                                              day
 *   "last November", "this month", "next year"                relative
 * A bare month or year is read only after a preposition or modifier of
 * models/lexicons/date_cues.txt ("in March", "since 2014"), so that "May"
 * the verb and "2000 people" are not dates.
 *
 * A date without a year takes the nearest explicit year written before it
 * in the document (year_inferred = 1): a news story's "On March 6" belongs
 * to the last year it named. With no year before it, the first explicit
 * year of the document is used; with none at all, the date is dropped
 * (the schema wants a year). A range's first month takes the year before
 * when it comes after the second month ("December to February 2022").
 *
 * A relative date ("last November") counts from the anchor: the
 * chronologically latest explicit date of day or month precision seen so
 * far (a bare year is too often a target: "by 2050"). Articles rarely carry
 * their own date in the text, and the latest date they name is the best
 * stand-in for "now". "last November" is the latest November strictly
 * before the anchor's month, "this month" the anchor's month, "next year"
 * the anchor's year + 1. Before any explicit date, relative dates are
 * dropped. The text is taken as written: "December 17, 2022" is 2022-12-17
 * even where the story means 2021.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/error.h"
#include "../core/lexicon.h"
#include "dates.h"
#include "scan.h"

enum { T_WORD, T_NUM, T_PUNCT };

/* The roles of date_cues.txt, as bits. */
enum { R_PREP = 1, R_MODIFIER = 2, R_RANGE = 4, R_LAST = 8, R_THIS = 16, R_NEXT = 32, R_UNIT = 64 };
static const struct {
    const char *name;
    unsigned bit;
} roles[] = {{"prep", R_PREP}, {"modifier", R_MODIFIER}, {"range", R_RANGE}, {"last", R_LAST},
             {"this", R_THIS}, {"next", R_NEXT}, {"unit", R_UNIT}};

typedef struct {
    size_t start, end;
    unsigned char kind, ndig, ordinal;
    unsigned char cues; /* WORD: its date_cues roles, R_* bits */
    int val; /* WORD: month number or 0; NUM: its value (ndig <= 4); PUNCT: the code point */
} tok_t;

typedef struct {
    size_t start, end;
    int y1, m1, d1, y2, m2, d2; /* y2/m2/d2 for a range; 0 when absent */
    am_date_precision prec;
    int inferred;
} cand_t;

typedef struct {
    am_map *map;
    const am_lexicon *months, *cues;
    /* date_cues: per entry, the R_* bits of every entry whose key equals
     * its key ignoring case, at the entry am_lex_find_ci returns for them
     * (a word set of the keys, built per document, cost more than the
     * lookups); and one bit per key hash mod 4096, to skip most words */
    unsigned char *cue_bits;
    uint64_t cue_hbits[64];
    uint64_t month_bits[64]; /* one bit per folded hash of a months key, mod 4096 */
    AM_VEC(tok_t) toks;
    AM_VEC(cand_t) found;
    int last_year;   /* the latest explicit year in reading order */
    int first_year;  /* the first explicit year of the document */
    int ay, am, ad;  /* the anchor: the latest explicit day or month by the calendar */
} dctx;

static int days_in(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

/* 0 when no key of months.txt has the folded hash h. */
static inline int month_may(const dctx *c, uint32_t h)
{
    return (c->month_bits[(h >> 6) & 63] >> (h & 63)) & 1;
}

static int tokenize(dctx *c, size_t bs, size_t be)
{
    const char *t = c->map->doc->text;
    c->toks.len = 0;
    size_t i = bs;
    while (i < be) {
        size_t n;
        uint32_t ch = am_scan_cp(t, i, be, &n);
        if (am_cp_space(ch)) {
            i += n;
            continue;
        }
        tok_t *k = AM_VEC_PUSH(&c->toks);
        if (!k)
            return am_err_nomem();
        k->start = i;
        if (am_cp_alpha(ch)) {
            int upper = am_cp_upper(ch);
            uint32_t h = AM_LEX_HASH_CI_INIT; /* the word's hash, as it is read */
            while (i < be) {
                unsigned char b = (unsigned char)t[i];
                unsigned char f = am_scan_letter[b];
                if (f) { /* an ASCII letter, without the decoder */
                    h = (h ^ f) * 16777619u; /* am_lex_hash_ci_step */
                    i++;
                    continue;
                }
                if (b < 0x80)
                    break;
                if (!am_cp_alpha(am_scan_cp(t, i, be, &n)))
                    break;
                for (size_t j = 0; j < n; j++)
                    h = am_lex_hash_ci_step(h, (unsigned char)t[i + j]);
                i += n;
            }
            k->kind = T_WORD;
            if ((c->cue_hbits[(h >> 6) & 63] >> (h & 63)) & 1) {
                const am_lex_entry *e = am_lex_find_ci_h(c->cues, t + k->start, i - k->start, h);
                k->cues = e ? c->cue_bits[e - c->cues->entries.items] : 0;
            }
            if (upper) { /* "March", "Feb." */
                /* a month's key, matched exactly, has the same folded hash:
                 * the bit set skips the search for most capitalised words */
                const am_lex_entry *e =
                    month_may(c, h) ? am_lex_find(c->months, t + k->start, i - k->start) : NULL;
                uint32_t hd = am_lex_hash_ci_step(h, '.');
                if (!e && i < be && t[i] == '.' && month_may(c, hd) &&
                    (e = am_lex_find(c->months, t + k->start, i + 1 - k->start)))
                    i++;
                if (e)
                    k->val = atoi(e->value);
                if (k->val < 1 || k->val > 12)
                    k->val = 0;
            }
        } else if (am_cp_digit(ch)) {
            while (i < be && t[i] >= '0' && t[i] <= '9') {
                if (k->ndig < 5)
                    k->val = k->val * 10 + (t[i] - '0');
                k->ndig = k->ndig < 255 ? k->ndig + 1 : 255;
                i++;
            }
            k->kind = T_NUM;
            if (i + 1 < be && (!strncmp(t + i, "st", 2) || !strncmp(t + i, "nd", 2) ||
                               !strncmp(t + i, "rd", 2) || !strncmp(t + i, "th", 2)) &&
                (i + 2 >= be || !am_cp_alpha(am_scan_cp(t, i + 2, be, &n)))) {
                k->ordinal = 1;
                i += 2;
            }
        } else {
            k->kind = T_PUNCT;
            k->val = (int)ch;
            i += n;
        }
        k->end = i;
    }
    return 0;
}

/* 1 when token k is a word with the date_cues role bit `role`. */
static int cue(const dctx *c, size_t k, unsigned role)
{
    return k < c->toks.len && c->toks.items[k].kind == T_WORD && (c->toks.items[k].cues & role);
}

static int month_at(const dctx *c, size_t k)
{
    return k < c->toks.len && c->toks.items[k].kind == T_WORD ? c->toks.items[k].val : 0;
}

static int year_at(const dctx *c, size_t k)
{
    if (k >= c->toks.len)
        return 0;
    const tok_t *t = &c->toks.items[k];
    return t->kind == T_NUM && t->ndig == 4 && !t->ordinal && t->val >= 1000 && t->val <= 2999
               ? t->val : 0;
}

static int day_at(const dctx *c, size_t k)
{
    if (k >= c->toks.len)
        return 0;
    const tok_t *t = &c->toks.items[k];
    return t->kind == T_NUM && t->ndig <= 2 && t->val >= 1 && t->val <= 31 ? t->val : 0;
}

static int punct_at(const dctx *c, size_t k, int ch)
{
    return k < c->toks.len && c->toks.items[k].kind == T_PUNCT && c->toks.items[k].val == ch;
}

static int dash_at(const dctx *c, size_t k)
{
    return k < c->toks.len && c->toks.items[k].kind == T_PUNCT &&
           am_cp_dash((uint32_t)c->toks.items[k].val);
}

/* Token k+1 touches token k (no space between): "2022-02", "mid-April". */
static int adjacent(const dctx *c, size_t k)
{
    return k + 1 < c->toks.len && c->toks.items[k].end == c->toks.items[k + 1].start;
}

/* A year at k, or after a comma at k: "February 2022", "February 25, 2022".
 * *last gets the year's token. */
static int year_after(const dctx *c, size_t k, size_t *last)
{
    int y;
    if ((y = year_at(c, k))) {
        *last = k;
        return y;
    }
    if (punct_at(c, k, ',') && (y = year_at(c, k + 1))) {
        *last = k + 1;
        return y;
    }
    return 0;
}

static int before(int y1, int m1, int d1, int y2, int m2, int d2)
{
    return y1 != y2 ? y1 < y2 : m1 != m2 ? m1 < m2 : d1 < d2;
}

/* Resolve and keep a candidate. */
static int keep(dctx *c, cand_t d, int relative, const char *rel, int runit_year)
{
    if (relative) {
        if (!c->ay)
            return 0;
        int y = c->ay, m = d.m1;
        if (runit_year) {
            y += !strcmp(rel, "last") ? -1 : !strcmp(rel, "next") ? 1 : 0;
            d.prec = AM_DATE_YEAR;
        } else if (!m) { /* "last month": counted from the anchor's month */
            if (!c->am)
                return 0;
            m = c->am + (!strcmp(rel, "last") ? -1 : !strcmp(rel, "next") ? 1 : 0);
            if (m < 1) {
                m = 12;
                y--;
            } else if (m > 12) {
                m = 1;
                y++;
            }
        } else if (!strcmp(rel, "last")) { /* the latest such month before the anchor's */
            if (c->am == 0 || m >= c->am)
                y--;
        } else if (!strcmp(rel, "next")) {
            if (c->am != 0 && m <= c->am)
                y++;
        }
        d.y1 = y;
        d.m1 = m;
        d.inferred = 1;
    } else if (!d.y1 && !d.y2) {
        int y = c->last_year; /* 0: filled in at the end from the first explicit year */
        d.inferred = 1;
        if (d.m2) {
            d.y2 = y;
            d.y1 = y && d.m1 > d.m2 ? y - 1 : y;
        } else {
            d.y1 = y;
        }
    } else {
        int y = d.m2 ? d.y2 : d.y1;
        if (d.m2 && !d.y1)
            d.y1 = d.m1 > d.m2 ? y - 1 : y;
        c->last_year = y;
        if (!c->first_year)
            c->first_year = d.y1;
        int m = d.m2 ? d.m2 : d.m1, dd = d.m2 ? d.d2 : d.d1;
        /* A bare year ("by 2050", "since 1995") is often a target or a
         * starting point, not a time of writing: only dated days and months
         * move the anchor. */
        if (m && (!c->ay || before(c->ay, c->am, c->ad, y, m, dd))) {
            c->ay = y;
            c->am = m;
            c->ad = dd;
        }
    }
    cand_t *slot = AM_VEC_PUSH(&c->found);
    if (!slot)
        return am_err_nomem();
    *slot = d;
    return 0;
}

/* Read the dates of one paragraph. */
static int scan_block(dctx *c)
{
    size_t n = c->toks.len;
    const tok_t *t = c->toks.items;
    int err;
    for (size_t k = 0; k < n; k++) {
        /* A date starts at a number, a month or a "last"/"this"/"next" cue:
         * every test below fails at once on any other token. */
        if (t[k].kind == T_PUNCT ||
            (t[k].kind == T_WORD && !t[k].val && !(t[k].cues & (R_LAST | R_THIS | R_NEXT))))
            continue;
        cand_t d;
        memset(&d, 0, sizeof d);
        d.start = t[k].start;
        int y, m, dd;
        size_t last;
        /* 2022-02-25 */
        if (k + 4 < n && (y = year_at(c, k)) && adjacent(c, k) && punct_at(c, k + 1, '-') &&
            adjacent(c, k + 1) && t[k + 2].kind == T_NUM && t[k + 2].ndig == 2 &&
            adjacent(c, k + 2) && punct_at(c, k + 3, '-') && adjacent(c, k + 3) &&
            t[k + 4].kind == T_NUM && t[k + 4].ndig == 2) {
            m = t[k + 2].val;
            dd = t[k + 4].val;
            if (m >= 1 && m <= 12 && dd >= 1 && dd <= days_in(y, m)) {
                d.y1 = y, d.m1 = m, d.d1 = dd, d.prec = AM_DATE_DAY, d.end = t[k + 4].end;
                if ((err = keep(c, d, 0, NULL, 0)) < 0)
                    return err;
                k += 4;
                continue;
            }
        }
        /* last November, this month, next year */
        const char *rel = cue(c, k, R_LAST) ? "last" : cue(c, k, R_THIS) ? "this"
                        : cue(c, k, R_NEXT) ? "next" : NULL;
        if (rel && (month_at(c, k + 1) || cue(c, k + 1, R_UNIT))) {
            const tok_t *u = &t[k + 1];
            int is_year = !month_at(c, k + 1) && u->end - u->start == 4 &&
                          !strncasecmp(c->map->doc->text + u->start, "year", 4);
            d.m1 = month_at(c, k + 1);
            d.prec = AM_DATE_MONTH;
            d.end = u->end;
            if ((err = keep(c, d, 1, rel, is_year)) < 0)
                return err;
            k++;
            continue;
        }
        /* 25 February 2022, 25th of February */
        if ((dd = day_at(c, k))) {
            size_t j = k + 1;
            if (j < n && t[j].kind == T_WORD && t[j].end - t[j].start == 2 &&
                !strncmp(c->map->doc->text + t[j].start, "of", 2))
                j++;
            if ((m = month_at(c, j)) && dd <= days_in(2000, m)) {
                d.m1 = m, d.d1 = dd, d.prec = AM_DATE_DAY, d.end = t[j].end;
                if ((d.y1 = year_at(c, j + 1))) {
                    d.end = t[j + 1].end;
                    j++;
                }
                if ((err = keep(c, d, 0, NULL, 0)) < 0)
                    return err;
                k = j;
                continue;
            }
        }
        if ((m = month_at(c, k))) {
            d.m1 = m;
            /* February 25[, 2022] */
            if ((dd = day_at(c, k + 1)) && dd <= days_in(2000, m) &&
                !(adjacent(c, k + 1) && k + 2 < n && t[k + 2].kind == T_NUM)) {
                d.d1 = dd, d.prec = AM_DATE_DAY, d.end = t[k + 1].end, last = k + 1;
                if ((y = year_after(c, k + 2, &last))) {
                    d.y1 = y;
                    d.end = t[last].end;
                }
                if ((err = keep(c, d, 0, NULL, 0)) < 0)
                    return err;
                k = last;
                continue;
            }
            /* what stands before: "in", "early", "in early", "mid-" */
            size_t p = k;
            int ctx = 0;
            if (p > 0 && dash_at(c, p - 1) && adjacent(c, p - 1) && p > 1 && cue(c, p - 2, R_MODIFIER))
                p -= 2, ctx = 1;
            else if (p > 0 && cue(c, p - 1, R_MODIFIER))
                p--, ctx = 1;
            if (p > 0 && (cue(c, p - 1, R_PREP) || cue(c, p - 1, R_RANGE)))
                ctx = 1;
            /* March and early April 2022 */
            size_t j = k + 1;
            if (j < n && (cue(c, j, R_RANGE) || dash_at(c, j))) {
                j++;
                if (cue(c, j, R_MODIFIER)) {
                    j++;
                    if (dash_at(c, j))
                        j++;
                }
                int m2 = month_at(c, j);
                last = j;
                y = m2 ? year_after(c, j + 1, &last) : 0;
                if (m2 && m2 != m && (y || ctx)) {
                    d.m2 = m2, d.y2 = y, d.prec = AM_DATE_MONTH, d.end = t[last].end;
                    if ((err = keep(c, d, 0, NULL, 0)) < 0)
                        return err;
                    k = last;
                    continue;
                }
            }
            /* February 2022 */
            if ((y = year_after(c, k + 1, &last))) {
                d.y1 = y, d.prec = AM_DATE_MONTH, d.end = t[last].end;
                if ((err = keep(c, d, 0, NULL, 0)) < 0)
                    return err;
                k = last;
                continue;
            }
            /* in March */
            if (ctx) {
                d.prec = AM_DATE_MONTH, d.end = t[k].end;
                if ((err = keep(c, d, 0, NULL, 0)) < 0)
                    return err;
            }
            continue;
        }
        /* in 2014, since 2014, early 2022 */
        if ((y = year_at(c, k)) && k > 0 && (cue(c, k - 1, R_PREP) || cue(c, k - 1, R_MODIFIER)) &&
            !(adjacent(c, k) && k + 1 < n && (dash_at(c, k + 1) || t[k + 1].kind != T_PUNCT))) {
            d.y1 = y, d.prec = AM_DATE_YEAR, d.end = t[k].end;
            if ((err = keep(c, d, 0, NULL, 0)) < 0)
                return err;
        }
    }
    return 0;
}

static void format_one(char *buf, size_t n, int y, int m, int d, am_date_precision p)
{
    if (p == AM_DATE_DAY)
        snprintf(buf, n, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
    else if (p == AM_DATE_MONTH)
        snprintf(buf, n, "%04d-%02d", y % 10000, m % 100);
    else
        snprintf(buf, n, "%04d", y % 10000);
}

/* The unit holding offset p, or -1. */
static long unit_at(const am_map *map, size_t p)
{
    size_t lo = 0, hi = map->units.len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (map->units.items[mid].span.end <= p)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < map->units.len && map->units.items[lo].span.start <= p)
        return (long)lo;
    return -1;
}

int am_stage_dates(am_map *map, const am_analyze_options *opts)
{
    (void)opts;
    const am_document *doc = map->doc;
    if (!doc->blocks.len)
        return 0;
    int err = 0;
    dctx c;
    memset(&c, 0, sizeof c);
    c.map = map;
    c.months = am_model_lexicon(map->model, "months");
    c.cues = am_model_lexicon(map->model, "date_cues");
    if (!c.months || !c.cues)
        return am_err(AM_ENOTFOUND, "dates: the models folder has no lexicons/%s.txt",
                      c.months ? "date_cues" : "months");
    if (!(c.cue_bits = calloc(c.cues->entries.len ? c.cues->entries.len : 1, 1))) {
        err = am_err_nomem();
        goto done;
    }
    for (size_t i = 0; i < c.months->entries.len; i++) {
        const char *key = c.months->entries.items[i].key;
        uint32_t h = am_lex_hash_ci(key, strlen(key));
        c.month_bits[(h >> 6) & 63] |= (uint64_t)1 << (h & 63);
    }
    for (size_t i = 0; i < c.cues->entries.len; i++) {
        const am_lex_entry *e = &c.cues->entries.items[i];
        /* the roles are the comma-separated items of the value */
        unsigned bits = 0;
        for (const char *p = e->value;;) {
            size_t n = strcspn(p, ",");
            for (size_t r = 0; r < sizeof roles / sizeof *roles; r++)
                if (!strncmp(p, roles[r].name, n) && roles[r].name[n] == '\0')
                    bits |= roles[r].bit;
            if (!p[n])
                break;
            p += n + 1;
        }
        if (!bits) {
            err = am_err(AM_EPARSE, "date_cues.txt:%zu: no known role in \"%s\"", e->line, e->value);
            goto done;
        }
        size_t n = strlen(e->key);
        uint32_t h = am_lex_hash_ci(e->key, n);
        const am_lex_entry *lead = am_lex_find_ci_h(c.cues, e->key, n, h);
        c.cue_bits[(lead ? lead : e) - c.cues->entries.items] |= (unsigned char)bits;
        c.cue_hbits[(h >> 6) & 63] |= (uint64_t)1 << (h & 63);
    }
    for (size_t b = 0; b < doc->blocks.len; b++) {
        if ((err = tokenize(&c, doc->blocks.items[b].span.start, doc->blocks.items[b].span.end)) < 0 ||
            (err = scan_block(&c)) < 0)
            goto done;
    }
    for (size_t i = 0; i < c.found.len; i++) {
        cand_t *d = &c.found.items[i];
        if (!d->y1 && !d->y2) { /* no year before it: the document's first one */
            if (!c.first_year)
                continue;
            d->y2 = d->m2 ? c.first_year : 0;
            d->y1 = d->m2 && d->m1 > d->m2 ? c.first_year - 1 : c.first_year;
        }
        if (d->d1 && d->d1 > days_in(d->y1, d->m1))
            continue; /* "February 29" in a year without one */
        am_date *out = AM_VEC_PUSH(&map->dates);
        if (!out) {
            err = am_err_nomem();
            goto done;
        }
        out->span.start = d->start;
        out->span.end = d->end;
        out->precision = d->prec;
        out->year_inferred = d->inferred;
        format_one(out->iso, sizeof out->iso, d->y1, d->m1, d->d1, d->prec);
        if (d->m2) {
            size_t len = strlen(out->iso);
            out->iso[len++] = '/';
            format_one(out->iso + len, sizeof out->iso - len, d->y2, d->m2, d->d2, d->prec);
        }
        out->unit = unit_at(map, d->start);
        if (out->unit >= 0 && map->units.items[out->unit].date < 0)
            map->units.items[out->unit].date = (long)(map->dates.len - 1);
    }
done:
    free(c.cue_bits);
    AM_VEC_FREE(&c.toks);
    AM_VEC_FREE(&c.found);
    return err;
}
