/*
 * figures.c - how a claim is supported, for the report's claims table.
 *
 * The graph stage (engine/graph/) computes these and more with igraph and
 * leaves them in map->analysis. The report must not depend on that stage
 * having run, so when the analysis is missing the figures are worked out
 * here from the relations alone, with the definitions of DESIGN.md: support
 * edges are supports between units and sources (every edge points toward
 * what it backs), ancestors of a claim are its support. A claim whose
 * ancestors hold a cycle gets no depth or chain count (-1), as the analysis
 * counts chains on a DAG only.
 * When the graph stage ran, its figures are read from map->analysis.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../core/error.h"
#include "../graph/analysis.h"
#include "render.h"

long am_node_of(const am_map *map, am_ref r)
{
    if (r.kind == AM_NODE_UNIT && r.index < map->units.len)
        return (long)r.index;
    if (r.kind == AM_NODE_SOURCE && r.index < map->sources.len)
        return (long)(map->units.len + r.index);
    return -1;
}

void am_node_id(char *buf, size_t n, const am_map *map, long node)
{
    if (node < (long)map->units.len)
        snprintf(buf, n, "u%ld", node + 1);
    else
        snprintf(buf, n, "S%zu", (size_t)node - map->units.len + 1);
}

const char *am_evidence_label(am_evidence_type t)
{
    switch (t) {
    case AM_EV_TESTIMONY: return "testimony";
    case AM_EV_STATISTIC: return "statistic";
    case AM_EV_EVENT: return "event";
    case AM_EV_EXAMPLE: return "example";
    case AM_EV_REPORT: return "report";
    case AM_EV_COMMON_GROUND: return "common ground";
    default: return "evidence";
    }
}

static int is_support(const am_map *map, const am_relation *r)
{
    return r->type == AM_REL_SUPPORT && am_node_of(map, r->from) >= 0 &&
           am_node_of(map, r->to) >= 0;
}

int am_support_in(const am_map *map, size_t **start, long **from)
{
    size_t n = map->units.len + map->sources.len, nr = map->relations.len;
    size_t *st = calloc(n + 2, sizeof *st), *fill = calloc(n + 1, sizeof *fill);
    long *fr = malloc((nr + 1) * sizeof *fr);
    if (!st || !fill || !fr) {
        free(st);
        free(fill);
        free(fr);
        return am_err_nomem();
    }
    for (size_t i = 0; i < nr; i++)
        if (is_support(map, &map->relations.items[i]))
            st[am_node_of(map, map->relations.items[i].to) + 1]++;
    for (size_t v = 0; v < n; v++)
        st[v + 1] += st[v];
    for (size_t i = 0; i < nr; i++) {
        const am_relation *r = &map->relations.items[i];
        if (!is_support(map, r))
            continue;
        long to = am_node_of(map, r->to);
        fr[st[to] + fill[to]++] = am_node_of(map, r->from);
    }
    free(fill);
    *start = st;
    *from = fr;
    return 0;
}

typedef struct {
    const am_map *map;
    size_t *in_start;     /* CSR of incoming support edges: node -> [start, start+1) */
    long *in_from;
    unsigned char *state; /* 0 new, 1 on the stack, 2 done */
    long *depth;
    double *chains;
    int cyclic;
} walk;

/* Longest chain and chain count into `node`, memoised. Recursion depth is
 * bounded by the number of units (the unit limit of am_analyze). */
static void visit(walk *w, long node)
{
    if (w->state[node] == 2)
        return;
    if (w->state[node] == 1) {
        w->cyclic = 1;
        return;
    }
    w->state[node] = 1;
    long depth = 0;
    double chains = 0;
    int has = 0;
    for (size_t i = w->in_start[node]; i < w->in_start[node + 1]; i++) {
        long from = w->in_from[i];
        visit(w, from);
        if (w->state[from] != 2)
            continue;
        has = 1;
        if (w->depth[from] + 1 > depth)
            depth = w->depth[from] + 1;
        chains += w->chains[from];
    }
    w->depth[node] = depth;
    w->chains[node] = has ? chains : 1;
    w->state[node] = 2;
}

