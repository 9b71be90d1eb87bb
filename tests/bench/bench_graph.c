/*
 * bench_graph.c - time the graph stage on a synthetic argument graph.
 *
 * Builds a map of N units (30% claims, 70% evidence), N/100 sources and
 * M relations: support from any unit to a claim up to WINDOW units before
 * it, 1% short support edges backwards (small cycles), 10% attacks, 5%
 * source -> evidence. With --article-size K the edges stay inside blocks of
 * K units (a batch of articles in one graph); without it the graph is one
 * web where every claim has a huge ancestry (the hard case for the
 * per-claim searches). Then runs the whole analysis (am_graph_analyze)
 * and, in the same run on the same support graph, igraph's dominator tree
 * alone (each twice, the faster kept), and prints both times and their ratio. Linked against
 * build/libargmap.a; not part of the library.
 *
 *   bench_graph [--units N] [--relations M] [--article-size K] [--seed S] [--phases]
 *
 * --phases also times the parts of the stage on their own, in CPU time
 * (support structure, igraph graph + dominators + PageRank, grounded
 * labelling); the rest of the whole is the per-claim work.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <igraph.h>

#include "core/model.h"
#include "graph/analysis.h"
#include "graph/graph.h"

static unsigned long long rng = 88172645463325252ULL;
static size_t rnd(size_t k)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (size_t)(rng % k);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* CPU time of the process: on a shared machine it moves much less than
 * wall time (one thread: OMP_NUM_THREADS=1). */
