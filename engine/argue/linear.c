/*
 * linear.c - linear classifiers: training with liblinear, prediction, and
 * the text files under models/weights/.
 *
 * liblinear (L2-regularised logistic regression) does the training only.
 * Prediction is a sparse dot product here, so a model is a sorted list of
 * the feature rows that have weights and loading needs no liblinear
 * structures. The file is text, one row a line, written with %.9g, so the
 * same training data gives the same bytes and a diff shows what changed.
 *
 *   argmap-linear 1
 *   name at
 *   classes 2 1 0          (count, then the labels in column order)
 *   bias 0.12 -0.12
 *   rows 1234
 *   17 0.5 -0.5            (feature index, one weight per class)
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linear.h>

#include "../core/error.h"
#include "argue.h"

#define MAX_ROWS ((size_t)1 << 22)

void am_linear_free(am_linear *m)
{
    if (!m)
        return;
    free(m->rows);
    free(m->w);
    free(m->hrow);
    memset(m, 0, sizeof *m);
}

/* The row of feature idx, or -1: a search of rows[*from, nrows), galloping from *from (the features come
 * in increasing order, so the rows they hit do too); *from moves to the
 * first row >= idx. Same row as a binary search of all rows, in fewer steps. */
static long find_row_from(const am_linear *m, uint32_t idx, size_t *from)
{
    size_t lo = *from, step = 1, hi = lo;
    while (hi < m->nrows && m->rows[hi] < idx) { /* rows[lo..hi) < idx */
        lo = hi + 1;
        hi += step;
        step *= 2;
    }
    if (hi > m->nrows)
        hi = m->nrows;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->rows[mid] < idx)
            lo = mid + 1;
        else
            hi = mid;
    }
    *from = lo;
    return lo < m->nrows && m->rows[lo] == idx ? (long)lo : -1;
}

/* A feature index is already a hash (the low bits of FNV-1a of the
 * feature's name, plus one): its own low bits pick the slot. */
static inline size_t row_slot(uint32_t idx, size_t mask)
{
    return (size_t)idx & mask;
}

/* The row hash of a loaded model: a feature's row in one probe or two.
 * A slot is two words, the feature index and its row + 1 (0: empty), so
 * that a probe reads one cache line, not the slot and then rows[]. */
static int build_row_hash(am_linear *m)
{
    size_t slots = 16;
    while (slots < 2 * m->nrows)
        slots *= 2;
    if (!(m->hrow = calloc(2 * slots, sizeof *m->hrow)))
        return am_err_nomem();
    m->hmask = slots - 1;
    for (size_t r = 0; r < m->nrows; r++) {
        size_t at = row_slot(m->rows[r], m->hmask);
        while (m->hrow[2 * at + 1])
            at = (at + 1) & m->hmask;
        m->hrow[2 * at] = m->rows[r];
        m->hrow[2 * at + 1] = (uint32_t)r + 1;
    }
    return 0;
}

static inline long hash_row(const am_linear *m, uint32_t idx)
{
    for (size_t at = row_slot(idx, m->hmask); m->hrow[2 * at + 1]; at = (at + 1) & m->hmask)
        if (m->hrow[2 * at] == idx)
            return (long)m->hrow[2 * at + 1] - 1;
    return -1;
}

