/*
 * test_argue.c - argument structure: gold units, features, linear models,
 * the spanning-tree decoder, and relations from markers, quotations and
 * paragraphs on hand-built maps.
 */
#include "testutil.h"

#include <math.h>

#include "argue/argue.h"
#include "core/lexicon.h"

/* ------------------------------------------------------------ helpers */

static am_model *load_model(void)
{
    am_model *m = NULL;
    if (am_model_load(&m, TEST_MODELS) < 0)
        fail_msg("model: %s", am_error_last());
    return m;
}

/* A copy of the model with its lexicons but no trained weights: the rules. */
static am_model bare_of(const am_model *m)
{
    am_model b = *m;
    b.weights = NULL;
    b.weights_free = NULL;
    return b;
}

/* A map of text with the given gold units, before classify. */
static am_map *prepare(am_document **doc, const am_model *m, const char *text,
                       const char *const *units, size_t n)
{
    *doc = load_str("t.txt", text, AM_FORMAT_TEXT);
    am_analyze_options o;
    am_analyze_options_init(&o);
    o.units = units;
    o.units_count = n;
    am_map *map = NULL;
    if (am_argue_prepare(&map, *doc, m, &o) < 0)
        fail_msg("prepare: %s", am_error_last());
    return map;
}

static const am_relation *find_rel(const am_map *map, am_node_kind fk, size_t from, size_t to)
{
    for (size_t i = 0; i < map->relations.len; i++) {
        const am_relation *r = &map->relations.items[i];
        if (r->from.kind == fk && r->from.index == from && r->to.kind == AM_NODE_UNIT &&
            r->to.index == to)
            return r;
    }
    return NULL;
}

/* ----------------------------------------------------------- gold units */

static void test_units_parse_lines(void **state)
{
    (void)state;
    const char *s = "First unit.\r\n\n  Second unit  \nThird";
    char **u = NULL;
    size_t n = 0;
    assert_int_equal(am_units_parse(&u, &n, "x", s, strlen(s), 10), 0);
    assert_int_equal(n, 3);
    assert_string_equal(u[0], "First unit.");
    assert_string_equal(u[1], "Second unit");
    assert_string_equal(u[2], "Third");
    am_units_free(u, n);
}

static void test_units_parse_json(void **state)
{
    (void)state;
    const char *s = " [\"a b\", \"c\\nd\"]";
    char **u = NULL;
    size_t n = 0;
    assert_int_equal(am_units_parse(&u, &n, "x", s, strlen(s), 10), 0);
    assert_int_equal(n, 2);
    assert_string_equal(u[1], "c\nd");
    am_units_free(u, n);
    const char *bad = "[\"a\", 3]";
    assert_int_equal(am_units_parse(&u, &n, "x", bad, strlen(bad), 10), AM_EPARSE);
    assert_non_null(strstr(am_error_last(), "item 2"));
    const char *many = "a\nb\nc\n";
    assert_int_equal(am_units_parse(&u, &n, "x", many, strlen(many), 2), AM_ELIMIT);
}

static void test_gold_locate(void **state)
{
    (void)state;
    am_document *doc = load_str("t.txt", "One  two\nthree. Four five.", AM_FORMAT_TEXT);
    am_tspan sp;
    assert_int_equal(am_gold_locate(doc, "One two three.", 0, &sp), 0);
    assert_int_equal(sp.start, 0);
    assert_int_equal(sp.end, 15);
    assert_int_equal(am_gold_locate(doc, " Four five.", sp.end, &sp), 0);
    assert_int_equal(sp.start, 16);
    /* in order: the first unit cannot be found after the second */
    assert_int_equal(am_gold_locate(doc, "One", 16, &sp), AM_EPARSE);
    am_document_free(doc);
}

static void test_analyze_gold_units(void **state)
{
    (void)state;
    am_model *m = load_model();
    am_document *doc = load_str("t.txt", "We should act now. Because time runs out.", AM_FORMAT_TEXT);
    const char *units[] = {"We should act now.", "Because time runs out."};
    am_analyze_options o;
    am_analyze_options_init(&o);
    o.units = units;
    o.units_count = 2;
    am_map *map = NULL;
    assert_int_equal(am_analyze(&map, doc, m, &o), 0);
    assert_int_equal(map->units.len, 2);
    assert_int_equal(map->units.items[1].span.start, 19);
    assert_true(map->major >= 0);
    assert_true(map->relations.len >= 1);
    am_map_free(map);
    const char *missing[] = {"Not in the text."};
    o.units = missing;
    o.units_count = 1;
    assert_int_equal(am_analyze(&map, doc, m, &o), AM_EPARSE);
    assert_non_null(strstr(am_error_last(), "gold unit 1"));
    am_document_free(doc);
    am_model_free(m);
}

