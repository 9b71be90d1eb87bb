/*
 * json_summary.c - the per-document summary record of `argmap batch`.
 *
 * A batch over a million articles wants a few hundred bytes per document,
 * not the whole map: counts by kind, the major claim, and the graph
 * stage's headline figures. Everything here is read from the data model
 * (core/model.h) and the graph stage's analysis. Keys and their order are
 * fixed (the
 * output is deterministic); docs/batch.md describes each one.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../graph/analysis.h"
#include "../text/utf8.h"
#include "batch.h"

/* Per-document lists stay short: the sources most quoted first. */
#define SUMMARY_MAX_SOURCES 32
/* Title and major-claim text are cut at this many bytes (UTF-8 boundary). */
#define SUMMARY_MAX_TEXT 400

static void add_excerpt(am_jw *w, cJSON *obj, const char *key, const char *s, size_t n)
{
    size_t k = n;
    if (k > SUMMARY_MAX_TEXT) {
        k = SUMMARY_MAX_TEXT;
        while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--;
    }
    am_jw_strn(w, obj, key, s, k);
}

static const char *const source_kinds[] = {"person", "organisation", "media", "anonymous",
                                           "author"};
static const char *const quote_kinds[] = {"testimony", "echo", "scare", "name"};
static const char *const rel_types[] = {"support", "attack", "undercut"};

typedef struct {
    size_t index, quotes, mentions;
} cited;

static const am_map *sort_map; /* qsort has no context argument in C11 */

static int cmp_cited(const void *a, const void *b)
{
    const cited *x = a, *y = b;
    if (x->quotes != y->quotes)
        return x->quotes > y->quotes ? -1 : 1;
    if (x->mentions != y->mentions)
        return x->mentions > y->mentions ? -1 : 1;
    const char *nx = sort_map->sources.items[x->index].name;
    const char *ny = sort_map->sources.items[y->index].name;
    int c = strcmp(nx ? nx : "", ny ? ny : "");
    if (c)
        return c;
    return x->index < y->index ? -1 : x->index > y->index;
}

static void summary_document(am_jw *w, cJSON *s)
{
    const am_document *doc = w->map->doc;
    cJSON *d = am_jw_obj(w, s, "document");
    size_t bad, n = doc->name ? strlen(doc->name) : 0;
    if (!doc->name || am_utf8_valid(doc->name, n, &bad)) {
        am_jw_str(w, d, "name", doc->name);
    } else { /* a file name in another encoding */
        size_t m, r;
        char *fixed = am_utf8_repair(doc->name, n, &m, &r);
        if (!fixed)
            w->oom = 1;
        else
            am_jw_str(w, d, "name", fixed);
        free(fixed);
    }
    am_jw_str(w, d, "format", am_format_name(doc->format));
    am_jw_int(w, d, "bytes", doc->src_len);
    if (doc->has_title) {
        am_tspan t = doc->blocks.items[doc->title_block].span;
        add_excerpt(w, d, "title", doc->text + t.start, t.end - t.start);
    } else {
        am_jw_null(w, d, "title");
    }
    am_jw_int(w, d, "paragraphs", doc->blocks.len);
    am_jw_int(w, d, "warnings", doc->warnings.len);
}

static void summary_units(am_jw *w, cJSON *s)
{
    const am_map *m = w->map;
    size_t kinds[3] = {0}, questions = 0, ev[AM_EV_COMMON_GROUND + 1] = {0};
    for (size_t i = 0; i < m->units.len; i++) {
        const am_unit *u = &m->units.items[i];
        if ((unsigned)u->kind < 3)
            kinds[u->kind]++;
        questions += u->question != 0;
        if (u->kind == AM_UNIT_EVIDENCE && (unsigned)u->evidence <= AM_EV_COMMON_GROUND)
            ev[u->evidence]++;
    }
    cJSON *o = am_jw_obj(w, s, "units");
    am_jw_int(w, o, "total", m->units.len);
    am_jw_int(w, o, "claim", kinds[AM_UNIT_CLAIM]);
    am_jw_int(w, o, "evidence", kinds[AM_UNIT_EVIDENCE]);
    am_jw_int(w, o, "none", kinds[AM_UNIT_NONE]);
    am_jw_int(w, o, "questions", questions);
    cJSON *e = am_jw_obj(w, s, "evidence");
    for (int t = AM_EV_TESTIMONY; t <= AM_EV_COMMON_GROUND; t++)
        am_jw_int(w, e, am_evidence_name((am_evidence_type)t), ev[t]);
    /* evidence units the classifier left without a type */
    am_jw_int(w, e, "untyped", ev[AM_EV_NONE]);
}

