/*
 * features.c - sparse features of units and unit pairs for the linear
 * models.
 *
 * Features are names ("f1=but", "m=attack|dir=back") hashed into a fixed
 * space, so no dictionary has to be stored beside a model and an unseen
 * feature costs nothing. The same code computes the features at training
 * time and at analysis time, over the same map the pipeline builds, so the
 * two cannot drift apart. Word lists come from models/lexicons
 * (discourse_markers, argue_cues).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/error.h"
#include "argue.h"

uint32_t am_feat_hash(const char *name)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        h ^= *p;
        h *= 16777619u;
    }
    return (h & (AM_FEAT_DIM - 1)) + 1;
}

void am_fvec_add(am_fvec *v, const char *name, double val)
{
    am_feat *f = AM_VEC_PUSH(&v->f);
    if (!f) {
        v->oom = 1;
        return;
    }
    f->idx = am_feat_hash(name);
    f->val = val;
}

void am_fvec_addf(am_fvec *v, double val, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    am_fvec_add(v, buf, val);
}

/* Feature names hashed as they are spelled, without formatting them into a
 * buffer first: FNV-1a over the parts in order, cut after 255 bytes as the
 * 256-byte buffer of am_fvec_addf cuts them, so both give the same index.
 * The features below are computed for every unit and pair; printf was most
 * of their cost. */
typedef struct {
    uint32_t h;
    size_t n; /* bytes hashed so far */
} fname;

#define FNAME_MAX 255

static inline fname fn_start(void)
{
    fname f = {2166136261u, 0};
    return f;
}

static inline void fn_s(fname *f, const char *s)
{
    uint32_t h = f->h;
    size_t n = f->n;
    for (const unsigned char *p = (const unsigned char *)s; *p && n < FNAME_MAX; p++, n++) {
        h ^= *p;
        h *= 16777619u;
    }
    f->h = h;
    f->n = n;
}

/* fn_s of s, whose length len is known (a token: no NUL inside): without
 * the checks per byte while the name stays under the cut. */
static inline void fn_sn(fname *f, const char *s, size_t len)
{
    if (f->n + len > FNAME_MAX) {
        fn_s(f, s);
        return;
    }
    uint32_t h = f->h;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    f->h = h;
    f->n += len;
}

/* fn_s of the one-byte string {ch, 0} */
static inline void fn_c(fname *f, char ch)
{
    if (f->n < FNAME_MAX) {
        f->h = (f->h ^ (unsigned char)ch) * 16777619u;
        f->n++;
    }
}

/* The decimal digits of v (as %zu writes them). */
static inline void fn_u(fname *f, size_t v)
{
    char buf[24];
    size_t k = sizeof buf;
    buf[--k] = '\0';
    do {
        buf[--k] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    fn_s(f, buf + k);
}

/* %d */
static inline void fn_d(fname *f, int v)
{
    if (v < 0) {
        fn_s(f, "-");
        fn_u(f, (size_t)0 - (size_t)(long)v);
    } else {
        fn_u(f, (size_t)v);
    }
}

/* %+ld */
static inline void fn_sd(fname *f, long v)
{
    fn_s(f, v < 0 ? "-" : "+");
    fn_u(f, v < 0 ? (size_t)0 - (size_t)v : (size_t)v);
}

/* Push the feature idx with value 1; without a call while there is room. */
static inline void fn_put(am_fvec *v, uint32_t idx)
{
    am_feat *ft;
    if (v->f.len < v->f.cap)
        ft = &v->f.items[v->f.len++];
    else if (!(ft = AM_VEC_PUSH(&v->f))) {
        v->oom = 1;
        return;
    }
    ft->idx = idx;
    ft->val = 1;
}

/* fn_put where room was made before (am_feat_unit_raw reserves it). */
static inline void fn_put_room(am_fvec *v, uint32_t idx)
{
    am_feat *ft = &v->f.items[v->f.len++];
    ft->idx = idx;
    ft->val = 1;
}

static inline void fn_add(am_fvec *v, const fname *f)
{
    fn_put(v, (f->h & (AM_FEAT_DIM - 1)) + 1);
}

static uint32_t fn_idx(const fname *f)
{
    return (f->h & (AM_FEAT_DIM - 1)) + 1;
}

/* The name a b c (NULL parts are left out), hashed. */
static fname s3_name(const char *a, const char *b, const char *c)
{
    fname f = fn_start();
    fn_s(&f, a);
    if (b)
        fn_s(&f, b);
    if (c)
        fn_s(&f, c);
    return f;
}

static uint32_t s3_idx(const char *a, const char *b, const char *c)
{
    fname f = s3_name(a, b, c);
    return fn_idx(&f);
}

/* a b c d e g (e, g may be NULL) */
static uint32_t s6_idx(const char *a, const char *b, const char *c, const char *d,
                       const char *e, const char *g)
{
    fname f = s3_name(a, b, c);
    fn_s(&f, d);
    if (e)
        fn_s(&f, e);
    if (g)
        fn_s(&f, g);
    return fn_idx(&f);
}

/* a b c and d as %+ld (b, c may be NULL): name=a|name2=b|d=-1 */
static uint32_t sd_idx(const char *a, const char *b, const char *c, long d)
{
    fname f = s3_name(a, b, c);
    fn_sd(&f, d);
    return fn_idx(&f);
}

/* name1 a name2 b, both %d (imodal=0|jmodal=1) */
static uint32_t dd_idx(const char *n1, int a, const char *n2, int b)
{
    fname f = fn_start();
    fn_s(&f, n1);
    fn_d(&f, a);
    fn_s(&f, n2);
    fn_d(&f, b);
    return fn_idx(&f);
}

static void feat3(am_fvec *v, const char *a, const char *b, const char *c)
{
    fn_put(v, s3_idx(a, b, c));
}

static void feat6(am_fvec *v, const char *a, const char *b, const char *c, const char *d,
                  const char *e, const char *g)
{
    fn_put(v, s6_idx(a, b, c, d, e, g));
}

static void feat_sd(am_fvec *v, const char *a, const char *b, const char *c, long d)
{
    fn_put(v, sd_idx(a, b, c, d));
}

/* The flags of a unit as features (add_flags), each under three prefixes:
 * the unit's own, the one before's and the one after's. proper= counts
 * the names, 1 or 2 (two or more). */
static const char *const flag_names[] = {
    "modal", "first_person", "second_person", "negation", "cue", "report", "example",
    "quote_chars", "quoted", "quote_odd", "quote_first", "quote_last", "cue_start", "cue_end",
    "cue_and_quote", "in_quote", "past", "proper=1", "proper=2", "digits", "percent",
    "count_word", "year", "number", "common_ground", "number_counted", "month", "question",
    "exclaim", "has_quote", "has_source", "has_date",
};
#define NFLAGS (sizeof flag_names / sizeof flag_names[0])
/* The last three flags come from the map's unit, the others from
 * am_unit_info (flag_bits, bit k for flag_names[k]). */
enum { F_HAS_QUOTE = 29, F_HAS_SOURCE, F_HAS_DATE };
_Static_assert(F_HAS_DATE + 1 == NFLAGS, "has_quote, has_source, has_date come last");

/* u's flags, in the order of flag_names (all but the last three). */
static uint32_t flag_bits(const am_unit_info *u)
{
    const int on[F_HAS_QUOTE] = {
        u->modal, u->first_person, u->second_person, u->negation, u->cue, u->report_word,
        u->example_word, u->quote_chars, u->quote_chars >= 2, u->quote_chars % 2,
        u->quote_first, u->quote_last, u->cue_start, u->cue_end, u->cue && u->quote_chars,
        u->in_quote, u->past, u->proper == 1, u->proper >= 2, u->digits, u->percent, u->money,
        u->year, u->number, u->common, u->number && u->money, u->month, u->question,
        u->exclaim,
    };
    uint32_t b = 0;
    for (size_t k = F_HAS_QUOTE; k-- > 0;)
        b = b << 1 | (on[k] != 0);
    return b;
}
static const char *const flag_prefix[] = {"", "prev.", "next."};

/* After the flags in the fixed table: the features of a unit's place, which
 * take few values (am_feat_unit), at these offsets. */
enum {
    FX_BIAS, FX_POS, /* first, mid, last */ FX_PARA_FIRST = FX_POS + 3, FX_PARA_LAST,
    FX_PREV_NONE, FX_NEXT_NONE, FX_IDX, /* idx=0..9 */ FX_FROMEND = FX_IDX + 10,
    FX_RPOS = FX_FROMEND + 10, /* 0..4 */ FX_N = FX_RPOS + 5, /* 0..12 */
    FX_LEN = FX_N + 13, /* 0..8 */ FX_PARA = FX_LEN + 9, /* 0..5 */ FX_END = FX_PARA + 6
};

static uint32_t fx_hash(const char *name, long val)
{
    fname f = fn_start();
    fn_s(&f, name);
    if (val >= 0)
        fn_u(&f, (size_t)val);
    return (f.h & (AM_FEAT_DIM - 1)) + 1;
}

#define NFIXED (3 * NFLAGS + FX_ALL) /* FX_ALL: after NSIG below */

/* The indices of the flag features and of the place features, hashed once
 * (am_flex_build). */
static void fixed_init(uint32_t *fixed)
{
    for (size_t p = 0; p < 3; p++)
        for (size_t k = 0; k < NFLAGS; k++) {
            fname f = fn_start();
            fn_s(&f, flag_prefix[p]);
            fn_s(&f, flag_names[k]);
            fixed[p * NFLAGS + k] = (f.h & (AM_FEAT_DIM - 1)) + 1;
        }
    uint32_t *fx = fixed + 3 * NFLAGS;
    static const struct { int at, count; const char *name; } runs[] = {
        {FX_IDX, 10, "idx="}, {FX_FROMEND, 10, "fromend="}, {FX_RPOS, 5, "rpos="},
        {FX_N, 13, "n="}, {FX_LEN, 9, "len="}, {FX_PARA, 6, "para="},
    };
    for (size_t r = 0; r < sizeof runs / sizeof runs[0]; r++)
        for (int v = 0; v < runs[r].count; v++)
            fx[runs[r].at + v] = fx_hash(runs[r].name, v);
    fx[FX_BIAS] = fx_hash("bias", -1);
    fx[FX_POS] = fx_hash("pos=first", -1);
    fx[FX_POS + 1] = fx_hash("pos=mid", -1);
    fx[FX_POS + 2] = fx_hash("pos=last", -1);
    fx[FX_PARA_FIRST] = fx_hash("para_first", -1);
    fx[FX_PARA_LAST] = fx_hash("para_last", -1);
    fx[FX_PREV_NONE] = fx_hash("prev.none", -1);
    fx[FX_NEXT_NONE] = fx_hash("next.none", -1);
}

/* Sort by index: an insertion sort for short runs under a quicksort with
 * the median of three; the order of equal indices does not matter (they
 * are merged). */
static void sort_feats(am_feat *a, size_t n)
{
    while (n > 16) {
        size_t m = n / 2;
        uint32_t x = a[0].idx, y = a[m].idx, z = a[n - 1].idx;
        uint32_t piv = x < y ? (y < z ? y : x < z ? z : x) : (x < z ? x : y < z ? z : y);
        size_t i = 0, j = n - 1;
        for (;;) {
            while (a[i].idx < piv)
                i++;
            while (a[j].idx > piv)
                j--;
            if (i >= j)
                break;
            am_feat t = a[i];
            a[i] = a[j];
            a[j] = t;
            i++;
            j--;
        }
        /* [0, j] <= piv <= [j + 1, n): recurse on the smaller part */
        size_t left = j + 1;
        if (left == 0 || left >= n)
            break; /* no progress: the insertion sort finishes */
        if (left < n - left) {
            sort_feats(a, left);
            a += left;
            n -= left;
        } else {
            sort_feats(a + left, n - left);
            n = left;
        }
    }
    for (size_t i = 1; i < n; i++) {
        am_feat t = a[i];
        size_t j = i;
        while (j > 0 && a[j - 1].idx > t.idx) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = t;
    }
}

void am_fvec_finish(am_fvec *v)
{
    if (!v->f.len)
        return;
    sort_feats(v->f.items, v->f.len);
    size_t k = 0;
    for (size_t i = 0; i < v->f.len; i++) {
        if (k && v->f.items[k - 1].idx == v->f.items[i].idx)
            v->f.items[k - 1].val = 1.0; /* presence, not counts: keeps scales even */
        else
            v->f.items[k++] = v->f.items[i];
    }
    v->f.len = k;
}

/* am_fvec_finish for the vectors built below, whose values are all 1 from
 * `from` on (v[0, from) is finished already... or empty): only the indices
 * need sorting, and a merged duplicate is 1 as am_fvec_finish makes it.
 * A short vector (a unit's has ~100 features) is sorted by a counting sort
 * that deals the indices into 64 buckets by their top bits, which leaves
 * each at most its bucket's length from its place, and an insertion sort
 * that finishes: a few passes instead of the quicksort's log n. */
#define SMALL_SORT 512
#define SMALL_BUCKETS 64

static void finish_ones(am_fvec *v, size_t from)
{
    size_t n = v->f.len;
    if (from || n > SMALL_SORT) {
        am_fvec_finish(v);
        return;
    }
    am_feat *a = v->f.items;
    uint32_t key[SMALL_SORT];
    uint16_t at[SMALL_BUCKETS + 1] = {0};
    /* the indices come from fn_put: 1 <= idx <= AM_FEAT_DIM, so b <= 64 */
    const int shift = AM_FEAT_BITS - 6;
    for (size_t i = 0; i < n; i++)
        at[a[i].idx >> shift]++;
    for (size_t b = 0, sum = 0; b <= SMALL_BUCKETS; b++) { /* at[b]: where bucket b starts */
        size_t c = at[b];
        at[b] = (uint16_t)sum;
        sum += c;
    }
    for (size_t i = 0; i < n; i++)
        key[at[a[i].idx >> shift]++] = a[i].idx;
    /* insert each index into the sorted a[0, k), once */
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t t = key[i];
        size_t j = k;
        while (j > 0 && a[j - 1].idx > t)
            j--;
        if (j > 0 && a[j - 1].idx == t)
            continue; /* a duplicate: merged */
        for (size_t m = k; m > j; m--)
            a[m] = a[m - 1];
        a[j].idx = t;
        a[j].val = 1.0;
        k++;
    }
    v->f.len = k;
}

