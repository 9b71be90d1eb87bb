/*
 * chains.c - a claim's support chains, strongest first, and `argmap
 * chains` output for people.
 *
 * The number of chains comes from the analysis (counted, never listed);
 * listing walks back from the claim over the condensation best-first (A*
 * with an exact bound): best[x], the strongest way from a leaf to
 * component x, and bestlen[x], the shortest length among those, come from
 * one pass in topological order; a partial chain from x to the claim is
 * keyed by the chain it would become if completed the best way
 * (strength * best[x], length + bestlen[x]). Extending a partial chain
 * never improves its key, so chains complete in the order (strength desc,
 * length asc), and each listed chain costs about its length times the
 * in-degree, however many chains there are. Memory is bounded by
 * AM_CHAINS_MAX_ENTRIES partial chains (AM_ELIMIT beyond).
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/strbuf.h"
#include "../formats/json_graph.h"
#include "query.h"

const char *am_graph_unit_text(const am_map *map, size_t unit, size_t *len)
{
    const am_unit *u = &map->units.items[unit];
    if (!map->doc || u->span.end > map->doc->text_len || u->span.end <= u->span.start) {
        *len = 0;
        return "";
    }
    *len = u->span.end - u->span.start;
    return map->doc->text + u->span.start;
}

/* 1 when needle occurs in hay[0, n) ignoring ASCII case. */
static int contains_ci(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    if (k == 0 || k > n)
        return 0;
    for (size_t i = 0; i + k <= n; i++) {
        size_t j = 0;
        while (j < k && tolower((unsigned char)hay[i + j]) == tolower((unsigned char)needle[j]))
            j++;
        if (j == k)
            return 1;
    }
    return 0;
}

int am_graph_find_claim(const am_map *map, const char *key, size_t *unit)
{
    const am_analysis *a = map->analysis;
    if (!a)
        return am_err(AM_EINVAL, "the map has no analysis");
    if (!key || !*key) {
        if (a->major < 0)
            return am_err(AM_ENOTFOUND, "no major claim: the map has no claims");
        *unit = (size_t)a->major;
        return 0;
    }
    if (key[0] == 'u' && key[1] && strspn(key + 1, "0123456789") == strlen(key + 1)) {
        size_t idx = strtoull(key + 1, NULL, 10);
        if (idx == 0 || idx > map->units.len)
            return am_err(AM_ENOTFOUND, "no unit %s", key);
        if (map->units.items[idx - 1].kind != AM_UNIT_CLAIM)
            return am_err(AM_ENOTFOUND, "%s is not a claim", key);
        *unit = idx - 1;
        return 0;
    }
    size_t found = 0, first = 0, second = 0;
    for (size_t k = 0; k < a->claims.len; k++) {
        size_t len, u = a->claims.items[k].unit;
        const char *t = am_graph_unit_text(map, u, &len);
        if (contains_ci(t, len, key)) {
            if (found == 0)
                first = u;
            else if (found == 1)
                second = u;
            found++;
        }
    }
    if (found == 0)
        return am_err(AM_ENOTFOUND, "no claim contains '%s'", key);
    if (found > 1)
        return am_err(AM_EINVAL, "'%s' is in %zu claims (u%zu, u%zu%s): give an id", key, found,
                      first + 1, second + 1, found > 2 ? ", ..." : "");
    *unit = first;
    return 0;
}

void am_chain_list_free(am_chain_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->chains.len; i++)
        AM_VEC_FREE(&l->chains.items[i].steps);
    AM_VEC_FREE(&l->chains);
}

typedef struct {
    size_t parent; /* entry it extends, or NONE for the claim itself */
    size_t comp;
    size_t len;
    double strength;
    double key;     /* strength of the best completion */
    size_t keylen;  /* its length */
} entry;

#define NONE ((size_t)-1)

