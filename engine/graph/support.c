/*
 * support.c - the support structure of a map, in plain arrays.
 *
 * Turns units, sources and relations into the vertex numbering every graph
 * computation shares, with compressed adjacency lists of the support edges
 * (both directions, duplicates merged), the attacks by target, the strongly
 * connected components numbered in topological order, their condensation,
 * and per component the number of support chains ending there and the
 * longest chain. Everything here is linear in vertices + edges: lists are
 * built by counting, never by comparison sorts. A support cycle is condensed into one component,
 * so counting never loops: a chain that enters a cycle counts once however
 * it goes round (docs/graph.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "analysis.h"

/* Transpose compressed lists: list v of (off, adj) holds w means list w
 * of the result holds v. Visiting v in ascending order leaves every
 * result list sorted. (In-lists stay in relation order: deterministic,
 * and sorting them would cost two more passes over every edge.) */
static int transpose(size_t n, const size_t *off, const size_t *adj, const double *conf,
                     size_t **off_out, size_t **adj_out, double **conf_out)
{
    size_t m = off[n];
    size_t *o = calloc(n + 1, sizeof *o);
    size_t *a = malloc((m ? m : 1) * sizeof *a);
    size_t *fill = malloc((n ? n : 1) * sizeof *fill);
    double *c = conf ? malloc((m ? m : 1) * sizeof *c) : NULL;
    if (!o || !a || !fill || (conf && !c)) {
        free(o);
        free(a);
        free(fill);
        free(c);
        return am_err_nomem();
    }
    for (size_t i = 0; i < m; i++)
        o[adj[i] + 1]++;
    for (size_t v = 0; v < n; v++)
        o[v + 1] += o[v];
    memcpy(fill, o, n * sizeof *fill);
    for (size_t v = 0; v < n; v++)
        for (size_t j = off[v]; j < off[v + 1]; j++) {
            size_t at = fill[adj[j]]++;
            a[at] = v;
            if (c)
                c[at] = conf[j];
        }
    free(fill);
    *off_out = o;
    *adj_out = a;
    if (conf_out)
        *conf_out = c;
    else
        free(c);
    return 0;
}

/* Lists by target from parallel arrays, in input order; then duplicates
 * merged (best confidence kept) and, with self non-NULL, self-loops
 * dropped and flagged. stamp: n scratch entries. */
static int lists(size_t n, const size_t *from, const size_t *to, const double *conf, size_t m,
                 unsigned char *self, size_t *stamp, size_t **off_out, size_t **adj_out,
                 double **conf_out)
{
    size_t *off = calloc(n + 1, sizeof *off);
    size_t *adj = malloc((m ? m : 1) * sizeof *adj);
    double *c = malloc((m ? m : 1) * sizeof *c);
    if (!off || !adj || !c) {
        free(off);
        free(adj);
        free(c);
        return am_err_nomem();
    }
    for (size_t i = 0; i < m; i++)
        off[to[i] + 1]++;
    for (size_t v = 0; v < n; v++)
        off[v + 1] += off[v];
    size_t *fill = stamp; /* first as fill pointers */
    memcpy(fill, off, n * sizeof *fill);
    for (size_t i = 0; i < m; i++) {
        size_t at = fill[to[i]]++;
        adj[at] = from[i];
        c[at] = conf ? conf[i] : 0;
    }
    /* merge duplicates: stamp[u] = position of u's entry in list v + 1 */
    const size_t NONE = (size_t)-1;
    for (size_t v = 0; v < n; v++)
        stamp[v] = NONE;
    size_t k = 0;
    for (size_t v = 0; v < n; v++) {
        size_t start = k;
        for (size_t j = off[v]; j < off[v + 1]; j++) {
            size_t u = adj[j];
            if (self && u == v) {
                self[v] = 1;
                continue;
            }
            if (stamp[u] != NONE && stamp[u] >= start && stamp[u] < k && adj[stamp[u]] == u) {
                if (c[j] > c[stamp[u]])
                    c[stamp[u]] = c[j];
                continue;
            }
            stamp[u] = k;
            adj[k] = u;
            c[k++] = c[j];
        }
        off[v] = start;
    }
    off[n] = k;
    *off_out = off;
    *adj_out = adj;
    if (conf_out)
        *conf_out = c;
    else
        free(c);
    return 0;
}

