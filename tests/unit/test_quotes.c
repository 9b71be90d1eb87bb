/* test_quotes.c - quotation spans (marks, apostrophes, nesting, unbalanced
 * and hostile input), kinds, attribution patterns and the source registry. */
#include <time.h>

#include "testutil.h"
#include "core/model.h"
#include "text/quotes.h"

/* ------------------------------------------------------------ scanning */

/* The quotations of s (one block) as "content|depth" lines. */
static char *scan(const char *s)
{
    am_qspan_vec v = {0};
    assert_int_equal(am_quote_scan(s, 0, strlen(s), &v), 0);
    static char buf[4096];
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < v.len; i++) {
        am_qspan *q = &v.items[i];
        assert_true(q->span.start <= q->content.start);
        assert_true(q->content.end <= q->span.end);
        assert_true(q->span.end <= strlen(s));
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%.*s|%d\n",
                              (int)(q->content.end - q->content.start), s + q->content.start, q->depth);
    }
    free(v.items);
    return buf;
}

static void marks_of_every_kind(void **state)
{
    (void)state;
    assert_string_equal(scan("He said «we agree» today."), "we agree|0\n");
    assert_string_equal(scan("He said \xe2\x80\x9cwe agree\xe2\x80\x9d today."), "we agree|0\n");
    assert_string_equal(scan("He said \"we agree\" today."), "we agree|0\n");
    assert_string_equal(scan("Er sagte \xe2\x80\x9ewir sind einig\xe2\x80\x9c heute."), "wir sind einig|0\n");
    assert_string_equal(scan("He said \xe2\x80\x98we agree\xe2\x80\x99 today."), "we agree|0\n");
    assert_string_equal(scan("He said 'we agree' today."), "we agree|0\n");
    assert_string_equal(scan("He said ``we agree'' today."), "we agree|0\n");
    assert_string_equal(scan("''We agree,'' he said."), "We agree,|0\n");
    /* mixed straight and curly double marks close each other */
    assert_string_equal(scan("\"I prefer Kasich,\xe2\x80\x9d he said."), "I prefer Kasich,|0\n");
    assert_string_equal(scan("\xe2\x80\x9cWe will win,\" she said."), "We will win,|0\n");
}

static void apostrophes_are_not_quotes(void **state)
{
    (void)state;
    assert_string_equal(scan("I don't know; Russia's army; the '90s; rock 'n' roll."), "");
    assert_string_equal(scan("I don\xe2\x80\x99t know; Russia\xe2\x80\x99s army; the \xe2\x80\x98" "90s."), "");
    assert_string_equal(scan("The Joneses\xe2\x80\x99 house and the boys' room."), "");
    assert_string_equal(scan("Kiev won't make concessions in Zelensky's 'peace plan' now."), "peace plan|0\n");
}

static void nested_quotes(void **state)
{
    (void)state;
    assert_string_equal(scan("«Kiev is not ready for Zelensky's 'peace plan' yet,» he said."),
                        "Kiev is not ready for Zelensky's 'peace plan' yet,|0\npeace plan|1\n");
    assert_string_equal(scan("\"He told me 'no' twice,\" she said."),
                        "He told me 'no' twice,|0\nno|1\n");
    assert_string_equal(scan("«a «b «c» b» a»"), "a «b «c» b» a|0\nb «c» b|1\nc|2\n");
}

static void unbalanced_quotes(void **state)
{
    (void)state;
    /* a stray closing mark is ignored; the quote before it stands */
    assert_string_equal(scan("«We can change,» he said - no talks with Putin.»"), "We can change,|0\n");
    /* an opening mark in mid-sentence that never closes is dropped */
    assert_string_equal(scan("He spoke of «peace and left."), "");
    /* one that opens the block, or follows a colon, runs to its end */
    assert_string_equal(scan("«This runs on into the next paragraph."),
                        "This runs on into the next paragraph.|0\n");
    assert_string_equal(scan("He said: \"we will win and"), "we will win and|0\n");
    /* a stray mark inside a quotation drops only what it opened */
    assert_string_equal(scan("«one \" two» three"), "one \" two|0\n");
}

