/* test_lexicon.c - lexicon files: parsing, sorting, exact and case-folded
 * lookups, errors that name the file and line, and the models folder. */
#include "testutil.h"

#include <sys/stat.h>
#include <unistd.h>

#include "core/lexicon.h"

static char dir[] = "/tmp/am_lexXXXXXX";

static void write_file(const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/lexicons/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(dir))
        return -1;
    char path[256];
    snprintf(path, sizeof path, "%s/lexicons", dir);
    return mkdir(path, 0755);
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd);
}

static void lookups(void **state)
{
    (void)state;
    write_file("cues.txt", "# cue verbs\nsaid\tspeech\n\nTold\tspeech\naccording to\tprep\nsaid\tdup\n");
    write_file("zz.txt", "x\n");
    am_model *m = NULL;
    assert_int_equal(am_model_load(&m, dir), 0);
    assert_string_equal(am_model_dir(m), dir);
    const am_lexicon *lex = am_model_lexicon(m, "cues");
    assert_non_null(lex);
    assert_int_equal(lex->entries.len, 4);
    assert_int_equal(lex->max_words, 2);
    const am_lex_entry *e = am_lex_find(lex, "said it", 4);
    assert_non_null(e);
    assert_string_equal(e->value, "speech"); /* the first line wins among duplicates */
    assert_null(am_lex_find(lex, "told", 4));
    e = am_lex_find_ci(lex, "TOLD", 4);
    assert_non_null(e);
    assert_string_equal(e->key, "Told");
    assert_non_null(am_lex_find(lex, "according to", 12));
    assert_null(am_lex_find(lex, "according", 9));
    assert_null(am_lex_find(lex, "sai", 3));
    assert_null(am_lex_find_ci(lex, "sai", 3));
    assert_null(am_lex_find_ci(lex, "saidx", 4 + 1));
    e = am_lex_find_ci(lex, "According TO", 12);
    assert_non_null(e);
    assert_string_equal(e->value, "prep");
    /* only "according" opens a key of several words */
    assert_int_equal(am_lex_multi_ci(lex, "ACCORDING", 9), 1);
    assert_int_equal(am_lex_multi_ci(lex, "according to", 9), 1);
    assert_int_equal(am_lex_multi_ci(lex, "said", 4), 0);
    assert_int_equal(am_lex_multi_ci(lex, "accord", 6), 0);
    assert_non_null(am_model_lexicon(m, "zz"));
    assert_null(am_model_lexicon(m, "nope"));
    am_model_free(m);
    am_model_free(NULL);
}

/* Keys equal but for case: the case-folded lookup finds the first in file
 * order, whatever the case of the query. */
static void folded_duplicates(void **state)
{
    (void)state;
    write_file("fold.txt", "Us\tsecond\nbe\tx\nUS\tthird\nus\tfourth\nnew york\tcity\nNew Deal\tera\n"
                           "new york city hall\tplace\n");
    am_model *m = NULL;
    assert_int_equal(am_model_load(&m, dir), 0);
    const am_lexicon *lex = am_model_lexicon(m, "fold");
    assert_non_null(lex);
    const char *q[] = {"us", "US", "uS", "Us"};
    for (size_t i = 0; i < 4; i++) {
        const am_lex_entry *e = am_lex_find_ci(lex, q[i], 2);
        assert_non_null(e);
        assert_string_equal(e->value, "second");
    }
    assert_string_equal(am_lex_find(lex, "us", 2)->value, "fourth");
    assert_string_equal(am_lex_find_ci(lex, "NEW DEAL", 8)->value, "era");
    assert_string_equal(am_lex_find_ci(lex, "new york", 8)->value, "city");
    assert_null(am_lex_find_ci(lex, "new", 3));
    assert_int_equal(am_lex_multi_ci(lex, "NEW", 3), 1);
    assert_int_equal(am_lex_multi_ci(lex, "us", 2), 0);
    assert_int_equal(am_lex_multi_words_ci_h(lex, "New", 3, am_lex_hash_ci("New", 3)), 4);
    assert_int_equal(am_lex_multi_words_ci_h(lex, "us", 2, am_lex_hash_ci("us", 2)), 1);
    assert_int_equal(am_lex_find_ci_h(lex, "US", 2, am_lex_hash_ci("us", 2)),
                     am_lex_find_ci(lex, "uS", 2));
    am_model_free(m);
    char path[256];
    snprintf(path, sizeof path, "%s/lexicons/fold.txt", dir);
    unlink(path);
}

static void bad_lexicon(void **state)
{
    (void)state;
    write_file("bad.txt", "ok\nbad \xff byte\n");
    am_model *m = NULL;
    assert_int_equal(am_model_load(&m, dir), AM_EPARSE);
    assert_null(m);
    assert_non_null(strstr(am_error_last(), "bad.txt:2: invalid UTF-8"));
    char path[256];
    snprintf(path, sizeof path, "%s/lexicons/bad.txt", dir);
    unlink(path);
    assert_int_equal(am_model_load(&m, "/no/such/models"), AM_ENOTFOUND);
    assert_non_null(strstr(am_error_last(), "/no/such/models/lexicons"));
}

static void project_models(void **state)
{
    (void)state;
    am_model *m = NULL;
    assert_int_equal(am_model_load(&m, TEST_MODELS), 0);
    const am_lexicon *months = am_model_lexicon(m, "months");
    assert_non_null(months);
    const am_lex_entry *e = am_lex_find(months, "February", 8);
    assert_non_null(e);
    assert_string_equal(e->value, "2");
    am_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lookups),
        cmocka_unit_test(folded_duplicates),
        cmocka_unit_test(bad_lexicon),
        cmocka_unit_test(project_models),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
