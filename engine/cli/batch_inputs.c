/*
 * batch_inputs.c - the documents of a batch run, one at a time.
 *
 * Operands are taken in the order given. A file is one document whatever
 * its name; a directory is walked depth-first with each folder's entries
 * sorted by their bytes (strcmp, not the locale), so the same tree gives
 * the same order on every machine; only .txt .md .markdown .html .htm
 * files are taken (any case), and names starting with '.' and symbolic
 * links to folders are passed over (no hidden files, no loops). "-" reads
 * JSON Lines from stdin with read(2) into a fixed buffer: a line longer
 * than the limit is skipped to its end and reported, never held whole.
 * Nothing here grows with the number of documents: the walk holds one
 * sorted listing per folder level.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"

#define MAX_DEPTH 128
#define READ_CHUNK 65536

typedef struct {
    char *path;     /* the folder, as it will prefix its entries */
    char **names;   /* sorted entries */
    size_t n, next;
} dir_frame;

struct binputs {
    char **args;
    int nargs, next_arg;
    size_t max_line;
    dir_frame stack[MAX_DEPTH];
    int depth;
    char *cur;       /* the last path or message handed out */
    /* stdin */
    int reading_stdin;
    int stdin_used;
    char rbuf[READ_CHUNK];
    size_t rpos, rlen;
    int eof;
    char *line;
    size_t llen, lcap;
    size_t lineno;
    volatile const sig_atomic_t *stop;
};

static int wanted(const char *name)
{
    static const char *const exts[] = {".txt", ".md", ".markdown", ".html", ".htm"};
    const char *dot = strrchr(name, '.');
    if (!dot || dot == name)
        return 0;
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
        if (!strcasecmp(dot, exts[i]))
            return 1;
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    int slash = a > 0 && dir[a - 1] != '/';
    char *p = malloc(a + slash + b + 1);
    if (!p)
        return NULL;
    memcpy(p, dir, a);
    if (slash)
        p[a] = '/';
    memcpy(p + a + slash, name, b + 1);
    return p;
}

static void frame_free(dir_frame *f)
{
    for (size_t i = 0; i < f->n; i++)
        free(f->names[i]);
    free(f->names);
    free(f->path);
    memset(f, 0, sizeof *f);
}

/* Read and sort one folder. 0, or -1 with errno set. */
static int frame_open(dir_frame *f, const char *path)
{
    memset(f, 0, sizeof *f);
    DIR *d = opendir(path);
    if (!d)
        return -1;
    size_t cap = 0;
    struct dirent *e;
    int err = 0;
    errno = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (f->n == cap) {
            size_t nc = cap ? cap * 2 : 32;
            char **nn = realloc(f->names, nc * sizeof *nn);
            if (!nn) {
                err = ENOMEM;
                break;
            }
            f->names = nn;
            cap = nc;
        }
        if (!(f->names[f->n] = strdup(e->d_name))) {
            err = ENOMEM;
            break;
        }
        f->n++;
    }
    if (!err && errno)
        err = errno;
    closedir(d);
    f->path = strdup(path);
    if (!err && !f->path)
        err = ENOMEM;
    if (err) {
        frame_free(f);
        errno = err;
        return -1;
    }
    qsort(f->names, f->n, sizeof *f->names, cmp_names);
    return 0;
}

int binputs_open(binputs **out, char **args, int n, size_t max_line)
{
    int dash = 0;
    for (int i = 0; i < n; i++)
        dash += !strcmp(args[i], "-");
    if (dash > 1) {
        cli_error("batch", "'-' (stdin) may be given only once");
        return -1;
    }
    binputs *in = calloc(1, sizeof *in);
    if (!in) {
        cli_error("batch", "out of memory");
        return -1;
    }
    in->args = args;
    in->nargs = n;
    in->max_line = max_line;
    *out = in;
    return 0;
}

void binputs_set_stop(binputs *in, volatile const sig_atomic_t *stop)
{
    in->stop = stop;
}

void binputs_free(binputs *in)
{
    if (!in)
        return;
    while (in->depth > 0)
        frame_free(&in->stack[--in->depth]);
    free(in->cur);
    free(in->line);
    free(in);
}

static int hand_out(binputs *in, bjob *job, int kind, char *data)
{
    free(in->cur);
    in->cur = data;
    memset(job, 0, sizeof *job);
    job->kind = kind;
    job->data = data;
    job->len = strlen(data);
    return 1;
}

static int error_job(binputs *in, bjob *job, const char *path, const char *why)
{
    size_t n = strlen(path) + strlen(why) + 4;
    char *msg = malloc(n);
    if (!msg) {
        cli_error("batch", "out of memory");
        return -1;
    }
    snprintf(msg, n, "%s: %s", path, why);
    /* the id is the path; the message follows it after a NUL */
    size_t pl = strlen(path);
    char *both = malloc(pl + 1 + strlen(msg) + 1);
    if (!both) {
        free(msg);
        cli_error("batch", "out of memory");
        return -1;
    }
    memcpy(both, path, pl + 1);
    memcpy(both + pl + 1, msg, strlen(msg) + 1);
    free(msg);
    hand_out(in, job, BJ_ERROR, both);
    job->len = pl; /* data = id; data + len + 1 = message */
    return 1;
}

