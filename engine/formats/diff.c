/*
 * diff.c - am_map_diff: which units and edges of one map another has.
 *
 * Made to score argmap against the microtext corpus's gold maps (see
 * docs/interchange.md), and usable on any two maps of one text. Units are
 * matched greedily by span overlap, best pair first, ties by position, so
 * the result does not depend on anything but the two maps. Spans are
 * compared as offsets of the original input; when the gold document is
 * not the same text, each gold unit is looked up by its words in the test
 * document, in order.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "ix.h"
#include "json.h"

void am_diff_options_init(am_diff_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->version = AM_DIFF_OPTIONS_VERSION;
    opts->min_overlap = 0.5;
}

typedef struct {
    size_t g, t;
    double overlap;
} cand;

static int cmp_cand(const void *x, const void *y)
{
    const cand *a = x, *b = y;
    if (a->overlap != b->overlap)
        return a->overlap > b->overlap ? -1 : 1;
    if (a->g != b->g)
        return a->g < b->g ? -1 : 1;
    return a->t < b->t ? -1 : a->t > b->t;
}

/* Gold unit spans placed in the test document's input. */
typedef struct {
    am_span span;
    size_t index;
} tpos;

static int cmp_tspan(const void *x, const void *y)
{
    const tpos *a = x, *b = y;
    if (a->span.start != b->span.start)
        return a->span.start < b->span.start ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

static const am_relation *sort_rels; /* qsort has no context argument */

static int cmp_from(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    if (sort_rels[a].from.index != sort_rels[b].from.index)
        return sort_rels[a].from.index < sort_rels[b].from.index ? -1 : 1;
    return a < b ? -1 : a > b;
}

/* The range of by_from[0, n) whose relations start at unit u: [*lo, *hi). */
static void from_range(const size_t *by_from, size_t n, size_t u, size_t *lo, size_t *hi)
{
    size_t a = 0, b = n;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (sort_rels[by_from[mid]].from.index < u)
            a = mid + 1;
        else
            b = mid;
    }
    *lo = a;
    while (a < n && sort_rels[by_from[a]].from.index == u)
        a++;
    *hi = a;
}

static int place_gold(am_span *out, int *found, const am_map *gold, const am_map *test)
{
    const am_document *gd = gold->doc, *td = test->doc;
    size_t glen, tlen;
    const char *gs = am_document_source(gd, &glen), *ts = am_document_source(td, &tlen);
    size_t from = 0;
    for (size_t i = 0; i < gold->units.len; i++) {
        am_span s = am_doc_src_span(gd, gold->units.items[i].span);
        size_t n = s.end - s.start;
        found[i] = 0;
        /* the same text at the same place: the usual case (same file) */
        if (s.end <= tlen && s.end <= glen && !memcmp(gs + s.start, ts + s.start, n)) {
            out[i] = s;
            found[i] = 1;
            from = s.end;
            continue;
        }
        const char *w = gd->text + gold->units.items[i].span.start;
        n = gold->units.items[i].span.end - gold->units.items[i].span.start;
        /* in order only: a search from the start for each unit would make
         * the whole comparison quadratic in the text */
        for (int pass = 0; pass < 1 && !found[i] && n; pass++) {
            for (size_t k = from; k + n <= tlen; k++) {
                if (!memcmp(ts + k, w, n)) {
                    out[i].start = k;
                    out[i].end = k + n;
                    found[i] = 1;
                    from = k + n;
                    break;
                }
            }
        }
    }
    return 0;
}

static void ref_id(char *buf, size_t n, am_ref r)
{
    am_json_id(buf, n, r.kind == AM_NODE_RELATION ? 'r' : r.kind == AM_NODE_SOURCE ? 'S' : 'u',
               r.index);
}

static void put_edge(am_jw *w, cJSON *arr, const am_relation *r, size_t i)
{
    char id[32], from[32], to[32];
    am_json_id(id, sizeof id, 'r', i);
    ref_id(from, sizeof from, r->from);
    ref_id(to, sizeof to, r->to);
    cJSON *o = am_jw_push_obj(w, arr);
    am_jw_str(w, o, "id", id);
    am_jw_str(w, o, "from", from);
    am_jw_str(w, o, "to", to);
    am_jw_str(w, o, "type", am_rel_type_name(r->type));
}

