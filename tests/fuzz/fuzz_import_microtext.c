/* fuzz_import_microtext.c - libFuzzer harness: raw bytes through am_map_import
 * as AM_IMPORT_MICROTEXT, then every exporter (see fuzz_import.h). */
#include "fuzz_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_import(data, size, AM_IMPORT_MICROTEXT);
}
