/*
 * analysis.c - the graph stage: what supports each claim, how well, and
 * what stands once attacks are counted.
 *
 * Built on the support structure (support.c): chains and depth come from
 * one dynamic programme over the condensation, critical units from one
 * dominator tree (igraph) from a virtual root linked to every leaf,
 * PageRank from igraph, acceptability from accept.c. What needs a claim's
 * ancestors (evidence, sources, source reliance, robustness) is found by a
 * bounded search above each claim: the bound is the smaller of
 * max_ancestors and an equal share of a work budget proportional to the
 * size of the graph, so the whole stage stays linear in the graph; a claim
 * whose search hit the bound is flagged truncated. Robustness is 0 without
 * a chain, 1 when the claim has a dominator, and otherwise the number of
 * vertex-disjoint chains found by augmenting paths over split vertices in
 * the claim's ancestors (at most AM_GRAPH_MAX_ROBUSTNESS of them).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "analysis.h"
#include "graph.h"

void am_graph_options_init(am_graph_options *o)
{
    memset(o, 0, sizeof *o);
    o->max_ancestors = AM_GRAPH_MAX_ANCESTORS;
    o->work_per_edge = AM_GRAPH_WORK_PER_EDGE;
    o->max_rounds = AM_GRAPH_MAX_ROUNDS;
}

void am_analysis_free(am_analysis *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->claims.len; i++) {
        am_claim_analysis *c = &a->claims.items[i];
        AM_VEC_FREE(&c->sources);
        AM_VEC_FREE(&c->reliance);
        AM_VEC_FREE(&c->critical);
    }
    AM_VEC_FREE(&a->claims);
    for (size_t i = 0; i < a->cycles.len; i++)
        AM_VEC_FREE(&a->cycles.items[i].vertices);
    AM_VEC_FREE(&a->cycles);
    AM_VEC_FREE(&a->disconnected);
    free(a->claim_of_unit);
    am_support_free(&a->sg);
    free(a);
}

/* Scratch space shared by the per-claim searches, sized once; stamps
 * instead of clearing keep each search proportional to what it touches. */
typedef struct {
    size_t *stamp_scc;   /* per component: search number that reached it */
    size_t *list;        /* components found above the claim */
    double *q;           /* per component: chains from it to the claim */
    size_t *rem;         /* per component: successors not yet done */
    size_t *order;       /* components in reverse topological order */
    size_t *stamp_src;   /* per source: search number that counted it */
    double *acc;         /* per source: chains starting at it */
    size_t *mark;        /* per source: leaf component that counted it */
    size_t token;
    size_t *stamp_v;     /* per vertex: search that put it in the flow graph */
    size_t *seen_in, *seen_out; /* per vertex: BFS number of each half */
    size_t *par_in, *par_out;   /* BFS parent state (2v or 2v+1, or ROOT) */
    size_t *fin;         /* per vertex: where its unit of flow comes from */
    size_t *queue;       /* BFS states */
    size_t search, bfs;
} scratch;

static void scratch_free(scratch *s)
{
    free(s->stamp_scc);
    free(s->list);
    free(s->q);
    free(s->rem);
    free(s->order);
    free(s->stamp_src);
    free(s->acc);
    free(s->mark);
    free(s->stamp_v);
    free(s->seen_in);
    free(s->seen_out);
    free(s->par_in);
    free(s->par_out);
    free(s->fin);
    free(s->queue);
}