static void put_scores(am_jw *w, cJSON *o, size_t gold, size_t test, size_t matched)
{
    double p = test ? (double)matched / (double)test : 0.0;
    double r = gold ? (double)matched / (double)gold : 0.0;
    am_jw_int(w, o, "gold", gold);
    am_jw_int(w, o, "test", test);
    am_jw_int(w, o, "matched", matched);
    am_jw_num(w, o, "precision", p);
    am_jw_num(w, o, "recall", r);
    am_jw_num(w, o, "f1", p + r > 0 ? 2 * p * r / (p + r) : 0.0);
}

/* 1 when relation r of m is between units or attacks a relation: what a
 * gold map can hold. */
static int scored(const am_map *m, size_t r)
{
    return m->relations.items[r].from.kind == AM_NODE_UNIT &&
           m->relations.items[r].to.kind != AM_NODE_SOURCE;
}

int am_map_diff(char **json, size_t *len, am_diff_counts *counts, const am_map *gold,
                const am_map *test, const am_diff_options *opts, int flags)
{
    am_diff_options defaults;
    if (!opts) {
        am_diff_options_init(&defaults);
        opts = &defaults;
    }
    if (!gold || !test)
        return am_err(AM_EINVAL, "am_map_diff: NULL argument");
    if (opts->version != AM_DIFF_OPTIONS_VERSION)
        return am_err(AM_EINVAL, "diff options: version %d, expected %d", opts->version,
                      AM_DIFF_OPTIONS_VERSION);
    if (!(opts->min_overlap > 0.0 && opts->min_overlap <= 1.0))
        return am_err(AM_EINVAL, "diff options: min_overlap %g is not in (0, 1]",
                      opts->min_overlap);
    size_t ng = gold->units.len, nt = test->units.len;
    size_t rg = gold->relations.len, rt = test->relations.len;
    int err = 0;
    am_span *gspan = malloc((ng ? ng : 1) * sizeof *gspan);
    int *found = malloc((ng ? ng : 1) * sizeof *found);
    long *g2t = malloc((ng ? ng : 1) * sizeof *g2t), *t2g = malloc((nt ? nt : 1) * sizeof *t2g);
    double *ov = malloc((ng ? ng : 1) * sizeof *ov);
    long *rg2t = malloc((rg ? rg : 1) * sizeof *rg2t), *rt2g = malloc((rt ? rt : 1) * sizeof *rt2g);
    AM_VEC(cand) cands = {0};
    tpos *tstart = NULL;
    size_t *by_from = NULL, *gstart = NULL, *gdeps = NULL, *gorder = NULL;
    cJSON *root = NULL;
    am_jw w = {.map = test};
    if (!gspan || !found || !g2t || !t2g || !ov || !rg2t || !rt2g) {
        err = am_err_nomem();
        goto done;
    }
    place_gold(gspan, found, gold, test);
    /* Candidate pairs: every overlap at the threshold. A test unit that
     * overlaps a gold unit g by at least m is at most |g|/m long and so
     * starts at most |g|/m before g: a window of the test units sorted by
     * start. */
    tstart = malloc((nt ? nt : 1) * sizeof *tstart);
    if (!tstart) {
        err = am_err_nomem();
        goto done;
    }
    for (size_t t = 0; t < nt; t++) {
        tstart[t].span = am_doc_src_span(test->doc, test->units.items[t].span);
        tstart[t].index = t;
    }
    if (nt > 1)
        qsort(tstart, nt, sizeof *tstart, cmp_tspan);
    for (size_t g = 0; g < ng; g++) {
        g2t[g] = -1;
        ov[g] = 0;
        if (!found[g])
            continue;
        size_t glen = gspan[g].end - gspan[g].start;
        double reach = (double)glen / opts->min_overlap + 1.0;
        size_t lo_start = (double)gspan[g].start > reach ? gspan[g].start - (size_t)reach : 0;
        size_t lo = 0, hi = nt;
        while (lo < hi) { /* first test unit starting at lo_start or later */
            size_t mid = lo + (hi - lo) / 2;
            if (tstart[mid].span.start < lo_start)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t k = lo; k < nt && tstart[k].span.start < gspan[g].end; k++) {
            am_span ts = tstart[k].span;
            size_t t = tstart[k].index;
            size_t a = ts.start > gspan[g].start ? ts.start : gspan[g].start;
            size_t b = ts.end < gspan[g].end ? ts.end : gspan[g].end;
            if (b <= a)
                continue;
            size_t uni = (ts.end > gspan[g].end ? ts.end : gspan[g].end) -
                         (ts.start < gspan[g].start ? ts.start : gspan[g].start);
            double o = (double)(b - a) / (double)uni;
            if (o + 1e-12 < opts->min_overlap)
                continue;
            cand *c = AM_VEC_PUSH(&cands);
            if (!c) {
                err = am_err_nomem();
                goto done;
            }
            c->g = g;
            c->t = t;
            c->overlap = o;
        }
    }
    for (size_t t = 0; t < nt; t++)
        t2g[t] = -1;
    if (cands.len > 1)
        qsort(cands.items, cands.len, sizeof *cands.items, cmp_cand);
    size_t mu = 0;
    for (size_t k = 0; k < cands.len; k++) {
        const cand *c = &cands.items[k];
        if (g2t[c->g] >= 0 || t2g[c->t] >= 0)
            continue;
        g2t[c->g] = (long)c->t;
        t2g[c->t] = (long)c->g;
        ov[c->g] = c->overlap;
        mu++;
    }
    /* Edges: a gold relation matches a test relation of the same type
     * between the matched units (or, for an undercut, to the matched
     * relation). */
    for (size_t r = 0; r < rg; r++)
        rg2t[r] = -1;
    for (size_t r = 0; r < rt; r++)
        rt2g[r] = -1;
    size_t me = 0, untyped = 0, sg = 0, st = 0;
    for (size_t r = 0; r < rg; r++)
        sg += scored(gold, r);
    for (size_t r = 0; r < rt; r++)
        st += scored(test, r);
    /* Test relations from units, by the unit they start at. */
    size_t nb = 0;
    if (!(by_from = malloc((rt ? rt : 1) * sizeof *by_from))) {
        err = am_err_nomem();
        goto done;
    }
    for (size_t r = 0; r < rt; r++)
        if (test->relations.items[r].from.kind == AM_NODE_UNIT)
            by_from[nb++] = r;
    sort_rels = test->relations.items;
    if (nb > 1)
        qsort(by_from, nb, sizeof *by_from, cmp_from);
    /* Gold relations in an order where an undercut comes after the
     * relation it attacks, so one pass sees every target matched or not. */
    gstart = malloc((rg + 1) * sizeof *gstart);
    gdeps = malloc((rg ? rg : 1) * sizeof *gdeps);
    gorder = malloc((rg ? rg : 1) * sizeof *gorder);
    if (!gstart || !gdeps || !gorder) {
        err = am_err_nomem();
        goto done;
    }
    size_t nd = 0, cycle = 0;
    for (size_t r = 0; r < rg; r++) {
        const am_relation *a = &gold->relations.items[r];
        gstart[r] = nd;
        if (a->to.kind == AM_NODE_RELATION && a->to.index < rg)
            gdeps[nd++] = a->to.index;
    }
    gstart[rg] = nd;
    int cyc = am_ix_topo(rg, gstart, gdeps, gorder, &cycle);
    if (cyc < 0) {
        err = cyc;
        goto done;
    }
    if (cyc == 1) {
        err = am_err(AM_EINVAL, "%s: relation r%zu is on a cycle of undercuts", gold->doc->name,
                     cycle + 1);
        goto done;
    }
    for (size_t k0 = 0; k0 < rg; k0++) {
        size_t r = gorder[k0];
        const am_relation *a = &gold->relations.items[r];
        if (rg2t[r] >= 0 || !scored(gold, r) || g2t[a->from.index] < 0)
            continue;
        long to = -1;
        if (a->to.kind == AM_NODE_UNIT)
            to = g2t[a->to.index];
        else if (a->to.kind == AM_NODE_RELATION && a->to.index < rg)
            to = rg2t[a->to.index];
        if (to < 0)
            continue;
        size_t lo, hi;
        sort_rels = test->relations.items;
        from_range(by_from, nb, (size_t)g2t[a->from.index], &lo, &hi);
        for (size_t k = lo; k < hi; k++) {
            size_t s = by_from[k];
            const am_relation *b = &test->relations.items[s];
            if (rt2g[s] >= 0 || b->to.kind != a->to.kind || b->to.index != (size_t)to ||
                b->type != a->type)
                continue;
            rg2t[r] = (long)s;
            rt2g[s] = (long)r;
            me++;
            break;
        }
    }
    /* Untyped: a pair of units joined either way, whatever the type. */
    for (size_t r = 0; r < rg; r++) {
        const am_relation *a = &gold->relations.items[r];
        if (!scored(gold, r) || a->to.kind != AM_NODE_UNIT)
            continue;
        long f = g2t[a->from.index], t = g2t[a->to.index];
        if (rg2t[r] >= 0) {
            untyped++;
            continue;
        }
        if (f < 0 || t < 0)
            continue;
        size_t lo, hi;
        from_range(by_from, nb, (size_t)f, &lo, &hi);
        for (size_t k = lo; k < hi; k++) {
            const am_relation *b = &test->relations.items[by_from[k]];
            if (b->to.kind == AM_NODE_UNIT && b->to.index == (size_t)t) {
                untyped++;
                break;
            }
        }
    }
    int major = gold->major >= 0 && test->major >= 0 && g2t[gold->major] == test->major;
    if (counts) {
        counts->gold_units = ng;
        counts->test_units = nt;
        counts->matched_units = mu;
        counts->gold_edges = sg;
        counts->test_edges = st;
        counts->matched_edges = me;
        counts->matched_edges_untyped = untyped;
        counts->major_matched = major;
    }
    if (!json)
        goto done;
    root = cJSON_CreateObject();
    if (!root) {
        err = am_err_nomem();
        goto done;
    }
    am_jw_str(&w, root, "gold", gold->doc->name);
    am_jw_str(&w, root, "test", test->doc->name);
    cJSON *u = am_jw_obj(&w, root, "units");
    put_scores(&w, u, ng, nt, mu);
    cJSON *pairs = am_jw_arr(&w, u, "pairs"), *miss = am_jw_arr(&w, u, "missing"),
          *extra = am_jw_arr(&w, u, "extra");
    for (size_t g = 0; g < ng; g++) {
        if (g2t[g] >= 0) {
            cJSON *o = am_jw_push_obj(&w, pairs);
            am_jw_ref(&w, o, "gold", 'u', (long)g);
            am_jw_ref(&w, o, "test", 'u', g2t[g]);
            am_jw_num(&w, o, "overlap", ov[g]);
        } else {
            cJSON *o = am_jw_push_obj(&w, miss);
            am_jw_ref(&w, o, "id", 'u', (long)g);
            const am_unit *gu = &gold->units.items[g];
            am_jw_strn(&w, o, "text", gold->doc->text + gu->span.start, gu->span.end - gu->span.start);
            am_jw_bool(&w, o, "in_test_text", found[g]);
        }
    }
    for (size_t t = 0; t < nt; t++) {
        if (t2g[t] >= 0)
            continue;
        cJSON *o = am_jw_push_obj(&w, extra);
        am_jw_ref(&w, o, "id", 'u', (long)t);
        const am_unit *tu = &test->units.items[t];
        am_jw_strn(&w, o, "text", test->doc->text + tu->span.start, tu->span.end - tu->span.start);
    }
    cJSON *e = am_jw_obj(&w, root, "edges");
    put_scores(&w, e, sg, st, me);
    am_jw_int(&w, e, "matched_untyped", untyped);
    pairs = am_jw_arr(&w, e, "pairs");
    miss = am_jw_arr(&w, e, "missing");
    extra = am_jw_arr(&w, e, "extra");
    for (size_t r = 0; r < rg; r++) {
        if (!scored(gold, r))
            continue;
        if (rg2t[r] >= 0) {
            cJSON *o = am_jw_push_obj(&w, pairs);
            am_jw_ref(&w, o, "gold", 'r', (long)r);
            am_jw_ref(&w, o, "test", 'r', rg2t[r]);
        } else {
            put_edge(&w, miss, &gold->relations.items[r], r);
        }
    }
    for (size_t r = 0; r < rt; r++)
        if (scored(test, r) && rt2g[r] < 0)
            put_edge(&w, extra, &test->relations.items[r], r);
    cJSON *mj = am_jw_obj(&w, root, "major_claim");
    am_jw_ref(&w, mj, "gold", 'u', gold->major);
    am_jw_ref(&w, mj, "test", 'u', test->major);
    am_jw_bool(&w, mj, "matched", major);
    char *text = w.oom ? NULL : am_json_print(root);
    if (text && !(flags & AM_JSON_COMPACT)) {
        char *pretty = am_json_indent(text);
        free(text);
        text = pretty;
    }
    if (!text) {
        err = am_err_nomem();
        goto done;
    }
    if (len)
        *len = strlen(text);
    *json = text;
done:
    cJSON_Delete(root);
    free(cands.items);
    free(tstart);
    free(by_from);
    free(gstart);
    free(gdeps);
    free(gorder);
    free(gspan);
    free(found);
    free(g2t);
    free(t2g);
    free(ov);
    free(rg2t);
    free(rt2g);
    return err;
}
