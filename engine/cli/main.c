/*
 * main.c - the argmap command: a table of subcommands.
 *
 * Each subcommand lives in its own cmd_<name>.c and owns its options and
 * --help. Exit codes: 0 ok, 1 findings, 2 usage, 3 input or I/O error.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const cli_command commands[] = {
    {"analyze", cmd_analyze, "analyse articles into argument maps (JSON)"},
    {"render", cmd_render, "draw an argument map (SVG, PNG, PDF, JSON, DOT)"},
    {"report", cmd_report, "an HTML report: the map, the article, claims and sources"},
    {"chains", cmd_chains, "list a claim's support chains, strongest first"},
    {"compare", cmd_compare, "compare two claims, two articles, or a map with a gold map"},
    {"batch", cmd_batch, "analyse many articles: one JSON line each, in parallel"},
    {"aggregate", cmd_aggregate, "corpus figures from the output of batch"},
    {"convert", cmd_convert, "convert maps: AIF, Argdown, GraphML, DOT, microtext XML, JSON"},
    {"train", cmd_train, "train the argument models from the corpora, or score them"},
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *f)
{
    fprintf(f, "usage: argmap <command> [options] [FILE...]\n"
               "       argmap --version | --help\n\n"
               "Turn articles into argument maps: claims, evidence, sources and how\n"
               "each claim is supported.\n\ncommands:\n");
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n'argmap <command> --help' tells more. Exit codes: 0 ok, 1 findings,\n"
               "2 usage, 3 input or I/O error.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return EXIT_OK;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
        printf("argmap %s (JSON schema %s)\n", AM_VERSION, AM_SCHEMA_VERSION);
        return EXIT_OK;
    }
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    cli_error(NULL, "unknown command '%s' (see 'argmap --help')", argv[1]);
    return EXIT_USAGE;
}
