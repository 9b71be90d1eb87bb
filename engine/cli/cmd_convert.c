/*
 * cmd_convert.c - `argmap convert`: a map from one format to another.
 *
 * The input is an AIF nodeset, a microtext XML file, or an article (text,
 * Markdown, HTML), which is analysed first. Its type comes from -t, else
 * from the file name's extension, else from the first bytes. The output is
 * AIF JSON, Argdown, GraphML or argmap's JSON, written whole or not at all.
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define CMD "convert"

static void help(FILE *f)
{
    fprintf(f,
        "usage: argmap convert [options] -f FORMAT [IN]\n\n"
        "Convert an argument map. IN (or stdin, given as '-' or no IN) is an AIF\n"
        "nodeset (AIFdb, OVA), a microtext corpus XML file, argmap's own JSON, or\n"
        "an article, which is analysed first. See docs/interchange.md.\n\n"
        "options:\n"
        "  -f, --to FORMAT       output: aif, argdown, graphml, json, dot (the graph as\n"
        "                        argmap render -T dot draws it)\n"
        "  -t, --from TYPE       input: aif, microtext, json, text, markdown, html, or\n"
        "                        auto (default: by extension - .json is AIF or\n"
        "                        argmap JSON by its \"schema\", .xml is microtext,\n"
        "                        .txt/.md/.html an article - else by the first bytes)\n"
        "  -o, --output FILE     write to FILE (whole or not at all) instead of stdout\n"
        "      --compact         one-line JSON (aif, json)\n"
        "      --max-bytes N     refuse inputs over N bytes (K, M, G suffixes;\n"
        "                        default 64M)\n"
        "      --max-nodes N     refuse imports with more than N nodes or edges\n"
        "                        (default 100000)\n"
        "      --max-depth N     refuse JSON nested deeper than N levels (default\n"
        "                        64, at most 1000)\n"
        "      --models DIR      the models folder, for articles\n"
        "  -q, --quiet           no warnings on stderr\n"
        "  -h, --help            this help\n\n"
        "exit codes: 0 ok, 2 usage, 3 the input could not be read or converted\n");
}

typedef enum { OUT_AIF, OUT_ARGDOWN, OUT_GRAPHML, OUT_JSON, OUT_DOT } out_kind;

int cmd_convert(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"to", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"compact", no_argument, NULL, 'c'},
        CLI_LONGOPT_FROM,
        CLI_LONGOPT_MAX_BYTES,
        CLI_LONGOPT_MAX_NODES,
        CLI_LONGOPT_MAX_DEPTH,
        CLI_LONGOPT_MODELS,
        CLI_LONGOPT_QUIET,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *output = NULL, *to = NULL;
    cli_input in;
    cli_input_init(&in);
    int compact = 0, c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "f:t:o:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'f': to = optarg; break;
        case 'o': output = optarg; break;
        case 'c': compact = 1; break;
        case 'h': help(stdout); return EXIT_OK;
        default: /* -f is --to here, not --format: taken above */
            if (cli_input_option_or_usage(&in, CMD, c, optarg, argv[optind - 1]))
                return EXIT_USAGE;
        }
    }
    out_kind ok;
    if (!to) {
        cli_error(CMD, "no output format: give -f aif, argdown, graphml or json");
        return EXIT_USAGE;
    } else if (!strcmp(to, "aif")) {
        ok = OUT_AIF;
    } else if (!strcmp(to, "argdown")) {
        ok = OUT_ARGDOWN;
    } else if (!strcmp(to, "graphml")) {
        ok = OUT_GRAPHML;
    } else if (!strcmp(to, "json")) {
        ok = OUT_JSON;
    } else if (!strcmp(to, "dot")) {
        ok = OUT_DOT;
    } else {
        cli_error(CMD, "-f: unknown output format '%s' (aif, argdown, graphml, dot or json)", to);
        return EXIT_USAGE;
    }
    if (argc - optind > 1) {
        cli_error(CMD, "one input at a time (got %d)", argc - optind);
        return EXIT_USAGE;
    }
    const char *path = optind < argc ? argv[optind] : "-";
    int rc = EXIT_INPUT, err;
    am_model *model = NULL;
    am_document *doc = NULL;
    am_map *map = NULL;
    char *text = NULL;
    size_t text_len = 0;
    if (cli_open_map(CMD, &in, path, NULL, &model, &doc, &map) < 0)
        goto done;
    switch (ok) {
    case OUT_AIF: err = am_map_to_aif(&text, &text_len, map, compact ? AM_JSON_COMPACT : 0); break;
    case OUT_ARGDOWN: err = am_map_to_argdown(&text, &text_len, map); break;
    case OUT_GRAPHML: err = am_map_to_graphml(&text, &text_len, map); break;
    case OUT_DOT: { /* the graph as argmap draws it, before layout */
        am_render_options ro;
        am_render_options_init(&ro);
        ro.format = "dot";
        err = am_map_render(&text, &text_len, map, &ro, NULL);
        break;
    }
    default: err = am_map_to_json(&text, &text_len, map, compact ? AM_JSON_COMPACT : 0); break;
    }
    if (err < 0)
        goto fail;
    rc = cli_write_whole(CMD, output, text, text_len, text_len && text[text_len - 1] != '\n');
    goto done;
fail:
    cli_error(CMD, "%s", *am_error_last() ? am_error_last() : "failed");
done:
    am_free(text);
    am_map_free(map);
    am_document_free(doc);
    am_model_free(model);
    return rc;
}