void am_fvec_free(am_fvec *v)
{
    AM_VEC_FREE(&v->f);
    v->oom = 0;
}

/* ------------------------------------------------------------ markers */

/* The signals am_argue_signal gives, numbered (0: no marker), for the
 * tables of pair features. */
static const char *const signal_names[] = {"none",    "premise", "conclusion", "attack",
                                           "concession", "example", "addition", "report"};
#define NSIG 8

/* After the place features in the fixed table: "m=SIGNAL" and
 * "mi=SIGNAL" under each prefix (add_flags; signal 0 is "m=none"), the
 * FNV state of "PREFIX" "f1=", which a unit's first token continues, and
 * those of "f2=", "f3=", "l1=" (am_feat_unit_raw). */
enum {
    FX_M = FX_END, FX_MI = FX_M + 3 * NSIG, FX_F1 = FX_MI + 3 * NSIG,
    FX_F2 = FX_F1 + 3, FX_F3, FX_L1, /* the states of "f2=", "f3=", "l1=" */
    FX_ALL
};

static void fixed_init_markers(uint32_t *fixed)
{
    uint32_t *fx = fixed + 3 * NFLAGS;
    for (size_t p = 0; p < 3; p++) {
        for (size_t s = 0; s < NSIG; s++) {
            fname f = fn_start();
            fn_s(&f, flag_prefix[p]);
            fn_s(&f, "m=");
            fn_s(&f, signal_names[s]);
            fx[FX_M + p * NSIG + s] = fn_idx(&f);
            f = fn_start();
            fn_s(&f, flag_prefix[p]);
            fn_s(&f, "mi=");
            fn_s(&f, signal_names[s]);
            fx[FX_MI + p * NSIG + s] = fn_idx(&f);
        }
        fname f = fn_start();
        fn_s(&f, flag_prefix[p]);
        fn_s(&f, "f1=");
        fx[FX_F1 + p] = f.h;
    }
    fx[FX_F2] = s3_name("f2=", NULL, NULL).h;
    fx[FX_F3] = s3_name("f3=", NULL, NULL).h;
    fx[FX_L1] = s3_name("l1=", NULL, NULL).h;
}

static int signal_id(const char *s)
{
    for (int k = 1; s && k < NSIG; k++)
        if (!strcmp(s, signal_names[k]))
            return k;
    return 0;
}

const char *am_argue_signal(const char *value)
{
    static const char *const names[][2] = {
        {"premise", "premise"},       {"support-forward", "premise"},
        {"support_forward", "premise"}, {"conclusion", "conclusion"},
        {"support-backward", "conclusion"}, {"support_backward", "conclusion"},
        {"restatement", "conclusion"}, {"attack", "attack"},
        {"contrast", "attack"},       {"concession", "concession"},
        {"example", "example"},       {"addition", "addition"},
        {"report", "report"},
    };
    if (!value)
        return NULL;
    size_t k = strcspn(value, "\t"); /* "signal<TAB>where": the first field */
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i][0]) == k && !strncmp(value, names[i][0], k))
            return names[i][1];
    return NULL;
}

/* ----------------------------------------------------------- tokens */

/* Byte classes as <ctype.h> gives them in the C locale, the one argmap
 * runs in (it never calls setlocale), without a call per byte. */
static inline int a_digit(unsigned c)
{
    return c - '0' < 10;
}

static inline int a_upper(unsigned c)
{
    return c - 'A' < 26;
}

static inline int a_alpha(unsigned c)
{
    return (c | 32) - 'a' < 26;
}

static inline int a_space(unsigned c)
{
    return c == ' ' || c - '\t' < 5; /* \t \n \v \f \r */
}

static inline int is_word_byte(unsigned char c)
{
    return a_alpha(c) || a_digit(c) || c >= 0x80;
}

/* Typographic quotes and dashes are punctuation, not word bytes. */
static size_t punct_mb(const unsigned char *p, const unsigned char *end, const char **as)
{
    if (end - p >= 3 && p[0] == 0xE2 && p[1] == 0x80) {
        switch (p[2]) {
        case 0x9C: case 0x9D: case 0x9E: *as = "\""; return 3;
        case 0x98: case 0x99: *as = "'"; return 3;
        case 0x93: case 0x94: *as = "-"; return 3;
        case 0xA6: *as = "..."; return 3;
        }
    }
    if (end - p >= 2 && p[0] == 0xC2 && (p[1] == 0xAB || p[1] == 0xBB)) {
        *as = "\"";
        return 2;
    }
    return 0;
}

/* Byte classes, one table read instead of the tests above per byte (the
 * same classes: B_WORD is is_word_byte, B_SPACE a_space, B_ALPHA a_alpha,
 * B_DIGIT a_digit, B_UPPER a_upper; B_STOP the bytes that open a sentence
 * for names_scan, B_QUOTE the bytes in_quote looks at). */
enum { B_WORD = 1, B_SPACE = 2, B_ALPHA = 4, B_DIGIT = 8, B_UPPER = 16, B_STOP = 32, B_QUOTE = 64 };

#define BW B_WORD
#define BL (B_WORD | B_ALPHA)
#define BU (B_WORD | B_ALPHA | B_UPPER)
#define BD (B_WORD | B_DIGIT)
#define BH (B_WORD | B_QUOTE) /* 0xC2, 0xE2: may open a typographic quote */
#define BS B_SPACE
#define BP B_STOP
#define R8(x) x, x, x, x, x, x, x, x
#define R16(x) R8(x), R8(x)
static const unsigned char bcls[256] = {
    /* 0x00 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, BS, BS, BS, BS, BS, 0, 0,
    /* 0x10 */ R16(0),
    /* 0x20   sp  !   "               '                          */
    BS, BP, BP | B_QUOTE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, BP, 0,
    /* 0x30 0-9 : ? */
    BD, BD, BD, BD, BD, BD, BD, BD, BD, BD, BP, 0, 0, 0, 0, BP,
    /* 0x40 @ A-O */ 0, BU, BU, BU, BU, BU, BU, BU, BU, BU, BU, BU, BU, BU, BU, BU,
    /* 0x50 P-Z */ BU, BU, BU, BU, BU, BU, BU, BU, BU, BU, BU, 0, 0, 0, 0, 0,
    /* 0x60 ` a-o */ 0, BL, BL, BL, BL, BL, BL, BL, BL, BL, BL, BL, BL, BL, BL, BL,
    /* 0x70 p-z */ BL, BL, BL, BL, BL, BL, BL, BL, BL, BL, BL, 0, 0, 0, 0, 0,
    /* 0x80 */ R16(BW), R16(BW), R16(BW), R16(BW),
    /* 0xC0 */ BW, BW, BH, BW, BW, BW, BW, BW, BW, BW, BW, BW, BW, BW, BW, BW,
    /* 0xD0 */ R16(BW),
    /* 0xE0 */ BW, BW, BH, BW, BW, BW, BW, BW, BW, BW, BW, BW, BW, BW, BW, BW,
    /* 0xF0 */ R16(BW),
};
/* A word byte lower-cased (ASCII), 0 for a byte that is no word byte
 * (B_WORD: letters, digits, bytes >= 0x80): what the tokenizer copies of
 * a word, with one table read. */
