/*
 * train.c - training the argument models and scoring them by
 * cross-validation (`argmap train`).
 *
 * Structure (microtexts): four logistic regressions - central claim, role,
 * function over units, attachment over ordered unit pairs - decoded
 * jointly as a maximum spanning tree (structure.c). Scores follow the
 * evidencegraph protocol: per test fold, the units (and unit pairs) of all
 * its texts are pooled and a macro F1 computed for each level; the table
 * gives the mean over the folds, beside the trivial baseline (the first
 * unit is the central claim, every other unit supports the one before).
 *
 * Evidence classes (editorials): one multi-class logistic regression over
 * unit features, folds by whole text so no editorial is in both training
 * and test.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "train.h"

void am_train_data_free(am_train_data *td)
{
    if (!td || !td->items)
        return;
    for (size_t i = 0; i < td->n; i++) {
        am_train_item *it = &td->items[i];
        size_t n = it->ctx.n;
        if (it->ux)
            for (size_t k = 0; k < n; k++)
                am_fvec_free(&it->ux[k]);
        if (it->px)
            for (size_t k = 0; k < n * n; k++)
                am_fvec_free(&it->px[k]);
        free(it->ux);
        free(it->px);
        am_fctx_free(&it->ctx);
        am_map_free(it->map);
        am_document_free(it->doc);
    }
    free(td->items);
    td->items = NULL;
    td->n = 0;
}

int am_train_data_init(am_train_data *td, const am_model *model, const am_trainset *ts,
                       int pairs)
{
    int err = 0;
    memset(td, 0, sizeof *td);
    if (!(td->items = calloc(ts->docs.len ? ts->docs.len : 1, sizeof *td->items)))
        return am_err_nomem();
    td->n = ts->docs.len;
    am_load_options lo;
    am_load_options_init(&lo);
    lo.format = AM_FORMAT_TEXT;
    for (size_t d = 0; d < ts->docs.len; d++) {
        const am_train_doc *g = &ts->docs.items[d];
        am_train_item *it = &td->items[d];
        it->gold = g;
        if ((err = am_document_load_memory(&it->doc, g->id, g->text, strlen(g->text), &lo)) < 0)
            goto done;
        am_analyze_options ao;
        am_analyze_options_init(&ao);
        ao.units = (const char *const *)g->units;
        ao.units_count = g->n;
        if ((err = am_argue_prepare(&it->map, it->doc, model, &ao)) < 0)
            goto done;
        if ((err = am_fctx_init(&it->ctx, it->map)) < 0)
            goto done;
        size_t n = it->ctx.n;
        if (!(it->ux = calloc(n, sizeof *it->ux))) {
            err = am_err_nomem();
            goto done;
        }
        for (size_t i = 0; i < n; i++)
            if ((err = am_feat_unit(&it->ctx, i, &it->ux[i])) < 0)
                goto done;
        if (pairs) {
            if (n > AM_TRAIN_MAX_PAIR_UNITS) {
                err = am_err(AM_ELIMIT, "%s: %zu units; structure training takes texts of at "
                             "most %d units (every pair is an example)", g->id, n,
                             AM_TRAIN_MAX_PAIR_UNITS);
                goto done;
            }
            if (!(it->px = calloc(n * n, sizeof *it->px))) {
                err = am_err_nomem();
                goto done;
            }
            for (size_t i = 0; i < n; i++)
                for (size_t j = 0; j < n; j++)
                    if (i != j && (err = am_feat_pair(&it->ctx, i, j, &it->px[i * n + j])) < 0)
                        goto done;
        }
    }
done:
    if (err < 0)
        am_train_data_free(td);
    return err;
}

/* Gathered examples for one model. */
typedef struct {
    AM_VEC(am_fvec) x; /* shallow copies: the vectors belong to the items */
    AM_VEC(int) y;
} examples;

static int push_ex(examples *e, const am_fvec *x, int y)
{
    am_fvec *px = AM_VEC_PUSH(&e->x);
    int *py = px ? AM_VEC_PUSH(&e->y) : NULL;
    if (!py)
        return am_err_nomem();
    *px = *x;
    *py = y;
    return 0;
}

static void ex_free(examples *e)
{
    AM_VEC_FREE(&e->x);
    AM_VEC_FREE(&e->y);
}

