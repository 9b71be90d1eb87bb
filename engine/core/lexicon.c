/*
 * lexicon.c - loading models/: every lexicons/NAME.txt file into a sorted
 * array that is searched by binary search, plus hash tables of the
 * case-folded keys and of the first words of multi-word keys, built at
 * load, for the case-insensitive lookups every token makes.
 *
 * Word lists live as data, not as arrays in C, so that they can be read,
 * reviewed and extended without a rebuild.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "lexicon.h"
#include "../argue/argue.h"
#include "../text/utf8.h"

static int cmp_entry(const void *a, const void *b)
{
    const am_lex_entry *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    return x->line < y->line ? -1 : x->line > y->line;
}

/* ASCII lower case, as strcasecmp folds in the C locale. */
static inline unsigned char fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* FNV-1a of the folded bytes s[0, n). */
static uint32_t fold_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= fold((unsigned char)s[i]);
        h *= 16777619u;
    }
    return h;
}

/* Index the folded entries by hash. Entries whose keys fold to the same
 * string are consecutive in folded (by line); the first one wins, as the
 * binary search's lower bound would find it. */
static int build_fold_hash(am_lexicon *lex)
{
    size_t slots = 16;
    while (slots < 2 * lex->folded.len)
        slots *= 2;
    if (!(lex->fold_hash = calloc(slots, sizeof *lex->fold_hash)))
        return am_err_nomem();
    lex->fold_mask = slots - 1;
    for (size_t i = 0; i < lex->folded.len; i++) {
        const char *key = lex->folded.items[i]->key;
        size_t n = strlen(key);
        uint32_t h = fold_hash(key, n);
        size_t at = h & lex->fold_mask;
        int dup = 0;
        while (lex->fold_hash[at].index) {
            const struct am_lex_slot *sl = &lex->fold_hash[at];
            if (sl->hash == h && !strcasecmp(lex->folded.items[sl->index - 1]->key, key)) {
                dup = 1;
                break;
            }
            at = (at + 1) & lex->fold_mask;
        }
        if (!dup) {
            lex->fold_hash[at].hash = h;
            lex->fold_hash[at].index = (uint32_t)i + 1;
        }
    }
    /* first words of multi-word keys: slot index = the entry, whose key's
     * first word is the one hashed */
    if (!(lex->first_hash = calloc(slots, sizeof *lex->first_hash)) ||
        !(lex->first_words = calloc(slots, 1)))
        return am_err_nomem();
    lex->first_mask = slots - 1;
    for (size_t i = 0; i < lex->folded.len; i++) {
        const char *key = lex->folded.items[i]->key;
        const char *sp = strchr(key, ' ');
        if (!sp)
            continue;
        size_t n = (size_t)(sp - key);
        uint32_t h = fold_hash(key, n);
        size_t at = h & lex->first_mask;
        size_t words = 1; /* counted as max_words counts them */
        for (const char *p = key; *p; p++)
            words += *p == ' ';
        if (words > 255)
            words = 255;
        while (lex->first_hash[at].index) {
            const struct am_lex_slot *sl = &lex->first_hash[at];
            if (sl->hash == h && !strncasecmp(lex->folded.items[sl->index - 1]->key, key, n + 1))
                break;
            at = (at + 1) & lex->first_mask;
        }
        if (!lex->first_hash[at].index) {
            lex->first_hash[at].hash = h;
            lex->first_hash[at].index = (uint32_t)i + 1;
        }
        if (words > lex->first_words[at])
            lex->first_words[at] = (unsigned char)words;
    }
    return 0;
}

uint32_t am_lex_hash_ci(const char *s, size_t n)
{
    return fold_hash(s, n);
}

int am_lex_multi_ci(const am_lexicon *lex, const char *s, size_t n)
{
    return am_lex_multi_ci_h(lex, s, n, lex && lex->first_hash ? fold_hash(s, n) : 0);
}

int am_lex_multi_ci_h(const am_lexicon *lex, const char *s, size_t n, uint32_t h)
{
    return am_lex_multi_words_ci_h(lex, s, n, h) > 1;
}

