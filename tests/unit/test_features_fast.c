/*
 * test_features_fast.c - the faster paths of the feature context and the
 * linear models give what the plain paths give: the model's lexicon tables
 * (am_flex) and tables built for one context, am_feat_unit_raw and
 * am_feat_unit, am_linear_predict_raw and am_linear_predict.
 */
#include "testutil.h"

#include "argue/argue.h"
#include "core/lexicon.h"

static const char *text =
    "Yes, it is costly. But still we must do it, because the \"rules\" say so. "
    "For example, 40% of towns did in March 2016. In other words it works, on the other hand "
    "it is true that they didn't. Is it fair? Everyone knows the reason is money: $5. "
    "This is why Smith said \xe2\x80\x9cwe will\xe2\x80\x9d in May.";
static const char *units[] = {
    "Yes, it is costly.", "But still we must do it,", "because the \"rules\" say so.",
    "For example, 40% of towns did in March 2016.", "In other words it works,",
    "on the other hand it is true that they didn't.", "Is it fair?",
    "Everyone knows the reason is money: $5.",
    "This is why Smith said \xe2\x80\x9cwe will\xe2\x80\x9d in May."};
#define NUNITS (sizeof units / sizeof units[0])

static am_map *prepare(am_document **doc, const am_model *m)
{
    *doc = load_str("t.txt", text, AM_FORMAT_TEXT);
    am_analyze_options o;
    am_analyze_options_init(&o);
    o.units = units;
    o.units_count = NUNITS;
    am_map *map = NULL;
    if (am_argue_prepare(&map, *doc, m, &o) < 0)
        fail_msg("prepare: %s", am_error_last());
    return map;
}

static void same_info(const am_unit_info *a, const am_unit_info *b)
{
    assert_int_equal(a->tokens.len, b->tokens.len);
    for (size_t k = 0; k < a->tokens.len; k++)
        assert_string_equal(a->tokens.items[k], b->tokens.items[k]);
    assert_ptr_equal(a->marker, b->marker);
    assert_ptr_equal(a->marker_in, b->marker_in);
    assert_string_equal(a->marker_text, b->marker_text);
    int fa[] = {a->modal, a->first_person, a->second_person, a->negation, a->cue,
                a->report_word, a->example_word, a->quote_chars, a->digits, a->percent,
                a->money, a->year, a->month, a->question, a->exclaim, a->quote_first,
                a->quote_last, a->cue_start, a->cue_end, a->in_quote, a->meta, a->fact,
                a->past, a->number, a->common, a->proper, a->para_first, a->para_last};
    int fb[] = {b->modal, b->first_person, b->second_person, b->negation, b->cue,
                b->report_word, b->example_word, b->quote_chars, b->digits, b->percent,
                b->money, b->year, b->month, b->question, b->exclaim, b->quote_first,
                b->quote_last, b->cue_start, b->cue_end, b->in_quote, b->meta, b->fact,
                b->past, b->number, b->common, b->proper, b->para_first, b->para_last};
    assert_memory_equal(fa, fb, sizeof fa);
}

static void same_vec(const am_fvec *a, const am_fvec *b)
{
    assert_int_equal(a->f.len, b->f.len);
    for (size_t k = 0; k < a->f.len; k++) {
        assert_int_equal(a->f.items[k].idx, b->f.items[k].idx);
        assert_memory_equal(&a->f.items[k].val, &b->f.items[k].val, sizeof(double));
    }
}

/* A context read through the model's tables equals one that built its own
 * (a model whose weights were lent without them, as training does). */
static void test_flex_own_equals_model(void **state)
{
    (void)state;
    am_model *m = NULL;
    if (am_model_load(&m, TEST_MODELS) < 0)
        fail_msg("model: %s", am_error_last());
    const am_weights *w = am_argue_weights(m);
    assert_non_null(w);
    assert_non_null(w->flex);
    am_model bare = *m; /* the lexicons, no weights: no tables */
    bare.weights = NULL;
    bare.weights_free = NULL;
    am_document *doc;
    am_map *map = prepare(&doc, m);
    am_fctx a, b;
    assert_int_equal(am_fctx_init(&a, map), 0);
    assert_null(a.own_flex);
    map->model = &bare;
    assert_int_equal(am_fctx_init(&b, map), 0);
    assert_non_null(b.own_flex);
    map->model = m;
    assert_int_equal(a.n, NUNITS);
    /* the test text reaches the multi-word keys and the flags */
    assert_string_equal(a.u[1].marker_text, "but still");
    assert_string_equal(a.u[4].marker_text, "in other words");
    assert_string_equal(a.u[5].marker_text, "on the other hand");
    assert_true(a.u[3].month && a.u[3].year && a.u[3].percent);
    assert_true(a.u[8].month);
    for (size_t i = 0; i < NUNITS; i++) {
        same_info(&a.u[i], &b.u[i]);
        am_fvec va = {0}, vb = {0};
        assert_int_equal(am_feat_unit(&a, i, &va), 0);
        assert_int_equal(am_feat_unit(&b, i, &vb), 0);
        same_vec(&va, &vb);
        am_fvec_free(&va);
        am_fvec_free(&vb);
    }
    am_fctx_free(&a);
    am_fctx_free(&b);
    am_map_free(map);
    am_document_free(doc);
    am_model_free(m);
}

