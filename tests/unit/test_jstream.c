/* test_jstream.c - the streamed JSON writer (am_jw with out set) writes
 * what printing the cJSON tree wrote: compact as am_json_print, pretty as
 * am_json_indent of that, empty objects and arrays, nesting, escapes and
 * numbers included; a write to something that is not an open container
 * fails with oom instead of writing wrong JSON. */
#include "testutil.h"

#include <math.h>

#include "formats/json.h"

/* The same items through w, as a tree (w->out NULL) or streamed. */
static void fill(am_jw *w, cJSON *root)
{
    am_jw_str(w, root, "s", "a \"quoted\"\n\ttext \xc3\xa9");
    am_jw_strn(w, root, "n", "cut\0here", 8);
    am_jw_int(w, root, "i", 42);
    am_jw_num(w, root, "f", 0.87341);
    am_jw_num(w, root, "nan", NAN);
    am_jw_bool(w, root, "t", 1);
    am_jw_null(w, root, "z");
    am_jw_obj(w, root, "empty_o");
    am_jw_arr(w, root, "empty_a");
    cJSON *arr = am_jw_arr(w, root, "list");
    for (int i = 0; i < 3; i++) {
        cJSON *o = am_jw_push_obj(w, arr);
        am_jw_ref(w, o, "id", 'u', i);
        cJSON *inner = am_jw_arr(w, o, "inner");
        for (int j = 0; j < i; j++)
            am_jw_num(w, inner, NULL, j / 3.0);
        am_jw_ref(w, o, "none", 'u', -1);
    }
    am_jw_int(w, root, "after", 7);
}

static char *streamed(int pretty)
{
    am_jbuf b = {0};
    am_jw w;
    memset(&w, 0, sizeof w);
    w.out = &b;
    w.pretty = pretty;
    am_jb_put(&b, "{", 1);
    fill(&w, &w.lv[0]);
    assert_int_equal(w.oom, 0);
    /* close what is open, as am_map_to_json does, via a last write */
    am_jw_null(&w, &w.lv[0], "end");
    am_jb_put(&b, pretty ? "\n}" : "}", pretty ? 2 : 1);
    am_jb_put(&b, "", 1);
    assert_int_equal(b.oom, 0);
    return b.buf;
}

static void same_as_tree(void **state)
{
    (void)state;
    am_jw t = {.map = NULL};
    cJSON *root = cJSON_CreateObject();
    fill(&t, root);
    am_jw_null(&t, root, "end");
    assert_int_equal(t.oom, 0);
    char *compact = am_json_print(root);
    char *pretty = am_json_indent(compact);
    cJSON_Delete(root);
    char *s0 = streamed(0), *s1 = streamed(1);
    assert_string_equal(s0, compact);
    assert_string_equal(s1, pretty);
    free(compact);
    free(pretty);
    free(s0);
    free(s1);
}

static void misuse(void **state)
{
    (void)state;
    am_jbuf b = {0};
    am_jw w;
    memset(&w, 0, sizeof w);
    w.out = &b;
    am_jb_put(&b, "{", 1);
    cJSON *o = am_jw_obj(&w, &w.lv[0], "o");
    assert_non_null(o);
    assert_null(am_jw_push_obj(&w, o)); /* not an array */
    assert_int_equal(w.oom, 1);
    w.oom = 0;
    cJSON other;
    assert_null(am_jw_int(&w, &other, "x", 1)); /* not a handle of w */
    assert_int_equal(w.oom, 1);
    w.oom = 0;
    assert_null(am_jw_int(&w, o, NULL, 1)); /* an object member needs a key */
    assert_int_equal(w.oom, 1);
    free(b.buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_as_tree),
        cmocka_unit_test(misuse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