static void hostile_input_is_bounded(void **state)
{
    (void)state;
    size_t n = 10000;
    const char *marks[] = {"«", "\"", "\xe2\x80\x9c", "'", "\xe2\x80\x98", "»", "\xe2\x80\x9d"};
    for (size_t m = 0; m < sizeof marks / sizeof *marks; m++) {
        size_t ml = strlen(marks[m]);
        char *s = malloc(n * (ml + 1) + 1);
        assert_non_null(s);
        for (size_t i = 0; i < n; i++) {
            memcpy(s + i * (ml + 1), marks[m], ml);
            s[i * (ml + 1) + ml] = i % 3 ? 'x' : ' ';
        }
        s[n * (ml + 1)] = '\0';
        am_qspan_vec v = {0};
        clock_t t0 = clock();
        assert_int_equal(am_quote_scan(s, 0, strlen(s), &v), 0);
        /* linear: 10^4 marks are a few milliseconds; a quadratic scan would be seconds */
        assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0);
        for (size_t i = 0; i < v.len; i++)
            assert_true(v.items[i].depth <= AM_QUOTE_MAX_DEPTH);
        free(v.items);
        free(s);
    }
    /* nesting deeper than the cap: marks beyond it are plain text */
    char deep[512] = "";
    for (int i = 0; i < 40; i++)
        strcat(deep, "« ");
    strcat(deep, "core");
    for (int i = 0; i < 40; i++)
        strcat(deep, " »");
    am_qspan_vec v = {0};
    assert_int_equal(am_quote_scan(deep, 0, strlen(deep), &v), 0);
    assert_true(v.len <= AM_QUOTE_MAX_DEPTH);
    for (size_t i = 0; i < v.len; i++)
        assert_true(v.items[i].depth < AM_QUOTE_MAX_DEPTH);
    free(v.items);
}

/* ------------------------------------------------------------ analysis */

static am_map *analyze(const char *text)
{
    am_document *doc = load_str("t.txt", text, AM_FORMAT_TEXT);
    am_map *map = NULL;
    if (am_analyze(&map, doc, test_model, NULL) < 0)
        fail_msg("analyze: %s", am_error_last());
    return map;
}

static void done(am_map *map)
{
    am_document *doc = (am_document *)map->doc;
    am_map_free(map);
    am_document_free(doc);
}

static int span_eq(const am_map *m, am_tspan s, const char *want)
{
    size_t n = strlen(want);
    return s.end - s.start == n && !memcmp(m->doc->text + s.start, want, n);
}

static int span_has(const am_map *m, am_tspan s, const char *want)
{
    size_t n = strlen(want);
    for (size_t i = s.start; i + n <= s.end; i++)
        if (!memcmp(m->doc->text + i, want, n))
            return 1;
    return 0;
}

/* The quotation whose content holds `text`, or NULL. */
static const am_quote *quote_with(const am_map *m, const char *text)
{
    for (size_t i = 0; i < m->quotes.len; i++)
        if (span_has(m, m->quotes.items[i].content, text))
            return &m->quotes.items[i];
    return NULL;
}

static const char *source_name(const am_map *m, const am_quote *q)
{
    assert_non_null(q);
    if (q->source < 0)
        return "(none)";
    return m->sources.items[q->source].name;
}

static const am_source *source_named(const am_map *m, const char *name)
{
    for (size_t i = 0; i < m->sources.len; i++)
        if (!strcmp(m->sources.items[i].name, name))
            return &m->sources.items[i];
    return NULL;
}

static void check_attr(const char *text, const char *content, const char *cue, const char *speaker,
                       const char *source)
{
    am_map *m = analyze(text);
    const am_quote *q = quote_with(m, content);
    if (!q)
        fail_msg("no quotation with \"%s\" in: %s", content, text);
    assert_int_equal(q->kind, AM_QUOTE_TESTIMONY);
    if (!span_eq(m, q->cue, cue))
        fail_msg("cue is \"%.*s\", expected \"%s\" in: %s", (int)(q->cue.end - q->cue.start),
                 m->doc->text + q->cue.start, cue, text);
    if (!span_eq(m, q->speaker, speaker))
        fail_msg("speaker is \"%.*s\", expected \"%s\" in: %s", (int)(q->speaker.end - q->speaker.start),
                 m->doc->text + q->speaker.start, speaker, text);
    assert_string_equal(source_name(m, q), source);
    done(m);
}

