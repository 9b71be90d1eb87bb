/*
 * mst.c - the maximum spanning tree decoder (Chu-Liu/Edmonds).
 *
 * A short argumentative text is a tree: every unit but the central claim
 * backs or attacks exactly one other. Given a score for every possible
 * attachment, the best tree is the maximum spanning arborescence of the
 * complete graph, which Chu-Liu/Edmonds finds exactly: take each node's
 * best head, and while those choices form a cycle, contract the cycle into
 * one node, rescore the edges into it by what breaking the cycle there
 * costs, and solve the smaller problem. A virtual root (node 0) carries the
 * root scores; lowering all its edges by a large constant makes exactly one
 * unit the root. Ties go to the lower index, so results are deterministic.
 * O(n^3) in the worst case: fine for the texts it is meant for (the caller
 * bounds n).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "argue.h"

#define NEG (-HUGE_VAL)

/* Solve on m nodes (0 the root) with weights w[u*m + v] for the edge
 * u -> v (u is v's head). par[v] gets the head. 0 or AM_ENOMEM. */
static int cle(size_t m, const double *w, long *par)
{
    int err = 0;
    long *best = NULL, *cyc_id = NULL, *map = NULL, *npar = NULL, *from_u = NULL, *to_v = NULL;
    double *nw = NULL;
    best = malloc(m * sizeof *best);
    cyc_id = malloc(m * sizeof *cyc_id);
    if (!best || !cyc_id) {
        err = am_err_nomem();
        goto done;
    }
    best[0] = -1;
    for (size_t v = 1; v < m; v++) {
        long b = -1;
        double bw = NEG;
        for (size_t u = 0; u < m; u++)
            if (u != v && w[u * m + v] > bw) {
                bw = w[u * m + v];
                b = (long)u;
            }
        best[v] = b;
    }
    /* find a cycle among the best heads */
    for (size_t v = 0; v < m; v++)
        cyc_id[v] = -1;
    long cycle_start = -1;
    {
        long *mark = map = malloc(m * sizeof *map);
        if (!mark) {
            err = am_err_nomem();
            goto done;
        }
        for (size_t v = 0; v < m; v++)
            mark[v] = -1;
        for (size_t s = 1; s < m && cycle_start < 0; s++) {
            long v = (long)s;
            while (v > 0 && mark[v] < 0) {
                mark[v] = (long)s;
                v = best[v];
            }
            if (v > 0 && mark[v] == (long)s)
                cycle_start = v;
        }
        free(map);
        map = NULL;
    }
    if (cycle_start < 0) {
        memcpy(par, best, m * sizeof *par);
        goto done;
    }
    /* contract the cycle into one node */
    size_t clen = 0;
    {
        long v = cycle_start;
        do {
            cyc_id[v] = 1;
            clen++;
            v = best[v];
        } while (v != cycle_start);
    }
    size_t nm = m - clen + 1, c = nm - 1;
    map = malloc(m * sizeof *map);
    nw = malloc(nm * nm * sizeof *nw);
    npar = malloc(nm * sizeof *npar);
    from_u = malloc(nm * sizeof *from_u); /* for edges c -> v: the cycle node u used */
    to_v = malloc(nm * sizeof *to_v);     /* for edges u -> c: the cycle node v entered */
    if (!map || !nw || !npar || !from_u || !to_v) {
        err = am_err_nomem();
        goto done;
    }
    {
        size_t k = 0;
        for (size_t v = 0; v < m; v++)
            map[v] = cyc_id[v] > 0 ? (long)c : (long)k++;
    }
    for (size_t i = 0; i < nm * nm; i++)
        nw[i] = NEG;
    for (size_t i = 0; i < nm; i++)
        from_u[i] = to_v[i] = -1;
    for (size_t u = 0; u < m; u++) {
        for (size_t v = 1; v < m; v++) {
            if (u == v || w[u * m + v] == NEG)
                continue;
            int uc = cyc_id[u] > 0, vc = cyc_id[v] > 0;
            if (uc && vc)
                continue;
            size_t nu = (size_t)map[u], nv = (size_t)map[v];
            double s = w[u * m + v];
            if (vc)
                s -= w[(size_t)best[v] * m + v];
            if (s > nw[nu * nm + nv]) {
                nw[nu * nm + nv] = s;
                if (vc)
                    to_v[nu] = (long)v;
                if (uc)
                    from_u[nv] = (long)u;
            }
        }
    }
    if ((err = cle(nm, nw, npar)) < 0)
        goto done;
    /* expand */
    for (size_t v = 1; v < m; v++) {
        if (cyc_id[v] > 0) {
            par[v] = best[v];
            continue;
        }
        long h = npar[map[v]];
        if (h == (long)c)
            par[v] = from_u[map[v]];
        else {
            /* the original node behind the contracted index h */
            for (size_t u = 0; u < m; u++)
                if (cyc_id[u] < 0 && map[u] == h) {
                    par[v] = (long)u;
                    break;
                }
        }
    }
    {
        long h = npar[c]; /* the head of the contracted node: enters at to_v[h] */
        long entry = to_v[h];
        long horig = -1;
        for (size_t u = 0; u < m; u++)
            if (cyc_id[u] < 0 && map[u] == h) {
                horig = (long)u;
                break;
            }
        par[entry] = horig;
    }
    par[0] = -1;
done:
    free(best);
    free(cyc_id);
    free(map);
    free(npar);
    free(from_u);
    free(to_v);
    free(nw);
    return err;
}

int am_mst_decode(size_t n, const double *s, const double *root, long *head)
{
    if (n == 0)
        return am_err(AM_EINVAL, "am_mst_decode: no nodes");
    size_t m = n + 1;
    double *w = malloc(m * m * sizeof *w);
    long *par = malloc(m * sizeof *par);
    int err = 0;
    if (!w || !par) {
        err = am_err_nomem();
        goto done;
    }
    /* a penalty larger than any tree's total score: one root edge only */
    double big = 1.0;
    for (size_t i = 0; i < n * n; i++)
        if (isfinite(s[i]))
            big += fabs(s[i]);
    for (size_t i = 0; i < n; i++)
        if (isfinite(root[i]))
            big += fabs(root[i]);
    for (size_t i = 0; i < m * m; i++)
        w[i] = NEG;
    for (size_t i = 0; i < n; i++) {
        w[0 * m + (i + 1)] = isfinite(root[i]) ? root[i] - big : NEG;
        for (size_t j = 0; j < n; j++)
            if (i != j && isfinite(s[i * n + j]))
                w[(j + 1) * m + (i + 1)] = s[i * n + j]; /* head j -> dependent i */
    }
    /* a node nothing can reach would leave no tree: let the root reach it */
    for (size_t v = 1; v < m; v++) {
        int any = 0;
        for (size_t u = 0; u < m; u++)
            any |= u != v && w[u * m + v] != NEG;
        if (!any)
            w[v] = -2 * big;
    }
    if ((err = cle(m, w, par)) < 0)
        goto done;
    for (size_t i = 0; i < n; i++)
        head[i] = par[i + 1] <= 0 ? -1 : par[i + 1] - 1;
done:
    free(w);
    free(par);
    return err;
}
