/*
 * corpus.c - figures over a whole batch run (`argmap aggregate`).
 *
 * Reads the output records of `argmap batch` one at a time and keeps only
 * running totals, a bounded table of source names and short ranked lists,
 * so a results file of any length is aggregated in the same memory. Every
 * member is optional: a record from an older or newer argmap, or from a
 * build without the graph stage, adds what it has and the report says how
 * many documents lacked a figure instead of failing.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/strbuf.h"
#include "batch.h"

#define NEV 7
static const char *const ev_names[NEV] = {"testimony", "statistic", "event", "example",
                                          "report", "common_ground", "untyped"};
#define HIST 11 /* unsupported claims: 0..9 and 10 or more */
#define NCODES 8

typedef struct {
    char *id;
    double value;
    double extra; /* claims, for unsupported */
} ranked;

typedef struct {
    char *name;  /* NULL: empty slot */
    char *kind;
    size_t quotes, docs;
} src_entry;

struct am_corpus {
    am_corpus_options o;
    size_t records, analysed, failed, bytes;
    char codes[NCODES][16];
    size_t code_n[NCODES];
    size_t units, claims, evidence, quotes, sources;
    size_t ev[NEV];
    size_t ev_missing;
    /* sources */
    src_entry *tab;
    size_t cap, used, other_quotes, other_names;
    /* unsupported claims per document */
    size_t un_docs, un_sum, un_missing, un_hist[HIST];
    ranked *un_top;
    size_t un_n;
    /* support depth */
    size_t depth_docs, depth_missing;
    double depth_sum;
    ranked *depth_top;
    size_t depth_n;
};

void am_corpus_options_init(am_corpus_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->version = AM_CORPUS_OPTIONS_VERSION;
    opts->top = 10;
    opts->max_sources = 1000000;
}

int am_corpus_new(am_corpus **out, const am_corpus_options *opts)
{
    am_corpus_options d;
    if (!opts) {
        am_corpus_options_init(&d);
        opts = &d;
    }
    if (!out)
        return am_err(AM_EINVAL, "am_corpus_new: NULL argument");
    if (opts->version != AM_CORPUS_OPTIONS_VERSION)
        return am_err(AM_EINVAL, "corpus options: version %d, expected %d", opts->version,
                      AM_CORPUS_OPTIONS_VERSION);
    if (opts->top < 1 || opts->top > 100000 || opts->max_sources < 1)
        return am_err(AM_EINVAL, "corpus options: top must be 1..100000, max_sources >= 1");
    am_corpus *c = calloc(1, sizeof *c);
    if (!c)
        return am_err_nomem();
    c->o = *opts;
    c->un_top = calloc(opts->top, sizeof *c->un_top);
    c->depth_top = calloc(opts->top, sizeof *c->depth_top);
    if (!c->un_top || !c->depth_top) {
        am_corpus_free(c);
        return am_err_nomem();
    }
    *out = c;
    return 0;
}

void am_corpus_free(am_corpus *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->cap; i++) {
        free(c->tab[i].name);
        free(c->tab[i].kind);
    }
    free(c->tab);
    for (size_t i = 0; i < c->un_n; i++)
        free(c->un_top[i].id);
    for (size_t i = 0; i < c->depth_n; i++)
        free(c->depth_top[i].id);
    free(c->un_top);
    free(c->depth_top);
    free(c);
}

/* --------------------------------------------------------- reading */

/* A non-negative number member, or -1 when absent, of another type, or
 * above 2^53 (no count is that large, and converting 1e62 to size_t is
 * undefined: found by fuzzing am_batch_record_id, which had the same cast). */
static double num(const cJSON *o, const char *key)
{
    const cJSON *v = am_json_member(o, key);
    if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble) || v->valuedouble < 0 ||
        v->valuedouble > 9007199254740992.0)
        return -1;
    return v->valuedouble;
}

static size_t count(const cJSON *o, const char *key)
{
    double v = num(o, key);
    return v < 0 ? 0 : (size_t)v;
}

