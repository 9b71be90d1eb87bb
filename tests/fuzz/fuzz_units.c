/* fuzz_units.c - libFuzzer harness for gold units: the bytes after the
 * first NUL (or the second half) are a unit list (lines or JSON), the bytes
 * before it the document; the whole analysis then runs with those units
 * in place of the segmentation, so locating units and the classify and
 * relate stages meet odd units (empty, overlapping, repeated, not found).
 * Errors other than the documented ones are findings. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "argmap.h"

static am_model *model;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!model && am_model_load(&model, getenv("ARGMAP_MODELS") ? getenv("ARGMAP_MODELS") : "models") < 0)
        abort();
    const uint8_t *nul = memchr(data, 0, size);
    size_t split = nul ? (size_t)(nul - data) : size / 2;
    const char *units_data = (const char *)data + split + (nul ? 1 : 0);
    size_t units_len = size - split - (nul ? 1 : 0);
    char **units = NULL;
    size_t n = 0;
    int err = am_units_parse(&units, &n, "fuzz", units_data, units_len, 1000);
    if (err < 0) {
        if (err != AM_EPARSE && err != AM_ELIMIT && err != AM_ENOMEM)
            abort();
        return 0;
    }
    am_load_options lo;
    am_load_options_init(&lo);
    lo.format = AM_FORMAT_TEXT;
    lo.replace_invalid = 1;
    am_document *doc = NULL;
    am_map *map = NULL;
    char *json = NULL;
    err = am_document_load_memory(&doc, "f.txt", (const char *)data, split, &lo);
    if (err == 0) {
        am_analyze_options ao;
        am_analyze_options_init(&ao);
        ao.units = (const char *const *)units;
        ao.units_count = n;
        if ((err = am_analyze(&map, doc, model, &ao)) == 0)
            err = am_map_to_json(&json, NULL, map, AM_JSON_COMPACT);
    }
    if (err < 0 && err != AM_EPARSE && err != AM_ELIMIT && err != AM_ENOMEM)
        abort();
    am_free(json);
    am_map_free(map);
    am_document_free(doc);
    am_units_free(units, n);
    return 0;
}
