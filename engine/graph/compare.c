/*
 * compare.c - two claims side by side: of one article, or of two articles
 * whose claims are aligned by text similarity.
 *
 * Similarity is the cosine of TF-IDF vectors over lower-cased word
 * unigrams and bigrams, with IDF taken over the texts being compared
 * (smoothed: ln((1 + N) / (1 + df)) + 1, so no weight is zero); alignment
 * is greedy one-to-one by decreasing similarity above a threshold (0.25 by
 * default; docs/graph.md has the figures it was chosen on). Greedy rather
 * than Hungarian: with a threshold that high, conflicts between good
 * pairs are rare, and greedy is simple, deterministic and fast. The same
 * measure matches the support units of two aligned claims; sources match
 * by name or alias (ASCII case-insensitive). For two claims of one article,
 * support is shared by identity.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/error.h"
#include "../core/strbuf.h"
#include "../formats/json_graph.h"
#include "query.h"

/* ------------------------------------------------------- similarity */

typedef struct {
    char *s;       /* feature text, owned */
    size_t text;   /* which text */
} feat;

typedef AM_VEC(feat) feats;

static int cmp_feat(const void *x, const void *y)
{
    const feat *a = x, *b = y;
    int c = strcmp(a->s, b->s);
    if (c)
        return c;
    return a->text < b->text ? -1 : a->text > b->text;
}

static int is_word(unsigned char c)
{
    return isalnum(c) || c >= 0x80;
}

/* A light suffix stripper for English words, so that "banned" meets
 * "ban" and "businesses" meets "business": -ies -> -y, then -ing, -ed,
 * -es, -s (not -ss) off words that keep at least three letters, and a
 * doubled final consonant undone ("bann" -> "ban"). Crude on purpose:
 * it only has to make two wordings of one claim look alike. */
static void stem(char *w)
{
    size_t n = strlen(w);
    static const char *const suf[] = {"ing", "ed", "es", "s"};
    if (n > 4 && !strcmp(w + n - 3, "ies")) {
        strcpy(w + n - 3, "y");
        return;
    }
    for (size_t i = 0; i < sizeof suf / sizeof suf[0]; i++) {
        size_t k = strlen(suf[i]);
        if (n >= k + 3 && !strcmp(w + n - k, suf[i]) && !(k == 1 && w[n - 2] == 's')) {
            n -= k;
            w[n] = '\0';
            if (k >= 2 && n >= 4 && w[n - 1] == w[n - 2] && !strchr("aeiouls", w[n - 1]))
                w[--n] = '\0';
            return;
        }
    }
}

/* Append the unigrams and bigrams of text t[0, n) as features of text id. */
static int features(feats *fs, const char *t, size_t n, size_t id)
{
    char *prev = NULL;
    size_t i = 0;
    while (i < n) {
        while (i < n && !is_word((unsigned char)t[i]))
            i++;
        size_t start = i;
        while (i < n && is_word((unsigned char)t[i]))
            i++;
        if (i == start)
            break;
        size_t len = i - start;
        char *w = malloc(len + 1);
        if (!w) {
            free(prev);
            return am_err_nomem();
        }
        for (size_t k = 0; k < len; k++)
            w[k] = (char)tolower((unsigned char)t[start + k]);
        w[len] = '\0';
        stem(w);
        feat *f = AM_VEC_PUSH(fs);
        if (!f) {
            free(w);
            free(prev);
            return am_err_nomem();
        }
        f->s = w;
        f->text = id;
        if (prev) {
            size_t pl = strlen(prev);
            char *bi = malloc(pl + 1 + len + 1);
            feat *g = bi ? AM_VEC_PUSH(fs) : NULL;
            if (!g) {
                free(bi);
                free(prev);
                return am_err_nomem();
            }
            memcpy(bi, prev, pl);
            bi[pl] = ' ';
            memcpy(bi + pl + 1, w, len + 1);
            g->s = bi;
            g->text = id;
            free(prev);
        }
        prev = strdup(w);
        if (!prev)
            return am_err_nomem();
    }
    free(prev);
    return 0;
}