static const unsigned char word_lower[256] = {
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
    0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
    0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e, 0x8f,
    0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9d, 0x9e, 0x9f,
    0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf,
    0xb0, 0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xbb, 0xbc, 0xbd, 0xbe, 0xbf,
    0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xcb, 0xcc, 0xcd, 0xce, 0xcf,
    0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde, 0xdf,
    0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee, 0xef,
    0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff,
};
#undef BW
#undef BL
#undef BU
#undef BD
#undef BH
#undef BS
#undef BP
#undef R8
#undef R16

/* The tokens of all units are gathered in one buffer (lower-cased,
 * NUL-terminated, by offset), with their lengths and hashes computed as
 * they are copied: one allocation for the text, not one per unit or per
 * token. tok_reserve makes room for a whole unit first, so push_tok
 * checks nothing. */
typedef struct {
    char *buf;
    size_t len, cap;
    AM_VEC(am_ftok) t;
} tokacc;

/* Room for the tokens of n bytes of text: at most n tokens (each takes one
 * byte or more; a split word, two, takes two or more) and 2n bytes with
 * their NULs (a token of k bytes comes from k bytes or more; a split word
 * of k bytes takes k + 2; "…" is three bytes read from three). */
static int tok_reserve(tokacc *a, size_t n)
{
    if (a->len + 2 * n + 1 > UINT32_MAX)
        return am_err(AM_ELIMIT, "features: the units' tokens exceed 4 GB");
    if (a->len + 2 * n + 1 > a->cap) {
        size_t want = a->cap ? a->cap : 4096;
        while (want < a->len + 2 * n + 1)
            want *= 2;
        char *p = realloc(a->buf, want);
        if (!p)
            return am_err_nomem();
        a->buf = p;
        a->cap = want;
    }
    if (AM_VEC_RESERVE(&a->t, n) < 0)
        return am_err_nomem();
    return 0;
}

static inline void push_tok(tokacc *a, const char *s, size_t n)
{
    am_ftok *slot = &a->t.items[a->t.len++];
    char *t = a->buf + a->len;
    /* the hash am_lex_hash_ci gives the lower-cased token: FNV-1a of its
     * bytes folded to ASCII lower case, as they are now */
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        c = (unsigned char)(c | ((bcls[c] & B_UPPER) << 1)); /* B_UPPER << 1 is 32 */
        t[i] = (char)c;
        h ^= c;
        h *= 16777619u;
    }
    t[n] = '\0';
    slot->off = (uint32_t)a->len;
    slot->len = (uint32_t)n;
    slot->hash = h;
    slot->word = 0;
    a->len += n + 1;
}

/* Capitalised words that do not open a sentence: names, mostly. A word
 * starts at a letter after a byte that is no letter or digit; . ! ? : "
 * open a sentence. The scan's state, so that the tokenizer can run it over
 * a unit piece by piece. */
typedef struct {
    int count, sentence_start, prev_alnum; /* prev_alnum: the byte before is a letter or digit */
    size_t words; /* and the tokens that start with a letter, digit or byte >= 0x80 */
} nscan;

static void names_scan(nscan *st, const unsigned char *p, const unsigned char *end)
{
    while (p < end) {
        unsigned cl = bcls[*p++];
        if (cl & B_ALPHA) {
            if (!st->prev_alnum) { /* a word starts */
                if ((cl & B_UPPER) && !st->sentence_start)
                    st->count++;
                st->sentence_start = 0;
            }
            st->prev_alnum = 1;
        } else {
            if (cl & B_STOP) /* . ! ? : " */
                st->sentence_start = 1;
            st->prev_alnum = (cl & B_DIGIT) != 0;
        }
    }
}

/* Tokenize s[0, n) onto a; first: the index of the unit's first token in a.
 * The names of the unit are counted on the way (ns, names_scan over every
 * byte of s, in order), and its words: every token of the word branch
 * starts with a word byte (two for "do" "n't"), no other token does. */
static int tokenize_into(tokacc *u, size_t first, const char *s, size_t n, nscan *ns)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    int err;
    if ((err = tok_reserve(u, n)) < 0)
        return err;
    while (p < end) {
        const char *as;
        size_t k;
        unsigned cl = bcls[*p];
        if (cl & B_SPACE) {
            ns->prev_alnum = 0;
            p++;
        } else if ((cl & B_QUOTE) && (k = punct_mb(p, end, &as)) > 0) {
            names_scan(ns, p, p + k);
            /* an apostrophe inside a word ("don’t") stays in the word */
            if (*as == '\'' && p > (const unsigned char *)s && is_word_byte(p[-1]) &&
                p + k < end && is_word_byte(p[k]) && u->t.len > first) {
                p += k;
                continue;
            }
            push_tok(u, as, strlen(as));
            p += k;
        } else if (cl & B_WORD) {
            const unsigned char *a = p, *ap = NULL; /* ap: the first ASCII apostrophe */
            /* A word without an apostrophe (nearly all): copied lower-cased
             * and hashed as it is read, as push_tok would. One with an
             * apostrophe is read again below. */
            char *t = u->buf + u->len;
            uint32_t h = 2166136261u;
            size_t tl = 0;
            unsigned any = 0; /* its bytes or'd (0x80: one >= 0x80), 0x100: a '.' or ',' inside */
            for (;;) {
                unsigned char ch;
                while (p < end && (ch = word_lower[*p]) != 0) {
                    p++;
                    any |= ch; /* >= 0x80 as the byte is */
                    t[tl++] = (char)ch;
                    h = (h ^ ch) * 16777619u;
                }
                if (p + 1 < end && (*p == '.' || *p == ',') && (bcls[p[1]] & B_DIGIT)) {
                    any |= 0x100;
                    t[tl++] = (char)*p;
                    h = (h ^ *p++) * 16777619u; /* 3.5, 1,000 */
                    continue;
                }
                break;
            }
            if (!(p + 1 < end && *p == '\'' && (bcls[p[1]] & B_WORD))) {
                ns->words++;
                if (any & 0x180) {
                    names_scan(ns, a, p);
                } else {
                    /* letters and digits only, after a byte that is neither:
                     * a word starts at the first byte if it is a letter */
                    unsigned c0 = bcls[*a];
                    if ((c0 & B_ALPHA) && !ns->prev_alnum) {
                        ns->count += (c0 & B_UPPER) && !ns->sentence_start;
                        ns->sentence_start = 0;
                    }
                    ns->prev_alnum = 1;
                }
                t[tl] = '\0';
                am_ftok *slot = &u->t.items[u->t.len++];
                slot->off = (uint32_t)u->len;
                slot->len = (uint32_t)tl;
                slot->hash = h;
                slot->word = 0;
                u->len += tl + 1;
                continue;
            }
            p = a;
            for (;;) {
                while (p < end && (bcls[*p] & B_WORD))
                    p++; /* every byte >= 0x80 is a word byte, ’ too */
                if (p + 1 < end && (bcls[p[1]] & B_WORD) &&
                    (*p == '\'' || ((*p == '.' || *p == ',') && (bcls[p[1]] & B_DIGIT)))) {
                    if (*p == '\'' && !ap)
                        ap = p;
                    p++; /* it's, 3.5, 1,000 */
                } else {
                    break;
                }
            }
            names_scan(ns, a, p);
            size_t len = (size_t)(p - a);
            /* "don't" -> "do" "n't"; "it's" -> "it" "'s" */
            ns->words++;
            if (len > 3 && p[-3] == 'n' && p[-2] == '\'' && p[-1] == 't') {
                ns->words++;
                push_tok(u, (const char *)a, len - 3);
                push_tok(u, "n't", 3);
            } else if (ap) { /* ap > a: the word starts with a word byte */
                push_tok(u, (const char *)a, (size_t)(ap - a));
                push_tok(u, (const char *)ap, (size_t)(p - ap));
            } else {
                push_tok(u, (const char *)a, len);
            }
        } else {
            /* one byte; a NUL byte makes the token "" (its length is what
             * strlen reads of it) */
            push_tok(u, (const char *)p, *p ? 1 : 0);
            names_scan(ns, p, p + 1);
            p++;
        }
    }
    return 0;
}

static int is_punct_tok(const char *t)
{
    if (t[0] == '\'' && t[1]) /* "'s", "'re": a clitic, not punctuation */
        return 0;
    return !is_word_byte((unsigned char)t[0]);
}

static int all_digits(const char *t)
{
    if (!*t)
        return 0;
    for (; *t; t++)
        if (!a_digit((unsigned char)*t) && *t != '.' && *t != ',')
            return 0;
    return 1;
}

/* What the cue lexicon's value says (argue_cues: "cue", "modal", ...). */
enum {
    CUE_META = 1 << 0, CUE_PAST = 1 << 1, CUE_COMMON = 1 << 2, CUE_CUE = 1 << 3,
    CUE_MODAL = 1 << 4, CUE_FIRST = 1 << 5, CUE_SECOND = 1 << 6, CUE_NEGATION = 1 << 7,
    CUE_REPORT = 1 << 8, CUE_EXAMPLE = 1 << 9, CUE_STATISTIC = 1 << 10
};

static unsigned cue_class(const char *c)
{
    static const struct { const char *name; unsigned bit; } cls[] = {
        {"meta", CUE_META}, {"past", CUE_PAST}, {"common_ground", CUE_COMMON}, {"cue", CUE_CUE},
        {"modal", CUE_MODAL}, {"first_person", CUE_FIRST}, {"second_person", CUE_SECOND},
        {"negation", CUE_NEGATION}, {"report", CUE_REPORT}, {"example", CUE_EXAMPLE},
        {"statistic", CUE_STATISTIC},
    };
    for (size_t i = 0; i < sizeof cls / sizeof cls[0]; i++)
        if (!strcmp(c, cls[i].name))
            return cls[i].bit;
    return 0;
}

/* The signal of a discourse marker found inside a unit (not at its start),
 * or NULL: the plain words that are markers only at the start are left out. */
