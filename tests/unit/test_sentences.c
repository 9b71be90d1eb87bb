/* test_sentences.c - the sentence splitter on a table of hard cases:
 * abbreviations, initials, numbers, ellipses, closing quotes, quotations of
 * several sentences, paragraphs. Each case is a text and its sentences
 * joined by " | ". */
#include "testutil.h"
#include "core/model.h"

typedef struct {
    const char *text;
    const char *want;
} tcase;

static const tcase cases[] = {
    /* plain ends */
    {"One. Two. Three.", "One. | Two. | Three."},
    {"Is it far-sighted? In my opinion, no.", "Is it far-sighted? | In my opinion, no."},
    {"Well, finally! The end.", "Well, finally! | The end."},
    {"What?! No way.", "What?! | No way."},
    {"No final punctuation", "No final punctuation"},
    {"  Leading and trailing space.  \n", "Leading and trailing space."},
    /* abbreviations that never end a sentence */
    {"Mr. Smith met Mrs. Jones. They talked.", "Mr. Smith met Mrs. Jones. | They talked."},
    {"The words of Gen. Mark Milley were heard.", "The words of Gen. Mark Milley were heard."},
    {"Dr. No and Prof. Yes agreed.", "Dr. No and Prof. Yes agreed."},
    {"He lives in St. Petersburg now.", "He lives in St. Petersburg now."},
    {"See No. 5 on the list.", "See No. 5 on the list."},
    {"Will it help? No. It hurts.", "Will it help? | No. | It hurts."},
    {"It happened on Feb. 25 in Kiev.", "It happened on Feb. 25 in Kiev."},
    {"Some cities, e.g. Kiev, were hit.", "Some cities, e.g. Kiev, were hit."},
    {"On February 26, i.e. on the second day, he spoke.",
     "On February 26, i.e. on the second day, he spoke."},
    {"Russia vs. Ukraine is the match.", "Russia vs. Ukraine is the match."},
    /* initials */
    {"Jonas E. Smith said so.", "Jonas E. Smith said so."},
    {"J. R. R. Tolkien wrote it.", "J. R. R. Tolkien wrote it."},
    {"The talks began. J. Smith left.", "The talks began. | J. Smith left."},
    /* abbreviations that may end a sentence */
    {"But the U.S. didn't need peace.", "But the U.S. didn't need peace."},
    {"An unnamed U.S. official admitted it.", "An unnamed U.S. official admitted it."},
    {"U.S. President Biden spoke.", "U.S. President Biden spoke."},
    {"He flew to the U.S. The talks failed.", "He flew to the U.S. | The talks failed."},
    {"Talks with the E.U. But nothing came.", "Talks with the E.U. | But nothing came."},
    {"The E.U. Commission met.", "The E.U. Commission met."},
    {"It opened at 9 a.m. The doors closed at 5 p.m. on Friday.",
     "It opened at 9 a.m. | The doors closed at 5 p.m. on Friday."},
    {"The meeting is at 9 a.m. Monday.", "The meeting is at 9 a.m. Monday."},
    {"Martin Luther King Jr. was there.", "Martin Luther King Jr. was there."},
    {"He met Martin Luther King Jr. They spoke.", "He met Martin Luther King Jr. | They spoke."},
    {"Apple Inc. sells phones. It grew.", "Apple Inc. sells phones. | It grew."},
    {"The N.A.T.O. summit opened.", "The N.A.T.O. summit opened."},
    /* numbers and tokens with inner periods */
    {"Growth was 3.5 percent. It fell.", "Growth was 3.5 percent. | It fell."},
    {"It cost $1.2 billion in 2022. 15 people were hurt.",
     "It cost $1.2 billion in 2022. | 15 people were hurt."},
    {"See www.example.org for more. Then go.", "See www.example.org for more. | Then go."},
    {"The U.S.-led coalition won.", "The U.S.-led coalition won."},
    {"1. The first point is clear.", "1. The first point is clear."},
    /* ellipses */
    {"He told Le Point about talks with Russia ... but only if all is returned.",
     "He told Le Point about talks with Russia ... but only if all is returned."},
    {"I wonder... Maybe not.", "I wonder... | Maybe not."},
    {"It was over\xe2\x80\xa6 Then silence.", "It was over\xe2\x80\xa6 | Then silence."},
    {"... There are people who sleep here.", "... There are people who sleep here."},
    /* closing quotes */
    {"He said «we must go.» Then he left.", "He said «we must go.» | Then he left."},
    {"She said, \"Stop.\" He did.", "She said, \"Stop.\" | He did."},
    {"“It is over.” The room was silent.", "“It is over.” | The room was silent."},
    {"«Why now?» asked Neumann.", "«Why now?» asked Neumann."},
    {"«Why now?» he asked.", "«Why now?» he asked."},
    {"\"Stop!\" she cried. He stopped.", "\"Stop!\" she cried. | He stopped."},
    {"«We can change the sequence of points,» he said.",
     "«We can change the sequence of points,» he said."},
    {"He said (as usual.) Then left.", "He said (as usual.) | Then left."},
    {"„Wir kommen.“ Dann gingen sie.", "„Wir kommen.“ | Dann gingen sie."},
    /* a quotation of several sentences: split inside, the closing mark stays */
    {"Zelensky said: «We are not in NATO. We need to discuss the ceasefire.» He meant it.",
     "Zelensky said: «We are not in NATO. | We need to discuss the ceasefire.» | He meant it."},
    {"So why not now? - asks Neumann rhetorically. - I believe it.",
     "So why not now? - asks Neumann rhetorically. | - I believe it."},
    {"The question - what to do? - has crept in.", "The question - what to do? - has crept in."},
    /* lowercase after a period is never a new sentence */
    {"The rate fell to 2 pct. and then rose.", "The rate fell to 2 pct. and then rose."},
    /* non-ASCII capitals start sentences; lowercase ones do not */
    {"Er kam. Über Nacht blieb er.", "Er kam. | Über Nacht blieb er."},
    {"It ended. Ålesund won.", "It ended. | Ålesund won."},
    {"Он пришёл. Потом ушёл.", "Он пришёл. | Потом ушёл."},
    {"Он пришёл. потом ушёл.", "Он пришёл. потом ушёл."},
    /* paragraphs are never crossed */
    {"First paragraph ends without a period\n\nSecond one.",
     "First paragraph ends without a period | Second one."},
    {"A title\n\nMr.\n\nSmith came.", "A title | Mr. | Smith came."},
    {"Line one goes on\nwith line two. And ends.", "Line one goes on\nwith line two. | And ends."},
};

