/* fuzz_import.h - the body shared by the importer harnesses: the bytes as
 * one import format, then, when they import, every output the map has
 * (argmap JSON, AIF, Argdown, GraphML, the summary), so that a map that
 * imports but breaks an exporter is found too. Small limits keep each run
 * fast; the limits themselves are part of what is fuzzed. */
#ifndef AM_FUZZ_IMPORT_H
#define AM_FUZZ_IMPORT_H
#include <stdint.h>
#include <stdlib.h>

#include "argmap.h"

static int fuzz_import(const uint8_t *data, size_t size, am_import_format fmt)
{
    am_import_options o;
    am_import_options_init(&o);
    o.max_nodes = 2000;
    o.max_depth = 64;
    am_map *map = NULL;
    char *out = NULL;
    int err = am_map_import(&map, "fuzz", (const char *)data, size, fmt, &o);
    if (err == 0) {
        if ((err = am_map_to_json(&out, NULL, map, 0)) == 0) { am_free(out); out = NULL; }
        if (err == 0 && (err = am_map_to_aif(&out, NULL, map, AM_JSON_COMPACT)) == 0) { am_free(out); out = NULL; }
        if (err == 0 && (err = am_map_to_argdown(&out, NULL, map)) == 0) { am_free(out); out = NULL; }
        if (err == 0 && (err = am_map_to_graphml(&out, NULL, map)) == 0) { am_free(out); out = NULL; }
        if (err == 0 && (err = am_map_summary(&out, map)) == 0) { am_free(out); out = NULL; }
        /* Exporters must not fail on a map the importer accepted. */
        if (err < 0 && err != AM_ENOMEM && err != AM_ELIMIT)
            abort();
        err = 0;
    }
    if (err < 0 && err != AM_EPARSE && err != AM_ELIMIT && err != AM_ENOMEM)
        abort(); /* an error the library does not document for this input */
    am_free(out);
    am_map_free(map);
    return 0;
}
#endif