/* ------------------------------------------------------------ features */

static void test_fvec_finish(void **state)
{
    (void)state;
    am_fvec v = {0};
    am_fvec_add(&v, "b", 1);
    am_fvec_add(&v, "a", 1);
    am_fvec_add(&v, "b", 1);
    am_fvec_finish(&v);
    assert_int_equal(v.f.len, 2);
    assert_true(v.f.items[0].idx < v.f.items[1].idx);
    assert_true(v.f.items[0].idx >= 1 && v.f.items[1].idx <= AM_FEAT_DIM);
    assert_int_equal(am_feat_hash("a"), am_feat_hash("a"));
    assert_int_not_equal(am_feat_hash("a"), am_feat_hash("b"));
    am_fvec_free(&v);
}

static void test_markers_and_flags(void **state)
{
    (void)state;
    am_model *m = load_model();
    am_document *doc;
    const char *text = "Yes, it is costly. But still we must do it, because the \"rules\" say so. "
                       "For example, 40% of towns did. In other words it works. Is it fair?";
    const char *units[] = {"Yes, it is costly.", "But still we must do it,",
                           "because the \"rules\" say so.", "For example, 40% of towns did.",
                           "In other words it works.", "Is it fair?"};
    am_map *map = prepare(&doc, m, text, units, 6);
    am_fctx c;
    assert_int_equal(am_fctx_init(&c, map), 0);
    assert_string_equal(c.u[0].marker, "concession");
    assert_string_equal(c.u[1].marker, "attack");
    assert_string_equal(c.u[1].marker_text, "but still");
    assert_true(c.u[1].modal && c.u[1].first_person);
    assert_string_equal(c.u[2].marker, "premise");
    assert_int_equal(c.u[2].quote_chars, 2);
    assert_string_equal(c.u[3].marker, "example");
    assert_true(c.u[3].percent && c.u[3].digits);
    assert_string_equal(c.u[4].marker, "conclusion");
    assert_true(c.u[5].question);
    assert_true(map->units.items[5].question);
    assert_null(c.u[5].marker);
    /* the features name what was found; pairs know the direction */
    am_fvec v = {0};
    assert_int_equal(am_feat_unit(&c, 1, &v), 0);
    int found = 0;
    for (size_t i = 0; i < v.f.len; i++)
        found |= v.f.items[i].idx == am_feat_hash("m=attack");
    assert_true(found);
    am_fvec_free(&v);
    assert_int_equal(am_feat_pair(&c, 2, 1, &v), 0);
    found = 0;
    for (size_t i = 0; i < v.f.len; i++)
        found |= v.f.items[i].idx == am_feat_hash("m=premise|d=-1");
    assert_true(found);
    am_fvec_free(&v);
    assert_string_equal(am_argue_signal("support-forward"), "premise");
    assert_string_equal(am_argue_signal("support-backward"), "conclusion");
    assert_null(am_argue_signal("unknown"));
    assert_string_equal(am_argue_signal("attack\tstart"), "attack");
    assert_null(am_argue_signal("attackx"));
    am_fctx_free(&c);
    am_map_free(map);
    am_document_free(doc);
    am_model_free(m);
}

/* The features are hashed without printf: each must be the hash of the
 * name printf would spell, cut at 255 bytes as am_fvec_addf cuts it. */
static int has_feat(const am_fvec *v, const char *fmt, const char *a, const char *b)
{
    am_fvec ref = {0};
    am_fvec_addf(&ref, 1, fmt, a, b);
    uint32_t want = ref.f.items[0].idx;
    am_fvec_free(&ref);
    for (size_t i = 0; i < v->f.len; i++)
        if (v->f.items[i].idx == want)
            return 1;
    return 0;
}

