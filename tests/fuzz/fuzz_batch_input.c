/* fuzz_batch_input.c - libFuzzer harness: one `argmap batch` input line
 * through am_batch_input_parse, and one output line through
 * am_batch_record_id (what --resume reads). Both read untrusted JSON.
 * Also a differential check: text the allocation-free syntax checker
 * (formats/jsonsyntax.c) accepts must be text cJSON reads, or a parse
 * failure would be reported as out of memory. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "argmap.h"
#include "formats/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    am_batch_input in;
    memset(&in, 0, sizeof in);
    int err = am_batch_input_parse(&in, (const char *)data, size);
    if (err == 0) {
        if (!in.id || (in.text == NULL) == (in.path == NULL))
            abort(); /* success promises an id and exactly one of text and path */
        if (in.text && memchr(in.text, 0, in.text_len))
            abort(); /* the text may hold no NUL */
    } else if (err != AM_EPARSE && err != AM_ELIMIT && err != AM_ENOMEM) {
        abort();
    }
    am_batch_input_clear(&in);
    char *id = NULL;
    size_t line = 0;
    err = am_batch_record_id(&id, &line, (const char *)data, size);
    if (err < 0 && err != AM_EPARSE && err != AM_ELIMIT && err != AM_ENOMEM)
        abort();
    am_free(id);
    if (am_json_syntax_ok((const char *)data, size)) {
        const char *end = NULL;
        cJSON *root = cJSON_ParseWithLengthOpts((const char *)data, size, &end, 0);
        if (!root)
            abort(); /* the checker is laxer than cJSON here */
        cJSON_Delete(root);
    }
    return 0;
}