typedef struct {
    size_t id;     /* feature number */
    double w;      /* tf-idf weight, normalised per text */
} term;

int am_text_similarity(double **simp, const char *const *a, const size_t *alen, size_t na,
                       const char *const *b, const size_t *blen, size_t nb)
{
    size_t n = na + nb;
    int err = 0;
    feats fs = {0};
    AM_VEC(term) terms = {0};
    size_t *toff = calloc(n + 1, sizeof *toff);
    double *sim = calloc(na && nb ? na * nb : 1, sizeof *sim);
    double *norm = calloc(n ? n : 1, sizeof *norm);
    size_t *df = NULL;
    if (!toff || !sim || !norm) {
        err = am_err_nomem();
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        const char *t = i < na ? a[i] : b[i - na];
        size_t len = i < na ? alen[i] : blen[i - na];
        if ((err = features(&fs, t, len, i)) < 0)
            goto done;
    }
    /* sorted by (feature, text): runs give the features, sub-runs the
     * counts in each text */
    if (fs.len > 1) /* qsort(NULL, 0, ...) is undefined */
        qsort(fs.items, fs.len, sizeof *fs.items, cmp_feat);
    size_t nfeat = 0;
    df = calloc(fs.len ? fs.len : 1, sizeof *df);
    if (!df) {
        err = am_err_nomem();
        goto done;
    }
    for (size_t i = 0; i < fs.len;) { /* one feature: fs[i, j) */
        size_t j = i;
        while (j < fs.len && !strcmp(fs.items[j].s, fs.items[i].s))
            j++;
        for (size_t k = i; k < j;) { /* one text: fs[k, q) */
            size_t q = k;
            while (q < j && fs.items[q].text == fs.items[k].text)
                q++;
            term *t = AM_VEC_PUSH(&terms);
            if (!t) {
                err = am_err_nomem();
                goto done;
            }
            t->id = fs.items[k].text;  /* for now: the text ... */
            t->w = (double)(q - k);    /* ... and the count there */
            toff[fs.items[k].text + 1]++;
            df[nfeat]++;
            k = q;
        }
        nfeat++;
        i = j;
    }
    /* regroup the (text, count) records by text, keeping feature order */
    {
        AM_VEC(term) byt = {0};
        if (terms.len && AM_VEC_RESERVE(&byt, terms.len) < 0) {
            err = am_err_nomem();
            goto done;
        }
        for (size_t i = 0; i < n; i++)
            toff[i + 1] += toff[i];
        size_t *fill = malloc((n ? n : 1) * sizeof *fill);
        if (!fill) {
            AM_VEC_FREE(&byt);
            err = am_err_nomem();
            goto done;
        }
        memcpy(fill, toff, n * sizeof *fill);
        size_t f = 0, r = 0;
        for (size_t i = 0; i < fs.len;) { /* walk the same runs again */
            size_t j = i;
            while (j < fs.len && !strcmp(fs.items[j].s, fs.items[i].s))
                j++;
            double idf = log((1.0 + (double)n) / (1.0 + (double)df[f])) + 1.0;
            for (size_t k = i; k < j;) {
                size_t q = k;
                while (q < j && fs.items[q].text == fs.items[k].text)
                    q++;
                size_t text = terms.items[r].id;
                double w = terms.items[r].w * idf;
                byt.items[fill[text]++] = (term){f, w};
                norm[text] += w * w;
                r++;
                k = q;
            }
            f++;
            i = j;
        }
        free(fill);
        byt.len = terms.len;
        AM_VEC_FREE(&terms);
        terms.items = byt.items;
        terms.len = byt.len;
        terms.cap = byt.cap;
    }
    for (size_t i = 0; i < n; i++)
        norm[i] = sqrt(norm[i]);
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++) {
            size_t x = toff[i], xe = toff[i + 1], y = toff[na + j], ye = toff[na + j + 1];
            double dot = 0;
            while (x < xe && y < ye) { /* both in increasing feature order */
                if (terms.items[x].id < terms.items[y].id)
                    x++;
                else if (terms.items[x].id > terms.items[y].id)
                    y++;
                else
                    dot += terms.items[x++].w * terms.items[y++].w;
            }
            double d = norm[i] * norm[na + j];
            sim[i * nb + j] = d > 0 ? dot / d : 0;
        }
    *simp = sim;
    sim = NULL;
