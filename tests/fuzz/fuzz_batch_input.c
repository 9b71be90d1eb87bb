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

static int same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

/* data ends with '}' after something other than the opening brace: read
 * it as is and with ,"n":1 before that brace; both readers must agree. */
static void both_readers(const uint8_t *data, size_t size)
{
    size_t end = size;
    while (end && (data[end - 1] == ' ' || data[end - 1] == '\n'))
        end--;
    if (end < 3 || data[end - 1] != '}')
        return;
    char *b = malloc(end + 8);
    if (!b)
        return;
    memcpy(b, data, end - 1);
    memcpy(b + end - 1, ",\"n\":1}", 7);
    am_batch_input x, y;
    memset(&x, 0, sizeof x);
    memset(&y, 0, sizeof y);
    int ex = am_batch_input_parse(&x, (const char *)data, end);
    int ey = am_batch_input_parse(&y, b, end + 6);
    if (ex == 0 && ey == 0) {
        if (!same_str(x.id, y.id) || !same_str(x.path, y.path) || x.format != y.format ||
            !x.text != !y.text ||
            (x.text && (x.text_len != y.text_len || memcmp(x.text, y.text, x.text_len))))
            abort(); /* the two readers read the same line differently */
    } else if (ex == 0 && ey == AM_EPARSE) {
        abort(); /* the one-pass reader took a line cJSON refuses */
    }
    am_batch_input_clear(&x);
    am_batch_input_clear(&y);
    free(b);
}
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
    both_readers(data, size);
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
