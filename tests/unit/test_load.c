/* test_load.c - loading text, Markdown and HTML: paragraphs, titles,
 * offsets that slice back to the text, and every kind of bad input. */
#include "testutil.h"

static void text_paragraphs_and_title(void **state)
{
    (void)state;
    const char *s = "\xef\xbb\xbfThe Title\r\n\r\nFirst para\r\ngoes on.\r\n\r\n\t\r\nSecond.\t\n";
    am_document *doc = load_str("a.txt", s, AM_FORMAT_AUTO);
    assert_int_equal(am_document_format(doc), AM_FORMAT_TEXT);
    am_span sp;
    assert_true(am_document_title(doc, &sp));
    assert_true(span_is(doc, sp, "The Title"));
    assert_int_equal(am_document_paragraph_count(doc), 3);
    am_block_kind k;
    assert_int_equal(am_document_paragraph(doc, 1, &sp, &k), 0);
    assert_true(span_is(doc, sp, "First para\r\ngoes on."));
    assert_int_equal(k, AM_BLOCK_PARAGRAPH);
    assert_int_equal(am_document_paragraph(doc, 2, &sp, &k), 0);
    assert_true(span_is(doc, sp, "Second."));
    assert_int_equal(am_document_paragraph(doc, 3, &sp, &k), AM_EINVAL);
    am_document_free(doc);
}

static void text_without_title(void **state)
{
    (void)state;
    /* one paragraph only: no title; a first paragraph of two lines: no title */
    am_document *doc = load_str("a.txt", "Just one line.", AM_FORMAT_TEXT);
    assert_false(am_document_title(doc, NULL));
    am_document_free(doc);
    doc = load_str("a.txt", "Line one\nline two\n\nMore.", AM_FORMAT_TEXT);
    assert_false(am_document_title(doc, NULL));
    assert_int_equal(am_document_paragraph_count(doc), 2);
    am_document_free(doc);
}

static void markdown(void **state)
{
    (void)state;
    const char *s = "# A *big* title\n\nSome **bold** text with a [link](http://x.org/a) and `code`.\n"
                    "Second line\\_escaped.\n\n> A quoted\n> block.\n\n- item one\n- item two\n\n"
                    "```\nint code_is_dropped;\n```\n\nSetext\n======\n\n![image](i.png) after image\n";
    am_document *doc = load_str("a.md", s, AM_FORMAT_AUTO);
    assert_int_equal(am_document_format(doc), AM_FORMAT_MARKDOWN);
    am_span sp;
    am_block_kind k;
    assert_true(am_document_title(doc, &sp));
    assert_int_equal(am_document_paragraph_count(doc), 7);
    /* Offsets point into the Markdown source: the title spans "A *big* title". */
    assert_true(span_is(doc, sp, "A *big* title"));
    am_document_paragraph(doc, 1, &sp, &k);
    assert_int_equal(k, AM_BLOCK_PARAGRAPH);
    size_t n;
    const char *src = am_document_source(doc, &n);
    assert_memory_equal(src + sp.start, "Some", 4);
    assert_memory_equal(src + sp.end - 8, "escaped.", 8);
    am_document_paragraph(doc, 2, &sp, &k);
    assert_int_equal(k, AM_BLOCK_QUOTE);
    assert_memory_equal(src + sp.start, "A quoted", 8);
    am_document_paragraph(doc, 3, &sp, &k);
    assert_int_equal(k, AM_BLOCK_LIST_ITEM);
    am_document_paragraph(doc, 5, &sp, &k);
    assert_int_equal(k, AM_BLOCK_HEADING);
    assert_true(span_is(doc, sp, "Setext"));
    am_document_paragraph(doc, 6, &sp, &k);
    assert_true(span_is(doc, sp, "after image"));
    am_document_free(doc);
}

static void html(void **state)
{
    (void)state;
    const char *s = "<!DOCTYPE html><html><head><title>Page &amp; Title</title>"
                    "<style>p { color: red }</style><script>var x = '<p>no</p>';</script></head>"
                    "<body><h1>Heading</h1><p>First <b>para</b>graph,\n  with   spaces.</p>"
                    "<blockquote><p>Quoted words.</p></blockquote><ul><li>Item</li></ul>"
                    "<p>Caf&eacute; &lt;b&gt;</p><script>alert(1)</script></body></html>";
    am_document *doc = load_str("a.html", s, AM_FORMAT_AUTO);
    assert_int_equal(am_document_format(doc), AM_FORMAT_HTML);
    am_span sp;
    am_block_kind k;
    assert_true(am_document_title(doc, &sp));
    size_t n;
    const char *src = am_document_source(doc, &n);
    assert_memory_equal(src + sp.start, "Page &amp; Title", 16);
    assert_int_equal(am_document_paragraph_count(doc), 6);
    am_document_paragraph(doc, 1, &sp, &k);
    assert_int_equal(k, AM_BLOCK_HEADING);
    assert_true(span_is(doc, sp, "Heading"));
    am_document_paragraph(doc, 2, &sp, &k);
    assert_int_equal(k, AM_BLOCK_PARAGRAPH);
    assert_memory_equal(src + sp.start, "First <b>para</b>graph", 22);
    assert_memory_equal(src + sp.end - 7, "spaces.", 7);
    am_document_paragraph(doc, 3, &sp, &k);
    assert_int_equal(k, AM_BLOCK_QUOTE);
    assert_true(span_is(doc, sp, "Quoted words."));
    am_document_paragraph(doc, 4, &sp, &k);
    assert_int_equal(k, AM_BLOCK_LIST_ITEM);
    am_document_paragraph(doc, 5, &sp, &k);
    assert_true(span_is(doc, sp, "Caf&eacute; &lt;b&gt;"));
    am_document_free(doc);
}