static void attribution_patterns(void **state)
{
    (void)state;
    check_attr("Title\n\nZelensky said: «We are not afraid to talk to Russia.»",
               "not afraid", "said", "Zelensky", "Zelensky");
    check_attr("Title\n\n«We will win,» said Ned Price.", "We will win", "said", "Ned Price", "Ned Price");
    check_attr("Title\n\n\"We will win,\" she said. Mary Smith is the mayor.", "We will win", "said",
               "she", "(none)");
    check_attr("Title\n\nPodolyak told Le Point: «We will sign an armistice.»", "armistice", "told",
               "Podolyak", "Podolyak");
    check_attr("Title\n\nAccording to Bennett, he managed to reach an understanding.",
               "he managed to reach", "According to", "Bennett", "Bennett");
    check_attr("Title\n\nThe deal is off, according to a senior official.",
               "The deal is off", "according to", "a senior official", "a senior official");
    check_attr("Title\n\nIver Neumann, director of the Nansen Institute, told reporters that talks "
               "must start.", "that talks must start", "told",
               "Iver Neumann, director of the Nansen Institute,", "Iver Neumann");
    check_attr("Title\n\n«It's a conversation no one wants. So why not now? - asks Neumann "
               "rhetorically. - I believe it.»", "no one wants", "asks", "Neumann", "Neumann");
    /* a colon and a possessive: the quotation is the last person's */
    check_attr("Title\n\nAn adviser, Mihail Podolyak, spoke in July. Here is a quote from his "
               "interview:\n\n«Then we will have to sign an armistice.»", "armistice", ":", "his",
               "Mihail Podolyak");
    /* a block quotation after a paragraph ending in "said:" */
    check_attr("Title\n\nState Department spokesman Ned Price said:\n\nWe are now seeing Moscow "
               "offering talks at gunpoint.", "at gunpoint", "said",
               "State Department spokesman Ned Price", "Ned Price");
    /* pronouns go back to the last person named */
    check_attr("Title\n\nAleksey Danilov spoke to the press on Monday.\n\n«We can change the "
               "sequence of points,» he said.", "sequence of points", "said", "he", "Aleksey Danilov");
    /* reported speech without marks */
    check_attr("Title\n\nAs Bennett later admitted, the West decided to keep striking at Putin.",
               "the West decided", "later admitted", "Bennett", "Bennett");
    check_attr("Title\n\nThe Russian Foreign Ministry said that Russia will be forced to respond.",
               "that Russia will be forced", "said", "The Russian Foreign Ministry",
               "Russian Foreign Ministry");
    check_attr("Title\n\nNATO is weaker than it looks, the general said.", "NATO is weaker", "said",
               "the general", "general");
}

static void reported_speech_is_indirect(void **state)
{
    (void)state;
    am_map *m = analyze("Title\n\nBennett later admitted that the talks had failed.");
    const am_quote *q = quote_with(m, "the talks had failed");
    assert_non_null(q);
    assert_true(q->indirect);
    assert_false(q->block);
    assert_true(span_eq(m, q->content, "that the talks had failed"));
    /* the units stage hands it to the unit that holds it */
    assert_true(q->unit >= 0);
    const am_unit *u = &m->units.items[q->unit];
    assert_true(u->span.start <= q->content.start && q->content.end <= u->span.end);
    done(m);
}

static void kinds(void **state)
{
    (void)state;
    am_map *m = analyze("Title\n\nZelensky said: «We are not afraid to talk to Russia, we are not "
                        "afraid to talk about neutral status.»\n\nLater he was «not afraid to talk "
                        "to Russia» again. The forum «Arendal Week» met. It was a «Belarusian style» "
                        "answer to Zelensky's «peace plan». Despite all the \"heroic\" statements, "
                        "nothing moved.");
    const am_quote *q = quote_with(m, "not afraid to talk to Russia");
    assert_int_equal(q->kind, AM_QUOTE_TESTIMONY);
    int echoes = 0;
    for (size_t i = 0; i < m->quotes.len; i++) {
        const am_quote *x = &m->quotes.items[i];
        if (span_eq(m, x->content, "not afraid to talk to Russia")) {
            assert_int_equal(x->kind, AM_QUOTE_ECHO);
            assert_string_equal(source_name(m, x), "Zelensky");
            echoes++;
        }
    }
    assert_int_equal(echoes, 1);
    assert_int_equal(quote_with(m, "Arendal Week")->kind, AM_QUOTE_NAME);
    assert_int_equal(quote_with(m, "Belarusian style")->kind, AM_QUOTE_NAME);
    assert_int_equal(quote_with(m, "peace plan")->kind, AM_QUOTE_NAME);
    assert_int_equal(quote_with(m, "heroic")->kind, AM_QUOTE_SCARE);
    assert_int_equal(quote_with(m, "heroic")->source, -1);
    done(m);
}

