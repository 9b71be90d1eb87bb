/*
 * sources.c - the registry of sources: one record per speaker.
 *
 * A speaker phrase becomes a source with a kind (person, organisation,
 * media, anonymous, the author), a name and maybe a role. People merge by
 * surname, so "Zelensky", "Vladimir Zelensky" and "Ukrainian President
 * Vladimir Zelensky" are one source whose canonical name is the longest
 * form without a title; organisations and outlets merge by their name
 * without "the" and a possessive ("Italy's La Repubblica" = "La
 * Repubblica"); an anonymous source merges only with the very same phrase,
 * and never when it says "another". At the end every further use of a
 * source's names in the text is added to its mentions, and the registry is
 * sorted by first mention so the output does not depend on the order in
 * which the rules found the speakers.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/error.h"
#include "quotes.h"

static const am_qtok *T(const am_qctx *c, size_t i)
{
    return &c->toks.items[i];
}

static int is_title(const am_qctx *c, size_t i)
{
    return am_qtok_lexkv(c, AM_QL_TITLES, i) != NULL;
}

static int is_det(const am_qctx *c, size_t i)
{
    return am_qtok_is(c, i, "the") || am_qtok_is(c, i, "a") || am_qtok_is(c, i, "an");
}

/* A sub-phrase of [a, b) is in the memoised lexicon of that slot
 * (multi-word entries included). */
static int lex_any(const am_qctx *c, int slot, size_t a, size_t b)
{
    const am_lexicon *lex = c->memolex[slot];
    if (!lex)
        return 0;
    char buf[200];
    for (size_t i = a; i < b; i++) {
        const am_qtok *ti = T(c, i);
        size_t n = ti->end - ti->start;
        if (n + 2 >= sizeof buf)
            continue; /* the phrase buffer never held it */
        /* the token alone: the memo (punctuation is not memoised) */
        if (ti->type == AM_QT_PUNCT ? am_qtok_lex(c, lex, i) != NULL
                                    : am_qtok_lexk(c, slot, i) != NULL)
            return 1;
        /* a phrase of k words can match only a key of k words whose first
         * word is token i: no longer phrases than the longest such key */
        if (lex->first_hash && !lex->first_hash[ti->hash & lex->first_mask].index)
            continue; /* no key of two words or more starts with it (an empty first slot) */
        size_t most = am_lex_multi_words_ci_h(lex, c->text + ti->start, n, ti->hash);
        if (most > lex->max_words)
            most = lex->max_words;
        if (most < 2)
            continue;
        memcpy(buf, c->text + ti->start, n);
        for (size_t j = i + 1; j < b && j - i < most; j++) {
            const am_qtok *t = T(c, j);
            size_t w = t->end - t->start;
            if (n + w + 2 >= sizeof buf)
                break;
            buf[n++] = ' ';
            memcpy(buf + n, c->text + t->start, w);
            n += w;
            /* possessive: "Italy's" also matches "Italy" */
            if (am_lex_find_ci(lex, buf, n))
                return 1;
        }
    }
    return 0;
}

/* The trailing capitalised run of [a, b) that is not a title. */
static size_t name_start(const am_qctx *c, size_t a, size_t b)
{
    size_t k = b;
    while (k > a && T(c, k - 1)->type == AM_QT_WORD && T(c, k - 1)->cap && !is_title(c, k - 1) &&
           b - k < 4)
        k--;
    return k;
}

