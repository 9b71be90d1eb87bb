/* test_units.c - argumentative units: splits at discourse markers with the
 * marker kept and recorded, what must stay whole, headings, questions,
 * quotations kept atomic and linked, and the max_units limit. */
#include "testutil.h"
#include "core/lexicon.h"
#include "core/model.h"
#include "text/sentences.h"
#include "text/units.h"

typedef struct {
    const char *text;
    const char *units;   /* unit texts joined by " | " */
    const char *markers; /* each unit's marker, "-" for none, joined by " | " */
} ucase;

static const ucase cases[] = {
    {"Talks were possible, because Ukraine was ready to discuss neutrality.",
     "Talks were possible, | because Ukraine was ready to discuss neutrality.", "- | because"},
    {"Moscow and Kiev tried to agree, but each time the talks were disrupted.",
     "Moscow and Kiev tried to agree, | but each time the talks were disrupted.", "- | but"},
    {"Thus, the United States disrupted the negotiations.",
     "Thus, the United States disrupted the negotiations.", "Thus"},
    {"In other words, there would have been no operation.",
     "In other words, there would have been no operation.", "In other words"},
    {"This is evidenced by rare statements from the West, although not long ago there were none.",
     "This is evidenced by rare statements from the West, | although not long ago there were none.",
     "This is evidenced by | although"},
    {"The plan was good; however, nobody wanted to try it.",
     "The plan was good; | however, nobody wanted to try it.", "- | however"},
    /* "however" after a comma is an aside, not a new unit; it is recorded */
    {"The plan, however, failed in the end.", "The plan, however, failed in the end.", "however"},
    /* a clause marker splits even without a comma */
    {"The talks failed because the West wanted the war to go on.",
     "The talks failed | because the West wanted the war to go on.", "- | because"},
    /* too short a side: stays whole */
    {"Sounds good, but wrong.", "Sounds good, but wrong.", "-"},
    {"Yes, but is it realistic?", "Yes, but is it realistic?", "-"},
    /* "so as" is no "so": no split */
    {"He proposes options in diplomacy, so as not to freeze the conflict.",
     "He proposes options in diplomacy, so as not to freeze the conflict.", "-"},
    /* an example marker after a comma is recorded, not split */
    {"Here, for example, is an interview given by Sarkozy.",
     "Here, for example, is an interview given by Sarkozy.", "for example"},
    {"Israeli media reported that Bennett flew to Moscow.",
     "Israeli media reported that Bennett flew to Moscow.", "media reported"},
    /* two splits in one sentence, case ignored */
    {"It was possible to end the war, BUT the West decided otherwise, because it wanted more.",
     "It was possible to end the war, | BUT the West decided otherwise, | because it wanted more.",
     "- | BUT | because"},
    /* a marker inside a word is none: "butter", "thus" in "thusly" */
    {"They bought butter, thusly ending the talks early.",
     "They bought butter, thusly ending the talks early.", "-"},
};

static am_map *analyze(am_document *doc, size_t max_units)
{
    am_analyze_options o;
    am_analyze_options_init(&o);
    if (max_units)
        o.max_units = max_units;
    am_map *map = NULL;
    if (am_analyze(&map, doc, test_model, &o) < 0)
        fail_msg("analyze: %s", am_error_last());
    return map;
}

static void join(char *out, size_t cap, const am_map *map, int markers)
{
    const char *t = map->doc->text;
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < map->units.len; i++) {
        am_tspan s = markers ? map->units.items[i].marker : map->units.items[i].span;
        len += (size_t)snprintf(out + len, cap - len, "%s%.*s", i ? " | " : "",
                                s.end > s.start ? (int)(s.end - s.start) : 1,
                                s.end > s.start ? t + s.start : "-");
    }
}

static void table(void **state)
{
    (void)state;
    size_t bad = 0;
    char got[2048], gotm[1024];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        am_document *doc = load_str("u.txt", cases[i].text, AM_FORMAT_TEXT);
        am_map *map = analyze(doc, 0);
        join(got, sizeof got, map, 0);
        join(gotm, sizeof gotm, map, 1);
        if (strcmp(got, cases[i].units) || strcmp(gotm, cases[i].markers)) {
            print_message("case %zu: %s\n  want: %s [%s]\n  got:  %s [%s]\n", i, cases[i].text,
                          cases[i].units, cases[i].markers, got, gotm);
            bad++;
        }
        /* every unit lies inside its sentence, and the marker inside its unit */
        for (size_t u = 0; u < map->units.len; u++) {
            const am_unit *x = &map->units.items[u];
            am_tspan s = map->sentences.items[x->sentence].span;
            assert_true(s.start <= x->span.start && x->span.end <= s.end);
            if (x->marker.end)
                assert_true(x->span.start <= x->marker.start && x->marker.end <= x->span.end);
        }
        am_map_free(map);
        am_document_free(doc);
    }
    assert_int_equal(bad, 0);
}

static void headings_and_questions(void **state)
{
    (void)state;
    am_document *doc = load_str("h.md", "# Talks are possible, but how do we start them\n\nWhy not now? It is simple, "
                                "but is it realistic?\n", AM_FORMAT_MARKDOWN);
    am_map *map = analyze(doc, 0);
    assert_int_equal(map->units.len, 4);
    /* the heading is one unit of kind none, never split at its "But" */
    assert_int_equal(map->units.items[0].kind, AM_UNIT_NONE);
    assert_int_equal(map->units.items[0].marker.end, 0);
    assert_int_equal(map->units.items[1].kind, AM_UNIT_CLAIM);
    assert_true(map->units.items[1].question);
    assert_false(map->units.items[2].question); /* "It is simple," */
    assert_true(map->units.items[3].question);  /* "but is it realistic?" */
    am_map_free(map);
    am_document_free(doc);
}

