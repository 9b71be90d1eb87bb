/* test_alloc.c - out of memory, everywhere: make the n-th allocation fail,
 * for every n, through loading, a whole analysis and JSON output, through
 * each importer (argmap JSON, AIF, microtext XML) with every exporter, and
 * through support chains and both comparisons, and check
 * that the library answers AM_ENOMEM (or copes) and never crashes. Leaks on
 * these paths are caught by the same test under `make asan` and
 * `make valgrind`.
 *
 * The engine's calls to malloc, calloc, realloc and strdup are redirected
 * with the linker's --wrap (see the Makefile); cJSON's through its hooks. */
#include "testutil.h"

#include <cjson/cJSON.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t k);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t k);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);

static long fail_at = -1; /* the allocation number that fails; -1: none */
static long count;

static int should_fail(void)
{
    return fail_at >= 0 && ++count == fail_at;
}

void *__wrap_malloc(size_t n) { return should_fail() ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t k) { return should_fail() ? NULL : __real_calloc(n, k); }
void *__wrap_realloc(void *p, size_t n) { return should_fail() ? NULL : __real_realloc(p, n); }
char *__wrap_strdup(const char *s) { return should_fail() ? NULL : __real_strdup(s); }

static const char *ARTICLE =
    "Should the city ban cars?\n\n"
    "The city should ban cars from the centre, because the air is bad. "
    "\"A street is for people first,\" said Maria Lopez, the planning director, on March 3, 2022.\n\n"
    "But shops fear losing customers. Thus, a trial is the right first step.\n";

static const char *HTML =
    "<html><head><title>T &amp; t</title></head><body><h1>Head</h1>"
    "<p>Some <b>bold</b> text &ldquo;quoted&rdquo;.</p><blockquote>Q</blockquote></body></html>";

static const char *MARKDOWN = "# Title\n\nSome *text* with a [link](http://x).\n\n> quote\n\n- item\n";

/* One full run; returns 0 or the first error. */
static int scenario(const am_model *model, const char *name, const char *text)
{
    am_document *doc = NULL;
    am_map *map = NULL;
    char *json = NULL, *summary = NULL;
    int err;
    if ((err = am_document_load_memory(&doc, name, text, strlen(text), NULL)) < 0)
        goto done;
    if ((err = am_analyze(&map, doc, model, NULL)) < 0)
        goto done;
    if ((err = am_map_to_json(&json, NULL, map, 0)) < 0)
        goto done;
    if ((err = am_map_summary(&summary, map)) < 0)
        goto done;
done:
    am_free(json);
    am_free(summary);
    am_map_free(map);
    am_document_free(doc);
    return err;
}

static void every_allocation(const char *name, const char *text)
{
    am_model *model = NULL;
    assert_int_equal(am_model_load(&model, TEST_MODELS), 0);
    long n;
    for (n = 1; n < 200000; n++) {
        fail_at = n;
        count = 0;
        int err = scenario(model, name, text);
        long reached = count;
        fail_at = -1;
        if (err < 0 && err != AM_ENOMEM)
            fail_msg("%s: allocation %ld failed: got %s (%s), want ENOMEM", name, n,
                     am_error_name(err), am_error_last());
        if (reached < n) { /* the run finished before the n-th allocation: all covered */
            assert_int_equal(err, 0);
            break;
        }
    }
    assert_true(n > 5); /* the scenario allocates: the wrapping works */
    am_model_free(model);
}

/* A whole file, read before any allocation is made to fail. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    char *buf = __real_malloc(1 << 20);
    assert_non_null(buf);
    *len = fread(buf, 1, (1 << 20) - 1, f);
    buf[*len] = 0;
    fclose(f);
    return buf;
}

/* Import, then every export, the chains of the major claim (text and
 * JSON), the comparison of its first two claims and of the map with
 * itself; returns 0 or the first error. */