am_source_kind am_source_kind_of(const am_qctx *c, size_t a, size_t b)
{
    if (a >= b)
        return AM_SRC_ORGANISATION;
    if (b - a == 1) {
        const char *pc = am_qtok_lexkv(c, AM_QL_PRONOUNS, a);
        if (pc && *pc == 'a')
            return AM_SRC_AUTHOR;
        if (pc && (*pc == 'm' || *pc == 'f'))
            return AM_SRC_PERSON;
    }
    if (am_qtok_lexkv(c, AM_QL_ANONYMOUS, b - 1)) {
        size_t ns = name_start(c, a, b);
        if (ns == b || am_qtok_lexkv(c, AM_QL_ANONYMOUS, b - 1))
            for (size_t i = a; i < b; i++)
                if (am_qtok_lexkv(c, AM_QL_ANONYMOUS, i) || am_qtok_is(c, i, "another") ||
                    is_det(c, i) || am_qtok_is(c, i, "one"))
                    return AM_SRC_ANONYMOUS;
    }
    if (lex_any(c, AM_QL_MEDIA, a, b))
        return AM_SRC_MEDIA;
    size_t ns = name_start(c, a, b);
    int org = lex_any(c, AM_QL_ORGS, ns < b ? ns : a, b);
    if (ns < b)
        return org ? AM_SRC_ORGANISATION : AM_SRC_PERSON;
    if (is_title(c, b - 1))
        return AM_SRC_PERSON; /* "the candidate" */
    return AM_SRC_ORGANISATION;
}

static char *dup_span(const am_qctx *c, size_t s, size_t e)
{
    char *r = malloc(e - s + 1);
    if (r) {
        memcpy(r, c->text + s, e - s);
        r[e - s] = '\0';
        /* line breaks inside a name become spaces */
        for (char *p = r; *p; p++)
            if (*p == '\n' || *p == '\r' || *p == '\t')
                *p = ' ';
    }
    return r;
}

static int push_str(void *vec, char *s)
{
    AM_VEC(char *) *v = vec;
    if (!s)
        return am_err_nomem();
    for (size_t i = 0; i < v->len; i++)
        if (!strcmp(v->items[i], s)) {
            free(s);
            return 0;
        }
    char **slot = AM_VEC_PUSH(v);
    if (!slot) {
        free(s);
        return am_err_nomem();
    }
    *slot = s;
    return 0;
}

/* Token range of a text span (tokens fully inside). */
static void tok_range(const am_qctx *c, am_tspan s, size_t *a, size_t *b)
{
    *a = am_qtok_at(c, s.start);
    *b = *a;
    while (*b < c->toks.len && T(c, *b)->end <= s.end)
        (*b)++;
}

static size_t hash_str(const char *s)
{
    size_t h = 1469598103934665603ull & (size_t)-1; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * (size_t)1099511628211ull;
    return h;
}

/* Find key in the index: *idx = its source, or -1 and *slot = where it goes.
 * The table is kept at most half full, so that probing stays short. */
static int hash_find(am_qctx *c, const char *key, long *idx, size_t *slot)
{
    if ((c->srcx.len + 1) * 2 > c->src_hash_cap) {
        size_t cap = c->src_hash_cap ? c->src_hash_cap * 2 : 64;
        size_t *t = calloc(cap, sizeof *t);
        if (!t)
            return am_err_nomem();
        for (size_t i = 0; i < c->srcx.len; i++) {
            size_t h = hash_str(c->srcx.items[i].key) & (cap - 1);
            while (t[h])
                h = (h + 1) & (cap - 1);
            t[h] = i + 1;
        }
        free(c->src_hash);
        c->src_hash = t;
        c->src_hash_cap = cap;
    }
    size_t h = hash_str(key) & (c->src_hash_cap - 1);
    while (c->src_hash[h]) {
        if (!strcmp(c->srcx.items[c->src_hash[h] - 1].key, key)) {
            *idx = (long)(c->src_hash[h] - 1);
            return 0;
        }
        h = (h + 1) & (c->src_hash_cap - 1);
    }
    *idx = -1;
    *slot = h;
    return 0;
}