static void html_broken(void **state)
{
    (void)state;
    const char *bad[] = {"<p>unclosed <b>bold", "<<<>>>&&&;", "</p></p><p", "<html>",
                         "<p>&#xD800; &#99999999; &bogus;</p>", "text without tags"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        am_document *doc = load_str("b.html", bad[i], AM_FORMAT_HTML);
        size_t n;
        am_document_source(doc, &n);
        for (size_t j = 0; j < am_document_paragraph_count(doc); j++) {
            am_span sp;
            am_document_paragraph(doc, j, &sp, NULL);
            assert_true(sp.start <= sp.end && sp.end <= n);
        }
        am_document_free(doc);
    }
}

static int load_err(const char *s, size_t n, const am_load_options *o)
{
    am_document *doc = NULL;
    int err = am_document_load_memory(&doc, "x.txt", s, n, o);
    assert_null(doc);
    return err;
}

static void bad_input(void **state)
{
    (void)state;
    am_load_options o;
    am_load_options_init(&o);
    assert_int_equal(load_err("ab\xff", 3, &o), AM_EPARSE);
    assert_non_null(strstr(am_error_last(), "x.txt: byte 2: invalid UTF-8"));
    assert_int_equal(load_err("a\0b", 3, &o), AM_EPARSE);
    assert_non_null(strstr(am_error_last(), "byte 1: NUL byte"));
    o.max_bytes = 4;
    assert_int_equal(load_err("12345", 5, &o), AM_ELIMIT);
    o.version = 99;
    assert_int_equal(load_err("1", 1, &o), AM_EINVAL);

    am_document *doc = NULL;
    assert_int_equal(am_document_load_file(&doc, "does/not/exist.txt", NULL), AM_EIO);
    assert_non_null(strstr(am_error_last(), "does/not/exist.txt: cannot open"));
    assert_int_equal(am_document_load_file(&doc, "data", NULL), AM_EIO);
    assert_non_null(strstr(am_error_last(), "is a directory"));
    assert_null(doc);
}

static void replace_invalid(void **state)
{
    (void)state;
    am_load_options o;
    am_load_options_init(&o);
    o.replace_invalid = 1;
    am_document *doc = NULL;
    assert_int_equal(am_document_load_memory(&doc, "x.txt", "ok \xff here", 9, &o), 0);
    size_t n;
    const char *src = am_document_source(doc, &n);
    assert_int_equal(n, 11);
    assert_memory_equal(src, "ok \xef\xbf\xbd here", 11);
    assert_int_equal(am_document_warning_count(doc), 1);
    assert_non_null(strstr(am_document_warning(doc, 0), "replaced 1 invalid UTF-8 sequence"));
    am_document_free(doc);
}

static void empty(void **state)
{
    (void)state;
    const char *e[] = {"", "  \n\t\r\n", "\xef\xbb\xbf"};
    for (size_t i = 0; i < 3; i++) {
        am_document *doc = load_str("e.txt", e[i], AM_FORMAT_TEXT);
        assert_int_equal(am_document_paragraph_count(doc), 0);
        assert_int_equal(am_document_warning_count(doc), 1);
        assert_non_null(strstr(am_document_warning(doc, 0), "empty document"));
        am_document_free(doc);
    }
    am_document_free(NULL);
}

static void format_names(void **state)
{
    (void)state;
    am_format f;
    assert_int_equal(am_format_parse(&f, "md"), 0);
    assert_int_equal(f, AM_FORMAT_MARKDOWN);
    assert_int_equal(am_format_parse(&f, "pdf"), AM_EINVAL);
    assert_string_equal(am_format_name(AM_FORMAT_HTML), "html");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(text_paragraphs_and_title),
        cmocka_unit_test(text_without_title),
        cmocka_unit_test(markdown),
        cmocka_unit_test(html),
        cmocka_unit_test(html_broken),
        cmocka_unit_test(bad_input),
        cmocka_unit_test(replace_invalid),
        cmocka_unit_test(empty),
        cmocka_unit_test(format_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
