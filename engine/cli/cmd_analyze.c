/*
 * cmd_analyze.c - `argmap analyze`: articles in, argument maps out as JSON.
 *
 * One input gives one JSON document (pretty unless --compact); several give
 * JSON Lines, one line per input in the order given, with an error record
 * for an input that fails, so that no input goes missing from the output.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define CMD "analyze"

static void help(FILE *f)
{
    fprintf(f,
        "usage: argmap analyze [options] [FILE...]\n\n"
        "Analyse each FILE (or stdin, given as '-' or no FILE) into an argument map\n"
        "and print it as JSON (schema: docs/schema.json). Several inputs give JSON\n"
        "Lines: one compact line per input, in order; a failed input gives a line\n"
        "{\"name\": ..., \"error\": {\"code\": ..., \"message\": ...}}.\n\n"
        "options:\n"
        "  -o, --output FILE     write to FILE (whole or not at all) instead of stdout\n"
        "  -f, --format FMT      input format: auto (by extension; stdin is text),\n"
        "                        text, markdown, html\n"
        "      --compact         one-line JSON\n"
        "      --summary         print a short summary for people; the JSON then goes\n"
        "                        only to --output, if given\n"
        "      --max-bytes N     refuse inputs over N bytes (K, M, G suffixes;\n"
        "                        default 64M)\n"
        "      --replace-invalid turn invalid UTF-8 into U+FFFD instead of failing\n"
        "      --max-units N     refuse documents with more than N units\n"
        "                        (default 100000)\n"
        "      --models DIR      the models folder (default: $ARGMAP_MODELS, or the\n"
        "                        one installed with argmap)\n"
        "      --units FILE      gold units: one unit a line, or a JSON array of\n"
        "                        strings; found in the text in order, they replace\n"
        "                        the segmentation (to score structure apart from it)\n"
        "  -q, --quiet           no warnings on stderr\n"
        "  -h, --help            this help\n\n"
        "exit codes: 0 ok, 2 usage, 3 an input could not be read or analysed\n");
}

typedef struct {
    cli_input in; /* always an article: analyze does not import maps */
    const am_model *model;
    int compact;
} opts_t;

/* Analyse one input; on success *json (and optionally *summary) are set.
 * Prints the error. */
static int run_one(const opts_t *o, const char *path, char **json, char **summary)
{
    am_document *doc = NULL;
    am_map *map = NULL;
    int err = cli_open_map(CMD, &o->in, path, o->model, NULL, &doc, &map);
    if (err < 0)
        return err;
    if (json && (err = am_map_to_json(json, NULL, map, o->compact ? AM_JSON_COMPACT : 0)) < 0)
        goto fail;
    if (summary && (err = am_map_summary(summary, map)) < 0) {
        if (json) {
            am_free(*json);
            *json = NULL;
        }
        goto fail;
    }
    goto done;
fail:
    if (*am_error_last())
        cli_error(CMD, "%s", am_error_last());
done:
    am_map_free(map);
    am_document_free(doc);
    return err;
}

static void put_json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

/* A JSON Lines error record. Written here rather than through cJSON because
 * formats/ is cJSON's only door; names and messages are valid UTF-8 or
 * come from the command line. */
static void error_record(FILE *f, const char *name, int code, const char *msg)
{
    fputs("{\"name\":", f);
    put_json_string(f, name);
    fprintf(f, ",\"error\":{\"code\":\"%s\",\"message\":", am_error_name(code));
    put_json_string(f, msg);
    fputs("}}\n", f);
}