void am_support_free(am_support *sg)
{
    if (!sg)
        return;
    free(sg->ref);
    free(sg->self);
    free(sg->unit_vertex);
    free(sg->in_off);
    free(sg->in_adj);
    free(sg->in_conf);
    free(sg->out_off);
    free(sg->out_adj);
    free(sg->att_off);
    free(sg->att_adj);
    free(sg->scc);
    free(sg->mem_off);
    free(sg->mem);
    free(sg->cin_off);
    free(sg->cin);
    free(sg->cin_conf);
    free(sg->cout_off);
    free(sg->cout);
    free(sg->paths);
    free(sg->depth);
    memset(sg, 0, sizeof *sg);
}

void am_graph_vertex_id(const am_support *sg, size_t v, char *buf, size_t n)
{
    am_ref r = sg->ref[v];
    snprintf(buf, n, "%c%zu", r.kind == AM_NODE_SOURCE ? 'S' : 'u', r.index + 1);
}

/* The vertex a reference ends at: a unit or source directly, a relation's
 * target for an undercut (followed through at most `hops` relations).
 * -1 when it names a unit outside the graph; AM_EINVAL-worthy refs give -2. */
static long resolve(const am_map *map, const long *unit_vertex, size_t nunits, am_ref r,
                    int follow)
{
    for (size_t hops = 0; hops <= map->relations.len; hops++) {
        switch (r.kind) {
        case AM_NODE_UNIT:
            if (r.index >= map->units.len)
                return -2;
            return unit_vertex[r.index];
        case AM_NODE_SOURCE:
            if (r.index >= map->sources.len)
                return -2;
            return (long)(nunits + r.index);
        case AM_NODE_RELATION:
            if (!follow || r.index >= map->relations.len)
                return -2;
            r = map->relations.items[r.index].to;
            break;
        default:
            return -2;
        }
    }
    return -1; /* relations that undercut each other in a ring */
}

/* Tarjan's algorithm without recursion. Components come out sinks first;
 * numbering them nscc-1 down to 0 gives a topological order (every support
 * edge between two components goes from a lower to a higher number). */
static int tarjan(am_support *sg)
{
    size_t n = sg->n, idx = 0, ncomp = 0, sp = 0, cs = 0;
    size_t *index = malloc((n ? n : 1) * sizeof *index);
    size_t *low = malloc((n ? n : 1) * sizeof *low);
    size_t *stack = malloc((n ? n : 1) * sizeof *stack);
    size_t *call = malloc((n ? n : 1) * sizeof *call);   /* DFS vertex stack */
    size_t *edge = malloc((n ? n : 1) * sizeof *edge);   /* next out-edge of each */
    unsigned char *on = calloc(n ? n : 1, 1);
    int err = 0;
    if (!index || !low || !stack || !call || !edge || !on) {
        err = am_err_nomem();
        goto done;
    }
    const size_t UNSEEN = (size_t)-1;
    for (size_t v = 0; v < n; v++)
        index[v] = UNSEEN;
    for (size_t s = 0; s < n; s++) {
        if (index[s] != UNSEEN)
            continue;
        call[cs++] = s;
        index[s] = low[s] = idx++;
        edge[s] = sg->out_off[s];
        stack[sp++] = s;
        on[s] = 1;
        while (cs) {
            size_t v = call[cs - 1];
            if (edge[v] < sg->out_off[v + 1]) {
                size_t w = sg->out_adj[edge[v]++];
                if (index[w] == UNSEEN) {
                    index[w] = low[w] = idx++;
                    edge[w] = sg->out_off[w];
                    stack[sp++] = w;
                    on[w] = 1;
                    call[cs++] = w;
                } else if (on[w] && index[w] < low[v]) {
                    low[v] = index[w];
                }
                continue;
            }
            cs--;
            if (cs && low[v] < low[call[cs - 1]])
                low[call[cs - 1]] = low[v];
            if (low[v] == index[v]) {
                size_t w;
                do {
                    w = stack[--sp];
                    on[w] = 0;
                    sg->scc[w] = ncomp;
                } while (w != v);
                ncomp++;
            }
        }
    }
    for (size_t v = 0; v < n; v++)
        sg->scc[v] = ncomp - 1 - sg->scc[v];
    sg->nscc = ncomp;
done:
    free(index);
    free(low);
    free(stack);
    free(call);
    free(edge);
    free(on);
    return err;
}