static void sources_merge_aliases(void **state)
{
    (void)state;
    am_map *m = analyze("Title\n\nUkrainian President Vladimir Zelensky signaled that he was ready. "
                        "Zelensky said: «We need peace.» Later Vladimir Zelensky said that talks "
                        "had begun.");
    assert_int_equal(m->sources.len, 1);
    const am_source *s = &m->sources.items[0];
    assert_string_equal(s->name, "Vladimir Zelensky");
    assert_int_equal(s->kind, AM_SRC_PERSON);
    assert_string_equal(s->role, "Ukrainian President");
    int full = 0, sur = 0;
    for (size_t i = 0; i < s->aliases.len; i++) {
        full += !strcmp(s->aliases.items[i], "Ukrainian President Vladimir Zelensky");
        sur += !strcmp(s->aliases.items[i], "Zelensky");
        assert_string_not_equal(s->aliases.items[i], s->name);
    }
    assert_int_equal(full, 1);
    assert_int_equal(sur, 1);
    assert_true(s->mentions.len >= 3);
    for (size_t i = 1; i < s->mentions.len; i++)
        assert_true(s->mentions.items[i - 1].end <= s->mentions.items[i].start);
    done(m);
}

static void source_kinds(void **state)
{
    (void)state;
    am_map *m = analyze("Title\n\nIsraeli media reported that Bennett flew to Moscow. In a recent "
                        "article, Politiko quotes an unnamed U.S. official who admitted that Washington "
                        "is aware of it. Another U.S. official said that there was concern. "
                        "«We can change the points,» Aleksey Danilov, secretary of the Council, told "
                        "Italy's La Repubblica. I remember very well how it began. In my opinion, no.");
    const am_source *s;
    assert_non_null(s = source_named(m, "Israeli media"));
    assert_int_equal(s->kind, AM_SRC_MEDIA);
    assert_non_null(s = source_named(m, "Politiko"));
    assert_int_equal(s->kind, AM_SRC_MEDIA);
    assert_non_null(s = source_named(m, "La Repubblica"));
    assert_int_equal(s->kind, AM_SRC_MEDIA);
    assert_non_null(s = source_named(m, "an unnamed U.S. official"));
    assert_int_equal(s->kind, AM_SRC_ANONYMOUS);
    assert_non_null(s = source_named(m, "Another U.S. official"));
    assert_int_equal(s->kind, AM_SRC_ANONYMOUS);
    assert_non_null(s = source_named(m, "Aleksey Danilov"));
    assert_int_equal(s->kind, AM_SRC_PERSON);
    assert_string_equal(s->role, "secretary of the Council");
    assert_non_null(s = source_named(m, "the author"));
    assert_int_equal(s->kind, AM_SRC_AUTHOR);
    assert_int_equal(s->mentions.len, 2);
    /* "who admitted" is the unnamed official's */
    assert_string_equal(source_name(m, quote_with(m, "Washington is aware")), "an unnamed U.S. official");
    /* sorted by first mention */
    for (size_t i = 1; i < m->sources.len; i++)
        assert_true(m->sources.items[i - 1].mentions.items[0].start <=
                    m->sources.items[i].mentions.items[0].start);
    done(m);
}

static void two_anonymous_officials_stay_apart(void **state)
{
    (void)state;
    am_map *m = analyze("Title\n\nAn unnamed official said that the offensive failed. Another official "
                        "said that there was concern:\n\n«What are we going to do?»");
    size_t anon = 0;
    for (size_t i = 0; i < m->sources.len; i++)
        anon += m->sources.items[i].kind == AM_SRC_ANONYMOUS;
    assert_int_equal(anon, 2);
    /* the block quotation and its introduction are the same official's */
    assert_string_equal(source_name(m, quote_with(m, "What are we going to do")),
                        source_name(m, quote_with(m, "there was concern")));
    done(m);
}

