/* tbuild.c - plain text plus offset map (see tbuild.h). */
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "tbuild.h"

static int grow(am_tbuild *tb, size_t n)
{
    if (tb->oom)
        return -1;
    if (tb->len + n + 1 <= tb->cap)
        return 0;
    size_t want = tb->cap ? tb->cap * 2 : 256;
    while (want < tb->len + n + 1)
        want *= 2;
    char *b = realloc(tb->buf, want);
    if (!b) {
        tb->oom = 1;
        return -1;
    }
    tb->buf = b;
    size_t *m = realloc(tb->map, want * sizeof *m);
    if (!m) {
        tb->oom = 1;
        return -1;
    }
    tb->map = m;
    tb->cap = want;
    return 0;
}

void am_tb_copy(am_tbuild *tb, const char *s, size_t n, size_t src_off)
{
    if (grow(tb, n) < 0)
        return;
    memcpy(tb->buf + tb->len, s, n);
    for (size_t i = 0; i < n; i++)
        tb->map[tb->len + i] = src_off + i;
    tb->len += n;
}

void am_tb_synth(am_tbuild *tb, const char *s, size_t n, size_t src_off)
{
    if (grow(tb, n) < 0)
        return;
    memcpy(tb->buf + tb->len, s, n);
    for (size_t i = 0; i < n; i++)
        tb->map[tb->len + i] = src_off;
    tb->len += n;
}

int am_tb_finish(am_tbuild *tb, am_document *doc, size_t end_off)
{
    if (grow(tb, 0) < 0) {
        am_tb_free(tb);
        return am_err_nomem();
    }
    tb->buf[tb->len] = '\0';
    tb->map[tb->len] = end_off;
    doc->text = tb->buf;
    doc->map = tb->map;
    doc->text_len = tb->len;
    tb->buf = NULL;
    tb->map = NULL;
    tb->len = tb->cap = 0;
    return 0;
}

void am_tb_free(am_tbuild *tb)
{
    free(tb->buf);
    free(tb->map);
    memset(tb, 0, sizeof *tb);
}