static void summary_quotes_sources(am_jw *w, cJSON *s)
{
    const am_map *m = w->map;
    size_t qk[4] = {0};
    for (size_t i = 0; i < m->quotes.len; i++)
        if ((unsigned)m->quotes.items[i].kind < 4)
            qk[m->quotes.items[i].kind]++;
    cJSON *q = am_jw_obj(w, s, "quotes");
    am_jw_int(w, q, "total", m->quotes.len);
    for (int k = 0; k < 4; k++)
        am_jw_int(w, q, quote_kinds[k], qk[k]);

    size_t sk[5] = {0};
    cited *list = m->sources.len ? calloc(m->sources.len, sizeof *list) : NULL;
    if (m->sources.len && !list) {
        w->oom = 1;
        return;
    }
    for (size_t i = 0; i < m->sources.len; i++) {
        if ((unsigned)m->sources.items[i].kind < 5)
            sk[m->sources.items[i].kind]++;
        list[i].index = i;
        list[i].mentions = m->sources.items[i].mentions.len;
    }
    for (size_t i = 0; i < m->quotes.len; i++) {
        long src = m->quotes.items[i].source;
        if (src >= 0 && (size_t)src < m->sources.len)
            list[src].quotes++;
    }
    cJSON *so = am_jw_obj(w, s, "sources");
    am_jw_int(w, so, "total", m->sources.len);
    for (int k = 0; k < 5; k++)
        am_jw_int(w, so, source_kinds[k], sk[k]);
    if (list) {
        sort_map = m;
        qsort(list, m->sources.len, sizeof *list, cmp_cited);
    }
    cJSON *arr = am_jw_arr(w, so, "cited");
    size_t n = m->sources.len < SUMMARY_MAX_SOURCES ? m->sources.len : SUMMARY_MAX_SOURCES;
    for (size_t i = 0; i < n; i++) {
        const am_source *src = &m->sources.items[list[i].index];
        cJSON *o = am_jw_push_obj(w, arr);
        am_jw_ref(w, o, "id", 'S', (long)list[i].index);
        am_jw_str(w, o, "name", src->name);
        am_jw_str(w, o, "kind", (unsigned)src->kind < 5 ? source_kinds[src->kind] : "person");
        am_jw_int(w, o, "quotes", list[i].quotes);
        am_jw_int(w, o, "mentions", list[i].mentions);
    }
    free(list);
}

/* A claim nothing supports: no support relation ends at it (DESIGN.md,
 * "unsupported"). Read from the relations, so it is there before the
 * graph stage is. */
static size_t unsupported_claims(const am_map *m)
{
    size_t n = 0;
    unsigned char *backed = m->units.len ? calloc(m->units.len, 1) : NULL;
    if (m->units.len && !backed)
        return (size_t)-1;
    for (size_t i = 0; i < m->relations.len; i++) {
        const am_relation *r = &m->relations.items[i];
        if (r->type == AM_REL_SUPPORT && r->to.kind == AM_NODE_UNIT && r->to.index < m->units.len)
            backed[r->to.index] = 1;
    }
    for (size_t i = 0; i < m->units.len; i++)
        n += m->units.items[i].kind == AM_UNIT_CLAIM && !backed[i];
    free(backed);
    return n;
}

static void summary_relations(am_jw *w, cJSON *s)
{
    const am_map *m = w->map;
    size_t rt[3] = {0};
    for (size_t i = 0; i < m->relations.len; i++)
        if ((unsigned)m->relations.items[i].type < 3)
            rt[m->relations.items[i].type]++;
    cJSON *r = am_jw_obj(w, s, "relations");
    am_jw_int(w, r, "total", m->relations.len);
    for (int k = 0; k < 3; k++)
        am_jw_int(w, r, rel_types[k], rt[k]);
    size_t un = unsupported_claims(m);
    if (un == (size_t)-1)
        w->oom = 1;
    else
        am_jw_int(w, s, "unsupported_claims", un);
}

