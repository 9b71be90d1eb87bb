/*
 * cmd_chains.c - `argmap chains`: the support chains of one claim,
 * strongest first, as text or JSON.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define CMD "chains"

static void help(FILE *f)
{
    fprintf(f,
        "usage: argmap chains [options] FILE\n\n"
        "Analyse FILE ('-' for stdin) and list the support chains of one claim,\n"
        "strongest first: each chain runs from a leaf (evidence or a source with\n"
        "no support of its own) to the claim, with its units and sources.\n"
        "Strength is the product of the relation confidences along the chain;\n"
        "ties go to the shorter chain. Chains are counted in full and listed up\n"
        "to --limit; a note says when the limit cut the list. FILE may also be\n"
        "a saved map: argmap JSON or AIF (.json, .aif), microtext XML (.xml).\n\n"
        "options:\n"
        "      --claim ID|TEXT   the claim: an id (u3) or text found in exactly\n"
        "                        one claim (default: the major claim)\n"
        "      --limit N         list at most N chains (default %d, at most %d)\n"
        "      --json            JSON instead of text (docs/graph.md)\n"
        "      --compact         one-line JSON\n"
        "  -o, --output FILE     write to FILE (whole or not at all)\n"
        CLI_HELP_ARTICLE
        "  -h, --help            this help\n\n"
        "exit codes: 0 ok, 2 usage (also: no such claim, ambiguous text),\n"
        "3 the input could not be read or analysed\n",
        AM_CHAINS_DEFAULT_LIMIT, AM_CHAINS_MAX_LIMIT);
}

int cmd_chains(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"claim", required_argument, NULL, 'C'},
        {"limit", required_argument, NULL, 'l'},
        {"json", no_argument, NULL, 'j'},
        {"compact", no_argument, NULL, 'c'},
        {"output", required_argument, NULL, 'o'},
        CLI_LONGOPTS_ARTICLE,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    cli_input in;
    cli_input_init(&in);
    const char *claim = NULL, *output = NULL;
    size_t limit = AM_CHAINS_DEFAULT_LIMIT;
    int flags = 0, c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "o:f:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'C': claim = optarg; break;
        case 'l': {
            char *end;
            errno = 0;
            unsigned long long v = strtoull(optarg, &end, 10);
            if (errno || end == optarg || *end || *optarg == '-' || v == 0) {
                cli_error(CMD, "--limit: '%s' is not a positive number", optarg);
                return EXIT_USAGE;
            }
            if (v > AM_CHAINS_MAX_LIMIT) {
                cli_error(CMD, "--limit: at most %d chains can be listed", AM_CHAINS_MAX_LIMIT);
                return EXIT_USAGE;
            }
            limit = (size_t)v;
            break;
        }
        case 'j': flags |= AM_OUT_JSON; break;
        case 'c': flags |= AM_JSON_COMPACT; break;
        case 'o': output = optarg; break;
        case 'h': help(stdout); return EXIT_OK;
        default:
            if (cli_input_option_or_usage(&in, CMD, c, optarg, argv[optind - 1]))
                return EXIT_USAGE;
        }
    }
    if (argc - optind != 1) {
        cli_error(CMD, "give one FILE (see 'argmap chains --help')");
        return EXIT_USAGE;
    }
    am_model *model = cli_load_model(CMD, in.models);
    if (!model)
        return EXIT_INPUT;
    am_document *doc = NULL;
    am_map *map = NULL;
    int rc = EXIT_OK;
    char *text = NULL;
    if (cli_open_map(CMD, &in, argv[optind], model, NULL, &doc, &map) < 0) {
        rc = EXIT_INPUT;
        goto done;
    }
    int err = am_map_chains(&text, map, claim, limit, flags);
    if (err < 0) {
        cli_error(CMD, "%s: %s", argv[optind], am_error_last());
        rc = err == AM_ENOTFOUND || err == AM_EINVAL ? EXIT_USAGE : EXIT_INPUT;
        goto done;
    }
    rc = cli_write_whole(CMD, output, text, strlen(text), flags & AM_OUT_JSON);
done:
    am_free(text);
    am_map_free(map);
    am_document_free(doc);
    am_model_free(model);
    return rc;
}