static void test_feature_names(void **state)
{
    (void)state;
    am_model *m = load_model();
    am_document *doc;
    char text[1024], word[301];
    memset(word, 'x', 300);
    word[300] = '\0';
    snprintf(text, sizeof text, "But we said %s 40%% in 2019. Therefore it works.", word);
    char u0[700];
    snprintf(u0, sizeof u0, "But we said %s 40%% in 2019.", word);
    const char *units[] = {u0, "Therefore it works."};
    am_map *map = prepare(&doc, m, text, units, 2);
    am_fctx c;
    assert_int_equal(am_fctx_init(&c, map), 0);
    am_fvec v = {0};
    assert_int_equal(am_feat_unit(&c, 0, &v), 0);
    assert_true(has_feat(&v, "w=%s%s", word, ""));       /* cut at 255 bytes */
    assert_true(has_feat(&v, "b=said_%s%s", word, ""));
    assert_true(has_feat(&v, "f3=but_we_%s%s", "said", ""));
    assert_true(has_feat(&v, "m=%s%s", "attack", ""));
    assert_true(has_feat(&v, "next.m=%s%s", "conclusion", ""));
    assert_true(has_feat(&v, "%syear%s", "", ""));
    assert_true(has_feat(&v, "idx=0%s%s", "", ""));
    assert_true(has_feat(&v, "fromend=1%s%s", "", ""));
    assert_true(has_feat(&v, "prev.none%s%s", "", ""));
    assert_true(has_feat(&v, "l1=%s%s", ".", ""));
    assert_false(has_feat(&v, "w=%.250s%s", word, "")); /* not any prefix */
    for (size_t i = 1; i < v.f.len; i++)
        assert_true(v.f.items[i - 1].idx < v.f.items[i].idx);
    am_fvec_free(&v);
    assert_int_equal(am_feat_pair(&c, 1, 0, &v), 0);
    assert_true(has_feat(&v, "n=2|d=%s%s", "-1", ""));
    assert_true(has_feat(&v, "m=conclusion|jm=attack|dir=%s%s", "back", ""));
    assert_true(has_feat(&v, "iidx=1|jidx=0%s%s", "", ""));
    assert_true(has_feat(&v, "imodal=0|jmodal=0%s%s", "", ""));
    assert_true(has_feat(&v, "same_para|jpfirst=1|d=%s%s", "-1", ""));
    assert_true(has_feat(&v, "jf1=but|dir=%s%s", "back", ""));
    am_fvec_free(&v);
    assert_int_equal(am_feat_pair(&c, 0, 1, &v), 0);
    assert_true(has_feat(&v, "d=+1%s%s", "", ""));
    assert_true(has_feat(&v, "next_is_target|jm=%s%s", "conclusion", ""));
    assert_true(has_feat(&v, "ifp=1|jfp=0%s%s", "", ""));
    am_fvec_free(&v);
    am_fctx_free(&c);
    am_map_free(map);
    am_document_free(doc);
    am_model_free(m);
}

/* classify's context is reused by relate only while the units are the
 * same; a changed unit gives a fresh one. */
static void test_fctx_shared(void **state)
{
    (void)state;
    am_model *m = load_model();
    am_document *doc;
    const char *text = "Prices rose. But wages fell?";
    const char *units[] = {"Prices rose.", "But wages fell?"};
    am_map *map = prepare(&doc, m, text, units, 2);
    const am_fctx *a, *b;
    assert_int_equal(am_fctx_shared(map, &a), 0);
    assert_int_equal(a->n, 2);
    assert_int_equal(a->u[1].tokens.len, 4);
    assert_int_equal(am_fctx_shared(map, &b), 0);
    assert_ptr_equal(a, b);
    map->units.items[1].span.end -= 1; /* "But wages fell" */
    assert_int_equal(am_fctx_shared(map, &b), 0);
    assert_int_equal(b->u[1].tokens.len, 3);
    map->units.items[1].question = 0;
    assert_int_equal(am_fctx_shared(map, &a), 0);
    assert_false(a->u[1].question);
    am_fctx_release(map);
    assert_null(map->argue_cache);
    assert_int_equal(am_fctx_shared(map, &a), 0); /* freed with the map */
    am_map_free(map);
    am_document_free(doc);
    am_model_free(m);
}

/* sort_feats against a plain sort, on vectors with many duplicates */
static void test_fvec_sort(void **state)
{
    (void)state;
    unsigned seed = 7;
    for (int round = 0; round < 200; round++) {
        am_fvec v = {0};
        size_t n = (size_t)(round * 7 % 500);
        char name[32];
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            snprintf(name, sizeof name, "f%u", (seed >> 16) % (round % 3 ? 1000u : 5u));
            am_fvec_add(&v, name, 1);
        }
        am_fvec_finish(&v);
        for (size_t i = 1; i < v.f.len; i++)
            assert_true(v.f.items[i - 1].idx < v.f.items[i].idx);
        am_fvec_free(&v);
    }
}

/* ------------------------------------------------------- linear models */

/* The weights parser's fast path must give strtod's doubles, bit for bit:
 * every number of the project's models, and numbers it hands to strtod. */
