/*
 * test_render.c - drawing maps and the HTML report, on hand-built maps.
 *
 * The DOT output (the graph before layout) is compared with golden files in
 * tests/golden/render/; UPDATE=1 rewrites them (read the diff before
 * committing). The SVG and the report of the escaping map are also written
 * to $BUILD/tests/artifacts/ for the checks that run after the unit tests
 * (tests/checks/check_render.py parses them as XML; the browser test opens
 * the report).
 */
#include "mapbuild.h" /* first: testutil.h sets _POSIX_C_SOURCE */
#include "graph/analysis.h"
#include "render/render.h"

#include <sys/stat.h>
#include <time.h>

/* ------------------------------------------------------------- maps */

static char *read_file(const char *path);

static const char basic_text[] =
    "Talks can end the war.\n\n"
    "Three attempts at talks were made in 2022. Price said: \"There can be no real "
    "diplomacy.\"\n\n"
    "But the talks were meant to fail. Growth fell by 4 percent.\n";

/* A major claim backed by an event, attacked by a claim that a quote backs;
 * the quote's speaker backs it; the claim also undercuts the event's support. */
static am_map *basic_map(void)
{
    am_map *m = mb_new(basic_text);
    long c = mb_unit(m, "Talks can end the war.", AM_UNIT_CLAIM, AM_EV_NONE);
    mb_major(m, c);
    long e = mb_unit(m, "Three attempts at talks were made in 2022.", AM_UNIT_EVIDENCE, AM_EV_EVENT);
    long t = mb_unit(m, "\"There can be no real diplomacy.\"", AM_UNIT_EVIDENCE, AM_EV_TESTIMONY);
    long a = mb_unit(m, "But the talks were meant to fail.", AM_UNIT_CLAIM, AM_EV_NONE);
    long st = mb_unit(m, "Growth fell by 4 percent.", AM_UNIT_EVIDENCE, AM_EV_STATISTIC);
    long s = mb_source(m, "Ned Price", AM_SRC_PERSON, "State Department spokesman");
    mb_speaks(m, t, s);
    long r1 = mb_rel(m, MB_U(e), MB_U(c), AM_REL_SUPPORT);
    mb_rel(m, MB_S(s), MB_U(t), AM_REL_SUPPORT);
    mb_rel(m, MB_U(t), MB_U(a), AM_REL_SUPPORT);
    mb_rel(m, MB_U(a), MB_U(c), AM_REL_ATTACK);
    mb_rel(m, MB_U(a), MB_R(r1), AM_REL_UNDERCUT);
    (void)st; /* drawn unconnected: evidence for nothing */
    return m;
}

/* Article text that means something to Graphviz, HTML or a terminal. */
static const char escape_text[] =
    "He wrote \"<b>bold</b> & <script>alert('x')</script>\" in C:\\new\\N\\G\\l.\n\n"
    "Tabs\there and a bell \x07 and DEL \x7f and a\nline break inside one paragraph.\n\n"
    "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 \xD0\xBC\xD0\xB8\xD1\x80 "
    "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 \xD0\xBC\xD0\xB8\xD1\x80 "
    "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 \xD0\xBC\xD0\xB8\xD1\x80 "
    "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 \xD0\xBC\xD0\xB8\xD1\x80.\n";

static am_map *escape_map(void)
{
    am_map *m = mb_new(escape_text);
    long a = mb_unit(m, "He wrote \"<b>bold</b> & <script>alert('x')</script>\" in C:\\new\\N\\G\\l.",
                     AM_UNIT_CLAIM, AM_EV_NONE);
    mb_major(m, a);
    long b = mb_unit(m, "Tabs\there and a bell \x07 and DEL \x7f and a\nline break inside one paragraph.",
                     AM_UNIT_EVIDENCE, AM_EV_REPORT);
    long c = mb_unit(m, "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 \xD0\xBC\xD0\xB8",
                     AM_UNIT_EVIDENCE, AM_EV_EXAMPLE);
    m->units.items[c].span.end = strlen(escape_text) - 1; /* the whole Cyrillic line */
    long s = mb_source(m, "O'Brien \"<i>the</i>\" \\N & Co", AM_SRC_ORGANISATION, "<b>role</b>");
    mb_speaks(m, b, s);
    mb_rel(m, MB_U(b), MB_U(a), AM_REL_SUPPORT);
    mb_rel(m, MB_U(c), MB_U(a), AM_REL_ATTACK);
    mb_rel(m, MB_S(s), MB_U(b), AM_REL_SUPPORT);
    return m;
}