done:
    for (size_t i = 0; i < fs.len; i++)
        free(fs.items[i].s);
    AM_VEC_FREE(&fs);
    AM_VEC_FREE(&terms);
    free(toff);
    free(sim);
    free(norm);
    free(df);
    return err;
}

typedef struct {
    double s;
    size_t i, j;
} cand;

static int cmp_cand(const void *x, const void *y)
{
    const cand *a = x, *b = y;
    if (a->s != b->s)
        return a->s > b->s ? -1 : 1;
    if (a->i != b->i)
        return a->i < b->i ? -1 : 1;
    return a->j < b->j ? -1 : a->j > b->j;
}

int am_text_align(long *match_a, const double *sim, size_t na, size_t nb, double threshold)
{
    AM_VEC(cand) cs = {0};
    unsigned char *used_b = calloc(nb ? nb : 1, 1);
    if (!used_b)
        return am_err_nomem();
    for (size_t i = 0; i < na; i++) {
        match_a[i] = -1;
        for (size_t j = 0; j < nb; j++)
            if (sim[i * nb + j] >= threshold) {
                cand *c = AM_VEC_PUSH(&cs);
                if (!c) {
                    AM_VEC_FREE(&cs);
                    free(used_b);
                    return am_err_nomem();
                }
                *c = (cand){sim[i * nb + j], i, j};
            }
    }
    if (cs.len > 1) /* qsort(NULL, 0, ...) is undefined */
        qsort(cs.items, cs.len, sizeof *cs.items, cmp_cand);
    for (size_t k = 0; k < cs.len; k++) {
        cand *c = &cs.items[k];
        if (match_a[c->i] >= 0 || used_b[c->j])
            continue;
        match_a[c->i] = (long)c->j;
        used_b[c->j] = 1;
    }
    AM_VEC_FREE(&cs);
    free(used_b);
    return 0;
}

/* ---------------------------------------------------------- support */

void am_comparison_free(am_comparison *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->pairs.len; i++) {
        am_cmp_pair *p = &c->pairs.items[i];
        AM_VEC_FREE(&p->shared_units);
        AM_VEC_FREE(&p->only_a);
        AM_VEC_FREE(&p->only_b);
        AM_VEC_FREE(&p->shared_sources);
        AM_VEC_FREE(&p->only_a_sources);
        AM_VEC_FREE(&p->only_b_sources);
    }
    AM_VEC_FREE(&c->pairs);
    AM_VEC_FREE(&c->unmatched_a);
    AM_VEC_FREE(&c->unmatched_b);
}

typedef AM_VEC(size_t) sizes;

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* The support units of a claim (its ancestors that are units, the claim
 * itself left out), sorted, found within the analysis's ancestor bound. */