/* am_feat_unit is am_feat_unit_raw finished; am_linear_predict_raw on the
 * raw vector gives am_linear_predict's probabilities on the finished one,
 * bit for bit, with the row hash (a row map or a sort of the hits) and with
 * the search of rows. */
static void test_raw_paths(void **state)
{
    (void)state;
    am_model *m = NULL;
    if (am_model_load(&m, TEST_MODELS) < 0)
        fail_msg("model: %s", am_error_last());
    am_weights *w = (am_weights *)am_argue_weights(m);
    assert_non_null(w);
    am_document *doc;
    am_map *map = prepare(&doc, m);
    am_fctx c;
    assert_int_equal(am_fctx_init(&c, map), 0);
    am_linear *models[] = {&w->cc, &w->ro, &w->fu, &w->at};
    am_hits hits = {0};
    size_t compared = 0;
    for (size_t i = 0; i < NUNITS; i++) {
        am_fvec fin = {0}, raw = {0};
        assert_int_equal(am_feat_unit(&c, i, &fin), 0);
        assert_int_equal(am_feat_unit_raw(&c, i, &raw), 0);
        assert_true(raw.f.len >= fin.f.len);
        am_fvec copy = {0};
        for (size_t k = 0; k < raw.f.len; k++) {
            am_feat *f = AM_VEC_PUSH(&copy.f);
            assert_non_null(f);
            *f = raw.f.items[k];
            assert_true(f->val == 1.0);
        }
        am_fvec_finish(&copy);
        same_vec(&copy, &fin);
        for (size_t k = 0; k < sizeof models / sizeof models[0]; k++) {
            am_linear *lm = models[k];
            if (!lm->nclass)
                continue;
            double p1[8], p2[8], p3[8];
            am_linear_predict(lm, &fin, p1);
            assert_int_equal(am_linear_predict_raw(lm, &raw, p2, &hits), 0);
            assert_memory_equal(p1, p2, (size_t)lm->nclass * sizeof *p1);
            uint32_t *h = lm->hrow; /* as a model just trained: no row hash */
            lm->hrow = NULL;
            assert_int_equal(am_linear_predict_raw(lm, &raw, p3, &hits), 0);
            lm->hrow = h;
            assert_memory_equal(p1, p3, (size_t)lm->nclass * sizeof *p1);
            compared++;
            /* a short vector, one feature twice: for a model of many rows
             * predict_raw sorts the hits instead of marking a row map */
            am_fvec few = {0}, fewfin = {0};
            for (size_t j = 0; j < 5 && raw.f.len >= 4; j++) {
                am_feat *f = AM_VEC_PUSH(&few.f), *g = AM_VEC_PUSH(&fewfin.f);
                assert_true(f && g);
                *f = *g = raw.f.items[j % 4];
            }
            am_fvec_finish(&fewfin);
            am_linear_predict(lm, &fewfin, p1);
            assert_int_equal(am_linear_predict_raw(lm, &few, p2, &hits), 0);
            assert_memory_equal(p1, p2, (size_t)lm->nclass * sizeof *p1);
            am_fvec_free(&few);
            am_fvec_free(&fewfin);
        }
        am_fvec_free(&copy);
        am_fvec_free(&fin);
        am_fvec_free(&raw);
    }
    assert_true(compared >= NUNITS);
    AM_VEC_FREE(&hits);
    am_fctx_free(&c);
    am_map_free(map);
    am_document_free(doc);
    am_model_free(m);
}

