/*
 * jsonsyntax.c - is this a JSON text? Answered without allocating.
 *
 * cJSON returns NULL both for malformed input and when an allocation
 * fails, so a caller that only sees NULL would call a perfectly good file
 * "malformed JSON" when memory ran out. When cJSON fails, the readers ask
 * this checker: input it accepts is well-formed, so the failure was memory
 * (AM_ENOMEM). It is stricter than cJSON where that is cheaper (numbers
 * are RFC 8259 numbers of at most 63 characters, lone UTF-16 surrogates
 * and raw control characters in strings are refused, nesting is at most
 * CJSON_NESTING_LIMIT), so it never accepts what cJSON refuses; being
 * stricter only matters for text cJSON reads, where it is not asked.
 */
#include <string.h>

#include "json.h"

#include <cjson/cJSON.h>

typedef struct {
    const unsigned char *s;
    size_t len, i;
} jscan;

static void skip_ws(jscan *j)
{
    while (j->i < j->len && (j->s[j->i] == ' ' || j->s[j->i] == '\t' || j->s[j->i] == '\n' ||
                             j->s[j->i] == '\r'))
        j->i++;
}

static int hex4(jscan *j, unsigned *v)
{
    if (j->len - j->i < 4)
        return 0;
    *v = 0;
    for (int k = 0; k < 4; k++) {
        unsigned char c = j->s[j->i++];
        unsigned d = c >= '0' && c <= '9' ? c - '0' + 0u : c >= 'a' && c <= 'f' ? c - 'a' + 10u
                   : c >= 'A' && c <= 'F' ? c - 'A' + 10u : 16u;
        if (d > 15)
            return 0;
        *v = *v * 16 + d;
    }
    return 1;
}

/* At the opening quote. */
static int string(jscan *j)
{
    j->i++;
    while (j->i < j->len) {
        unsigned char c = j->s[j->i++];
        if (c == '"')
            return 1;
        if (c < 0x20)
            return 0;
        if (c != '\\')
            continue;
        if (j->i >= j->len)
            return 0;
        c = j->s[j->i++];
        if (c == 'u') {
            unsigned v, w;
            if (!hex4(j, &v))
                return 0;
            if (v >= 0xDC00 && v <= 0xDFFF)
                return 0;
            if (v >= 0xD800 && v <= 0xDBFF) {
                if (j->len - j->i < 6 || j->s[j->i] != '\\' || j->s[j->i + 1] != 'u')
                    return 0;
                j->i += 2;
                if (!hex4(j, &w) || w < 0xDC00 || w > 0xDFFF)
                    return 0;
            }
        } else if (!strchr("\"\\/bfnrt", c) || c == 0) {
            return 0;
        }
    }
    return 0;
}

static int digits(jscan *j)
{
    size_t start = j->i;
    while (j->i < j->len && j->s[j->i] >= '0' && j->s[j->i] <= '9')
        j->i++;
    return j->i > start;
}

static int number(jscan *j)
{
    size_t start = j->i;
    if (j->s[j->i] == '-')
        j->i++;
    if (j->i < j->len && j->s[j->i] == '0')
        j->i++;
    else if (!digits(j))
        return 0;
    if (j->i < j->len && j->s[j->i] == '.') {
        j->i++;
        if (!digits(j))
            return 0;
    }
    if (j->i < j->len && (j->s[j->i] == 'e' || j->s[j->i] == 'E')) {
        j->i++;
        if (j->i < j->len && (j->s[j->i] == '+' || j->s[j->i] == '-'))
            j->i++;
        if (!digits(j))
            return 0;
    }
    return j->i - start <= 63; /* cJSON reads a number into 64 bytes */
}

static int word(jscan *j, const char *w)
{
    size_t n = strlen(w);
    if (j->len - j->i < n || memcmp(j->s + j->i, w, n))
        return 0;
    j->i += n;
    return 1;
}

int am_json_syntax_ok(const char *text, size_t len)
{
    /* The open containers, one bit a level: 1 object, 0 array. */
    unsigned char open[(CJSON_NESTING_LIMIT + 7) / 8];
    size_t depth = 0;
    /* No byte-order mark: cJSON 1.7.15's ParseWithLengthOpts refuses one
     * (fuzz_batch_input found "\xEF\xBB\xBF1" accepted here, refused there;
     * the importers strip it before parsing). */
    jscan j = {(const unsigned char *)text, len, 0};
    for (;;) {
        /* A value is expected here. */
        skip_ws(&j);
        if (j.i >= len)
            return 0;
        unsigned char c = j.s[j.i];
        if (c == '{' || c == '[') {
            if (depth >= CJSON_NESTING_LIMIT)
                return 0;
            if (c == '{')
                open[depth / 8] |= (unsigned char)(1u << depth % 8);
            else
                open[depth / 8] &= (unsigned char)~(1u << depth % 8);
            depth++;
            j.i++;
            skip_ws(&j);
            if (j.i < len && j.s[j.i] == (c == '{' ? '}' : ']')) {
                j.i++;
                depth--;
                goto after_value;
            }
            if (c == '{')
                goto key;
            continue;
        }
        if (c == '"') {
            if (!string(&j))
                return 0;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            if (!number(&j))
                return 0;
        } else if (!word(&j, "true") && !word(&j, "false") && !word(&j, "null")) {
            return 0;
        }
    after_value:
        skip_ws(&j);
        if (depth == 0)
            return j.i == len;
        if (j.i >= len)
            return 0;
        int obj = open[(depth - 1) / 8] >> (depth - 1) % 8 & 1;
        c = j.s[j.i++];
        if (c == (obj ? '}' : ']')) {
            depth--;
            goto after_value;
        }
        if (c != ',')
            return 0;
        if (!obj)
            continue;
    key:
        skip_ws(&j);
        if (j.i >= len || j.s[j.i] != '"' || !string(&j))
            return 0;
        skip_ws(&j);
        if (j.i >= len || j.s[j.i++] != ':')
            return 0;
    }
}