/* Read and parse the --units file; prints the error and returns -1. */
static int read_units(const char *path, size_t max_bytes, size_t max_units, char ***units,
                      size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        cli_error(CMD, "--units %s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    char *buf = NULL;
    size_t len = 0, cap = 0;
    int rc = 0;
    for (;;) {
        if (len == cap) {
            cap = cap ? cap * 2 : 65536;
            char *nb = realloc(buf, cap);
            if (!nb) {
                cli_error(CMD, "--units %s: out of memory", path);
                rc = -1;
                break;
            }
            buf = nb;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (len > max_bytes) {
            cli_error(CMD, "--units %s: larger than %zu bytes", path, max_bytes);
            rc = -1;
            break;
        }
        if (got == 0) {
            if (ferror(f)) {
                cli_error(CMD, "--units %s: read error", path);
                rc = -1;
            }
            break;
        }
    }
    fclose(f);
    if (rc == 0 && am_units_parse(units, n, path, buf, len, max_units) < 0) {
        cli_error(CMD, "%s", am_error_last());
        rc = -1;
    }
    if (rc == 0 && *n == 0) {
        cli_error(CMD, "--units %s: no units in the file", path);
        rc = -1;
    }
    free(buf);
    return rc;
}

int cmd_analyze(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"compact", no_argument, NULL, 'c'},
        {"summary", no_argument, NULL, 's'},
        {"units", required_argument, NULL, 'G'},
        CLI_LONGOPTS_ARTICLE,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    opts_t o = {0};
    cli_input_init(&o.in);
    const char *output = NULL, *units_path = NULL;
    int want_summary = 0, c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "o:f:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': output = optarg; break;
        case 'c': o.compact = 1; break;
        case 's': want_summary = 1; break;
        case 'G': units_path = optarg; break;
        case 'h': help(stdout); return EXIT_OK;
        default:
            if (cli_input_option_or_usage(&o.in, CMD, c, optarg, argv[optind - 1]))
                return EXIT_USAGE;
        }
    }
    o.in.kind = CLI_IN_ARTICLE; /* -f auto too: by extension, stdin as text */
    char *stdin_only[] = {"-"};
    char **inputs = optind < argc ? argv + optind : stdin_only;
    int ninputs = optind < argc ? argc - optind : 1;
    int lines = ninputs > 1;
    if (lines)
        o.compact = 1;

    char **units = NULL;
    size_t nunits = 0;
    if (units_path) {
        if (read_units(units_path, o.in.load.max_bytes, o.in.analyze.max_units, &units,
                       &nunits) < 0)
            return EXIT_INPUT;
        o.in.analyze.units = (const char *const *)units;
        o.in.analyze.units_count = nunits;
    }
    am_model *model = cli_load_model(CMD, o.in.models);
    if (!model) {
        am_units_free(units, nunits);
        return EXIT_INPUT;
    }
    o.model = model;

    int rc = EXIT_OK;
    cli_out out = {0};
    int want_json = !want_summary || output;
    if (want_json && cli_out_open(&out, CMD, output) < 0) {
        am_model_free(model);
        am_units_free(units, nunits);
        return EXIT_INPUT;
    }
    for (int i = 0; i < ninputs; i++) {
        char *json = NULL, *summary = NULL;
        am_error_clear();
        int err = run_one(&o, inputs[i], want_json ? &json : NULL,
                          want_summary ? &summary : NULL);
        if (err < 0) { /* printed by run_one */
            const char *msg = am_error_last();
            rc = EXIT_INPUT;
            if (!lines)
                break;
            if (want_json)
                error_record(out.f, strcmp(inputs[i], "-") ? inputs[i] : "<stdin>", err,
                             *msg ? msg : "could not be read");
            continue;
        }
        if (json) {
            fputs(json, out.f);
            fputc('\n', out.f);
        }
        if (summary)
            fputs(summary, stdout);
        am_free(json);
        am_free(summary);
    }
    if (want_json) {
        if (rc != EXIT_OK && !lines)
            cli_out_abort(&out); /* a single failed input leaves no output file */
        else if (cli_out_commit(&out, CMD) < 0)
            rc = EXIT_INPUT;
    }
    am_model_free(model);
    am_units_free(units, nunits);
    return rc;
}