static int support_units(const am_map *map, size_t unit, sizes *out, int *truncated)
{
    const am_analysis *a = map->analysis;
    const am_support *sg = &a->sg;
    size_t limit = a->ancestor_limit ? a->ancestor_limit : AM_GRAPH_MAX_ANCESTORS;
    size_t c = (size_t)sg->unit_vertex[unit];
    unsigned char *seen = calloc(sg->n ? sg->n : 1, 1);
    size_t *queue = malloc((sg->n ? sg->n : 1) * sizeof *queue);
    int err = 0;
    if (!seen || !queue) {
        err = am_err_nomem();
        goto done;
    }
    size_t head = 0, tail = 0, work = 0;
    seen[c] = 1;
    queue[tail++] = c;
    while (head < tail) {
        size_t v = queue[head++];
        work += 1 + sg->in_off[v + 1] - sg->in_off[v];
        if (work > limit) {
            *truncated = 1;
            break;
        }
        for (size_t j = sg->in_off[v]; j < sg->in_off[v + 1]; j++) {
            size_t u = sg->in_adj[j];
            if (!seen[u]) {
                seen[u] = 1;
                queue[tail++] = u;
            }
        }
    }
    for (size_t i = 0; i < tail; i++) {
        size_t v = queue[i];
        if (v == c || sg->ref[v].kind != AM_NODE_UNIT)
            continue;
        size_t *p = AM_VEC_PUSH(out);
        if (!p) {
            err = am_err_nomem();
            goto done;
        }
        *p = sg->ref[v].index;
    }
    if (out->len > 1) /* qsort(NULL, 0, ...) is undefined */
        qsort(out->items, out->len, sizeof(size_t), cmp_size);
done:
    free(seen);
    free(queue);
    return err;
}

/* Append x to a vector; 0 or AM_ENOMEM. */
#define PUSH(v, x) (AM_VEC_PUSH(v) ? ((v)->items[(v)->len - 1] = (x), 0) : am_err_nomem())
#define PAIR(a, b) ((am_pair){(a), (b)})

static const am_claim_analysis *claim_of(const am_map *map, size_t unit)
{
    return &map->analysis->claims.items[map->analysis->claim_of_unit[unit]];
}

/* 1 when two sources are the same by name or alias (ASCII case-insensitive). */
static int same_source(const am_source *x, const am_source *y)
{
    if (!x->name || !y->name)
        return 0;
    if (!strcasecmp(x->name, y->name))
        return 1;
    for (size_t i = 0; i < x->aliases.len; i++)
        if (!strcasecmp(x->aliases.items[i], y->name))
            return 1;
    for (size_t i = 0; i < y->aliases.len; i++)
        if (!strcasecmp(y->aliases.items[i], x->name))
            return 1;
    return 0;
}

