/*
 * structure.c - the trained models behind the stages, and the structure of
 * a short text decoded from them.
 *
 * Four classifiers look at a text: is this unit the central claim (cc),
 * which side is it on (ro: proponent or opponent), what does it do (fu:
 * central claim, support, attack), and does unit i attach to unit j (at).
 * They disagree with each other in places; the evidence graph (Peldszus &
 * Stede 2015) joins them: every possible edge i -> j of type t gets the
 * weighted mean of P(i is not the central claim), P(the roles of i and j
 * agree with t), P(i has function t) and P(i attaches to j), and the
 * maximum spanning tree over those scores is the one structure that fits
 * them best together.
 *
 * The models are read from models/weights/ when the models folder is
 * loaded (am_model_load), so a missing or broken file is reported once, at
 * start, with its name and line.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/error.h"
#include "argue.h"

static void weights_free(void *p)
{
    am_weights *w = p;
    if (!w)
        return;
    am_linear_free(&w->cc);
    am_linear_free(&w->ro);
    am_linear_free(&w->fu);
    am_linear_free(&w->at);
    am_linear_free(&w->ev);
    am_flex_free(w->flex);
    free(w);
}

void am_argue_lend_weights(am_model *copy, const am_model *base, am_weights *w)
{
    *copy = *base;
    copy->weights = w;
    copy->weights_free = w ? weights_free : NULL;
}

const am_weights *am_argue_weights(const am_model *m)
{
    return m && m->weights_free == weights_free ? m->weights : NULL;
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* decode.txt: "cc 1\nro 1\nfu 1\nat 1" - the weighting of the four levels */
static int load_decode(am_weights *w, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return am_err(AM_EIO, "%s: cannot open: %s", path, strerror(errno));
    char name[16];
    double v;
    size_t line = 0;
    int err = 0;
    while (fscanf(f, "%15s %lf", name, &v) == 2) {
        line++;
        int k = !strcmp(name, "cc") ? 0 : !strcmp(name, "ro") ? 1 : !strcmp(name, "fu") ? 2
              : !strcmp(name, "at") ? 3 : -1;
        if (k < 0 || v < 0) {
            err = am_err(AM_EPARSE, "%s:%zu: expected 'cc|ro|fu|at WEIGHT'", path, line);
            break;
        }
        w->weight[k] = v;
    }
    fclose(f);
    return err;
}

int am_argue_weights_load(am_model *m)
{
    char path[4096];
    int err = 0;
    am_weights *w = calloc(1, sizeof *w);
    if (!w)
        return am_err_nomem();
    for (int k = 0; k < 4; k++)
        w->weight[k] = 1.0;
    /* the feature context's tables, with or without trained models */
    if ((err = am_flex_build(&w->flex, m)) < 0)
        goto done;
    snprintf(path, sizeof path, "%s/weights", m->dir);
    if (!exists(path))
        goto install; /* no trained models: the stages use their rules */
    struct {
        const char *name;
        am_linear *lin;
    } files[] = {{"cc", &w->cc}, {"ro", &w->ro}, {"fu", &w->fu}, {"at", &w->at}, {"ev", &w->ev}};
    int found[5] = {0};
    for (size_t i = 0; i < 5; i++) {
        snprintf(path, sizeof path, "%s/weights/%s.model", m->dir, files[i].name);
        if (!exists(path))
            continue;
        if ((err = am_linear_load(files[i].lin, path)) < 0)
            goto done;
        found[i] = 1;
    }
    w->has_structure = found[0] && found[1] && found[2] && found[3];
    w->has_ev = found[4];
    snprintf(path, sizeof path, "%s/weights/decode.txt", m->dir);
    if (exists(path) && (err = load_decode(w, path)) < 0)
        goto done;
install:
    if (m->weights && m->weights_free)
        m->weights_free(m->weights);
    m->weights = w;
    m->weights_free = weights_free;
    w = NULL;
done:
    weights_free(w);
    return err;
}

void am_structure_free(am_structure *s)
{
    if (!s)
        return;
    free(s->head);
    free(s->fu);
    free(s->ro);
    free(s->conf);
    memset(s, 0, sizeof *s);
}