/* Members per component, the condensation (both directions, deduplicated,
 * best confidence per component pair), chains and depth per component. */
static int condense(am_support *sg)
{
    size_t n = sg->n, c = sg->nscc;
    int err = 0;
    size_t *stamp = NULL, *pos = NULL;
    sg->mem_off = calloc(c + 1, sizeof *sg->mem_off);
    sg->mem = malloc((n ? n : 1) * sizeof *sg->mem);
    sg->paths = malloc((c ? c : 1) * sizeof *sg->paths);
    sg->depth = malloc((c ? c : 1) * sizeof *sg->depth);
    sg->cin_off = calloc(c + 1, sizeof *sg->cin_off);
    sg->cin = malloc((sg->edges ? sg->edges : 1) * sizeof *sg->cin);
    sg->cin_conf = malloc((sg->edges ? sg->edges : 1) * sizeof *sg->cin_conf);
    stamp = malloc((c ? c : 1) * sizeof *stamp);
    pos = malloc((c ? c : 1) * sizeof *pos);
    if (!sg->mem_off || !sg->mem || !sg->paths || !sg->depth || !sg->cin_off || !sg->cin ||
        !sg->cin_conf || !stamp || !pos) {
        err = am_err_nomem();
        goto done;
    }
    for (size_t v = 0; v < n; v++)
        sg->mem_off[sg->scc[v] + 1]++;
    for (size_t k = 0; k < c; k++)
        sg->mem_off[k + 1] += sg->mem_off[k];
    memcpy(pos, sg->mem_off, c * sizeof *pos);
    for (size_t v = 0; v < n; v++) /* ascending v: members come out sorted */
        sg->mem[pos[sg->scc[v]]++] = v;

    const size_t NONE = (size_t)-1;
    for (size_t k = 0; k < c; k++)
        stamp[k] = NONE;
    size_t m = 0;
    for (size_t x = 0; x < c; x++) {
        sg->cin_off[x] = m;
        for (size_t i = sg->mem_off[x]; i < sg->mem_off[x + 1]; i++) {
            size_t v = sg->mem[i];
            for (size_t j = sg->in_off[v]; j < sg->in_off[v + 1]; j++) {
                size_t y = sg->scc[sg->in_adj[j]];
                if (y == x)
                    continue;
                if (stamp[y] == x) {
                    if (sg->in_conf[j] > sg->cin_conf[pos[y]])
                        sg->cin_conf[pos[y]] = sg->in_conf[j];
                    continue;
                }
                stamp[y] = x;
                pos[y] = m;
                sg->cin[m] = y;
                sg->cin_conf[m++] = sg->in_conf[j];
            }
        }
    }
    sg->cin_off[c] = m;
    if ((err = transpose(c, sg->cin_off, sg->cin, NULL, &sg->cout_off, &sg->cout, NULL)) < 0)
        goto done;
    for (size_t x = 0; x < c; x++) {
        double p = 0;
        size_t d = 0;
        if (sg->cin_off[x] == sg->cin_off[x + 1]) {
            p = 1; /* a leaf: the empty chain that starts here */
        } else {
            for (size_t j = sg->cin_off[x]; j < sg->cin_off[x + 1]; j++) {
                size_t y = sg->cin[j]; /* y < x: already done */
                p += sg->paths[y];
                if (sg->depth[y] + 1 > d)
                    d = sg->depth[y] + 1;
            }
        }
        sg->paths[x] = p;
        sg->depth[x] = d;
    }
done:
    free(stamp);
    free(pos);
    return err;
}

