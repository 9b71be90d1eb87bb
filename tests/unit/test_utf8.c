/* test_utf8.c - the UTF-8 gate: what is valid, where the first bad byte is,
 * and how repair replaces bad sequences. */
#include "testutil.h"
#include "text/utf8.h"

static void valid_text(void **state)
{
    (void)state;
    size_t bad = 99;
    const char *ok[] = {"", "plain ASCII", "caf\xc3\xa9", "\xe2\x80\x9cquoted\xe2\x80\x9d",
                        "\xc2\xab guillemets \xc2\xbb", "\xf0\x9f\x98\x80 emoji"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        assert_true(am_utf8_valid(ok[i], strlen(ok[i]), &bad));
}

static void invalid_text(void **state)
{
    (void)state;
    static const struct { const char *s; size_t bad; } cases[] = {
        {"ab\xff", 2},              /* never valid */
        {"a\x80", 1},               /* lone continuation */
        {"\xc0\xaf", 0},            /* overlong '/' */
        {"x\xe0\x80\xaf", 1},       /* overlong 3-byte */
        {"\xed\xa0\x80", 0},        /* surrogate U+D800 */
        {"ok \xf4\x90\x80\x80", 3}, /* above U+10FFFF */
        {"\xe2\x82", 0},            /* truncated */
        {"abc\xc3", 3},             /* truncated at the end */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t bad = 99;
        assert_false(am_utf8_valid(cases[i].s, strlen(cases[i].s), &bad));
        assert_int_equal(bad, cases[i].bad);
    }
}

static void repair(void **state)
{
    (void)state;
    size_t len, n;
    char *s = am_utf8_repair("a\xff" "b\xc3", 4, &len, &n);
    assert_non_null(s);
    assert_string_equal(s, "a\xef\xbf\xbd" "b\xef\xbf\xbd");
    assert_int_equal(len, 8);
    assert_int_equal(n, 2);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_text),
        cmocka_unit_test(invalid_text),
        cmocka_unit_test(repair),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