/* Keep the `top` largest values; on a tie the earlier document stays ahead. */
static int rank_add(ranked *top, size_t *n, size_t cap, const char *id, double v, double extra)
{
    if (*n == cap && !(v > top[cap - 1].value))
        return 0;
    char *copy = strdup(id ? id : "");
    if (!copy)
        return am_err_nomem();
    if (*n == cap)
        free(top[--*n].id);
    size_t i = *n;
    while (i > 0 && v > top[i - 1].value) {
        top[i] = top[i - 1];
        i--;
    }
    top[i] = (ranked){copy, v, extra};
    ++*n;
    return 0;
}

static uint64_t hash(const char *a, const char *b)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *a; a++)
        h = (h ^ (unsigned char)*a) * 1099511628211ULL;
    h = (h ^ 0x1f) * 1099511628211ULL;
    for (; *b; b++)
        h = (h ^ (unsigned char)*b) * 1099511628211ULL;
    return h;
}

static src_entry *slot(src_entry *tab, size_t cap, const char *name, const char *kind)
{
    size_t i = (size_t)(hash(name, kind) & (cap - 1));
    while (tab[i].name && (strcmp(tab[i].name, name) || strcmp(tab[i].kind, kind)))
        i = (i + 1) & (cap - 1);
    return &tab[i];
}

static int grow(am_corpus *c)
{
    size_t ncap = c->cap ? c->cap * 2 : 256;
    src_entry *nt = calloc(ncap, sizeof *nt);
    if (!nt)
        return am_err_nomem();
    for (size_t i = 0; i < c->cap; i++)
        if (c->tab[i].name)
            *slot(nt, ncap, c->tab[i].name, c->tab[i].kind) = c->tab[i];
    free(c->tab);
    c->tab = nt;
    c->cap = ncap;
    return 0;
}

static int add_source(am_corpus *c, const char *name, const char *kind, size_t quotes)
{
    int err;
    if (c->cap == 0 && (err = grow(c)) < 0)
        return err;
    src_entry *e = slot(c->tab, c->cap, name, kind);
    if (!e->name) {
        if (c->used >= c->o.max_sources) { /* the bound: count, don't name */
            c->other_quotes += quotes;
            c->other_names++;
            return 0;
        }
        if ((c->used + 1) * 2 > c->cap) {
            if ((err = grow(c)) < 0)
                return err;
            e = slot(c->tab, c->cap, name, kind);
        }
        e->name = strdup(name);
        e->kind = strdup(kind);
        if (!e->name || !e->kind) {
            free(e->name);
            free(e->kind);
            e->name = e->kind = NULL;
            return am_err_nomem();
        }
        c->used++;
    }
    e->quotes += quotes;
    e->docs++;
    return 0;
}

static void add_error(am_corpus *c, const cJSON *e)
{
    c->failed++;
    const cJSON *code = am_json_member(e, "code");
    const char *name = cJSON_IsString(code) ? code->valuestring : "unknown";
    for (int i = 0; i < NCODES; i++) {
        if (!c->codes[i][0] || !strncmp(c->codes[i], name, sizeof c->codes[i] - 1)) {
            if (!c->codes[i][0])
                snprintf(c->codes[i], sizeof c->codes[i], "%s", name);
            c->code_n[i]++;
            return;
        }
    }
    c->code_n[NCODES - 1]++; /* more kinds than slots: counted with the last */
}

