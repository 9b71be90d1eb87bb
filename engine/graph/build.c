/*
 * build.c - igraph behind one door: setup, the attributed graph of a map,
 * and the few igraph algorithms the analysis uses (dominator tree,
 * PageRank, vertex connectivity).
 *
 * igraph's default error handler aborts the process and its warnings go to
 * stderr; a library must do neither, so am_igraph_setup installs handlers
 * that record the message with am_err and return. The attribute table has
 * to be set before the first graph is made (setting it later crashes on
 * the next attribute write), so every entry point here calls the setup
 * first. PageRank in Debian's igraph runs PRPACK under OpenMP, which only
 * costs time on graphs of an article's size and on a shared machine: the
 * thread count is set to one unless the user set OMP_NUM_THREADS.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "graph.h"

/* libgomp comes in with libigraph; a weak reference needs no extra link
 * flag and is NULL when igraph was built without OpenMP. */
extern void omp_set_num_threads(int) __attribute__((weak));

static void on_error(const char *reason, const char *file, int line, igraph_error_t code)
{
    am_err(code == IGRAPH_ENOMEM ? AM_ENOMEM : AM_EINVAL, "igraph: %s (%s:%d)", reason,
           file, line);
    IGRAPH_FINALLY_FREE();
}

static void on_warning(const char *reason, const char *file, int line)
{
    (void)reason;
    (void)file;
    (void)line; /* the library never prints; igraph's warnings are advisory */
}

void am_igraph_setup(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    igraph_set_error_handler(on_error);
    igraph_set_warning_handler(on_warning);
    igraph_set_attribute_table(&igraph_cattribute_table);
    if (omp_set_num_threads && !getenv("OMP_NUM_THREADS"))
        omp_set_num_threads(1);
}

int am_igraph_err(igraph_error_t e)
{
    if (e == IGRAPH_SUCCESS)
        return 0;
    if (e == IGRAPH_ENOMEM)
        return AM_ENOMEM;
    /* the handler has set the message; make sure there is one */
    if (!*am_error_last())
        return am_err(AM_EINVAL, "igraph: error %d", (int)e);
    return AM_EINVAL;
}

#define CK(call) do { if ((ie = (call)) != IGRAPH_SUCCESS) { err = am_igraph_err(ie); goto done; } } while (0)

static const char *ev_name(am_evidence_type t)
{
    static const char *names[] = {"", "testimony", "statistic", "event",
                                  "example", "report", "common_ground"};
    return (unsigned)t < sizeof names / sizeof names[0] ? names[t] : "";
}

static am_span span_of(const am_map *map, am_tspan t)
{
    if (map->doc)
        return am_doc_src_span(map->doc, t);
    return (am_span){t.start, t.end};
}

int am_graph_build(igraph_t *gout, const am_map *map)
{
    am_igraph_setup();
    am_support sg;
    size_t skipped = 0;
    int err = am_support_build(&sg, map, &skipped);
    if (err < 0)
        return err;
    igraph_error_t ie;
    igraph_t g;
    int have_g = 0;
    igraph_vector_int_t edges;
    igraph_strvector_t sv;
    igraph_vector_t num;
    int have_e = 0, have_sv = 0, have_num = 0;
    size_t n = sg.n, nr = map->relations.len;
    char buf[64];
    size_t *keep = malloc((nr ? nr : 1) * sizeof *keep);
    long *to_v = malloc((nr ? nr : 1) * sizeof *to_v);
    long *from_v = malloc((nr ? nr : 1) * sizeof *from_v);
    if (!keep || !to_v || !from_v) {
        err = am_err_nomem();
        goto done;
    }
    /* which relations become edges, and where they end (undercuts at the
     * vertex the relation they undercut ends at) */
    size_t m = 0;
    for (size_t i = 0; i < nr; i++) {
        const am_relation *r = &map->relations.items[i];
        am_ref a = r->from, b = r->to;
        for (size_t hops = 0; b.kind == AM_NODE_RELATION && hops <= nr; hops++)
            b = map->relations.items[b.index].to; /* indexes checked by support_build */
        long va = a.kind == AM_NODE_SOURCE ? (long)(sg.nunits + a.index)
                  : a.kind == AM_NODE_UNIT ? sg.unit_vertex[a.index] : -1;
        long vb = b.kind == AM_NODE_SOURCE ? (long)(sg.nunits + b.index)
                  : b.kind == AM_NODE_UNIT ? sg.unit_vertex[b.index] : -1;
        if (va < 0 || vb < 0)
            continue;
        from_v[m] = va;
        to_v[m] = vb;
        keep[m++] = i;
    }
    CK(igraph_vector_int_init(&edges, (igraph_integer_t)(2 * m)));
    have_e = 1;
    for (size_t k = 0; k < m; k++) {
        VECTOR(edges)[2 * k] = from_v[k];
        VECTOR(edges)[2 * k + 1] = to_v[k];
    }
    CK(igraph_create(&g, &edges, (igraph_integer_t)n, IGRAPH_DIRECTED));
    have_g = 1;

    CK(igraph_strvector_init(&sv, (igraph_integer_t)n));
    have_sv = 1;
    CK(igraph_vector_init(&num, (igraph_integer_t)n));
    have_num = 1;
#define VSTR(name, expr) do { \
        for (size_t v = 0; v < n; v++) { CK(igraph_strvector_set(&sv, (igraph_integer_t)v, (expr))); } \
        CK(SETVASV(&g, name, &sv)); } while (0)
