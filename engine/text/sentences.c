/*
 * sentences.c - splitting each paragraph into sentences.
 *
 * A sentence ends at a run of . ? ! or an ellipsis, taken together with the
 * quotation marks and brackets that close right after it (.» ." .” ?» .)),
 * when white space follows and the next word (past opening quotes and
 * dashes) does not start in lowercase. A single period is then checked
 * against the word it ends: a title abbreviation ("Gen.", "Mr.", "St.",
 * "Feb.") or an initial ("Jonas E. Smith") never ends a sentence, "No." or
 * "Art." none before a number; an
 * abbreviation that can stand last ("U.S.", "Jr.", "a.m.", dotted letters)
 * ends one only when the next word is a usual sentence opener ("The",
 * "But"...). A period inside a token ("3.5", "U.S.-led", "www.x.org") never
 * ends one. Paragraphs are split one by one, so no sentence crosses a
 * paragraph. The word lists are models/lexicons/abbreviations.txt and
 * sentence_starters.txt.
 *
 * Quotations that hold several sentences are split inside: each sentence of
 * the quote is a sentence, and the closing mark stays with the last one
 * ("... the ceasefire.»"). Units never split a quote further, and the unit
 * stage links every unit inside a quotation back to it (units.c).
 *
 * Why our own splitter rather than ICU's (ubrk_open(UBRK_SENTENCE,
 * "en@ss=standard")): both were measured by scripts/eval_sentences.py on the
 * hard-case table of tests/unit/test_sentences.c (ours 60/60, ICU 40/60)
 * and on sentence ends derived from the Webis-Editorials-16 and microtext
 * annotations (F1 .983 vs .981 and .999 vs .997), and by
 * scripts/bench_text.py for speed (ours 1.4-2.6 times ICU's, which also needs
 * a UTF-16 copy of the text). On plain running text they are level; they
 * differ where an argument map cares: ICU breaks after "Gen.", "St.", "e.g."
 * and initials before a name ("Jonas E. | Smith"), before a lowercase word
 * after a quote ("«Why now?» | he asked"), and at a single line break inside
 * a paragraph, and misses "in 2022. 15 people" and "over… Then". Combining
 * the two would cost ICU's time for no case ours gets wrong, so ICU serves
 * only as the baseline of the evaluation and the benchmark (docs/text.md).
 */
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/lexicon.h"
#include "scan.h"
#include "sentences.h"

typedef struct {
    const am_lexicon *abbr;     /* abbreviations: "title" or "final" */
    const am_lexicon *starters; /* sentence_starters */
} splitter;

static size_t skip_space(const char *t, size_t i, size_t end)
{
    while (i < end) {
        size_t n;
        if (!am_cp_space(am_scan_cp(t, i, end, &n)))
            break;
        i += n;
    }
    return i;
}

/* 1 when the word at t[j] is a usual sentence opener. */
static int is_starter(const splitter *sp, const char *t, size_t j, size_t end)
{
    size_t k = j;
    while (k < end) {
        size_t n;
        if (!am_cp_alpha(am_scan_cp(t, k, end, &n)))
            break;
        k += n;
    }
    return k > j && am_lex_find(sp->starters, t + j, k - j) != NULL;
}

/* 1 when t[w, dot] (the token before a single period at `dot`) is made of
 * letters with inner periods only: "U.S", "N.A.T.O", "a.m". */
static int is_dotted(const char *t, size_t w, size_t dot)
{
    int inner = 0;
    for (size_t i = w; i < dot; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c == '.')
            inner = 1;
        else if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
            return 0;
    }
    return inner;
}

/*
 * Does the sentence end after the punctuation run t[p, q) and its closers
 * (ending at k), given that white space follows and the next text starts
 * at m? s0 is where the current sentence started.
 */
static int ends_here(const splitter *sp, const char *t, size_t s0, size_t p, size_t q,
                     size_t m, size_t end)
{
    if (p == s0) /* a sentence of punctuation only: "... There are" */
        return 0;
    size_t j = m, n;
    uint32_t c = 0;
    while (j < end) { /* past «, (, dashes: "- I believe", "? - asks" */
        c = am_scan_cp(t, j, end, &n);
        if (!am_cp_opener(c) && !am_cp_dash(c) && !am_cp_space(c))
            break;
        j += n;
    }
    if (j >= end)
        return 1;
    if (am_cp_lower(c))
        return 0;
    if (q - p != 1 || t[p] != '.')
        return 1; /* ? ! ... and their mixtures */
    /* A single period: look at the token it ends. */
    size_t w = p;
    while (w > s0) {
        size_t prev = am_scan_prev(t, w, s0);
        uint32_t pc = am_scan_cp(t, prev, end, &n);
        if (am_cp_space(pc) || am_cp_opener(pc) || pc == '/')
            break;
        w = prev;
    }
    if (w == p)
        return 1;
    /* an exact key is also a key ignoring case: one probe of the loaded
     * lexicon's hash table rules most tokens out before the binary search */
    size_t tn = p + 1 - w;
    const am_lex_entry *e =
        !sp->abbr || !sp->abbr->fold_hash ||
                am_lex_find_ci_h(sp->abbr, t + w, tn, am_lex_hash_ci(t + w, tn))
            ? am_lex_find(sp->abbr, t + w, tn) : NULL;
    if (e) {
        if (!strcmp(e->value, "title"))
            return 0;
        if (!strcmp(e->value, "number"))
            return !am_cp_digit(c);
        return is_starter(sp, t, j, end);
    }
    uint32_t first = am_scan_cp(t, w, end, &n);
    if (w + n == p && am_cp_upper(first))
        return 0; /* an initial: "Jonas E. Smith" */
    if (is_dotted(t, w, p))
        return is_starter(sp, t, j, end);
    if (w == s0) { /* a list number standing alone: "1. The first" */
        size_t d = w;
        while (d < p && t[d] >= '0' && t[d] <= '9')
            d++;
        if (d == p)
            return 0;
    }
    return 1;
}