static void test_linear_load_matches_strtod(void **state)
{
    (void)state;
    const char *names[] = {"cc", "ro", "fu", "at"};
    size_t checked = 0;
    for (size_t k = 0; k < 4; k++) {
        char path[512];
        snprintf(path, sizeof path, "%s/weights/%s.model", TEST_MODELS, names[k]);
        am_linear m;
        assert_int_equal(am_linear_load(&m, path), 0);
        FILE *f = fopen(path, "r");
        assert_non_null(f);
        char line[512];
        for (int i = 0; i < 5; i++) /* header */
            assert_non_null(fgets(line, sizeof line, f));
        for (size_t r = 0; r < m.nrows; r++) {
            assert_non_null(fgets(line, sizeof line, f));
            char *p = line, *e;
            assert_int_equal(strtoul(p, &e, 10), m.rows[r]);
            for (int c = 0; c < m.nclass; c++) {
                p = e;
                double w = strtod(p, &e);
                assert_memory_equal(&w, &m.w[r * (size_t)m.nclass + (size_t)c], sizeof w);
                checked++;
            }
        }
        fclose(f);
        /* the row hash finds the rows a search finds: same probabilities */
        am_fvec x = {0};
        for (size_t r = 0; r < m.nrows; r += 7) {
            am_feat *ft = AM_VEC_PUSH(&x.f);
            assert_non_null(ft);
            ft->idx = m.rows[r] + (r % 3 == 0); /* some miss */
            ft->val = 1;
        }
        am_fvec_finish(&x);
        double p1[8], p2[8];
        assert_non_null(m.hrow);
        am_linear_predict(&m, &x, p1);
        uint32_t *h = m.hrow;
        m.hrow = NULL;
        am_linear_predict(&m, &x, p2);
        m.hrow = h;
        assert_memory_equal(p1, p2, (size_t)m.nclass * sizeof *p1);
        am_fvec_free(&x);
        am_linear_free(&m);
    }
    assert_true(checked > 1000);
    const char *path = "build/test_argue_odd.model";
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("argmap-linear 1\nname t\nclasses 2 1 0\nbias -0 1.\nrows 4\n"
          "1 0x1p-3 123456789012345678\n2 1e-30 -4.5e+25\n3 .5 9007199254740993\n"
          "4 0.0000000000000000000000001234 1.7976931348623157e308\n", f);
    fclose(f);
    am_linear m;
    assert_int_equal(am_linear_load(&m, path), 0);
    const char *want[] = {"0x1p-3", "123456789012345678", "1e-30", "-4.5e+25", ".5",
                          "9007199254740993", "0.0000000000000000000000001234",
                          "1.7976931348623157e308"};
    for (size_t i = 0; i < 8; i++) {
        double w = strtod(want[i], NULL);
        assert_memory_equal(&w, &m.w[i], sizeof w);
    }
    double mz = -0.0;
    assert_memory_equal(&mz, &m.bias[0], sizeof mz);
    assert_true(m.bias[1] == 1.0);
    am_linear_free(&m);
    remove(path);
}

static void test_linear_train_predict_save(void **state)
{
    (void)state;
    /* class 1 has feature "x", class 0 feature "y" */
    am_fvec xs[8];
    memset(xs, 0, sizeof xs);
    int ys[8];
    for (int i = 0; i < 8; i++) {
        am_fvec_add(&xs[i], i % 2 ? "x" : "y", 1);
        am_fvec_add(&xs[i], "noise", 1);
        am_fvec_finish(&xs[i]);
        ys[i] = i % 2;
    }
    am_linear m;
    int labels[2] = {1, 0};
    assert_int_equal(am_linear_train(&m, "t", xs, ys, 8, 2, labels, 10.0, 1), 0);
    double p[8], q[8];
    am_linear_predict(&m, &xs[1], p);
    assert_true(p[0] > 0.8);           /* label 1 */
    assert_true(fabs(p[0] + p[1] - 1) < 1e-9);
    am_linear_predict(&m, &xs[0], p);
    assert_true(p[1] > 0.8);           /* label 0 */
    const char *path = "build/test_argue.model";
    assert_int_equal(am_linear_save(&m, path), 0);
    am_linear back;
    assert_int_equal(am_linear_load(&back, path), 0);
    assert_int_equal(back.nclass, 2);
    assert_int_equal(back.labels[0], 1);
    am_linear_predict(&back, &xs[0], q);
    assert_true(fabs(p[0] - q[0]) < 1e-6);
    am_linear_free(&back);
    /* a broken file is named with its line */
    FILE *f = fopen(path, "w");
    fputs("argmap-linear 1\nname t\nclasses 2 1 0\nbias 0 0\nrows 1\nabc 1 2\n", f);
    fclose(f);
    assert_int_equal(am_linear_load(&back, path), AM_EPARSE);
    assert_non_null(strstr(am_error_last(), ":6:"));
    remove(path);
    am_linear_free(&m);
    for (int i = 0; i < 8; i++)
        am_fvec_free(&xs[i]);
}