int am_train_structure(am_weights *w, const am_train_data *td, const size_t *use, size_t nuse,
                       double C)
{
    int err = 0;
    examples cc = {0}, ro = {0}, fu = {0}, at = {0};
    int *roles = NULL;
    memset(w, 0, sizeof *w);
    for (size_t u = 0; u < nuse; u++) {
        const am_train_item *it = &td->items[use[u]];
        const am_train_doc *g = it->gold;
        size_t n = it->ctx.n;
        if (!g->head || !it->px)
            return am_err(AM_EINVAL, "%s: no structure to train on", g->id);
        free(roles);
        if (!(roles = malloc(n * sizeof *roles))) {
            err = am_err_nomem();
            goto done;
        }
        am_structure_roles(n, g->head, g->fu, roles);
        for (size_t i = 0; i < n; i++) {
            if ((err = push_ex(&cc, &it->ux[i], g->head[i] < 0)) < 0 ||
                (err = push_ex(&ro, &it->ux[i], roles[i])) < 0 ||
                (err = push_ex(&fu, &it->ux[i], g->fu[i])) < 0)
                goto done;
            for (size_t j = 0; j < n; j++)
                if (i != j && (err = push_ex(&at, &it->px[i * n + j], g->head[i] == (long)j)) < 0)
                    goto done;
        }
    }
    static const int bin[2] = {1, 0}, three[3] = {0, 1, 2}, roc[2] = {0, 1};
    if ((err = am_linear_train(&w->cc, "cc", cc.x.items, cc.y.items, cc.x.len, 2, bin, C, 1)) < 0 ||
        (err = am_linear_train(&w->ro, "ro", ro.x.items, ro.y.items, ro.x.len, 2, roc, C, 1)) < 0 ||
        (err = am_linear_train(&w->fu, "fu", fu.x.items, fu.y.items, fu.x.len, 3, three, C, 1)) < 0 ||
        (err = am_linear_train(&w->at, "at", at.x.items, at.y.items, at.x.len, 2, bin, C, 1)) < 0)
        goto done;
    w->has_structure = 1;
    for (int k = 0; k < 4; k++)
        w->weight[k] = 1.0;
done:
    free(roles);
    ex_free(&cc);
    ex_free(&ro);
    ex_free(&fu);
    ex_free(&at);
    if (err < 0) {
        am_linear_free(&w->cc);
        am_linear_free(&w->ro);
        am_linear_free(&w->fu);
        am_linear_free(&w->at);
    }
    return err;
}

int am_train_ev(am_linear *ev, const am_train_data *td, const size_t *use, size_t nuse, double C)
{
    examples e = {0};
    int err = 0;
    for (size_t u = 0; u < nuse; u++) {
        const am_train_item *it = &td->items[use[u]];
        if (!it->gold->ev)
            return am_err(AM_EINVAL, "%s: no evidence classes to train on", it->gold->id);
        for (size_t i = 0; i < it->ctx.n; i++)
            if ((err = push_ex(&e, &it->ux[i], it->gold->ev[i])) < 0)
                goto done;
    }
    int labels[AM_EV_CLASSES];
    for (int k = 0; k < AM_EV_CLASSES; k++)
        labels[k] = k;
    err = am_linear_train(ev, "ev", e.x.items, e.y.items, e.x.len, AM_EV_CLASSES, labels, C, 1);
done:
    ex_free(&e);
    return err;
}

double am_class_f1(const int *gold, const int *pred, size_t n, int cls)
{
    size_t tp = 0, fp = 0, fn = 0;
    for (size_t i = 0; i < n; i++) {
        tp += gold[i] == cls && pred[i] == cls;
        fp += gold[i] != cls && pred[i] == cls;
        fn += gold[i] == cls && pred[i] != cls;
    }
    return tp ? 2.0 * (double)tp / (double)(2 * tp + fp + fn) : 0.0;
}

double am_macro_f1(const int *gold, const int *pred, size_t n, int K)
{
    double sum = 0;
    int present = 0;
    for (int c = 0; c < K; c++) {
        int any = 0;
        for (size_t i = 0; i < n && !any; i++)
            any = gold[i] == c || pred[i] == c;
        if (!any)
            continue;
        present++;
        sum += am_class_f1(gold, pred, n, c);
    }
    return present ? sum / present : 0.0;
}

/* Level vectors of one fold: cc, ro, fu (units), at (ordered pairs). */
typedef struct {
    AM_VEC(int) g[4];
    AM_VEC(int) p[4];
} levels;

static int lv_push(levels *l, int k, int g, int p)
{
    int *a = AM_VEC_PUSH(&l->g[k]);
    int *b = a ? AM_VEC_PUSH(&l->p[k]) : NULL;
    if (!b)
        return am_err_nomem();
    *a = g;
    *b = p;
    return 0;
}