void am_linear_predict(const am_linear *m, const am_fvec *x, double *p)
{
    double dec[8], sum = 0;
    int k = m->nclass;
    for (int c = 0; c < k; c++)
        dec[c] = m->bias[c];
    /* the sums run over the features in their order either way */
    if (m->hrow) {
        for (size_t i = 0; i < x->f.len; i++) {
            long r = hash_row(m, x->f.items[i].idx);
            if (r < 0)
                continue;
            for (int c = 0; c < k; c++)
                dec[c] += m->w[(size_t)r * (size_t)k + (size_t)c] * x->f.items[i].val;
        }
    } else {
        size_t from = 0; /* x is sorted: each search starts where the last ended */
        for (size_t i = 0; i < x->f.len; i++) {
            if (i && x->f.items[i].idx < x->f.items[i - 1].idx)
                from = 0; /* not sorted after all */
            long r = find_row_from(m, x->f.items[i].idx, &from);
            if (r < 0)
                continue;
            for (int c = 0; c < k; c++)
                dec[c] += m->w[(size_t)r * (size_t)k + (size_t)c] * x->f.items[i].val;
        }
    }
    for (int c = 0; c < k; c++) {
        p[c] = 1.0 / (1.0 + exp(-dec[c]));
        sum += p[c];
    }
    for (int c = 0; c < k; c++)
        p[c] = sum > 0 ? p[c] / sum : 1.0 / k;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Sort n keys (feature index << 32 | row); a short run (a unit's hits,
 * ~50) by an insertion sort after dealing the keys into 32 buckets by the
 * top bits of the index (the bucket is monotone in the key). */
static void sort_hits(uint64_t *a, size_t n)
{
    enum { SHORT = 256, BUCKETS = 32 };
    if (n > SHORT) {
        qsort(a, n, sizeof *a, cmp_u64);
        return;
    }
    uint64_t tmp[SHORT];
    uint16_t at[BUCKETS + 1] = {0};
    /* index <= AM_FEAT_DIM (2^20): the bucket idx >> 15 is at most 32 */
    for (size_t i = 0; i < n; i++)
        at[a[i] >> (32 + AM_FEAT_BITS - 5)]++;
    for (size_t b = 0, sum = 0; b <= BUCKETS; b++) {
        size_t c = at[b];
        at[b] = (uint16_t)sum;
        sum += c;
    }
    for (size_t i = 0; i < n; i++)
        tmp[at[a[i] >> (32 + AM_FEAT_BITS - 5)]++] = a[i];
    for (size_t i = 0; i < n; i++) {
        uint64_t t = tmp[i];
        size_t j = i;
        while (j > 0 && a[j - 1] > t) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = t;
    }
}

/* Row r's weights added to dec (value 1): the sum per class, class by class. */
static inline void add_row(const am_linear *m, size_t r, double *dec)
{
    int k = m->nclass;
    const double *wr = m->w + r * (size_t)k;
    if (k == 2) {
        dec[0] += wr[0];
        dec[1] += wr[1];
        return;
    }
    for (int c = 0; c < k; c++)
        dec[c] += wr[c] * 1.0; /* the value, 1 */
}

/* A row map of at most ROWMAP_WORDS words (64 rows a word) stays on the
 * stack: the rows of a loaded model are in increasing order of their
 * feature index (am_linear_load refuses them otherwise), so reading the
 * rows hit in increasing row order is reading them in index order, and a
 * row hit twice is one bit, as am_fvec_finish merges a feature given
 * twice. A second level, one bit per word of the map, skips the words
 * without a bit. */
#define ROWMAP_WORDS 1024

int am_linear_predict_raw(const am_linear *m, const am_fvec *x, double *p, am_hits *hits)
{
    double dec[8], sum = 0;
    int k = m->nclass;
    if (AM_VEC_RESERVE(hits, x->f.len) < 0)
        return am_err_nomem();
    for (int c = 0; c < k; c++)
        dec[c] = m->bias[c];
    size_t nh = 0, words = (m->nrows + 63) / 64;
    if (m->hrow && words <= ROWMAP_WORDS && words <= 4 * x->f.len + 16) {
        /* few rows for the features: the rows hit marked in the row map
         * (and their words in top), read in row order, instead of a sort
         * (the same rows in the same order) */
        uint64_t map[ROWMAP_WORDS], top[ROWMAP_WORDS / 64];
        size_t ntop = (words + 63) / 64;
        memset(map, 0, words * sizeof *map);
        memset(top, 0, ntop * sizeof *top);
        const uint32_t *hrow = m->hrow;
        const size_t hmask = m->hmask;
        const am_feat *xf = x->f.items, *xend = xf + x->f.len;
        for (; xf < xend; xf++) { /* hash_row, with the table in locals */
            uint32_t idx = xf->idx;
            for (size_t at = row_slot(idx, hmask); hrow[2 * at + 1]; at = (at + 1) & hmask)
                if (hrow[2 * at] == idx) {
                    size_t r = hrow[2 * at + 1] - 1;
                    map[r >> 6] |= (uint64_t)1 << (r & 63);
                    top[r >> 12] |= (uint64_t)1 << ((r >> 6) & 63);
                    break;
                }
        }
        hits->len = 0;
        if (k == 2) { /* the sums in two locals: the same additions in the same order */
            double d0 = dec[0], d1 = dec[1];
            for (size_t ti = 0; ti < ntop; ti++)
                for (uint64_t t = top[ti]; t; t &= t - 1) {
                    size_t wi = ti * 64 + am_low_bit(t);
                    for (uint64_t b = map[wi]; b; b &= b - 1) {
                        const double *wr = m->w + 2 * (wi * 64 + am_low_bit(b));
                        d0 += wr[0];
                        d1 += wr[1];
                    }
                }
            dec[0] = d0;
            dec[1] = d1;
            goto probs;
        }
        for (size_t ti = 0; ti < ntop; ti++)
            for (uint64_t t = top[ti]; t; t &= t - 1) {
                size_t wi = ti * 64 + am_low_bit(t);
                for (uint64_t b = map[wi]; b; b &= b - 1)
                    add_row(m, wi * 64 + am_low_bit(b), dec);
            }
        goto probs;
    }
    if (m->hrow) {
        for (size_t i = 0; i < x->f.len; i++) {
            uint32_t idx = x->f.items[i].idx;
            long r = hash_row(m, idx);
            if (r >= 0)
                hits->items[nh++] = (uint64_t)idx << 32 | (uint64_t)r;
        }
    } else {
        for (size_t i = 0; i < x->f.len; i++) {
            uint32_t idx = x->f.items[i].idx;
            size_t from = 0; /* x is in no order: search all rows */
            long r = find_row_from(m, idx, &from);
            if (r >= 0)
                hits->items[nh++] = (uint64_t)idx << 32 | (uint64_t)r;
        }
    }
    hits->len = nh;
    sort_hits(hits->items, hits->len);
    for (size_t i = 0; i < hits->len; i++) {
        if (i && hits->items[i] == hits->items[i - 1])
            continue; /* a feature twice: once, as am_fvec_finish merges it */
        add_row(m, (uint32_t)hits->items[i], dec);
    }
probs:
    for (int c = 0; c < k; c++) {
        p[c] = 1.0 / (1.0 + exp(-dec[c]));
        sum += p[c];
    }
    for (int c = 0; c < k; c++)
        p[c] = sum > 0 ? p[c] / sum : 1.0 / k;
    return 0;
}

int am_linear_save(const am_linear *m, const char *path)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f)
        return am_err(AM_EIO, "%s: cannot write: %s", tmp, strerror(errno));
    fprintf(f, "argmap-linear 1\nname %s\nclasses %d", m->name, m->nclass);
    for (int c = 0; c < m->nclass; c++)
        fprintf(f, " %d", m->labels[c]);
    fprintf(f, "\nbias");
    for (int c = 0; c < m->nclass; c++)
        fprintf(f, " %.9g", m->bias[c]);
    fprintf(f, "\nrows %zu\n", m->nrows);
    for (size_t r = 0; r < m->nrows; r++) {
        fprintf(f, "%u", m->rows[r]);
        for (int c = 0; c < m->nclass; c++)
            fprintf(f, " %.9g", m->w[r * (size_t)m->nclass + (size_t)c]);
        fputc('\n', f);
    }
    int bad = ferror(f);
    if (fclose(f) != 0 || bad) {
        remove(tmp);
        return am_err(AM_EIO, "%s: write error", tmp);
    }
    if (rename(tmp, path) != 0) {
        remove(tmp);
        return am_err(AM_EIO, "%s: cannot rename into place: %s", path, strerror(errno));
    }
    return 0;
}

