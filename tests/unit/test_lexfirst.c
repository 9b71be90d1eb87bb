/* test_lexfirst.c - the lookups the units stage makes without word sets:
 * the byte-at-a-time hash equals am_lex_hash_ci, and among keys equal but
 * for case am_lex_find_ci_first_h returns the first in byte order (the one
 * a word set filled in entries order kept), am_lex_find_ci the first in
 * file order. */
#include "testutil.h"

#include <sys/stat.h>
#include <unistd.h>

#include "core/lexicon.h"

static void hash_step(void **state)
{
    (void)state;
    const char *words[] = {"", "a", "However", "IN OTHER WORDS", "caf\xc3\xa9", "Zz@[`{"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        uint32_t h = AM_LEX_HASH_CI_INIT;
        for (const char *p = words[i]; *p; p++)
            h = am_lex_hash_ci_step(h, (unsigned char)*p);
        assert_int_equal(h, am_lex_hash_ci(words[i], strlen(words[i])));
    }
}

static void first_in_byte_order(void **state)
{
    (void)state;
    char dir[] = "/tmp/am_lexfirstXXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/m.txt", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    /* file order: "so" first; byte order: "SO" < "So" < "so" */
    fputs("so\tlower\nSo\tcapital\nSO\tupper\nthus\tone\nin fact\ttwo\n", f);
    fclose(f);
    am_lexicon lex;
    memset(&lex, 0, sizeof lex);
    assert_int_equal(am_lexicon_load(&lex, path, "m"), 0);
    const am_lex_entry *e = am_lex_find_ci_first_h(&lex, "sO", 2, am_lex_hash_ci("sO", 2));
    assert_non_null(e);
    assert_string_equal(e->value, "upper");
    e = am_lex_find_ci(&lex, "sO", 2);
    assert_non_null(e);
    assert_string_equal(e->value, "lower");
    e = am_lex_find_ci_first_h(&lex, "In Fact", 7, am_lex_hash_ci("In Fact", 7));
    assert_non_null(e);
    assert_string_equal(e->value, "two");
    assert_null(am_lex_find_ci_first_h(&lex, "in", 2, am_lex_hash_ci("in", 2)));
    assert_null(am_lex_find_ci_first_h(NULL, "so", 2, am_lex_hash_ci("so", 2)));
    am_lexicon_clear(&lex);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hash_step),
        cmocka_unit_test(first_in_byte_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