/* 1 when entry x comes out of the queue before entry y. */
static int before(const entry *e, size_t x, size_t y)
{
    /* Keys are products of the same confidences taken in different
     * orders, so equal chains can differ in the last bits: within a
     * relative 1e-12 they count as equal, and the tie rules below keep the
     * search depth-first among them instead of widening it. */
    double kx = e[x].key, ky = e[y].key;
    if (fabs(kx - ky) > 1e-12 * (kx > ky ? kx : ky))
        return kx > ky;
    if (e[x].keylen != e[y].keylen)
        return e[x].keylen < e[y].keylen;
    if (e[x].len != e[y].len) /* a complete chain before its equals still growing */
        return e[x].len > e[y].len;
    return x < y;
}

static void sift_up(size_t *h, size_t i, const entry *e)
{
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (!before(e, h[i], h[p]))
            break;
        size_t t = h[i];
        h[i] = h[p];
        h[p] = t;
        i = p;
    }
}

static void sift_down(size_t *h, size_t n, size_t i, const entry *e)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < n && before(e, h[l], h[m]))
            m = l;
        if (r < n && before(e, h[r], h[m]))
            m = r;
        if (m == i)
            break;
        size_t t = h[i];
        h[i] = h[m];
        h[m] = t;
        i = m;
    }
}