/* The next document of the folder walk, or 0 when it is done. */
static int walk_next(binputs *in, bjob *job)
{
    while (in->depth > 0) {
        dir_frame *f = &in->stack[in->depth - 1];
        if (f->next == f->n) {
            frame_free(f);
            in->depth--;
            continue;
        }
        char *p = join(f->path, f->names[f->next++]);
        if (!p) {
            cli_error("batch", "out of memory");
            return -1;
        }
        struct stat st;
        if (lstat(p, &st) < 0) { /* vanished since the listing: say so */
            int r = error_job(in, job, p, strerror(errno));
            free(p);
            return r;
        }
        if (S_ISDIR(st.st_mode)) {
            if (in->depth == MAX_DEPTH) {
                int r = error_job(in, job, p, "folders nested too deep (limit 128)");
                free(p);
                return r;
            }
            if (frame_open(&in->stack[in->depth], p) < 0) {
                int r = error_job(in, job, p, strerror(errno));
                free(p);
                return r;
            }
            in->depth++;
            free(p);
            continue;
        }
        if (S_ISLNK(st.st_mode) && (stat(p, &st) < 0 || S_ISDIR(st.st_mode))) {
            free(p); /* a link to a folder (or nowhere): not followed */
            continue;
        }
        if (!wanted(p)) {
            free(p);
            continue;
        }
        return hand_out(in, job, BJ_FILE, p);
    }
    return 0;
}

/* Next line of stdin: 1 (a line, or BJ_LONG), 0 at the end, -1 on error. */
static int stdin_next(binputs *in, bjob *job)
{
    for (;;) {
        in->llen = 0;
        int toolong = 0;
        int got = 0;
        for (;;) {
            if (in->rpos == in->rlen) {
                if (in->eof)
                    break;
                ssize_t k = read(0, in->rbuf, sizeof in->rbuf);
                if (k < 0) {
                    if (errno == EINTR) {
                        if (in->stop && *in->stop)
                            return 0; /* SIGINT/SIGTERM while waiting for input */
                        continue;
                    }
                    cli_error("batch", "<stdin>: read error: %s", strerror(errno));
                    return -1;
                }
                if (k == 0) {
                    in->eof = 1;
                    break;
                }
                in->rpos = 0;
                in->rlen = (size_t)k;
            }
            got = 1;
            char *start = in->rbuf + in->rpos;
            char *nl = memchr(start, '\n', in->rlen - in->rpos);
            size_t take = nl ? (size_t)(nl - start) : in->rlen - in->rpos;
            if (!toolong) {
                if (in->llen + take > in->max_line) {
                    toolong = 1;
                } else {
                    if (in->llen + take + 1 > in->lcap) {
                        size_t nc = in->lcap ? in->lcap : 4096;
                        while (nc < in->llen + take + 1)
                            nc *= 2;
                        char *nb = realloc(in->line, nc);
                        if (!nb) {
                            cli_error("batch", "out of memory");
                            return -1;
                        }
                        in->line = nb;
                        in->lcap = nc;
                    }
                    memcpy(in->line + in->llen, start, take);
                    in->llen += take;
                }
            }
            in->rpos += take + (nl != NULL);
            if (nl)
                break;
        }
        if (!got)
            return 0;
        in->lineno++;
        if (toolong) {
            memset(job, 0, sizeof *job);
            job->kind = BJ_LONG;
            job->lineno = in->lineno;
            return 1;
        }
        if (in->llen && in->line[in->llen - 1] == '\r')
            in->llen--;
        size_t i = 0;
        while (i < in->llen && (in->line[i] == ' ' || in->line[i] == '\t'))
            i++;
        if (i == in->llen)
            continue; /* blank lines separate nothing: skipped */
        in->line[in->llen] = '\0';
        memset(job, 0, sizeof *job);
        job->kind = BJ_LINE;
        job->data = in->line;
        job->len = in->llen;
        job->lineno = in->lineno;
        return 1;
    }
}

int binputs_next(binputs *in, bjob *job)
{
    for (;;) {
        int r;
        if (in->reading_stdin) {
            if ((r = stdin_next(in, job)) != 0)
                return r;
            in->reading_stdin = 0;
        }
        if ((r = walk_next(in, job)) != 0)
            return r;
        if (in->next_arg == in->nargs)
            return 0;
        const char *a = in->args[in->next_arg++];
        if (!strcmp(a, "-")) {
            in->reading_stdin = 1;
            continue;
        }
        struct stat st;
        if (stat(a, &st) == 0 && S_ISDIR(st.st_mode)) {
            if (frame_open(&in->stack[0], a) < 0)
                return error_job(in, job, a, strerror(errno));
            in->depth = 1;
            continue;
        }
        char *p = strdup(a); /* a missing file fails in the worker, as a record */
        if (!p) {
            cli_error("batch", "out of memory");
            return -1;
        }
        return hand_out(in, job, BJ_FILE, p);
    }
}

long binputs_count(char **args, int n)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(args[i], "-"))
            return -1;
    binputs *in;
    if (binputs_open(&in, args, n, 0) < 0)
        return -1;
    long count = 0;
    bjob job;
    int r;
    while ((r = binputs_next(in, &job)) > 0)
        count++;
    binputs_free(in);
    return r < 0 ? -1 : count;
}