static const char *marker_inside(const am_lex_entry *e)
{
    static const char *const plain[] = {"and", "as", "for", "so", "still", "also", "first", "yes"};
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
        if (!strcmp(e->key, plain[i]))
            return NULL;
    const char *s = am_argue_signal(e->value);
    if (s && (!strcmp(s, "attack") || !strcmp(s, "premise") || !strcmp(s, "conclusion") ||
              !strcmp(s, "concession")))
        return s;
    return NULL;
}

/* What a token says by itself, whatever its place. */
enum {
    W_PUNCT = 1 << 0, W_QUOTE = 1 << 1, W_PERCENT = 1 << 2, W_MONEY = 1 << 3,
    W_DIGITS = 1 << 4, W_YEAR = 1 << 5, W_NUMBER = 1 << 6, W_QMARK = 1 << 7,
    W_FACT = 1 << 8, W_PAST_ED = 1 << 9, W_EXCLAIM = 1 << 10, W_MONTH = 1 << 11,
    W_MAY_MARCH = 1 << 12, /* "may", "march": months only next to a number */
    /* lex_match may find something from this word: it is no punctuation,
     * short enough, and has an entry or opens a multi-word key */
    W_CUE_TRY = 1 << 13, W_DM_TRY = 1 << 14,
    /* a marker found from this word may count inside a unit: it has a
     * one-word or longer key with a signal marker_inside keeps */
    W_DM_IN = 1 << 15,
    /* the second word of some multi-word key of the cues / the markers:
     * a phrase can go on with this word (lex_match) */
    W_CUE_2ND = 1 << 16, W_DM_2ND = 1 << 17
};

/* The flags info_flags acts on: a token without any adds nothing. */
#define W_INFO (W_MONTH | W_QUOTE | W_PERCENT | W_MONEY | W_DIGITS | W_QMARK | W_FACT | \
                W_PAST_ED | W_EXCLAIM | W_CUE_TRY)

/* A distinct word of the text, looked up once however often it comes:
 * its one-word entries in the cue and marker lexicons (none for
 * punctuation, which lex_match never looks up), how many words the longest
 * key opening with it has, and its flags. */
struct am_fword {
    uint32_t w_idx;            /* the feature "w=WORD" */
    fname b_pre;               /* "b=WORD_" hashed, for the bigrams it opens */
    const am_lex_entry *cue, *dm;
    const char *dm_inside;     /* marker_inside(dm) */
    unsigned cue_bits;         /* cue_class(cue->value) */
    unsigned flags;            /* W_* */
    uint32_t cue_words, dm_words;
};

/* A lexicon as lex_match reads it: the entries, and the hashes of every
 * word prefix of two or more words of its multi-word keys, so that a phrase
 * is looked up only when some key starts with it. */
typedef struct {
    const am_lexicon *lex;
    uint32_t *pre; /* open addressing of hash | 1 (0 empty) */
    size_t pre_mask;
} lexview;

static void pre_add(lexview *lv, uint32_t h)
{
    size_t at = h & lv->pre_mask;
    h |= 1;
    while (lv->pre[at] && lv->pre[at] != h)
        at = (at + 1) & lv->pre_mask;
    lv->pre[at] = h;
}

/* May a key of lv start with the words hashed h? (A false yes costs a
 * lookup; a false no cannot happen.) */
static int pre_has(const lexview *lv, uint32_t h)
{
    size_t at = h & lv->pre_mask;
    h |= 1;
    for (; lv->pre[at]; at = (at + 1) & lv->pre_mask)
        if (lv->pre[at] == h)
            return 1;
    return 0;
}

static int lexview_init(lexview *lv, const am_lexicon *lex)
{
    lv->lex = lex;
    size_t count = 0;
    for (size_t i = 0; lex && i < lex->entries.len; i++) {
        const char *sp = strchr(lex->entries.items[i].key, ' ');
        for (; sp; sp = strchr(sp + 1, ' '))
            count++;
    }
    size_t slots = 16;
    while (slots < 2 * count)
        slots *= 2;
    if (!(lv->pre = calloc(slots, sizeof *lv->pre)))
        return am_err_nomem();
    lv->pre_mask = slots - 1;
    for (size_t i = 0; lex && i < lex->entries.len; i++) {
        const unsigned char *k = (const unsigned char *)lex->entries.items[i].key;
        if (!strchr((const char *)k, ' '))
            continue; /* one word: no phrase to look for */
        uint32_t h = 2166136261u;
        int spaces = 0;
        for (size_t j = 0;; j++) {
            if ((k[j] == ' ' || !k[j]) && spaces) /* the words before j, two or more */
                pre_add(lv, h);
            if (!k[j])
                break;
            spaces += k[j] == ' ';
            h ^= k[j] >= 'A' && k[j] <= 'Z' ? (unsigned char)(k[j] + 32) : k[j];
            h *= 16777619u;
        }
    }
    return 0;
}

/* The tokens of one unit, and the text's words. */
typedef struct {
    char *const *tok;
    const am_ftok *ft;
    const struct am_fword *words;
    size_t n;
} toks;

#define PHRASE_MAX 128

/* The longest lexicon entry made of tokens [i, i + k); its k, or 0. Keys of
 * one word come from the word's record (one, the word's own entry); phrases
 * are hashed word by word and looked up only while some key starts with
 * them, then tried longest first - the entry the lookup of every phrase from
 * the longest possible down would find first. A phrase is its tokens joined
 * by spaces, in a buffer of PHRASE_MAX bytes; punctuation never takes part. */
static size_t lex_match(const lexview *lv, int dm, const toks *t, size_t i,
                        const am_lex_entry **hit)
{
    const am_lexicon *lex = lv->lex;
    if (!lex || i >= t->n)
        return 0;
    const struct am_fword *w = &t->words[t->ft[i].word];
    if (!(w->flags & (dm ? W_DM_TRY : W_CUE_TRY)))
        return 0;
    size_t maxw = lex->max_words ? lex->max_words : 1;
    size_t ww = dm ? w->dm_words : w->cue_words;
    if (maxw > 1 && ww < maxw)
        maxw = ww;
    uint32_t hk[PHRASE_MAX / 2];   /* a phrase of k words has 2k - 1 bytes or more */
    size_t lk[PHRASE_MAX / 2], nk = 0, len = t->ft[i].len;
    uint32_t h = t->ft[i].hash;
    for (size_t k = 2; k <= maxw && i + k <= t->n; k++) {
        const am_ftok *f = &t->ft[i + k - 1];
        unsigned ff = t->words[f->word].flags;
        if (len + f->len + 2 >= PHRASE_MAX || (ff & W_PUNCT))
            break; /* and so every longer phrase */
        if (k == 2 && !(ff & (dm ? W_DM_2ND : W_CUE_2ND)))
            break; /* no key has this word second: no key starts with the two */
        /* continue the FNV-1a of the phrase: a space, then the (lower-case) token */
        h ^= ' ';
        h *= 16777619u;
        for (const unsigned char *p = (const unsigned char *)t->tok[i + k - 1]; *p; p++) {
            h ^= *p;
            h *= 16777619u;
        }
        len += 1 + f->len;
        if (!pre_has(lv, h))
            break;
        hk[nk] = h;
        lk[nk++] = len;
    }
    if (nk) {
        char buf[PHRASE_MAX];
        size_t bl = 0;
        for (size_t k = 0; k < nk + 1; k++) {
            if (k)
                buf[bl++] = ' ';
            memcpy(buf + bl, t->tok[i + k], t->ft[i + k].len);
            bl += t->ft[i + k].len;
        }
        for (size_t k = nk; k-- > 0;) {
            const am_lex_entry *e = am_lex_find_ci_h(lex, buf, lk[k], hk[k]);
            if (e) {
                *hit = e;
                return k + 2;
            }
        }
    }
    const am_lex_entry *e = dm ? w->dm : w->cue;
    if (e) {
        *hit = e;
        return 1;
    }
    return 0;
}

/* What the unit's tokens say; and the first marker inside it that
 * marker_inside keeps, looked for from token dm_from on (info_markers). */
static void info_flags(am_unit_info *u, const lexview *cues, const lexview *dm, size_t dm_from,
                       const toks *tk)
{
    size_t n = tk->n;
    for (size_t i = 0; i < n; i++) {
        const struct am_fword *w = &tk->words[tk->ft[i].word];
        unsigned f = w->flags;
        if (!(f & (W_INFO | W_DM_IN)))
            continue;
        /* a word without W_DM_IN finds no marker marker_inside keeps */
        const am_lex_entry *e3 = NULL;
        if ((f & W_DM_IN) && i >= dm_from && !u->marker_in && lex_match(dm, 1, tk, i, &e3))
            u->marker_in = e3 == w->dm ? w->dm_inside : marker_inside(e3);
        if (!(f & W_INFO))
            continue;
        const am_lex_entry *e = NULL;
        if ((f & W_CUE_TRY) && lex_match(cues, 0, tk, i, &e)) {
            unsigned c = e == w->cue ? w->cue_bits : cue_class(e->value);
            u->meta |= (c & CUE_META) && i == 0;
            u->past |= !!(c & CUE_PAST);
            u->common |= !!(c & CUE_COMMON);
            if (c & CUE_CUE) {
                u->cue_start |= i < 4;
                u->cue_end |= i + 4 >= n;
            }
            u->modal |= !!(c & CUE_MODAL);
            u->first_person |= !!(c & CUE_FIRST);
            u->second_person |= !!(c & CUE_SECOND);
            u->negation |= !!(c & CUE_NEGATION);
            u->cue |= !!(c & CUE_CUE);
            u->report_word |= !!(c & CUE_REPORT);
            u->example_word |= !!(c & CUE_EXAMPLE);
            u->money |= !!(c & CUE_STATISTIC);
        }
        /* "may" and "march" are months only next to a number ("March 6") */
        if ((f & W_MONTH) &&
            (!(f & W_MAY_MARCH) ||
             (i + 1 < n && (tk->words[tk->ft[i + 1].word].flags & W_DIGITS)) ||
             (i > 0 && (tk->words[tk->ft[i - 1].word].flags & W_DIGITS))))
            u->month = 1;
        if (f & W_QUOTE) {
            u->quote_chars++;
            u->quote_first |= i == 0;
            u->quote_last |= i + 1 == n || (i + 2 == n && is_punct_tok(tk->tok[n - 1]));
        }
        if (f & W_PERCENT)
            u->percent = 1;
        if (f & W_MONEY)
            u->money = 1;
        if (f & W_DIGITS) {
            u->digits = 1;
            if (f & W_YEAR)
                u->year = 1;
            else
                u->number = 1;
        }
        if (f & W_QMARK)
            u->question = 1;
        if (f & W_FACT)
            u->fact = 1;
        if (f & W_PAST_ED)
            u->past = 1;
        if (f & W_EXCLAIM)
            u->exclaim = 1;
    }
}

