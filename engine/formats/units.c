/*
 * units.c - reading a list of gold units (argmap analyze --units FILE).
 *
 * Gold units let the structure stages be scored apart from segmentation:
 * the list is either a JSON array of strings or plain text with one unit a
 * line. JSON is read here because formats/ is cJSON's only door.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "../core/error.h"
#include "../text/utf8.h"

void am_units_free(char **units, size_t count)
{
    if (!units)
        return;
    for (size_t i = 0; i < count; i++)
        free(units[i]);
    free(units);
}

static int push(char ***arr, size_t *n, size_t *cap, const char *s, size_t len)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        char **p = realloc(*arr, nc * sizeof *p);
        if (!p)
            return am_err_nomem();
        *arr = p;
        *cap = nc;
    }
    char *c = malloc(len + 1);
    if (!c)
        return am_err_nomem();
    memcpy(c, s, len);
    c[len] = '\0';
    (*arr)[(*n)++] = c;
    return 0;
}

int am_units_parse(char ***out, size_t *count, const char *name, const char *data,
                   size_t len, size_t max)
{
    if (!out || !count || (!data && len))
        return am_err(AM_EINVAL, "am_units_parse: NULL argument");
    if (!name)
        name = "<units>";
    int err = 0;
    char **arr = NULL;
    size_t n = 0, cap = 0, bad;
    cJSON *root = NULL;
    if (!am_utf8_valid(data, len, &bad))
        return am_err(AM_EPARSE, "%s: byte %zu: invalid UTF-8", name, bad);
    size_t i = 0;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    if (i < len && data[i] == '[') {
        const char *end = NULL;
        root = cJSON_ParseWithLengthOpts(data, len, &end, 0);
        if (!root || !cJSON_IsArray(root)) {
            err = am_err(AM_EPARSE, "%s: byte %zu: not a JSON array of strings", name,
                         end ? (size_t)(end - data) : (size_t)0);
            goto done;
        }
        size_t k = 0;
        for (cJSON *it = root->child; it; it = it->next, k++) {
            if (!cJSON_IsString(it)) {
                err = am_err(AM_EPARSE, "%s: item %zu is not a string", name, k + 1);
                goto done;
            }
            if (n >= max) {
                err = am_err(AM_ELIMIT, "%s: more than %zu units", name, max);
                goto done;
            }
            if ((err = push(&arr, &n, &cap, it->valuestring, strlen(it->valuestring))) < 0)
                goto done;
        }
    } else {
        size_t start = 0;
        for (size_t p = 0; p <= len; p++) {
            if (p < len && data[p] != '\n')
                continue;
            size_t a = start, b = p;
            start = p + 1;
            while (a < b && (data[a] == ' ' || data[a] == '\t' || data[a] == '\r'))
                a++;
            while (b > a && (data[b - 1] == ' ' || data[b - 1] == '\t' || data[b - 1] == '\r'))
                b--;
            if (a == b)
                continue;
            if (memchr(data + a, '\0', b - a)) {
                err = am_err(AM_EPARSE, "%s: a NUL byte in unit %zu", name, n + 1);
                goto done;
            }
            if (n >= max) {
                err = am_err(AM_ELIMIT, "%s: more than %zu units", name, max);
                goto done;
            }
            if ((err = push(&arr, &n, &cap, data + a, b - a)) < 0)
                goto done;
        }
    }
    *out = arr;
    *count = n;
    arr = NULL;
done:
    cJSON_Delete(root);
    am_units_free(arr, n);
    return err;
}
