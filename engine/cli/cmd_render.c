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
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "o:f:T:qh", rcli_longopts, NULL)) != -1) {
        if (c == 'h') {
            help(stdout);
            return EXIT_OK;
        }
        if (c == 'T') {
            o.render.format = optarg;
            continue;
        }
        int r = rcli_option(&o, CMD, c, optarg);
        if (r < 0)
            return EXIT_USAGE;
        if (r == 0) {
            cli_error(CMD, "unknown or incomplete option '%s' (see 'argmap render --help')",
                      argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    const char *fmt = o.render.format;
    if (strcmp(fmt, "svg") && strcmp(fmt, "png") && strcmp(fmt, "pdf") && strcmp(fmt, "json") &&
        strcmp(fmt, "dot")) {
        cli_error(CMD, "-T %s: unknown output format (svg, png, pdf, json, dot)", fmt);
        return EXIT_USAGE;
    }
    if (argc - optind != 1) {
        cli_error(CMD, "expected one input FILE (or '-'), got %d (see 'argmap render --help')",
                  argc - optind);
        return EXIT_USAGE;
    }
    am_model *model;
    am_document *doc;
    am_map *map;
    int rc = rcli_load(CMD, &o, argv[optind], &model, &doc, &map);
    char *data = NULL;
    size_t len = 0;
    am_render_info info;
    cli_out out = {0};
    if (rc)
        goto done;
    am_error_clear();
    int err = am_map_render(&data, &len, map, &o.render, &info);
    if (err < 0) {
        cli_error(CMD, "%s", am_error_last());
        rc = rcli_exit_code(err);
        goto done;
    }
    rcli_note(CMD, &o, &info);
    if (cli_out_open(&out, CMD, o.output) < 0) {
        rc = EXIT_INPUT;
        goto done;
    }
    fwrite(data, 1, len, out.f);
    if (cli_out_commit(&out, CMD) < 0)
        rc = EXIT_INPUT;
done:
    am_free(data);
    am_map_free(map);
    am_document_free(doc);
    am_model_free(model);
    return rc;
}
