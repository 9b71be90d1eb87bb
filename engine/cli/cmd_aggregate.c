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
        "  -q, --quiet    no warnings for lines that are not records\n"
        "  -h, --help     this help\n\n"
        "exit codes: 0 ok, 2 usage, 3 a file could not be read or a line was not a\n"
        "record (the figures are printed all the same)\n");
}

static int read_file(am_corpus *c, const char *path, int quiet, size_t *bad)
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
    int rc = 0;
    while ((n = getline(&line, &cap, f)) > 0) {
        lineno++;
        size_t len = (size_t)n;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
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
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    am_corpus_options co;
    am_corpus_options_init(&co);
    int json = 0, quiet = 0, c;
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
        if (read_file(corpus, "-", quiet, &bad) < 0)
            rc = EXIT_INPUT;
    }
    for (int i = optind; i < argc; i++)
        if (read_file(corpus, argv[i], quiet, &bad) < 0)
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