int am_source_add(am_qctx *c, am_tspan mention, am_tspan name, am_tspan role,
                  am_source_kind kind, long *out)
{
    int err = 0;
    char *key = NULL, *nm = NULL, *titled = NULL, *rl = NULL;
    /* the merge key is built here (kbuf when it fits) and copied to the
     * heap only for a new source: most speakers are found again */
    char kbuf[256];
    const char *kp = NULL;
    *out = -1;
    if (kind == AM_SRC_AUTHOR) {
        kp = key = strdup("U:author");
        nm = strdup("the author");
        if (!key || !nm) {
            err = am_err_nomem();
            goto done;
        }
    } else {
        size_t a, b;
        tok_range(c, name, &a, &b);
        while (a < b && T(c, b - 1)->type == AM_QT_PUNCT)
            b--;
        if (a >= b)
            goto done;
        size_t first = a;
        if (kind != AM_SRC_ANONYMOUS)
            while (first + 1 < b && (is_det(c, first) || am_qtok_is(c, first, "then")))
                first++;
        size_t na = first;
        if (kind == AM_SRC_PERSON) {
            na = name_start(c, first, b);
            if (na == b)
                na = first;
            /* "Secretary of State Madeleine Albright": State is the office's */
            if (na > first && b - na >= 3 && am_qtok_is(c, na - 1, "of"))
                na++;
        } else if (kind == AM_SRC_MEDIA || kind == AM_SRC_ORGANISATION) {
            /* "Italy's La Repubblica": the outlet is after the possessive */
            for (size_t i = first; i + 1 < b; i++) {
                const am_qtok *t = T(c, i);
                size_t w = t->end - t->start;
                if (w > 2 && (!strncmp(c->text + t->end - 2, "'s", 2) ||
                              (w > 4 && !strncmp(c->text + t->end - 4, "\xe2\x80\x99s", 4))) &&
                    T(c, i + 1)->cap)
                    na = i + 1;
            }
        }
        nm = dup_span(c, T(c, na)->start, T(c, b - 1)->end);
        if (!nm) {
            err = am_err_nomem();
            goto done;
        }
        if (na > first) {
            if (kind == AM_SRC_PERSON && !(role.end > role.start))
                role = (am_tspan){T(c, first)->start, T(c, na - 1)->end};
            if (kind == AM_SRC_PERSON && !(titled = dup_span(c, T(c, first)->start, T(c, b - 1)->end))) {
                err = am_err_nomem();
                goto done;
            }
        }
        const char *pre, *body;
        size_t blen;
        char num[32] = "";
        switch (kind) {
        case AM_SRC_PERSON: {
            const am_qtok *last = T(c, b - 1);
            pre = "P:";
            body = c->text + last->start;
            blen = last->end - last->start;
            break;
        }
        case AM_SRC_ANONYMOUS:
            pre = "A:";
            body = nm;
            blen = strlen(nm);
            if (am_qtok_is(c, a, "another") || am_qtok_is(c, a, "other"))
                /* "another official" is someone new, but the same phrase
                 * read twice (a quote and its introduction) is one source */
                snprintf(num, sizeof num, "#%zu", mention.start);
            break;
        default:
            pre = "O:";
            body = nm;
            blen = strlen(nm);
        }
        size_t nl = strlen(num), need = 2 + blen + nl;
        char *k = need < sizeof kbuf ? kbuf : (key = malloc(need + 1));
        if (!k) {
            err = am_err_nomem();
            goto done;
        }
        memcpy(k, pre, 2);
        memcpy(k + 2, body, blen);
        memcpy(k + 2 + blen, num, nl + 1);
        for (char *p = k + 2; *p && k[0] != 'P'; p++)
            *p = (char)tolower((unsigned char)*p);
        kp = k;
    }
    if (role.end > role.start) {
        size_t a, b;
        tok_range(c, role, &a, &b);
        while (a + 1 < b && (is_det(c, a) || am_qtok_is(c, a, "then")))
            a++;
        if (a < b && !(rl = dup_span(c, T(c, a)->start, T(c, b - 1)->end))) {
            err = am_err_nomem();
            goto done;
        }
    }
    long idx = -1;
    size_t slot = 0;
    if ((err = hash_find(c, kp, &idx, &slot)) < 0)
        goto done;
    if (idx < 0) {
        if (c->srcs.len >= c->max_quotes) {
            err = am_err(AM_ELIMIT, "more than %zu sources (raise max_units)", c->max_quotes);
            goto done;
        }
        if (!key && !(key = strdup(kp))) {
            err = am_err_nomem();
            goto done;
        }
        if (AM_VEC_RESERVE(&c->srcs, 1) < 0 || AM_VEC_RESERVE(&c->srcx, 1) < 0) {
            err = am_err_nomem();
            goto done;
        }
        am_source *s = AM_VEC_PUSH(&c->srcs);
        am_qsrcx *x = AM_VEC_PUSH(&c->srcx);
        s->kind = kind;
        x->key = key;
        key = NULL;
        idx = (long)c->srcs.len - 1;
        c->src_hash[slot] = (size_t)idx + 1;
    }
    am_source *s = &c->srcs.items[idx];
    am_qsrcx *x = &c->srcx.items[idx];
    if (!s->role && rl) {
        s->role = rl;
        rl = NULL;
    }
    if (nm) {
        if ((err = push_str(&x->names, nm)) < 0) {
            nm = NULL;
            goto done;
        }
        nm = NULL;
    }
    if (titled) {
        if ((err = push_str(&s->aliases, titled)) < 0) {
            titled = NULL;
            goto done;
        }
        titled = NULL;
    }
    if (mention.end > mention.start) {
        am_tspan *m = AM_VEC_PUSH(&s->mentions);
        if (!m) {
            err = am_err_nomem();
            goto done;
        }
        *m = mention;
    }
    *out = idx;
done:
    free(key);
    free(nm);
    free(titled);
    free(rl);
    return err;
}