/* The marker at the start of the unit (after punctuation); returns the
 * token after it, where info_flags starts to look for one inside. */
static size_t info_markers(am_unit_info *u, const lexview *dm, const toks *tk)
{
    size_t n = tk->n, i = 0;
    while (i < n && (tk->words[tk->ft[i].word].flags & W_PUNCT))
        i++;
    const am_lex_entry *e = NULL;
    size_t k = lex_match(dm, 1, tk, i, &e);
    if (k) {
        u->marker = am_argue_signal(e->value);
        size_t kl = strlen(e->key); /* as snprintf "%s" cuts it */
        if (kl > sizeof u->marker_text - 1)
            kl = sizeof u->marker_text - 1;
        memcpy(u->marker_text, e->key, kl);
        u->marker_text[kl] = '\0';
        /* "And yet", "But still": the second marker decides the sign */
        const am_lex_entry *e2 = NULL;
        if (u->marker && !strcmp(u->marker, "addition") && lex_match(dm, 1, tk, i + k, &e2)) {
            const char *s2 = am_argue_signal(e2->value);
            if (s2 && strcmp(s2, "addition"))
                u->marker = s2;
        }
    }
    return i + (k ? k : 1);
}

/* t (of length len) is the string lit */
#define IS(t, len, lit) ((len) == sizeof lit - 1 && !memcmp((t), lit, sizeof lit - 1))

/* The pair features whose names take few values (each part below has a
 * small range: d in -6..6, positions first/mid/last, markers as
 * signal_names, flags 0/1), hashed once with the model (pair_init): their
 * offsets in the table, and the number of entries of each. */
enum {
    P_BIAS, P_D = P_BIAS + 1, P_DIR = P_D + 13, P_ADJ = P_DIR + 2, P_IPOS = P_ADJ + 1,
    P_JPOS = P_IPOS + 3, P_IPOS_JPOS = P_JPOS + 3, P_JPOS_D = P_IPOS_JPOS + 9,
    P_IDX = P_JPOS_D + 39, P_N_D = P_IDX + 49, P_M_DIR = P_N_D + 143,
    P_M_D = P_M_DIR + NSIG * 2, P_JM_DIR = P_M_D + NSIG * 13, P_JM_D = P_JM_DIR + NSIG * 2,
    P_M_JM_DIR = P_JM_D + NSIG * 13, P_NEXT_JM = P_M_JM_DIR + NSIG * NSIG * 2,
    P_MI_DIR = P_NEXT_JM + NSIG, P_JMI_DIR = P_MI_DIR + NSIG * 2,
    P_MODAL = P_JMI_DIR + NSIG * 2, P_Q = P_MODAL + 4, P_FP = P_Q + 4,
    P_IQUOTE_DIR = P_FP + 4, P_SAME_SOURCE = P_IQUOTE_DIR + 2, P_OVERLAP = P_SAME_SOURCE + 1,
    P_SAME_PARA = P_OVERLAP + 4, P_SP_JPF_D = P_SAME_PARA + 2, P_OP_JPF_JPARA = P_SP_JPF_D + 26,
    P_SAME_SENT = P_OP_JPF_JPARA + 8, P_BETWEEN_DIR = P_SAME_SENT + 2,
    NPAIR = P_BETWEEN_DIR + 2
};

static const char *const dir_names[2] = {"back", "fwd"};
static const char *const pos_names[3] = {"first", "mid", "last"};

/* The table, spelled as am_feat_pair spelled each name before (one loop per
 * feature, over the values it takes). */
static void pair_init(uint32_t *t)
{
    t[P_BIAS] = s3_idx("bias", NULL, NULL);
    for (int d = -6; d <= 6; d++)
        t[P_D + d + 6] = sd_idx("d=", NULL, NULL, d);
    for (int r = 0; r < 2; r++) {
        t[P_DIR + r] = s3_idx("dir=", dir_names[r], NULL);
        t[P_IQUOTE_DIR + r] = s3_idx("iquote|dir=", dir_names[r], NULL);
        t[P_BETWEEN_DIR + r] = s3_idx("between_attack|dir=", dir_names[r], NULL);
    }
    t[P_ADJ] = s3_idx("adjacent", NULL, NULL);
    t[P_SAME_SOURCE] = s3_idx("same_source", NULL, NULL);
    for (int p = 0; p < 3; p++) {
        t[P_IPOS + p] = s3_idx("ipos=", pos_names[p], NULL);
        t[P_JPOS + p] = s3_idx("jpos=", pos_names[p], NULL);
        for (int q = 0; q < 3; q++)
            t[P_IPOS_JPOS + p * 3 + q] =
                s6_idx("ipos=", pos_names[p], "|jpos=", pos_names[q], NULL, NULL);
        for (int d = -6; d <= 6; d++)
            t[P_JPOS_D + p * 13 + d + 6] = sd_idx("jpos=", pos_names[p], "|d=", d);
    }
    for (size_t i = 0; i <= 6; i++)
        for (size_t j = 0; j <= 6; j++) {
            fname f = fn_start();
            fn_s(&f, "iidx=");
            fn_u(&f, i);
            fn_s(&f, "|jidx=");
            fn_u(&f, j);
            t[P_IDX + i * 7 + j] = fn_idx(&f);
        }
    for (size_t n = 0; n <= 10; n++)
        for (int d = -6; d <= 6; d++) {
            fname f = fn_start();
            fn_s(&f, "n=");
            fn_u(&f, n);
            fn_s(&f, "|d=");
            fn_sd(&f, d);
            t[P_N_D + n * 13 + (size_t)(d + 6)] = fn_idx(&f);
        }
    for (int m = 0; m < NSIG; m++) {
        const char *sn = signal_names[m];
        for (int r = 0; r < 2; r++) {
            t[P_M_DIR + m * 2 + r] = s6_idx("m=", sn, "|dir=", dir_names[r], NULL, NULL);
            t[P_JM_DIR + m * 2 + r] = s6_idx("jm=", sn, "|dir=", dir_names[r], NULL, NULL);
            t[P_MI_DIR + m * 2 + r] = s6_idx("mi=", sn, "|dir=", dir_names[r], NULL, NULL);
            t[P_JMI_DIR + m * 2 + r] = s6_idx("jmi=", sn, "|dir=", dir_names[r], NULL, NULL);
            for (int m2 = 0; m2 < NSIG; m2++)
                t[P_M_JM_DIR + (m * NSIG + m2) * 2 + r] =
                    s6_idx("m=", sn, "|jm=", signal_names[m2], "|dir=", dir_names[r]);
        }
        for (int d = -6; d <= 6; d++) {
            t[P_M_D + m * 13 + d + 6] = sd_idx("m=", sn, "|d=", d);
            t[P_JM_D + m * 13 + d + 6] = sd_idx("jm=", sn, "|d=", d);
        }
        t[P_NEXT_JM + m] = s3_idx("next_is_target|jm=", sn, NULL);
    }
    for (int x = 0; x < 2; x++)
        for (int y = 0; y < 2; y++) {
            t[P_MODAL + x * 2 + y] = dd_idx("imodal=", x, "|jmodal=", y);
            t[P_Q + x * 2 + y] = dd_idx("iq=", x, "|jq=", y);
            t[P_FP + x * 2 + y] = dd_idx("ifp=", x, "|jfp=", y);
        }
    for (size_t k = 0; k < 4; k++) {
        fname f = fn_start();
        fn_s(&f, "overlap=");
        fn_u(&f, k);
        t[P_OVERLAP + k] = fn_idx(&f);
    }
    for (int x = 0; x < 2; x++) {
        fname f = fn_start();
        fn_s(&f, "same_para=");
        fn_d(&f, x);
        t[P_SAME_PARA + x] = fn_idx(&f);
        f = fn_start();
        fn_s(&f, "same_sentence=");
        fn_d(&f, x);
        t[P_SAME_SENT + x] = fn_idx(&f);
        for (int d = -6; d <= 6; d++) {
            f = fn_start();
            fn_s(&f, "same_para|jpfirst=");
            fn_d(&f, x);
            fn_s(&f, "|d=");
            fn_sd(&f, d);
            t[P_SP_JPF_D + x * 13 + d + 6] = fn_idx(&f);
        }
        for (size_t p = 0; p < 4; p++) {
            f = fn_start();
            fn_s(&f, "other_para|jpfirst=");
            fn_d(&f, x);
            fn_s(&f, "|jpara=");
            fn_u(&f, p);
            t[P_OP_JPF_JPARA + x * 4 + p] = fn_idx(&f);
        }
    }
}

/* What the lexicons say of one word: the lookups word_init needs. dm_in:
 * some key of the markers that starts with the word has a signal that
 * marker_inside keeps (1 when not known, for a lexicon looked up directly). */
typedef struct {
    const am_lex_entry *cue, *dm;
    uint32_t cue_words, dm_words;
    int month, dm_in;
    int cue_2nd, dm_2nd; /* the second word of a key (1 when not known) */
} flex_word;

/* The tables the feature context reads of the lexicons, built once with
 * the model (am_flex_build): the multi-word keys' prefixes, the flag and
 * place features' indices, and what the lookups give for every word that
 * opens a key of the cue, marker or month lexicon - for any other word
 * they give nothing, so a word costs one probe instead of five lookups. */
struct am_flex {
    const am_lexicon *cues_lex, *dm_lex, *months_lex;
    lexview cues, dm;
    uint32_t fixed[NFIXED];
    uint32_t pair[NPAIR];
    int direct;       /* a lexicon without hash tables: look words up directly */
    char **word;      /* the words, ASCII lower case, owned */
    uint32_t *whash;
    flex_word *info;
    size_t nw;
    uint32_t *slot;   /* word index + 1, 0 empty */
    size_t mask;
};