static void lv_free(levels *l)
{
    for (int k = 0; k < 4; k++) {
        AM_VEC_FREE(&l->g[k]);
        AM_VEC_FREE(&l->p[k]);
    }
}

static int lv_add(levels *l, size_t n, const long *gh, const int *gf, const long *ph,
                  const int *pf)
{
    int err = 0;
    int *gr = malloc(n * sizeof *gr), *pr = malloc(n * sizeof *pr);
    if (!gr || !pr) {
        err = am_err_nomem();
        goto done;
    }
    am_structure_roles(n, gh, gf, gr);
    am_structure_roles(n, ph, pf, pr);
    for (size_t i = 0; i < n && !err; i++) {
        if ((err = lv_push(l, 0, gh[i] < 0, ph[i] < 0)) < 0 ||
            (err = lv_push(l, 1, gr[i], pr[i])) < 0 || (err = lv_push(l, 2, gf[i], pf[i])) < 0)
            break;
        for (size_t j = 0; j < n && !err; j++)
            if (i != j)
                err = lv_push(l, 3, gh[i] == (long)j, ph[i] == (long)j);
    }
done:
    free(gr);
    free(pr);
    return err;
}

static const int level_classes[4] = {2, 2, 3, 2};

/* The tree the article rules (relate.c) give a text, with the central-claim
 * model cc (or none) choosing the major claim as it does in an article:
 * each unit's one outgoing relation, an undercut counted as an attack on
 * the source of the relation it attacks, anything left over (or caught in
 * a cycle) attached to the major claim as support. */
static int rules_tree(am_train_item *it, am_weights *cc, long *head, int *fu)
{
    am_map *map = it->map;
    size_t n = map->units.len;
    am_model bare;
    am_argue_lend_weights(&bare, map->model, cc);
    const am_model *keep = map->model;
    map->model = &bare;
    for (size_t i = 0; i < map->relations.len; i++)
        free(map->relations.items[i].marker);
    map->relations.len = 0;
    map->disconnected.len = 0;
    map->major = -1;
    am_analyze_options ao;
    am_analyze_options_init(&ao);
    int err = am_stage_classify(map, &ao);
    if (err == 0)
        err = am_stage_relate(map, &ao);
    map->model = keep;
    if (err < 0)
        return err;
    for (size_t i = 0; i < n; i++) {
        head[i] = -1;
        fu[i] = 1;
    }
    for (size_t k = 0; k < map->relations.len; k++) {
        const am_relation *r = &map->relations.items[k];
        if (r->from.kind != AM_NODE_UNIT)
            continue;
        long to = -1;
        if (r->to.kind == AM_NODE_UNIT)
            to = (long)r->to.index;
        else if (r->to.kind == AM_NODE_RELATION && r->to.index < map->relations.len &&
                 map->relations.items[r->to.index].from.kind == AM_NODE_UNIT)
            to = (long)map->relations.items[r->to.index].from.index;
        if (to < 0 || head[r->from.index] >= 0)
            continue;
        head[r->from.index] = to;
        fu[r->from.index] = r->type == AM_REL_SUPPORT ? 1 : 2;
    }
    long root = map->major >= 0 ? map->major : 0;
    head[root] = -1;
    for (size_t i = 0; i < n; i++) {
        long v = (long)i;
        size_t steps = 0;
        while (v >= 0 && head[v] >= 0 && steps++ <= n)
            v = head[v];
        if ((long)i != root && (head[i] < 0 || v != root)) { /* unattached, or in a cycle */
            head[i] = root;
            fu[i] = 1;
        }
    }
    fu[root] = 0;
    return 0;
}

