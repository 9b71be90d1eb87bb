/*
 * mapload.c - load one input into a map (an article analysed, or a saved
 * map imported), for the subcommands that query a map (chains, compare).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_load_map(const char *cmd, const char *path, const am_load_options *lo_in,
                 const am_model *model, int quiet, am_document **doc_out, am_map **map_out)
{
    return cli_load_map_units(cmd, path, lo_in, 0, model, quiet, doc_out, map_out);
}

int cli_load_map_units(const char *cmd, const char *path, const am_load_options *lo_in,
                       size_t max_units, const am_model *model, int quiet,
                       am_document **doc_out, am_map **map_out)
{
    cli_input in;
    cli_input_init(&in);
    in.load = *lo_in;
    in.quiet = quiet;
    if (max_units)
        in.analyze.max_units = max_units;
    if (lo_in->format != AM_FORMAT_AUTO)
        in.kind = CLI_IN_ARTICLE;
    return cli_open_map(cmd, &in, path, model, NULL, doc_out, map_out);
}