static int scratch_init(scratch *s, const am_support *sg, size_t nsources)
{
    memset(s, 0, sizeof *s);
    size_t n = sg->n ? sg->n : 1, c = sg->nscc ? sg->nscc : 1;
    s->stamp_scc = calloc(c, sizeof *s->stamp_scc);
    s->list = malloc(c * sizeof *s->list);
    s->q = malloc(c * sizeof *s->q);
    s->rem = malloc(c * sizeof *s->rem);
    s->order = malloc(c * sizeof *s->order);
    s->stamp_src = calloc(nsources ? nsources : 1, sizeof *s->stamp_src);
    s->acc = calloc(nsources ? nsources : 1, sizeof *s->acc);
    s->mark = calloc(nsources ? nsources : 1, sizeof *s->mark);
    s->stamp_v = calloc(n, sizeof *s->stamp_v);
    s->seen_in = calloc(n, sizeof *s->seen_in);
    s->seen_out = calloc(n, sizeof *s->seen_out);
    s->par_in = malloc(n * sizeof *s->par_in);
    s->par_out = malloc(n * sizeof *s->par_out);
    s->fin = malloc(n * sizeof *s->fin);
    s->queue = malloc(2 * n * sizeof *s->queue);
    if (!s->stamp_scc || !s->list || !s->q || !s->rem || !s->order || !s->stamp_src ||
        !s->acc || !s->mark || !s->stamp_v || !s->seen_in ||
        !s->seen_out || !s->par_in || !s->par_out || !s->fin || !s->queue) {
        scratch_free(s);
        return am_err_nomem();
    }
    return 0;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

static int is_leaf(const am_support *sg, size_t x)
{
    return sg->cin_off[x] == sg->cin_off[x + 1];
}

#define NOPE ((size_t)-1)

/* Vertex-disjoint chains between the virtual root and c inside the
 * components listed in s->list (stamped with s->search): augmenting paths
 * searched backward from c along in-edges (which never leave the
 * ancestors, unlike out-edges, so a hub's many out-edges cost nothing),
 * each vertex v split into v_in -> v_out of capacity 1. States are 2v
 * (v_in) and 2v+1 (v_out); a path ends at the out-state of a leaf member,
 * which is linked to the root. fin[v] is where v's unit of flow comes from
 * on the backward walk: SRC (c itself) or another vertex. */
static long max_flow(const am_support *sg, scratch *s, size_t nlist, size_t c, long cap,
                     size_t budget, int *capped)
{
    size_t spent = 0;
    const size_t SRC = (size_t)-2;
    for (size_t i = 0; i < nlist; i++) {
        size_t x = s->list[i];
        for (size_t j = sg->mem_off[x]; j < sg->mem_off[x + 1]; j++)
            s->fin[sg->mem[j]] = NOPE;
    }
    long flow = 0;
    while (flow < cap) {
        size_t bfs = ++s->bfs, head = 0, tail = 0, goal = NOPE;
        for (size_t j = sg->in_off[c]; j < sg->in_off[c + 1]; j++) {
            size_t u = sg->in_adj[j];
            if (u == c || s->seen_in[u] == bfs)
                continue;
            s->seen_in[u] = bfs;
            s->par_in[u] = SRC;
            s->queue[tail++] = 2 * u;
        }
        while (head < tail && goal == NOPE) {
            size_t st = s->queue[head++], v = st / 2;
            if (!(st & 1)) { /* v_in */
                if (s->fin[v] == NOPE) { /* through v, if v carries nothing yet */
                    if (s->seen_out[v] != bfs) {
                        s->seen_out[v] = bfs;
                        s->par_out[v] = st;
                        s->queue[tail++] = 2 * v + 1;
                    }
                } else if (s->fin[v] != SRC) { /* undo the flow into v */
                    size_t u = s->fin[v];
                    if (s->seen_out[u] != bfs) {
                        s->seen_out[u] = bfs;
                        s->par_out[u] = st;
                        s->queue[tail++] = 2 * u + 1;
                    }
                }
                continue;
            }
            /* v_out */
            if (is_leaf(sg, sg->scc[v])) { /* on to the root */
                goal = st;
                break;
            }
            for (size_t j = sg->in_off[v]; j < sg->in_off[v + 1]; j++) {
                size_t w = sg->in_adj[j];
                if (w == c || s->seen_in[w] == bfs)
                    continue;
                s->seen_in[w] = bfs;
                s->par_in[w] = st;
                s->queue[tail++] = 2 * w;
            }
            if (s->fin[v] != NOPE && s->seen_in[v] != bfs) { /* undo v's own unit */
                s->seen_in[v] = bfs;
                s->par_in[v] = st;
                s->queue[tail++] = 2 * v;
            }
        }
        spent += tail;
        if (goal == NOPE)
            break;
        /* Walk back to c, rewriting where flow comes from. */
        size_t st = goal;
        while (st != SRC) {
            size_t v = st / 2;
            size_t p = (st & 1) ? s->par_out[v] : s->par_in[v];
            if (!(st & 1)) { /* arrived at v_in */
                if (p == SRC)
                    s->fin[v] = SRC;
                else if (p / 2 == v) /* back from v_out: v gives its unit up */
                    s->fin[v] = NOPE;
                else /* along the reversed support edge */
                    s->fin[v] = p / 2;
            }
            st = p;
        }
        flow++;
        if (flow < cap && spent > budget) { /* more may exist: a lower bound */
            *capped = 1;
            break;
        }
    }
    return flow;
}

/* The ancestors of claim c, found component by component up to `limit`
 * vertices + edges; fills the claim's evidence, sources, reliance and
 * robustness. Returns the work done, or a negative AM_E* code. */
static long long ancestors(const am_map *map, const am_support *sg, scratch *s,
                           am_claim_analysis *ca, const long *idom, size_t limit)
{
    size_t c = ca->vertex, xc = sg->scc[c];
    size_t search = ++s->search, nlist = 0, head = 0, work = 0;
    s->stamp_scc[xc] = search;
    s->list[nlist++] = xc;
    int truncated = 0;
    while (head < nlist) {
        size_t x = s->list[head++];
        work += (sg->mem_off[x + 1] - sg->mem_off[x]) + (sg->cin_off[x + 1] - sg->cin_off[x]);
        if (work > limit) {
            truncated = 1;
            break;
        }
        for (size_t j = sg->cin_off[x]; j < sg->cin_off[x + 1]; j++) {
            size_t y = sg->cin[j];
            if (s->stamp_scc[y] != search) {
                s->stamp_scc[y] = search;
                s->list[nlist++] = y;
            }
        }
    }
    if (truncated)
        nlist = head; /* what was fully explored */
    ca->truncated = truncated;
    /* evidence and sources among the ancestors (the claim itself excluded) */
    for (size_t i = 0; i < nlist; i++) {
        size_t x = s->list[i];
        for (size_t j = sg->mem_off[x]; j < sg->mem_off[x + 1]; j++) {
            size_t v = sg->mem[j];
            if (v == c)
                continue;
            long src = -1;
            if (sg->ref[v].kind == AM_NODE_SOURCE) {
                src = (long)sg->ref[v].index;
            } else {
                const am_unit *u = &map->units.items[sg->ref[v].index];
                if (u->kind == AM_UNIT_EVIDENCE) {
                    ca->evidence_count++;
                    ca->evidence_types[(unsigned)u->evidence < AM_GRAPH_NEVIDENCE ? u->evidence : 0]++;
                }
                src = u->source;
            }
            if (src >= 0 && (size_t)src < map->sources.len && s->stamp_src[src] != search) {
                s->stamp_src[src] = search;
                size_t *p = AM_VEC_PUSH(&ca->sources);
                if (!p)
                    return am_err_nomem();
                *p = (size_t)src;
            }
        }
    }
    if (ca->sources.len > 1) /* qsort(NULL, 0, ...) is undefined */
        qsort(ca->sources.items, ca->sources.len, sizeof(size_t), cmp_size);
    if (ca->chains <= 0)
        ca->robustness = 0;
    else if (idom[c] >= 0)
        ca->robustness = 1; /* one unit carries every chain: no search needed */
    if (truncated || ca->chains <= 0)
        return (long long)work;
    /* chains from each ancestor component down to the claim, in reverse
     * topological order of the ancestors (Kahn's algorithm over their
     * in-edges only: out-edges can lead far outside the ancestors, and a
     * hub's out-degree must not cost every claim below it) */
    for (size_t i = 0; i < nlist; i++) {
        s->rem[s->list[i]] = 0;
        s->q[s->list[i]] = 0;
    }
    for (size_t i = 0; i < nlist; i++) {
        size_t x = s->list[i];
        for (size_t j = sg->cin_off[x]; j < sg->cin_off[x + 1]; j++)
            s->rem[sg->cin[j]]++; /* every in-edge stays inside: not truncated */
    }
    {
        size_t head2 = 0, tail2 = 0;
        s->q[xc] = 1;
        s->order[tail2++] = xc;
        while (head2 < tail2) {
            size_t w = s->order[head2++];
            for (size_t j = sg->cin_off[w]; j < sg->cin_off[w + 1]; j++) {
                size_t y = sg->cin[j];
                s->q[y] += s->q[w];
                if (--s->rem[y] == 0)
                    s->order[tail2++] = y;
            }
        }
    }
    /* a chain starts at a source, or at a unit a source spoke: one pass
     * over the leaf members, each source counted once per leaf component */
    for (size_t k = 0; k < ca->sources.len; k++)
        s->acc[ca->sources.items[k]] = 0;
    for (size_t i = 0; i < nlist; i++) {
        size_t x = s->list[i];
        if (x == xc || !is_leaf(sg, x))
            continue;
        size_t token = ++s->token;
        for (size_t j = sg->mem_off[x]; j < sg->mem_off[x + 1]; j++) {
            am_ref r = sg->ref[sg->mem[j]];
            long src = r.kind == AM_NODE_SOURCE ? (long)r.index
                                                : map->units.items[r.index].source;
            if (src < 0 || (size_t)src >= map->sources.len || s->mark[src] == token)
                continue;
            s->mark[src] = token;
            s->acc[src] += s->q[x];
        }
    }
    for (size_t k = 0; k < ca->sources.len; k++) {
        size_t src = ca->sources.items[k];
        if (s->acc[src] > 0) {
            am_reliance *r = AM_VEC_PUSH(&ca->reliance);
            if (!r)
                return am_err_nomem();
            r->source = src;
            r->share = s->acc[src] / ca->chains;
        }
    }
    if (idom[c] < 0) {
        long cap = (long)(ca->breadth < AM_GRAPH_MAX_ROBUSTNESS ? ca->breadth
                                                                 : AM_GRAPH_MAX_ROBUSTNESS);
        int capped = 0;
        /* each augmenting path costs a search of the ancestors: 8 of them
         * per claim at most, so flows stay within a constant of the bound */
        ca->robustness = max_flow(sg, s, nlist, c, cap, 8 * (limit > work ? limit : work),
                                  &capped);
        ca->robustness_capped = capped || (ca->robustness == AM_GRAPH_MAX_ROBUSTNESS &&
                                           ca->breadth > AM_GRAPH_MAX_ROBUSTNESS);
    }
    return (long long)work;
}

/* Critical units: the dominators of each vertex, nearest first. dd[v] is
 * the number of them, found once per vertex (iteratively, no recursion). */
static int dominator_depths(const am_support *sg, const long *idom, size_t *dd)
{
    const size_t UNSET = (size_t)-1;
    size_t n = sg->n;
    size_t *stack = malloc((n ? n : 1) * sizeof *stack);
    if (!stack)
        return am_err_nomem();
    for (size_t v = 0; v < n; v++)
        dd[v] = UNSET;
    for (size_t v = 0; v < n; v++) {
        size_t sp = 0, w = v;
        while (dd[w] == UNSET && idom[w] >= 0) {
            stack[sp++] = w;
            w = (size_t)idom[w];
        }
        if (dd[w] == UNSET)
            dd[w] = 0; /* child of the root, or unreachable */
        while (sp) {
            size_t u = stack[--sp];
            dd[u] = dd[(size_t)idom[u]] + 1;
        }
    }
    free(stack);
    return 0;
}

int am_graph_analyze(am_analysis **out, const am_map *map, const am_graph_options *opts)
{
    am_graph_options defaults;
    if (!opts) {
        am_graph_options_init(&defaults);
        opts = &defaults;
    }
    int err = 0;
    long *idom = NULL;
    double *pr = NULL;
    size_t *dd = NULL;
    am_accept *label = NULL;
    long *cycle_of_scc = NULL;
    scratch s;
    int have_scratch = 0;
    am_analysis *a = calloc(1, sizeof *a);
    if (!a)
        return am_err_nomem();
    am_support *sg = &a->sg;
    size_t skipped = 0;
    if ((err = am_support_build(sg, map, &skipped)) < 0) {
        free(a);
        return err;
    }
    size_t n = sg->n;
    a->vertices = n;
    a->relations_skipped = skipped;
    a->relations_used = map->relations.len - skipped;
    a->major = -1;
    a->claim_of_unit = malloc((map->units.len ? map->units.len : 1) * sizeof *a->claim_of_unit);
    idom = malloc((n ? n : 1) * sizeof *idom);
    pr = calloc(n ? n : 1, sizeof *pr);
    dd = malloc((n ? n : 1) * sizeof *dd);
    label = malloc((n ? n : 1) * sizeof *label);
    cycle_of_scc = malloc((sg->nscc ? sg->nscc : 1) * sizeof *cycle_of_scc);
    if (!a->claim_of_unit || !idom || !pr || !dd || !label || !cycle_of_scc) {
        err = am_err_nomem();
        goto done;
    }
    if ((err = am_igraph_dominators(sg, idom, opts->no_pagerank ? NULL : pr)) < 0)
        goto done;
    if ((err = dominator_depths(sg, idom, dd)) < 0)
        goto done;
    int complete = 0;
    int rounds = am_graph_grounded(sg, label, opts->max_rounds, &complete);
    if (rounds < 0) {
        err = rounds;
        goto done;
    }
    a->rounds = (size_t)rounds;
    a->accept_complete = complete;

    /* claims, in unit order */
    size_t nclaims = 0;
    for (size_t i = 0; i < map->units.len; i++) {
        a->claim_of_unit[i] = -1;
        if (map->units.items[i].kind == AM_UNIT_CLAIM)
            nclaims++;
    }
    if (nclaims && AM_VEC_RESERVE(&a->claims, nclaims) < 0) {
        err = am_err_nomem();
        goto done;
    }
    size_t limit = opts->max_ancestors;
    if (opts->work_per_edge && nclaims) {
        size_t budget = opts->work_per_edge * (n + sg->edges);
        if (budget < ((size_t)1 << 20))
            budget = (size_t)1 << 20;
        size_t share = budget / nclaims;
        if (share < AM_GRAPH_MIN_ANCESTORS)
            share = AM_GRAPH_MIN_ANCESTORS;
        if (share < limit)
            limit = share;
    }
    a->ancestor_limit = limit;
    if ((err = scratch_init(&s, sg, map->sources.len)) < 0)
        goto done;
    have_scratch = 1;

    /* support cycles: components with more than one vertex, or a unit that
     * supports itself; numbered by their first member */
    for (size_t v = 0; v < n; v++) {
        size_t x = sg->scc[v];
        size_t size = sg->mem_off[x + 1] - sg->mem_off[x];
        if (sg->mem[sg->mem_off[x]] != v || (size < 2 && !sg->self[v]))
            continue; /* v is not the first member of a cycle */
        am_cycle *cy = AM_VEC_PUSH(&a->cycles);
        if (!cy || AM_VEC_RESERVE(&cy->vertices, size) < 0) {
            err = am_err_nomem();
            goto done;
        }
        for (size_t j = sg->mem_off[x]; j < sg->mem_off[x + 1]; j++)
            cy->vertices.items[cy->vertices.len++] = sg->mem[j];
        cycle_of_scc[x] = (long)(a->cycles.len - 1);
    }

    for (size_t i = 0; i < map->units.len; i++) {
        const am_unit *u = &map->units.items[i];
        if (u->kind != AM_UNIT_CLAIM)
            continue;
        a->claim_of_unit[i] = (long)a->claims.len;
        am_claim_analysis *ca = &a->claims.items[a->claims.len++];
        memset(ca, 0, sizeof *ca);
        size_t v = (size_t)sg->unit_vertex[i], x = sg->scc[v];
        ca->unit = i;
        ca->vertex = v;
        ca->chains = is_leaf(sg, x) ? 0 : sg->paths[x];
        ca->chains_exact = ca->chains < 9007199254740992.0; /* 2^53 */
        ca->depth = sg->depth[x];
        ca->breadth = sg->in_off[v + 1] - sg->in_off[v];
        ca->unsupported = ca->breadth == 0;
        ca->attackers = sg->att_off[v + 1] - sg->att_off[v];
        ca->attacked = ca->attackers > 0;
        ca->cycle = -1;
        if (sg->mem_off[x + 1] - sg->mem_off[x] > 1 || sg->self[v])
            ca->cycle = cycle_of_scc[x];
        ca->critical_count = idom[v] == -2 ? 0 : dd[v];
        for (long w = idom[v]; w >= 0 && ca->critical.len < AM_GRAPH_MAX_CRITICAL;
             w = idom[w]) {
            size_t *p = AM_VEC_PUSH(&ca->critical);
            if (!p) {
                err = am_err_nomem();
                goto done;
            }
            *p = (size_t)w;
        }
        ca->robustness = -1;
        ca->pagerank = pr[v];
        ca->accept = label[v];
        long long work = ancestors(map, sg, &s, ca, idom, limit);
        if (work < 0) {
            err = (int)work;
            goto done;
        }
        a->truncated_claims += ca->truncated;
        a->unsupported_claims += ca->unsupported;
        a->accepted += ca->accept == AM_ACCEPT_ACCEPTED;
        a->rejected += ca->accept == AM_ACCEPT_REJECTED;
        a->undecided += ca->accept == AM_ACCEPT_UNDECIDED;
    }

    /* the major claim: the classifier's, else the claim PageRank ranks first */
    if (map->major >= 0 && (size_t)map->major < map->units.len &&
        map->units.items[map->major].kind == AM_UNIT_CLAIM) {
        a->major = map->major;
        a->major_basis = "classifier";
    } else if (a->claims.len && !opts->no_pagerank) {
        size_t best = 0;
        for (size_t k = 1; k < a->claims.len; k++)
            if (a->claims.items[k].pagerank > a->claims.items[best].pagerank)
                best = k;
        a->major = (long)a->claims.items[best].unit;
        a->major_basis = "pagerank";
    }

    /* units with no relation at all; the evidence and source mixes */
    {
        unsigned char *touched = (unsigned char *)label; /* labels are no longer needed */
        memset(touched, 0, n);
        for (size_t b = 0; b < n; b++) {
            if (sg->in_off[b] != sg->in_off[b + 1] || sg->out_off[b] != sg->out_off[b + 1])
                touched[b] = 1;
            for (size_t j = sg->att_off[b]; j < sg->att_off[b + 1]; j++)
                touched[b] = touched[sg->att_adj[j]] = 1;
            if (sg->self[b])
                touched[b] = 1;
        }
        for (size_t v = 0; v < sg->nunits; v++) {
            const am_unit *u = &map->units.items[sg->ref[v].index];
            if (!touched[v]) {
                size_t *p = AM_VEC_PUSH(&a->disconnected);
                if (!p) {
                    err = am_err_nomem();
                    goto done;
                }
                *p = sg->ref[v].index;
            }
            if (u->kind == AM_UNIT_EVIDENCE)
                a->evidence_mix[(unsigned)u->evidence < AM_GRAPH_NEVIDENCE ? u->evidence : 0]++;
        }
        for (size_t k = 0; k < map->sources.len; k++) {
            unsigned kind = (unsigned)map->sources.items[k].kind;
            a->source_mix[kind < AM_GRAPH_NSOURCE_KINDS ? kind : 0]++;
        }
    }
    *out = a;
    a = NULL;
done:
    if (have_scratch)
        scratch_free(&s);
    free(idom);
    free(pr);
    free(dd);
    free(label);
    free(cycle_of_scc);
    am_analysis_free(a);
    return err;
}

int am_graph_stage(am_map *map, const am_analyze_options *opts)
{
    (void)opts;
    am_analysis_free(map->analysis);
    map->analysis = NULL;
    return am_graph_analyze(&map->analysis, map, NULL);
}
