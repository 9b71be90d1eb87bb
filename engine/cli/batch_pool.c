/*
 * batch_pool.c - worker processes for `argmap batch`, and output in input
 * order.
 *
 * Workers are forked processes, not threads: igraph and Graphviz keep
 * process-wide state, and a document that crashes its worker must not take
 * the run with it. The parent reads the inputs, hands each worker one job
 * at a time over a pipe, and gathers result lines into a ring of `window`
 * slots indexed by input position; a line is written as soon as every
 * line before it has been, so the output is the same bytes whatever the
 * number of workers, and memory holds at most `window` documents' lines.
 * A worker killed by a signal (a crash, or SIGALRM from --timeout) yields
 * an error record for the document it had and is replaced by a new one.
 * The model is loaded before the first fork and shared copy-on-write.
 *
 * Frames on the pipes, in host byte order (both ends are this program):
 *   job:    seq, lineno, kind, len, then len bytes
 *   result: seq, status, bytes, len, then len bytes (one output line)
 */
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"

typedef struct {
    uint64_t seq, lineno, kind, len;
} job_hdr;

typedef struct {
    uint64_t seq, status, bytes, len;
} res_hdr;

/* Jobs queued per worker: the next one waits in the pipe while the worker
 * is busy with the current one, so a worker never idles waiting for the
 * parent to be scheduled (it matters on a loaded machine). */
#define DEPTH 2

typedef struct {
    uint64_t seq;
    char *frame;      /* header + data, as sent */
    size_t len;
} pending;

typedef struct {
    pid_t pid;
    int to, from;     /* parent's ends: jobs out, results in */
    pending q[DEPTH]; /* handed to it, oldest first; results come in this order */
    int qn;
    int qsent;        /* how many of q are written in full */
    size_t off;       /* bytes written of q[qsent] */
    char *in;         /* result bytes read so far */
    size_t inlen, incap;
} worker;

typedef struct {
    int ready;
    int status;
    char *line;
    size_t len;
    uint64_t bytes;
} slot;

