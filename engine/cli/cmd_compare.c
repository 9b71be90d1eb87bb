/*
 * cmd_compare.c - `argmap compare`: two claims of one article, or the
 * claims of two articles aligned by text similarity, side by side.
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define CMD "compare"

static void help(FILE *f)
{
    fprintf(f,
        "usage: argmap compare [options] FILE --claims ID|TEXT ID|TEXT\n"
        "       argmap compare [options] FILE_A FILE_B\n"
        "       argmap compare --diff GOLD FILE\n\n"
        "The first form puts two claims of one article side by side; the second\n"
        "aligns the claims of two articles by text similarity (TF-IDF cosine\n"
        "over word unigrams and bigrams, greedy one-to-one, at least 0.25) and\n"
        "puts each aligned pair side by side: chains, depth, breadth, evidence\n"
        "types, sources, robustness, acceptability, and the support they share\n"
        "(support units matched the same way, sources by name).\n\n"
        "--diff compares a gold map with another map of the same text (say a\n"
        "microtext XML file with argmap's analysis of its .txt): matched, missing\n"
        "and extra units and edges, with precision, recall and F1, as JSON.\n\n"
        "Each FILE is an article or a saved map: argmap JSON or AIF (.json,\n"
        ".aif) or microtext XML (.xml).\n\n"
        "options:\n"
        "      --claims A B      the two claims (ids like u3, or text found in\n"
        "                        exactly one claim)\n"
        "      --diff            compare a gold map with FILE (JSON report)\n"
        "      --json            JSON instead of text (docs/graph.md)\n"
        "      --compact         one-line JSON\n"
        "  -o, --output FILE     write to FILE (whole or not at all)\n"
        CLI_HELP_ARTICLE
        "  -h, --help            this help\n\n"
        "exit codes: 0 ok, 2 usage (also: no such claim, ambiguous text),\n"
        "3 an input could not be read or analysed\n");
}

int cmd_compare(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"claims", required_argument, NULL, 'C'},
        {"json", no_argument, NULL, 'j'},
        {"diff", no_argument, NULL, 'D'},
        {"compact", no_argument, NULL, 'c'},
        {"output", required_argument, NULL, 'o'},
        CLI_LONGOPTS_ARTICLE,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    cli_input in;
    cli_input_init(&in);
    const char *claims[2] = {NULL, NULL}, *output = NULL;
    int flags = 0, diff = 0, c;
    opterr = 0;
    /* "+": stop at the first operand, so that --claims can take the one
     * after it; operands and options may still be mixed (see below) */
    const char *files[2];
    int nfiles = 0;
    while (optind < argc) {
        c = getopt_long(argc, argv, "+o:f:qh", longopts, NULL);
        if (c == -1) { /* an operand */
            if (nfiles == 2) {
                cli_error(CMD, "too many files (see 'argmap compare --help')");
                return EXIT_USAGE;
            }
            files[nfiles++] = argv[optind++];
            continue;
        }
        switch (c) {
        case 'C':
            if (optind >= argc) {
                cli_error(CMD, "--claims needs two claims");
                return EXIT_USAGE;
            }
            claims[0] = optarg;
            claims[1] = argv[optind++];
            break;
        case 'j': flags |= AM_OUT_JSON; break;
        case 'D': diff = 1; flags |= AM_OUT_JSON; break;
        case 'c': flags |= AM_JSON_COMPACT; break;
        case 'o': output = optarg; break;
        case 'h': help(stdout); return EXIT_OK;
        default:
            if (cli_input_option_or_usage(&in, CMD, c, optarg, argv[optind - 1]))
                return EXIT_USAGE;
        }
    }
    int two_claims = claims[0] != NULL;
    if (diff && two_claims) {
        cli_error(CMD, "--diff and --claims do not go together");
        return EXIT_USAGE;
    }
    if (two_claims ? nfiles != 1 : nfiles != 2) {
        cli_error(CMD, two_claims ? "--claims takes one FILE" : "give two files, or one FILE "
                  "and --claims (see 'argmap compare --help')");
        return EXIT_USAGE;
    }
    if (nfiles == 2 && !strcmp(files[0], "-") && !strcmp(files[1], "-")) {
        cli_error(CMD, "stdin can be only one of the two files");
        return EXIT_USAGE;
    }
    am_model *model = cli_load_model(CMD, in.models);
    if (!model)
        return EXIT_INPUT;
    am_document *doc[2] = {NULL, NULL};
    am_map *map[2] = {NULL, NULL};
    char *text = NULL;
    int rc = EXIT_OK, err;
    for (int i = 0; i < nfiles; i++)
        if (cli_open_map(CMD, &in, files[i], model, NULL, &doc[i], &map[i]) < 0) {
            rc = EXIT_INPUT;
            goto done;
        }
    if (diff)
        err = am_map_diff(&text, NULL, NULL, map[0], map[1], NULL, flags & AM_JSON_COMPACT);
    else if (two_claims)
        err = am_map_compare_claims(&text, map[0], claims[0], claims[1], flags);
    else
        err = am_maps_compare(&text, map[0], map[1], flags);
    if (err < 0) {
        cli_error(CMD, "%s", am_error_last());
        rc = err == AM_ENOTFOUND || err == AM_EINVAL ? EXIT_USAGE : EXIT_INPUT;
        goto done;
    }
    rc = cli_write_whole(CMD, output, text, strlen(text), flags & AM_OUT_JSON);
done:
    am_free(text);
    for (int i = 0; i < 2; i++) {
        am_map_free(map[i]);
        am_document_free(doc[i]);
    }
    am_model_free(model);
    return rc;
}