/* --------------------------------------------------------- the decoder */

/* The best single-root tree by enumerating every head assignment. */
static double brute(size_t n, const double *s, const double *root, long *best)
{
    double top = -HUGE_VAL;
    long h[6];
    size_t total = 1;
    for (size_t i = 0; i < n; i++)
        total *= n + 1;
    for (size_t code = 0; code < total; code++) {
        size_t c = code, roots = 0;
        for (size_t i = 0; i < n; i++) {
            h[i] = (long)(c % (n + 1)) - 1;
            c /= n + 1;
            roots += h[i] < 0;
        }
        int ok = roots == 1;
        for (size_t i = 0; i < n && ok; i++) {
            if (h[i] == (long)i)
                ok = 0;
            long v = (long)i;
            size_t steps = 0;
            while (ok && v >= 0 && steps++ <= n)
                v = h[v];
            if (v >= 0)
                ok = 0; /* a cycle */
        }
        if (!ok)
            continue;
        double sc = 0;
        for (size_t i = 0; i < n; i++)
            sc += h[i] < 0 ? root[i] : s[i * n + (size_t)h[i]];
        if (sc > top) {
            top = sc;
            memcpy(best, h, n * sizeof *h);
        }
    }
    return top;
}

static double score_of(size_t n, const double *s, const double *root, const long *h)
{
    double sc = 0;
    for (size_t i = 0; i < n; i++)
        sc += h[i] < 0 ? root[i] : s[i * n + (size_t)h[i]];
    return sc;
}

static void test_mst_cycle(void **state)
{
    (void)state;
    /* 1 and 2 like each other best (a cycle); 0 is the best root */
    double s[9] = {0, 0.1, 0.2,
                   0.5, 0, 0.9,
                   0.4, 0.8, 0};
    double root[3] = {1.0, 0, 0};
    long h[3];
    assert_int_equal(am_mst_decode(3, s, root, h), 0);
    /* optimum: root 0; 1->2 (0.9), 2->0 (0.4): 2.3; or 2->1 (0.8), 1->0 (0.5): 2.3 (tie,
     * the decoder breaks ties by index, so check the score, and tree-ness) */
    assert_int_equal(h[0], -1);
    assert_true(fabs(score_of(3, s, root, h) - 2.3) < 1e-9);
    assert_true(h[1] != 1 && h[2] != 2);
    assert_false(h[1] == 2 && h[2] == 1);
}

static void test_mst_matches_brute_force(void **state)
{
    (void)state;
    unsigned long seed = 12345;
    for (int trial = 0; trial < 200; trial++) {
        size_t n = 1 + (size_t)(trial % 5);
        double s[25], root[5];
        for (size_t i = 0; i < n * n; i++) {
            seed = seed * 6364136223846793005UL + 1442695040888963407UL;
            s[i] = (double)((seed >> 33) % 1000) / 1000.0;
        }
        for (size_t i = 0; i < n; i++) {
            seed = seed * 6364136223846793005UL + 1442695040888963407UL;
            root[i] = (double)((seed >> 33) % 1000) / 1000.0;
        }
        long h[5], b[5];
        assert_int_equal(am_mst_decode(n, s, root, h), 0);
        double want = brute(n, s, root, b);
        size_t roots = 0;
        for (size_t i = 0; i < n; i++)
            roots += h[i] < 0;
        assert_int_equal(roots, 1);
        assert_true(fabs(score_of(n, s, root, h) - want) < 1e-9);
    }
    assert_int_equal(am_mst_decode(0, NULL, NULL, NULL), AM_EINVAL);
}

static void test_roles(void **state)
{
    (void)state;
    /* 1 attacks 0, 2 attacks 1, 3 supports 1 */
    long head[4] = {-1, 0, 1, 1};
    int fu[4] = {0, 2, 2, 1}, ro[4];
    am_structure_roles(4, head, fu, ro);
    assert_int_equal(ro[0], 0);
    assert_int_equal(ro[1], 1);
    assert_int_equal(ro[2], 0);
    assert_int_equal(ro[3], 1);
}

