/*
 * batch.h - the parts of `argmap batch` (internal to cli/).
 *
 *   batch_inputs.c  what to analyse: files, directories walked in sorted
 *                   order, JSON Lines on stdin - one job at a time
 *   batch_out.c     the output file: whole-line writes, --resume (ids
 *                   already done, a torn last line cut off)
 *   batch_pool.c    worker processes, the job/result protocol, the
 *                   reorder buffer that keeps output in input order
 *   batch_work.c    one document in a worker: job in, one line out
 *   cmd_batch.c     options, progress, the final count, exit codes
 */
#ifndef AM_CLI_BATCH_H
#define AM_CLI_BATCH_H

#include <stddef.h>
#include <stdint.h>
#include <signal.h>
#include <sys/types.h>

#include "cli.h"

/* ---------------------------------------------------------- inputs */

enum {
    BJ_FILE = 1, /* data: a path (NUL-terminated) */
    BJ_LINE = 2, /* data: one JSON line from stdin (without '\n') */
    BJ_LONG = 3, /* a stdin line over the limit: no data, lineno set */
    BJ_ERROR = 4 /* data: the error message; id: what failed (a directory) */
};

typedef struct {
    int kind;
    char *data;    /* owned by the iterator; valid until the next call */
    size_t len;
    size_t lineno; /* stdin line number, from 1 */
} bjob;

typedef struct binputs binputs;

/* args: the INPUT operands ("-" = JSON Lines on stdin, at most once).
 * max_line: longer stdin lines become BJ_LONG. */
int binputs_open(binputs **out, char **args, int n, size_t max_line);
/* 1 and *job filled, 0 at the end, -1 on a fatal error (printed). */
int binputs_next(binputs *in, bjob *job);
void binputs_free(binputs *in);
/* A read of stdin interrupted by a signal ends the input when *stop is set. */
void binputs_set_stop(binputs *in, volatile const sig_atomic_t *stop);
/* How many documents the file and directory operands hold (walks the
 * directories once more), or -1 when stdin is among them or the walk fails. */
long binputs_count(char **args, int n);

/* ------------------------------------------------------- id set */

typedef struct bset bset;
int bset_new(bset **out);
void bset_free(bset *s);
/* 0 added (or already there), -1 out of memory */
int bset_add(bset *s, const char *key);
int bset_has(const bset *s, const char *key);
size_t bset_size(const bset *s);
/* The key of a record without an id: "\x01line:N" (cannot be a real id's start). */
void bset_line_key(char *buf, size_t n, size_t lineno);

/* ------------------------------------------------------ output */

typedef struct {
    int fd;
    const char *name; /* for messages */
    int is_file;
} bout;

/* Open the output: stdout for NULL or "-". With resume, read the ids already
 * there into *done (created), cut a torn last line, and append. Prints the
 * error and returns -1 on failure. */
int bout_open(bout *o, const char *path, int resume, bset **done, size_t *kept);
/* Write one whole line with SIGINT/SIGTERM held off, so a signal can never
 * leave half a line. 0 or -1 (printed). */
int bout_write(bout *o, const char *line, size_t len);
int bout_close(bout *o);

/* ------------------------------------------------------ workers */

typedef struct {
    am_load_options load;
    am_analyze_options analyze;
    const am_model *model;
    const bset *done;   /* ids to skip (--resume), may be NULL */
    int full;           /* --full */
    unsigned timeout;   /* seconds per document, 0 = none */
    const char *render; /* --render FMT: also draw each map, or NULL */
    const char *out_dir;/* --out-dir: where the drawings go */
} bwork_opts;

/* The file a document's drawing goes to: DIR/NAME-HASH.FMT, where NAME is
 * the id with every byte outside [A-Za-z0-9._-] made '_' (at most 80) and
 * HASH the 64-bit FNV-1a of the whole id in hex, so that distinct ids never
 * share a file. */
void bwork_render_path(char *buf, size_t n, const char *dir, const char *id, const char *fmt);

enum {
    BR_OK = 0,      /* a summary record */
    BR_FAILED = 1,  /* an error record */
    BR_SKIPPED = 2  /* already in the output (--resume): no line */
};

/* Analyse one job into one output line (a summary or an error record):
 * what each worker process runs. *bytes gets the input size. */
int bwork_run(const bwork_opts *o, const bjob *job, char **line, size_t *len, uint64_t *bytes);

typedef struct bpool bpool;

typedef struct {
    size_t ok, failed, skipped;
    uint64_t bytes;
} bcounts;

/* Start `jobs` worker processes; `window` bounds the documents between the
 * oldest unwritten one and the newest handed out (memory stays flat). */
int bpool_start(bpool **out, const bwork_opts *o, int jobs, size_t window, bout *output);
/* Run every job of `in` through the workers and write the lines in input
 * order. Stops early, after the current line, when *stop becomes nonzero.
 * progress (may be NULL) is called about twice a second. 0, or -1 on a
 * fatal error (printed). */
int bpool_run(bpool *p, binputs *in, volatile const sig_atomic_t *stop,
              void (*progress)(const bcounts *c, void *arg), void *arg);
const bcounts *bpool_counts(const bpool *p);
/* Kill and reap any workers left, free everything. */
void bpool_free(bpool *p);

#endif