/* Fill a pair's support and sources. */
static int fill_pair(am_cmp_pair *p, const am_map *ma, const am_map *mb, double threshold)
{
    sizes sa = {0}, sb = {0};
    double *sim = NULL;
    long *match = NULL;
    const char **ta = NULL, **tb = NULL;
    size_t *la = NULL, *lb = NULL;
    int err = 0, same = ma == mb;
    if ((err = support_units(ma, (size_t)p->a, &sa, &p->truncated)) < 0 ||
        (err = support_units(mb, (size_t)p->b, &sb, &p->truncated)) < 0)
        goto done;
    if (same) { /* by identity: both lists are sorted */
        size_t i = 0, j = 0;
        while (i < sa.len || j < sb.len) {
            if (j == sb.len || (i < sa.len && sa.items[i] < sb.items[j]))
                err = PUSH(&p->only_a, sa.items[i++]);
            else if (i == sa.len || sb.items[j] < sa.items[i])
                err = PUSH(&p->only_b, sb.items[j++]);
            else {
                err = PUSH(&p->shared_units, PAIR(sa.items[i], sb.items[j]));
                i++;
                j++;
            }
            if (err < 0)
                goto done;
        }
    } else {
        /* the similarity matrix holds sa.len * sb.len entries: keep the
         * first units of each side (unit order) and say the lists are partial */
        if (sa.len > AM_COMPARE_MAX_SUPPORT || sb.len > AM_COMPARE_MAX_SUPPORT)
            p->truncated = 1;
        if (sa.len > AM_COMPARE_MAX_SUPPORT)
            sa.len = AM_COMPARE_MAX_SUPPORT;
        if (sb.len > AM_COMPARE_MAX_SUPPORT)
            sb.len = AM_COMPARE_MAX_SUPPORT;
        ta = malloc((sa.len ? sa.len : 1) * sizeof *ta);
        la = malloc((sa.len ? sa.len : 1) * sizeof *la);
        tb = malloc((sb.len ? sb.len : 1) * sizeof *tb);
        lb = malloc((sb.len ? sb.len : 1) * sizeof *lb);
        match = malloc((sa.len ? sa.len : 1) * sizeof *match);
        unsigned char *used = calloc(sb.len ? sb.len : 1, 1);
        if (!ta || !la || !tb || !lb || !match || !used) {
            free(used);
            err = am_err_nomem();
            goto done;
        }
        for (size_t i = 0; i < sa.len; i++)
            ta[i] = am_graph_unit_text(ma, sa.items[i], &la[i]);
        for (size_t j = 0; j < sb.len; j++)
            tb[j] = am_graph_unit_text(mb, sb.items[j], &lb[j]);
        if ((err = am_text_similarity(&sim, ta, la, sa.len, tb, lb, sb.len)) < 0 ||
            (err = am_text_align(match, sim, sa.len, sb.len, threshold)) < 0) {
            free(used);
            goto done;
        }
        for (size_t i = 0; i < sa.len && err >= 0; i++) {
            if (match[i] >= 0) {
                used[match[i]] = 1;
                err = PUSH(&p->shared_units, PAIR(sa.items[i], sb.items[match[i]]));
            } else {
                err = PUSH(&p->only_a, sa.items[i]);
            }
        }
        for (size_t j = 0; j < sb.len && err >= 0; j++)
            if (!used[j])
                err = PUSH(&p->only_b, sb.items[j]);
        free(used);
        if (err < 0)
            goto done;
    }
    /* sources: identity in one article, name or alias across two */
    const am_claim_analysis *ca = claim_of(ma, (size_t)p->a), *cb = claim_of(mb, (size_t)p->b);
    unsigned char *used = calloc(cb->sources.len ? cb->sources.len : 1, 1);
    if (!used) {
        err = am_err_nomem();
        goto done;
    }
    for (size_t i = 0; i < ca->sources.len && err >= 0; i++) {
        size_t s = ca->sources.items[i];
        long hit = -1;
        for (size_t j = 0; j < cb->sources.len && hit < 0; j++) {
            size_t t = cb->sources.items[j];
            if (!used[j] && (same ? s == t
                                  : same_source(&ma->sources.items[s], &mb->sources.items[t])))
                hit = (long)j;
        }
        if (hit >= 0) {
            used[hit] = 1;
            err = PUSH(&p->shared_sources, PAIR(s, cb->sources.items[hit]));
        } else {
            err = PUSH(&p->only_a_sources, s);
        }
    }
    for (size_t j = 0; j < cb->sources.len && err >= 0; j++)
        if (!used[j])
            err = PUSH(&p->only_b_sources, cb->sources.items[j]);
    free(used);
done:
    AM_VEC_FREE(&sa);
    AM_VEC_FREE(&sb);
    free(sim);
    free(match);
    free(ta);
    free(tb);
    free(la);
    free(lb);
    return err;
}

int am_graph_compare_claims(am_comparison *out, const am_map *map, size_t ca, size_t cb)
{
    if (!map->analysis)
        return am_err(AM_EINVAL, "the map has no analysis");
    am_comparison c = {0};
    c.a = c.b = map;
    c.threshold = 0;
    am_cmp_pair *p = AM_VEC_PUSH(&c.pairs);
    if (!p)
        return am_err_nomem();
    p->a = (long)ca;
    p->b = (long)cb;
    p->similarity = 1;
    int err = fill_pair(p, map, map, 0);
    if (err < 0) {
        am_comparison_free(&c);
        return err;
    }
    *out = c;
    return 0;
}