struct bpool {
    const bwork_opts *o;
    worker *w;
    int n;
    slot *ring;
    size_t window;
    uint64_t next_seq, next_out;
    bout *output;
    bcounts counts;
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---------------------------------------------------- the worker side */

static int read_full(int fd, void *buf, size_t n)
{
    char *p = buf;
    while (n) {
        ssize_t k = read(fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

static int write_full(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n) {
        ssize_t k = write(fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Header and line in one writev(2), so the parent wakes once per result. */
static int write_frame(int fd, const res_hdr *r, const char *line, size_t len)
{
    struct iovec iov[2] = {{(void *)r, sizeof *r}, {(void *)line, len}};
    ssize_t k;
    while ((k = writev(fd, iov, len ? 2 : 1)) < 0 && errno == EINTR)
        ;
    if (k < 0)
        return -1;
    size_t done = (size_t)k;
    if (done < sizeof *r) { /* a short write: finish the plain way */
        if (write_full(fd, (const char *)r + done, sizeof *r - done) < 0)
            return -1;
        done = sizeof *r;
    }
    return write_full(fd, line + (done - sizeof *r), len - (done - sizeof *r));
}

/* Debian's igraph runs PageRank with OpenMP, which only slows down small
 * graphs and multiplies threads by workers. libgomp reads OMP_NUM_THREADS
 * when it is loaded, before main(), so the variable alone comes too late:
 * call omp_set_num_threads if OpenMP is in the process at all. */
static void one_thread(void)
{
    setenv("OMP_NUM_THREADS", "1", 1);
    void *f = dlsym(RTLD_DEFAULT, "omp_set_num_threads");
    if (f) {
        void (*set)(int);
        memcpy(&set, &f, sizeof set);
        set(1);
    }
}

static void worker_main(const bwork_opts *o, int in, int out)
{
    signal(SIGINT, SIG_IGN);  /* the parent decides when to stop */
    signal(SIGTERM, SIG_IGN);
    signal(SIGHUP, SIG_IGN);
    signal(SIGPIPE, SIG_DFL);
    one_thread();
    char *buf = NULL;
    size_t cap = 0;
    for (;;) {
        job_hdr h;
        if (read_full(in, &h, sizeof h) < 0)
            break; /* the parent closed the pipe: done */
        if (h.len + 1 > cap) {
            free(buf);
            cap = h.len + 1;
            if (!(buf = malloc(cap)))
                _exit(4);
        }
        if (read_full(in, buf, h.len) < 0)
            break;
        buf[h.len] = '\0';
        bjob job = {(int)h.kind, buf, h.len, h.lineno};
        char *line = NULL;
        size_t len = 0;
        uint64_t bytes = 0;
        if (o->timeout)
            alarm(o->timeout);
        int st = bwork_run(o, &job, &line, &len, &bytes);
        if (o->timeout)
            alarm(0);
        if (st < 0)
            _exit(4); /* no line could be made (out of memory): the parent reports it */
        res_hdr r = {h.seq, (uint64_t)st, bytes, st == BR_SKIPPED ? 0 : len};
        if (write_frame(out, &r, line, r.len) < 0)
            _exit(5);
        am_free(line);
    }
    free(buf);
    _exit(0); /* not exit(): the parent's stdio buffers are not ours to flush */
}

/* ---------------------------------------------------- the parent side */

static int spawn(bpool *p, int i)
{
    int jobs[2], res[2];
    if (pipe(jobs) < 0)
        return -1;
    if (pipe(res) < 0) {
        close(jobs[0]);
        close(jobs[1]);
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        close(jobs[0]);
        close(jobs[1]);
        close(res[0]);
        close(res[1]);
        return -1;
    }
    if (pid == 0) {
        /* other workers' pipes must close here, or they never see EOF */
        for (int k = 0; k < p->n; k++) {
            if (p->w[k].to >= 0)
                close(p->w[k].to);
            if (p->w[k].from >= 0)
                close(p->w[k].from);
        }
        close(jobs[1]);
        close(res[0]);
        if (p->output->is_file)
            close(p->output->fd);
        worker_main(p->o, jobs[0], res[1]);
    }
    close(jobs[0]);
    close(res[1]);
    worker *w = &p->w[i];
    w->pid = pid;
    w->to = jobs[1];
    w->from = res[0];
    w->inlen = 0;
    w->qsent = 0; /* a replacement starts the queue it inherits from the top */
    w->off = 0;
    fcntl(w->to, F_SETFL, fcntl(w->to, F_GETFL) | O_NONBLOCK);
    fcntl(w->from, F_SETFL, fcntl(w->from, F_GETFL) | O_NONBLOCK);
    fcntl(w->to, F_SETFD, FD_CLOEXEC);
    fcntl(w->from, F_SETFD, FD_CLOEXEC);
    return 0;
}

int bpool_start(bpool **out, const bwork_opts *o, int jobs, size_t window, bout *output)
{
    bpool *p = calloc(1, sizeof *p);
    if (!p)
        goto oom;
    p->o = o;
    p->output = output;
    p->window = window;
    p->w = calloc((size_t)jobs, sizeof *p->w);
    p->ring = calloc(window, sizeof *p->ring);
    if (!p->w || !p->ring)
        goto oom;
    for (int i = 0; i < jobs; i++)
        p->w[i].to = p->w[i].from = -1;
    signal(SIGPIPE, SIG_IGN); /* a dead worker's pipe: EPIPE, handled */
    for (int i = 0; i < jobs; i++) {
        p->n = i;
        if (spawn(p, i) < 0) {
            cli_error("batch", "cannot start a worker: %s", strerror(errno));
            bpool_free(p);
            return -1;
        }
    }
    p->n = jobs;
    *out = p;
    return 0;
oom:
    cli_error("batch", "out of memory");
    bpool_free(p);
    return -1;
}

static void reap(worker *w, int *status)
{
    *status = 0;
    if (w->pid > 0) {
        while (waitpid(w->pid, status, 0) < 0 && errno == EINTR)
            ;
    }
    if (w->to >= 0)
        close(w->to);
    if (w->from >= 0)
        close(w->from);
    w->to = w->from = -1;
    w->pid = 0;
}

void bpool_free(bpool *p)
{
    if (!p)
        return;
    for (int i = 0; i < p->n; i++) {
        worker *w = &p->w[i];
        if (w->to >= 0) { /* EOF tells an idle worker to finish */
            close(w->to);
            w->to = -1;
        }
        if (w->qn && w->pid > 0)
            kill(w->pid, SIGKILL);
        int st;
        reap(w, &st);
        for (int k = 0; k < w->qn; k++)
            free(w->q[k].frame);
        free(w->in);
    }
    for (size_t i = 0; p->ring && i < p->window; i++)
        free(p->ring[i].line);
    free(p->ring);
    free(p->w);
    free(p);
}

const bcounts *bpool_counts(const bpool *p)
{
    return &p->counts;
}

static void put_result(bpool *p, uint64_t seq, int status, char *line, size_t len,
                       uint64_t bytes)
{
    slot *s = &p->ring[seq % p->window];
    s->ready = 1;
    s->status = status;
    s->line = line;
    s->len = len;
    s->bytes = bytes;
}

/* Write every line that has all its predecessors written. */
static int flush_ready(bpool *p)
{
    while (p->next_out < p->next_seq) {
        slot *s = &p->ring[p->next_out % p->window];
        if (!s->ready)
            break;
        int rc = 0;
        if (s->status != BR_SKIPPED)
            rc = bout_write(p->output, s->line, s->len);
        if (s->status == BR_OK)
            p->counts.ok++;
        else if (s->status == BR_FAILED)
            p->counts.failed++;
        else
            p->counts.skipped++;
        p->counts.bytes += s->bytes;
        free(s->line);
        memset(s, 0, sizeof *s);
        p->next_out++;
        if (rc < 0)
            return -1;
    }
    return 0;
}

static int give_job(worker *w, uint64_t seq, const bjob *job)
{
    job_hdr h = {seq, job->lineno, (uint64_t)job->kind, job->len};
    size_t n = sizeof h + job->len;
    char *f = malloc(n);
    if (!f)
        return -1;
    memcpy(f, &h, sizeof h);
    if (job->len)
        memcpy(f + sizeof h, job->data, job->len);
    w->q[w->qn++] = (pending){seq, f, n};
    return 0;
}

/* Drop the oldest queued job (its result came, or it got an error record). */
static void pop(worker *w)
{
    free(w->q[0].frame);
    memmove(&w->q[0], &w->q[1], (size_t)(w->qn - 1) * sizeof w->q[0]);
    w->qn--;
    if (w->qsent > 0)
        w->qsent--;
    else
        w->off = 0;
}

/* A worker went away: its document gets an error record, a new worker
 * takes its place. */
static int replace(bpool *p, int i)
{
    worker *w = &p->w[i];
    kill(w->pid, SIGKILL); /* it may only have closed its pipe */
    int st;
    reap(w, &st);
    if (w->qn) { /* the oldest job is the one it died on; the rest go to its successor */
        uint64_t seq = w->q[0].seq;
        char msg[160];
        int code = AM_EIO;
        if (WIFSIGNALED(st) && WTERMSIG(st) == SIGALRM)
            code = AM_ELIMIT;
        if (code == AM_ELIMIT)
            snprintf(msg, sizeof msg, "timed out after %u s (--timeout); its worker was "
                     "stopped", p->o->timeout);
        else if (WIFSIGNALED(st))
            snprintf(msg, sizeof msg, "the worker analysing it died of signal %d (%s)",
                     WTERMSIG(st), strsignal(WTERMSIG(st)));
        else
            snprintf(msg, sizeof msg, "the worker analysing it stopped (exit %d)",
                     WIFEXITED(st) ? WEXITSTATUS(st) : -1);
        /* the parent still has the job frame: take the id from it */
        const job_hdr *h = (const job_hdr *)(const void *)w->q[0].frame;
        char *id = NULL;
        const char *data = w->q[0].frame + sizeof *h;
        if (h->kind == BJ_FILE) {
            id = strndup(data, h->len);
        } else if (h->kind == BJ_LINE) {
            am_batch_input in;
            am_batch_input_parse(&in, data, h->len);
            id = in.id ? strdup(in.id) : NULL;
            am_batch_input_clear(&in);
        }
        char *line = NULL;
        size_t len = 0;
        char full[200];
        if (h->lineno)
            snprintf(full, sizeof full, "line %llu: %s", (unsigned long long)h->lineno, msg);
        int err = am_batch_error_record(&line, &len, id, (size_t)h->lineno, code,
                                        h->lineno ? full : msg);
        free(id);
        if (err < 0) {
            cli_error("batch", "out of memory");
            return -1;
        }
        put_result(p, seq, BR_FAILED, line, len, h->len);
        pop(w);
    }
    if (spawn(p, i) < 0) {
        cli_error("batch", "cannot start a worker: %s", strerror(errno));
        return -1;
    }
    return 0;
}

/* Take every whole result frame out of w->in. */
static int take_results(bpool *p, worker *w)
{
    size_t off = 0;
    while (w->inlen - off >= sizeof(res_hdr)) {
        res_hdr r;
        memcpy(&r, w->in + off, sizeof r);
        if (w->inlen - off - sizeof r < r.len)
            break;
        char *line = NULL;
        if (r.len) {
            if (!(line = malloc(r.len))) {
                cli_error("batch", "out of memory");
                return -1;
            }
            memcpy(line, w->in + off + sizeof r, r.len);
        }
        if (!w->qn || r.seq != w->q[0].seq) { /* cannot happen: results come in order */
            free(line);
            cli_error("batch", "internal error: result %llu out of order",
                      (unsigned long long)r.seq);
            return -1;
        }
        put_result(p, r.seq, (int)r.status, line, r.len, r.bytes);
        pop(w);
        off += sizeof r + r.len;
    }
    memmove(w->in, w->in + off, w->inlen - off);
    w->inlen -= off;
    return 0;
}

/* Read what a worker sent: 0, 1 when it is gone (EOF or error), -1 fatal. */
static int pull(bpool *p, worker *w)
{
    for (;;) {
        if (w->incap - w->inlen < 65536) {
            size_t nc = w->incap ? w->incap * 2 : 131072;
            char *nb = realloc(w->in, nc);
            if (!nb) {
                cli_error("batch", "out of memory");
                return -1;
            }
            w->in = nb;
            w->incap = nc;
        }
        ssize_t k = read(w->from, w->in + w->inlen, w->incap - w->inlen);
        if (k > 0) {
            w->inlen += (size_t)k;
            continue;
        }
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return take_results(p, w);
        if (take_results(p, w) < 0)
            return -1;
        return 1;
    }
}

/* Write more of a pending job: 0, 1 when the worker is gone. */
static int push(worker *w)
{
    while (w->qsent < w->qn) {
        pending *j = &w->q[w->qsent];
        ssize_t k = write(w->to, j->frame + w->off, j->len - w->off);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return 0;
        if (k < 0)
            return 1;
        w->off += (size_t)k;
        if (w->off == j->len) {
            w->qsent++;
            w->off = 0;
        }
    }
    return 0;
}

int bpool_run(bpool *p, binputs *in, volatile const sig_atomic_t *stop,
              void (*progress)(const bcounts *c, void *arg), void *arg)
{
    int input_done = 0, rc = 0;
    double last = now();
    struct pollfd *fds = calloc((size_t)p->n * 2, sizeof *fds);
    int *who = calloc((size_t)p->n * 2, sizeof *who);
    if (!fds || !who) {
        cli_error("batch", "out of memory");
        rc = -1;
        goto done;
    }
    for (;;) {
        if (*stop)
            break;
        /* write what is ready first: it frees room in the window */
        if (flush_ready(p) < 0) {
            rc = -1;
            goto done;
        }
        /* hand out jobs while a worker is free and the window has room */
        for (int i = 0; i < p->n && !input_done; i++) {
            worker *w = &p->w[i];
            while (w->qn < DEPTH && !input_done && p->next_seq < p->next_out + p->window) {
                bjob job;
                int r = binputs_next(in, &job);
                if (r < 0) {
                    rc = -1;
                    goto done;
                }
                if (r == 0) {
                    input_done = 1;
                    break;
                }
                uint64_t seq = p->next_seq++;
                if (job.kind == BJ_ERROR) { /* nothing to analyse */
                    char *line = NULL;
                    size_t len = 0;
                    uint64_t bytes = 0;
                    if (bwork_run(p->o, &job, &line, &len, &bytes) < 0) {
                        cli_error("batch", "out of memory");
                        rc = -1;
                        goto done;
                    }
                    put_result(p, seq, BR_FAILED, line, len, 0);
                    continue;
                }
                if (give_job(w, seq, &job) < 0) {
                    cli_error("batch", "out of memory");
                    rc = -1;
                    goto done;
                }
                if (push(w) == 1 && replace(p, i) < 0) {
                    rc = -1;
                    goto done;
                }
            }
        }
        if (flush_ready(p) < 0) {
            rc = -1;
            goto done;
        }
        int queued = 0, room = 0;
        for (int i = 0; i < p->n; i++) {
            queued += p->w[i].qn;
            room |= p->w[i].qn < DEPTH;
        }
        if (input_done && !queued && p->next_out == p->next_seq)
            break;
        if (!input_done && room && p->next_seq < p->next_out + p->window)
            continue; /* the flush made room: hand out more before waiting */
        int nf = 0;
        for (int i = 0; i < p->n; i++) {
            worker *w = &p->w[i];
            fds[nf] = (struct pollfd){w->from, POLLIN, 0};
            who[nf++] = i;
            if (w->qsent < w->qn) {
                fds[nf] = (struct pollfd){w->to, POLLOUT, 0};
                who[nf++] = i;
            }
        }
        /* a bounded wait: a signal landing just before poll() is seen within 0.5 s */
        int k = poll(fds, (nfds_t)nf, 500);
        if (k < 0 && errno != EINTR) {
            cli_error("batch", "poll: %s", strerror(errno));
            rc = -1;
            goto done;
        }
        for (int f = 0; k > 0 && f < nf; f++) {
            worker *w = &p->w[who[f]];
            if (!fds[f].revents || fds[f].fd != (fds[f].events == POLLIN ? w->from : w->to))
                continue; /* the worker was replaced in this round */
            int gone = fds[f].events == POLLIN ? pull(p, w) : push(w);
            if (gone < 0) {
                rc = -1;
                goto done;
            }
            if (gone == 1 && replace(p, who[f]) < 0) {
                rc = -1;
                goto done;
            }
        }
        if (progress && now() - last >= 0.5) {
            progress(&p->counts, arg);
            last = now();
        }
    }
    /* on a stop, lines already complete and in order still go out */
    if (flush_ready(p) < 0)
        rc = -1;
done:
    free(fds);
    free(who);
    return rc;
}
