/*
 * cmd_render.c - `argmap render`: an article in, its argument map drawn as
 * SVG, PNG, PDF, Graphviz JSON or DOT out.
 */
#include <stdlib.h>
#include <string.h>

#include "render_opts.h"

#define CMD "render"

static void help(FILE *f)
{
    fprintf(f,
        "usage: argmap render [options] FILE\n\n"
        "Analyse FILE (or stdin, given as '-') and draw its argument map with\n"
        "Graphviz: claims as boxes (the major claim doubled), evidence shaped and\n"
        "coloured by type, sources as their own nodes; supports solid, attacks\n"
        "dashed with a tee head, undercuts dotted onto a point on the edge they\n"
        "attack. Edges point toward what they back. FILE may also be a saved map\n"
        "(argmap JSON or AIF as .json/.aif, microtext XML as .xml), drawn as it is.\n\n"
        "options:\n"
        "  -T, --to FMT          svg (default), png, pdf, json (Graphviz's JSON with\n"
        "                        the layout), dot (the graph before layout)\n"
        "%s\n"
        "exit codes: 0 ok, 2 usage, 3 input, I/O, layout error or time limit\n",
        rcli_help);
}

int cmd_render(int argc, char **argv)
{
    rcli o;
    rcli_init(&o);
    int rc = rcli_parse(&o, CMD, argc, argv, 1, help);
    if (rc >= 0)
        return rc;
    const char *fmt = o.render.format;
    if (strcmp(fmt, "svg") && strcmp(fmt, "png") && strcmp(fmt, "pdf") && strcmp(fmt, "json") &&
        strcmp(fmt, "dot")) {
        cli_error(CMD, "-T %s: unknown output format (svg, png, pdf, json, dot)", fmt);
        return EXIT_USAGE;
    }
    return rcli_run(CMD, &o, argc - optind, argv + optind, am_map_render);
}