/* A chain u1 <- u2 <- u3 <- u4 <- u5 with a side branch u6 -> u3. */
static am_map *chain_map(void)
{
    am_map *m = mb_new("One. Two. Three. Four. Five. Six.\n");
    const char *w[] = {"One.", "Two.", "Three.", "Four.", "Five.", "Six."};
    for (int i = 0; i < 6; i++)
        mb_unit(m, w[i], i < 3 ? AM_UNIT_CLAIM : AM_UNIT_EVIDENCE, i < 3 ? AM_EV_NONE : AM_EV_EXAMPLE);
    mb_major(m, 0);
    mb_rel(m, MB_U(1), MB_U(0), AM_REL_SUPPORT);
    mb_rel(m, MB_U(2), MB_U(1), AM_REL_SUPPORT);
    mb_rel(m, MB_U(3), MB_U(2), AM_REL_SUPPORT);
    mb_rel(m, MB_U(4), MB_U(3), AM_REL_SUPPORT);
    mb_rel(m, MB_U(5), MB_U(2), AM_REL_SUPPORT);
    return m;
}

/* The sample article, mapped by hand (what the pipeline should find, more
 * or less): the major claim that the U.S. disrupted every round of talks,
 * the dated events and quotes offered for it, and the Sarkozy passage with
 * an undercut and a counter-attack. The golden DOT of the sample article
 * as the pipeline maps it is the CLI case render-sample-dot. */
static am_map *sample_map(void)
{
    char *text = read_file("data/articles/negotiations.txt");
    assert_non_null(text);
    am_map *m = mb_new(text);
    free(text);
    const am_unit_kind A = AM_UNIT_CLAIM, E = AM_UNIT_EVIDENCE;
    long attempts = mb_unit(m, "Since the outbreak of hostilities in Ukraine, there have been three "
                               "attempts to start peace talks.", E, AM_EV_EVENT);
    long major = mb_unit(m, "each time the United States disrupted these negotiations.", A, AM_EV_NONE);
    mb_major(m, major);
    long dec17 = mb_unit(m, "On December 17, 2022, two months before the start of the special "
                            "military operation in Ukraine, Russia sent the United States and NATO "
                            "proposals for security guarantees.", E, AM_EV_EVENT);
    long jan26 = mb_unit(m, "On January 26, the United States and NATO rejected Russia's demand to "
                            "provide it with written guarantees that Ukraine would not join NATO.",
                         E, AM_EV_EVENT);
    long iffirm = mb_unit(m, "if the United States had provided firm legal guarantees in accordance "
                             "with international law that Ukraine would not be admitted to NATO, "
                             "there would have been no further military operation.", A, AM_EV_NONE);
    long gorby = mb_unit(m, "Mikhail Gorbachev also received assurances that NATO was not going to "
                            "move toward Russia's borders.", E, AM_EV_EXAMPLE);
    long zq = mb_unit(m, "\xC2\xABWe are not afraid to talk to Russia, we are not afraid to talk "
                         "about everything", E, AM_EV_TESTIMONY);
    m->units.items[zq].span.end =
        (size_t)(strstr(m->doc->text, "We need to discuss the ceasefire.\xC2\xBB") - m->doc->text) +
        strlen("We need to discuss the ceasefire.\xC2\xBB");
    long pq = mb_unit(m, "\xC2\xABWe are now seeing Moscow offering to conduct diplomatic "
                         "negotiations at gunpoint. There can be no real diplomacy under such "
                         "conditions.\xC2\xBB", E, AM_EV_TESTIMONY);
    long thus = mb_unit(m, "Thus, the United States disrupted the negotiations in Belarus.", A, AM_EV_NONE);
    long media = mb_unit(m, "Israeli media reported that Naftali Bennett, then Israeli Prime "
                            "Minister, flew to Moscow to meet with Putin as a mediator.",
                         E, AM_EV_REPORT);
    long strike = mb_unit(m, "the West decided to \xC2\xABkeep striking at Putin\xC2\xBB by "
                             "blocking the talks.", A, AM_EV_NONE);
    long thrice = mb_unit(m, "it was possible to end hostilities three times, but the West "
                             "decided that it was more profitable for it to prolong the conflict.",
                          A, AM_EV_NONE);
    long change = mb_unit(m, "the West is gradually undergoing a serious change in its attitude "
                             "towards this issue.", A, AM_EV_NONE);
    long sq = mb_unit(m, "\xC2\xABUkraine is the link between the West and the East, it should "
                         "remain as such and not join NATO or the EU.\xC2\xBB", E, AM_EV_TESTIMONY);
    long expres = mb_unit(m, "Sarkozy is an ex-president who does not determine today's French "
                             "and EU policy.", A, AM_EV_NONE);
    long expol = mb_unit(m, "often in diplomacy, it is ex-politicians who express opinions that "
                            "current politicians would like to convey.", E, AM_EV_COMMON_GROUND);
    long zel = mb_source(m, "Vladimir Zelensky", AM_SRC_PERSON, "Ukrainian President");
    long price = mb_source(m, "Ned Price", AM_SRC_PERSON, "State Department spokesman");
    long imedia = mb_source(m, "Israeli media", AM_SRC_MEDIA, NULL);
    long bennett = mb_source(m, "Naftali Bennett", AM_SRC_PERSON, "then Israeli Prime Minister");
    long sark = mb_source(m, "Nicolas Sarkozy", AM_SRC_PERSON, "former French President");
    mb_speaks(m, zq, zel);
    mb_speaks(m, pq, price);
    mb_speaks(m, sq, sark);
    m->units.items[media].source = imedia;
    mb_rel(m, MB_U(attempts), MB_U(major), AM_REL_SUPPORT);
    mb_rel(m, MB_U(dec17), MB_U(iffirm), AM_REL_SUPPORT);
    mb_rel(m, MB_U(jan26), MB_U(iffirm), AM_REL_SUPPORT);
    mb_rel(m, MB_U(gorby), MB_U(iffirm), AM_REL_SUPPORT);
    mb_rel(m, MB_U(iffirm), MB_U(major), AM_REL_SUPPORT);
    mb_rel(m, MB_S(zel), MB_U(zq), AM_REL_SUPPORT);
    mb_rel(m, MB_U(zq), MB_U(thrice), AM_REL_SUPPORT);
    mb_rel(m, MB_S(price), MB_U(pq), AM_REL_SUPPORT);
    mb_rel(m, MB_U(pq), MB_U(thus), AM_REL_SUPPORT);
    mb_rel(m, MB_U(thus), MB_U(major), AM_REL_SUPPORT);
    mb_rel(m, MB_S(imedia), MB_U(media), AM_REL_SUPPORT);
    mb_rel(m, MB_U(media), MB_U(strike), AM_REL_SUPPORT);
    mb_rel(m, MB_S(bennett), MB_U(strike), AM_REL_SUPPORT);
    mb_rel(m, MB_U(strike), MB_U(thrice), AM_REL_SUPPORT);
    mb_rel(m, MB_U(thrice), MB_U(major), AM_REL_SUPPORT);
    mb_rel(m, MB_S(sark), MB_U(sq), AM_REL_SUPPORT);
    long back = mb_rel(m, MB_U(sq), MB_U(change), AM_REL_SUPPORT);
    long cut = mb_rel(m, MB_U(expres), MB_R(back), AM_REL_UNDERCUT);
    mb_rel(m, MB_U(expol), MB_U(expres), AM_REL_ATTACK);
    (void)cut;
    return m;
}