int am_graph_compare_maps(am_comparison *out, const am_map *a, const am_map *b,
                          double threshold)
{
    if (!a->analysis || !b->analysis)
        return am_err(AM_EINVAL, "a map has no analysis");
    const am_analysis *xa = a->analysis, *xb = b->analysis;
    size_t na = xa->claims.len, nb = xb->claims.len;
    if (na > AM_COMPARE_MAX_CLAIMS || nb > AM_COMPARE_MAX_CLAIMS)
        return am_err(AM_ELIMIT, "%s: %zu claims; at most %d can be compared",
                      na > AM_COMPARE_MAX_CLAIMS && a->doc ? a->doc->name
                      : b->doc ? b->doc->name : "map",
                      na > nb ? na : nb, AM_COMPARE_MAX_CLAIMS);
    am_comparison c = {0};
    c.a = a;
    c.b = b;
    c.threshold = threshold;
    int err = 0;
    double *sim = NULL;
    long *match = malloc((na ? na : 1) * sizeof *match);
    unsigned char *used = calloc(nb ? nb : 1, 1);
    const char **ta = malloc((na ? na : 1) * sizeof *ta), **tb = malloc((nb ? nb : 1) * sizeof *tb);
    size_t *la = malloc((na ? na : 1) * sizeof *la), *lb = malloc((nb ? nb : 1) * sizeof *lb);
    if (!match || !used || !ta || !tb || !la || !lb) {
        err = am_err_nomem();
        goto done;
    }
    for (size_t i = 0; i < na; i++)
        ta[i] = am_graph_unit_text(a, xa->claims.items[i].unit, &la[i]);
    for (size_t j = 0; j < nb; j++)
        tb[j] = am_graph_unit_text(b, xb->claims.items[j].unit, &lb[j]);
    if ((err = am_text_similarity(&sim, ta, la, na, tb, lb, nb)) < 0 ||
        (err = am_text_align(match, sim, na, nb, threshold)) < 0)
        goto done;
    for (size_t i = 0; i < na; i++) {
        size_t ua = xa->claims.items[i].unit;
        if (match[i] < 0) {
            if ((err = PUSH(&c.unmatched_a, ua)) < 0)
                goto done;
            continue;
        }
        used[match[i]] = 1;
        am_cmp_pair *p = AM_VEC_PUSH(&c.pairs);
        if (!p) {
            err = am_err_nomem();
            goto done;
        }
        p->a = (long)ua;
        p->b = (long)xb->claims.items[match[i]].unit;
        p->similarity = sim[i * nb + (size_t)match[i]];
        if ((err = fill_pair(p, a, b, threshold)) < 0)
            goto done;
    }
    for (size_t j = 0; j < nb; j++)
        if (!used[j] && (err = PUSH(&c.unmatched_b, xb->claims.items[j].unit)) < 0)
            goto done;
    *out = c;
    memset(&c, 0, sizeof c);
done:
    am_comparison_free(&c);
    free(sim);
    free(match);
    free(used);
    free(ta);
    free(tb);
    free(la);
    free(lb);
    return err;
}

/* ------------------------------------------------------------- text */

static void cell(am_strbuf *sb, const char *s, size_t width)
{
    size_t n = strlen(s);
    am_graph_excerpt(sb, s, n, width - 1);
    size_t shown = n > width - 1 ? width + 2 : n;
    /* pad by bytes shown; UTF-8 text may look a little narrower */
    for (size_t k = shown; k < width; k++)
        am_sb_putc(sb, ' ');
}

static void row(am_strbuf *sb, const char *label, const char *a, const char *b)
{
    am_sb_printf(sb, "  %-16s ", label);
    cell(sb, a, 30);
    am_sb_printf(sb, " ");
    am_graph_excerpt(sb, b, strlen(b), 60);
    am_sb_putc(sb, '\n');
}

static const char *accept_name(am_accept x)
{
    return x == AM_ACCEPT_ACCEPTED ? "accepted" : x == AM_ACCEPT_REJECTED ? "rejected"
                                                                           : "undecided";
}