static int push(am_map *map, size_t start, size_t end, size_t paragraph)
{
    am_sentence *s = AM_VEC_PUSH(&map->sentences);
    if (!s)
        return am_err_nomem();
    s->span.start = start;
    s->span.end = end;
    s->paragraph = paragraph;
    return 0;
}

/* The first byte from i on that is '.', '?', '!' or not ASCII (where a
 * sentence may end: U+2026 is not ASCII), or end: eight bytes at a time
 * (exact tests: a borrow only spreads above a byte that matched). */
static size_t to_stop(const char *t, size_t i, size_t end)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    while (end - i >= 8) {
        uint64_t x, a, b, c;
        memcpy(&x, t + i, 8);
        a = x ^ (ones * '.');
        b = x ^ (ones * '?');
        c = x ^ (ones * '!');
        if ((((a - ones) & ~a) | ((b - ones) & ~b) | ((c - ones) & ~c) | x) & highs)
            break;
        i += 8;
    }
    while (i < end) {
        unsigned char ch = (unsigned char)t[i];
        if (ch >= 0x80 || ch == '.' || ch == '?' || ch == '!')
            break;
        i++;
    }
    return i;
}

static int split_block(const splitter *sp, am_map *map, size_t bs, size_t be, size_t paragraph)
{
    const char *t = map->doc->text;
    int err;
    size_t i = skip_space(t, bs, be), s0 = i;
    while (i < be) {
        size_t n;
        i = to_stop(t, i, be);
        if (i == be)
            break;
        unsigned char b = (unsigned char)t[i];
        if (b < 0x80 && b != '.' && b != '?' && b != '!') {
            i++;
            continue;
        }
        uint32_t c = am_scan_cp(t, i, be, &n);
        if (c != '.' && c != '?' && c != '!' && c != 0x2026) {
            i += n;
            continue;
        }
        size_t p = i, q = i;
        while (q < be) {
            c = am_scan_cp(t, q, be, &n);
            if (c != '.' && c != '?' && c != '!' && c != 0x2026)
                break;
            q += n;
        }
        size_t k = q;
        while (k < be && am_cp_closer(c = am_scan_cp(t, k, be, &n)))
            k += n;
        if (k >= be)
            break;
        c = am_scan_cp(t, k, be, &n);
        if (!am_cp_space(c)) { /* "3.5", "U.S.-led", ".»," */
            i = k;
            continue;
        }
        size_t m = skip_space(t, k, be);
        if (m >= be)
            break;
        if (ends_here(sp, t, s0, p, q, m, be)) {
            if ((err = push(map, s0, k, paragraph)) < 0)
                return err;
            s0 = m;
        }
        i = m;
    }
    size_t e = be;
    while (e > s0) {
        size_t prev = am_scan_prev(t, e, s0), n;
        if (!am_cp_space(am_scan_cp(t, prev, be, &n)))
            break;
        e = prev;
    }
    if (e > s0 && (err = push(map, s0, e, paragraph)) < 0)
        return err;
    return 0;
}

int am_stage_sentences(am_map *map, const am_analyze_options *opts)
{
    (void)opts;
    const am_document *doc = map->doc;
    if (!doc->blocks.len)
        return 0;
    splitter sp = {am_model_lexicon(map->model, "abbreviations"),
                   am_model_lexicon(map->model, "sentence_starters")};
    if (!sp.abbr || !sp.starters)
        return am_err(AM_ENOTFOUND, "sentences: the models folder has no lexicons/%s.txt",
                      sp.abbr ? "sentence_starters" : "abbreviations");
    for (size_t b = 0; b < doc->blocks.len; b++) {
        int err = split_block(&sp, map, doc->blocks.items[b].span.start,
                              doc->blocks.items[b].span.end, b);
        if (err < 0)
            return err;
    }
    return 0;
}
