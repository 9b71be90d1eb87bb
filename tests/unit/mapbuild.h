/*
 * mapbuild.h - hand-built argument maps for tests of the stages that read a
 * map (drawing, the report) without running the stages that fill one.
 *
 *     am_map *m = mb_new("Taxes should fall. Growth doubled in 2021.");
 *     long c = mb_unit(m, "Taxes should fall.", AM_UNIT_CLAIM, AM_EV_NONE);
 *     long e = mb_unit(m, "Growth doubled in 2021.", AM_UNIT_EVIDENCE, AM_EV_STATISTIC);
 *     mb_rel(m, MB_U(e), MB_U(c), AM_REL_SUPPORT);
 *     ... mb_free(m);
 *
 * Units are found by their text (the first occurrence after the previous
 * unit's start, so repeated phrases can be told apart by order).
 */
#ifndef AM_TEST_MAPBUILD_H
#define AM_TEST_MAPBUILD_H

#include "testutil.h"
#include "core/model.h"

#define MB_U(i) ((am_ref){AM_NODE_UNIT, (size_t)(i)})
#define MB_S(i) ((am_ref){AM_NODE_SOURCE, (size_t)(i)})
#define MB_R(i) ((am_ref){AM_NODE_RELATION, (size_t)(i)})

static inline am_map *mb_new_fmt(const char *text, am_format f)
{
    am_document *doc = load_str("hand-built.txt", text, f);
    am_map *m = calloc(1, sizeof *m);
    assert_non_null(m);
    m->doc = doc;
    m->major = -1;
    return m;
}

static inline am_map *mb_new(const char *text)
{
    return mb_new_fmt(text, AM_FORMAT_TEXT);
}

static inline void mb_free(am_map *m)
{
    if (!m)
        return;
    am_document *doc = (am_document *)m->doc;
    am_map_free(m);
    am_document_free(doc);
}

static inline long mb_unit(am_map *m, const char *text, am_unit_kind kind, am_evidence_type ev)
{
    const am_document *doc = m->doc;
    size_t from = m->units.len ? m->units.items[m->units.len - 1].span.start : 0;
    const char *at = strstr(doc->text + from, text);
    if (!at)
        fail_msg("mb_unit: '%s' is not in the text", text);
    am_unit *u = AM_VEC_PUSH(&m->units);
    assert_non_null(u);
    u->span.start = (size_t)(at - doc->text);
    u->span.end = u->span.start + strlen(text);
    for (size_t b = 0; b < doc->blocks.len; b++)
        if (doc->blocks.items[b].span.start <= u->span.start &&
            u->span.start < doc->blocks.items[b].span.end)
            u->paragraph = b;
    u->kind = kind;
    u->evidence = ev;
    u->confidence = 1;
    u->quote = u->date = u->source = -1;
    return (long)m->units.len - 1;
}

static inline void mb_major(am_map *m, long u)
{
    m->units.items[u].major = 1;
    m->major = u;
}

static inline long mb_source(am_map *m, const char *name, am_source_kind kind, const char *role)
{
    am_source *s = AM_VEC_PUSH(&m->sources);
    assert_non_null(s);
    s->name = strdup(name);
    s->kind = kind;
    s->role = role ? strdup(role) : NULL;
    return (long)m->sources.len - 1;
}

/* Unit u is spoken by source s (and carries a quote of it). */
static inline void mb_speaks(am_map *m, long u, long s)
{
    am_quote *q = AM_VEC_PUSH(&m->quotes);
    assert_non_null(q);
    q->span = q->content = m->units.items[u].span;
    q->kind = AM_QUOTE_TESTIMONY;
    q->source = s;
    q->unit = u;
    q->confidence = 1;
    m->units.items[u].source = s;
    m->units.items[u].quote = (long)m->quotes.len - 1;
}

static inline long mb_rel(am_map *m, am_ref from, am_ref to, am_rel_type type)
{
    am_relation *r = AM_VEC_PUSH(&m->relations);
    assert_non_null(r);
    r->from = from;
    r->to = to;
    r->type = type;
    r->reason = "test";
    r->confidence = 1;
    return (long)m->relations.len - 1;
}

#endif
