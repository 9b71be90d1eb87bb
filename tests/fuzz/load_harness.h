/* load_harness.h - the body of the loader-alone harnesses
 * (fuzz_load_text.c, fuzz_load_markdown.c, fuzz_load_html.c): load the
 * bytes in one format, with invalid UTF-8 both refused and replaced; only
 * the documented errors may come back, and every paragraph and title span
 * must lie inside the source. */
#ifndef AM_FUZZ_LOAD_HARNESS_H
#define AM_FUZZ_LOAD_HARNESS_H

#include <stdint.h>
#include <stdlib.h>

#include "argmap.h"

static int fuzz_load(const uint8_t *data, size_t size, am_format format)
{
    for (int replace = 0; replace < 2; replace++) {
        am_load_options lo;
        am_load_options_init(&lo);
        lo.format = format;
        lo.replace_invalid = replace;
        am_document *doc = NULL;
        int err = am_document_load_memory(&doc, "fuzz", (const char *)data, size, &lo);
        if (err < 0 && err != AM_EPARSE && err != AM_ELIMIT && err != AM_ENOMEM)
            abort();
        if (err == 0) {
            size_t len;
            am_document_source(doc, &len);
            size_t n = am_document_paragraph_count(doc);
            for (size_t i = 0; i < n; i++) {
                am_span sp;
                am_block_kind kind;
                if (am_document_paragraph(doc, i, &sp, &kind) != 0 || sp.start > sp.end || sp.end > len)
                    abort();
            }
            am_span t;
            if (am_document_title(doc, &t) && (t.start > t.end || t.end > len))
                abort();
        }
        am_document_free(doc);
    }
    return 0;
}

#endif
