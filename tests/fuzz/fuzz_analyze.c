/* fuzz_analyze.c - libFuzzer harness: raw bytes through loading (the
 * format picked by the first byte), the whole analysis, JSON and the
 * summary. Any crash, leak, sanitizer report or error code other than the
 * documented ones is a finding. */
#include <stdint.h>
#include <stdlib.h>

#include "argmap.h"

static am_model *model;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!model && am_model_load(&model, getenv("ARGMAP_MODELS") ? getenv("ARGMAP_MODELS") : "models") < 0)
        abort(); /* the harness needs the project's models folder */
    if (size == 0)
        return 0;
    static const char *names[] = {"f.txt", "f.md", "f.html"};
    const char *name = names[data[0] % 3];
    am_load_options lo;
    am_load_options_init(&lo);
    lo.replace_invalid = data[0] & 4;
    am_document *doc = NULL;
    am_map *map = NULL;
    char *json = NULL, *summary = NULL;
    int err = am_document_load_memory(&doc, name, (const char *)data + 1, size - 1, &lo);
    if (err == 0 && (err = am_analyze(&map, doc, model, NULL)) == 0 &&
        (err = am_map_to_json(&json, NULL, map, data[0] & 8 ? AM_JSON_COMPACT : 0)) == 0)
        err = am_map_summary(&summary, map);
    if (err < 0 && err != AM_EPARSE && err != AM_ELIMIT && err != AM_ENOMEM)
        abort(); /* an error the library does not document for this input */
    am_free(summary);
    am_free(json);
    am_map_free(map);
    am_document_free(doc);
    return 0;
}