static void summary_major(am_jw *w, cJSON *s)
{
    const am_map *m = w->map;
    if (m->major < 0 || (size_t)m->major >= m->units.len) {
        am_jw_null(w, s, "major_claim");
        return;
    }
    const am_unit *u = &m->units.items[m->major];
    cJSON *o = am_jw_obj(w, s, "major_claim");
    am_jw_ref(w, o, "id", 'u', m->major);
    add_excerpt(w, o, "text", m->doc->text + u->span.start, u->span.end - u->span.start);
}

/* The graph stage's per-document figures, as numbers that `argmap
 * aggregate` reads by name: support_depth (longest support chain to the
 * major claim, or the deepest over all claims when there is none),
 * unsupported_claims, attacked_claims, circular (support cycles), chains
 * (to the major claim) and the acceptability counts. The full analysis is in
 * the map (--full). */
static void summary_analysis(am_jw *w, cJSON *s)
{
    const am_analysis *a = w->map->analysis;
    if (!a) {
        am_jw_null(w, s, "analysis");
        return;
    }
    cJSON *o = am_jw_obj(w, s, "analysis");
    const am_claim_analysis *major = NULL;
    size_t deepest = 0, attacked = 0;
    for (size_t i = 0; i < a->claims.len; i++) {
        const am_claim_analysis *c = &a->claims.items[i];
        if (c->depth > deepest)
            deepest = c->depth;
        attacked += c->attacked != 0;
        if (a->major >= 0 && c->unit == (size_t)a->major)
            major = c;
    }
    am_jw_int(w, o, "claims", a->claims.len);
    am_jw_int(w, o, "support_depth", major ? major->depth : deepest);
    am_jw_int(w, o, "unsupported_claims", a->unsupported_claims);
    am_jw_int(w, o, "attacked_claims", attacked);
    am_jw_int(w, o, "circular", a->cycles.len);
    if (major)
        am_jw_num(w, o, "chains", major->chains);
    else
        am_jw_null(w, o, "chains");
    am_jw_int(w, o, "disconnected", a->disconnected.len);
    am_jw_int(w, o, "accepted", a->accepted);
    am_jw_int(w, o, "rejected", a->rejected);
    am_jw_int(w, o, "undecided", a->undecided);
}

/* Build the summary object into parent[key]. */
static void summary_object(am_jw *w, cJSON *parent, const char *key)
{
    cJSON *s = am_jw_obj(w, parent, key);
    if (!s)
        return;
    summary_document(w, s);
    am_jw_int(w, s, "sentences", w->map->sentences.len);
    summary_units(w, s);
    summary_quotes_sources(w, s);
    am_jw_int(w, s, "dates", w->map->dates.len);
    summary_relations(w, s);
    summary_major(w, s);
    summary_analysis(w, s);
}

static int print_tree(cJSON *root, am_jw *w, char **out, size_t *len)
{
    char *text = NULL;
    if (!w->oom)
        text = am_json_print(root);
    cJSON_Delete(root);
    if (!text)
        return am_err_nomem();
    *out = text;
    if (len)
        *len = strlen(text);
    return 0;
}

int am_map_summary_json(char **out, size_t *len, const am_map *map)
{
    if (!out || !map)
        return am_err(AM_EINVAL, "am_map_summary_json: NULL argument");
    am_jw w = {map, 0};
    cJSON *holder = cJSON_CreateObject();
    if (!holder)
        return am_err_nomem();
    summary_object(&w, holder, "summary");
    cJSON *s = cJSON_DetachItemFromObjectCaseSensitive(holder, "summary");
    cJSON_Delete(holder);
    if (!s)
        return am_err_nomem();
    return print_tree(s, &w, out, len);
}

void am_json_summary_into(am_jw *w, cJSON *root)
{
    summary_object(w, root, "summary");
}