int am_graph_chains(am_chain_list *out, const am_map *map, size_t claim, size_t limit)
{
    const am_analysis *a = map->analysis;
    if (!a)
        return am_err(AM_EINVAL, "the map has no analysis");
    if (claim >= map->units.len || a->claim_of_unit[claim] < 0)
        return am_err(AM_ENOTFOUND, "u%zu is not a claim", claim + 1);
    const am_support *sg = &a->sg;
    const am_claim_analysis *ca = &a->claims.items[a->claim_of_unit[claim]];
    am_chain_list l = {0};
    l.claim = claim;
    l.total = ca->chains;
    l.total_exact = ca->chains_exact;
    l.limit = limit;
    int err = 0;
    AM_VEC(entry) ents = {0};
    size_t *heap = NULL, nheap = 0, capheap = 0;
    double *best = malloc((sg->nscc ? sg->nscc : 1) * sizeof *best);
    size_t *bestlen = malloc((sg->nscc ? sg->nscc : 1) * sizeof *bestlen);
    entry *e = best && bestlen ? AM_VEC_PUSH(&ents) : NULL;
    if (!e) {
        err = am_err_nomem();
        goto done;
    }
    for (size_t x = 0; x < sg->nscc; x++) { /* predecessors come first */
        double b = sg->cin_off[x] == sg->cin_off[x + 1] ? 1.0 : -1.0;
        size_t bl = 0;
        for (size_t j = sg->cin_off[x]; j < sg->cin_off[x + 1]; j++) {
            size_t y = sg->cin[j];
            double s = sg->cin_conf[j] * best[y];
            if (s > b || (s == b && bestlen[y] + 1 < bl)) {
                b = s;
                bl = bestlen[y] + 1;
            }
        }
        best[x] = b;
        bestlen[x] = bl;
    }
    size_t xc = sg->scc[ca->vertex];
    *e = (entry){NONE, xc, 0, 1.0, best[xc], bestlen[xc]};
    capheap = 64;
    heap = malloc(capheap * sizeof *heap);
    if (!heap) {
        err = am_err_nomem();
        goto done;
    }
    heap[nheap++] = 0;
    while (nheap && l.chains.len < limit) {
        size_t top = heap[0];
        heap[0] = heap[--nheap];
        sift_down(heap, nheap, 0, ents.items);
        entry cur = ents.items[top];
        size_t x = cur.comp;
        if (sg->cin_off[x] == sg->cin_off[x + 1]) {
            if (cur.len == 0)
                break; /* the claim is a leaf: no chains */
            am_chain *c = AM_VEC_PUSH(&l.chains);
            if (!c || AM_VEC_RESERVE(&c->steps, cur.len + 1) < 0) {
                err = am_err_nomem();
                goto done;
            }
            c->strength = cur.strength;
            for (size_t k = top; k != NONE; k = ents.items[k].parent)
                c->steps.items[c->steps.len++] = ents.items[k].comp;
            continue;
        }
        for (size_t j = sg->cin_off[x]; j < sg->cin_off[x + 1]; j++) {
            if (ents.len >= AM_CHAINS_MAX_ENTRIES) {
                err = am_err(AM_ELIMIT, "u%zu: the chain search passed %d partial chains; "
                             "ask for fewer chains", claim + 1, AM_CHAINS_MAX_ENTRIES);
                goto done;
            }
            entry *ne = AM_VEC_PUSH(&ents);
            if (!ne) {
                err = am_err_nomem();
                goto done;
            }
            size_t y = sg->cin[j];
            double st = cur.strength * sg->cin_conf[j];
            *ne = (entry){top, y, cur.len + 1, st, st * best[y], cur.len + 1 + bestlen[y]};
            if (nheap == capheap) {
                size_t *h = realloc(heap, 2 * capheap * sizeof *heap);
                if (!h) {
                    err = am_err_nomem();
                    goto done;
                }
                heap = h;
                capheap *= 2;
            }
            heap[nheap++] = ents.len - 1;
            sift_up(heap, nheap - 1, ents.items);
        }
    }
    *out = l;
    memset(&l, 0, sizeof l);
done:
    am_chain_list_free(&l);
    AM_VEC_FREE(&ents);
    free(heap);
    free(best);
    free(bestlen);
    return err;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

int am_graph_chain_sources(const am_map *map, const am_chain *c, size_t **out, size_t *n)
{
    const am_support *sg = &map->analysis->sg;
    AM_VEC(size_t) s = {0};
    for (size_t i = 0; i < c->steps.len; i++) {
        size_t x = c->steps.items[i];
        for (size_t j = sg->mem_off[x]; j < sg->mem_off[x + 1]; j++) {
            am_ref r = sg->ref[sg->mem[j]];
            long src = r.kind == AM_NODE_SOURCE ? (long)r.index : map->units.items[r.index].source;
            if (src < 0 || (size_t)src >= map->sources.len)
                continue;
            size_t *p = AM_VEC_PUSH(&s);
            if (!p) {
                AM_VEC_FREE(&s);
                return am_err_nomem();
            }
            *p = (size_t)src;
        }
    }
    if (s.len > 1) /* qsort(NULL, 0, ...) is undefined */
        qsort(s.items, s.len, sizeof(size_t), cmp_size);
    size_t k = 0;
    for (size_t i = 0; i < s.len; i++)
        if (!k || s.items[k - 1] != s.items[i])
            s.items[k++] = s.items[i];
    *out = s.items;
    *n = k;
    return 0;
}

/* Append s[0, n) on one line, at most max bytes cut at a UTF-8 boundary. */
void am_graph_excerpt(am_strbuf *sb, const char *s, size_t n, size_t max)
{
    size_t k = n;
    if (k > max) {
        k = max;
        while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--;
    }
    for (size_t i = 0; i < k; i++)
        am_sb_putc(sb, s[i] == '\n' || s[i] == '\r' || s[i] == '\t' ? ' ' : s[i]);
    if (k < n)
        am_sb_puts(sb, "...");
}

static const char *ev_label(am_evidence_type t)
{
    static const char *names[] = {"evidence", "testimony", "statistic", "event",
                                  "example", "report", "common ground"};
    return (unsigned)t < sizeof names / sizeof names[0] ? names[t] : "evidence";
}

/* One vertex on a line: "u3 claim: text" / "S1 source: name". */
void am_graph_vertex_line(am_strbuf *sb, const am_map *map, size_t v, const char *indent)
{
    const am_support *sg = &map->analysis->sg;
    char id[32];
    am_graph_vertex_id(sg, v, id, sizeof id);
    am_ref r = sg->ref[v];
    am_sb_printf(sb, "%s%-5s ", indent, id);
    if (r.kind == AM_NODE_SOURCE) {
        const am_source *s = &map->sources.items[r.index];
        am_sb_printf(sb, "source: %s\n", s->name ? s->name : "(unnamed)");
        return;
    }
    const am_unit *u = &map->units.items[r.index];
    am_sb_puts(sb, u->kind == AM_UNIT_CLAIM ? "claim" : ev_label(u->evidence));
    size_t len;
    const char *t = am_graph_unit_text(map, r.index, &len);
    if (len) {
        am_sb_puts(sb, ": ");
        am_graph_excerpt(sb, t, len, 90);
    }
    am_sb_putc(sb, '\n');
}

static long cycle_of(const am_analysis *a, size_t comp)
{
    for (size_t k = 0; k < a->cycles.len; k++)
        if (a->sg.scc[a->cycles.items[k].vertices.items[0]] == comp)
            return (long)k;
    return -1;
}

static int chains_text(char **out, const am_map *map, const am_chain_list *l)
{
    const am_analysis *a = map->analysis;
    const am_support *sg = &a->sg;
    am_strbuf sb = {0};
    size_t len;
    const char *t = am_graph_unit_text(map, l->claim, &len);
    am_sb_printf(&sb, "claim u%zu", l->claim + 1);
    if (len) {
        am_sb_puts(&sb, ": ");
        am_graph_excerpt(&sb, t, len, 100);
    }
    am_sb_putc(&sb, '\n');
    if (l->total_exact)
        am_sb_printf(&sb, "%.0f support chain%s", l->total, l->total == 1 ? "" : "s");
    else
        am_sb_printf(&sb, "about %.6g support chains", l->total);
    if (l->chains.len)
        am_sb_printf(&sb, ", strongest first (strength: product of relation confidences)");
    am_sb_puts(&sb, "\n");
    for (size_t i = 0; i < l->chains.len; i++) {
        const am_chain *c = &l->chains.items[i];
        am_sb_printf(&sb, "\n%zu. strength %.4f, %zu step%s\n", i + 1, c->strength,
                     c->steps.len - 1, c->steps.len == 2 ? "" : "s");
        for (size_t k = 0; k < c->steps.len; k++) {
            size_t x = c->steps.items[k];
            size_t size = sg->mem_off[x + 1] - sg->mem_off[x];
            if (size == 1) {
                am_graph_vertex_line(&sb, map, sg->mem[sg->mem_off[x]], "   ");
                continue;
            }
            am_sb_printf(&sb, "   support cycle c%ld:\n", cycle_of(a, x) + 1);
            for (size_t j = sg->mem_off[x]; j < sg->mem_off[x + 1]; j++)
                am_graph_vertex_line(&sb, map, sg->mem[j], "     ");
        }
        size_t *src = NULL, ns = 0;
        if (am_graph_chain_sources(map, c, &src, &ns) < 0) {
            am_sb_free(&sb);
            return AM_ENOMEM;
        }
        am_sb_puts(&sb, "   sources: ");
        if (!ns)
            am_sb_puts(&sb, "none");
        for (size_t k = 0; k < ns; k++) {
            const am_source *s = &map->sources.items[src[k]];
            am_sb_printf(&sb, "%sS%zu %s", k ? ", " : "", src[k] + 1, s->name ? s->name : "");
        }
        am_sb_putc(&sb, '\n');
        free(src);
    }
    if (l->chains.len < l->total)
        am_sb_printf(&sb, "\nnote: the limit (%zu) cut the list: %zu of %s%.0f chains shown\n",
                     l->limit, l->chains.len, l->total_exact ? "" : "about ", l->total);
    char *s = am_sb_take(&sb, NULL);
    if (!s)
        return am_err_nomem();
    *out = s;
    return 0;
}

int am_map_chains(char **out, const am_map *map, const char *claim, size_t limit, int flags)
{
    if (!out || !map)
        return am_err(AM_EINVAL, "am_map_chains: NULL argument");
    if (limit == 0)
        limit = AM_CHAINS_DEFAULT_LIMIT;
    if (limit > AM_CHAINS_MAX_LIMIT)
        return am_err(AM_ELIMIT, "at most %d chains can be listed (asked for %zu)",
                      AM_CHAINS_MAX_LIMIT, limit);
    size_t unit;
    int err = am_graph_find_claim(map, claim, &unit);
    if (err < 0)
        return err;
    am_chain_list l;
    if ((err = am_graph_chains(&l, map, unit, limit)) < 0)
        return err;
    if (flags & AM_OUT_JSON)
        err = am_json_chains(out, map, &l, flags & AM_JSON_COMPACT);
    else
        err = chains_text(out, map, &l);
    am_chain_list_free(&l);
    return err;
}
