/*
 * accept.c - which units stand once attacks are counted: the grounded
 * extension of the bipolar support/attack graph.
 *
 * Interpretation (Cayrol & Lagasquie-Schiex's supported and secondary
 * attacks, closed on both sides): x defeats y when a support path (maybe
 * empty) leads from x to some a, a attacks b, and a support path (maybe
 * empty) leads from b to y. So backing an attacker attacks too, and
 * attacking a premise attacks everything it supports. The grounded
 * extension of that Dung framework is computed here without listing the
 * derived attacks (there can be quadratically many): one round of the
 * fixpoint IN := { y : every defeater of y is defeated by IN } is four
 * forward searches along support edges, so each round is linear:
 *   armed  = what IN supports (IN included)
 *   OUT    = what the targets of armed attackers support (targets included)
 *   alive  = what the units not OUT support: attackers with a live backer
 *   IN'    = all but what the targets of alive attackers support
 * IN only grows; the rounds stop when it stops growing (at most
 * max_rounds; then what is IN or OUT is still right and the rest is left
 * undecided, flagged by *complete = 0).
 */
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "analysis.h"

/* Mark everything reachable along support edges from the marked vertices. */
static void reach(const am_support *sg, unsigned char *mark, size_t *queue)
{
    size_t head = 0, tail = 0;
    for (size_t v = 0; v < sg->n; v++)
        if (mark[v])
            queue[tail++] = v;
    while (head < tail) {
        size_t v = queue[head++];
        for (size_t j = sg->out_off[v]; j < sg->out_off[v + 1]; j++) {
            size_t w = sg->out_adj[j];
            if (!mark[w]) {
                mark[w] = 1;
                queue[tail++] = w;
            }
        }
    }
}

/* mark[b] = 1 for every b with an attacker a such that by[a]. */
static void targets_of(const am_support *sg, const unsigned char *by, unsigned char *mark)
{
    for (size_t b = 0; b < sg->n; b++) {
        mark[b] = 0;
        for (size_t j = sg->att_off[b]; j < sg->att_off[b + 1]; j++)
            if (by[sg->att_adj[j]]) {
                mark[b] = 1;
                break;
            }
    }
}

int am_graph_grounded(const am_support *sg, am_accept *label, size_t max_rounds,
                      int *complete)
{
    size_t n = sg->n, rounds = 0;
    int err = 0;
    unsigned char *in = calloc(n ? n : 1, 1), *armed = malloc(n ? n : 1);
    unsigned char *out = malloc(n ? n : 1), *tmp = malloc(n ? n : 1);
    size_t *queue = malloc((n ? n : 1) * sizeof *queue);
    if (!in || !armed || !out || !tmp || !queue) {
        err = am_err_nomem();
        goto done;
    }
    *complete = 0;
    for (;;) {
        memcpy(armed, in, n);
        reach(sg, armed, queue);
        targets_of(sg, armed, out);
        reach(sg, out, queue);
        if (rounds == max_rounds)
            break;
        rounds++;
        for (size_t v = 0; v < n; v++) /* alive: backed by something not OUT */
            armed[v] = !out[v];
        reach(sg, armed, queue);
        targets_of(sg, armed, tmp);
        reach(sg, tmp, queue);
        int grew = 0;
        for (size_t v = 0; v < n; v++)
            if (!tmp[v] && !in[v]) {
                in[v] = 1;
                grew = 1;
            }
        if (!grew) {
            *complete = 1;
            break;
        }
    }
    for (size_t v = 0; v < n; v++)
        label[v] = in[v] ? AM_ACCEPT_ACCEPTED : out[v] ? AM_ACCEPT_REJECTED
                                                      : AM_ACCEPT_UNDECIDED;
done:
    free(in);
    free(armed);
    free(out);
    free(tmp);
    free(queue);
    return err < 0 ? err : (int)(rounds > (size_t)2147483647 ? 2147483647 : rounds);
}