/* The slot of the first-word table that holds s[0, n) (hash h) as the
 * first word of a key of two or more words, or SIZE_MAX when none does. */
static size_t first_slot(const am_lexicon *lex, const char *s, size_t n, uint32_t h)
{
    for (size_t at = h & lex->first_mask; lex->first_hash[at].index;
         at = (at + 1) & lex->first_mask) {
        if (lex->first_hash[at].hash != h)
            continue;
        const unsigned char *k =
            (const unsigned char *)lex->folded.items[lex->first_hash[at].index - 1]->key;
        size_t i = 0;
        while (i < n && k[i] && fold(k[i]) == fold((unsigned char)s[i]))
            i++;
        if (i == n && k[n] == ' ')
            return at;
    }
    return SIZE_MAX;
}

size_t am_lex_multi_words_ci_h(const am_lexicon *lex, const char *s, size_t n, uint32_t h)
{
    if (!lex)
        return 1;
    if (!lex->first_hash)
        return lex->max_words > 1 ? lex->max_words : 2;
    size_t at = first_slot(lex, s, n, h);
    return at == SIZE_MAX ? 1 : lex->first_words[at];
}

static int cmp_folded(const void *a, const void *b)
{
    const am_lex_entry *x = *(am_lex_entry *const *)a, *y = *(am_lex_entry *const *)b;
    int c = strcasecmp(x->key, y->key);
    if (c)
        return c;
    return x->line < y->line ? -1 : x->line > y->line;
}

void am_lexicon_clear(am_lexicon *lex)
{
    if (!lex)
        return;
    for (size_t i = 0; i < lex->entries.len; i++) {
        free(lex->entries.items[i].key);
        free(lex->entries.items[i].value);
    }
    AM_VEC_FREE(&lex->entries);
    AM_VEC_FREE(&lex->folded);
    free(lex->fold_hash);
    lex->fold_hash = NULL;
    free(lex->first_hash);
    lex->first_hash = NULL;
    free(lex->first_words);
    lex->first_words = NULL;
    free(lex->name);
    lex->name = NULL;
}

