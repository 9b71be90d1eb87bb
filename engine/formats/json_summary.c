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
#include <math.h>
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

/* The summary is written straight into a buffer, member after member,
 * with what am_json_print would print for the cJSON tree it used to
 * build: a tree of ~100 nodes per document, two mallocs a node, cost more
 * than the rest of the record. sw tracks, per open object or array,
 * whether a member was written (for the commas). */
typedef struct {
    am_jbuf *b;
    const am_map *map;
    int oom;
    size_t depth;
    unsigned char more[8];
} sw;

static void key(sw *w, const char *k)
{
    if (w->more[w->depth])
        am_jb_put(w->b, ",", 1);
    w->more[w->depth] = 1;
    if (!k)
        return;
    /* the keys here are short names that need no escape: "key": in one
     * write (a key that does goes through the string writer) */
    char q[40];
    size_t n = 0;
    q[n++] = '"';
    for (const char *p = k; *p; p++) {
        if (n > sizeof q - 3 || (unsigned char)*p < 32 || *p == '"' || *p == '\\') {
            am_jb_string(w->b, k);
            am_jb_put(w->b, ":", 1);
            return;
        }
        q[n++] = *p;
    }
    q[n++] = '"';
    q[n++] = ':';
    am_jb_put(w->b, q, n);
}

static void open_(sw *w, const char *k, const char *bracket)
{
    key(w, k);
    am_jb_put(w->b, bracket, 1);
    w->more[++w->depth] = 0; /* depth stays below 4 here */
}

static void close_(sw *w, const char *bracket)
{
    am_jb_put(w->b, bracket, 1);
    w->depth--;
}

static void w_int(sw *w, const char *k, size_t v)
{
    key(w, k);
    am_jb_double(w->b, (double)v); /* a cJSON number holds a double */
}

static void w_str(sw *w, const char *k, const char *s)
{
    key(w, k);
    am_jb_string(w->b, s);
}

static void w_null(sw *w, const char *k)
{
    key(w, k);
    am_jb_put(w->b, "null", 4);
}

/* As am_jw_num: rounded to 4 places, null when not finite. */
static void w_num(sw *w, const char *k, double v)
{
    key(w, k);
    if (!isfinite(v))
        am_jb_put(w->b, "null", 4);
    else
        am_jb_double(w->b, round(v * 10000.0) / 10000.0);
}

static void w_ref(sw *w, const char *k, char prefix, long index)
{
    if (index < 0) {
        w_null(w, k);
        return;
    }
    char id[32];
    am_json_id(id, sizeof id, prefix, (size_t)index);
    w_str(w, k, id);
}

static void add_excerpt(sw *w, const char *k, const char *s, size_t n)
{
    size_t cut = n;
    if (cut > SUMMARY_MAX_TEXT) {
        cut = SUMMARY_MAX_TEXT;
        while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
            cut--;
    }
    key(w, k);
    am_jb_stringn(w->b, s, cut);
}


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

static void summary_document(sw *w)
{
    const am_document *doc = w->map->doc;
    open_(w, "document", "{");
    size_t bad, n = doc->name ? strlen(doc->name) : 0;
    if (!doc->name || am_utf8_valid(doc->name, n, &bad)) {
        w_str(w, "name", doc->name);
    } else { /* a file name in another encoding */
        size_t m, r;
        char *fixed = am_utf8_repair(doc->name, n, &m, &r);
        if (!fixed)
            w->oom = 1;
        else
            w_str(w, "name", fixed);
        free(fixed);
    }
    w_str(w, "format", am_format_name(doc->format));
    w_int(w, "bytes", doc->src_len);
    if (doc->has_title) {
        am_tspan t = doc->blocks.items[doc->title_block].span;
        add_excerpt(w, "title", doc->text + t.start, t.end - t.start);
    } else {
        w_null(w, "title");
    }
    w_int(w, "paragraphs", doc->blocks.len);
    w_int(w, "warnings", doc->warnings.len);
    close_(w, "}");
}

static void summary_units(sw *w)
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
    open_(w, "units", "{");
    w_int(w, "total", m->units.len);
    w_int(w, "claim", kinds[AM_UNIT_CLAIM]);
    w_int(w, "evidence", kinds[AM_UNIT_EVIDENCE]);
    w_int(w, "none", kinds[AM_UNIT_NONE]);
    w_int(w, "questions", questions);
    close_(w, "}");
    open_(w, "evidence", "{");
    for (int t = AM_EV_TESTIMONY; t <= AM_EV_COMMON_GROUND; t++)
        w_int(w, am_evidence_name((am_evidence_type)t), ev[t]);
    /* evidence units the classifier left without a type */
    w_int(w, "untyped", ev[AM_EV_NONE]);
    close_(w, "}");
}

