/* test_batch.c - the JSON Lines records of `argmap batch` (input parsing,
 * summary and error records, reading an id back) and the corpus figures. */
#include "testutil.h"

static int parse(am_batch_input *in, const char *s)
{
    return am_batch_input_parse(in, s, strlen(s));
}

static void input_text_and_path(void **state)
{
    (void)state;
    am_batch_input in;
    assert_int_equal(parse(&in, "{\"id\":\"a\",\"text\":\"caf\\u00e9\",\"extra\":[1]}"), 0);
    assert_string_equal(in.id, "a");
    assert_int_equal(in.text_len, 5);
    assert_memory_equal(in.text, "caf\xc3\xa9", 5);
    assert_null(in.path);
    assert_int_equal(in.format, AM_FORMAT_AUTO);
    am_batch_input_clear(&in);
    assert_int_equal(parse(&in, " {\"path\":\"x.md\",\"id\":\"b\",\"format\":\"html\"}\r\n"), 0);
    assert_string_equal(in.path, "x.md");
    assert_null(in.text);
    assert_int_equal(in.format, AM_FORMAT_HTML);
    am_batch_input_clear(&in);
}

static void input_errors(void **state)
{
    (void)state;
    static const struct {
        const char *line, *id, *words;
    } cases[] = {
        {"not json", NULL, "not valid JSON"},
        {"[1]", NULL, "not a JSON object"},
        {"{\"id\":\"a\",\"text\":\"x\"} x", NULL, "text after"},
        {"{\"id\":\"a\",\"id\":\"b\",\"text\":\"x\"}", NULL, "duplicate key \"id\""},
        {"{\"id\":\"a\",\"text\":\"x\",\"text\":\"y\"}", NULL, "duplicate key \"text\""},
        {"{\"text\":\"x\"}", NULL, "no \"id\""},
        {"{\"id\":1,\"text\":\"x\"}", NULL, "\"id\" must be a string"},
        {"{\"id\":\"a\"}", "a", "exactly one"},
        {"{\"id\":\"a\",\"text\":\"x\",\"path\":\"y\"}", "a", "exactly one"},
        {"{\"id\":\"a\",\"text\":5}", "a", "\"text\" must be a string"},
        {"{\"id\":\"a\",\"path\":\"\"}", "a", "non-empty"},
        {"{\"id\":\"a\",\"text\":\"x\",\"format\":\"pdf\"}", "a", "\"format\""},
        {"{\"id\":\"a\",\"text\":\"x\\u0000y\"}", "a", "u0000"},
        {"{\"id\":\"a\",\"text\":\"\xff\"}", NULL, "invalid UTF-8"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        am_batch_input in;
        assert_int_equal(parse(&in, cases[i].line), AM_EPARSE);
        if (!strstr(am_error_last(), cases[i].words))
            fail_msg("case %zu: message '%s' lacks '%s'", i, am_error_last(), cases[i].words);
        if (cases[i].id)
            assert_string_equal(in.id, cases[i].id);
        else
            assert_null(in.id);
        assert_null(in.text);
        assert_null(in.path);
        am_batch_input_clear(&in);
    }
    /* an escaped backslash before u0000 is not a NUL escape */
    am_batch_input in;
    assert_int_equal(parse(&in, "{\"id\":\"a\",\"text\":\"x\\\\u0000\"}"), 0);
    assert_string_equal(in.text, "x\\u0000");
    am_batch_input_clear(&in);
}

static void records_round_trip(void **state)
{
    (void)state;
    am_document *doc = load_str("doc.txt", "The Title\n\nBody text.\n", AM_FORMAT_TEXT);
    am_map *map = NULL;
    am_model *model = NULL;
    assert_int_equal(am_model_load(&model, TEST_MODELS), 0);
    assert_int_equal(am_analyze(&map, doc, model, NULL), 0);
    char *line = NULL, *id = NULL;
    size_t len = 0, lineno = 99;
    assert_int_equal(am_batch_record(&line, &len, "d\"1", map, 0), 0);
    assert_int_equal(strlen(line), len);
    assert_true(len > 2 && line[len - 1] == '\n');
    assert_ptr_equal(strchr(line, '\n'), line + len - 1);
    assert_non_null(strstr(line, "{\"id\":\"d\\\"1\",\"summary\":{\"document\":{\"name\":\"doc.txt\""));
    assert_non_null(strstr(line, "\"title\":\"The Title\",\"paragraphs\":2"));
    assert_null(strstr(line, "\"map\""));
    assert_int_equal(am_batch_record_id(&id, &lineno, line, len), 0);
    assert_string_equal(id, "d\"1");
    assert_int_equal(lineno, 0);
    am_free(id);
    am_free(line);

    char *sj = NULL;
    assert_int_equal(am_map_summary_json(&sj, &len, map), 0);
    assert_true(sj[0] == '{' && sj[len - 1] == '}');
    /* "Body text." is the one claim: no support, depth 0 */
    assert_non_null(strstr(sj, "\"analysis\":{\"claims\":1,\"support_depth\":0,"
                               "\"unsupported_claims\":1,"));
    am_free(sj);

    assert_int_equal(am_batch_record(&line, &len, "x", map, AM_RECORD_FULL), 0);
    char *mj = NULL;
    size_t mlen;
    assert_int_equal(am_map_to_json(&mj, &mlen, map, AM_JSON_COMPACT), 0);
    const char *m = strstr(line, ",\"map\":");
    assert_non_null(m);
    assert_int_equal(strlen(m), strlen(",\"map\":") + mlen + 2); /* "}\n" */
    assert_memory_equal(m + 7, mj, mlen);
    am_free(mj);
    am_free(line);
    am_map_free(map);
    am_document_free(doc);
    am_model_free(model);

    /* an error record with invalid UTF-8 in the id, and one with a line number */
    assert_int_equal(am_batch_error_record(&line, &len, "a\xffz", 0, AM_EIO, "gone"), 0);
    assert_string_equal(line, "{\"id\":\"a\xef\xbf\xbdz\",\"error\":{\"code\":\"EIO\","
                              "\"message\":\"gone\"}}\n");
    am_free(line);
    assert_int_equal(am_batch_error_record(&line, &len, NULL, 7, AM_EPARSE, "bad"), 0);
    assert_string_equal(line, "{\"id\":null,\"line\":7,\"error\":{\"code\":\"EPARSE\","
                              "\"message\":\"bad\"}}\n");
    assert_int_equal(am_batch_record_id(&id, &lineno, line, len), 0);
    assert_null(id);
    assert_int_equal(lineno, 7);
    am_free(line);
    assert_int_equal(am_batch_record_id(&id, &lineno, "{\"id\":\"a\"}", 10), AM_EPARSE);
    assert_int_equal(am_batch_record_id(&id, &lineno, "{\"id\":\"a\",\"err", 14), AM_EPARSE);
}

static void corpus_figures(void **state)
{
    (void)state;
    am_corpus_options o;
    am_corpus_options_init(&o);
    o.top = 2;
    o.max_sources = 2;
    am_corpus *c = NULL;
    assert_int_equal(am_corpus_new(&c, &o), 0);
    const char *recs[] = {
        "{\"id\":\"a\",\"summary\":{\"units\":{\"claim\":3},\"unsupported_claims\":1,"
        "\"evidence\":{\"statistic\":2},\"sources\":{\"cited\":[{\"name\":\"X\",\"kind\":"
        "\"person\",\"quotes\":2},{\"name\":\"Y\",\"kind\":\"media\",\"quotes\":1}]},"
        "\"analysis\":{\"support_depth\":2,\"unsupported_claims\":2}}}",
        "{\"id\":\"b\",\"summary\":{\"sources\":{\"cited\":[{\"name\":\"Z\",\"quotes\":9},"
        "{\"name\":\"X\",\"kind\":\"person\",\"quotes\":1}]},\"analysis\":null}}",
        "{\"id\":\"c\",\"error\":{\"code\":\"EIO\",\"message\":\"m\"}}",
    };
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(am_corpus_add(c, recs[i], strlen(recs[i])), 0);
    assert_int_equal(am_corpus_add(c, "{\"id\":\"d\"}", 10), AM_EPARSE);
    assert_int_equal(am_corpus_add(c, "[]", 2), AM_EPARSE);
    char *t = NULL;
    assert_int_equal(am_corpus_report(&t, c, AM_CORPUS_TEXT), 0);
    assert_non_null(strstr(t, "documents: 3 (2 analysed, 1 failed)"));
    assert_non_null(strstr(t, "  1. X (person): 3 quotations in 2 documents"));
    assert_non_null(strstr(t, "  2. Y (media): 1 quotations in 1 documents"));
    /* Z came past the two-name limit: counted, not named */
    assert_non_null(strstr(t, "(1 more names past the limit of 2, 9 quotations)"));
    /* the graph stage's count wins over the relation-based one */
    assert_non_null(strstr(t, "mean 2.00 over 1 documents"));
    assert_non_null(strstr(t, "  1. a: depth 2"));
    assert_non_null(strstr(t, "(1 documents without the figure)"));
    am_free(t);
    assert_int_equal(am_corpus_report(&t, c, AM_CORPUS_JSON), 0);
    assert_non_null(strstr(t, "\"statistic\": 2"));
    am_free(t);
    am_corpus_free(c);
    am_corpus_free(NULL);
    o.top = 0;
    assert_int_equal(am_corpus_new(&c, &o), AM_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(input_text_and_path),
        cmocka_unit_test(input_errors),
        cmocka_unit_test(records_round_trip),
        cmocka_unit_test(corpus_figures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