/* strtod, with a fast path for the short decimals the files hold (%.9g):
 * with at most 15 significant digits the digits make an exact integer m,
 * and with a power of ten k of at most 22 both m and 10^k are exact
 * doubles, so one IEEE multiplication or division gives the correctly
 * rounded value - the very double strtod returns (Clinger's fast path).
 * Anything else (more digits, hex, inf, a bare "1e") goes to strtod. */
static double parse_weight(const char *s, char **end)
{
    static const double p10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                 1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    const char *p = s;
    while (*p == ' ' || *p == '\t')
        p++;
    int neg = *p == '-';
    if (*p == '-' || *p == '+')
        p++;
    /* the digits: leading zeros are not significant; mant may wrap past
     * 15 significant digits, but then strtod decides */
    unsigned long long mant = 0;
    long scale = 0;
    const char *d0 = p;
    while (*p == '0')
        p++;
    const char *ib = p;
    for (; *p >= '0' && *p <= '9'; p++)
        mant = mant * 10 + (unsigned)(*p - '0');
    size_t sig = (size_t)(p - ib), digits = (size_t)(p - d0);
    if (*p == '.') {
        const char *fb = ++p;
        if (!sig)
            while (*p == '0') /* 0.000123: zeros before the first digit */
                p++;
        const char *fs = p;
        for (; *p >= '0' && *p <= '9'; p++)
            mant = mant * 10 + (unsigned)(*p - '0');
        sig += (size_t)(p - fs);
        digits += (size_t)(p - fb);
        scale = -(long)(p - fb);
    }
    if (sig > 15)
        return strtod(s, end);
    if (!digits || *p == 'x' || *p == 'X')
        return strtod(s, end);
    if (*p == 'e' || *p == 'E') {
        const char *q = p + 1;
        int eneg = *q == '-';
        if (*q == '-' || *q == '+')
            q++;
        if (*q < '0' || *q > '9')
            return strtod(s, end);
        long e = 0;
        for (; *q >= '0' && *q <= '9'; q++) {
            e = e * 10 + (*q - '0');
            if (e > 1000)
                return strtod(s, end);
        }
        scale += eneg ? -e : e;
        p = q;
    }
    double v;
    if (mant == 0)
        v = 0.0;
    else if (scale >= 0 && scale <= 22)
        v = (double)mant * p10[scale];
    else if (scale < 0 && scale >= -22)
        v = (double)mant / p10[-scale];
    else
        return strtod(s, end);
    *end = (char *)p;
    return neg ? -v : v;
}