static void summary_quotes_sources(sw *w)
{
    const am_map *m = w->map;
    size_t qk[4] = {0};
    for (size_t i = 0; i < m->quotes.len; i++)
        if ((unsigned)m->quotes.items[i].kind < 4)
            qk[m->quotes.items[i].kind]++;
    open_(w, "quotes", "{");
    w_int(w, "total", m->quotes.len);
    for (int k = 0; k < 4; k++)
        w_int(w, am_quote_kind_names[k], qk[k]);
    close_(w, "}");

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
    open_(w, "sources", "{");
    w_int(w, "total", m->sources.len);
    for (int k = 0; k < 5; k++)
        w_int(w, am_source_kind_names[k], sk[k]);
    if (list) {
        sort_map = m;
        qsort(list, m->sources.len, sizeof *list, cmp_cited);
    }
    open_(w, "cited", "[");
    size_t n = m->sources.len < SUMMARY_MAX_SOURCES ? m->sources.len : SUMMARY_MAX_SOURCES;
    for (size_t i = 0; i < n; i++) {
        const am_source *src = &m->sources.items[list[i].index];
        open_(w, NULL, "{");
        w_ref(w, "id", 'S', (long)list[i].index);
        w_str(w, "name", src->name);
        w_str(w, "kind", am_source_kind_name(src->kind));
        w_int(w, "quotes", list[i].quotes);
        w_int(w, "mentions", list[i].mentions);
        close_(w, "}");
    }
    close_(w, "]");
    close_(w, "}");
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

static void summary_relations(sw *w)
{
    const am_map *m = w->map;
    size_t rt[3] = {0};
    for (size_t i = 0; i < m->relations.len; i++)
        if ((unsigned)m->relations.items[i].type < 3)
            rt[m->relations.items[i].type]++;
    open_(w, "relations", "{");
    w_int(w, "total", m->relations.len);
    for (int k = 0; k < 3; k++)
        w_int(w, am_rel_type_names[k], rt[k]);
    close_(w, "}");
    size_t un = unsupported_claims(m);
    if (un == (size_t)-1)
        w->oom = 1;
    else
        w_int(w, "unsupported_claims", un);
}

static void summary_major(sw *w)
{
    const am_map *m = w->map;
    if (m->major < 0 || (size_t)m->major >= m->units.len) {
        w_null(w, "major_claim");
        return;
    }
    const am_unit *u = &m->units.items[m->major];
    open_(w, "major_claim", "{");
    w_ref(w, "id", 'u', m->major);
    add_excerpt(w, "text", m->doc->text + u->span.start, u->span.end - u->span.start);
    close_(w, "}");
}

/* The graph stage's per-document figures, as numbers that `argmap
 * aggregate` reads by name: support_depth (longest support chain to the
 * major claim, or the deepest over all claims when there is none),
 * unsupported_claims, attacked_claims, circular (support cycles), chains
 * (to the major claim) and the acceptability counts. The full analysis is in
 * the map (--full). */
static void summary_analysis(sw *w)
{
    const am_analysis *a = w->map->analysis;
    if (!a) {
        w_null(w, "analysis");
        return;
    }
    open_(w, "analysis", "{");
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
    w_int(w, "claims", a->claims.len);
    w_int(w, "support_depth", major ? major->depth : deepest);
    w_int(w, "unsupported_claims", a->unsupported_claims);
    w_int(w, "attacked_claims", attacked);
    w_int(w, "circular", a->cycles.len);
    if (major)
        w_num(w, "chains", major->chains);
    else
        w_null(w, "chains");
    w_int(w, "disconnected", a->disconnected.len);
    w_int(w, "accepted", a->accepted);
    w_int(w, "rejected", a->rejected);
    w_int(w, "undecided", a->undecided);
    close_(w, "}");
}

int am_json_summary_write(am_jbuf *b, const am_map *map)
{
    sw w;
    memset(&w, 0, sizeof w);
    w.b = b;
    w.map = map;
    am_jb_put(b, "{", 1);
    summary_document(&w);
    w_int(&w, "sentences", map->sentences.len);
    summary_units(&w);
    summary_quotes_sources(&w);
    w_int(&w, "dates", map->dates.len);
    summary_relations(&w);
    summary_major(&w);
    summary_analysis(&w);
    am_jb_put(b, "}", 1);
    if (w.oom)
        b->oom = 1;
    return b->oom ? am_err_nomem() : 0;
}

int am_map_summary_json(char **out, size_t *len, const am_map *map)
{
    if (!out || !map)
        return am_err(AM_EINVAL, "am_map_summary_json: NULL argument");
    am_jbuf b = {0};
    int err = am_json_summary_write(&b, map);
    am_jb_put(&b, "", 1); /* the NUL, inside the length */
    if (err < 0 || b.oom) {
        free(b.buf);
        return am_err_nomem();
    }
    *out = b.buf;
    if (len)
        *len = b.len - 1;
    return 0;
}