/* The lookups themselves (h: am_lex_hash_ci of t). */
static void flex_direct(const struct am_flex *fx, const char *t, uint32_t len, uint32_t h,
                        flex_word *out)
{
    out->cue = am_lex_find_ci_h(fx->cues_lex, t, len, h);
    out->cue_words = (uint32_t)am_lex_multi_words_ci_h(fx->cues_lex, t, len, h);
    out->dm = am_lex_find_ci_h(fx->dm_lex, t, len, h);
    out->dm_words = (uint32_t)am_lex_multi_words_ci_h(fx->dm_lex, t, len, h);
    out->month = fx->months_lex && am_lex_find_ci_h(fx->months_lex, t, len, h);
    out->dm_in = 1;
    out->cue_2nd = out->dm_2nd = 1;
}

static void flex_lookup(const struct am_flex *fx, const char *t, uint32_t len, uint32_t h,
                        flex_word *out)
{
    if (fx->direct) {
        flex_direct(fx, t, len, h, out);
        return;
    }
    /* t is lower case (ASCII): it equals a folded key when the bytes do */
    for (size_t at = h & fx->mask; fx->slot[at]; at = (at + 1) & fx->mask) {
        size_t k = fx->slot[at] - 1;
        if (fx->whash[k] == h && !strncmp(fx->word[k], t, len) && !fx->word[k][len]) {
            *out = fx->info[k];
            return;
        }
    }
    flex_word none = {NULL, NULL, 1, 1, 0, 0, 0, 0};
    *out = none;
}

/* The record of a word (its first token t). */
static void word_init(struct am_fword *w, const char *t, const am_ftok *f,
                      const struct am_flex *fx)
{
    memset(w, 0, sizeof *w);
    fname f1 = fn_start();
    fn_s(&f1, "w=");
    w->b_pre = fn_start();
    fn_s(&w->b_pre, "b=");
    if (f->len + 3 <= FNAME_MAX) {
        /* "w=WORD" and "b=WORD_" in one pass over the word, as fn_sn
         * hashes each (no cut: both stay under FNAME_MAX bytes) */
        uint32_t hw = f1.h, hb = w->b_pre.h;
        for (uint32_t i = 0; i < f->len; i++) {
            unsigned char ch = (unsigned char)t[i];
            hw = (hw ^ ch) * 16777619u;
            hb = (hb ^ ch) * 16777619u;
        }
        f1.h = hw;
        w->b_pre.h = hb;
        w->b_pre.n += f->len;
    } else {
        fn_sn(&f1, t, f->len);
        fn_sn(&w->b_pre, t, f->len);
    }
    w->w_idx = (f1.h & (AM_FEAT_DIM - 1)) + 1;
    fn_s(&w->b_pre, "_");
    if (is_punct_tok(t))
        w->flags |= W_PUNCT;
    flex_word fw;
    flex_lookup(fx, t, f->len, f->hash, &fw);
    w->cue = fw.cue;
    w->cue_bits = w->cue ? cue_class(w->cue->value) : 0;
    w->cue_words = fw.cue_words;
    w->dm = fw.dm;
    w->dm_inside = w->dm ? marker_inside(w->dm) : NULL;
    w->dm_words = fw.dm_words;
    if (fw.month)
        w->flags |= W_MONTH;
    if (fw.cue_2nd)
        w->flags |= W_CUE_2ND;
    if (fw.dm_2nd)
        w->flags |= W_DM_2ND;
    size_t tl = f->len;
    if (bcls[(unsigned char)t[0]] & B_ALPHA) {
        /* the words below that start with a letter */
        if (IS(t, tl, "may") || IS(t, tl, "march"))
            w->flags |= W_MAY_MARCH;
        if (IS(t, tl, "fact"))
            w->flags |= W_FACT;
    } else {
        /* and those that do not (all_digits starts with a digit, '.' or ',') */
        if (IS(t, tl, "\""))
            w->flags |= W_QUOTE;
        if (IS(t, tl, "%"))
            w->flags |= W_PERCENT;
        if (IS(t, tl, "$") || IS(t, tl, "\xe2\x82\xac") || IS(t, tl, "\xc2\xa3"))
            w->flags |= W_MONEY;
        if (all_digits(t)) {
            w->flags |= W_DIGITS;
            if (tl == 4 && (t[0] == '1' || t[0] == '2') && !strchr(t, '.') && !strchr(t, ','))
                w->flags |= W_YEAR;
            else
                w->flags |= W_NUMBER;
        }
        if (IS(t, tl, "?"))
            w->flags |= W_QMARK;
    }
    if (tl > 4 && t[tl - 2] == 'e' && t[tl - 1] == 'd' && !IS(t, tl, "need") &&
        !IS(t, tl, "indeed"))
        w->flags |= W_PAST_ED;
    if (IS(t, tl, "!"))
        w->flags |= W_EXCLAIM;
    /* a phrase holding a token too long for the buffer, or punctuation,
     * is never looked up (see lex_match) */
    if (!(w->flags & W_PUNCT) && f->len + 2 < PHRASE_MAX) {
        if (w->cue || w->cue_words > 1)
            w->flags |= W_CUE_TRY;
        if (w->dm || w->dm_words > 1)
            w->flags |= W_DM_TRY | (fw.dm_in ? W_DM_IN : 0);
    }
}

/* Give every token its distinct word (a hash table of the words by the
 * tokens' hashes) and look each word up once; and its pointer in c->tok. */
static int find_words(am_fctx *c, const struct am_flex *fx)
{
    size_t slots = 16;
    while (slots < 2 * c->ntok)
        slots *= 2;
    uint32_t *slot = calloc(slots, sizeof *slot); /* a word's first token + 1, 0 empty */
    c->words = malloc((c->ntok ? c->ntok : 1) * sizeof *c->words);
    if (!slot || !c->words) {
        free(slot);
        return am_err_nomem();
    }
    size_t mask = slots - 1, nw = 0;
    for (size_t t = 0; t < c->ntok; t++) {
        am_ftok *f = &c->ft[t];
        c->tok[t] = c->text + f->off;
        size_t at = f->hash & mask;
        const am_ftok *g = NULL;
        for (; slot[at]; at = (at + 1) & mask) {
            g = &c->ft[slot[at] - 1];
            if (g->hash == f->hash && g->len == f->len &&
                !memcmp(c->text + g->off, c->text + f->off, f->len))
                break;
        }
        if (slot[at]) {
            f->word = g->word; /* the first token's word */
        } else {
            word_init(&c->words[nw], c->text + f->off, f, fx);
            f->word = (uint32_t)nw++;
            slot[at] = (uint32_t)t + 1;
        }
    }
    c->nwords = nw;
    free(slot);
    return 0;
}

/* Quotation marks seen so far in a paragraph: the state of a scan that
 * moves forward unit by unit, so the whole text is read once. */
typedef struct {
    size_t para, pos;
    int ascii, open, valid;
} qscan;

/* Does the unit start inside a quotation opened earlier in its paragraph?
 * Counted on the document text, so quotation marks outside any unit count. */
static int in_quote(const am_map *map, const am_unit *un, qscan *st)
{
    const am_document *doc = map->doc;
    if (un->paragraph >= doc->blocks.len ||
        doc->blocks.items[un->paragraph].span.start > un->span.start)
        return 0;
    if (!st->valid || st->para != un->paragraph || st->pos > un->span.start) {
        st->valid = 1;
        st->para = un->paragraph;
        st->pos = doc->blocks.items[un->paragraph].span.start;
        st->ascii = st->open = 0;
    }
    const unsigned char *t = (const unsigned char *)doc->text;
    int ascii = st->ascii, open = st->open;
    size_t p = st->pos;
    for (; p < un->span.start; p++) {
        /* eight bytes at a time while none is '"', 0xC2 or 0xE2, the bytes
         * that may open a quotation mark (a word has a zero byte after the
         * xor exactly when (w - 0x01..) & ~w & 0x80.. is not zero) */
        while (p + 8 <= un->span.start) {
            uint64_t w;
            memcpy(&w, t + p, 8);
            const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
            uint64_t a = w ^ (ones * '"'), b = w ^ (ones * 0xC2), d = w ^ (ones * 0xE2);
            if ((((a - ones) & ~a) | ((b - ones) & ~b) | ((d - ones) & ~d)) & highs)
                break;
            p += 8;
        }
        if (p >= un->span.start)
            break;
        if (!(bcls[t[p]] & B_QUOTE)) /* none of '"', 0xC2, 0xE2 */
            continue;
        if (t[p] == '"')
            ascii ^= 1;
        else if (p + 2 < un->span.start && t[p] == 0xE2 && t[p + 1] == 0x80) {
            if (t[p + 2] == 0x9C)
                open++;
            else if (t[p + 2] == 0x9D && open > 0)
                open--;
        } else if (p + 1 < un->span.start && t[p] == 0xC2) {
            if (t[p + 1] == 0xAB)
                open++;
            else if (t[p + 1] == 0xBB && open > 0)
                open--;
        }
    }
    st->pos = p;
    st->ascii = ascii;
    st->open = open;
    return ascii || open > 0;
}

void am_flex_free(struct am_flex *fx)
{
    if (!fx)
        return;
    free(fx->cues.pre);
    free(fx->dm.pre);
    for (size_t k = 0; k < fx->nw; k++)
        free(fx->word[k]);
    free(fx->word);
    free(fx->whash);
    free(fx->info);
    free(fx->slot);
    free(fx);
}

/* Add the first word of key (ASCII-folded) to fx's words, once. */
static int flex_add(struct am_flex *fx, const char *key, size_t *cap)
{
    size_t len = strcspn(key, " ");
    uint32_t h = am_lex_hash_ci(key, len);
    for (size_t at = h & fx->mask; fx->slot[at]; at = (at + 1) & fx->mask) {
        size_t k = fx->slot[at] - 1;
        if (fx->whash[k] == h && !strncasecmp(fx->word[k], key, len) && !fx->word[k][len])
            return 0;
    }
    if (fx->nw == *cap)
        return am_err(AM_ELIMIT, "features: more lexicon words than keys");
    char *w = malloc(len + 1);
    if (!w)
        return am_err_nomem();
    for (size_t i = 0; i < len; i++)
        w[i] = key[i] >= 'A' && key[i] <= 'Z' ? (char)(key[i] + 32) : key[i];
    w[len] = '\0';
    size_t at = h & fx->mask;
    while (fx->slot[at])
        at = (at + 1) & fx->mask;
    fx->word[fx->nw] = w;
    fx->whash[fx->nw] = h;
    fx->slot[at] = (uint32_t)++fx->nw;
    return 0;
}