/* The whole file, read at once (lines are then cut in place): getline per
 * row and strtoul were a third of loading a model. */
#define MAX_MODEL_BYTES ((size_t)1 << 30)

static int read_all(FILE *f, const char *path, char **out, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        return am_err_nomem();
    for (;;) {
        if (cap - n < 2) {
            if (cap >= MAX_MODEL_BYTES) {
                free(buf);
                return am_err(AM_ELIMIT, "%s: larger than %zu bytes", path, MAX_MODEL_BYTES);
            }
            char *p = realloc(buf, cap * 2);
            if (!p) {
                free(buf);
                return am_err_nomem();
            }
            buf = p;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        free(buf);
        return am_err(AM_EIO, "%s: read error", path);
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 0;
}

/* The next line of data[0, size) from *pos, its newline made a NUL (the
 * bytes a getline would give, parsed the same way), or NULL at the end. */
static char *next_line(char *data, size_t size, size_t *pos)
{
    if (*pos >= size)
        return NULL;
    char *line = data + *pos;
    char *nl = memchr(line, '\n', size - *pos);
    if (nl) {
        *nl = '\0';
        *pos = (size_t)(nl - data) + 1;
    } else {
        *pos = size;
    }
    return line;
}

/* strtoul(s, end, 10) for the plain decimal indices of the files; anything
 * else (a sign, spaces, 20 digits or more) goes to strtoul. */
static unsigned long parse_index(const char *s, char **end)
{
    unsigned long v = 0;
    const char *p = s;
    if (*p < '0' || *p > '9')
        return strtoul(s, end, 10);
    for (; *p >= '0' && *p <= '9'; p++) {
        if (p - s >= 18)
            return strtoul(s, end, 10);
        v = v * 10 + (unsigned long)(*p - '0');
    }
    *end = (char *)p;
    return v;
}

int am_linear_load(am_linear *m, const char *path)
{
    int err = 0;
    char *line = NULL, *data = NULL;
    size_t lineno = 0, size = 0, pos = 0;
    memset(m, 0, sizeof *m);
    FILE *f = fopen(path, "r");
    if (!f)
        return am_err(AM_EIO, "%s: cannot open: %s", path, strerror(errno));
#define BAD(what) do { err = am_err(AM_EPARSE, "%s:%zu: %s", path, lineno, what); goto done; } while (0)
    if ((err = read_all(f, path, &data, &size)) < 0)
        goto done;
    int version = 0;
    lineno++;
    if (!(line = next_line(data, size, &pos)) || sscanf(line, "argmap-linear %d", &version) != 1 ||
        version != 1)
        BAD("not an argmap-linear 1 model");
    lineno++;
    if (!(line = next_line(data, size, &pos)) || sscanf(line, "name %31s", m->name) != 1)
        BAD("expected 'name NAME'");
    lineno++;
    if (!(line = next_line(data, size, &pos)))
        BAD("expected 'classes'");
    {
        char *p = line, *e;
        if (strncmp(p, "classes ", 8))
            BAD("expected 'classes N L1 L2 ...'");
        p += 8;
        long k = strtol(p, &e, 10);
        if (e == p || k < 2 || k > 8)
            BAD("the class count must be 2 to 8");
        m->nclass = (int)k;
        for (int c = 0; c < m->nclass; c++) {
            p = e;
            long l = strtol(p, &e, 10);
            if (e == p)
                BAD("missing class label");
            m->labels[c] = (int)l;
        }
    }
    lineno++;
    if (!(line = next_line(data, size, &pos)) || strncmp(line, "bias ", 5))
        BAD("expected 'bias'");
    {
        char *p = line + 5, *e;
        for (int c = 0; c < m->nclass; c++) {
            m->bias[c] = parse_weight(p, &e);
            if (e == p || !isfinite(m->bias[c]))
                BAD("bad bias value");
            p = e;
        }
    }
    lineno++;
    if (!(line = next_line(data, size, &pos)) || sscanf(line, "rows %zu", &m->nrows) != 1)
        BAD("expected 'rows N'");
    if (m->nrows > MAX_ROWS)
        BAD("too many rows");
    m->rows = malloc((m->nrows ? m->nrows : 1) * sizeof *m->rows);
    m->w = malloc((m->nrows ? m->nrows : 1) * (size_t)m->nclass * sizeof *m->w);
    if (!m->rows || !m->w) {
        err = am_err_nomem();
        goto done;
    }
    for (size_t r = 0; r < m->nrows; r++) {
        lineno++;
        if (!(line = next_line(data, size, &pos)))
            BAD("fewer rows than announced");
        char *p = line, *e;
        unsigned long idx = parse_index(p, &e);
        if (e == p || idx == 0 || idx > AM_FEAT_DIM || (r && idx <= m->rows[r - 1]))
            BAD("bad or unsorted feature index");
        m->rows[r] = (uint32_t)idx;
        for (int c = 0; c < m->nclass; c++) {
            p = e;
            double w = parse_weight(p, &e);
            if (e == p || !isfinite(w))
                BAD("bad weight");
            m->w[r * (size_t)m->nclass + (size_t)c] = w;
        }
    }
    err = build_row_hash(m);
#undef BAD
done:
    free(data);
    fclose(f);
    if (err < 0)
        am_linear_free(m);
    return err;
}

static void quiet(const char *s)
{
    (void)s;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Index of idx in the sorted array; it is there. */
static size_t dense_of(const uint32_t *ids, size_t n, uint32_t idx)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ids[mid] < idx)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int am_linear_train(am_linear *m, const char *name, const am_fvec *xs, const int *ys,
                    size_t n, int nclass, const int *labels, double C, int balanced)
{
    int err = 0;
    uint32_t *ids = NULL;
    struct feature_node *space = NULL;
    struct feature_node **x = NULL;
    double *y = NULL, *cw = NULL;
    int *wl = NULL;
    struct model *mod = NULL;
    size_t total = 0, nid = 0;
    memset(m, 0, sizeof *m);
    if (n == 0 || nclass < 2 || nclass > 8)
        return am_err(AM_EINVAL, "train %s: no examples or a bad class count", name);
    for (size_t i = 0; i < n; i++)
        total += xs[i].f.len;
    /* map the hashed indices to a dense range: liblinear's cost grows with it */
    if (!(ids = malloc((total ? total : 1) * sizeof *ids))) {
        err = am_err_nomem();
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < xs[i].f.len; k++)
            ids[nid++] = xs[i].f.items[k].idx;
    qsort(ids, nid, sizeof *ids, cmp_u32);
    size_t u = 0;
    for (size_t i = 0; i < nid; i++)
        if (!u || ids[u - 1] != ids[i])
            ids[u++] = ids[i];
    nid = u;
    space = malloc((total + 2 * n) * sizeof *space);
    x = malloc(n * sizeof *x);
    y = malloc(n * sizeof *y);
    cw = malloc((size_t)nclass * sizeof *cw);
    wl = malloc((size_t)nclass * sizeof *wl);
    if (!space || !x || !y || !cw || !wl) {
        err = am_err_nomem();
        goto done;
    }
    size_t pos = 0;
    for (size_t i = 0; i < n; i++) {
        x[i] = space + pos;
        for (size_t k = 0; k < xs[i].f.len; k++) {
            space[pos].index = (int)dense_of(ids, nid, xs[i].f.items[k].idx) + 1;
            space[pos++].value = xs[i].f.items[k].val;
        }
        space[pos].index = (int)nid + 1; /* the bias feature */
        space[pos++].value = 1.0;
        space[pos].index = -1;
        space[pos++].value = 0;
        y[i] = ys[i];
    }
    for (int c = 0; c < nclass; c++) {
        size_t cnt = 0;
        for (size_t i = 0; i < n; i++)
            cnt += ys[i] == labels[c];
        wl[c] = labels[c];
        cw[c] = balanced && cnt ? (double)n / ((double)nclass * (double)cnt) : 1.0;
    }
    struct problem prob = {(int)n, (int)nid + 1, y, x, 1.0};
    struct parameter param;
    memset(&param, 0, sizeof param);
    param.solver_type = L2R_LR;
    param.eps = 0.01;
    param.C = C;
    param.nr_weight = nclass;
    param.weight_label = wl;
    param.weight = cw;
    const char *why = check_parameter(&prob, &param);
    if (why) {
        err = am_err(AM_EINVAL, "train %s: %s", name, why);
        goto done;
    }
    set_print_string_function(quiet);
    if (!(mod = train(&prob, &param))) {
        err = am_err_nomem();
        goto done;
    }
    snprintf(m->name, sizeof m->name, "%s", name);
    m->nclass = nclass;
    int mlabels[8] = {0}, mk = get_nr_class(mod);
    get_labels(mod, mlabels);
    m->rows = malloc((nid ? nid : 1) * sizeof *m->rows);
    m->w = calloc((nid ? nid : 1) * (size_t)nclass, sizeof *m->w);
    if (!m->rows || !m->w) {
        err = am_err_nomem();
        goto done;
    }
    for (int c = 0; c < nclass; c++) {
        m->labels[c] = labels[c];
        int li = -1;
        for (int k = 0; k < mk; k++)
            if (mlabels[k] == labels[c])
                li = k;
        if (li < 0 || (mk == 1)) { /* a class never seen in training */
            m->bias[c] = li < 0 ? -30.0 : 30.0;
            continue;
        }
        m->bias[c] = get_decfun_bias(mod, li);
        for (size_t r = 0; r < nid; r++)
            m->w[r * (size_t)nclass + (size_t)c] = get_decfun_coef(mod, (int)r + 1, li);
    }
    /* keep the rows with any weight */
    size_t kept = 0;
    for (size_t r = 0; r < nid; r++) {
        int any = 0;
        for (int c = 0; c < nclass; c++)
            any |= m->w[r * (size_t)nclass + (size_t)c] != 0.0;
        if (!any)
            continue;
        m->rows[kept] = ids[r];
        memmove(m->w + kept * (size_t)nclass, m->w + r * (size_t)nclass,
                (size_t)nclass * sizeof *m->w);
        kept++;
    }
    m->nrows = kept;
done:
    if (mod)
        free_and_destroy_model(&mod);
    free(ids);
    free(space);
    free(x);
    free(y);
    free(cw);
    free(wl);
    if (err < 0)
        am_linear_free(m);
    return err;
}