void am_structure_roles(size_t n, const long *head, const int *fu, int *ro)
{
    /* walk up to the root; the number of attacks on the way gives the side */
    for (size_t i = 0; i < n; i++) {
        int flips = 0;
        size_t steps = 0;
        long v = (long)i;
        while (v >= 0 && head[v] >= 0 && steps++ <= n) {
            flips ^= fu[v] == 2;
            v = head[v];
        }
        ro[i] = flips;
    }
}

static int col(const am_linear *m, int label)
{
    for (int c = 0; c < m->nclass; c++)
        if (m->labels[c] == label)
            return c;
    return 0;
}

int am_structure_predict(const am_weights *w, const am_fctx *c, const double weight[4],
                         am_structure *out)
{
    size_t n = c->n;
    int err = 0;
    memset(out, 0, sizeof *out);
    if (!n)
        return 0;
    double *pcc = calloc(n, sizeof *pcc), *popp = calloc(n, sizeof *popp);
    double *pfu = calloc(n * 3, sizeof *pfu), *pat = calloc(n * n, sizeof *pat);
    double *s = calloc(n * n, sizeof *s), *root = calloc(n, sizeof *root);
    int *type = calloc(n * n, sizeof *type);
    am_fvec x = {0};
    am_hits hits = {0};
    out->head = calloc(n, sizeof *out->head);
    out->fu = calloc(n, sizeof *out->fu);
    out->ro = calloc(n, sizeof *out->ro);
    out->conf = calloc(n, sizeof *out->conf);
    if (!pcc || !popp || !pfu || !pat || !s || !root || !type || !out->head || !out->fu ||
        !out->ro || !out->conf) {
        err = am_err_nomem();
        goto done;
    }
    double p[8];
    for (size_t i = 0; i < n; i++) {
        x.f.len = 0;
        if ((err = am_feat_unit(c, i, &x)) < 0)
            goto done;
        am_linear_predict(&w->cc, &x, p);
        pcc[i] = p[col(&w->cc, 1)];
        am_linear_predict(&w->ro, &x, p);
        popp[i] = p[col(&w->ro, 1)];
        am_linear_predict(&w->fu, &x, p);
        for (int k = 0; k < 3; k++)
            pfu[i * 3 + (size_t)k] = p[col(&w->fu, k)];
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            if (i == j)
                continue;
            x.f.len = 0; /* unsorted: the prediction sorts what it finds */
            if ((err = am_feat_pair_raw(c, i, j, &x)) < 0 ||
                (err = am_linear_predict_raw(&w->at, &x, p, &hits)) < 0)
                goto done;
            pat[i * n + j] = p[col(&w->at, 1)];
        }
    double wsum = weight[0] + weight[1] + weight[2] + weight[3];
    if (wsum <= 0)
        wsum = 1;
    for (size_t i = 0; i < n; i++) {
        root[i] = 0; /* as in the evidence graph: the root is what is left over */
        for (size_t j = 0; j < n; j++) {
            if (i == j)
                continue;
            double same = (1 - popp[i]) * (1 - popp[j]) + popp[i] * popp[j];
            double best = -1;
            int bt = 1;
            for (int t = 1; t <= 2; t++) {
                double ro = t == 2 ? 1 - same : same;
                double v = (weight[0] * (1 - pcc[i]) + weight[1] * ro +
                            weight[2] * pfu[i * 3 + (size_t)t] + weight[3] * pat[i * n + j]) / wsum;
                if (v > best) {
                    best = v;
                    bt = t;
                }
            }
            s[i * n + j] = best;
            type[i * n + j] = bt;
        }
    }
    if ((err = am_mst_decode(n, s, root, out->head)) < 0)
        goto done;
    for (size_t i = 0; i < n; i++) {
        long h = out->head[i];
        out->fu[i] = h < 0 ? 0 : type[i * n + (size_t)h];
        out->conf[i] = h < 0 ? pcc[i] : s[i * n + (size_t)h];
    }
    am_structure_roles(n, out->head, out->fu, out->ro);
done:
    am_fvec_free(&x);
    AM_VEC_FREE(&hits);
    free(pcc);
    free(popp);
    free(pfu);
    free(pat);
    free(s);
    free(root);
    free(type);
    if (err < 0)
        am_structure_free(out);
    return err;
}
