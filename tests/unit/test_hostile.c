/* test_hostile.c - the 64 MiB line: the largest input the default
 * --max-bytes allows, on one line, through loading as text and the
 * sentence stage (one sentence of 64 MiB, and 4.8 million sentences), and
 * one byte more refused with AM_ELIMIT. Markdown and HTML lines are 16 MiB
 * (the HTML parser needs ~9 s for 64 MiB: too slow for the suite). The
 * whole analysis of such a line takes ~7 s and 470 MB, too slow for the
 * suite: tests/checks/check_hostile.py runs the whole analysis on an 8 MiB
 * line, and the other hostile inputs. */
#include "graphutil.h"

#include "core/pipeline.h"
#include "text/sentences.h"

#define BIG AM_DEFAULT_MAX_BYTES

/* A buffer of `size` bytes of `unit` repeated (the last copy cut short),
 * and one byte more, for the over-the-limit case. */
static char *fill_n(const char *unit, size_t size)
{
    size_t n = strlen(unit);
    char *buf = malloc(size + 1);
    assert_non_null(buf);
    for (size_t i = 0; i < size; i += n)
        memcpy(buf + i, unit, i + n <= size ? n : size - i);
    buf[size] = 'x';
    return buf;
}

static char *fill(const char *unit) { return fill_n(unit, BIG); }

/* Load as fmt and run the sentence stage; returns the sentence count. */
static size_t sentences(const char *buf, size_t len, am_format fmt, size_t *paragraphs)
{
    am_load_options o;
    am_load_options_init(&o);
    o.format = fmt;
    am_document *doc = NULL;
    int err = am_document_load_memory(&doc, "big", buf, len, &o);
    if (err < 0)
        fail_msg("load: %s", am_error_last());
    *paragraphs = am_document_paragraph_count(doc);
    am_map *m = gmap_new();
    m->doc = doc;
    m->model = test_model;
    am_analyze_options ao;
    am_analyze_options_init(&ao);
    assert_int_equal(am_stage_sentences(m, &ao), 0);
    size_t n = m->sentences.len;
    /* Every sentence lies inside the text. */
    for (size_t i = 0; i < n; i++)
        assert_true(m->sentences.items[i].span.end <= doc->text_len);
    am_map_free(m);
    am_document_free(doc);
    return n;
}

static void one_sentence_line(void **state)
{
    (void)state;
    char *buf = fill("the city air cars street people shops ");
    size_t paras;
    assert_int_equal(sentences(buf, BIG, AM_FORMAT_TEXT, &paras), 1);
    assert_int_equal(paras, 1);
    free(buf);
}

static void many_sentences_line(void **state)
{
    (void)state;
    char *buf = fill("Cars are bad. ");
    size_t paras, n = sentences(buf, BIG, AM_FORMAT_TEXT, &paras);
    /* 14 bytes a sentence; the last one cut short still counts. */
    assert_int_equal(n, (BIG + 13) / 14);
    assert_int_equal(paras, 1);
    free(buf);
}

static void markdown_line(void **state)
{
    (void)state;
    char *buf = fill_n("*Cars* are `bad`. [X](y) ", BIG / 4);
    size_t paras;
    /* one sentence a copy ("X Cars are bad." after the first): 25 bytes */
    assert_int_equal(sentences(buf, BIG / 4, AM_FORMAT_MARKDOWN, &paras), (BIG / 4 + 24) / 25);
    assert_int_equal(paras, 1);
    free(buf);
}

static void html_line(void **state)
{
    (void)state;
    char *buf = fill_n("<b>Cars</b> are &amp; bad. ", BIG / 4);
    memcpy(buf, "<p>", 3);
    size_t paras;
    assert_true(sentences(buf, BIG / 4, AM_FORMAT_HTML, &paras) > 500000);
    assert_int_equal(paras, 1);
    free(buf);
}

static void one_byte_over(void **state)
{
    (void)state;
    char *buf = fill("Cars are bad. ");
    am_document *doc = NULL;
    assert_int_equal(am_document_load_memory(&doc, "big", buf, BIG + 1, NULL), AM_ELIMIT);
    assert_null(doc);
    assert_non_null(strstr(am_error_last(), "--max-bytes"));
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_sentence_line),
        cmocka_unit_test(many_sentences_line),
        cmocka_unit_test(markdown_line),
        cmocka_unit_test(html_line),
        cmocka_unit_test(one_byte_over),
    };
    return cmocka_run_group_tests(tests, test_models_setup, test_models_teardown);
}