/* The table's index of the word key opens (up to a space), or -1. */
static long flex_find(const struct am_flex *fx, const char *key)
{
    size_t len = strcspn(key, " ");
    uint32_t h = am_lex_hash_ci(key, len);
    for (size_t at = h & fx->mask; fx->slot[at]; at = (at + 1) & fx->mask) {
        size_t k = fx->slot[at] - 1;
        if (fx->whash[k] == h && !strncasecmp(fx->word[k], key, len) && !fx->word[k][len])
            return (long)k;
    }
    return -1;
}

int am_flex_build(struct am_flex **out, const am_model *model)
{
    *out = NULL;
    struct am_flex *fx = calloc(1, sizeof *fx);
    if (!fx)
        return am_err_nomem();
    fx->cues_lex = am_model_lexicon(model, "argue_cues");
    fx->dm_lex = am_model_lexicon(model, "discourse_markers");
    fx->months_lex = am_model_lexicon(model, "months");
    fixed_init(fx->fixed);
    fixed_init_markers(fx->fixed);
    pair_init(fx->pair);
    const am_lexicon *lex[3] = {fx->cues_lex, fx->dm_lex, fx->months_lex};
    size_t keys = 0;
    for (int l = 0; l < 3; l++) {
        if (lex[l] && (!lex[l]->fold_hash || !lex[l]->first_hash))
            fx->direct = 1; /* built by hand: no table can stand for its lookups */
        keys += lex[l] ? lex[l]->entries.len : 0;
    }
    keys *= 2; /* the words: the first and the second of each key */
    size_t slots = 16;
    while (slots < 2 * keys)
        slots *= 2;
    int err = 0;
    if ((err = lexview_init(&fx->cues, fx->cues_lex)) < 0 ||
        (err = lexview_init(&fx->dm, fx->dm_lex)) < 0)
        goto done;
    fx->word = malloc((keys ? keys : 1) * sizeof *fx->word);
    fx->whash = malloc((keys ? keys : 1) * sizeof *fx->whash);
    fx->info = malloc((keys ? keys : 1) * sizeof *fx->info);
    fx->slot = calloc(slots, sizeof *fx->slot);
    fx->mask = slots - 1;
    if (!fx->word || !fx->whash || !fx->info || !fx->slot) {
        err = am_err_nomem();
        goto done;
    }
    /* every word a lookup can find something for: a one-word key, or the
     * first word of a longer one */
    for (int l = 0; l < 3 && !fx->direct; l++)
        for (size_t i = 0; lex[l] && i < lex[l]->entries.len; i++) {
            const char *key = lex[l]->entries.items[i].key, *sp = strchr(key, ' ');
            if ((err = flex_add(fx, key, &keys)) < 0 ||
                (sp && (err = flex_add(fx, sp + 1, &keys)) < 0))
                goto done;
        }
    for (size_t k = 0; k < fx->nw; k++) {
        flex_direct(fx, fx->word[k], (uint32_t)strlen(fx->word[k]), fx->whash[k], &fx->info[k]);
        fx->info[k].dm_in = fx->info[k].cue_2nd = fx->info[k].dm_2nd = 0;
    }
    /* the second words of the multi-word keys */
    for (int l = 0; l < 2 && !fx->direct; l++)
        for (size_t i = 0; lex[l] && i < lex[l]->entries.len; i++) {
            const char *sp = strchr(lex[l]->entries.items[i].key, ' ');
            long k = sp ? flex_find(fx, sp + 1) : -1;
            if (k >= 0 && l == 0)
                fx->info[k].cue_2nd = 1;
            else if (k >= 0)
                fx->info[k].dm_2nd = 1;
        }
    /* the first words of the markers that may count inside a unit */
    for (size_t i = 0; !fx->direct && fx->dm_lex && i < fx->dm_lex->entries.len; i++) {
        const am_lex_entry *e = &fx->dm_lex->entries.items[i];
        if (!marker_inside(e))
            continue;
        long k = flex_find(fx, e->key);
        if (k >= 0)
            fx->info[k].dm_in = 1;
    }
done:
    if (err < 0) {
        am_flex_free(fx);
        return err;
    }
    *out = fx;
    return 0;
}

void am_fctx_free(am_fctx *c)
{
    if (!c)
        return;
    free(c->u);
    free(c->text);
    free(c->tok);
    free(c->ft);
    free(c->words);
    am_flex_free(c->own_flex);
    memset(c, 0, sizeof *c);
}

int am_fctx_init(am_fctx *c, const am_map *map)
{
    memset(c, 0, sizeof *c);
    c->map = map;
    c->n = map->units.len;
    if (!c->n)
        return 0;
    if (!(c->u = calloc(c->n, sizeof *c->u)))
        return am_err_nomem();
    const char *text = map->doc->text;
    tokacc acc = {0};
    int err = 0;
    /* the model's tables, or (weights lent without them) tables of our own */
    const am_weights *w = am_argue_weights(map->model);
    const struct am_flex *fx = w ? w->flex : NULL;
    if (!fx || fx->cues_lex != am_model_lexicon(map->model, "argue_cues") ||
        fx->dm_lex != am_model_lexicon(map->model, "discourse_markers") ||
        fx->months_lex != am_model_lexicon(map->model, "months")) {
        if ((err = am_flex_build(&c->own_flex, map->model)) < 0) {
            am_fctx_free(c);
            return err;
        }
        fx = c->own_flex;
    }
    c->fixed = fx->fixed;
    c->pfixed = fx->pair;
    /* the tokens of every unit, then their words */
    for (size_t i = 0; i < c->n && err == 0; i++) {
        const am_unit *un = &map->units.items[i];
        c->u[i].tok0 = acc.t.len;
        nscan ns = {0, 1, 0, 0};
        err = tokenize_into(&acc, acc.t.len, text + un->span.start, un->span.end - un->span.start,
                            &ns);
        c->u[i].proper = ns.count;
        c->u[i].word_tokens = ns.words;
        c->u[i].tokens.len = acc.t.len - c->u[i].tok0;
    }
    c->text = acc.buf;
    c->ft = acc.t.items;
    c->ntok = acc.t.len;
    if (err < 0)
        goto done;
    if (!(c->tok = malloc((c->ntok ? c->ntok : 1) * sizeof *c->tok))) {
        err = am_err_nomem();
        goto done;
    }
    if ((err = find_words(c, fx)) < 0)
        goto done;
    size_t para_index = 0;
    qscan qs = {0, 0, 0, 0, 0};
    for (size_t i = 0; i < c->n; i++) {
        const am_unit *un = &map->units.items[i];
        am_unit_info *u = &c->u[i];
        u->tokens.items = c->tok + u->tok0; /* lent: the context owns the tokens */
        toks tk = {u->tokens.items, c->ft + u->tok0, c->words, u->tokens.len};
        size_t dm_from = info_markers(u, &fx->dm, &tk);
        info_flags(u, &fx->cues, &fx->dm, dm_from, &tk);
        u->in_quote = in_quote(map, un, &qs);
        u->marker_id = signal_id(u->marker);
        u->marker_in_id = signal_id(u->marker_in);
        u->question |= un->question;
        if (i > 0 && un->paragraph != map->units.items[i - 1].paragraph)
            para_index++;
        u->para_index = para_index;
        u->para_first = i == 0 || un->paragraph != map->units.items[i - 1].paragraph;
        u->para_last = i + 1 == c->n || un->paragraph != map->units.items[i + 1].paragraph;
        u->flag_bits = flag_bits(u);
    }
done:
    if (err < 0)
        am_fctx_free(c);
    return err;
}

/* The shared context and the fingerprint of what it was built from. */
typedef struct {
    am_fctx c;
    uint64_t key;
} fctx_cache;

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v;
    h *= 1099511628211ull;
    return h ^ (h >> 29);
}

static uint64_t fctx_key(const am_map *map)
{
    uint64_t h = 14695981039346656037ull;
    h = mix(h, (uint64_t)(uintptr_t)map->doc);
    h = mix(h, (uint64_t)(uintptr_t)map->model);
    h = mix(h, (uint64_t)(uintptr_t)map->units.items);
    h = mix(h, map->units.len);
    for (size_t i = 0; i < map->units.len; i++) {
        const am_unit *u = &map->units.items[i];
        h = mix(h, u->span.start);
        h = mix(h, u->span.end);
        h = mix(h, u->paragraph);
        h = mix(h, u->sentence);
        h = mix(h, (uint64_t)u->question);
    }
    return h;
}

static void fctx_cache_free(void *p)
{
    fctx_cache *fc = p;
    am_fctx_free(&fc->c);
    free(fc);
}

void am_fctx_release(am_map *map)
{
    if (map->argue_cache && map->argue_cache_free == fctx_cache_free) {
        fctx_cache_free(map->argue_cache);
        map->argue_cache = NULL;
        map->argue_cache_free = NULL;
    }
}

int am_fctx_shared(am_map *map, const am_fctx **out)
{
    uint64_t key = fctx_key(map);
    fctx_cache *fc = map->argue_cache_free == fctx_cache_free ? map->argue_cache : NULL;
    if (fc && fc->key == key) {
        *out = &fc->c;
        return 0;
    }
    am_fctx_release(map);
    if (!(fc = calloc(1, sizeof *fc)))
        return am_err_nomem();
    int err = am_fctx_init(&fc->c, map);
    if (err < 0) {
        free(fc);
        return err;
    }
    fc->key = key;
    map->argue_cache = fc;
    map->argue_cache_free = fctx_cache_free;
    *out = &fc->c;
    return 0;
}

/* ----------------------------------------------------------- features */

static size_t cap(size_t v, size_t m)
{
    return v > m ? m : v;
}

/* The flags of a unit, with a prefix ("", "prev.", "next."): their
 * indices are hashed once per context (flags_init) and each unit pushes
 * those of the flags it has. The order of the pushes does not matter: the
 * vector is sorted. */
static void add_flags(am_fvec *v, const am_fctx *c, int pre, const am_unit_info *u,
                      const am_unit *un)
{
    /* the flags of u (flag_bits, set with the context) and of its unit */
    uint32_t on = u->flag_bits | (uint32_t)(un->quote >= 0) << F_HAS_QUOTE |
                  (uint32_t)(un->source >= 0) << F_HAS_SOURCE |
                  (uint32_t)(un->date >= 0) << F_HAS_DATE;
    const uint32_t *idx = c->fixed + (size_t)pre * NFLAGS;
    for (; on; on &= on - 1)
        fn_put_room(v, idx[am_low_bit(on)]);
    /* m=, mi= from the table (marker_id is the number of u->marker, 0 for
     * none, as "m=none" spells it), f1= continued from its prefix's state */
    const uint32_t *fx = c->fixed + 3 * NFLAGS;
    fn_put_room(v, fx[FX_M + (size_t)pre * NSIG + (size_t)u->marker_id]);
    if (u->marker_in)
        fn_put_room(v, fx[FX_MI + (size_t)pre * NSIG + (size_t)u->marker_in_id]);
    fname f = {fx[FX_F1 + pre], strlen(flag_prefix[pre]) + 3};
    if (u->tokens.len)
        fn_sn(&f, u->tokens.items[0], c->ft[u->tok0].len);
    else
        fn_s(&f, "<none>");
    fn_put_room(v, fn_idx(&f));
}

