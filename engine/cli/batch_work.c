/*
 * batch_work.c - one document of a batch run, as a worker process does it:
 * job in, exactly one output line (or a skip) out.
 *
 * Every failure becomes an error record naming the document (its id, or
 * for a stdin line that has none, the line number), so one bad document
 * never stops the run and never goes missing from the output.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"

/* A way for the tests to make a worker die or hang on one document:
 * ARGMAP_BATCH_FAULT=crash:ID or hang:ID. Read once per process. */
static void test_fault(const char *id)
{
    static int init;
    static const char *spec;
    if (!init) {
        spec = getenv("ARGMAP_BATCH_FAULT");
        init = 1;
    }
    if (!spec || !id)
        return;
    if (!strncmp(spec, "crash:", 6) && !strcmp(spec + 6, id)) {
        signal(SIGABRT, SIG_DFL); /* a plain death by signal, even under ASan */
        raise(SIGABRT);
    }
    if (!strncmp(spec, "hang:", 5) && !strcmp(spec + 5, id))
        for (;;)
            pause();
}

static int error_line(char **line, size_t *len, const char *id, size_t lineno, int code,
                      const char *msg)
{
    char buf[64];
    const char *m = msg && *msg ? msg : "failed";
    char *full = NULL;
    if (lineno) { /* name the line: ids may repeat, line numbers don't */
        snprintf(buf, sizeof buf, "line %zu: ", lineno);
        size_t n = strlen(buf) + strlen(m) + 1;
        if ((full = malloc(n)))
            snprintf(full, n, "%s%s", buf, m);
    }
    int err = am_batch_error_record(line, len, id, lineno, code, full ? full : m);
    free(full);
    return err < 0 ? err : BR_FAILED;
}

void bwork_render_path(char *buf, size_t n, const char *dir, const char *id, const char *fmt)
{
    uint64_t h = 1469598103934665603ULL;
    for (const unsigned char *p = (const unsigned char *)id; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    char name[81];
    size_t k = 0;
    for (const char *p = id; *p && k < sizeof name - 1; p++) {
        char c = *p;
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '.' || c == '_' || c == '-';
        name[k++] = ok ? c : '_';
    }
    name[k] = '\0';
    snprintf(buf, n, "%s/%s-%016llx.%s", dir, name, (unsigned long long)h, fmt);
}

/* Draw the map into its file, written whole (temporary name, then rename).
 * On failure *why gets the message. */
static int render_file(const bwork_opts *o, const am_map *map, const char *id, char *why,
                       size_t whyn)
{
    am_render_options ro;
    am_render_options_init(&ro);
    ro.format = o->render;
    char *bytes = NULL;
    size_t n = 0;
    int err = am_map_render(&bytes, &n, map, &ro, NULL);
    if (err < 0) {
        snprintf(why, whyn, "render: %s", am_error_last());
        return err;
    }
    char path[4096], tmp[4200];
    bwork_render_path(path, sizeof path, o->out_dir, id, o->render);
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    int bad = !f || fwrite(bytes, 1, n, f) != n;
    if (f && fclose(f) != 0)
        bad = 1;
    am_free(bytes);
    if (bad || rename(tmp, path) != 0) {
        snprintf(why, whyn, "render: %s: cannot write: %s", path, strerror(errno));
        unlink(tmp);
        return AM_EIO;
    }
    return 0;
}

static int analyse(const bwork_opts *o, am_document *doc, const char *id, char **line,
                   size_t *len, size_t lineno)
{
    am_map *map = NULL;
    char why[4400] = "";
    int err = am_analyze(&map, doc, o->model, &o->analyze);
    if (err >= 0 && o->render && id)
        err = render_file(o, map, id, why, sizeof why);
    if (err >= 0)
        err = am_batch_record(line, len, id, map, o->full ? AM_RECORD_FULL : 0);
    am_map_free(map);
    if (err < 0)
        return error_line(line, len, id, lineno, err, *why ? why : am_error_last());
    return BR_OK;
}

int bwork_run(const bwork_opts *o, const bjob *job, char **line, size_t *len, uint64_t *bytes)
{
    am_document *doc = NULL;
    am_batch_input in = {0};
    int rc, err;
    *bytes = job->len;
    am_error_clear();
    switch (job->kind) {
    case BJ_FILE: {
        const char *id = job->data;
        if (bset_has(o->done, id))
            return BR_SKIPPED;
        test_fault(id);
        if ((err = am_document_load_file(&doc, id, &o->load)) < 0)
            return error_line(line, len, id, 0, err, am_error_last());
        size_t n;
        am_document_source(doc, &n);
        *bytes = n;
        rc = analyse(o, doc, id, line, len, 0);
        am_document_free(doc);
        return rc;
    }
    case BJ_LONG: {
        char key[48];
        bset_line_key(key, sizeof key, job->lineno);
        if (bset_has(o->done, key))
            return BR_SKIPPED;
        char msg[96];
        snprintf(msg, sizeof msg, "longer than %zu bytes, the limit (--max-bytes)",
                 o->load.max_bytes);
        return error_line(line, len, NULL, job->lineno, AM_ELIMIT, msg);
    }
    case BJ_LINE:
        err = am_batch_input_parse(&in, job->data, job->len);
        if (in.id && bset_has(o->done, in.id)) {
            am_batch_input_clear(&in);
            return BR_SKIPPED;
        }
        if (err < 0) {
            char key[48];
            bset_line_key(key, sizeof key, job->lineno);
            if (!in.id && bset_has(o->done, key))
                rc = BR_SKIPPED;
            else
                rc = error_line(line, len, in.id, job->lineno, err, am_error_last());
            am_batch_input_clear(&in);
            return rc;
        }
        test_fault(in.id);
        am_load_options lo = o->load;
        if (in.format != AM_FORMAT_AUTO)
            lo.format = in.format;
        if (in.text) {
            if (lo.format == AM_FORMAT_AUTO)
                lo.format = AM_FORMAT_TEXT; /* an id is not a file name */
            *bytes = in.text_len;
            err = am_document_load_memory(&doc, in.id, in.text, in.text_len, &lo);
        } else {
            err = am_document_load_file(&doc, in.path, &lo);
            if (err >= 0) {
                size_t n;
                am_document_source(doc, &n);
                *bytes = n;
            }
        }
        if (err < 0)
            rc = error_line(line, len, in.id, job->lineno, err, am_error_last());
        else
            rc = analyse(o, doc, in.id, line, len, job->lineno);
        am_document_free(doc);
        am_batch_input_clear(&in);
        return rc;
    default: /* BJ_ERROR: data = id, then the message after its NUL */
        return error_line(line, len, job->data, 0, AM_EIO, job->data + job->len + 1);
    }
}
