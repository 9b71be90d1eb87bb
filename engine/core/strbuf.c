/* strbuf.c - the byte buffer of strbuf.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

static int grow(am_strbuf *sb, size_t n)
{
    if (sb->oom)
        return -1;
    if (sb->len + n + 1 <= sb->cap)
        return 0;
    size_t want = sb->cap ? sb->cap : 64;
    while (want < sb->len + n + 1)
        want *= 2;
    char *p = realloc(sb->buf, want);
    if (!p) {
        sb->oom = 1;
        return -1;
    }
    sb->buf = p;
    sb->cap = want;
    return 0;
}

void am_sb_append(am_strbuf *sb, const char *s, size_t n)
{
    if (grow(sb, n) < 0)
        return;
    if (n)
        memcpy(sb->buf + sb->len, s, n);
    sb->len += n;
    sb->buf[sb->len] = '\0';
}

void am_sb_puts(am_strbuf *sb, const char *s)
{
    am_sb_append(sb, s, strlen(s));
}

void am_sb_putc(am_strbuf *sb, char c)
{
    am_sb_append(sb, &c, 1);
}

void am_sb_printf(am_strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || grow(sb, (size_t)n) < 0)
        return;
    va_start(ap, fmt);
    vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
}

char *am_sb_take(am_strbuf *sb, size_t *len)
{
    if (!sb->oom && !sb->buf)
        grow(sb, 0);
    if (sb->oom) {
        am_sb_free(sb);
        return NULL;
    }
    char *p = sb->buf;
    if (len)
        *len = sb->len;
    sb->buf = NULL;
    sb->len = sb->cap = 0;
    return p;
}

void am_sb_free(am_strbuf *sb)
{
    free(sb->buf);
    sb->buf = NULL;
    sb->len = sb->cap = 0;
    sb->oom = 0;
}