static double cpu(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* igraph_dominator_tree alone on the graph the analysis gives igraph: the
 * support edges and a virtual root linked to every member of a leaf
 * component (as in engine/graph/build.c). Wall and CPU seconds of the
 * call itself, building the graph left out. */
static int dominator_alone(const am_support *sg, double *wall, double *cpus)
{
    size_t n = sg->n, m = 0;
    igraph_vector_int_t e, dom;
    igraph_vector_int_init(&e, 0);
    for (size_t v = 0; v < n; v++)
        for (size_t j = sg->out_off[v]; j < sg->out_off[v + 1]; j++) {
            igraph_vector_int_push_back(&e, (igraph_integer_t)v);
            igraph_vector_int_push_back(&e, (igraph_integer_t)sg->out_adj[j]);
            m++;
        }
    for (size_t x = 0; x < sg->nscc; x++)
        if (sg->cin_off[x] == sg->cin_off[x + 1])
            for (size_t i = sg->mem_off[x]; i < sg->mem_off[x + 1]; i++) {
                igraph_vector_int_push_back(&e, (igraph_integer_t)n);
                igraph_vector_int_push_back(&e, (igraph_integer_t)sg->mem[i]);
            }
    igraph_t g;
    if (igraph_create(&g, &e, (igraph_integer_t)(n + 1), IGRAPH_DIRECTED) != IGRAPH_SUCCESS)
        return -1;
    igraph_vector_int_destroy(&e);
    igraph_vector_int_init(&dom, 0);
    double t0 = now(), c0 = cpu();
    igraph_error_t ie = igraph_dominator_tree(&g, (igraph_integer_t)n, &dom, NULL, NULL,
                                              IGRAPH_OUT);
    *wall = now() - t0;
    *cpus = cpu() - c0;
    igraph_vector_int_destroy(&dom);
    igraph_destroy(&g);
    (void)m;
    return ie == IGRAPH_SUCCESS ? 0 : -1;
}

int main(int argc, char **argv)
{
    size_t n = 1000000, m = 3000000, block = 0, window = 200;
    int phases = 0;
    for (int i = 1; i < argc; i += 2) {
        if (!strcmp(argv[i], "--phases")) {
            phases = 1;
            i--;
        } else if (i + 1 >= argc) {
            fprintf(stderr, "bench_graph: %s needs a value\n", argv[i]);
            return 2;
        } else if (!strcmp(argv[i], "--units"))
            n = strtoull(argv[i + 1], NULL, 10);
        else if (!strcmp(argv[i], "--relations"))
            m = strtoull(argv[i + 1], NULL, 10);
        else if (!strcmp(argv[i], "--article-size"))
            block = strtoull(argv[i + 1], NULL, 10);
        else if (!strcmp(argv[i], "--seed"))
            rng = strtoull(argv[i + 1], NULL, 10) | 1;
        else {
            fprintf(stderr, "usage: bench_graph [--units N] [--relations M] "
                            "[--article-size K] [--seed S] [--phases]\n");
            return 2;
        }
    }
    if (n < 1000 || (block && block < 20)) {
        fprintf(stderr, "bench_graph: need at least 1000 units and articles of 20\n");
        return 2;
    }
    am_map *map = calloc(1, sizeof *map);
    size_t ns = n / 100;
    map->major = -1;
    if (!map || AM_VEC_RESERVE(&map->units, n) < 0 || AM_VEC_RESERVE(&map->sources, ns) < 0 ||
        AM_VEC_RESERVE(&map->relations, m) < 0) {
        fprintf(stderr, "bench_graph: out of memory\n");
        return 3;
    }
    size_t *claims = malloc(n * sizeof *claims), nclaims = 0;
    for (size_t i = 0; i < n; i++) {
        am_unit *u = &map->units.items[map->units.len++];
        memset(u, 0, sizeof *u);
        u->kind = rnd(10) < 3 ? AM_UNIT_CLAIM : AM_UNIT_EVIDENCE;
        u->evidence = u->kind == AM_UNIT_EVIDENCE ? (am_evidence_type)(1 + rnd(6)) : AM_EV_NONE;
        u->confidence = 0.5 + 0.5 * (double)rnd(1000) / 1000;
        u->quote = u->date = -1;
        u->source = u->kind == AM_UNIT_EVIDENCE && rnd(4) == 0 ? (long)rnd(ns) : -1;
        if (u->kind == AM_UNIT_CLAIM)
            claims[nclaims++] = i;
    }
    for (size_t i = 0; i < ns; i++) {
        am_source *s = &map->sources.items[map->sources.len++];
        memset(s, 0, sizeof *s);
        s->kind = (am_source_kind)rnd(5);
    }
    /* claims[] is sorted: a claim at position k; supporters come from the
     * window before it (inside its article with --article-size) */
    for (size_t k = 0; k < m; k++) {
        am_relation *r = &map->relations.items[map->relations.len++];
        memset(r, 0, sizeof *r);
        r->confidence = 0.5 + 0.5 * (double)rnd(1000) / 1000;
        size_t to = claims[1 + rnd(nclaims - 1)];
        size_t lo = block ? to / block * block : (to > window ? to - window : 0);
        size_t w = to - lo;
        size_t roll = rnd(100);
        if (w == 0) { /* first unit of an article: support it from the next one */
            r->from = (am_ref){AM_NODE_UNIT, to + 1 < n ? to + 1 : to - 1};
            r->to = (am_ref){AM_NODE_UNIT, to};
            continue;
        }
        size_t from = lo + rnd(w);
        if (roll < 5) { /* a source backs an evidence unit */
            r->from = (am_ref){AM_NODE_SOURCE, rnd(ns)};
            r->to = (am_ref){AM_NODE_UNIT, from};
            continue;
        }
        r->from = (am_ref){AM_NODE_UNIT, from};
        r->to = (am_ref){AM_NODE_UNIT, to};
        if (roll < 15)
            r->type = AM_REL_ATTACK;
        else if (roll < 16) { /* a short step back: small support cycles */
            size_t back = to + 1 + rnd(3);
            if (back < n && (!block || back / block == to / block))
                r->from.index = back;
        }
    }
    printf("graph: %zu units (%zu claims), %zu sources, %zu relations, %s\n", n, nclaims, ns,
           m, block ? "articles" : "one web");
    if (block)
        printf("article size: %zu units\n", block);

    /* Each measured twice, alternately, and the faster run kept: the first
     * large allocations of a process pay for page faults the later ones
     * do not, and the machine may be shared. */
    double whole = 1e30, dom = 1e30, whole_cpu = 1e30, dom_cpu = 1e30;
    am_analysis *a = NULL;
    for (int rep = 0; rep < 2; rep++) {
        am_analysis_free(a);
        a = NULL;
        double t0 = now(), c0 = cpu();
        if (am_graph_analyze(&a, map, NULL) < 0) {
            fprintf(stderr, "bench_graph: %s\n", am_error_last());
            return 3;
        }
        double t = now() - t0, c = cpu() - c0;
        if (t < whole)
            whole = t;
        if (c < whole_cpu)
            whole_cpu = c;
        if (dominator_alone(&a->sg, &t, &c) < 0) {
            fprintf(stderr, "bench_graph: %s\n", am_error_last());
            return 3;
        }
        if (t < dom)
            dom = t;
        if (c < dom_cpu)
            dom_cpu = c;
    }
    size_t robust = 0;
    for (size_t i = 0; i < a->claims.len; i++)
        robust += a->claims.items[i].robustness >= 0;
    printf("support edges: %zu, components: %zu, support cycles: %zu\n", a->sg.edges,
           a->sg.nscc, a->cycles.len);
    printf("ancestor bound per claim: %zu; claims truncated: %zu of %zu; robustness "
           "computed: %zu\n", a->ancestor_limit, a->truncated_claims, a->claims.len, robust);
    printf("grounded rounds: %zu (%s); accepted %zu, rejected %zu, undecided %zu\n", a->rounds,
           a->accept_complete ? "complete" : "incomplete", a->accepted, a->rejected,
           a->undecided);
    printf("                      wall      cpu\n");
    printf("whole analysis:       %5.2f s   %5.2f s\n", whole, whole_cpu);
    printf("dominator tree alone: %5.2f s   %5.2f s\n", dom, dom_cpu);
    printf("ratio:                %5.2f     %5.2f   (bar: 3.00)\n", dom > 0 ? whole / dom : 0,
           dom_cpu > 0 ? whole_cpu / dom_cpu : 0);
    if (phases) {
        am_support sg;
        double t = cpu();
        if (am_support_build(&sg, map, NULL) < 0)
            return 3;
        double t_sg = cpu() - t;
        long *idom = malloc(sg.n * sizeof *idom);
        double *pr = malloc(sg.n * sizeof *pr);
        am_accept *lab = malloc(sg.n * sizeof *lab);
        t = cpu();
        if (!idom || !pr || !lab || am_igraph_dominators(&sg, idom, pr) < 0)
            return 3;
        double t_ig = cpu() - t;
        int complete;
        t = cpu();
        if (am_graph_grounded(&sg, lab, AM_GRAPH_MAX_ROUNDS, &complete) < 0)
            return 3;
        double t_gr = cpu() - t;
        printf("parts (cpu):\n");
        printf("  support structure:            %.2f s\n", t_sg);
        printf("  igraph graph, dominators, PR:  %.2f s\n", t_ig);
        printf("  grounded labelling:           %.2f s\n", t_gr);
        printf("  per-claim work (the rest):    %.2f s\n", whole_cpu - t_sg - t_ig - t_gr);
        free(idom);
        free(pr);
        free(lab);
        am_support_free(&sg);
    }
    am_analysis_free(a);
    am_map_free(map);
    free(claims);
    return 0;
}
