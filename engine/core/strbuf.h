/*
 * strbuf.h - an append-only byte buffer that is always NUL-terminated.
 *
 * Appends record the first out-of-memory failure in sb->oom and then do
 * nothing, so a run of appends can be checked once at the end.
 */
#ifndef AM_CORE_STRBUF_H
#define AM_CORE_STRBUF_H

#include <stddef.h>

typedef struct {
    char *buf;
    size_t len, cap;
    int oom;
} am_strbuf;

void am_sb_append(am_strbuf *sb, const char *s, size_t n);
void am_sb_puts(am_strbuf *sb, const char *s);
void am_sb_putc(am_strbuf *sb, char c);
void am_sb_printf(am_strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hand the buffer to the caller (never NULL unless oom) and reset sb. */
char *am_sb_take(am_strbuf *sb, size_t *len);
void am_sb_free(am_strbuf *sb);

#endif
