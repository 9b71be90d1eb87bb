/* fuzz_aggregate.c - libFuzzer harness: the lines `argmap aggregate` reads
 * (output records of batch, from anywhere) through am_corpus_add, then
 * both reports. The input is split at newlines, as the command does. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "argmap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    am_corpus_options co;
    am_corpus_options_init(&co);
    co.top = 3;
    co.max_sources = 8;
    am_corpus *c = NULL;
    if (am_corpus_new(&c, &co) < 0)
        return 0;
    const char *p = (const char *)data, *end = p + size;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        int err = am_corpus_add(c, p, n);
        if (err < 0 && err != AM_EPARSE && err != AM_ENOMEM)
            abort();
        p += n + 1;
    }
    char *out = NULL;
    for (int flags = 0; flags < 2; flags++) {
        int err = am_corpus_report(&out, c, flags);
        if (err < 0 && err != AM_ENOMEM)
            abort();
        am_free(out);
        out = NULL;
    }
    am_corpus_free(c);
    return 0;
}
