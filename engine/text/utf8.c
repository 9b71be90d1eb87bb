/*
 * utf8.c - strict UTF-8 checking (RFC 3629) for everything we read.
 *
 * Text reaches JSON, SVG and HTML output, and cJSON does not check UTF-8, so
 * this is the gate: either the bytes are valid, or the user asked for bad
 * sequences to become U+FFFD.
 */
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

size_t am_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (n == 0)
        return 0;
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2; v = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3; v = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4; v = c & 0x07; min = 0x10000;
    } else {
        return 0; /* continuation byte, C0/C1 overlong lead, or > F4 */
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

int am_utf8_valid(const char *s, size_t n, size_t *bad)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        /* ASCII, eight bytes at a time, then byte by byte */
        while (n - i >= 8) {
            uint64_t x;
            memcpy(&x, p + i, 8);
            if (x & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        if (i == n)
            break;
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = am_utf8_decode(p + i, n - i, &cp);
        if (k == 0) {
            *bad = i;
            return 0;
        }
        i += k;
    }
    return 1;
}

char *am_utf8_repair(const char *s, size_t n, size_t *out_len, size_t *replaced)
{
    /* Each bad byte becomes at most 3 bytes. */
    if (n > ((size_t)-1 - 1) / 3)
        return NULL;
    char *out = malloc(n * 3 + 1);
    if (!out)
        return NULL;
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, o = 0, r = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = am_utf8_decode(p + i, n - i, &cp);
        if (k) {
            for (size_t j = 0; j < k; j++)
                out[o++] = (char)p[i + j];
            i += k;
        } else {
            out[o++] = (char)0xEF;
            out[o++] = (char)0xBF;
            out[o++] = (char)0xBD;
            i++;
            r++;
        }
    }
    out[o] = '\0';
    char *shrunk = realloc(out, o + 1);
    *out_len = o;
    *replaced = r;
    return shrunk ? shrunk : out;
}
