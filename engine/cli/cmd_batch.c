/*
 * cmd_batch.c - `argmap batch`: many articles in, one JSON line each out.
 *
 * The command a script or a cluster calls. Inputs are files, folders
 * (walked in sorted order) or JSON Lines on stdin; the output has one line
 * per input document in input order, whatever the number of workers: a
 * summary record, or an error record naming the document, so one bad
 * document never stops the run. Reading stdin and writing stdout is the
 * whole contract a Hadoop Streaming mapper, Spark's pipe() or GNU parallel
 * --pipe needs (docs/batch.md).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"

#define CMD "batch"
#define MAX_JOBS 256

static void help(FILE *f)
{
    fprintf(f,
        "usage: argmap batch [options] INPUT...\n\n"
        "Analyse many documents; write one JSON line per document, in input order\n"
        "whatever --jobs is. INPUT is a file, a folder (searched recursively for\n"
        ".txt .md .markdown .html .htm, in sorted order), or '-' for JSON Lines on\n"
        "stdin: {\"id\": ..., \"text\": ...} or {\"id\": ..., \"path\": ...}, with an\n"
        "optional \"format\". Each output line is {\"id\": ..., \"summary\": {...}} or,\n"
        "for a document that failed, {\"id\": ..., \"error\": {\"code\", \"message\"}}\n"
        "(with \"line\" for a stdin line). Formats: docs/batch.md.\n\n"
        "options:\n"
        "  -o, --output FILE     write to FILE (default stdout); lines are written\n"
        "                        whole as they are ready, so a stopped run leaves\n"
        "                        valid JSON Lines\n"
        "  -j, --jobs N          worker processes (default: the number of CPUs)\n"
        "      --full            add the whole argument map to each line (\"map\")\n"
        "      --render FMT      also draw each map (svg, png, pdf, dot, json) into\n"
        "                        --out-dir DIR, as DIR/NAME-HASH.FMT: NAME the id\n"
        "                        made safe for a file name, HASH the FNV-1a hash of\n"
        "                        the id (a failed drawing is an error record)\n"
        "      --out-dir DIR     the folder for --render (made if missing)\n"
        "      --resume          skip documents whose id is already in --output and\n"
        "                        append the rest (a torn last line is cut off)\n"
        "      --timeout SECS    give up on a document after SECS seconds\n"
        "  -f, --format FMT      input format: auto (by extension; stdin text is\n"
        "                        text), text, markdown, html\n"
        "      --max-bytes N     refuse documents (and stdin lines) over N bytes\n"
        "                        (K, M, G suffixes; default 64M)\n"
        "      --max-units N     refuse documents with more than N units\n"
        "                        (default 100000)\n"
        "      --replace-invalid turn invalid UTF-8 into U+FFFD instead of failing\n"
        "      --models DIR      the models folder\n"
        "      --exit-zero       exit 0 even when documents failed (for Hadoop and\n"
        "                        Spark, where a non-zero exit fails the task)\n"
        "  -q, --quiet           no progress and no final count on stderr\n"
        "  -h, --help            this help\n\n"
        "Progress (documents/s, time left) shows on stderr when it is a terminal.\n"
        "exit codes: 0 all documents analysed, 2 usage, 3 a document failed or\n"
        "an I/O error, 130/143 stopped by SIGINT/SIGTERM (lines written so far are\n"
        "whole; --resume continues)\n");
}

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
    stop_signal = sig;
}

typedef struct {
    double start;
    long total;    /* documents, or -1 when unknown (stdin) */
} progress_state;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void progress(const bcounts *c, void *arg)
{
    progress_state *ps = arg;
    double t = now() - ps->start;
    size_t done = c->ok + c->failed + c->skipped;
    size_t work = c->ok + c->failed;
    double rate = t > 0 ? (double)work / t : 0;
    fprintf(stderr, "\r\033[K%s: %zu documents", cli_prog, done);
    if (ps->total >= 0)
        fprintf(stderr, " of %ld", ps->total);
    fprintf(stderr, " (%zu failed), %.1f/s, %.2f MB/s", c->failed, rate,
            t > 0 ? (double)c->bytes / 1e6 / t : 0.0);
    if (ps->total > 0 && rate > 0 && (long)done <= ps->total) {
        double left = (double)(ps->total - (long)done) / rate;
        fprintf(stderr, ", %d:%02d left", (int)(left / 60), (int)left % 60);
    }
    fflush(stderr);
}