typedef struct {
    const char *word; /* into the name strings */
    size_t wlen;
    size_t src;
    const char *form; /* the whole form to match at a token, or NULL (a surname) */
} lookup_t;

static int cmp_lookup(const void *a, const void *b)
{
    const lookup_t *x = a, *y = b;
    size_t n = x->wlen < y->wlen ? x->wlen : y->wlen;
    int r = memcmp(x->word, y->word, n);
    if (r)
        return r;
    if (x->wlen != y->wlen)
        return x->wlen < y->wlen ? -1 : 1;
    return x->src < y->src ? -1 : x->src > y->src;
}

static int cmp_span(const void *a, const void *b)
{
    const am_tspan *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end > y->end ? -1 : x->end < y->end; /* longer first */
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* 1 when name has the word w (n bytes) as a whole word. */
static int has_word(const char *name, const char *w, size_t n)
{
    const char *p = name;
    while (*p) {
        const char *e = strchr(p, ' ');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (l == n && !memcmp(p, w, n))
            return 1;
        if (!e)
            break;
        p = e + 1;
    }
    return 0;
}

static int is_stop(const am_qctx *c, size_t i)
{
    return am_qtok_lexkv(c, AM_QL_STOP, i) || am_qtok_lexkv(c, AM_QL_ADVERBS, i) ||
           am_qtok_lexkv(c, AM_QL_ORGS, i) || am_qtok_lexkv(c, AM_QL_MEDIA, i) ||
           am_qtok_lexkv(c, AM_QL_ANONYMOUS, i) || am_qtok_lexkv(c, AM_QL_PRONOUNS, i);
}

static int possessive(const am_qctx *c, size_t i)
{
    /* ends in 's or ’s (two or four bytes), with something before it */
    const am_qtok *t = T(c, i);
    size_t w = t->end - t->start;
    const char *tw = c->text + t->start;
    if (w <= 2 || tw[w - 1] != 's')
        return 0;
    return tw[w - 2] == '\'' || (w > 4 && !memcmp(tw + w - 4, "\xe2\x80\x99", 3));
}

/* A role written around a person's name: "former French President Nicolas
 * Sarkozy" (a title run before), "Iver Neumann, director of the Nansen
 * Institute" (an apposition after). */
static int find_role(am_qctx *c, am_source *src, size_t k, size_t i)
{
    size_t r = k;
    int titled = 0;
    while (r > 0 && k - r < 4 && T(c, r - 1)->type == AM_QT_WORD && T(c, r - 1)->block == T(c, k)->block &&
           (is_title(c, r - 1) || (T(c, r - 1)->cap && !is_stop(c, r - 1) && !possessive(c, r - 1)))) {
        titled |= is_title(c, r - 1);
        r--;
    }
    while (r < k && !is_title(c, r) && !titled)
        r++;
    size_t ra = r, rb = k;
    if (!titled && am_qtok_punct(c, i + 1, ",") && i + 2 < c->toks.len) {
        size_t f = i + 2;
        if (am_qtok_is(c, f, "then") || am_qtok_is(c, f, "the") || am_qtok_is(c, f, "a") ||
            am_qtok_is(c, f, "an") || am_qtok_is(c, f, "former"))
            f++;
        size_t g = f;
        while (g < c->toks.len && g < f + 3 && T(c, g)->cap && !is_title(c, g) && T(c, g)->type == AM_QT_WORD)
            g++;
        if (g < c->toks.len && is_title(c, g) && T(c, g)->type == AM_QT_WORD) {
            size_t e = f;
            while (e < c->toks.len && e - f < 15 && T(c, e)->type != AM_QT_PUNCT && T(c, e)->quote < 0)
                e++;
            if (am_qtok_punct(c, e, ",:.")) {
                ra = i + 2;
                rb = e;
                if (am_qtok_is(c, ra, "then"))
                    ra++;
            }
        }
    }
    if (ra >= rb)
        return 0;
    if (!(src->role = dup_span(c, T(c, ra)->start, T(c, rb - 1)->end)))
        return am_err_nomem();
    return 0;
}

/* Each further use of the names in the text becomes a mention. A person is
 * found by surname, with the first names written before it ("Naftali
 * Bennett" becomes a name form of "Bennett"). */
static int find_mentions(am_qctx *c)
{
    AM_VEC(lookup_t) lk = {0};
    size_t *first = NULL; /* index + 1 into lk, 0 = empty */
    int err = 0;
    for (size_t s = 0; s < c->srcs.len; s++) {
        am_source *src = &c->srcs.items[s];
        am_qsrcx *x = &c->srcx.items[s];
        if (src->kind == AM_SRC_AUTHOR || src->kind == AM_SRC_ANONYMOUS)
            continue;
        if (src->kind == AM_SRC_PERSON) {
            const char *w = x->key + 2;
            lookup_t *l = AM_VEC_PUSH(&lk);
            if (!l) {
                err = am_err_nomem();
                goto done;
            }
            *l = (lookup_t){w, strlen(w), s, NULL};
            continue;
        }
        for (size_t f = 0; f < x->names.len; f++) {
            const char *form = x->names.items[f];
            const char *sp = strchr(form, ' ');
            lookup_t *l = AM_VEC_PUSH(&lk);
            if (!l) {
                err = am_err_nomem();
                goto done;
            }
            *l = (lookup_t){form, sp ? (size_t)(sp - form) : strlen(form), s, form};
        }
    }
    if (!lk.len)
        goto done;
    am_qsort_stable(lk.items, lk.len, sizeof *lk.items, cmp_lookup);
    /* The first entry of each word, by the hash tokens carry (the folded
     * am_lex_hash_ci; the words are compared exactly): one probe per token
     * finds the entry the binary search by cmp_lookup found, the first of
     * the run with that word (a word absent has no run). */
    size_t cap = 16;
    while (cap < 2 * lk.len)
        cap *= 2;
    if (!(first = calloc(cap, sizeof *first))) {
        err = am_err_nomem();
        goto done;
    }
    for (size_t j = 0; j < lk.len; j++) {
        const lookup_t *l = &lk.items[j];
        if (j > 0 && lk.items[j - 1].wlen == l->wlen && !memcmp(lk.items[j - 1].word, l->word, l->wlen))
            continue;
        size_t at = am_lex_hash_ci(l->word, l->wlen) & (cap - 1);
        while (first[at])
            at = (at + 1) & (cap - 1);
        first[at] = j + 1;
    }
    for (size_t ci = 0; ci < c->ncapw; ci++) { /* the capitalised words (cue_pass) */
        size_t i = c->capw[ci];
        const am_qtok *t = T(c, i);
        size_t w = t->end - t->start;
        const char *tw = c->text + t->start;
        uint32_t h = t->hash;
        if (possessive(c, i)) { /* Zelensky's -> Zelensky */
            w -= tw[w - 2] == '\'' ? 2 : 4;
            h = am_lex_hash_ci(tw, w);
        }
        size_t lo = lk.len;
        for (size_t at = h & (cap - 1); first[at]; at = (at + 1) & (cap - 1)) {
            const lookup_t *l = &lk.items[first[at] - 1];
            if (l->wlen == w && !memcmp(l->word, tw, w)) {
                lo = first[at] - 1;
                break;
            }
        }
        for (size_t j = lo; j < lk.len && lk.items[j].wlen == w && !memcmp(lk.items[j].word, tw, w); j++) {
            size_t si = lk.items[j].src;
            am_source *src = &c->srcs.items[si];
            am_qsrcx *x = &c->srcx.items[si];
            am_tspan m = {t->start, t->start + w};
            if (lk.items[j].form) {
                size_t fl = strlen(lk.items[j].form);
                if (t->start + fl > c->doc->text_len || memcmp(c->text + t->start, lk.items[j].form, fl))
                    continue;
                m.end = t->start + fl;
            } else {
                size_t k = i, known;
                while (k > 0 && i - k < 3 && T(c, k - 1)->cap && T(c, k - 1)->type == AM_QT_WORD &&
                       T(c, k - 1)->block == t->block) {
                    const am_qtok *p = T(c, k - 1);
                    int found = 0;
                    for (size_t f = 0; f < x->names.len && !found; f++)
                        found = has_word(x->names.items[f], c->text + p->start, p->end - p->start);
                    if (!found)
                        break;
                    k--;
                }
                known = k;
                /* first names not seen yet: capitalised words that are no title */
                while (k > 0 && i - k < 2 && T(c, k - 1)->cap && T(c, k - 1)->type == AM_QT_WORD &&
                       T(c, k - 1)->block == t->block && T(c, k - 1)->end + 1 == T(c, k)->start &&
                       !is_title(c, k - 1) && !is_stop(c, k - 1) && !possessive(c, k - 1) &&
                       !(k >= 2 && am_qtok_is(c, k - 2, "of")) &&
                       !memchr(c->text + T(c, k - 1)->start, '.', T(c, k - 1)->end - T(c, k - 1)->start))
                    k--;
                if (k < known && T(c, k)->sent == t->sent && k > c->sent_tok.items[t->sent]) {
                    char *form = dup_span(c, T(c, k)->start, t->start + w);
                    if ((err = push_str(&x->names, form)) < 0)
                        goto done;
                } else {
                    k = known;
                }
                m.start = T(c, k)->start;
                if (!src->role && (err = find_role(c, src, k, i)) < 0)
                    goto done;
            }
            am_tspan *slot = AM_VEC_PUSH(&src->mentions);
            if (!slot) {
                err = am_err_nomem();
                goto done;
            }
            *slot = m;
            break;
        }
    }
done:
    AM_VEC_FREE(&lk);
    free(first);
    return err;
}

/* Sorted mentions, with those inside another mention dropped. */
static void tidy_mentions(am_source *s)
{
    if (!s->mentions.len)
        return;
    am_tspan_sort(s->mentions.items, s->mentions.len, cmp_span);
    size_t w = 0;
    for (size_t i = 0; i < s->mentions.len; i++) {
        am_tspan m = s->mentions.items[i];
        if (w && m.start < s->mentions.items[w - 1].end)
            continue;
        s->mentions.items[w++] = m;
    }
    s->mentions.len = w;
}

typedef struct {
    size_t first; /* offset of the first mention */
    const char *name;
    size_t index;
} order_t;

static int cmp_order(const void *a, const void *b)
{
    const order_t *x = a, *y = b;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    int r = strcmp(x->name, y->name);
    if (r)
        return r;
    return x->index < y->index ? -1 : x->index > y->index;
}

int am_sources_finish(am_qctx *c)
{
    int err = 0;
    size_t n = c->srcs.len;
    order_t *order = NULL;
    size_t *rank = NULL;
    am_source *sorted = NULL;
    if ((err = find_mentions(c)) < 0)
        return err;
    /* Canonical names: the longest name form; the others become aliases. */
    for (size_t i = 0; i < n; i++) {
        am_source *s = &c->srcs.items[i];
        am_qsrcx *x = &c->srcx.items[i];
        size_t best = 0;
        for (size_t j = 1; j < x->names.len; j++) {
            size_t lb = strlen(x->names.items[best]), lj = strlen(x->names.items[j]);
            if (lj > lb || (lj == lb && strcmp(x->names.items[j], x->names.items[best]) < 0))
                best = j;
        }
        if (x->names.len) {
            s->name = x->names.items[best];
            x->names.items[best] = x->names.items[--x->names.len];
        } else if (!s->name && !(s->name = strdup("unknown"))) {
            return am_err_nomem();
        }
        while (x->names.len) {
            char *al = x->names.items[--x->names.len];
            if ((err = push_str(&s->aliases, al)) < 0)
                return err;
        }
        /* the canonical name is not its own alias */
        for (size_t j = 0; j < s->aliases.len; j++)
            if (!strcmp(s->aliases.items[j], s->name)) {
                free(s->aliases.items[j]);
                s->aliases.items[j] = s->aliases.items[--s->aliases.len];
                j--;
            }
        if (s->aliases.len)
            qsort(s->aliases.items, s->aliases.len, sizeof *s->aliases.items, cmp_str);
    }
    for (size_t i = 0; i < n; i++)
        tidy_mentions(&c->srcs.items[i]);
    if (!n)
        return 0;
    order = malloc(n * sizeof *order);
    rank = malloc(n * sizeof *rank);
    sorted = malloc(n * sizeof *sorted);
    if (!order || !rank || !sorted) {
        err = am_err_nomem();
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        const am_source *s = &c->srcs.items[i];
        order[i].first = s->mentions.len ? s->mentions.items[0].start : (size_t)-1;
        order[i].name = s->name ? s->name : "";
        order[i].index = i;
    }
    qsort(order, n, sizeof *order, cmp_order);
    for (size_t i = 0; i < n; i++) {
        rank[order[i].index] = i;
        sorted[i] = c->srcs.items[order[i].index];
    }
    memcpy(c->srcs.items, sorted, n * sizeof *sorted);
    for (size_t i = 0; i < c->quotes.len; i++)
        if (c->quotes.items[i].source >= 0)
            c->quotes.items[i].source = (long)rank[c->quotes.items[i].source];
done:
    free(order);
    free(rank);
    free(sorted);
    return err;
}

void am_sources_free_vec(am_qctx *c)
{
    for (size_t i = 0; i < c->srcs.len; i++)
        am_source_clear(&c->srcs.items[i]);
    AM_VEC_FREE(&c->srcs);
    for (size_t i = 0; i < c->srcx.len; i++) {
        am_qsrcx *x = &c->srcx.items[i];
        free(x->key);
        for (size_t j = 0; j < x->names.len; j++)
            free(x->names.items[j]);
        AM_VEC_FREE(&x->names);
    }
    AM_VEC_FREE(&c->srcx);
    free(c->src_hash);
    c->src_hash = NULL;
    c->src_hash_cap = 0;
}