/* ---------------------------------------------------- relations (rules) */

static void test_relate_markers(void **state)
{
    (void)state;
    am_model *m = load_model();
    am_model bare = bare_of(m);
    am_document *doc;
    const char *text = "Cities should ban cars from their centres.\n\n"
                       "The air in the centre is dirty. This is because cars pollute it. "
                       "But buses pollute too.\n\n"
                       "Prices of fuel rose by half. Thus, people drive less.\n";
    const char *units[] = {"Cities should ban cars from their centres.",
                           "The air in the centre is dirty.", "This is because cars pollute it.",
                           "But buses pollute too.", "Prices of fuel rose by half.",
                           "Thus, people drive less."};
    am_map *map = prepare(&doc, &bare, text, units, 6);
    am_unit_kind kinds[6] = {AM_UNIT_CLAIM, AM_UNIT_CLAIM, AM_UNIT_EVIDENCE, AM_UNIT_CLAIM,
                             AM_UNIT_EVIDENCE, AM_UNIT_CLAIM};
    for (size_t i = 0; i < 6; i++)
        map->units.items[i].kind = kinds[i];
    map->major = 0;
    map->units.items[0].major = 1;
    am_analyze_options o;
    am_analyze_options_init(&o);
    assert_int_equal(am_stage_relate(map, &o), 0);
    const am_relation *r = find_rel(map, AM_NODE_UNIT, 2, 1);
    assert_non_null(r); /* "because" backs the unit before */
    assert_int_equal(r->type, AM_REL_SUPPORT);
    assert_string_equal(r->marker, "this is because");
    assert_string_equal(r->reason, "marker");
    r = find_rel(map, AM_NODE_UNIT, 3, 2);
    assert_non_null(r); /* "But" attacks it */
    assert_int_equal(r->type, AM_REL_ATTACK);
    r = find_rel(map, AM_NODE_UNIT, 4, 5);
    assert_non_null(r); /* "Thus" is backed by what precedes */
    assert_string_equal(r->marker, "thus");
    assert_non_null(find_rel(map, AM_NODE_UNIT, 1, 0)); /* claims back the major claim */
    assert_non_null(find_rel(map, AM_NODE_UNIT, 5, 0));
    assert_null(find_rel(map, AM_NODE_UNIT, 0, 1));      /* the major claim backs nothing */
    assert_int_equal(map->disconnected.len, 0);
    am_map_free(map);
    am_document_free(doc);
    am_model_free(m);
}

static void test_relate_quotes_and_sources(void **state)
{
    (void)state;
    am_model *m = load_model();
    am_model bare = bare_of(m);
    am_document *doc;
    const char *text = "Peace talks failed.\n\n"
                       "The United States disrupted the talks. \"There can be no diplomacy,\" "
                       "Ned Price said.\n\nA filler line\n";
    const char *units[] = {"Peace talks failed.", "The United States disrupted the talks.",
                           "\"There can be no diplomacy,\" Ned Price said."};
    am_map *map = prepare(&doc, &bare, text, units, 3);
    /* what the quotes stage would have found */
    am_source *s = AM_VEC_PUSH(&map->sources);
    assert_non_null(s);
    s->name = strdup("Ned Price");
    am_quote *q = AM_VEC_PUSH(&map->quotes);
    assert_non_null(q);
    q->source = 0;
    q->unit = 2;
    q->confidence = 0.9;
    q->kind = AM_QUOTE_TESTIMONY;
    map->units.items[2].quote = 0;
    map->units.items[2].source = 0;
    am_analyze_options o;
    am_analyze_options_init(&o);
    assert_int_equal(am_stage_classify(map, &o), 0);
    assert_int_equal(map->units.items[2].kind, AM_UNIT_EVIDENCE);
    assert_int_equal(map->units.items[2].evidence, AM_EV_TESTIMONY);
    map->major = 0; /* fix the major claim: the test is about relations */
    for (size_t i = 0; i < 3; i++)
        map->units.items[i].major = i == 0;
    map->units.items[0].kind = map->units.items[1].kind = AM_UNIT_CLAIM;
    assert_int_equal(am_stage_relate(map, &o), 0);
    const am_relation *r = find_rel(map, AM_NODE_UNIT, 2, 1);
    assert_non_null(r); /* the quotation backs the claim it is cited for */
    assert_string_equal(r->reason, "quote");
    r = find_rel(map, AM_NODE_SOURCE, 0, 2);
    assert_non_null(r); /* the source backs its quotation */
    assert_int_equal(r->type, AM_REL_SUPPORT);
    assert_string_equal(r->reason, "source");
    assert_non_null(find_rel(map, AM_NODE_UNIT, 1, 0));
    am_map_free(map);
    am_document_free(doc);
    am_model_free(m);
}

