/*
 * json_batch.c - the JSON Lines records of `argmap batch`: reading one
 * input line, writing one output line (a summary or an error), and reading
 * the id back from an output line for --resume.
 *
 * The command itself never sees cJSON (formats/ is its only door), so
 * everything that parses or prints JSON for batch work is here. Input comes
 * from other people's scripts: it is checked more strictly than cJSON does
 * (UTF-8, duplicate keys, types, \u0000), and every error names what was
 * wrong so the error record tells the user which line to fix.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../text/utf8.h"
#include "batch.h"

const cJSON *am_json_member(const cJSON *o, const char *key)
{
    if (!cJSON_IsObject(o))
        return NULL;
    for (const cJSON *c = o->child; c; c = c->next)
        if (c->string && !strcmp(c->string, key))
            return c;
    return NULL;
}

/* A \u0000 escape would cut a cJSON string short without a word; backslashes
 * only occur inside strings in valid JSON, so pairs can be read blindly. */
static int has_nul_escape(const char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] != '\\')
            continue;
        if (s[i + 1] == 'u' && i + 5 < n && !memcmp(s + i + 2, "0000", 4))
            return 1;
        i++; /* skip the escaped character */
    }
    return 0;
}

cJSON *am_json_parse_line(const char *line, size_t len, const char *what, int *err)
{
    size_t bad;
    *err = AM_EPARSE;
    if (!am_utf8_valid(line, len, &bad)) {
        am_err(AM_EPARSE, "%s: byte %zu: invalid UTF-8", what, bad);
        return NULL;
    }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(line, len, &end, 0);
    if (!root && am_json_syntax_ok(line, len)) {
        *err = AM_ENOMEM;
        am_err(AM_ENOMEM, "%s: out of memory reading JSON", what);
        return NULL;
    }
    if (!root) {
        size_t off = end && end >= line ? (size_t)(end - line) : 0;
        const char *gp = cJSON_GetErrorPtr();
        if (gp && gp >= line && gp <= line + len)
            off = (size_t)(gp - line);
        am_err(AM_EPARSE, "%s: byte %zu: not valid JSON", what, off);
        return NULL;
    }
    for (const char *p = end; p < line + len; p++) {
        if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') {
            am_err(AM_EPARSE, "%s: byte %zu: text after the JSON value", what,
                   (size_t)(p - line));
            cJSON_Delete(root);
            return NULL;
        }
    }
    if (cJSON_IsObject(root)) {
        for (const cJSON *a = root->child; a; a = a->next)
            for (const cJSON *b = a->next; b; b = b->next)
                if (a->string && b->string && !strcmp(a->string, b->string)) {
                    am_err(AM_EPARSE, "%s: duplicate key \"%s\"", what, a->string);
                    cJSON_Delete(root);
                    return NULL;
                }
    }
    *err = 0;
    return root;
}

/* ------------------------------------------------------------- input */

void am_batch_input_clear(am_batch_input *in)
{
    if (!in)
        return;
    free(in->id);
    free(in->text);
    free(in->path);
    memset(in, 0, sizeof *in);
}

static char *dup_string(const cJSON *item, size_t *len)
{
    size_t n = strlen(item->valuestring);
    char *s = malloc(n + 1);
    if (s)
        memcpy(s, item->valuestring, n + 1);
    if (len)
        *len = n;
    return s;
}

int am_batch_input_parse(am_batch_input *in, const char *line, size_t len)
{
    if (!in || (!line && len))
        return am_err(AM_EINVAL, "am_batch_input_parse: NULL argument");
    memset(in, 0, sizeof *in);
    int err = 0;
    cJSON *root = am_json_parse_line(line, len, "input record", &err);
    if (!root)
        return err;
    if (!cJSON_IsObject(root)) {
        err = am_err(AM_EPARSE, "input record: not a JSON object");
        goto done;
    }
    const cJSON *id = am_json_member(root, "id");
    const cJSON *text = am_json_member(root, "text");
    const cJSON *path = am_json_member(root, "path");
    const cJSON *format = am_json_member(root, "format");
    if (!id) {
        err = am_err(AM_EPARSE, "input record: no \"id\"");
        goto done;
    }
    if (!cJSON_IsString(id)) {
        err = am_err(AM_EPARSE, "input record: \"id\" must be a string");
        goto done;
    }
    if (!(in->id = dup_string(id, NULL))) {
        err = am_err_nomem();
        goto done;
    }
    if (has_nul_escape(line, len)) {
        err = am_err(AM_EPARSE, "input record \"%s\": a \\u0000 escape (NUL is not allowed "
                     "in text)", in->id);
        goto done;
    }
    if (!text == !path) {
        err = am_err(AM_EPARSE, "input record \"%s\": needs exactly one of \"text\" and \"path\"",
                     in->id);
        goto done;
    }
    if (text && !cJSON_IsString(text)) {
        err = am_err(AM_EPARSE, "input record \"%s\": \"text\" must be a string", in->id);
        goto done;
    }
    if (path && (!cJSON_IsString(path) || !*path->valuestring)) {
        err = am_err(AM_EPARSE, "input record \"%s\": \"path\" must be a non-empty string",
                     in->id);
        goto done;
    }
    if (format) {
        if (!cJSON_IsString(format) || am_format_parse(&in->format, format->valuestring) < 0) {
            err = am_err(AM_EPARSE, "input record \"%s\": \"format\" must be one of "
                         "\"text\", \"markdown\", \"html\"", in->id);
            goto done;
        }
    }
    if (text && !(in->text = dup_string(text, &in->text_len)))
        err = am_err_nomem();
    if (path && !(in->path = dup_string(path, NULL)))
        err = am_err_nomem();
done:
    cJSON_Delete(root);
    if (err < 0) { /* keep only the id, for the error record */
        free(in->text);
        free(in->path);
        in->text = in->path = NULL;
        in->text_len = 0;
        in->format = AM_FORMAT_AUTO;
    }
    return err;
}

