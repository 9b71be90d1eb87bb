/*
 * util.c - messages, sizes, model lookup and whole-file output for the
 * subcommands.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

#ifndef AM_MODEL_DIR
#define AM_MODEL_DIR "/usr/local/share/argmap/models"
#endif

const char *cli_prog = "argmap";

static void vmsg(const char *kind, const char *cmd, const char *fmt, va_list ap)
{
    fprintf(stderr, "%s: ", cli_prog);
    if (cmd)
        fprintf(stderr, "%s: ", cmd);
    if (kind)
        fprintf(stderr, "%s: ", kind);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void cli_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmsg(NULL, cmd, fmt, ap);
    va_end(ap);
}

void cli_warn(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmsg("warning", cmd, fmt, ap);
    va_end(ap);
}

int cli_parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    if (!s || !*s || *s == '-')
        return -1;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s)
        return -1;
    unsigned shift = 0;
    if (*end == 'K' || *end == 'k') shift = 10;
    else if (*end == 'M' || *end == 'm') shift = 20;
    else if (*end == 'G' || *end == 'g') shift = 30;
    if (shift)
        end++;
    if (*end)
        return -1;
    if (v > (ULLONG_MAX >> shift) || (v << shift) > SIZE_MAX)
        return -1;
    *out = (size_t)(v << shift);
    return 0;
}

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

am_model *cli_load_model(const char *cmd, const char *dir)
{
    char buf[PATH_MAX + 64];
    const char *pick = dir;
    if (!pick)
        pick = getenv("ARGMAP_MODELS");
    if (!pick || !*pick) {
        pick = NULL;
        char exe[PATH_MAX];
        ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
        if (n > 0) {
            exe[n] = '\0';
            char *slash = strrchr(exe, '/');
            if (slash) {
                *slash = '\0';
                snprintf(buf, sizeof buf, "%s/../models", exe);
                if (!is_dir(buf))
                    snprintf(buf, sizeof buf, "%s/../share/argmap/models", exe);
                if (is_dir(buf))
                    pick = buf;
            }
        }
        if (!pick)
            pick = AM_MODEL_DIR;
    }
    am_model *m = NULL;
    if (am_model_load(&m, pick) < 0) {
        cli_error(cmd, "%s", am_error_last());
        return NULL;
    }
    return m;
}

int cli_out_open(cli_out *o, const char *cmd, const char *path)
{
    memset(o, 0, sizeof *o);
    if (!path || !strcmp(path, "-")) {
        o->f = stdout;
        return 0;
    }
    size_t n = strlen(path);
    o->path = strdup(path);
    o->tmp = malloc(n + 16);
    if (!o->path || !o->tmp) {
        cli_error(cmd, "out of memory");
        cli_out_abort(o);
        return -1;
    }
    snprintf(o->tmp, n + 16, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        cli_error(cmd, "%s: cannot write: %s", path, strerror(errno));
        free(o->tmp);
        o->tmp = NULL;
        cli_out_abort(o);
        return -1;
    }
    fchmod(fd, 0644);
    o->f = fdopen(fd, "wb");
    if (!o->f) {
        close(fd);
        cli_error(cmd, "%s: cannot write: %s", path, strerror(errno));
        cli_out_abort(o);
        return -1;
    }
    return 0;
}

int cli_out_commit(cli_out *o, const char *cmd)
{
    if (o->f == stdout) {
        if (fflush(stdout) != 0 || ferror(stdout)) {
            cli_error(cmd, "<stdout>: write error: %s", strerror(errno));
            return -1;
        }
        o->f = NULL;
        return 0;
    }
    int bad = ferror(o->f) != 0;
    if (fclose(o->f) != 0)
        bad = 1;
    o->f = NULL;
    if (bad || rename(o->tmp, o->path) != 0) {
        cli_error(cmd, "%s: write error: %s", o->path, strerror(errno));
        cli_out_abort(o);
        return -1;
    }
    free(o->tmp);
    free(o->path);
    o->tmp = o->path = NULL;
    return 0;
}

void cli_out_abort(cli_out *o)
{
    if (o->f && o->f != stdout)
        fclose(o->f);
    if (o->tmp)
        unlink(o->tmp);
    free(o->tmp);
    free(o->path);
    memset(o, 0, sizeof *o);
}

int cli_write_whole(const char *cmd, const char *path, const char *data, size_t len,
                    int newline)
{
    cli_out out;
    if (cli_out_open(&out, cmd, path) < 0)
        return EXIT_INPUT;
    fwrite(data, 1, len, out.f);
    if (newline)
        fputc('\n', out.f);
    return cli_out_commit(&out, cmd) < 0 ? EXIT_INPUT : EXIT_OK;
}

char *cli_read_stdin(const char *cmd, size_t max, size_t *len)
{
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    if (!buf) {
        cli_error(cmd, "out of memory");
        return NULL;
    }
    for (;;) {
        if (n == cap) {
            char *p = realloc(buf, cap * 2);
            if (!p) {
                free(buf);
                cli_error(cmd, "out of memory");
                return NULL;
            }
            buf = p;
            cap *= 2;
        }
        size_t k = fread(buf + n, 1, cap - n, stdin);
        n += k;
        if (n > max) {
            free(buf);
            cli_error(cmd, "<stdin>: more than %zu bytes, the limit (--max-bytes)", max);
            return NULL;
        }
        if (k == 0) {
            if (ferror(stdin)) {
                free(buf);
                cli_error(cmd, "<stdin>: read error: %s", strerror(errno));
                return NULL;
            }
            break;
        }
    }
    *len = n;
    return buf;
}