/* n claims in a random-ish web (a fixed LCG, so the same every run). */
static am_map *big_map(size_t n, size_t extra_edges)
{
    am_strbuf sb = {0};
    for (size_t i = 0; i < n; i++)
        am_sb_printf(&sb, "Claim %zu. ", i);
    am_map *m = mb_new(sb.buf);
    am_sb_free(&sb);
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        am_unit *u = AM_VEC_PUSH(&m->units);
        assert_non_null(u);
        const char *p = strstr(m->doc->text + at, ". ");
        u->span.start = at;
        u->span.end = (size_t)(p - m->doc->text) + 1;
        at = u->span.end + 1;
        u->kind = i % 3 ? AM_UNIT_EVIDENCE : AM_UNIT_CLAIM;
        u->evidence = i % 3 ? (am_evidence_type)(1 + i % 6) : AM_EV_NONE;
        u->quote = u->date = u->source = -1;
    }
    unsigned long x = 12345;
    for (size_t i = 1; i < n; i++) {
        x = x * 1103515245 + 12345;
        mb_rel(m, MB_U(i), MB_U((x >> 8) % i), AM_REL_SUPPORT);
    }
    for (size_t k = 0; k < extra_edges; k++) {
        x = x * 1103515245 + 12345;
        size_t a = (x >> 8) % n;
        x = x * 1103515245 + 12345;
        size_t b = (x >> 8) % n;
        if (a != b)
            mb_rel(m, MB_U(a), MB_U(b), k % 2 ? AM_REL_ATTACK : AM_REL_SUPPORT);
    }
    return m;
}

/* ---------------------------------------------------------- helpers */

static char *render(const am_map *m, const am_render_options *o, size_t *len,
                    am_render_info *info)
{
    char *out = NULL;
    size_t n = 0;
    int err = am_map_render(&out, &n, m, o, info);
    if (err < 0)
        fail_msg("am_map_render: %s", am_error_last());
    if (len)
        *len = n;
    return out;
}

static char *render_fmt(const am_map *m, const char *fmt)
{
    am_render_options o;
    am_render_options_init(&o);
    o.format = fmt;
    return render(m, &o, NULL, NULL);
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    am_strbuf sb = {0};
    char buf[4096];
    size_t k;
    while ((k = fread(buf, 1, sizeof buf, f)) > 0)
        am_sb_append(&sb, buf, k);
    fclose(f);
    if (!sb.buf)
        am_sb_puts(&sb, "");
    return am_sb_take(&sb, NULL);
}

