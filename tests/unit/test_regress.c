/* test_regress.c - every input that fuzzing found to crash or misbehave,
 * kept under tests/fuzz/regress/HARNESS/, replayed through the same harness
 * code (each harness aborts on what it considers a bug), plus an explicit
 * assertion per bug so that the plain build checks it too, not only the
 * sanitizer build. */
#include "testutil.h"

#include <dirent.h>

/* The harnesses, each under its own name. */
#define LLVMFuzzerTestOneInput fuzz_batch_input_one
#include "../fuzz/fuzz_batch_input.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_import_aif_one
#include "../fuzz/fuzz_import_aif.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_import_json_one
#include "../fuzz/fuzz_import_json.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_import_microtext_one
#include "../fuzz/fuzz_import_microtext.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_load_text_one
#include "../fuzz/fuzz_load_text.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_load_markdown_one
#include "../fuzz/fuzz_load_markdown.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_load_html_one
#include "../fuzz/fuzz_load_html.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_analyze_one
#include "../fuzz/fuzz_analyze.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_aggregate_one
#include "../fuzz/fuzz_aggregate.c"
#undef LLVMFuzzerTestOneInput

typedef int (*harness_fn)(const uint8_t *, size_t);

static const struct {
    const char *name;
    harness_fn fn;
} harnesses[] = {
    {"fuzz_batch_input", fuzz_batch_input_one},
    {"fuzz_import_aif", fuzz_import_aif_one},
    {"fuzz_import_json", fuzz_import_json_one},
    {"fuzz_import_microtext", fuzz_import_microtext_one},
    {"fuzz_load_text", fuzz_load_text_one},
    {"fuzz_load_markdown", fuzz_load_markdown_one},
    {"fuzz_load_html", fuzz_load_html_one},
    {"fuzz_analyze", fuzz_analyze_one},
    {"fuzz_aggregate", fuzz_aggregate_one},
};

static void replay_all(void **state)
{
    (void)state;
    size_t replayed = 0;
    for (size_t h = 0; h < sizeof harnesses / sizeof *harnesses; h++) {
        char dir[256];
        snprintf(dir, sizeof dir, "tests/fuzz/regress/%s", harnesses[h].name);
        DIR *d = opendir(dir);
        if (!d)
            continue;
        struct dirent *e;
        while ((e = readdir(d))) {
            if (e->d_name[0] == '.')
                continue;
            char path[512];
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            FILE *f = fopen(path, "rb");
            assert_non_null(f);
            static uint8_t buf[1 << 20];
            size_t n = fread(buf, 1, sizeof buf, f);
            fclose(f);
            /* A copy of exactly n bytes, so ASan sees reads past the end. */
            uint8_t *copy = malloc(n ? n : 1);
            assert_non_null(copy);
            memcpy(copy, buf, n);
            harnesses[h].fn(copy, n);
            free(copy);
            replayed++;
        }
        closedir(d);
    }
    assert_true(replayed >= 1);
}

/* fuzz_batch_input: "line": 1e62 in a record was cast to size_t (undefined;
 * UBSan stopped). It now counts as no line. */
static void record_line_out_of_range(void **state)
{
    (void)state;
    static const char *const recs[] = {
        "{\"id\":\"a\",\"line\":1e62,\"error\":{}}",
        "{\"id\":\"a\",\"line\":-1e62,\"error\":{}}",
        "{\"id\":\"a\",\"line\":2.5,\"error\":{}}",
        "{\"id\":\"a\",\"line\":1e999,\"error\":{}}",
    };
    for (size_t i = 0; i < sizeof recs / sizeof *recs; i++) {
        char *id = NULL;
        size_t line = 99;
        assert_int_equal(am_batch_record_id(&id, &line, recs[i], strlen(recs[i])), 0);
        assert_string_equal(id, "a");
        assert_int_equal(line, 0);
        am_free(id);
    }
    char *id = NULL;
    size_t line = 0;
    const char *ok = "{\"id\":\"a\",\"line\":12,\"error\":{}}";
    assert_int_equal(am_batch_record_id(&id, &line, ok, strlen(ok)), 0);
    assert_int_equal(line, 12);
    am_free(id);
}

/* fuzz_batch_input: cJSON 1.7.15 refuses a byte-order mark before a
 * one-digit number ("\xEF\xBB\xBF1") that the syntax check accepted, so
 * the line was reported as out of memory instead of not JSON. */
static void bom_line_is_a_parse_error(void **state)
{
    (void)state;
    static const char line[] = "\xEF\xBB\xBF" "1";
    am_batch_input in;
    memset(&in, 0, sizeof in);
    assert_int_equal(am_batch_input_parse(&in, line, sizeof line - 1), AM_EPARSE);
    am_batch_input_clear(&in);
    char *id = NULL;
    size_t n = 0;
    assert_int_equal(am_batch_record_id(&id, &n, line, sizeof line - 1), AM_EPARSE);
}

/* The same cast in the corpus figures: a count of 1e62 is no count. */
static void corpus_count_out_of_range(void **state)
{
    (void)state;
    am_corpus *c = NULL;
    assert_int_equal(am_corpus_new(&c, NULL), 0);
    const char *rec = "{\"id\":\"a\",\"summary\":{\"units\":{\"total\":1e62,\"claim\":1e300},"
                      "\"unsupported_claims\":1e62,"
                      "\"analysis\":{\"unsupported_claims\":1e62,\"support_depth\":1e62}}}";
    assert_int_equal(am_corpus_add(c, rec, strlen(rec)), 0);
    char *out = NULL;
    assert_int_equal(am_corpus_report(&out, c, AM_CORPUS_JSON), 0);
    assert_non_null(strstr(out, "\"units\": 0,")); /* no count, not 2^63 */
    assert_non_null(strstr(out, "\"claims\": 0,"));
    assert_non_null(strstr(out, "\"missing\": 1,")); /* unsupported claims: missing */
    am_free(out);
    am_corpus_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(replay_all),
        cmocka_unit_test(record_line_out_of_range),
        cmocka_unit_test(corpus_count_out_of_range),
        cmocka_unit_test(bom_line_is_a_parse_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