int am_eval_structure(am_strbuf *out, const am_train_data *td, const am_folds *folds, double C,
                      const double weight[4])
{
    int err = 0;
    size_t *train = malloc((td->n ? td->n : 1) * sizeof *train);
    char *in_test = calloc(td->n ? td->n : 1, 1);
    double sum[3][4] = {{0}};
    size_t nf = 0;
    long **rh = calloc(td->n ? td->n : 1, sizeof *rh);
    int **rf = calloc(td->n ? td->n : 1, sizeof *rf);
    if (!train || !in_test || !rh || !rf) {
        err = am_err_nomem();
        goto done;
    }
    for (size_t d = 0; d < td->n; d++) {
        size_t n = td->items[d].ctx.n;
        if (!(rh[d] = malloc(n * sizeof **rh)) || !(rf[d] = malloc(n * sizeof **rf))) {
            err = am_err_nomem();
            goto done;
        }
    }
    for (size_t f = 0; f < folds->folds.len; f++) {
        memset(in_test, 0, td->n);
        size_t ntest = 0;
        for (char **id = folds->folds.items[f]; *id; id++) {
            size_t d;
            for (d = 0; d < td->n; d++)
                if (!strcmp(td->items[d].gold->id, *id))
                    break;
            if (d == td->n) {
                err = am_err(AM_ENOTFOUND, "fold %zu: text %s is not in the training data",
                             f + 1, *id);
                goto done;
            }
            in_test[d] = 1;
            ntest++;
        }
        size_t ntrain = 0;
        for (size_t d = 0; d < td->n; d++)
            if (!in_test[d])
                train[ntrain++] = d;
        am_weights w;
        if ((err = am_train_structure(&w, td, train, ntrain, C)) < 0)
            goto done;
        levels model = {0}, base = {0}, rules = {0};
        /* the article path: this fold's central-claim model, the relate rules */
        am_weights ccw;
        memset(&ccw, 0, sizeof ccw);
        ccw.cc = w.cc;
        for (size_t d = 0; d < td->n && !err; d++)
            if (in_test[d])
                err = rules_tree(&td->items[d], &ccw, rh[d], rf[d]);
        for (size_t d = 0; d < td->n && !err; d++) {
            if (!in_test[d])
                continue;
            const am_train_item *it = &td->items[d];
            size_t n = it->ctx.n;
            am_structure s;
            if ((err = am_structure_predict(&w, &it->ctx, weight, &s)) < 0)
                break;
            err = lv_add(&model, n, it->gold->head, it->gold->fu, s.head, s.fu);
            am_structure_free(&s);
            if (err < 0)
                break;
            long *bh = malloc(n * sizeof *bh);
            int *bf = malloc(n * sizeof *bf);
            if (!bh || !bf) {
                free(bh);
                free(bf);
                err = am_err_nomem();
                break;
            }
            for (size_t i = 0; i < n; i++) {
                bh[i] = (long)i - 1;
                bf[i] = i ? 1 : 0;
            }
            err = lv_add(&base, n, it->gold->head, it->gold->fu, bh, bf);
            free(bh);
            free(bf);
            if (!err)
                err = lv_add(&rules, n, it->gold->head, it->gold->fu, rh[d], rf[d]);
        }
        for (int k = 0; k < 4 && !err; k++) {
            sum[0][k] += am_macro_f1(model.g[k].items, model.p[k].items, model.g[k].len,
                                     level_classes[k]);
            sum[1][k] += am_macro_f1(base.g[k].items, base.p[k].items, base.g[k].len,
                                     level_classes[k]);
            sum[2][k] += am_macro_f1(rules.g[k].items, rules.p[k].items, rules.g[k].len,
                                     level_classes[k]);
        }
        lv_free(&model);
        lv_free(&base);
        lv_free(&rules);
        am_linear_free(&w.cc);
        am_linear_free(&w.ro);
        am_linear_free(&w.fu);
        am_linear_free(&w.at);
        if (err < 0)
            goto done;
        nf++;
    }
    if (!nf) {
        err = am_err(AM_EINVAL, "no folds");
        goto done;
    }
    static const char *const names[4] = {"cc", "ro", "fu", "at"};
    am_sb_printf(out, "level  argmap  baseline  article (macro F1, mean over %zu folds; %zu texts)\n",
                 nf, td->n);
    for (int k = 0; k < 4; k++)
        am_sb_printf(out, "%-5s  %.3f   %.3f     %.3f\n", names[k], sum[0][k] / (double)nf,
                     sum[1][k] / (double)nf, sum[2][k] / (double)nf);
done:
    for (size_t d = 0; rh && rf && d < td->n; d++) {
        free(rh[d]);
        free(rf[d]);
    }
    free(rh);
    free(rf);
    free(train);
    free(in_test);
    return err;
}

/* The editorial class of a classified unit: anecdote covers events,
 * examples and reports; a claim is an assumption. */
static int ev_class_of(const am_unit *u)
{
    if (u->kind == AM_UNIT_NONE)
        return 5;
    if (u->kind == AM_UNIT_CLAIM)
        return 0;
    switch (u->evidence) {
    case AM_EV_TESTIMONY: return 2;
    case AM_EV_STATISTIC: return 3;
    case AM_EV_COMMON_GROUND: return 4;
    default: return 1;
    }
}