static void test_relate_undercut(void **state)
{
    (void)state;
    am_model *m = load_model();
    am_model bare = bare_of(m);
    am_document *doc;
    const char *text = "Talks\n\nThe war can only end at the table.\n\n"
                       "\"Ukraine should remain neutral,\" Sarkozy said. "
                       "Yes, one could say that Sarkozy is an ex-president.\n";
    const char *units[] = {"The war can only end at the table.",
                           "\"Ukraine should remain neutral,\" Sarkozy said.",
                           "Yes, one could say that Sarkozy is an ex-president."};
    am_map *map = prepare(&doc, &bare, text, units, 3);
    am_source *s = AM_VEC_PUSH(&map->sources);
    assert_non_null(s);
    s->name = strdup("Nicolas Sarkozy");
    const char *t = map->doc->text;
    for (const char *p = t; (p = strstr(p, "Sarkozy")); p += 7) {
        am_tspan *sp = AM_VEC_PUSH(&s->mentions);
        assert_non_null(sp);
        sp->start = (size_t)(p - t);
        sp->end = sp->start + 7;
    }
    am_quote *q = AM_VEC_PUSH(&map->quotes);
    assert_non_null(q);
    q->source = 0;
    q->unit = 1;
    q->kind = AM_QUOTE_TESTIMONY;
    map->units.items[1].quote = 0;
    map->units.items[1].source = 0;
    am_analyze_options o;
    am_analyze_options_init(&o);
    assert_int_equal(am_stage_classify(map, &o), 0);
    map->major = 0;
    for (size_t i = 0; i < 3; i++)
        map->units.items[i].major = i == 0;
    map->units.items[0].kind = map->units.items[2].kind = AM_UNIT_CLAIM;
    assert_int_equal(am_stage_relate(map, &o), 0);
    const am_relation *back = find_rel(map, AM_NODE_UNIT, 1, 0);
    assert_non_null(back);
    size_t back_index = (size_t)(back - map->relations.items);
    const am_relation *u = NULL;
    for (size_t i = 0; i < map->relations.len; i++)
        if (map->relations.items[i].from.kind == AM_NODE_UNIT &&
            map->relations.items[i].from.index == 2)
            u = &map->relations.items[i];
    assert_non_null(u);
    assert_int_equal(u->type, AM_REL_UNDERCUT);
    assert_int_equal(u->to.kind, AM_NODE_RELATION);
    assert_int_equal(u->to.index, back_index);
    assert_string_equal(u->marker, "yes");
    assert_int_equal(map->disconnected.len, 0);
    /* quoting the same source again leans on it: an attack, not an undercut */
    map->units.items[2].source = 0;
    for (size_t i = 0; i < map->relations.len; i++)
        free(map->relations.items[i].marker);
    map->relations.len = 0;
    assert_int_equal(am_stage_relate(map, &o), 0);
    for (size_t i = 0; i < map->relations.len; i++)
        assert_int_not_equal(map->relations.items[i].type, AM_REL_UNDERCUT);
    am_map_free(map);
    am_document_free(doc);
    am_model_free(m);
}

static void test_testimony_needs_a_real_quotation(void **state)
{
    (void)state;
    am_model *m = load_model();
    am_model bare = bare_of(m);
    am_document *doc;
    const char *text = "Talks\n\nThe so-called \"partner\" was called weak by critics. "
                       "It is reported to have failed. The minister said that it failed.\n";
    const char *units[] = {"The so-called \"partner\" was called weak by critics.",
                           "It is reported to have failed.", "The minister said that it failed."};
    am_map *map = prepare(&doc, &bare, text, units, 3);
    am_quote_kind kinds[3] = {AM_QUOTE_SCARE, AM_QUOTE_TESTIMONY, AM_QUOTE_TESTIMONY};
    for (size_t i = 0; i < 3; i++) {
        am_quote *q = AM_VEC_PUSH(&map->quotes);
        assert_non_null(q);
        q->kind = kinds[i];
        q->indirect = i > 0;
        q->unit = (long)i;
        q->source = -1;
        map->units.items[i].quote = (long)i;
    }
    am_analyze_options o;
    am_analyze_options_init(&o);
    assert_int_equal(am_stage_classify(map, &o), 0);
    assert_int_not_equal(map->units.items[0].evidence, AM_EV_TESTIMONY); /* a scare quote */
    assert_int_not_equal(map->units.items[1].evidence, AM_EV_TESTIMONY); /* no speech verb */
    assert_int_equal(map->units.items[2].evidence, AM_EV_TESTIMONY);     /* "said that" */
    am_map_free(map);
    am_document_free(doc);
    am_model_free(m);
}