/* A NUL byte inside a unit makes an empty token, as strlen read it before. */
static void test_nul_byte_token(void **state)
{
    (void)state;
    am_model *m = NULL;
    if (am_model_load(&m, TEST_MODELS) < 0)
        fail_msg("model: %s", am_error_last());
    am_document *doc = load_str("t.txt", "We must act now.", AM_FORMAT_TEXT);
    am_analyze_options o;
    am_analyze_options_init(&o);
    const char *u[] = {"We must act now."};
    o.units = u;
    o.units_count = 1;
    am_map *map = NULL;
    assert_int_equal(am_argue_prepare(&map, doc, m, &o), 0);
    doc->text[6] = '\0'; /* "We mus\0 act now." */
    am_fctx c;
    assert_int_equal(am_fctx_init(&c, map), 0);
    int empty = 0;
    for (size_t k = 0; k < c.u[0].tokens.len; k++)
        empty += c.u[0].tokens.items[k][0] == '\0';
    assert_int_equal(empty, 1);
    am_fvec v = {0};
    assert_int_equal(am_feat_unit(&c, 0, &v), 0);
    assert_true(v.f.len > 10);
    am_fvec_free(&v);
    am_fctx_free(&c);
    am_map_free(map);
    am_document_free(doc);
    am_model_free(m);
}

/* The names counted while tokenizing are the names of the scan over the
 * unit's bytes that counted them before (capitalised words that do not
 * open a sentence), on units with the cases the tokenizer reads apart:
 * apostrophes, decimals, bytes >= 0x80, typographic quotes; and so are the
 * words (tokens opening with a letter, digit or byte >= 0x80). */
static int names_plain(const char *s, size_t n)
{
    int count = 0, sentence_start = 1, prev_alnum = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) {
            if (!prev_alnum) {
                if (ch >= 'A' && ch <= 'Z' && !sentence_start)
                    count++;
                sentence_start = 0;
            }
            prev_alnum = 1;
        } else {
            if (ch == '.' || ch == '!' || ch == '?' || ch == ':' || ch == '"')
                sentence_start = 1;
            prev_alnum = ch >= '0' && ch <= '9';
        }
    }
    return count;
}

static void test_names_counted(void **state)
{
    (void)state;
    am_model *m = NULL;
    if (am_model_load(&m, TEST_MODELS) < 0)
        fail_msg("model: %s", am_error_last());
    const char *u[] = {
        "Then O'Brien met Zo\xc3\xab \xc3\x81vila and Bob's friend Ann.",
        "It cost 3.5 Million, said Smith: \"Yes\" to J.R.R. Tolkien\xe2\x80\x99s X-Men.",
        "We don't know why 2B or 1,000 People said \xe2\x80\x9cNo\xe2\x80\x9d to Mr.Jones 4Real.",
        "the caf\xc3\xa9" "Bar and na\xc3\xafVe Ideas \xc2\xab" "Oui\xc2\xbb here!",
    };
    char all[1024] = "";
    for (size_t i = 0; i < sizeof u / sizeof u[0]; i++) {
        strcat(all, u[i]);
        strcat(all, " ");
    }
    am_document *doc = load_str("t.txt", all, AM_FORMAT_TEXT);
    am_analyze_options o;
    am_analyze_options_init(&o);
    o.units = u;
    o.units_count = sizeof u / sizeof u[0];
    am_map *map = NULL;
    assert_int_equal(am_argue_prepare(&map, doc, m, &o), 0);
    am_fctx c;
    assert_int_equal(am_fctx_init(&c, map), 0);
    assert_int_equal(c.n, sizeof u / sizeof u[0]);
    int total = 0;
    for (size_t i = 0; i < c.n; i++) {
        const am_unit *un = &map->units.items[i];
        int want = names_plain(doc->text + un->span.start, un->span.end - un->span.start);
        assert_int_equal(c.u[i].proper, want);
        total += want;
        size_t words = 0; /* the tokens classify counts as words */
        for (size_t k = 0; k < c.u[i].tokens.len; k++) {
            unsigned char ch = (unsigned char)c.u[i].tokens.items[k][0];
            words += (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || ch >= 0x80;
        }
        assert_int_equal(c.u[i].word_tokens, words);
        assert_true(words >= 5);
    }
    assert_true(total >= 8);
    am_fctx_free(&c);
    am_map_free(map);
    am_document_free(doc);
    am_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flex_own_equals_model),
        cmocka_unit_test(test_raw_paths),
        cmocka_unit_test(test_nul_byte_token),
        cmocka_unit_test(test_names_counted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