/* Run sentences, then units with the given quote spans in map->quotes. */
static am_map *with_quotes(am_document *doc, const size_t (*q)[2], size_t nq)
{
    am_analyze_options o;
    am_analyze_options_init(&o);
    am_map *map = calloc(1, sizeof *map);
    assert_non_null(map);
    map->doc = doc;
    map->model = test_model;
    map->major = -1;
    assert_int_equal(am_stage_sentences(map, &o), 0);
    for (size_t i = 0; i < nq; i++) {
        am_quote *x = AM_VEC_PUSH(&map->quotes);
        assert_non_null(x);
        x->span.start = q[i][0];
        x->span.end = q[i][1];
        x->source = (long)(7 + i);
        x->unit = -1;
    }
    assert_int_equal(am_stage_units(map, &o), 0);
    return map;
}

static size_t find(const am_document *doc, const char *s)
{
    const char *p = strstr(doc->text, s);
    assert_non_null(p);
    return (size_t)(p - doc->text);
}

static void quotes_atomic(void **state)
{
    (void)state;
    const char *s = "He said «we lost the first round, but we will fight on» today, "
                    "but nobody listened to him.";
    am_document *doc = load_str("q.txt", s, AM_FORMAT_TEXT);
    size_t a = find(doc, "«"), b = find(doc, "»") + strlen("»");
    size_t q[1][2] = {{a, b}};
    am_map *map = with_quotes(doc, q, 1);
    /* the "but" inside the quote opens no unit; the one after it does */
    assert_int_equal(map->units.len, 2);
    assert_int_equal(map->units.items[1].span.start, find(doc, "but nobody"));
    assert_int_equal(map->quotes.items[0].unit, 0);
    assert_int_equal(map->units.items[0].quote, 0);
    assert_int_equal(map->units.items[0].source, 7);
    assert_int_equal(map->units.items[1].quote, -1);
    assert_int_equal(map->units.items[1].source, -1);
    am_map_free(map);
    am_document_free(doc);

    /* without the quote span the same text splits inside the quotation */
    doc = load_str("q.txt", s, AM_FORMAT_TEXT);
    map = with_quotes(doc, NULL, 0);
    assert_int_equal(map->units.len, 3);
    am_map_free(map);
    am_document_free(doc);
}

static void quote_over_sentences(void **state)
{
    (void)state;
    const char *s = "Zelensky said: «We are not afraid to talk. We need to discuss the ceasefire, "
                    "because people die.» He meant it.";
    am_document *doc = load_str("q.txt", s, AM_FORMAT_TEXT);
    size_t a = find(doc, "«"), b = find(doc, "»") + strlen("»");
    size_t q[1][2] = {{a, b}};
    am_map *map = with_quotes(doc, q, 1);
    assert_int_equal(map->sentences.len, 3);
    /* the quote's second sentence is one unit: its "because" is inside the quote */
    assert_int_equal(map->units.len, 3);
    /* the quote is carried by the unit holding most of it, the second sentence */
    assert_int_equal(map->quotes.items[0].unit, 1);
    /* both sentences of the quote carry it and its source; the last does not */
    assert_int_equal(map->units.items[0].quote, 0);
    assert_int_equal(map->units.items[1].quote, 0);
    assert_int_equal(map->units.items[1].source, 7);
    assert_int_equal(map->units.items[2].quote, -1);
    am_map_free(map);
    am_document_free(doc);
}

static void max_units(void **state)
{
    (void)state;
    am_document *doc = load_str("m.txt", "One is here. Two is here. Three is here.", AM_FORMAT_TEXT);
    am_analyze_options o;
    am_analyze_options_init(&o);
    o.max_units = 2;
    am_map *map = NULL;
    assert_int_equal(am_analyze(&map, doc, test_model, &o), AM_ELIMIT);
    assert_null(map);
    assert_non_null(strstr(am_error_last(), "more than 2"));
    o.max_units = 3;
    assert_int_equal(am_analyze(&map, doc, test_model, &o), 0);
    assert_int_equal(map->units.len, 3);
    am_map_free(map);
    am_document_free(doc);
}

static void marker_signal(void **state)
{
    (void)state;
    char buf[32];
    assert_string_equal(am_marker_signal(test_model, "Because", 7, buf, sizeof buf), "support-forward");
    assert_string_equal(am_marker_signal(test_model, "in other words", 14, buf, sizeof buf),
                        "support-backward");
    assert_string_equal(am_marker_signal(test_model, "however", 7, buf, sizeof buf), "attack");
    assert_string_equal(am_marker_signal(test_model, "for example", 11, buf, sizeof buf), "example");
    assert_string_equal(am_marker_signal(test_model, "media reported", 14, buf, sizeof buf), "report");
    assert_null(am_marker_signal(test_model, "banana", 6, buf, sizeof buf));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table),
        cmocka_unit_test(headings_and_questions),
        cmocka_unit_test(quotes_atomic),
        cmocka_unit_test(quote_over_sentences),
        cmocka_unit_test(max_units),
        cmocka_unit_test(marker_signal),
    };
    return cmocka_run_group_tests(tests, test_models_setup, test_models_teardown);
}
