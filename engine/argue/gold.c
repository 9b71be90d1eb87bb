/*
 * gold.c - gold units: the units given with --units, found in the text.
 *
 * Scoring structure apart from segmentation needs the annotated units in
 * place of the pipeline's own. Each unit is looked up in the document text
 * after the end of the one before, ignoring white space (annotators and
 * converters join and split lines freely); its paragraph and sentence
 * follow from where it was found. When no sentence splitter ran, each unit
 * becomes its own sentence so that every unit still names one.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/pipeline.h"
#include "argue.h"

static int is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Length of white space at p: ASCII, or a no-break space. */
static size_t ws_len(const char *p, const char *end)
{
    if (p < end && is_ws((unsigned char)*p))
        return 1;
    if (end - p >= 2 && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0)
        return 2;
    return 0;
}

/* Match unit u (from its first non-space byte) at text position p; return
 * the end of the match, or 0 when it does not match. */
static size_t match_at(const char *t, size_t tlen, size_t p, const char *u, size_t ulen)
{
    size_t i = 0, k;
    const char *tend = t + tlen, *uend = u + ulen;
    while (i < ulen) {
        if ((k = ws_len(u + i, uend)) > 0) {
            i += k;
            continue;
        }
        while (p < tlen && (k = ws_len(t + p, tend)) > 0)
            p += k;
        if (p >= tlen || t[p] != u[i])
            return 0;
        p++;
        i++;
    }
    return p;
}

int am_gold_locate(const am_document *doc, const char *unit, size_t from, am_tspan *span)
{
    size_t ulen = strlen(unit), a = 0, k;
    while (a < ulen && (k = ws_len(unit + a, unit + ulen)) > 0)
        a += k;
    if (a == ulen)
        return am_err(AM_EPARSE, "an empty unit");
    const char *t = doc->text;
    for (size_t p = from; p < doc->text_len; p++) {
        if (t[p] != unit[a])
            continue;
        size_t end = match_at(t, doc->text_len, p, unit + a, ulen - a);
        if (end) {
            span->start = p;
            span->end = end;
            return 0;
        }
    }
    return am_err(AM_EPARSE, "not found in the text after byte %zu", from);
}

int am_ends_with_question(const char *s, size_t n)
{
    const unsigned char *t = (const unsigned char *)s;
    for (;;) {
        while (n > 0 && is_ws(t[n - 1]))
            n--;
        if (n > 0 && strchr("\"')]", t[n - 1]) && t[n - 1])
            n--;
        else if (n >= 3 && t[n - 3] == 0xE2 && t[n - 2] == 0x80 && (t[n - 1] == 0x9D || t[n - 1] == 0x99))
            n -= 3; /* closing double or single quotation mark */
        else if (n >= 2 && t[n - 2] == 0xC2 && t[n - 1] == 0xBB)
            n -= 2; /* closing guillemet */
        else
            break;
    }
    return n > 0 && t[n - 1] == '?';
}

static size_t block_of(const am_document *doc, size_t off)
{
    size_t best = 0;
    for (size_t b = 0; b < doc->blocks.len; b++)
        if (doc->blocks.items[b].span.start <= off)
            best = b;
    return best;
}

int am_stage_gold_units(am_map *map, const am_analyze_options *opts)
{
    if (!opts->units_count)
        return 0;
    if (opts->units_count > opts->max_units)
        return am_err(AM_ELIMIT, "%s: %zu gold units, more than the limit of %zu",
                      map->doc->name, opts->units_count, opts->max_units);
    int own_sentences = map->sentences.len == 0;
    map->units.len = 0;
    size_t from = 0;
    for (size_t i = 0; i < opts->units_count; i++) {
        am_tspan sp;
        if (am_gold_locate(map->doc, opts->units[i], from, &sp) < 0)
            return am_err(AM_EPARSE, "%s: gold unit %zu (\"%.40s\") is not in the text after "
                          "the unit before it", map->doc->name, i + 1, opts->units[i]);
        from = sp.end;
        am_unit *u = AM_VEC_PUSH(&map->units);
        if (!u)
            return am_err_nomem();
        u->span = sp;
        u->paragraph = block_of(map->doc, sp.start);
        u->quote = u->date = u->source = -1;
        if (own_sentences) {
            am_sentence *s = AM_VEC_PUSH(&map->sentences);
            if (!s)
                return am_err_nomem();
            s->span = sp;
            s->paragraph = u->paragraph;
            u->sentence = map->sentences.len - 1;
        } else {
            size_t best = 0;
            for (size_t s = 0; s < map->sentences.len; s++)
                if (map->sentences.items[s].span.start <= sp.start)
                    best = s;
            u->sentence = best;
        }
        /* a question: the unit ends with '?' (before closing quotes) */
        u->question = am_ends_with_question(map->doc->text + sp.start, sp.end - sp.start);
    }
    /* link what earlier stages found (quotes, dates) to the unit holding it */
    for (size_t q = 0; q < map->quotes.len; q++) {
        am_quote *qu = &map->quotes.items[q];
        qu->unit = -1;
        for (size_t i = 0; i < map->units.len; i++) {
            am_unit *u = &map->units.items[i];
            if (qu->content.start >= u->span.start && qu->content.start < u->span.end) {
                qu->unit = (long)i;
                if (u->quote < 0) {
                    u->quote = (long)q;
                    u->source = qu->source;
                }
                break;
            }
        }
    }
    for (size_t d = 0; d < map->dates.len; d++) {
        am_date *dt = &map->dates.items[d];
        dt->unit = -1;
        for (size_t i = 0; i < map->units.len; i++) {
            am_unit *u = &map->units.items[i];
            if (dt->span.start >= u->span.start && dt->span.start < u->span.end) {
                dt->unit = (long)i;
                if (u->date < 0)
                    u->date = (long)d;
                break;
            }
        }
    }
    return 0;
}

int am_argue_prepare(am_map **out, const am_document *doc, const am_model *model,
                     const am_analyze_options *opts)
{
    return am_stages_run(out, doc, model, opts, "classify");
}
