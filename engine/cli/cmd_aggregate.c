/*
 * cmd_aggregate.c - `argmap aggregate`: figures over the output of batch.
 *
 * Reads results files line by line (the library keeps only running totals
 * and short ranked lists, so any length fits in the same memory) and
 * prints the corpus figures for people, or as JSON.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define CMD "aggregate"

static void help(FILE *f)
{
    fprintf(f,
        "usage: argmap aggregate [options] [RESULTS.jsonl...]\n\n"
        "Corpus figures from the output of 'argmap batch' (stdin when no file or\n"
        "'-'): documents and failures, the evidence-type mix, the most-cited\n"
        "sources, unsupported claims per document, and documents ranked by\n"
        "support depth. A figure that the records do not carry is reported as\n"
        "missing, not guessed.\n\n"
        "options:\n"
        "      --json     one JSON object instead of text\n"
        "      --top N    entries in each ranked list (default 10)\n"
        "      --max-bytes N  leave out lines over N bytes (K, M, G suffixes;\n"
        "                 default 256M: a --full record is ~3 times its document)\n"
        "  -q, --quiet    no warnings for lines that are not records\n"
        "  -h, --help     this help\n\n"
        "exit codes: 0 ok, 2 usage, 3 a file could not be read or a line was not a\n"
        "record (the figures are printed all the same)\n");
}

/* Lines longer than this are left out (--max-bytes). */
#define AGG_DEFAULT_MAX_LINE ((size_t)256 << 20)

/* Read one line (its newline dropped) into *buf, keeping at most max bytes
 * of it; returns the line's whole length, or -1 at the end of the file or
 * on a read error (*oom set when memory ran out). A longer line is read to
 * its end and not kept, so memory stays within max however long the lines
 * of the file are (getline would hold a whole line of any length). */
static ssize_t read_line(FILE *f, char **buf, size_t *cap, size_t max, int *oom)
{
    size_t n = 0;
    int c, any = 0;
    while ((c = getc_unlocked(f)) != EOF) {
        any = 1;
        if (c == '\n')
            break;
        if (n < max + 1) {
            if (n + 1 >= *cap) {
                size_t ncap = *cap ? *cap * 2 : 4096;
                if (ncap > max + 2)
                    ncap = max + 2;
                char *nb = realloc(*buf, ncap);
                if (!nb) {
                    *oom = 1;
                    return -1;
                }
                *buf = nb;
                *cap = ncap;
            }
            (*buf)[n] = (char)c;
        }
        n++;
    }
    if (!any)
        return -1;
    if (*buf)
        (*buf)[n < max + 1 ? n : max + 1] = '\0';
    return (ssize_t)n;
}

static int read_file(am_corpus *c, const char *path, int quiet, size_t max, size_t *bad)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    const char *name = strcmp(path, "-") ? path : "<stdin>";
    if (!f) {
        cli_error(CMD, "%s: cannot open: %s", name, strerror(errno));
        return -1;
    }
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t n;
    int rc = 0, oom = 0;
    while ((n = read_line(f, &line, &cap, max, &oom)) >= 0) {
        lineno++;
        size_t len = (size_t)n;
        if (len > max) {
            ++*bad;
            if (!quiet)
                cli_warn(CMD, "%s: line %zu: longer than %zu bytes, the limit (--max-bytes)",
                         name, lineno, max);
            continue;
        }
        while (len && line[len - 1] == '\r')
            len--;
        if (!len)
            continue;
        int err = am_corpus_add(c, line, len);
        if (err == AM_ENOMEM) {
            cli_error(CMD, "out of memory");
            rc = -1;
            break;
        }
        if (err < 0) {
            ++*bad;
            if (!quiet)
                cli_warn(CMD, "%s: line %zu: %s", name, lineno, am_error_last());
        }
    }
    if (oom) {
        cli_error(CMD, "out of memory");
        rc = -1;
    }
    if (ferror(f)) {
        cli_error(CMD, "%s: read error: %s", name, strerror(errno));
        rc = -1;
    }
    free(line);
    if (f != stdin)
        fclose(f);
    return rc;
}

int cmd_aggregate(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"json", no_argument, NULL, 'J'},
        {"top", required_argument, NULL, 't'},
        {"max-bytes", required_argument, NULL, 'B'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    am_corpus_options co;
    am_corpus_options_init(&co);
    int json = 0, quiet = 0, c;
    size_t max_line = AGG_DEFAULT_MAX_LINE;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'J': json = 1; break;
        case 't': {
            long v = strtol(optarg, &end, 10);
            if (*end || end == optarg || v < 1 || v > 100000) {
                cli_error(CMD, "--top: '%s' is not a number from 1 to 100000", optarg);
                return EXIT_USAGE;
            }
            co.top = (size_t)v;
            break;
        }
        case 'B':
            if (cli_parse_size(optarg, &max_line) < 0 || max_line == 0) {
                cli_error(CMD, "--max-bytes: '%s' is not a positive size", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'q': quiet = 1; break;
        case 'h': help(stdout); return EXIT_OK;
        default:
            cli_error(CMD, "unknown or incomplete option '%s' (see 'argmap aggregate --help')",
                      argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    am_corpus *corpus = NULL;
    if (am_corpus_new(&corpus, &co) < 0) {
        cli_error(CMD, "%s", am_error_last());
        return EXIT_INPUT;
    }
    int rc = EXIT_OK;
    size_t bad = 0;
    if (optind == argc) {
        if (read_file(corpus, "-", quiet, max_line, &bad) < 0)
            rc = EXIT_INPUT;
    }
    for (int i = optind; i < argc; i++)
        if (read_file(corpus, argv[i], quiet, max_line, &bad) < 0)
            rc = EXIT_INPUT;
    char *report = NULL;
    if (am_corpus_report(&report, corpus, json ? AM_CORPUS_JSON : AM_CORPUS_TEXT) < 0) {
        cli_error(CMD, "%s", am_error_last());
        rc = EXIT_INPUT;
    } else {
        fputs(report, stdout);
        am_free(report);
    }
    if (bad) {
        if (!quiet)
            cli_warn(CMD, "%zu lines were not batch records and were left out", bad);
        rc = EXIT_INPUT;
    }
    am_corpus_free(corpus);
    if (fflush(stdout) != 0)
        rc = EXIT_INPUT;
    return rc;
}
