/*
 * batch_out.c - the output of `argmap batch`: whole lines only, and
 * picking up where a stopped run left off.
 *
 * The output of a long run must stay valid JSON Lines whatever stops it. So
 * each line goes out with write(2) calls made while SIGINT and SIGTERM are
 * held off (a signal cannot land between two halves of a line), and a
 * resumed run first reads the ids already written and cuts off a torn last
 * line - the one thing SIGKILL or a power cut can leave. Unlike the other
 * commands the file is written in place, not through a temporary file: a
 * run of hours is worth keeping half-done.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"

/* ---------------------------------------------------------- id set */

struct bset {
    char **slots;
    size_t cap, used;
};

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

int bset_new(bset **out)
{
    bset *s = calloc(1, sizeof *s);
    if (!s)
        return -1;
    s->cap = 1024;
    s->slots = calloc(s->cap, sizeof *s->slots);
    if (!s->slots) {
        free(s);
        return -1;
    }
    *out = s;
    return 0;
}

void bset_free(bset *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->cap; i++)
        free(s->slots[i]);
    free(s->slots);
    free(s);
}

static size_t find(char **slots, size_t cap, const char *key)
{
    size_t i = (size_t)(hash(key) & (cap - 1));
    while (slots[i] && strcmp(slots[i], key))
        i = (i + 1) & (cap - 1);
    return i;
}

int bset_add(bset *s, const char *key)
{
    if ((s->used + 1) * 2 > s->cap) {
        size_t nc = s->cap * 2;
        char **ns = calloc(nc, sizeof *ns);
        if (!ns)
            return -1;
        for (size_t i = 0; i < s->cap; i++)
            if (s->slots[i])
                ns[find(ns, nc, s->slots[i])] = s->slots[i];
        free(s->slots);
        s->slots = ns;
        s->cap = nc;
    }
    size_t i = find(s->slots, s->cap, key);
    if (s->slots[i])
        return 0;
    if (!(s->slots[i] = strdup(key)))
        return -1;
    s->used++;
    return 0;
}

int bset_has(const bset *s, const char *key)
{
    return s && s->slots[find(s->slots, s->cap, key)] != NULL;
}

size_t bset_size(const bset *s)
{
    return s ? s->used : 0;
}

void bset_line_key(char *buf, size_t n, size_t lineno)
{
    snprintf(buf, n, "\x01line:%zu", lineno);
}

/* ---------------------------------------------------------- output */

/* Read the records already in fd: their ids into done, and the offset just
 * past the last complete line into *keep. A bad line before the last one
 * means this is not our file: refuse rather than append to it. */
static int scan_existing(int fd, const char *path, bset *done, off_t *keep, size_t *kept)
{
    size_t cap = 65536, len = 0;
    char *buf = malloc(cap);
    char rd[65536];
    off_t pos = 0;   /* file offset of buf[0] */
    size_t lineno = 0;
    int rc = -1;
    *keep = 0;
    *kept = 0;
    if (!buf)
        goto oom;
    for (;;) {
        ssize_t k = read(fd, rd, sizeof rd);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            cli_error("batch", "%s: read error: %s", path, strerror(errno));
            goto done;
        }
        if (k == 0)
            break;
        if (len + (size_t)k > cap) {
            while (len + (size_t)k > cap)
                cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb)
                goto oom;
            buf = nb;
        }
        memcpy(buf + len, rd, (size_t)k);
        len += (size_t)k;
        size_t start = 0;
        char *nl;
        while ((nl = memchr(buf + start, '\n', len - start))) {
            size_t end = (size_t)(nl - buf);
            lineno++;
            char *id = NULL;
            size_t line = 0;
            if (am_batch_record_id(&id, &line, buf + start, end - start) < 0) {
                cli_error("batch", "%s: line %zu: %s; not resuming into it", path, lineno,
                          am_error_last());
                goto done;
            }
            char key[48];
            if (!id)
                bset_line_key(key, sizeof key, line);
            int bad = bset_add(done, id ? id : key) < 0;
            am_free(id);
            if (bad)
                goto oom;
            start = end + 1;
            *keep = pos + (off_t)start;
            ++*kept;
        }
        memmove(buf, buf + start, len - start);
        len -= start;
        pos += (off_t)start;
    }
    rc = 0;
    goto done;
oom:
    cli_error("batch", "out of memory");
done:
    free(buf);
    return rc;
}

int bout_open(bout *o, const char *path, int resume, bset **done, size_t *kept)
{
    memset(o, 0, sizeof *o);
    *kept = 0;
    if (!path || !strcmp(path, "-")) {
        if (resume) {
            cli_error("batch", "--resume needs an output file (-o FILE)");
            return -1;
        }
        o->fd = 1;
        o->name = "<stdout>";
        return 0;
    }
    o->name = path;
    o->is_file = 1;
    if (!resume) {
        o->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (o->fd < 0) {
            cli_error("batch", "%s: cannot write: %s", path, strerror(errno));
            return -1;
        }
        return 0;
    }
    if (bset_new(done) < 0) {
        cli_error("batch", "out of memory");
        return -1;
    }
    o->fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (o->fd < 0) {
        cli_error("batch", "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    off_t keep;
    if (scan_existing(o->fd, path, *done, &keep, kept) < 0)
        goto fail;
    struct stat st;
    if (fstat(o->fd, &st) < 0)
        goto fail_errno;
    if (st.st_size > keep) { /* a torn last line from a killed run */
        if (ftruncate(o->fd, keep) < 0)
            goto fail_errno;
        cli_warn("batch", "%s: cut off an incomplete last line (%lld bytes)", path,
                 (long long)(st.st_size - keep));
    }
    if (lseek(o->fd, keep, SEEK_SET) < 0)
        goto fail_errno;
    return 0;
fail_errno:
    cli_error("batch", "%s: %s", path, strerror(errno));
fail:
    close(o->fd);
    o->fd = -1;
    return -1;
}

int bout_write(bout *o, const char *line, size_t len)
{
    sigset_t hold, old;
    sigemptyset(&hold);
    sigaddset(&hold, SIGINT);
    sigaddset(&hold, SIGTERM);
    sigaddset(&hold, SIGHUP);
    sigprocmask(SIG_BLOCK, &hold, &old);
    size_t off = 0;
    int rc = 0;
    while (off < len) {
        ssize_t k = write(o->fd, line + off, len - off);
        if (k < 0) {
            if (errno == EINTR || errno == EAGAIN)
                continue;
            cli_error("batch", "%s: write error: %s", o->name, strerror(errno));
            rc = -1;
            break;
        }
        off += (size_t)k;
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    return rc;
}

int bout_close(bout *o)
{
    int rc = 0;
    if (o->is_file && o->fd >= 0) {
        if (close(o->fd) < 0) {
            cli_error("batch", "%s: write error: %s", o->name, strerror(errno));
            rc = -1;
        }
    }
    o->fd = -1;
    return rc;
}
