/*
 * icu_sentences.c - ICU's sentence iterator as a baseline for argmap's own
 * splitter (engine/text/sentences.c). Not part of the library: built by
 * scripts/eval_sentences.py and scripts/bench_text.sh.
 *
 *   icu_sentences ends FILE...   for each file, one line "FILE<TAB>e1 e2 ...":
 *                                the byte offsets where ICU ends a sentence,
 *                                white space trimmed, paragraph by paragraph
 *                                (paragraphs at blank lines, as argmap's text
 *                                loader cuts them)
 *   icu_sentences bench FILE...  split each file, paragraph by paragraph,
 *                                and print "bytes seconds sentences": the bare
 *                                cost of ICU sentence splitting, including the
 *                                UTF-8 to UTF-16 conversion ICU needs
 *
 * The locale is "en@ss=standard": English rules with ICU's list of
 * abbreviations that do not end a sentence ("Mr.", "U.S.", ...).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/ubrk.h>
#include <unicode/ustring.h>

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, r;
    char *buf = malloc(cap);
    while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

static int is_blank_line(const char *s, size_t i, size_t n, size_t *next)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
        i++;
    if (i < n && s[i] == '\n') {
        *next = i + 1;
        return 1;
    }
    return 0;
}

typedef struct {
    UBreakIterator *bi;
    UChar *u;
    int32_t *map; /* UTF-16 index -> byte offset */
    size_t cap;
    size_t sentences;
} icu_t;

/* Split s[a, b) with ICU; print the sentence ends (byte offsets) when out. */
static int split(icu_t *st, const char *s, size_t a, size_t b, FILE *out)
{
    size_t n = b - a;
    if (n + 1 > st->cap) {
        st->cap = (n + 1) * 2;
        st->u = realloc(st->u, st->cap * sizeof *st->u);
        st->map = realloc(st->map, (st->cap + 1) * sizeof *st->map);
        if (!st->u || !st->map)
            return -1;
    }
    /* UTF-8 to UTF-16 with a map back to bytes. */
    int32_t k = 0;
    for (size_t i = a; i < b;) {
        unsigned char c = (unsigned char)s[i];
        size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        UChar32 cp;
        int32_t off = 0;
        U8_NEXT((const uint8_t *)s + i, off, (int32_t)(b - i), cp);
        if (cp < 0)
            cp = 0xFFFD;
        len = (size_t)off;
        st->map[k] = (int32_t)(i - a);
        if (cp > 0xFFFF) {
            st->u[k++] = U16_LEAD(cp);
            st->map[k] = (int32_t)(i - a);
            st->u[k++] = U16_TRAIL(cp);
        } else {
            st->u[k++] = (UChar)cp;
        }
        i += len;
    }
    st->map[k] = (int32_t)n;
    UErrorCode err = U_ZERO_ERROR;
    ubrk_setText(st->bi, st->u, k, &err);
    if (U_FAILURE(err))
        return -1;
    for (int32_t e = ubrk_next(st->bi); e != UBRK_DONE; e = ubrk_next(st->bi)) {
        size_t end = a + (size_t)st->map[e];
        while (end > a && (s[end - 1] == ' ' || s[end - 1] == '\n' || s[end - 1] == '\t' ||
                           s[end - 1] == '\r'))
            end--;
        st->sentences++;
        if (out)
            fprintf(out, " %zu", end);
    }
    return 0;
}

/* Every paragraph of s: runs of lines between blank lines, trimmed. */
static int each_paragraph(icu_t *st, const char *s, size_t n, FILE *out)
{
    size_t i = 0;
    while (i < n) {
        size_t next;
        while (i < n && is_blank_line(s, i, n, &next))
            i = next;
        while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
            i++;
        size_t a = i;
        while (i < n) { /* to the end of the paragraph */
            if (s[i] == '\n' && is_blank_line(s, i + 1, n, &next))
                break;
            i++;
        }
        size_t b = i;
        while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r' || s[b - 1] == '\n'))
            b--;
        if (b > a && split(st, s, a, b, out) < 0)
            return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3 || (strcmp(argv[1], "ends") && strcmp(argv[1], "bench"))) {
        fprintf(stderr, "usage: icu_sentences ends FILE... | bench FILE\n");
        return 2;
    }
    UErrorCode err = U_ZERO_ERROR;
    icu_t st = {0};
    st.bi = ubrk_open(UBRK_SENTENCE, "en@ss=standard", NULL, 0, &err);
    if (U_FAILURE(err)) {
        fprintf(stderr, "icu_sentences: ubrk_open: %s\n", u_errorName(err));
        return 1;
    }
    int rc = 0;
    for (int i = 2; i < argc && !rc; i++) {
        size_t n;
        char *s = slurp(argv[i], &n);
        if (!s) {
            fprintf(stderr, "icu_sentences: cannot read %s\n", argv[i]);
            rc = 1;
            break;
        }
        if (!strcmp(argv[1], "ends")) {
            printf("%s\t", argv[i]);
            rc = each_paragraph(&st, s, n, stdout) < 0;
            printf("\n");
        } else {
            struct timespec t0, t1;
            clock_gettime(CLOCK_MONOTONIC, &t0);
            rc = each_paragraph(&st, s, n, NULL) < 0;
            clock_gettime(CLOCK_MONOTONIC, &t1);
            printf("%zu %.6f %zu\n", n,
                   (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9, st.sentences);
        }
        free(s);
    }
    ubrk_close(st.bi);
    free(st.u);
    free(st.map);
    return rc;
}