static void describe(const am_map *map, long unit, const char *what, char *buf, size_t n)
{
    if (unit < 0) {
        snprintf(buf, n, "-");
        return;
    }
    const am_claim_analysis *c = claim_of(map, (size_t)unit);
    if (!strcmp(what, "claim"))
        snprintf(buf, n, "u%ld", unit + 1);
    else if (!strcmp(what, "chains"))
        snprintf(buf, n, c->chains_exact ? "%.0f" : "about %.6g", c->chains);
    else if (!strcmp(what, "depth"))
        snprintf(buf, n, "%zu", c->depth);
    else if (!strcmp(what, "breadth"))
        snprintf(buf, n, "%zu", c->breadth);
    else if (!strcmp(what, "evidence"))
        snprintf(buf, n, "%zu%s", c->evidence_count, c->truncated ? "+" : "");
    else if (!strcmp(what, "robustness"))
        snprintf(buf, n, c->robustness < 0 ? "-" : "%ld", c->robustness);
    else if (!strcmp(what, "acceptability"))
        snprintf(buf, n, "%s", accept_name(c->accept));
    else if (!strcmp(what, "types")) {
        static const char *names[] = {"unspecified", "testimony", "statistic", "event",
                                      "example", "report", "common ground"};
        size_t k = 0;
        buf[0] = '\0';
        for (int t = 1; t <= AM_GRAPH_NEVIDENCE; t++) {
            int tt = t % AM_GRAPH_NEVIDENCE; /* unspecified last */
            if (c->evidence_types[tt] && k < n)
                k += (size_t)snprintf(buf + k, n - k, "%s%s %zu", k ? ", " : "", names[tt],
                                      c->evidence_types[tt]);
        }
        if (!k)
            snprintf(buf, n, "none");
    } else if (!strcmp(what, "sources")) {
        size_t k = 0;
        buf[0] = '\0';
        for (size_t i = 0; i < c->sources.len && k < n; i++) {
            const am_source *s = &map->sources.items[c->sources.items[i]];
            k += (size_t)snprintf(buf + k, n - k, "%s%s", k ? ", " : "",
                                  s->name ? s->name : "?");
        }
        if (!k)
            snprintf(buf, n, "none");
    }
}

/* "u1 = u4, ..." across two articles; "u1, ..." in one (the same unit). */
static void list_pairs(am_strbuf *sb, const char *label, const am_pair *p, size_t n, char pre,
                       int same)
{
    am_sb_printf(sb, "  %-16s ", label);
    if (!n)
        am_sb_puts(sb, "none");
    for (size_t i = 0; i < n; i++) {
        am_sb_printf(sb, "%s%c%zu", i ? ", " : "", pre, p[i].a + 1);
        if (!same)
            am_sb_printf(sb, " = %c%zu", pre, p[i].b + 1);
    }
    am_sb_putc(sb, '\n');
}

static void list_ids(am_strbuf *sb, const char *label, const size_t *v, size_t n, char pre)
{
    am_sb_printf(sb, "  %-16s ", label);
    if (!n)
        am_sb_puts(sb, "none");
    for (size_t i = 0; i < n; i++)
        am_sb_printf(sb, "%s%c%zu", i ? ", " : "", pre, v[i] + 1);
    am_sb_putc(sb, '\n');
}