static void write_file(const char *path, const char *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

/* Compare with tests/golden/render/NAME.dot, or write it under UPDATE=1. */
static void golden(const char *name, const char *got)
{
    char path[256];
    snprintf(path, sizeof path, "tests/golden/render/%s.dot", name);
    const char *up = getenv("UPDATE");
    if (up && !strcmp(up, "1")) {
        write_file(path, got, strlen(got));
        return;
    }
    char *want = read_file(path);
    if (!want)
        fail_msg("%s is missing (UPDATE=1 writes it)", path);
    if (strcmp(want, got)) {
        char gotpath[300];
        snprintf(gotpath, sizeof gotpath, "%s.got", path);
        write_file(gotpath, got, strlen(got));
        free(want);
        fail_msg("%s differs: see diff -u %s %s.got", path, path, path);
    }
    free(want);
}

static void artifact(const char *name, const char *data, size_t n)
{
    const char *build = getenv("BUILD");
    char dir[256], path[512];
    snprintf(dir, sizeof dir, "%s/tests/artifacts", build && *build ? build : "build");
    mkdir(dir, 0755);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    write_file(path, data, n);
}

/* ------------------------------------------------------------ labels */

static char *fold(const char *s, size_t max)
{
    am_strbuf sb = {0};
    am_text_fold(&sb, s, strlen(s), max);
    if (!sb.buf)
        am_sb_puts(&sb, "");
    return am_sb_take(&sb, NULL);
}

static char *plain(const char *s, size_t wrap, size_t max)
{
    am_strbuf sb = {0};
    am_label_plain(&sb, s, strlen(s), wrap, max);
    if (!sb.buf)
        am_sb_puts(&sb, "");
    return am_sb_take(&sb, NULL);
}

static void test_fold_spaces_and_controls(void **state)
{
    (void)state;
    char *s = fold("  a\t\tb\n\nc\x01\x7f" "d\xC2\x85" "e \xE2\x80\xA8 f  ", 0);
    assert_string_equal(s, "a b c d e f");
    free(s);
    s = fold("bad \xFF byte", 0);
    assert_string_equal(s, "bad \xEF\xBF\xBD byte");
    free(s);
}

static void test_cut_utf8_safe(void **state)
{
    (void)state;
    /* Ten Cyrillic letters, no space: cut at 5 characters = 4 + ellipsis. */
    const char *w = "\xD0\xB0\xD0\xB1\xD0\xB2\xD0\xB3\xD0\xB4\xD0\xB5\xD0\xB6\xD0\xB7\xD0\xB8\xD0\xB9";
    char *s = fold(w, 5);
    assert_string_equal(s, "\xD0\xB0\xD0\xB1\xD0\xB2\xD0\xB3\xE2\x80\xA6");
    free(s);
    /* At a space when one is near the end. */
    s = fold("the quick brown foxes jump", 20);
    assert_string_equal(s, "the quick brown\xE2\x80\xA6");
    free(s);
    /* Short enough: untouched. */
    s = fold("short", 5);
    assert_string_equal(s, "short");
    free(s);
}

static void test_wrap_and_backslashes(void **state)
{
    (void)state;
    char *s = plain("aaa bbb ccc ddd", 7, 0);
    assert_string_equal(s, "aaa bbb\\nccc ddd");
    free(s);
    s = plain("abcdefghij", 4, 0); /* a word longer than the line is broken */
    assert_string_equal(s, "abcd\\nefgh\\nij");
    free(s);
    s = plain("C:\\new \\N \\G \\l", 0, 0);
    assert_string_equal(s, "C:\\\\new \\\\N \\\\G \\\\l");
    free(s);
}

static void test_html_escape(void **state)
{
    (void)state;
    am_strbuf sb = {0};
    const char *in = "<a href=\"x\">Tom & Jerry's</a>\x01\n";
    am_html_escape(&sb, in, strlen(in));
    char *s = am_sb_take(&sb, NULL);
    assert_string_equal(s, "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt; \n");
    free(s);
}

/* ------------------------------------------------------------ golden */

static void test_golden_basic(void **state)
{
    (void)state;
    am_map *m = basic_map();
    char *dot = render_fmt(m, "dot");
    golden("basic", dot);
    /* What the golden file shows, asserted where it matters. */
    assert_non_null(strstr(dot, "peripheries=2"));          /* the major claim */
    assert_non_null(strstr(dot, "arrowhead=tee"));           /* an attack */
    assert_non_null(strstr(dot, "style=dotted"));            /* the undercut */
    assert_non_null(strstr(dot, "r1\t[class=point"));        /* splits r1 */
    assert_non_null(strstr(dot, "shape=box3d"));             /* statistic */
    assert_non_null(strstr(dot, "cluster_legend"));
    assert_null(strstr(dot, "legend-report"));               /* only kinds drawn */
    free(dot);
    mb_free(m);
}

static void test_golden_sample(void **state)
{
    (void)state;
    am_map *m = sample_map();
    am_render_options o;
    am_render_options_init(&o);
    o.format = "dot";
    am_render_info info;
    char *dot = render(m, &o, NULL, &info);
    golden("sample", dot);
    assert_int_equal(info.nodes, 16 + 5);
    assert_int_equal(info.edges, 19);
    free(dot);
    o.format = "svg";
    size_t n;
    char *svg = render(m, &o, &n, NULL);
    artifact("sample.svg", svg, n);
    free(svg);
    char *html = NULL;
    assert_int_equal(am_map_report(&html, &n, m, NULL, NULL), 0);
    /* Unsupported claims first: the Sarkozy objection u15 has no support. */
    const char *u15 = strstr(html, "id=\"claim-u15\""), *u2 = strstr(html, "id=\"claim-u2\"");
    assert_non_null(u15);
    assert_non_null(u2);
    assert_true(u15 < u2);
    artifact("sample-report.html", html, n);
    am_free(html);
    mb_free(m);
}

static void test_golden_escape(void **state)
{
    (void)state;
    am_map *m = escape_map();
    char *dot = render_fmt(m, "dot");
    golden("escape", dot);
    /* Backslashes doubled in the label, so \N is text. */
    assert_non_null(strstr(dot, "C:\\\\\\\\new\\\\\\\\N"));
    /* No raw control characters or newlines inside a label. */
    for (const char *p = dot; *p; p++)
        assert_true((unsigned char)*p >= 0x20 || *p == '\n' || *p == '\t');
    free(dot);
    mb_free(m);
}

static void test_golden_groups(void **state)
{
    (void)state;
    am_map *m = basic_map();
    am_render_options o;
    am_render_options_init(&o);
    o.format = "dot";
    o.group = AM_GROUP_PARAGRAPH;
    am_render_info info;
    char *dot = render(m, &o, NULL, &info);
    golden("group-paragraph", dot);
    assert_int_equal(info.clusters, 3);
    assert_non_null(strstr(dot, "subgraph cluster_p2"));
    free(dot);
    o.group = AM_GROUP_SOURCE;
    dot = render(m, &o, NULL, &info);
    golden("group-source", dot);
    assert_int_equal(info.clusters, 1);
    assert_non_null(strstr(dot, "subgraph cluster_S1"));
    free(dot);
    mb_free(m);
}

static void test_golden_mono_focus(void **state)
{
    (void)state;
    am_map *m = chain_map();
    am_render_options o;
    am_render_options_init(&o);
    o.format = "dot";
    o.mono = 1;
    o.focus = "u3";
    o.depth = 1;
    am_render_info info;
    char *dot = render(m, &o, NULL, &info);
    golden("mono-focus", dot);
    /* u3's neighbours at one step: u2 (it backs), u4 and u6 (back it). */
    assert_int_equal(info.nodes, 4);
    assert_null(strstr(dot, "\tu1\t"));
    assert_null(strstr(dot, "\tu5\t"));
    assert_non_null(strstr(dot, "\tu6\t"));
    assert_null(strstr(dot, "#0072B2")); /* no colour in mono */
    free(dot);
    mb_free(m);
}

/* --------------------------------------------------------- SVG etc. */

static void test_svg_escaped(void **state)
{
    (void)state;
    am_map *m = escape_map();
    size_t n;
    am_render_options o;
    am_render_options_init(&o);
    char *svg = render(m, &o, &n, NULL);
    assert_int_equal(strlen(svg), n);
    assert_non_null(strstr(svg, "<svg"));
    assert_non_null(strstr(svg, "id=\"u1\""));
    assert_non_null(strstr(svg, "id=\"S1\""));
    /* Article HTML is text in the drawing, never markup. */
    assert_null(strstr(svg, "<b>"));
    assert_null(strstr(svg, "<script"));
    assert_non_null(strstr(svg, "&lt;script&gt;"));
    /* Label and tooltip show the backslashes as written. */
    assert_non_null(strstr(svg, "C:\\new\\N\\G\\l."));
    assert_non_null(strstr(svg, "xlink:title=\"u1 (major claim): He wrote"));
    /* The speaker in the tooltip. */
    assert_true(strstr(svg, "speaker: O&#39;Brien") || strstr(svg, "speaker: O'Brien"));
    artifact("escape.svg", svg, n);
    free(svg);

    char *r = NULL;
    size_t rn = 0;
    assert_int_equal(am_map_report(&r, &rn, m, NULL, NULL), 0);
    assert_null(strstr(r, "<script>alert"));
    assert_non_null(strstr(r, "&lt;script&gt;alert"));
    artifact("escape-report.html", r, rn);
    am_free(r);
    mb_free(m);
}

static void test_formats(void **state)
{
    (void)state;
    am_map *m = basic_map();
    am_render_options o;
    am_render_options_init(&o);
    size_t n;
    o.format = "png";
    char *png = render(m, &o, &n, NULL);
    assert_true(n > 8 && !memcmp(png, "\x89PNG\r\n\x1a\n", 8));
    free(png);
    o.format = "pdf";
    char *pdf = render(m, &o, &n, NULL);
    assert_true(n > 5 && !memcmp(pdf, "%PDF-", 5));
    free(pdf);
    o.format = "json";
    char *json = render(m, &o, &n, NULL);
    assert_non_null(strstr(json, "\"objects\""));
    assert_non_null(strstr(json, "\"name\": \"u1\""));
    free(json);
    o.format = "svg";
    char *svg = render(m, &o, &n, NULL);
    artifact("basic.svg", svg, n);
    free(svg);
    o.format = "gif";
    char *out = NULL;
    assert_int_equal(am_map_render(&out, &n, m, &o, NULL), AM_EINVAL);
    assert_null(out);
    o.format = "svg";
    o.engine = "nope";
    assert_int_equal(am_map_render(&out, &n, m, &o, NULL), AM_EINVAL);
    mb_free(m);
}

static void test_focus_errors(void **state)
{
    (void)state;
    am_map *m = chain_map();
    am_render_options o;
    am_render_options_init(&o);
    o.format = "dot";
    char *out = NULL;
    size_t n;
    o.focus = "u99";
    assert_int_equal(am_map_render(&out, &n, m, &o, NULL), AM_ENOTFOUND);
    assert_non_null(strstr(am_error_last(), "u99"));
    o.focus = "x3";
    assert_int_equal(am_map_render(&out, &n, m, &o, NULL), AM_EINVAL);
    o.focus = "u3x";
    assert_int_equal(am_map_render(&out, &n, m, &o, NULL), AM_EINVAL);
    assert_null(out);
    mb_free(m);
}

static void test_bad_relation(void **state)
{
    (void)state;
    am_map *m = chain_map();
    mb_rel(m, MB_U(0), MB_U(42), AM_REL_SUPPORT);
    char *out = NULL;
    size_t n;
    assert_int_equal(am_map_render(&out, &n, m, NULL, NULL), AM_EINVAL);
    assert_non_null(strstr(am_error_last(), "r6"));
    mb_free(m);
}

static void test_limits_and_engines(void **state)
{
    (void)state;
    am_map *m = big_map(600, 100);
    am_render_options o;
    am_render_options_init(&o);
    o.format = "dot";
    o.max_nodes = 500;
    char *out = NULL;
    size_t n;
    assert_int_equal(am_map_render(&out, &n, m, &o, NULL), AM_ELIMIT);
    assert_non_null(strstr(am_error_last(), "--max-nodes"));
    /* Above sfdp_above the engine is sfdp; groups and the legend go. */
    o.max_nodes = 50000;
    o.sfdp_above = 500;
    o.format = "svg";
    o.group = AM_GROUP_PARAGRAPH;
    am_render_info info;
    out = render(m, &o, &n, &info);
    assert_string_equal(info.engine, "sfdp");
    assert_int_equal(info.nodes, 600);
    assert_true(info.clusters_dropped);
    assert_true(info.legend_dropped);
    assert_int_equal(info.clusters, 0);
    free(out);
    /* Small: dot. */
    o.sfdp_above = 1000;
    o.cluster_max = 1000;
    o.format = "dot";
    out = render(m, &o, &n, &info);
    assert_string_equal(info.engine, "");
    free(out);
    mb_free(m);
}

/* Thirty claims and no relation: stacked in columns of six, not one line. */
static void test_isolated_stacked(void **state)
{
    (void)state;
    am_map *m = big_map(30, 0);
    m->relations.len = 0;
    char *dot = render_fmt(m, "dot");
    size_t layout_edges = 0;
    for (const char *p = dot; (p = strstr(p, "class=layout")); p++)
        layout_edges++;
    assert_int_equal(layout_edges, 30 - 6);
    free(dot);
    char *svg = NULL;
    size_t n = 0;
    assert_int_equal(am_map_render(&svg, &n, m, NULL, NULL), 0);
    long width = -1;
    const char *at = strstr(svg, "<svg width=\"");
    assert_non_null(at);
    assert_int_equal(sscanf(at, "<svg width=\"%ldpt", &width), 1);
    assert_true(width > 0 && width < 1500); /* one line would be ~3,000 pt */
    am_free(svg);
    mb_free(m);
}

static void test_forked_same_as_in_process(void **state)
{
    (void)state;
    am_map *m = basic_map();
    am_render_options o;
    am_render_options_init(&o);
    size_t n1, n2;
    char *a = render(m, &o, &n1, NULL);
    o.timeout = 60;
    char *b = render(m, &o, &n2, NULL);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    free(a);
    free(b);
    mb_free(m);
}

static void test_timeout(void **state)
{
    (void)state;
    /* dot on 3,000 tangled nodes takes many seconds; the limit is 1 s. */
    am_map *m = big_map(3000, 3000);
    am_render_options o;
    am_render_options_init(&o);
    o.engine = "dot";
    o.timeout = 1;
    char *out = NULL;
    size_t n;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(am_map_render(&out, &n, m, &o, NULL), AM_ELIMIT);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    assert_non_null(strstr(am_error_last(), "took longer than 1 s"));
    assert_non_null(strstr(am_error_last(), "--focus"));
    double s = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    assert_true(s < 10);
    assert_null(out);
    mb_free(m);
}

static size_t rnd(size_t n)
{
    static unsigned long long x = 777;
    return test_rnd(&x, n);
}

/* Random small maps: every kind, self-loops, duplicate and circular
 * relations, undercuts of undercuts, sources backing sources; drawn with
 * random options. Nothing may fail but a focus on a unit that is not drawn. */
static void test_random_maps(void **state)
{
    (void)state;
#define RND(n) rnd(n)
    int with_edges = 0, undercuts = 0;
    for (int round = 0; round < 60; round++) {
        size_t nu = 1 + RND(12), ns = RND(4), nr = RND(20);
        am_map *m = big_map(nu, 0);
        m->relations.len = 0; /* keep the units, draw our own relations */
        for (size_t i = 0; i < nu; i++) {
            am_unit *u = &m->units.items[i];
            u->kind = (am_unit_kind)RND(3);
            u->evidence = (am_evidence_type)RND(7);
            u->major = RND(5) == 0;
        }
        for (size_t i = 0; i < ns; i++) {
            long s = mb_source(m, i % 2 ? "A \\N <b>" : "Someone", (am_source_kind)RND(5),
                               RND(2) ? "role" : NULL);
            m->units.items[RND(nu)].source = s;
        }
        for (size_t i = 0; i < nr; i++) {
            am_rel_type t = (am_rel_type)RND(3);
            int from_src = RND(4) == 0 && ns, to_src = RND(6) == 0 && ns;
            size_t a = RND(from_src ? ns : nu), b = RND(to_src ? ns : nu), r = i ? RND(i) : 0;
            am_ref from = from_src ? MB_S(a) : MB_U(a);
            am_ref to = t == AM_REL_UNDERCUT && i > 0 ? MB_R(r) : to_src ? MB_S(b) : MB_U(b);
            if (to.kind == AM_NODE_RELATION || t != AM_REL_UNDERCUT)
                mb_rel(m, from, to, t == AM_REL_UNDERCUT && to.kind != AM_NODE_RELATION
                                        ? AM_REL_ATTACK : t);
        }
        am_render_options o;
        am_render_options_init(&o);
        o.format = RND(4) == 0 ? "svg" : "dot";
        o.group = (am_group)RND(3);
        o.mono = (int)RND(2);
        o.legend = (int)RND(2);
        o.wrap = RND(40);
        o.max_label = RND(60);
        char focus[16];
        if (RND(3) == 0) {
            snprintf(focus, sizeof focus, "u%zu", 1 + RND(nu));
            o.focus = focus;
            o.depth = RND(4);
        }
        char *out = NULL;
        size_t n = 0;
        am_render_info info;
        int err = am_map_render(&out, &n, m, &o, &info);
        if (err == AM_ENOTFOUND && o.focus)
            assert_non_null(strstr(am_error_last(), "argues nothing"));
        else if (err < 0)
            fail_msg("round %d: %s", round, am_error_last());
        else {
            assert_true(n > 0 && strlen(out) == n);
            with_edges += info.edges > 0;
            undercuts += strstr(out, "rel undercut") != NULL;
        }
        am_free(out);
        char *html = NULL;
        o.focus = NULL;
        if (am_map_report(&html, &n, m, &o, NULL) < 0)
            fail_msg("round %d: report: %s", round, am_error_last());
        am_free(html);
        for (size_t i = 0; i < nu; i++) {
            am_claim_figures f;
            assert_int_equal(am_claim_figures_get(m, i, &f), 0);
        }
        mb_free(m);
    }
    /* The rounds did draw something worth the name. */
    assert_true(with_edges >= 20);
    assert_true(undercuts >= 3);
#undef RND
}

/* ----------------------------------------------------------- figures */

static void test_figures(void **state)
{
    (void)state;
    am_map *m = chain_map();
    am_claim_figures f;
    assert_int_equal(am_claim_figures_get(m, 0, &f), 0);
    assert_int_equal(f.supporters, 1);
    assert_int_equal(f.depth, 4);         /* u5 -> u4 -> u3 -> u2 -> u1 */
    assert_true(f.chains == 2);           /* via u5..u4 and via u6 */
    assert_int_equal(f.evidence, 3);      /* u4, u5, u6 */
    assert_int_equal(f.cyclic, 0);
    assert_int_equal(f.from_analysis, 0);
    assert_int_equal(am_claim_figures_get(m, 5, &f), 0);
    assert_int_equal(f.supporters, 0);
    assert_true(f.chains == 0);
    /* A cycle u1 -> u5 makes u1's chains uncountable. */
    mb_rel(m, MB_U(0), MB_U(4), AM_REL_SUPPORT);
    assert_int_equal(am_claim_figures_get(m, 0, &f), 0);
    assert_int_equal(f.cyclic, 1);
    assert_int_equal(f.depth, -1);
    assert_int_equal(am_claim_figures_get(m, 99, &f), AM_EINVAL);
    mb_free(m);
}

/* The figures read from the graph stage's analysis agree with the ones
 * worked out from the relations alone. */
static void test_figures_from_analysis(void **state)
{
    (void)state;
    am_map *m = chain_map();
    am_claim_figures local;
    assert_int_equal(am_claim_figures_get(m, 0, &local), 0);
    assert_int_equal(local.from_analysis, 0);
    am_analysis *a = NULL;
    if (am_graph_analyze(&a, m, NULL) < 0)
        fail_msg("am_graph_analyze: %s", am_error_last());
    m->analysis = a;
    am_claim_figures f;
    assert_int_equal(am_claim_figures_get(m, 0, &f), 0);
    assert_int_equal(f.from_analysis, 1);
    assert_int_equal(f.supporters, local.supporters);
    assert_int_equal(f.depth, local.depth);
    assert_true(f.chains == local.chains);
    assert_int_equal(f.evidence, local.evidence);
    assert_int_equal(f.sources, local.sources);
    char *html = NULL;
    size_t n;
    assert_int_equal(am_map_report(&html, &n, m, NULL, NULL), 0);
    assert_non_null(strstr(html, "Figures from the graph analysis"));
    assert_non_null(strstr(html, ">robustness</th>"));
    am_free(html);
    mb_free(m); /* am_map_free frees the analysis */
}

/* ------------------------------------------------------------ report */

static void test_report(void **state)
{
    (void)state;
    am_map *m = basic_map();
    char *html = NULL;
    size_t n = 0;
    assert_int_equal(am_map_report(&html, &n, m, NULL, NULL), 0);
    assert_int_equal(strlen(html), n);
    assert_true(!strncmp(html, "<!DOCTYPE html>", 15));
    /* Self-contained: nothing fetched. */
    assert_null(strstr(html, "src=\"http"));
    assert_null(strstr(html, "href=\"http"));
    assert_null(strstr(html, "<link"));
    /* Inline SVG without its XML prolog. */
    assert_non_null(strstr(html, "<svg"));
    assert_null(strstr(html, "<?xml"));
    /* Units in the text, tied to the nodes. */
    assert_non_null(strstr(html, "id=\"text-u1\" data-unit=\"u1\""));
    assert_non_null(strstr(html, "class=\"u evidence ev-statistic\" id=\"text-u5\""));
    /* Claims: both listed (both have support here). */
    const char *c1 = strstr(html, "id=\"claim-u1\""), *c4 = strstr(html, "id=\"claim-u4\"");
    assert_non_null(c1);
    assert_non_null(c4);
    /* Sources: Price backs u4 through u3. */
    const char *src = strstr(html, "id=\"text-S1\"");
    assert_non_null(src);
    assert_non_null(strstr(src, "data-unit=\"u4\""));
    /* Chains: S1 -> u3 -> u4. */
    assert_non_null(strstr(html, "data-unit=\"S1\">S1</a> \xE2\x86\x92 <a class=\"ref\" "
                                 "href=\"#text-u3\" data-unit=\"u3\">u3</a> \xE2\x86\x92 "));
    assert_non_null(strstr(html, "@media print"));
    artifact("report.html", html, n);
    am_free(html);
    mb_free(m);
}

static void test_report_unsupported_first(void **state)
{
    (void)state;
    am_map *m = chain_map();
    mb_unit(m, "Six.", AM_UNIT_CLAIM, AM_EV_NONE); /* u7: a claim nothing backs */
    char *html = NULL;
    size_t n = 0;
    assert_int_equal(am_map_report(&html, &n, m, NULL, NULL), 0);
    const char *u7 = strstr(html, "id=\"claim-u7\""), *u1 = strstr(html, "id=\"claim-u1\"");
    assert_non_null(u7);
    assert_non_null(u1);
    assert_true(u7 < u1);
    assert_non_null(strstr(html, "<tr id=\"claim-u7\" class=\"unsupported\">"));
    am_free(html);
    mb_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold_spaces_and_controls),
        cmocka_unit_test(test_cut_utf8_safe),
        cmocka_unit_test(test_wrap_and_backslashes),
        cmocka_unit_test(test_html_escape),
        cmocka_unit_test(test_golden_basic),
        cmocka_unit_test(test_golden_sample),
        cmocka_unit_test(test_golden_escape),
        cmocka_unit_test(test_golden_groups),
        cmocka_unit_test(test_golden_mono_focus),
        cmocka_unit_test(test_svg_escaped),
        cmocka_unit_test(test_formats),
        cmocka_unit_test(test_focus_errors),
        cmocka_unit_test(test_bad_relation),
        cmocka_unit_test(test_limits_and_engines),
        cmocka_unit_test(test_isolated_stacked),
        cmocka_unit_test(test_forked_same_as_in_process),
        cmocka_unit_test(test_timeout),
        cmocka_unit_test(test_random_maps),
        cmocka_unit_test(test_figures),
        cmocka_unit_test(test_figures_from_analysis),
        cmocka_unit_test(test_report),
        cmocka_unit_test(test_report_unsupported_first),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