static void no_model_no_quotes(void **state)
{
    (void)state;
    /* the quotes stage alone, on a map without a model: nothing found, no error */
    am_document *doc = load_str("t.txt", "Title\n\nHe said: «Yes.»", AM_FORMAT_TEXT);
    am_map *map = calloc(1, sizeof *map);
    assert_non_null(map);
    map->doc = doc;
    map->major = -1;
    am_analyze_options ao;
    am_analyze_options_init(&ao);
    assert_int_equal(am_stage_quotes(map, &ao), 0);
    assert_int_equal(map->quotes.len, 0);
    am_map_free(map);
    am_document_free(doc);
}

static void limit_on_quotes(void **state)
{
    (void)state;
    am_document *doc = load_str("t.txt", "T\n\n«a» «b» «c» «d» «e»", AM_FORMAT_TEXT);
    am_analyze_options o;
    am_analyze_options_init(&o);
    o.max_units = 3;
    am_map *map = NULL;
    assert_int_equal(am_analyze(&map, doc, test_model, &o), AM_ELIMIT);
    assert_null(map);
    am_document_free(doc);
}

static void hostile_documents(void **state)
{
    (void)state;
    /* 10^4 unbalanced marks, apostrophes and cue words through the whole stage */
    size_t n = 10000;
    char *s = malloc(n * 8 + 16);
    assert_non_null(s);
    strcpy(s, "T\n\n");
    size_t p = 3;
    const char *bits[] = {"« said ", "\" he ", "' told ", "“ x: ", "» , "};
    for (size_t i = 0; i < n; i++) {
        const char *b = bits[i % 5];
        memcpy(s + p, b, strlen(b));
        p += strlen(b);
    }
    s[p] = '\0';
    clock_t t0 = clock();
    am_map *m = analyze(s);
    assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 5.0);
    for (size_t i = 0; i < m->quotes.len; i++) {
        assert_true(m->quotes.items[i].span.end <= m->doc->text_len);
        assert_true(m->quotes.items[i].source < (long)m->sources.len);
    }
    done(m);
    free(s);
    /* cues at the very end of a document or sentence (found by fuzzing) */
    const char *ends[] = {"T\n\nWe talked. I remember", "T\n\nAs Bennett admitted,",
                          "T\n\nIn my opinion", "T\n\nAccording to", "T\n\nZelensky said:",
                          "T\n\n«", "T\n\nHe said, Next one.", "T\n\nFALLIN:", "T\n\n, said"};
    for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
        m = analyze(ends[i]);
        for (size_t k = 0; k < m->quotes.len; k++)
            assert_true(m->quotes.items[k].content.end <= m->doc->text_len);
        done(m);
    }
}

/* With the sentence stage's sentences in the map, the stage uses them
 * (here one sentence per block) and finds the same attributions. */
static void uses_given_sentences(void **state)
{
    (void)state;
    am_document *doc = load_str("t.txt", "T\n\nMr. Smith arrived. He said that the talks failed.\n\n"
                                "«We will win,» said Ned Price.", AM_FORMAT_TEXT);
    am_map *map = calloc(1, sizeof *map);
    assert_non_null(map);
    map->doc = doc;
    map->model = test_model;
    map->major = -1;
    for (size_t b = 0; b < doc->blocks.len; b++) {
        am_sentence *s = AM_VEC_PUSH(&map->sentences);
        assert_non_null(s);
        s->span = doc->blocks.items[b].span;
        s->paragraph = b;
    }
    am_analyze_options o;
    am_analyze_options_init(&o);
    assert_int_equal(am_stage_quotes(map, &o), 0);
    const am_quote *q = quote_with(map, "the talks failed");
    assert_non_null(q);
    assert_true(span_eq(map, q->speaker, "He"));
    assert_string_equal(source_name(map, q), "Smith"); /* "Mr." is a title */
    assert_string_equal(source_name(map, quote_with(map, "We will win")), "Ned Price");
    for (size_t i = 0; i < map->quotes.len; i++)
        assert_int_equal(map->quotes.items[i].unit, -1);
    am_map_free(map);
    am_document_free(doc);
}

/* A Markdown block quotation without marks is a quotation, and the
 * paragraph before it ending in "said:" gives its speaker. */