int cmd_batch(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"jobs", required_argument, NULL, 'j'},
        {"full", no_argument, NULL, 'F'},
        {"render", required_argument, NULL, 'D'},
        {"out-dir", required_argument, NULL, 'O'},
        {"resume", no_argument, NULL, 'R'},
        {"timeout", required_argument, NULL, 'T'},
        {"exit-zero", no_argument, NULL, 'Z'},
        CLI_LONGOPTS_ARTICLE,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    bwork_opts wo = {0};
    cli_input opt; /* the input options, handed to the workers below */
    cli_input_init(&opt);
    const char *output = NULL;
    int resume = 0, exit_zero = 0, c;
    long jobs = sysconf(_SC_NPROCESSORS_ONLN);
    if (jobs < 1)
        jobs = 1;
    if (jobs > MAX_JOBS)
        jobs = MAX_JOBS;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "o:j:f:qh", longopts, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'o': output = optarg; break;
        case 'j':
            jobs = strtol(optarg, &end, 10);
            if (*end || end == optarg || jobs < 1 || jobs > MAX_JOBS) {
                cli_error(CMD, "--jobs: '%s' is not a number from 1 to %d", optarg, MAX_JOBS);
                return EXIT_USAGE;
            }
            break;
        case 'F': wo.full = 1; break;
        case 'D':
            if (strcmp(optarg, "svg") && strcmp(optarg, "png") && strcmp(optarg, "pdf") &&
                strcmp(optarg, "dot") && strcmp(optarg, "json")) {
                cli_error(CMD, "--render: '%s' is not svg, png, pdf, dot or json", optarg);
                return EXIT_USAGE;
            }
            wo.render = optarg;
            break;
        case 'O': wo.out_dir = optarg; break;
        case 'R': resume = 1; break;
        case 'T': {
            long t = strtol(optarg, &end, 10);
            if (*end || end == optarg || t < 1 || t > 86400) {
                cli_error(CMD, "--timeout: '%s' is not a number of seconds (1 to 86400)",
                          optarg);
                return EXIT_USAGE;
            }
            wo.timeout = (unsigned)t;
            break;
        }
        case 'Z': exit_zero = 1; break;
        case 'h': help(stdout); return EXIT_OK;
        default:
            if (cli_input_option_or_usage(&opt, CMD, c, optarg, argv[optind - 1]))
                return EXIT_USAGE;
        }
    }
    wo.load = opt.load;
    wo.analyze = opt.analyze;
    int quiet = opt.quiet;
    if (!wo.render != !wo.out_dir) {
        cli_error(CMD, "--render and --out-dir go together");
        return EXIT_USAGE;
    }
    if (wo.out_dir) {
        struct stat st;
        if (mkdir(wo.out_dir, 0755) != 0 && errno != EEXIST) {
            cli_error(CMD, "--out-dir %s: cannot create: %s", wo.out_dir, strerror(errno));
            return EXIT_INPUT;
        }
        if (stat(wo.out_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
            cli_error(CMD, "--out-dir %s: not a folder", wo.out_dir);
            return EXIT_INPUT;
        }
    }
    if (optind == argc) {
        cli_error(CMD, "no INPUT (give files, folders, or '-' for JSON Lines on stdin)");
        return EXIT_USAGE;
    }
    char **inputs = argv + optind;
    int ninputs = argc - optind;

    int rc = EXIT_INPUT;
    am_model *model = NULL;
    bset *done = NULL;
    binputs *in = NULL;
    bpool *pool = NULL;
    bout out = {.fd = -1};
    size_t kept = 0;
    if (binputs_open(&in, inputs, ninputs, wo.load.max_bytes) < 0) {
        rc = EXIT_USAGE;
        goto done;
    }
    if (!(model = cli_load_model(CMD, opt.models)))
        goto done;
    wo.model = model;
    if (bout_open(&out, output, resume, &done, &kept) < 0)
        goto done;
    wo.done = done;
    if (resume && !quiet)
        fprintf(stderr, "%s: %s: %zu records already in %s\n", cli_prog, CMD, kept, output);

    /* SIGINT/SIGTERM/SIGHUP: finish the line being written, then stop */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    binputs_set_stop(in, &stop_signal);

    /* Room for slow documents: up to 8 per worker between the oldest line
     * not yet written and the newest document handed out. */
    size_t window = (size_t)jobs * 8;
    if (bpool_start(&pool, &wo, (int)jobs, window, &out) < 0)
        goto done;
    int show = !quiet && isatty(2);
    progress_state ps = {now(), show ? binputs_count(inputs, ninputs) : -1};
    int run = bpool_run(pool, in, &stop_signal, show ? progress : NULL, &ps);
    const bcounts cnt = *bpool_counts(pool);
    bpool_free(pool);
    pool = NULL;
    if (bout_close(&out) < 0)
        run = -1;
    if (show)
        fputs("\r\033[K", stderr);
    double t = now() - ps.start;
    if (!quiet) {
        fprintf(stderr, "%s: %s: %zu documents: %zu analysed, %zu failed", cli_prog, CMD,
                cnt.ok + cnt.failed + cnt.skipped, cnt.ok, cnt.failed);
        if (resume)
            fprintf(stderr, ", %zu already done (--resume)", cnt.skipped);
        fprintf(stderr, " in %.1f s", t);
        if (stop_signal)
            fprintf(stderr, "; stopped by signal %d (run again with --resume to go on)",
                    (int)stop_signal);
        fputc('\n', stderr);
    }
    if (stop_signal)
        rc = 128 + (int)stop_signal;
    else if (run < 0)
        rc = EXIT_INPUT;
    else if (cnt.failed && !exit_zero)
        rc = EXIT_INPUT;
    else
        rc = EXIT_OK;
done:
    bpool_free(pool);
    if (out.fd >= 0)
        bout_close(&out);
    binputs_free(in);
    bset_free(done);
    am_model_free(model);
    return rc;
}
