/*
 * cmd_report.c - `argmap report`: an article in, one self-contained HTML
 * page out (the map, the article with its units, claims, sources, chains).
 */
#include <stdlib.h>
#include <string.h>

#include "render_opts.h"

#define CMD "report"

static void help(FILE *f)
{
    fprintf(f,
        "usage: argmap report [options] FILE -o report.html\n\n"
        "Analyse FILE (or stdin, given as '-') and write one self-contained HTML\n"
        "page: the map (inline SVG), the article with its units highlighted by\n"
        "kind (click a node to find its text, click text to find its node), and\n"
        "tables of claims (unsupported first), sources and support chains.\n"
        "Nothing is fetched when the page is opened; it prints well. FILE may\n"
        "also be a saved map (.json, .aif, .xml).\n\n"
        "options (the drawing options are those of 'argmap render'):\n"
        "%s\n"
        "exit codes: 0 ok, 2 usage, 3 input, I/O, layout error or time limit\n",
        rcli_help);
}

int cmd_report(int argc, char **argv)
{
    rcli o;
    rcli_init(&o);
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "o:f:qh", rcli_longopts, NULL)) != -1) {
        if (c == 'h') {
            help(stdout);
            return EXIT_OK;
        }
        int r = c == 'T' ? 0 : rcli_option(&o, CMD, c, optarg);
        if (r < 0)
            return EXIT_USAGE;
        if (r == 0) {
            cli_error(CMD, "unknown or incomplete option '%s' (see 'argmap report --help')",
                      argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    return rcli_run(CMD, &o, argc - optind, argv + optind, am_map_report);
}