/* The graph stage's record of a claim, or NULL. */
static const am_claim_analysis *analysed(const am_map *map, size_t unit)
{
    const am_analysis *a = map->analysis;
    if (!a || !a->claim_of_unit || a->claim_of_unit[unit] < 0 ||
        (size_t)a->claim_of_unit[unit] >= a->claims.len)
        return NULL;
    return &a->claims.items[a->claim_of_unit[unit]];
}

int am_claim_figures_get(const am_map *map, size_t unit, am_claim_figures *out)
{
    if (unit >= map->units.len)
        return am_err(AM_EINVAL, "claim figures: no unit u%zu", unit + 1);
    const am_claim_analysis *ca = analysed(map, unit);
    if (ca) {
        am_claim_figures g = {0};
        g.supporters = ca->breadth;
        g.attackers = ca->attackers;
        g.depth = (long)ca->depth;
        g.chains = ca->chains;
        g.evidence = ca->evidence_count;
        g.sources = ca->sources.len;
        g.cyclic = ca->cycle >= 0;
        g.from_analysis = 1;
        g.critical = (long)ca->critical_count;
        g.robustness = ca->robustness;
        g.truncated = ca->truncated;
        *out = g;
        return 0;
    }
    size_t n = map->units.len + map->sources.len, nr = map->relations.len;
    am_claim_figures f = {0};
    f.critical = f.robustness = -1;
    long self = (long)unit;
    for (size_t i = 0; i < nr; i++) {
        const am_relation *r = &map->relations.items[i];
        if (r->type == AM_REL_SUPPORT && am_node_of(map, r->to) == self &&
            am_node_of(map, r->from) >= 0)
            f.supporters++;
        else if (r->type == AM_REL_ATTACK && am_node_of(map, r->to) == self)
            f.attackers++;
        else if (r->type == AM_REL_UNDERCUT && r->to.kind == AM_NODE_RELATION &&
                 r->to.index < nr && am_node_of(map, map->relations.items[r->to.index].to) == self)
            f.attackers++;
    }
    unsigned char *seen = calloc(n + 1, 1);
    long *queue = malloc((n + 1) * sizeof *queue);
    walk w = {map, NULL, NULL, calloc(n + 1, 1), malloc((n + 1) * sizeof(long)),
              malloc((n + 1) * sizeof(double)), 0};
    int err = 0;
    if (!seen || !queue || !w.state || !w.depth || !w.chains) {
        err = am_err_nomem();
        goto done;
    }
    if (am_support_in(map, &w.in_start, &w.in_from) < 0) {
        err = AM_ENOMEM;
        goto done;
    }
    /* Ancestors by a breadth-first walk against the edges. */
    size_t head = 0, tail = 0;
    queue[tail++] = self;
    seen[self] = 1;
    while (head < tail) {
        long at = queue[head++];
        for (size_t i = w.in_start[at]; i < w.in_start[at + 1]; i++) {
            long from = w.in_from[i];
            if (seen[from])
                continue;
            seen[from] = 1;
            queue[tail++] = from;
            if (from >= (long)map->units.len)
                f.sources++;
            else if (map->units.items[from].kind == AM_UNIT_EVIDENCE)
                f.evidence++;
        }
    }
    visit(&w, self);
    f.cyclic = w.cyclic;
    f.depth = w.cyclic ? -1 : w.depth[self];
    f.chains = w.cyclic ? -1 : (f.supporters ? w.chains[self] : 0);
    *out = f;
done:
    free(seen);
    free(queue);
    free(w.in_start);
    free(w.in_from);
    free(w.state);
    free(w.depth);
    free(w.chains);
    return err;
}
