/* test_wordset.c - the hash set of words the text stages look words up in:
 * case-insensitive hits, misses, bits OR-ed under one key, the first entry
 * kept, and the size limit. */
#include "testutil.h"
#include "text/wordset.h"

static void lookups(void **state)
{
    (void)state;
    am_wordset ws;
    am_lex_entry a = {"in other words", "support-backward", 1}, b = {"in", "prep", 2};
    assert_int_equal(am_wordset_init(&ws, 3), 0);
    assert_int_equal(am_wordset_add(&ws, "in other words", 14, &a, 1), 0);
    assert_int_equal(am_wordset_add(&ws, "In", 2, &b, 2), 0);
    assert_int_equal(am_wordset_add(&ws, "IN", 2, &a, 4), 0);
    const am_wordset_slot *s = am_wordset_get(&ws, "In Other Words", 14);
    assert_non_null(s);
    assert_ptr_equal(s->entry, &a);
    s = am_wordset_get(&ws, "in", 2);
    assert_non_null(s);
    assert_ptr_equal(s->entry, &b); /* the first entry stays */
    assert_int_equal(s->bits, 6);   /* the bits add up */
    assert_null(am_wordset_get(&ws, "i", 1));
    assert_null(am_wordset_get(&ws, "inn", 3));
    assert_null(am_wordset_get(&ws, "in other word", 13));
    /* the hashed lookup: the lexicon's folded hash is the set's hash */
    const char *words[] = {"In Other Words", "in", "IN", "i", "inn", "out"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        size_t n = strlen(words[i]);
        uint32_t h = am_lex_hash_ci(words[i], n);
        const am_wordset_slot *g = am_wordset_get(&ws, words[i], n);
        assert_ptr_equal(am_wordset_get_h(&ws, words[i], n, h), g);
        if (g)
            assert_true(am_wordset_may(&ws, h));
    }
    am_wordset_free(&ws);
    am_wordset_free(&ws); /* twice is harmless */
}

static void full(void **state)
{
    (void)state;
    am_wordset ws;
    assert_int_equal(am_wordset_init(&ws, 1), 0);
    char w[16];
    int err = 0;
    size_t added = 0;
    for (int i = 0; i < 1000 && err == 0; i++) {
        snprintf(w, sizeof w, "w%d", i);
        if ((err = am_wordset_add(&ws, w, strlen(w), NULL, 1)) == 0)
            added++;
    }
    assert_int_equal(err, AM_ELIMIT);
    assert_true(added >= 1 && added < 1000);
    assert_non_null(am_wordset_get(&ws, "W0", 2));
    am_wordset_free(&ws);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lookups),
        cmocka_unit_test(full),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