static int import_scenario(const char *data, size_t len, am_import_format fmt, const char *a,
                           const char *b)
{
    am_map *map = NULL;
    char *out = NULL;
    int err;
    if ((err = am_map_import(&map, "fixture", data, len, fmt, NULL)) < 0)
        goto done;
#define OUT(call)                                                                                  \
    do {                                                                                           \
        if ((err = (call)) < 0)                                                                    \
            goto done;                                                                             \
        am_free(out);                                                                              \
        out = NULL;                                                                                \
    } while (0)
    OUT(am_map_to_json(&out, NULL, map, 0));
    OUT(am_map_to_aif(&out, NULL, map, 0));
    OUT(am_map_to_argdown(&out, NULL, map));
    OUT(am_map_to_graphml(&out, NULL, map));
    OUT(am_map_summary(&out, map));
    OUT(am_map_chains(&out, map, NULL, 0, 0));
    OUT(am_map_chains(&out, map, NULL, 0, AM_OUT_JSON));
    OUT(am_map_compare_claims(&out, map, a, b, 0));
    OUT(am_map_compare_claims(&out, map, a, b, AM_OUT_JSON));
    OUT(am_maps_compare(&out, map, map, 0));
    OUT(am_maps_compare(&out, map, map, AM_OUT_JSON));
#undef OUT
done:
    am_free(out);
    am_map_free(map);
    return err;
}

/* a, b: two claims of the fixture */
static void every_import_allocation(const char *path, am_import_format fmt, const char *a,
                                    const char *b)
{
    size_t len;
    char *data = slurp(path, &len);
    /* The fixture works when nothing fails: the loop below tests something. */
    if (import_scenario(data, len, fmt, a, b) != 0)
        fail_msg("%s: %s", path, am_error_last());
    long n;
    for (n = 1; n < 1000000; n++) {
        fail_at = n;
        count = 0;
        int err = import_scenario(data, len, fmt, a, b);
        long reached = count;
        fail_at = -1;
        if (err < 0 && err != AM_ENOMEM)
            fail_msg("%s: allocation %ld failed: got %s (%s), want ENOMEM", path, n,
                     am_error_name(err), am_error_last());
        if (reached < n) {
            assert_int_equal(err, 0);
            break;
        }
    }
    assert_true(n > 5);
    free(data);
}

static void import_aif(void **state) { (void)state; every_import_allocation("data/fixtures/aif/dialogue.json", AM_IMPORT_AIF, "u1", "u4"); }
static void import_microtext(void **state) { (void)state; every_import_allocation("data/fixtures/microtext/tiny.xml", AM_IMPORT_MICROTEXT, "u2", "u6"); }
static void import_json(void **state) { (void)state; every_import_allocation("tests/fuzz/seeds/json/simple.json", AM_IMPORT_JSON, "u1", "u4"); }

static void model_load(void **state)
{
    (void)state;
    for (long n = 1; ; n++) {
        fail_at = n;
        count = 0;
        am_model *m = NULL;
        int err = am_model_load(&m, TEST_MODELS);
        long reached = count;
        fail_at = -1;
        if (err < 0) {
            assert_int_equal(err, AM_ENOMEM);
            assert_null(m);
        }
        am_model_free(m);
        if (reached < n)
            break;
    }
}

static void text_article(void **state) { (void)state; every_allocation("a.txt", ARTICLE); }
static void html_article(void **state) { (void)state; every_allocation("a.html", HTML); }
static void markdown_article(void **state) { (void)state; every_allocation("a.md", MARKDOWN); }

int main(void)
{
    cJSON_Hooks hooks = {__wrap_malloc, free};
    cJSON_InitHooks(&hooks);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(model_load),
        cmocka_unit_test(text_article),
        cmocka_unit_test(html_article),
        cmocka_unit_test(markdown_article),
        cmocka_unit_test(import_aif),
        cmocka_unit_test(import_microtext),
        cmocka_unit_test(import_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