static void test_but_major(void **state)
{
    (void)state;
    am_model *m = load_model();
    am_model bare = bare_of(m);
    am_document *doc;
    const char *text = "Talks\n\nBoth sides tried to agree, but the talks were blocked each time.\n\n"
                       "Prices rose.\n\nPeople left.\n\nShops closed.\n";
    const char *units[] = {"Both sides tried to agree,", "but the talks were blocked each time.",
                           "Prices rose.", "People left.", "Shops closed."};
    am_map *map = prepare(&doc, &bare, text, units, 5);
    am_analyze_options o;
    am_analyze_options_init(&o);
    for (size_t i = 0; i < 5; i++)
        map->units.items[i].sentence = i < 2 ? 0 : i - 1; /* the first two share a sentence */
    assert_int_equal(am_stage_classify(map, &o), 0);
    assert_int_equal(map->units.items[0].kind, AM_UNIT_CLAIM);
    assert_int_equal(map->major, 1); /* "X, but Y": Y is the point */
    assert_int_equal(am_stage_relate(map, &o), 0);
    const am_relation *r = find_rel(map, AM_NODE_UNIT, 0, 1);
    assert_non_null(r); /* and X attacks it, not the other way round */
    assert_int_equal(r->type, AM_REL_ATTACK);
    assert_null(find_rel(map, AM_NODE_UNIT, 1, 0));
    am_map_free(map);
    am_document_free(doc);
    am_model_free(m);
}

static void test_question_answer_and_disconnected(void **state)
{
    (void)state;
    am_model *m = load_model();
    am_model bare = bare_of(m);
    am_document *doc;
    const char *text = "Talks\n\nTalks should start now.\n\nSounds good, but is it realistic? No, says Iver.\n\n"
                       "Sun.\n";
    const char *units[] = {"Talks should start now.", "Sounds good, but is it realistic?",
                           "No, says Iver.", "Sun."};
    am_map *map = prepare(&doc, &bare, text, units, 4);
    am_analyze_options o;
    am_analyze_options_init(&o);
    assert_int_equal(am_stage_classify(map, &o), 0);
    assert_true(map->units.items[1].question);
    assert_int_equal(map->units.items[1].kind, AM_UNIT_NONE); /* the question hands over */
    assert_int_equal(map->units.items[2].kind, AM_UNIT_CLAIM);
    assert_int_equal(map->units.items[3].kind, AM_UNIT_NONE); /* a fragment */
    assert_int_equal(map->major, 0);
    assert_int_equal(am_stage_relate(map, &o), 0);
    assert_non_null(find_rel(map, AM_NODE_UNIT, 2, 0));
    assert_int_equal(map->disconnected.len, 0);
    /* with no major claim every argumentative unit is disconnected */
    map->major = -1;
    map->units.items[0].major = 0;
    for (size_t i = 0; i < map->relations.len; i++)
        free(map->relations.items[i].marker);
    map->relations.len = 0;
    assert_int_equal(am_stage_relate(map, &o), 0);
    assert_int_equal(map->disconnected.len, 2);
    am_map_free(map);
    am_document_free(doc);
    am_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_units_parse_lines),
        cmocka_unit_test(test_units_parse_json),
        cmocka_unit_test(test_gold_locate),
        cmocka_unit_test(test_analyze_gold_units),
        cmocka_unit_test(test_fvec_finish),
        cmocka_unit_test(test_markers_and_flags),
        cmocka_unit_test(test_feature_names),
        cmocka_unit_test(test_fvec_sort),
        cmocka_unit_test(test_fctx_shared),
        cmocka_unit_test(test_linear_train_predict_save),
        cmocka_unit_test(test_linear_load_matches_strtod),
        cmocka_unit_test(test_mst_cycle),
        cmocka_unit_test(test_mst_matches_brute_force),
        cmocka_unit_test(test_roles),
        cmocka_unit_test(test_relate_markers),
        cmocka_unit_test(test_relate_quotes_and_sources),
        cmocka_unit_test(test_relate_undercut),
        cmocka_unit_test(test_testimony_needs_a_real_quotation),
        cmocka_unit_test(test_but_major),
        cmocka_unit_test(test_question_answer_and_disconnected),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
