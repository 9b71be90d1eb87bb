/* fuzz_load_html.c - libFuzzer harness: the loader alone, format html
 * (see load_harness.h). */
#include "load_harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_load(data, size, AM_FORMAT_HTML);
}