static int add_summary(am_corpus *c, const char *id, const cJSON *s)
{
    int err = 0;
    c->analysed++;
    c->bytes += count(am_json_member(s, "document"), "bytes");
    const cJSON *u = am_json_member(s, "units");
    c->units += count(u, "total");
    size_t claims = count(u, "claim");
    c->claims += claims;
    c->evidence += count(u, "evidence");
    const cJSON *ev = am_json_member(s, "evidence");
    if (cJSON_IsObject(ev)) {
        for (int i = 0; i < NEV; i++)
            c->ev[i] += count(ev, ev_names[i]);
    } else {
        c->ev_missing++;
    }
    c->quotes += count(am_json_member(s, "quotes"), "total");
    const cJSON *so = am_json_member(s, "sources");
    c->sources += count(so, "total");
    const cJSON *cited = am_json_member(so, "cited");
    if (cJSON_IsArray(cited)) {
        for (const cJSON *e = cited->child; e; e = e->next) {
            const cJSON *name = am_json_member(e, "name");
            const cJSON *kind = am_json_member(e, "kind");
            if (!cJSON_IsString(name) || !*name->valuestring)
                continue;
            if ((err = add_source(c, name->valuestring,
                                  cJSON_IsString(kind) ? kind->valuestring : "", count(e, "quotes"))) < 0)
                return err;
        }
    }
    /* the graph stage's figure wins over the relation-based count */
    const cJSON *an = am_json_member(s, "analysis");
    double un = num(an, "unsupported_claims");
    if (un < 0)
        un = num(s, "unsupported_claims");
    if (un < 0) {
        c->un_missing++;
    } else {
        c->un_docs++;
        c->un_sum += (size_t)un;
        c->un_hist[un >= HIST - 1 ? HIST - 1 : (size_t)un]++;
        if (un > 0 && (err = rank_add(c->un_top, &c->un_n, c->o.top, id, un, (double)claims)) < 0)
            return err;
    }
    double depth = num(an, "support_depth");
    if (depth < 0) {
        c->depth_missing++;
    } else {
        c->depth_docs++;
        c->depth_sum += depth;
        if ((err = rank_add(c->depth_top, &c->depth_n, c->o.top, id, depth, 0)) < 0)
            return err;
    }
    return 0;
}

int am_corpus_add(am_corpus *c, const char *line, size_t len)
{
    if (!c || (!line && len))
        return am_err(AM_EINVAL, "am_corpus_add: NULL argument");
    int err;
    cJSON *root = am_json_parse_line(line, len, "record", &err);
    if (!root)
        return err;
    const cJSON *id = am_json_member(root, "id");
    const cJSON *s = am_json_member(root, "summary");
    const cJSON *e = am_json_member(root, "error");
    if (!cJSON_IsObject(root) || !(cJSON_IsString(id) || cJSON_IsNull(id)) ||
        !(cJSON_IsObject(s) || cJSON_IsObject(e))) {
        cJSON_Delete(root);
        return am_err(AM_EPARSE, "record: not an argmap batch record (no id, summary or error)");
    }
    c->records++;
    err = 0;
    if (cJSON_IsObject(e))
        add_error(c, e);
    else
        err = add_summary(c, cJSON_IsString(id) ? id->valuestring : "", s);
    cJSON_Delete(root);
    return err;
}

/* --------------------------------------------------------- report */

typedef struct {
    const src_entry *e;
} src_ref;

static int cmp_src(const void *a, const void *b)
{
    const src_entry *x = ((const src_ref *)a)->e, *y = ((const src_ref *)b)->e;
    if (x->quotes != y->quotes)
        return x->quotes > y->quotes ? -1 : 1;
    if (x->docs != y->docs)
        return x->docs > y->docs ? -1 : 1;
    int k = strcmp(x->name, y->name);
    return k ? k : strcmp(x->kind, y->kind);
}

/* The `top` most-quoted sources, sorted; *n gets how many. */
static src_ref *top_sources(const am_corpus *c, size_t *n)
{
    *n = 0;
    src_ref *all = malloc((c->used ? c->used : 1) * sizeof *all);
    if (!all)
        return NULL;
    for (size_t i = 0; i < c->cap; i++)
        if (c->tab[i].name)
            all[(*n)++].e = &c->tab[i];
    qsort(all, *n, sizeof *all, cmp_src);
    if (*n > c->o.top)
        *n = c->o.top;
    return all;
}