int am_lexicon_load(am_lexicon *lex, const char *path, const char *name)
{
    int err = 0;
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    memset(lex, 0, sizeof *lex);
    FILE *f = fopen(path, "r");
    if (!f)
        return am_err(AM_EIO, "%s: cannot open: %s", path, strerror(errno));
    if (!(lex->name = strdup(name))) {
        err = am_err_nomem();
        goto done;
    }
    ssize_t n;
    while ((n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        size_t bad;
        if (!am_utf8_valid(line, (size_t)n, &bad)) {
            err = am_err(AM_EPARSE, "%s:%zu: invalid UTF-8", path, lineno);
            goto done;
        }
        if (n == 0 || line[0] == '#')
            continue;
        char *tab = strchr(line, '\t');
        if (tab)
            *tab = '\0';
        if (!line[0])
            continue;
        am_lex_entry *e = AM_VEC_PUSH(&lex->entries);
        if (!e) {
            err = am_err_nomem();
            goto done;
        }
        e->line = lineno;
        e->key = strdup(line);
        e->value = strdup(tab ? tab + 1 : "");
        if (!e->key || !e->value) {
            err = am_err_nomem();
            goto done;
        }
        size_t words = 1;
        for (const char *p = e->key; *p; p++)
            words += *p == ' ';
        if (words > lex->max_words)
            lex->max_words = words;
    }
    if (ferror(f)) {
        err = am_err(AM_EIO, "%s: read error", path);
        goto done;
    }
    qsort(lex->entries.items, lex->entries.len, sizeof *lex->entries.items, cmp_entry);
    if (AM_VEC_RESERVE(&lex->folded, lex->entries.len) < 0) {
        err = am_err_nomem();
        goto done;
    }
    for (size_t i = 0; i < lex->entries.len; i++)
        lex->folded.items[lex->folded.len++] = &lex->entries.items[i];
    qsort(lex->folded.items, lex->folded.len, sizeof *lex->folded.items, cmp_folded);
    if (lex->folded.len >= UINT32_MAX) {
        err = am_err(AM_EPARSE, "%s: too many entries", path);
        goto done;
    }
    err = build_fold_hash(lex);
done:
    free(line);
    fclose(f);
    if (err < 0)
        am_lexicon_clear(lex);
    return err;
}

/* Compare key with s[0, n) as strcmp would compare key with that string. */
static int keycmp(const char *key, const char *s, size_t n, int fold)
{
    int c = fold ? strncasecmp(key, s, n) : strncmp(key, s, n);
    if (c)
        return c;
    return key[n] ? 1 : 0;
}

const am_lex_entry *am_lex_find(const am_lexicon *lex, const char *s, size_t n)
{
    if (!lex)
        return NULL;
    size_t lo = 0, hi = lex->entries.len;
    while (lo < hi) { /* the first entry >= s */
        size_t mid = lo + (hi - lo) / 2;
        if (keycmp(lex->entries.items[mid].key, s, n, 0) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < lex->entries.len && keycmp(lex->entries.items[lo].key, s, n, 0) == 0)
        return &lex->entries.items[lo];
    return NULL;
}

const am_lex_entry *am_lex_find_ci(const am_lexicon *lex, const char *s, size_t n)
{
    return am_lex_find_ci_h(lex, s, n, lex && lex->fold_hash ? fold_hash(s, n) : 0);
}

const am_lex_entry *am_lex_find_ci_h(const am_lexicon *lex, const char *s, size_t n, uint32_t h)
{
    if (!lex)
        return NULL;
    if (lex->fold_hash) {
        for (size_t at = h & lex->fold_mask; lex->fold_hash[at].index;
             at = (at + 1) & lex->fold_mask) {
            if (lex->fold_hash[at].hash != h)
                continue;
            const am_lex_entry *e = lex->folded.items[lex->fold_hash[at].index - 1];
            const unsigned char *k = (const unsigned char *)e->key;
            size_t i = 0; /* the key equals s[0, n) folded, and ends there */
            while (i < n && k[i] && fold(k[i]) == fold((unsigned char)s[i]))
                i++;
            if (i == n && !k[n])
                return e;
        }
        return NULL;
    }
    size_t lo = 0, hi = lex->folded.len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (keycmp(lex->folded.items[mid]->key, s, n, 1) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < lex->folded.len && keycmp(lex->folded.items[lo]->key, s, n, 1) == 0)
        return lex->folded.items[lo];
    return NULL;
}

static int cmp_lex(const void *a, const void *b)
{
    return strcmp(((const am_lexicon *)a)->name, ((const am_lexicon *)b)->name);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void am_model_free(am_model *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->lexicons.len; i++)
        am_lexicon_clear(&m->lexicons.items[i]);
    AM_VEC_FREE(&m->lexicons);
    if (m->weights && m->weights_free)
        m->weights_free(m->weights);
    free(m->dir);
    free(m);
}

int am_model_load(am_model **out, const char *dir)
{
    if (!out || !dir)
        return am_err(AM_EINVAL, "am_model_load: NULL argument");
    int err = 0;
    DIR *d = NULL;
    AM_VEC(char *) names = {0};
    char path[4096];
    am_model *m = calloc(1, sizeof *m);
    if (!m || !(m->dir = strdup(dir))) {
        err = am_err_nomem();
        goto done;
    }
    snprintf(path, sizeof path, "%s/lexicons", dir);
    if (!(d = opendir(path))) {
        err = am_err(AM_ENOTFOUND, "%s: cannot open the lexicon folder: %s "
                     "(give the models folder with --models or ARGMAP_MODELS)",
                     path, strerror(errno));
        goto done;
    }
    struct dirent *de;
    while ((de = readdir(d))) { /* readdir order is not stable: sort the names */
        size_t len = strlen(de->d_name);
        if (len < 5 || strcmp(de->d_name + len - 4, ".txt") || de->d_name[0] == '.')
            continue;
        char *copy = strdup(de->d_name);
        char **slot = copy ? AM_VEC_PUSH(&names) : NULL;
        if (!slot) {
            free(copy);
            err = am_err_nomem();
            goto done;
        }
        *slot = copy;
    }
    qsort(names.items, names.len, sizeof *names.items, cmp_str);
    for (size_t i = 0; i < names.len; i++) {
        char lexname[256];
        snprintf(lexname, sizeof lexname, "%.*s", (int)(strlen(names.items[i]) - 4), names.items[i]);
        snprintf(path, sizeof path, "%s/lexicons/%s", dir, names.items[i]);
        am_lexicon *lex = AM_VEC_PUSH(&m->lexicons);
        if (!lex) {
            err = am_err_nomem();
            goto done;
        }
        if ((err = am_lexicon_load(lex, path, lexname)) < 0) {
            m->lexicons.len--;
            goto done;
        }
    }
    qsort(m->lexicons.items, m->lexicons.len, sizeof *m->lexicons.items, cmp_lex);
    if ((err = am_argue_weights_load(m)) < 0) /* models/weights/, if there */
        goto done;
    *out = m;
    m = NULL;
done:
    if (d)
        closedir(d);
    for (size_t i = 0; i < names.len; i++)
        free(names.items[i]);
    AM_VEC_FREE(&names);
    am_model_free(m);
    return err;
}

const char *am_model_dir(const am_model *m)
{
    return m->dir;
}

const am_lexicon *am_model_lexicon(const am_model *m, const char *name)
{
    if (!m)
        return NULL;
    size_t lo = 0, hi = m->lexicons.len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(m->lexicons.items[mid].name, name);
        if (c == 0)
            return &m->lexicons.items[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

size_t am_lex_multi_first_ci_h(const am_lexicon *lex, const char *s, size_t n, uint32_t h)
{
    if (!lex || !lex->first_hash)
        return SIZE_MAX;
    /* the slot of that first word holds the first such key in folded order
     * (build_fold_hash walks folded in order and keeps the first) */
    size_t at = first_slot(lex, s, n, h);
    return at == SIZE_MAX ? 0 : lex->first_hash[at].index;
}

/* Among the entries whose key equals s[0, n) ignoring ASCII case, the one
 * that comes first in lex->entries (by key bytes, then line), where
 * am_lex_find_ci_h gives the first in file order: the choice a table built
 * by adding the entries in order, the first one kept, would make. Such
 * entries are consecutive in folded, from the one the hash slot names;
 * the earliest in entries is the one with the lowest address. */
const am_lex_entry *am_lex_find_ci_first_h(const am_lexicon *lex, const char *s, size_t n,
                                           uint32_t h)
{
    if (!lex)
        return NULL;
    size_t first = 0;
    if (lex->fold_hash) {
        const am_lex_entry *e = NULL;
        for (size_t at = h & lex->fold_mask; lex->fold_hash[at].index;
             at = (at + 1) & lex->fold_mask) {
            if (lex->fold_hash[at].hash != h)
                continue;
            const unsigned char *k =
                (const unsigned char *)lex->folded.items[lex->fold_hash[at].index - 1]->key;
            size_t i = 0; /* the key equals s[0, n) folded, and ends there */
            while (i < n && k[i] && fold(k[i]) == fold((unsigned char)s[i]))
                i++;
            if (i == n && !k[n]) {
                first = lex->fold_hash[at].index - 1;
                e = lex->folded.items[first];
                break;
            }
        }
        if (!e)
            return NULL;
    } else {
        const am_lex_entry *e = am_lex_find_ci_h(lex, s, n, h);
        if (!e)
            return NULL;
        size_t lo = 0, hi = lex->folded.len; /* e is the first of its run */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (strcasecmp(lex->folded.items[mid]->key, e->key) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        first = lo;
    }
    const am_lex_entry *best = lex->folded.items[first];
    for (size_t i = first + 1;
         i < lex->folded.len && !strcasecmp(lex->folded.items[i]->key, best->key); i++)
        if (lex->folded.items[i] < best)
            best = lex->folded.items[i];
    return best;
}