static void markdown_block_quote(void **state)
{
    (void)state;
    am_document *doc = load_str("t.md", "# Title\n\nThe mayor, Maria Lopez, said:\n\n"
                                "> Streets are for people first.\n\nAnd a second quote:\n\n"
                                "> Nobody owns the city.\n", AM_FORMAT_MARKDOWN);
    am_map *m = NULL;
    assert_int_equal(am_analyze(&m, doc, test_model, NULL), 0);
    const am_quote *q = quote_with(m, "Streets are for people first");
    assert_non_null(q);
    assert_true(q->block);
    assert_int_equal(q->kind, AM_QUOTE_TESTIMONY);
    assert_string_equal(source_name(m, q), "Maria Lopez");
    q = quote_with(m, "Nobody owns the city");
    assert_non_null(q);
    assert_true(q->block);
    am_map_free(m);
    am_document_free(doc);
}

/* "X told Y ..." without content still lists the speaker and the outlet. */
static void told_without_content(void **state)
{
    (void)state;
    am_map *m = analyze("Title\n\nAn adviser, Mihail Podolyak, told Le Point in a July interview about "
                        "possible peace talks.");
    assert_non_null(source_named(m, "Mihail Podolyak"));
    const am_source *s = source_named(m, "Le Point");
    assert_non_null(s);
    assert_int_equal(s->kind, AM_SRC_MEDIA);
    done(m);
}

static void deterministic(void **state)
{
    (void)state;
    const char *t = "Title\n\nZelensky said: «We need peace.» Another official said that "
                    "talks stalled. «Yes,» he said. Israeli media reported that it rained.";
    char *a = NULL, *b = NULL;
    for (int k = 0; k < 2; k++) {
        am_map *m = analyze(t);
        assert_int_equal(am_map_to_json(k ? &b : &a, NULL, m, 0), 0);
        done(m);
    }
    assert_string_equal(a, b);
    am_free(a);
    am_free(b);
}

/* am_qsort_stable against a stable reference (qsort with the position
 * as the last key) on arrays with many equal keys, in runs and random. */
typedef struct {
    int key, pos;
} kp_t;

static int cmp_key(const void *a, const void *b)
{
    const kp_t *x = a, *y = b;
    return (x->key > y->key) - (x->key < y->key);
}

static int cmp_key_pos(const void *a, const void *b)
{
    const kp_t *x = a, *y = b;
    int r = cmp_key(a, b);
    return r ? r : (x->pos > y->pos) - (x->pos < y->pos);
}

static void stable_sort_keeps_ties(void **state)
{
    (void)state;
    unsigned seed = 12345;
    for (int round = 0; round < 200; round++) {
        int n = round % 50 == 0 ? 0 : 1 + (int)(seed % 300);
        kp_t a[300], b[300];
        for (int i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            /* sorted runs with ties (as spans come, rule after rule), or random */
            int key = round % 3 == 0 ? (int)((seed >> 16) % 7) : (i % 40) + (int)((seed >> 16) % 3);
            a[i] = b[i] = (kp_t){key, i};
        }
        am_qsort_stable(a, (size_t)n, sizeof *a, cmp_key);
        if (n)
            qsort(b, (size_t)n, sizeof *b, cmp_key_pos);
        for (int i = 0; i < n; i++) {
            assert_int_equal(a[i].key, b[i].key);
            assert_int_equal(a[i].pos, b[i].pos);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(marks_of_every_kind),
        cmocka_unit_test(apostrophes_are_not_quotes),
        cmocka_unit_test(nested_quotes),
        cmocka_unit_test(unbalanced_quotes),
        cmocka_unit_test(hostile_input_is_bounded),
        cmocka_unit_test(attribution_patterns),
        cmocka_unit_test(reported_speech_is_indirect),
        cmocka_unit_test(kinds),
        cmocka_unit_test(sources_merge_aliases),
        cmocka_unit_test(source_kinds),
        cmocka_unit_test(two_anonymous_officials_stay_apart),
        cmocka_unit_test(no_model_no_quotes),
        cmocka_unit_test(limit_on_quotes),
        cmocka_unit_test(hostile_documents),
        cmocka_unit_test(uses_given_sentences),
        cmocka_unit_test(told_without_content),
        cmocka_unit_test(markdown_block_quote),
        cmocka_unit_test(deterministic),
        cmocka_unit_test(stable_sort_keeps_ties),
    };
    return cmocka_run_group_tests(tests, test_models_setup, test_models_teardown);
}