int am_eval_ev(am_strbuf *out, const am_train_data *td, size_t k, double C)
{
    int err = 0;
    size_t total = 0;
    for (size_t d = 0; d < td->n; d++)
        total += td->items[d].ctx.n;
    size_t *train = malloc((td->n ? td->n : 1) * sizeof *train);
    int *gold = malloc((total ? total : 1) * sizeof *gold);
    int *pred = malloc((total ? total : 1) * sizeof *pred);
    int *rules = NULL;
    size_t m = 0;
    if (!train || !gold || !pred) {
        err = am_err_nomem();
        goto done;
    }
    if (k < 2 || k > td->n) {
        err = am_err(AM_EINVAL, "--kfold %zu: needs 2 to %zu folds", k, td->n);
        goto done;
    }
    for (size_t f = 0; f < k; f++) {
        size_t ntrain = 0;
        for (size_t d = 0; d < td->n; d++)
            if (d % k != f)
                train[ntrain++] = d;
        am_linear ev;
        if ((err = am_train_ev(&ev, td, train, ntrain, C)) < 0)
            goto done;
        for (size_t d = f; d < td->n; d += k) {
            const am_train_item *it = &td->items[d];
            for (size_t i = 0; i < it->ctx.n; i++) {
                double p[8];
                am_linear_predict(&ev, &it->ux[i], p);
                int best = 0;
                for (int c = 1; c < ev.nclass; c++)
                    if (p[c] > p[best])
                        best = c;
                gold[m] = it->gold->ev[i];
                pred[m++] = ev.labels[best];
            }
        }
        am_linear_free(&ev);
    }
    /* the rules alone (what `argmap analyze` does without an ev model) */
    if (!(rules = malloc((total ? total : 1) * sizeof *rules))) {
        err = am_err_nomem();
        goto done;
    }
    size_t r = 0;
    for (size_t f = 0; f < k; f++)
        for (size_t d = f; d < td->n; d += k) {
            am_map *map = td->items[d].map;
            am_analyze_options ao;
            am_analyze_options_init(&ao);
            /* the lexicons without any trained weights: rules only */
            am_model bare = *map->model;
            bare.weights = NULL;
            bare.weights_free = NULL;
            const am_model *keep = map->model;
            map->model = &bare;
            err = am_stage_classify(map, &ao);
            map->model = keep;
            if (err < 0)
                goto done;
            for (size_t i = 0; i < map->units.len; i++)
                rules[r++] = ev_class_of(&map->units.items[i]);
        }
    am_sb_printf(out, "class          model  rules  (%zu-fold by editorial, %zu editorials, "
                 "%zu units; F1)\n", k, td->n, m);
    static const int order[] = {2, 3, 1, 0, 4, 5};
    double macro4 = 0, rmacro4 = 0;
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        double f1 = am_class_f1(gold, pred, m, order[i]);
        double rf1 = am_class_f1(gold, rules, m, order[i]);
        if (i < 4) {
            macro4 += f1;
            rmacro4 += rf1;
        }
        am_sb_printf(out, "%-14s %.3f  %.3f\n", am_ev_class_names[order[i]], f1, rf1);
    }
    am_sb_printf(out, "macro-4        %.3f  %.3f  (testimony, statistics, anecdote, assumption)\n",
                 macro4 / 4, rmacro4 / 4);
    am_sb_printf(out, "macro-all      %.3f  %.3f  (all %d classes)\n",
                 am_macro_f1(gold, pred, m, AM_EV_CLASSES),
                 am_macro_f1(gold, rules, m, AM_EV_CLASSES), AM_EV_CLASSES);
done:
    free(train);
    free(gold);
    free(pred);
    free(rules);
    return err;
}

int am_weights_save_structure(const am_weights *w, const char *dir)
{
    char path[4096];
    int err;
    const am_linear *ms[4] = {&w->cc, &w->ro, &w->fu, &w->at};
    for (int k = 0; k < 4; k++) {
        if (!ms[k]->nclass)
            continue;
        snprintf(path, sizeof path, "%s/%s.model", dir, ms[k]->name);
        if ((err = am_linear_save(ms[k], path)) < 0)
            return err;
    }
    if (w->has_structure) {
        snprintf(path, sizeof path, "%s/decode.txt", dir);
        FILE *f = fopen(path, "w");
        if (!f)
            return am_err(AM_EIO, "%s: cannot write", path);
        fprintf(f, "cc %.6g\nro %.6g\nfu %.6g\nat %.6g\n", w->weight[0], w->weight[1],
                w->weight[2], w->weight[3]);
        if (fclose(f) != 0)
            return am_err(AM_EIO, "%s: write error", path);
    }
    if (w->has_ev) {
        snprintf(path, sizeof path, "%s/ev.model", dir);
        if ((err = am_linear_save(&w->ev, path)) < 0)
            return err;
    }
    return 0;
}
