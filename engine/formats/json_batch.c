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
#include <stdint.h>
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

/* ---------------------------------------------- input, the usual case
 *
 * Nearly every input line is an object of string members, "id" and
 * "text". Building a cJSON tree of it and copying the strings out cost
 * more than the sentence splitter; this reads such a line in one pass.
 * It accepts only what it can read exactly as cJSON 1.7.15 would (escapes
 * \" \\ \/ \b \f \n \r \t and \uXXXX with surrogate pairs, valid UTF-8,
 * no raw control bytes, white space that is space, tab, CR or LF) and only
 * records the slow path accepts (an "id", exactly one of "text" and
 * "path", a known "format", no key twice); anything else, error or not,
 * goes to the slow path, so results and messages stay the same. */

typedef struct {
    const char *raw; /* the bytes between the quotes */
    size_t len;
    int plain;       /* no escapes: the raw bytes are the value */
} fstr;

static inline int fws(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int hex4(const char *p, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

/* The \u escape at p (p[0] == 'u', end bounds it): its code point and the
 * bytes it takes after the backslash, or 0 when the fast path declines. */
static size_t uescape(const char *p, const char *end, uint32_t *cp)
{
    unsigned a, b;
    if (end - p < 5 || hex4(p + 1, &a) < 0 || a == 0 || (a >= 0xDC00 && a <= 0xDFFF))
        return 0;
    if (a < 0xD800 || a > 0xDBFF) {
        *cp = a;
        return 5;
    }
    if (end - p < 11 || p[5] != '\\' || p[6] != 'u' || hex4(p + 7, &b) < 0 || b < 0xDC00 ||
        b > 0xDFFF)
        return 0;
    *cp = 0x10000 + (((uint32_t)(a & 0x3FF) << 10) | (b & 0x3FF));
    return 11;
}

/* A string starting after its opening quote at *pp: checked, not copied;
 * *pp ends after the closing quote. 0, or -1 to decline. */
static int fscan(const char **pp, const char *end, fstr *out)
{
    const char *p = *pp;
    out->raw = p;
    out->plain = 1;
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    while (p < end) {
        /* eight bytes at a time while none is a quote, a backslash, a
         * control byte or non-ASCII (exact tests: a borrow only spreads
         * above a byte that matched) */
        while (end - p >= 8) {
            uint64_t x, q, b;
            memcpy(&x, p, 8);
            q = x ^ (ones * '"');
            b = x ^ (ones * '\\');
            if ((((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((b - ones) & ~b) | x) & highs)
                break;
            p += 8;
        }
        if (p == end)
            return -1; /* no closing quote */
        unsigned char c = (unsigned char)*p;
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') { /* most bytes */
            p++;
            continue;
        }
        if (c == '"') {
            out->len = (size_t)(p - out->raw);
            *pp = p + 1;
            return 0;
        }
        if (c < 0x20)
            return -1;
        if (c == '\\') {
            out->plain = 0;
            if (p + 1 >= end)
                return -1;
            char e = p[1];
            if (e == 'u') {
                uint32_t cp;
                size_t k = uescape(p + 1, end, &cp);
                if (!k)
                    return -1;
                p += 1 + k;
            } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' ||
                       e == 'r' || e == 't') {
                p += 2;
            } else {
                return -1;
            }
            continue;
        }
        uint32_t cp;
        size_t k = am_utf8_decode((const unsigned char *)p, (size_t)(end - p), &cp);
        if (!k)
            return -1;
        p += k;
    }
    return -1;
}

static size_t put_utf8(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* The value of a string fscan accepted, NUL-terminated; *n its length. */
static char *fvalue(const fstr *s, size_t *n)
{
    char *o = malloc(s->len + 1); /* escapes never grow */
    if (!o)
        return NULL;
    size_t k = 0;
    if (s->plain) {
        memcpy(o, s->raw, s->len);
        k = s->len;
    } else {
        const char *p = s->raw, *end = s->raw + s->len;
        while (p < end) {
            const char *bs = memchr(p, '\\', (size_t)(end - p));
            size_t run = bs ? (size_t)(bs - p) : (size_t)(end - p);
            memcpy(o + k, p, run); /* the bytes up to the next escape */
            k += run;
            p += run;
            if (p == end)
                break;
            char e = p[1];
            if (e == 'u') {
                uint32_t cp;
                p += 1 + uescape(p + 1, end, &cp);
                k += put_utf8(o + k, cp);
                continue;
            }
            o[k++] = e == 'b' ? '\b' : e == 'f' ? '\f' : e == 'n' ? '\n' : e == 'r' ? '\r'
                     : e == 't' ? '\t' : e;
            p += 2;
        }
    }
    o[k] = '\0';
    if (n)
        *n = k;
    return o;
}

static int fkey_is(const fstr *k, const char *name)
{
    size_t n = strlen(name);
    return k->plain && k->len == n && !memcmp(k->raw, name, n);
}

/* 1 when the line was read, 0 to take the slow path, AM_ENOMEM. */
static int parse_fast(am_batch_input *in, const char *line, size_t len)
{
    const char *p = line, *end = line + len;
    fstr keys[8], vals[8];
    size_t nm = 0;
    while (p < end && fws(*p))
        p++;
    if (p == end || *p++ != '{')
        return 0;
    while (p < end && fws(*p))
        p++;
    if (p < end && *p == '}') {
        return 0; /* no id: the slow path says so */
    }
    for (;;) {
        if (nm == sizeof keys / sizeof *keys || p == end || *p++ != '"' ||
            fscan(&p, end, &keys[nm]) < 0 || !keys[nm].plain)
            return 0;
        while (p < end && fws(*p))
            p++;
        if (p == end || *p++ != ':')
            return 0;
        while (p < end && fws(*p))
            p++;
        if (p == end || *p++ != '"' || fscan(&p, end, &vals[nm]) < 0)
            return 0;
        nm++;
        while (p < end && fws(*p))
            p++;
        if (p == end)
            return 0;
        if (*p == '}')
            break;
        if (*p++ != ',')
            return 0;
        while (p < end && fws(*p))
            p++;
    }
    for (p++; p < end; p++)
        if (!fws(*p))
            return 0;
    const fstr *id = NULL, *text = NULL, *path = NULL, *format = NULL;
    for (size_t i = 0; i < nm; i++) {
        for (size_t j = 0; j < i; j++)
            if (keys[j].len == keys[i].len && !memcmp(keys[j].raw, keys[i].raw, keys[i].len))
                return 0; /* a key twice */
        if (fkey_is(&keys[i], "id"))
            id = &vals[i];
        else if (fkey_is(&keys[i], "text"))
            text = &vals[i];
        else if (fkey_is(&keys[i], "path"))
            path = &vals[i];
        else if (fkey_is(&keys[i], "format"))
            format = &vals[i];
    }
    if (!id || !text == !path || (path && !path->len))
        return 0;
    am_format f = AM_FORMAT_AUTO;
    if (format) {
        char *v = fvalue(format, NULL);
        if (!v)
            return am_err_nomem();
        int bad = am_format_parse(&f, v) < 0;
        free(v);
        if (bad)
            return 0;
    }
    if (!(in->id = fvalue(id, NULL)) || (text && !(in->text = fvalue(text, &in->text_len))) ||
        (path && !(in->path = fvalue(path, NULL)))) {
        am_batch_input_clear(in);
        return am_err_nomem();
    }
    in->format = f;
    return 1;
}

int am_batch_input_parse(am_batch_input *in, const char *line, size_t len)
{
    if (!in || (!line && len))
        return am_err(AM_EINVAL, "am_batch_input_parse: NULL argument");
    memset(in, 0, sizeof *in);
    int err = parse_fast(in, line, len);
    if (err == 1)
        return 0;
    if (err < 0)
        return err;
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

/* The record is written straight into one buffer: what finish_line makes
 * of the tree {"id", "summary"} and the map, without building the tree. */
int am_batch_record(char **out, size_t *len, const char *id, const am_map *map, int flags)
{
    if (!out || !map)
        return am_err(AM_EINVAL, "am_batch_record: NULL argument");
    char *map_json = NULL;
    int err;
    if ((flags & AM_RECORD_FULL) &&
        (err = am_map_to_json(&map_json, NULL, map, AM_JSON_COMPACT)) < 0)
        return err;
    am_jbuf b = {0};
    am_jb_put(&b, "{\"id\":", 6);
    size_t bad, n = id ? strlen(id) : 0;
    if (!id || am_utf8_valid(id, n, &bad)) { /* as clean_string */
        am_jb_string(&b, id);
    } else {
        size_t m, r;
        char *fixed = am_utf8_repair(id, n, &m, &r);
        if (!fixed)
            b.oom = 1;
        else
            am_jb_string(&b, fixed);
        free(fixed);
    }
    am_jb_put(&b, ",\"summary\":", 11);
    am_json_summary_write(&b, map);
    if (map_json) {
        am_jb_put(&b, ",\"map\":", 7);
        am_jb_put(&b, map_json, strlen(map_json));
    }
    am_jb_put(&b, "}\n", 3); /* and the NUL, inside the length */
    free(map_json);
    if (b.oom) {
        free(b.buf);
        return am_err_nomem();
    }
    *out = b.buf;
    if (len)
        *len = b.len - 1;
    return 0;
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