int am_feat_unit(const am_fctx *c, size_t i, am_fvec *v)
{
    size_t from = v->f.len;
    int err = am_feat_unit_raw(c, i, v);
    if (err < 0)
        return err;
    finish_ones(v, from);
    return 0;
}

int am_feat_unit_raw(const am_fctx *c, size_t i, am_fvec *v)
{
    const am_unit_info *u = &c->u[i];
    const am_unit *un = &c->map->units.items[i];
    size_t n = c->n;
    char **tok = u->tokens.items;
    size_t nt = u->tokens.len;
    /* room for every push below: 10 place features, 3 x (32 flags, m=,
     * mi=, f1=), mt=, w= and b= of each token, f2=, f3=, l1=, prev/next */
    if (AM_VEC_RESERVE(&v->f, 2 * nt + 128) < 0)
        return am_err_nomem();
    /* bias, pos=, idx=, fromend=, rpos=, n=, len=, para=, para_first,
     * para_last: from the context's table (flags_init) */
    const uint32_t *fx = c->fixed + 3 * NFLAGS;
    fn_put_room(v, fx[FX_BIAS]);
    fn_put_room(v, fx[FX_POS + (i == 0 ? 0 : i + 1 == n ? 2 : 1)]); /* as posname */
    fn_put_room(v, fx[FX_IDX + cap(i, 9)]);
    fn_put_room(v, fx[FX_FROMEND + cap(n - 1 - i, 9)]);
    fn_put_room(v, fx[FX_RPOS + (n > 1 ? (size_t)(4.0 * (double)i / (double)(n - 1) + 0.5) : 0)]);
    fn_put_room(v, fx[FX_N + cap(n, 12)]);
    fn_put_room(v, fx[FX_LEN + cap(nt / 5, 8)]);
    fn_put_room(v, fx[FX_PARA + cap(u->para_index, 5)]);
    if (u->para_first)
        fn_put_room(v, fx[FX_PARA_FIRST]);
    if (u->para_last)
        fn_put_room(v, fx[FX_PARA_LAST]);
    add_flags(v, c, 0, u, un);
    if (u->marker)
        feat3(v, "mt=", u->marker_text, NULL);
    /* w=WORD and b=WORD_NEXT, from the words' hashes of w=WORD and b=WORD_ */
    const am_ftok *ft = c->ft + u->tok0;
    for (size_t k = 0; k < nt; k++) {
        const struct am_fword *w = &c->words[ft[k].word];
        fn_put_room(v, w->w_idx);
        if (k + 1 < nt) {
            fname f = w->b_pre;
            fn_sn(&f, tok[k + 1], ft[k + 1].len);
            fn_put_room(v, fn_idx(&f));
        }
    }
    /* f2=, f3=, l1=: continued from their prefixes' states (3 bytes) */
    if (nt >= 2) {
        fname f = {fx[FX_F2], 3};
        fn_sn(&f, tok[0], ft[0].len);
        fn_c(&f, '_');
        fn_sn(&f, tok[1], ft[1].len);
        fn_put_room(v, fn_idx(&f));
    }
    if (nt >= 3) {
        fname f = {fx[FX_F3], 3};
        fn_sn(&f, tok[0], ft[0].len);
        fn_c(&f, '_');
        fn_sn(&f, tok[1], ft[1].len);
        fn_c(&f, '_');
        fn_sn(&f, tok[2], ft[2].len);
        fn_put_room(v, fn_idx(&f));
    }
    if (nt) { /* "l1=" and the last token, of known length */
        fname f = {fx[FX_L1], 3};
        fn_sn(&f, tok[nt - 1], ft[nt - 1].len);
        fn_put_room(v, fn_idx(&f));
    } else {
        feat3(v, "l1=", "<none>", NULL);
    }
    if (i > 0)
        add_flags(v, c, 1, &c->u[i - 1], &c->map->units.items[i - 1]);
    else
        fn_put_room(v, fx[FX_PREV_NONE]);
    if (i + 1 < n)
        add_flags(v, c, 2, &c->u[i + 1], &c->map->units.items[i + 1]);
    else
        fn_put_room(v, fx[FX_NEXT_NONE]);
    return v->oom ? am_err_nomem() : 0;
}

/* Content words shared by two units (lower-cased tokens of 4+ bytes; a
 * token of a counts once for each time it comes in a). Tokens are equal
 * when their words in the context are. */
static size_t overlap(const am_fctx *c, const am_unit_info *a, const am_unit_info *b)
{
    const am_ftok *fa = c->ft + a->tok0, *fb = c->ft + b->tok0;
    size_t k = 0;
    for (size_t i = 0; i < a->tokens.len; i++) {
        if (fa[i].len < 4)
            continue;
        for (size_t j = 0; j < b->tokens.len; j++)
            if (fa[i].word == fb[j].word) {
                k++;
                break;
            }
    }
    return k;
}

int am_feat_pair(const am_fctx *c, size_t i, size_t j, am_fvec *v)
{
    size_t from = v->f.len;
    int err = am_feat_pair_raw(c, i, j, v);
    if (err < 0)
        return err;
    finish_ones(v, from);
    return 0;
}

static int pos_of(size_t i, size_t n)
{
    return i == 0 ? 0 : i + 1 == n ? 2 : 1; /* as posname */
}

/* The pair features: from the table where a name takes few values; the
 * names with a unit's words in them are hashed here. */
int am_feat_pair_raw(const am_fctx *c, size_t i, size_t j, am_fvec *v)
{
    const am_unit_info *a = &c->u[i], *b = &c->u[j];
    const am_unit *ua = &c->map->units.items[i], *ub = &c->map->units.items[j];
    const uint32_t *t = c->pfixed;
    size_t n = c->n;
    long d = (long)j - (long)i;
    long dc = d > 6 ? 6 : d < -6 ? -6 : d;
    size_t di = (size_t)(dc + 6);
    int r = d < 0 ? 0 : 1;
    const char *dir = dir_names[r];
    int am = a->marker_id, bm = b->marker_id;
    const char *af = a->tokens.len ? a->tokens.items[0] : "<none>";
    const char *bf = b->tokens.len ? b->tokens.items[0] : "<none>";
    int ip = pos_of(i, n), jp = pos_of(j, n);
    if (AM_VEC_RESERVE(&v->f, 48) < 0) {
        v->oom = 1;
        return am_err_nomem();
    }
    fn_put(v, t[P_BIAS]);
    fn_put(v, t[P_D + di]);
    fn_put(v, t[P_DIR + r]);
    if (d == 1 || d == -1)
        fn_put(v, t[P_ADJ]);
    fn_put(v, t[P_IPOS + ip]);
    fn_put(v, t[P_JPOS + jp]);
    fn_put(v, t[P_IPOS_JPOS + ip * 3 + jp]);
    fn_put(v, t[P_JPOS_D + jp * 13 + di]);
    fn_put(v, t[P_IDX + cap(i, 6) * 7 + cap(j, 6)]);
    fn_put(v, t[P_N_D + cap(n, 10) * 13 + di]);
    fn_put(v, t[P_M_DIR + am * 2 + r]);
    fn_put(v, t[P_M_D + am * 13 + di]);
    fn_put(v, t[P_JM_DIR + bm * 2 + r]);
    fn_put(v, t[P_JM_D + bm * 13 + di]);
    fn_put(v, t[P_M_JM_DIR + (am * NSIG + bm) * 2 + r]);
    feat6(v, "f1=", af, "|dir=", dir, NULL, NULL);
    feat_sd(v, "f1=", af, "|d=", dc);
    feat6(v, "jf1=", bf, "|dir=", dir, NULL, NULL);
    if (a->marker)
        feat_sd(v, "mt=", a->marker_text, "|d=", dc);
    if (a->marker_in)
        fn_put(v, t[P_MI_DIR + a->marker_in_id * 2 + r]);
    if (b->marker_in)
        fn_put(v, t[P_JMI_DIR + b->marker_in_id * 2 + r]);
    if (d == 1 && i + 1 < n) /* what the unit after the source opens with */
        fn_put(v, t[P_NEXT_JM + bm]);
    fn_put(v, t[P_MODAL + a->modal * 2 + b->modal]); /* 0 or 1 each (|= of flags) */
    if ((a->question == 0 || a->question == 1) && (b->question == 0 || b->question == 1)) {
        fn_put(v, t[P_Q + a->question * 2 + b->question]);
    } else { /* a unit's question mark as the map has it */
        fname f = fn_start();
        fn_s(&f, "iq=");
        fn_d(&f, a->question);
        fn_s(&f, "|jq=");
        fn_d(&f, b->question);
        fn_add(v, &f);
    }
    if (a->first_person || b->first_person)
        fn_put(v, t[P_FP + a->first_person * 2 + b->first_person]);
    if (ua->quote >= 0 || a->quote_chars >= 2)
        fn_put(v, t[P_IQUOTE_DIR + r]);
    if (ua->source >= 0 && ub->source >= 0 && ua->source == ub->source)
        fn_put(v, t[P_SAME_SOURCE]);
    fn_put(v, t[P_OVERLAP + cap(overlap(c, a, b), 3)]);
    int same_para = ua->paragraph == ub->paragraph;
    fn_put(v, t[P_SAME_PARA + same_para]);
    if (same_para)
        fn_put(v, t[P_SP_JPF_D + b->para_first * 13 + di]);
    else
        fn_put(v, t[P_OP_JPF_JPARA + b->para_first * 4 + cap(b->para_index, 3)]);
    fn_put(v, t[P_SAME_SENT + (ua->sentence == ub->sentence)]);
    /* markers of the units between the two */
    size_t lo = i < j ? i : j, hi = i < j ? j : i;
    int between_attack = 0;
    for (size_t k = lo + 1; k < hi; k++)
        between_attack |= c->u[k].marker && !strcmp(c->u[k].marker, "attack");
    if (between_attack)
        fn_put(v, t[P_BETWEEN_DIR + r]);
    return v->oom ? am_err_nomem() : 0;
}