static double share(size_t part, size_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

static void report_text(am_strbuf *sb, const am_corpus *c, const src_ref *src, size_t nsrc)
{
    am_sb_printf(sb, "documents: %zu (%zu analysed, %zu failed), %.2f MB of input\n",
                 c->records, c->analysed, c->failed, (double)c->bytes / 1e6);
    for (int i = 0; i < NCODES && c->codes[i][0]; i++)
        am_sb_printf(sb, "  failed with %s: %zu\n", c->codes[i], c->code_n[i]);
    am_sb_printf(sb, "units: %zu (%zu claims, %zu evidence); quotations: %zu; sources: %zu\n",
                 c->units, c->claims, c->evidence, c->quotes, c->sources);

    size_t evn = 0;
    for (int i = 0; i < NEV; i++)
        evn += c->ev[i];
    am_sb_printf(sb, "\nevidence-type mix (%zu evidence units):\n", evn);
    for (int i = 0; i < NEV; i++)
        am_sb_printf(sb, "  %-14s %8zu  %5.1f%%\n", ev_names[i], c->ev[i], share(c->ev[i], evn));
    if (c->ev_missing)
        am_sb_printf(sb, "  (%zu documents without evidence counts)\n", c->ev_missing);

    am_sb_printf(sb, "\nmost-cited sources (by quotations, then documents):\n");
    if (!nsrc)
        am_sb_puts(sb, "  none in these records\n");
    for (size_t i = 0; i < nsrc; i++)
        am_sb_printf(sb, "  %3zu. %s (%s): %zu quotations in %zu documents\n", i + 1,
                     src[i].e->name, *src[i].e->kind ? src[i].e->kind : "?", src[i].e->quotes,
                     src[i].e->docs);
    if (c->other_names)
        am_sb_printf(sb, "  (%zu more names past the limit of %zu, %zu quotations)\n",
                     c->other_names, c->o.max_sources, c->other_quotes);

    am_sb_printf(sb, "\nunsupported claims per document:");
    if (!c->un_docs) {
        am_sb_puts(sb, " not in these records\n");
    } else {
        am_sb_printf(sb, " mean %.2f over %zu documents\n", (double)c->un_sum / (double)c->un_docs,
                     c->un_docs);
        for (int i = 0; i < HIST; i++)
            if (c->un_hist[i])
                am_sb_printf(sb, "  %s%-3d %8zu documents\n", i == HIST - 1 ? ">=" : "  ", i,
                             c->un_hist[i]);
        for (size_t i = 0; i < c->un_n; i++)
            am_sb_printf(sb, "  %3zu. %s: %.0f of %.0f claims\n", i + 1, c->un_top[i].id,
                         c->un_top[i].value, c->un_top[i].extra);
    }
    if (c->un_missing)
        am_sb_printf(sb, "  (%zu documents without the figure)\n", c->un_missing);

    am_sb_printf(sb, "\ndocuments ranked by support depth:");
    if (!c->depth_docs) {
        am_sb_puts(sb, " not in these records (analysis.support_depth comes from the graph "
                       "stage)\n");
    } else {
        am_sb_printf(sb, " mean %.2f over %zu documents\n", c->depth_sum / (double)c->depth_docs,
                     c->depth_docs);
        for (size_t i = 0; i < c->depth_n; i++)
            am_sb_printf(sb, "  %3zu. %s: depth %.0f\n", i + 1, c->depth_top[i].id,
                         c->depth_top[i].value);
        if (c->depth_missing)
            am_sb_printf(sb, "  (%zu documents without the figure)\n", c->depth_missing);
    }
}

static cJSON *jnum(double v)
{
    return cJSON_CreateNumber(round(v * 10000.0) / 10000.0);
}

/* Adding through one helper keeps the out-of-memory check in one flag. */
static cJSON *put(int *oom, cJSON *obj, const char *key, cJSON *item)
{
    if (!item || !obj) {
        cJSON_Delete(item);
        *oom = 1;
        return NULL;
    }
    int ok = key ? cJSON_AddItemToObject(obj, key, item) : cJSON_AddItemToArray(obj, item);
    if (!ok) {
        cJSON_Delete(item);
        *oom = 1;
        return NULL;
    }
    return item;
}

static cJSON *report_json(const am_corpus *c, const src_ref *src, size_t nsrc, int *oom)
{
    cJSON *r = cJSON_CreateObject();
    if (!r) {
        *oom = 1;
        return NULL;
    }
    cJSON *d = put(oom, r, "documents", cJSON_CreateObject());
    put(oom, d, "total", jnum((double)c->records));
    put(oom, d, "analysed", jnum((double)c->analysed));
    put(oom, d, "failed", jnum((double)c->failed));
    put(oom, d, "bytes", jnum((double)c->bytes));
    cJSON *fc = put(oom, d, "failures", cJSON_CreateObject());
    for (int i = 0; i < NCODES && c->codes[i][0]; i++)
        put(oom, fc, c->codes[i], jnum((double)c->code_n[i]));
    cJSON *t = put(oom, r, "totals", cJSON_CreateObject());
    put(oom, t, "units", jnum((double)c->units));
    put(oom, t, "claims", jnum((double)c->claims));
    put(oom, t, "evidence", jnum((double)c->evidence));
    put(oom, t, "quotes", jnum((double)c->quotes));
    put(oom, t, "sources", jnum((double)c->sources));
    cJSON *ev = put(oom, r, "evidence_mix", cJSON_CreateObject());
    for (int i = 0; i < NEV; i++)
        put(oom, ev, ev_names[i], jnum((double)c->ev[i]));
    cJSON *ms = put(oom, r, "most_cited_sources", cJSON_CreateArray());
    for (size_t i = 0; i < nsrc; i++) {
        cJSON *o = put(oom, ms, NULL, cJSON_CreateObject());
        put(oom, o, "name", cJSON_CreateString(src[i].e->name));
        put(oom, o, "kind", cJSON_CreateString(src[i].e->kind));
        put(oom, o, "quotes", jnum((double)src[i].e->quotes));
        put(oom, o, "documents", jnum((double)src[i].e->docs));
    }
    put(oom, r, "sources_past_limit", jnum((double)c->other_names));
    cJSON *un = put(oom, r, "unsupported_claims", cJSON_CreateObject());
    put(oom, un, "documents", jnum((double)c->un_docs));
    put(oom, un, "missing", jnum((double)c->un_missing));
    put(oom, un, "mean", c->un_docs ? jnum((double)c->un_sum / (double)c->un_docs)
                                    : cJSON_CreateNull());
    cJSON *h = put(oom, un, "histogram", cJSON_CreateArray());
    for (int i = 0; i < HIST; i++)
        put(oom, h, NULL, jnum((double)c->un_hist[i]));
    cJSON *ut = put(oom, un, "most", cJSON_CreateArray());
    for (size_t i = 0; i < c->un_n; i++) {
        cJSON *o = put(oom, ut, NULL, cJSON_CreateObject());
        put(oom, o, "id", cJSON_CreateString(c->un_top[i].id));
        put(oom, o, "unsupported", jnum(c->un_top[i].value));
        put(oom, o, "claims", jnum(c->un_top[i].extra));
    }
    cJSON *dp = put(oom, r, "support_depth", cJSON_CreateObject());
    put(oom, dp, "documents", jnum((double)c->depth_docs));
    put(oom, dp, "missing", jnum((double)c->depth_missing));
    put(oom, dp, "mean", c->depth_docs ? jnum(c->depth_sum / (double)c->depth_docs)
                                       : cJSON_CreateNull());
    cJSON *dt = put(oom, dp, "ranked", cJSON_CreateArray());
    for (size_t i = 0; i < c->depth_n; i++) {
        cJSON *o = put(oom, dt, NULL, cJSON_CreateObject());
        put(oom, o, "id", cJSON_CreateString(c->depth_top[i].id));
        put(oom, o, "depth", jnum(c->depth_top[i].value));
    }
    return r;
}

int am_corpus_report(char **out, const am_corpus *c, int flags)
{
    if (!out || !c)
        return am_err(AM_EINVAL, "am_corpus_report: NULL argument");
    size_t nsrc;
    src_ref *src = top_sources(c, &nsrc);
    if (!src)
        return am_err_nomem();
    char *text = NULL;
    if (flags & AM_CORPUS_JSON) {
        int oom = 0;
        cJSON *r = report_json(c, src, nsrc, &oom);
        if (r && !oom) { /* indented like every other JSON argmap writes */
            char *compact = am_json_print(r);
            text = compact ? am_json_indent(compact) : NULL;
            free(compact);
        }
        cJSON_Delete(r);
        if (text) {
            size_t n = strlen(text);
            char *t2 = realloc(text, n + 2);
            if (t2) {
                t2[n] = '\n';
                t2[n + 1] = '\0';
            } else {
                free(text);
            }
            text = t2;
        }
    } else {
        am_strbuf sb = {0};
        report_text(&sb, c, src, nsrc);
        text = am_sb_take(&sb, NULL);
    }
    free(src);
    if (!text)
        return am_err_nomem();
    *out = text;
    return 0;
}
