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
    int rc = rcli_parse(&o, CMD, argc, argv, 0, help);
    if (rc >= 0)
        return rc;
    return rcli_run(CMD, &o, argc - optind, argv + optind, am_map_report);
}