/* The sentences of text joined by " | ". */
static char *split(const char *text)
{
    am_document *doc = load_str("case.txt", text, AM_FORMAT_TEXT);
    am_map *map = NULL;
    if (am_analyze(&map, doc, test_model, NULL) < 0)
        fail_msg("analyze: %s", am_error_last());
    size_t cap = strlen(text) * 2 + 64, len = 0;
    char *out = calloc(1, cap);
    assert_non_null(out);
    for (size_t i = 0; i < map->sentences.len; i++) {
        am_tspan s = map->sentences.items[i].span;
        assert_true(s.start < s.end && s.end <= doc->text_len);
        /* a sentence lies inside its paragraph */
        am_tspan p = doc->blocks.items[map->sentences.items[i].paragraph].span;
        assert_true(p.start <= s.start && s.end <= p.end);
        if (i) {
            memcpy(out + len, " | ", 3);
            len += 3;
        }
        memcpy(out + len, doc->text + s.start, s.end - s.start);
        len += s.end - s.start;
    }
    am_map_free(map);
    am_document_free(doc);
    return out;
}

static void table(void **state)
{
    (void)state;
    size_t n = sizeof cases / sizeof *cases, bad = 0;
    assert_true(n >= 40);
    for (size_t i = 0; i < n; i++) {
        char *got = split(cases[i].text);
        if (strcmp(got, cases[i].want)) {
            print_message("case %zu: %s\n  want: %s\n  got:  %s\n", i, cases[i].text,
                          cases[i].want, got);
            bad++;
        }
        free(got);
    }
    assert_int_equal(bad, 0);
}

static void missing_lexicon(void **state)
{
    (void)state;
    am_document *doc = load_str("x.txt", "One. Two.", AM_FORMAT_TEXT);
    am_map *map = NULL;
    assert_int_equal(am_analyze(&map, doc, NULL, NULL), AM_ENOTFOUND);
    assert_null(map);
    assert_non_null(strstr(am_error_last(), "abbreviations"));
    am_document_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table),
        cmocka_unit_test(missing_lexicon),
    };
    return cmocka_run_group_tests(tests, test_models_setup, test_models_teardown);
}