static int compare_text(char **out, const am_comparison *c)
{
    am_strbuf sb = {0};
    int same = c->a == c->b;
    const char *na = c->a->doc ? c->a->doc->name : "A", *nb = c->b->doc ? c->b->doc->name : "B";
    if (same) {
        am_sb_printf(&sb, "two claims of %s; support shared by identity\n", na);
    } else {
        am_sb_printf(&sb, "A: %s\nB: %s\n", na, nb);
        am_sb_printf(&sb, "claims aligned by TF-IDF cosine over word unigrams and bigrams, "
                          "greedy one-to-one, at least %.2f: %zu pair%s\n",
                     c->threshold, c->pairs.len, c->pairs.len == 1 ? "" : "s");
    }
    static const char *rows[][2] = {{"claim", "claim"}, {"chains", "chains"},
                                    {"depth", "depth"}, {"breadth", "breadth"},
                                    {"evidence", "evidence"}, {"evidence types", "types"},
                                    {"sources", "sources"}, {"robustness", "robustness"},
                                    {"acceptability", "acceptability"}};
    for (size_t i = 0; i < c->pairs.len; i++) {
        const am_cmp_pair *p = &c->pairs.items[i];
        if (same)
            am_sb_puts(&sb, "\n");
        else
            am_sb_printf(&sb, "\npair %zu (similarity %.2f)\n", i + 1, p->similarity);
        char ba[256], bb[256];
        am_sb_printf(&sb, "  %-16s %-30s %s\n", "", "A", "B");
        for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
            describe(c->a, p->a, rows[r][1], ba, sizeof ba);
            describe(c->b, p->b, rows[r][1], bb, sizeof bb);
            row(&sb, rows[r][0], ba, bb);
        }
        size_t len;
        const char *t = am_graph_unit_text(c->a, (size_t)p->a, &len);
        if (len) {
            am_sb_puts(&sb, "  A: ");
            am_graph_excerpt(&sb, t, len, 100);
            am_sb_putc(&sb, '\n');
        }
        t = am_graph_unit_text(c->b, (size_t)p->b, &len);
        if (len) {
            am_sb_puts(&sb, "  B: ");
            am_graph_excerpt(&sb, t, len, 100);
            am_sb_putc(&sb, '\n');
        }
        list_pairs(&sb, "shared support", p->shared_units.items, p->shared_units.len, 'u',
                   same);
        list_ids(&sb, "only in A", p->only_a.items, p->only_a.len, 'u');
        list_ids(&sb, "only in B", p->only_b.items, p->only_b.len, 'u');
        list_pairs(&sb, "shared sources", p->shared_sources.items, p->shared_sources.len, 'S',
                   same);
        list_ids(&sb, "sources only A", p->only_a_sources.items, p->only_a_sources.len, 'S');
        list_ids(&sb, "sources only B", p->only_b_sources.items, p->only_b_sources.len, 'S');
        if (p->truncated)
            am_sb_puts(&sb, "  note: a support search hit its bound; lists are partial\n");
    }
    if (!same) {
        am_sb_putc(&sb, '\n');
        list_ids(&sb, "unmatched in A", c->unmatched_a.items, c->unmatched_a.len, 'u');
        list_ids(&sb, "unmatched in B", c->unmatched_b.items, c->unmatched_b.len, 'u');
    }
    char *s = am_sb_take(&sb, NULL);
    if (!s)
        return am_err_nomem();
    *out = s;
    return 0;
}

static int emit(char **out, const am_comparison *c, int flags)
{
    if (flags & AM_OUT_JSON)
        return am_json_compare(out, c, flags & AM_JSON_COMPACT);
    return compare_text(out, c);
}

int am_map_compare_claims(char **out, const am_map *map, const char *claim_a,
                          const char *claim_b, int flags)
{
    if (!out || !map || !claim_a || !claim_b)
        return am_err(AM_EINVAL, "am_map_compare_claims: NULL argument");
    size_t ua, ub;
    int err;
    if ((err = am_graph_find_claim(map, claim_a, &ua)) < 0 ||
        (err = am_graph_find_claim(map, claim_b, &ub)) < 0)
        return err;
    am_comparison c;
    if ((err = am_graph_compare_claims(&c, map, ua, ub)) < 0)
        return err;
    err = emit(out, &c, flags);
    am_comparison_free(&c);
    return err;
}

int am_maps_compare(char **out, const am_map *a, const am_map *b, int flags)
{
    if (!out || !a || !b)
        return am_err(AM_EINVAL, "am_maps_compare: NULL argument");
    am_comparison c;
    int err = am_graph_compare_maps(&c, a, b, AM_COMPARE_THRESHOLD);
    if (err < 0)
        return err;
    err = emit(out, &c, flags);
    am_comparison_free(&c);
    return err;
}