/* ------------------------------------------------------------ output */

/* A string item with invalid UTF-8 replaced: ids can come from file names. */
static cJSON *clean_string(const char *s)
{
    if (!s)
        return cJSON_CreateNull();
    size_t n = strlen(s), bad;
    if (am_utf8_valid(s, n, &bad))
        return cJSON_CreateString(s);
    size_t m, r;
    char *fixed = am_utf8_repair(s, n, &m, &r);
    if (!fixed)
        return NULL;
    cJSON *item = cJSON_CreateString(fixed);
    free(fixed);
    return item;
}

static int add_item(cJSON *obj, const char *key, cJSON *item)
{
    if (!item)
        return -1;
    if (!cJSON_AddItemToObject(obj, key, item)) {
        cJSON_Delete(item);
        return -1;
    }
    return 0;
}

/* Print root compactly, splice `,"map":<map>` before the closing brace
 * when map_json is given, and end with a newline. Frees root. */
static int finish_line(char **out, size_t *len, cJSON *root, const char *map_json)
{
    char *text = am_json_print(root);
    cJSON_Delete(root);
    if (!text)
        return am_err_nomem();
    size_t n = strlen(text);
    size_t extra = map_json ? strlen(",\"map\":") + strlen(map_json) : 0;
    char *line = malloc(n + extra + 2);
    if (!line) {
        free(text);
        return am_err_nomem();
    }
    memcpy(line, text, n);
    free(text);
    if (map_json) { /* text ends with the root's '}' */
        size_t k = n - 1;
        k += (size_t)sprintf(line + k, ",\"map\":");
        size_t m = strlen(map_json);
        memcpy(line + k, map_json, m);
        k += m;
        line[k++] = '}';
        n = k;
    }
    line[n++] = '\n';
    line[n] = '\0';
    *out = line;
    if (len)
        *len = n;
    return 0;
}

int am_batch_record(char **out, size_t *len, const char *id, const am_map *map, int flags)
{
    if (!out || !map)
        return am_err(AM_EINVAL, "am_batch_record: NULL argument");
    am_jw w = {map, 0};
    char *map_json = NULL;
    int err;
    if ((flags & AM_RECORD_FULL) &&
        (err = am_map_to_json(&map_json, NULL, map, AM_JSON_COMPACT)) < 0)
        return err;
    cJSON *root = cJSON_CreateObject();
    if (!root || add_item(root, "id", clean_string(id)) < 0) {
        cJSON_Delete(root);
        free(map_json);
        return am_err_nomem();
    }
    am_json_summary_into(&w, root);
    if (w.oom) {
        cJSON_Delete(root);
        free(map_json);
        return am_err_nomem();
    }
    err = finish_line(out, len, root, map_json);
    free(map_json);
    return err;
}

int am_batch_error_record(char **out, size_t *len, const char *id, size_t line, int code,
                          const char *message)
{
    if (!out)
        return am_err(AM_EINVAL, "am_batch_error_record: NULL argument");
    cJSON *root = cJSON_CreateObject();
    cJSON *e = cJSON_CreateObject();
    int bad = !root || !e;
    if (!bad)
        bad = add_item(root, "id", clean_string(id)) < 0;
    if (!bad && line)
        bad = add_item(root, "line", cJSON_CreateNumber((double)line)) < 0;
    if (!bad) {
        bad = add_item(e, "code", cJSON_CreateString(am_error_name(code))) < 0 ||
              add_item(e, "message", clean_string(message ? message : "")) < 0;
    }
    if (!bad) {
        bad = add_item(root, "error", e) < 0;
        e = NULL; /* add_item freed it on failure */
    }
    cJSON_Delete(e);
    if (bad) {
        cJSON_Delete(root);
        return am_err_nomem();
    }
    return finish_line(out, len, root, NULL);
}

int am_batch_record_id(char **id, size_t *line, const char *rec, size_t len)
{
    if (!id || !line || (!rec && len))
        return am_err(AM_EINVAL, "am_batch_record_id: NULL argument");
    int err;
    cJSON *root = am_json_parse_line(rec, len, "record", &err);
    if (!root)
        return err;
    const cJSON *i = am_json_member(root, "id");
    const cJSON *l = am_json_member(root, "line");
    if (!cJSON_IsObject(root) || !i || !(cJSON_IsString(i) || cJSON_IsNull(i)) ||
        (!am_json_member(root, "summary") && !am_json_member(root, "error"))) {
        cJSON_Delete(root);
        return am_err(AM_EPARSE, "record: not an argmap batch record (no id, summary or error)");
    }
    char *s = NULL;
    if (cJSON_IsString(i) && !(s = dup_string(i, NULL))) {
        cJSON_Delete(root);
        return am_err_nomem();
    }
    /* A line number is a whole number from 1 to 2^53; anything else (1e62
     * overflowed the cast: a fuzzing finding) counts as no line. */
    *line = cJSON_IsNumber(l) && l->valuedouble >= 1 && l->valuedouble <= 9007199254740992.0 &&
                    l->valuedouble == (double)(size_t)l->valuedouble
                ? (size_t)l->valuedouble
                : 0;
    *id = s;
    cJSON_Delete(root);
    return 0;
}