int am_support_build(am_support *sg, const am_map *map, size_t *skipped)
{
    memset(sg, 0, sizeof *sg);
    int err = 0;
    size_t *sfrom = NULL, *sto = NULL, *afrom = NULL, *ato = NULL, *stamp = NULL;
    double *sconf = NULL;
    size_t nsup = 0, natt = 0, skip = 0;
    size_t nu = map->units.len, ns = map->sources.len;
    sg->unit_vertex = malloc((nu ? nu : 1) * sizeof *sg->unit_vertex);
    if (!sg->unit_vertex) {
        err = am_err_nomem();
        goto done;
    }
    size_t k = 0;
    for (size_t i = 0; i < nu; i++)
        sg->unit_vertex[i] = map->units.items[i].kind == AM_UNIT_NONE ? -1 : (long)k++;
    sg->nunits = k;
    sg->n = k + ns;
    sg->ref = malloc((sg->n ? sg->n : 1) * sizeof *sg->ref);
    sg->scc = malloc((sg->n ? sg->n : 1) * sizeof *sg->scc);
    sg->self = calloc(sg->n ? sg->n : 1, 1);
    size_t nr = map->relations.len, q = nr ? nr : 1;
    sfrom = malloc(q * sizeof *sfrom);
    sto = malloc(q * sizeof *sto);
    sconf = malloc(q * sizeof *sconf);
    afrom = malloc(q * sizeof *afrom);
    ato = malloc(q * sizeof *ato);
    stamp = malloc((sg->n ? sg->n : 1) * sizeof *stamp);
    if (!sg->ref || !sg->scc || !sg->self || !sfrom || !sto || !sconf || !afrom || !ato ||
        !stamp) {
        err = am_err_nomem();
        goto done;
    }
    for (size_t i = 0; i < nu; i++)
        if (sg->unit_vertex[i] >= 0)
            sg->ref[sg->unit_vertex[i]] = (am_ref){AM_NODE_UNIT, i};
    for (size_t i = 0; i < ns; i++)
        sg->ref[k + i] = (am_ref){AM_NODE_SOURCE, i};

    for (size_t i = 0; i < nr; i++) {
        const am_relation *r = &map->relations.items[i];
        long from = resolve(map, sg->unit_vertex, k, r->from, 0);
        /* an attack on a relation is an undercut, whatever its type says */
        int attack = r->type != AM_REL_SUPPORT || r->to.kind == AM_NODE_RELATION;
        long to = resolve(map, sg->unit_vertex, k, r->to, attack);
        if (from == -2 || to == -2) {
            err = am_err(AM_EINVAL, "relation r%zu: refers to a missing unit, source or "
                         "relation", i + 1);
            goto done;
        }
        if (from < 0 || to < 0) {
            skip++; /* touches a unit that argues nothing */
            continue;
        }
        if (attack) {
            afrom[natt] = (size_t)from;
            ato[natt++] = (size_t)to;
        } else {
            sfrom[nsup] = (size_t)from;
            sto[nsup] = (size_t)to;
            sconf[nsup++] = r->confidence;
        }
    }
    if ((err = lists(sg->n, sfrom, sto, sconf, nsup, sg->self, stamp, &sg->in_off, &sg->in_adj,
                     &sg->in_conf)) < 0)
        goto done;
    sg->edges = sg->in_off[sg->n];
    if ((err = transpose(sg->n, sg->in_off, sg->in_adj, NULL, &sg->out_off, &sg->out_adj,
                         NULL)) < 0)
        goto done;
    /* self-attacks stay: a unit that attacks itself is never accepted */
    if ((err = lists(sg->n, afrom, ato, NULL, natt, NULL, stamp, &sg->att_off, &sg->att_adj,
                     NULL)) < 0)
        goto done;
    if ((err = tarjan(sg)) < 0)
        goto done;
    if ((err = condense(sg)) < 0)
        goto done;
    if (skipped)
        *skipped = skip;
done:
    free(sfrom);
    free(sto);
    free(sconf);
    free(afrom);
    free(ato);
    free(stamp);
    if (err < 0)
        am_support_free(sg);
    return err;
}
