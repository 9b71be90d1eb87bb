/* test_batch_fastin.c - the one-pass reader of batch input lines gives
 * what the cJSON reader gives: each line is read twice, once as is (the
 * fast path) and once with a number member added, which only the cJSON
 * reader takes; id, text, path, format and errors must agree. */
#include "testutil.h"

static void both(const char *members, int expect_ok)
{
    char a[1024], b[1100];
    snprintf(a, sizeof a, "{%s}", members);
    snprintf(b, sizeof b, "{%s, \"n\": 1}", members);
    am_batch_input x, y;
    int ex = am_batch_input_parse(&x, a, strlen(a));
    int ey = am_batch_input_parse(&y, b, strlen(b));
    assert_int_equal(ex, ey);
    assert_int_equal(ex == 0, expect_ok);
    if (ex == 0) {
        assert_string_equal(x.id, y.id);
        assert_int_equal(!x.text, !y.text);
        if (x.text) {
            assert_int_equal(x.text_len, y.text_len);
            assert_memory_equal(x.text, y.text, x.text_len);
        }
        assert_int_equal(!x.path, !y.path);
        if (x.path)
            assert_string_equal(x.path, y.path);
        assert_int_equal(x.format, y.format);
    }
    am_batch_input_clear(&x);
    am_batch_input_clear(&y);
}

static void same_as_cjson(void **state)
{
    (void)state;
    both("\"id\":\"a\",\"text\":\"plain text\"", 1);
    both(" \"text\" : \"esc \\\" \\\\ \\/ \\b \\f \\n \\r \\t end\" , \"id\":\"b\" ", 1);
    both("\"id\":\"c\",\"text\":\"caf\\u00e9 \\u20AC \\ud83d\\ude00 \\u0041 caf\xc3\xa9\"", 1);
    both("\"id\":\"d\",\"path\":\"x/y.txt\",\"format\":\"md\"", 1);
    both("\"id\":\"e\",\"text\":\"t\",\"format\":\"html\",\"extra\":\"ignored\"", 1);
    both("\"id\":\"\\u00e9\",\"text\":\"\"", 1);
    /* errors: the same code either way (both go to cJSON's reader) */
    both("\"id\":\"f\",\"text\":\"a \\u0000 b\"", 0);
    both("\"id\":\"g\",\"text\":\"lone \\ud800 x\"", 0);
    both("\"id\":\"h\",\"text\":\"low \\udc00 x\"", 0);
    both("\"id\":\"i\",\"text\":\"bad \\x\"", 0);
    both("\"id\":\"j\",\"text\":\"t\",\"path\":\"p\"", 0);
    both("\"id\":\"k\",\"text\":\"t\",\"id\":\"k2\"", 0);
    both("\"id\":\"l\",\"path\":\"\"", 0);
    both("\"id\":\"m\",\"text\":\"t\",\"format\":\"pdf\"", 0);
    both("\"text\":\"no id\"", 0);
    both("\"id\":\"n\",\"text\":\"bad utf-8 \xc3\"", 0);
}

static void lines(void **state)
{
    (void)state;
    am_batch_input in;
    const char *ok = " {\"id\":\"a\",\"text\":\"x\\ny\"}\r\n";
    assert_int_equal(am_batch_input_parse(&in, ok, strlen(ok)), 0);
    assert_string_equal(in.id, "a");
    assert_int_equal(in.text_len, 3);
    assert_memory_equal(in.text, "x\ny", 3);
    am_batch_input_clear(&in);
    const char *after = "{\"id\":\"a\",\"text\":\"x\"} x";
    assert_int_equal(am_batch_input_parse(&in, after, strlen(after)), AM_EPARSE);
    assert_non_null(strstr(am_error_last(), "text after the JSON value"));
    am_batch_input_clear(&in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_as_cjson),
        cmocka_unit_test(lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
