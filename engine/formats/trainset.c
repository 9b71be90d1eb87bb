/*
 * trainset.c - reading training texts (JSON Lines) and fold lists (JSON)
 * for `argmap train`.
 *
 * Bad input is reported with the file and line; cJSON accepts duplicate
 * keys and any case, so members are checked here by exact name.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "../core/error.h"
#include "../text/utf8.h"
#include "trainset.h"

const char *const am_ev_class_names[AM_EV_CLASSES] = {
    "assumption", "anecdote", "testimony", "statistics", "common-ground", "other"};

static cJSON *member(const cJSON *o, const char *name)
{
    for (cJSON *c = o->child; c; c = c->next)
        if (c->string && !strcmp(c->string, name))
            return c;
    return NULL;
}

static void doc_free(am_train_doc *d)
{
    free(d->id);
    free(d->text);
    for (size_t i = 0; i < d->n; i++)
        free(d->units[i]);
    free(d->units);
    free(d->head);
    free(d->fu);
    free(d->ev);
}

void am_trainset_free(am_trainset *ts)
{
    if (!ts)
        return;
    for (size_t i = 0; i < ts->docs.len; i++)
        doc_free(&ts->docs.items[i]);
    AM_VEC_FREE(&ts->docs);
}

static int parse_doc(am_train_doc *d, const cJSON *o, const char *path, size_t line,
                     size_t max_units)
{
#define BAD(...) do { return am_err(AM_EPARSE, __VA_ARGS__); } while (0)
    const cJSON *id = member(o, "id"), *text = member(o, "text"), *units = member(o, "units");
    if (!cJSON_IsString(id) || !cJSON_IsString(text) || !cJSON_IsArray(units))
        BAD("%s:%zu: needs \"id\", \"text\" (strings) and \"units\" (an array)", path, line);
    if (!(d->id = strdup(id->valuestring)) || !(d->text = strdup(text->valuestring)))
        return am_err_nomem();
    size_t n = (size_t)cJSON_GetArraySize(units);
    if (n == 0 || n > max_units)
        return am_err(AM_ELIMIT, "%s:%zu: %zu units (1 to %zu allowed)", path, line, n, max_units);
    if (!(d->units = calloc(n, sizeof *d->units)))
        return am_err_nomem();
    for (const cJSON *u = units->child; u; u = u->next) {
        if (!cJSON_IsString(u))
            BAD("%s:%zu: unit %zu is not a string", path, line, d->n + 1);
        if (!(d->units[d->n++] = strdup(u->valuestring)))
            return am_err_nomem();
    }
    const cJSON *head = member(o, "head"), *fu = member(o, "fu"), *ev = member(o, "ev");
    if (head) {
        if (!cJSON_IsArray(head) || (size_t)cJSON_GetArraySize(head) != n || !cJSON_IsArray(fu) ||
            (size_t)cJSON_GetArraySize(fu) != n)
            BAD("%s:%zu: \"head\" and \"fu\" need one entry per unit", path, line);
        d->head = calloc(n, sizeof *d->head);
        d->fu = calloc(n, sizeof *d->fu);
        if (!d->head || !d->fu)
            return am_err_nomem();
        size_t i = 0, roots = 0;
        for (const cJSON *h = head->child; h; h = h->next, i++) {
            if (!cJSON_IsNumber(h) || h->valuedouble < -1 || h->valuedouble >= (double)n ||
                h->valuedouble == (double)i)
                BAD("%s:%zu: head %zu is not -1 or another unit's index", path, line, i);
            d->head[i] = (long)h->valuedouble;
            roots += d->head[i] < 0;
        }
        if (roots != 1)
            BAD("%s:%zu: %zu roots, expected 1", path, line, roots);
        i = 0;
        for (const cJSON *f = fu->child; f; f = f->next, i++) {
            const char *s = cJSON_IsString(f) ? f->valuestring : "";
            d->fu[i] = !strcmp(s, "cc") ? 0 : !strcmp(s, "sup") ? 1 : !strcmp(s, "att") ? 2 : -1;
            if (d->fu[i] < 0 || (d->fu[i] == 0) != (d->head[i] < 0))
                BAD("%s:%zu: fu %zu must be cc (for the root), sup or att", path, line, i);
        }
    }
    if (ev) {
        if (!cJSON_IsArray(ev) || (size_t)cJSON_GetArraySize(ev) != n)
            BAD("%s:%zu: \"ev\" needs one entry per unit", path, line);
        if (!(d->ev = calloc(n, sizeof *d->ev)))
            return am_err_nomem();
        size_t i = 0;
        for (const cJSON *e = ev->child; e; e = e->next, i++) {
            d->ev[i] = -1;
            for (int k = 0; k < AM_EV_CLASSES; k++)
                if (cJSON_IsString(e) && !strcmp(e->valuestring, am_ev_class_names[k]))
                    d->ev[i] = k;
            if (d->ev[i] < 0)
                BAD("%s:%zu: ev %zu is not a known class", path, line, i);
        }
    }
    return 0;
#undef BAD
}

int am_trainset_load(am_trainset *ts, const char *path, size_t max_docs, size_t max_units)
{
    memset(ts, 0, sizeof *ts);
    FILE *f = fopen(path, "r");
    if (!f)
        return am_err(AM_EIO, "%s: cannot open: %s", path, strerror(errno));
    char *line = NULL;
    size_t cap = 0, lineno = 0, bad;
    ssize_t len;
    int err = 0;
    while ((len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        size_t k = 0;
        while (k < (size_t)len && (line[k] == ' ' || line[k] == '\n' || line[k] == '\r'))
            k++;
        if (k == (size_t)len)
            continue;
        if (!am_utf8_valid(line, (size_t)len, &bad)) {
            err = am_err(AM_EPARSE, "%s:%zu: invalid UTF-8", path, lineno);
            break;
        }
        if (ts->docs.len >= max_docs) {
            err = am_err(AM_ELIMIT, "%s: more than %zu texts", path, max_docs);
            break;
        }
        cJSON *o = cJSON_ParseWithLength(line, (size_t)len);
        if (!o || !cJSON_IsObject(o)) {
            cJSON_Delete(o);
            err = am_err(AM_EPARSE, "%s:%zu: not a JSON object", path, lineno);
            break;
        }
        am_train_doc *d = AM_VEC_PUSH(&ts->docs);
        if (!d) {
            cJSON_Delete(o);
            err = am_err_nomem();
            break;
        }
        err = parse_doc(d, o, path, lineno, max_units);
        cJSON_Delete(o);
        if (err < 0)
            break;
    }
    free(line);
    fclose(f);
    if (err < 0)
        am_trainset_free(ts);
    return err;
}

void am_folds_free(am_folds *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->folds.len; i++) {
        for (char **p = f->folds.items[i]; p && *p; p++)
            free(*p);
        free(f->folds.items[i]);
    }
    AM_VEC_FREE(&f->folds);
}

int am_folds_load(am_folds *fo, const char *path)
{
    memset(fo, 0, sizeof *fo);
    int err = 0;
    char *buf = NULL;
    cJSON *root = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return am_err(AM_EIO, "%s: cannot open: %s", path, strerror(errno));
    size_t cap = 0, len = 0;
    for (;;) {
        if (len + 4096 > cap) {
            cap = cap ? cap * 2 : 65536;
            if (cap > ((size_t)16 << 20)) {
                err = am_err(AM_ELIMIT, "%s: larger than 16 MiB", path);
                goto done;
            }
            char *nb = realloc(buf, cap);
            if (!nb) {
                err = am_err_nomem();
                goto done;
            }
            buf = nb;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    root = cJSON_ParseWithLength(buf, len);
    const cJSON *tf = root ? member(root, "test_folds") : NULL;
    if (!cJSON_IsArray(tf)) {
        err = am_err(AM_EPARSE, "%s: expected {\"test_folds\": [[ids...], ...]}", path);
        goto done;
    }
    for (const cJSON *fold = tf->child; fold; fold = fold->next) {
        if (!cJSON_IsArray(fold)) {
            err = am_err(AM_EPARSE, "%s: fold %zu is not an array", path, fo->folds.len + 1);
            goto done;
        }
        size_t n = (size_t)cJSON_GetArraySize(fold);
        char **ids = calloc(n + 1, sizeof *ids);
        char ***slot = ids ? AM_VEC_PUSH(&fo->folds) : NULL;
        if (!slot) {
            free(ids);
            err = am_err_nomem();
            goto done;
        }
        *slot = ids;
        size_t i = 0;
        for (const cJSON *id = fold->child; id; id = id->next) {
            if (!cJSON_IsString(id)) {
                err = am_err(AM_EPARSE, "%s: a fold id is not a string", path);
                goto done;
            }
            if (!(ids[i++] = strdup(id->valuestring))) {
                err = am_err_nomem();
                goto done;
            }
        }
    }
done:
    cJSON_Delete(root);
    free(buf);
    fclose(f);
    if (err < 0)
        am_folds_free(fo);
    return err;
}
