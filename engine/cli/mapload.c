/*
 * mapload.c - load one input and analyse it, for the subcommands that
 * query a map (chains, compare).
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
    am_document *doc = NULL;
    am_map *map = NULL;
    int err;
    am_error_clear();
    if (!strcmp(path, "-")) {
        size_t len;
        char *buf = cli_read_stdin(cmd, lo_in->max_bytes, &len);
        if (!buf)
            return AM_EIO;
        am_load_options lo = *lo_in;
        if (lo.format == AM_FORMAT_AUTO)
            lo.format = AM_FORMAT_TEXT;
        err = am_document_load_memory(&doc, "<stdin>", buf, len, &lo);
        free(buf);
    } else {
        err = am_document_load_file(&doc, path, lo_in);
    }
    if (err < 0)
        goto fail;
    if (!quiet)
        for (size_t i = 0; i < am_document_warning_count(doc); i++)
            cli_warn(cmd, "%s", am_document_warning(doc, i));
    am_analyze_options ao;
    am_analyze_options_init(&ao);
    if (max_units)
        ao.max_units = max_units;
    if ((err = am_analyze(&map, doc, model, &ao)) < 0)
        goto fail;
    *doc_out = doc;
    *map_out = map;
    return 0;
fail:
    if (*am_error_last())
        cli_error(cmd, "%s", am_error_last());
    am_map_free(map);
    am_document_free(doc);
    return err;
}