#define VNUM(name, expr) do { \
        for (size_t v = 0; v < n; v++) VECTOR(num)[v] = (expr); \
        CK(SETVANV(&g, name, &num)); } while (0)
#define UNIT(v) (&map->units.items[sg.ref[v].index])
#define ISU(v) (sg.ref[v].kind == AM_NODE_UNIT)
    VSTR("id", (am_graph_vertex_id(&sg, v, buf, sizeof buf), buf));
    VSTR("kind", !ISU(v) ? "source" : UNIT(v)->kind == AM_UNIT_CLAIM ? "claim" : "evidence");
    VSTR("evidence", ISU(v) ? ev_name(UNIT(v)->evidence) : "");
    VSTR("name", ISU(v) ? "" : map->sources.items[sg.ref[v].index].name
                                   ? map->sources.items[sg.ref[v].index].name : "");
    VSTR("source", (ISU(v) && UNIT(v)->source >= 0
                        ? (snprintf(buf, sizeof buf, "S%ld", UNIT(v)->source + 1), buf)
                        : ""));
    VNUM("start", ISU(v) ? (double)span_of(map, UNIT(v)->span).start
                  : map->sources.items[sg.ref[v].index].mentions.len
                      ? (double)span_of(map, map->sources.items[sg.ref[v].index].mentions.items[0]).start
                      : NAN);
    VNUM("end", ISU(v) ? (double)span_of(map, UNIT(v)->span).end
                : map->sources.items[sg.ref[v].index].mentions.len
                    ? (double)span_of(map, map->sources.items[sg.ref[v].index].mentions.items[0]).end
                    : NAN);
    VNUM("confidence", ISU(v) ? UNIT(v)->confidence : NAN);
#undef VSTR
#undef VNUM
#undef UNIT
#undef ISU

    CK(igraph_strvector_resize(&sv, (igraph_integer_t)m));
    CK(igraph_vector_resize(&num, (igraph_integer_t)m));
#define ESTR(name, expr) do { \
        for (size_t k = 0; k < m; k++) { const am_relation *r = &map->relations.items[keep[k]]; (void)r; \
            CK(igraph_strvector_set(&sv, (igraph_integer_t)k, (expr))); } \
        CK(SETEASV(&g, name, &sv)); } while (0)
    ESTR("id", (snprintf(buf, sizeof buf, "r%zu", keep[k] + 1), buf));
    ESTR("type", r->to.kind == AM_NODE_RELATION || r->type == AM_REL_UNDERCUT ? "undercut"
                 : r->type == AM_REL_ATTACK ? "attack" : "support");
    ESTR("marker", r->marker ? r->marker : "");
    ESTR("undercuts", r->to.kind == AM_NODE_RELATION
                          ? (snprintf(buf, sizeof buf, "r%zu", r->to.index + 1), buf) : "");
#undef ESTR
    for (size_t k = 0; k < m; k++)
        VECTOR(num)[k] = map->relations.items[keep[k]].confidence;
    CK(SETEANV(&g, "confidence", &num));
    *gout = g;
    have_g = 0;
done:
    if (have_g)
        igraph_destroy(&g);
    if (have_e)
        igraph_vector_int_destroy(&edges);
    if (have_sv)
        igraph_strvector_destroy(&sv);
    if (have_num)
        igraph_vector_destroy(&num);
    free(keep);
    free(to_v);
    free(from_v);
    am_support_free(&sg);
    return err;
}

/* The support graph with the virtual root (vertex n) linked to every member
 * of a leaf component. With weights non-NULL, a weight per edge: 1, and 0
 * for the root's edges so PageRank can ignore the root (see below). */
static int support_graph(const am_support *sg, igraph_t *g, igraph_vector_t *weights)
{
    igraph_error_t ie;
    int err = 0;
    size_t n = sg->n, m = sg->edges, nroot = 0;
    for (size_t x = 0; x < sg->nscc; x++)
        if (sg->cin_off[x] == sg->cin_off[x + 1])
            nroot += sg->mem_off[x + 1] - sg->mem_off[x];
    igraph_vector_int_t e;
    CK(igraph_vector_int_init(&e, (igraph_integer_t)(2 * (m + nroot))));
    size_t k = 0;
    for (size_t v = 0; v < n; v++)
        for (size_t j = sg->out_off[v]; j < sg->out_off[v + 1]; j++) {
            VECTOR(e)[k++] = (igraph_integer_t)v;
            VECTOR(e)[k++] = (igraph_integer_t)sg->out_adj[j];
        }
    for (size_t x = 0; x < sg->nscc; x++)
        if (sg->cin_off[x] == sg->cin_off[x + 1])
            for (size_t i = sg->mem_off[x]; i < sg->mem_off[x + 1]; i++) {
                VECTOR(e)[k++] = (igraph_integer_t)n;
                VECTOR(e)[k++] = (igraph_integer_t)sg->mem[i];
            }
    ie = igraph_create(g, &e, (igraph_integer_t)(n + 1), IGRAPH_DIRECTED);
    igraph_vector_int_destroy(&e);
    if (ie != IGRAPH_SUCCESS)
        return am_igraph_err(ie);
    if (weights) {
        if ((ie = igraph_vector_init(weights, (igraph_integer_t)(m + nroot))) != IGRAPH_SUCCESS) {
            igraph_destroy(g);
            return am_igraph_err(ie);
        }
        for (size_t i = 0; i < m + nroot; i++)
            VECTOR(*weights)[i] = i < m ? 1.0 : 0.0;
    }
done:
    return err;
}

int am_igraph_dominators(const am_support *sg, long *idom, double *pagerank)
{
    am_igraph_setup();
    igraph_error_t ie;
    igraph_t g;
    igraph_vector_int_t dom;
    igraph_vector_t w, pr;
    int have_dom = 0, have_pr = 0, err;
    size_t n = sg->n;
    if ((err = support_graph(sg, &g, pagerank ? &w : NULL)) < 0)
        return err;
    CK(igraph_vector_int_init(&dom, 0));
    have_dom = 1;
    CK(igraph_dominator_tree(&g, (igraph_integer_t)n, &dom, NULL, NULL, IGRAPH_OUT));
    for (size_t v = 0; v < n; v++) {
        igraph_integer_t d = VECTOR(dom)[v];
        /* igraph 0.10: the root's own entry is -1, unreachable vertices -2 */
        idom[v] = d == (igraph_integer_t)n ? -1 : d < 0 ? -2 : (long)d;
    }
    if (pagerank) {
        /* The root's out-edges weigh 0, so it is a dangling vertex that
         * spreads its share evenly, like teleportation: the ranks of the
         * other vertices stay proportional to their PageRank in the graph
         * without the root, and are rescaled to sum to 1. */
        CK(igraph_vector_init(&pr, 0));
        have_pr = 1;
        CK(igraph_pagerank(&g, IGRAPH_PAGERANK_ALGO_PRPACK, &pr, NULL, igraph_vss_all(),
                           IGRAPH_DIRECTED, 0.85, &w, NULL));
        double sum = 0;
        for (size_t v = 0; v < n; v++)
            sum += VECTOR(pr)[v];
        for (size_t v = 0; v < n; v++)
            pagerank[v] = sum > 0 ? VECTOR(pr)[v] / sum : 0;
    }
done:
    if (have_dom)
        igraph_vector_int_destroy(&dom);
    if (have_pr)
        igraph_vector_destroy(&pr);
    if (pagerank)
        igraph_vector_destroy(&w);
    igraph_destroy(&g);
    return err;
}

int am_igraph_robustness(const am_support *sg, size_t c, long *out)
{
    am_igraph_setup();
    size_t x = sg->scc[c];
    if (sg->cin_off[x] == sg->cin_off[x + 1]) {
        *out = 0; /* a leaf: no chain ends here */
        return 0;
    }
    igraph_t g;
    igraph_integer_t res = 0;
    int err;
    if ((err = support_graph(sg, &g, NULL)) < 0)
        return err;
    igraph_error_t ie = igraph_st_vertex_connectivity(&g, &res, (igraph_integer_t)sg->n,
                                                      (igraph_integer_t)c,
                                                      IGRAPH_VCONN_NEI_ERROR);
    igraph_destroy(&g);
    if (ie != IGRAPH_SUCCESS)
        return am_igraph_err(ie);
    *out = (long)res;
    return 0;
}
