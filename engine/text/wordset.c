/*
 * wordset.c - open-addressing hash set of lowercased words (see wordset.h).
 *
 * FNV-1a over the ASCII-lowercased bytes (the hash am_lex_hash_ci computes,
 * so a scanner can hash a word once for both), linear probing, never resized:
 * the lexicons it holds are small and known when the set is built.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "wordset.h"

static inline unsigned char lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static uint32_t hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ lower((unsigned char)s[i])) * 16777619u;
    return h;
}

struct am_wordset_block {
    struct am_wordset_block *next;
    size_t used, cap;
    char bytes[];
};

/* Room for n bytes of key in the arena, or NULL. */
static char *arena_alloc(am_wordset *ws, size_t n)
{
    struct am_wordset_block *b = ws->blocks;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > 4000 ? n : 4000;
        if (!(b = malloc(sizeof *b + cap)))
            return NULL;
        b->next = ws->blocks;
        b->used = 0;
        b->cap = cap;
        ws->blocks = b;
    }
    char *p = b->bytes + b->used;
    b->used += n;
    return p;
}

int am_wordset_init(am_wordset *ws, size_t n)
{
    size_t cap = 16;
    while (cap < 8 * n + 8) /* sparse: a miss, the usual case, ends at once */
        cap *= 2;
    ws->slots = calloc(cap, sizeof *ws->slots);
    ws->cap = ws->slots ? cap : 0;
    ws->len = 0;
    ws->lens = 0;
    memset(ws->firsts, 0, sizeof ws->firsts);
    ws->blocks = NULL;
    memset(ws->hbits, 0, sizeof ws->hbits);
    return ws->slots ? 0 : am_err_nomem();
}

static am_wordset_slot *find_h(const am_wordset *ws, const char *s, size_t n, uint32_t h)
{
    size_t mask = ws->cap - 1;
    for (size_t k = 0, i = h & mask; k < ws->cap; k++, i = (i + 1) & mask) {
        am_wordset_slot *slot = &ws->slots[i];
        if (!slot->key)
            return slot;
        if (slot->len != n)
            continue;
        size_t j = 0;
        while (j < n && lower((unsigned char)s[j]) == (unsigned char)slot->key[j])
            j++;
        if (j == n)
            return slot;
    }
    return NULL;
}

static am_wordset_slot *find(const am_wordset *ws, const char *s, size_t n)
{
    return find_h(ws, s, n, hash(s, n));
}

int am_wordset_add(am_wordset *ws, const char *s, size_t n, const am_lex_entry *e,
                   unsigned bits)
{
    if (2 * (ws->len + 1) > ws->cap)
        return am_err(AM_ELIMIT, "word set full (%zu words)", ws->len);
    uint32_t h = hash(s, n);
    am_wordset_slot *slot = find_h(ws, s, n, h);
    if (!slot)
        return am_err(AM_ELIMIT, "word set full (%zu words)", ws->len);
    ws->hbits[(h >> 6) & 63] |= (uint64_t)1 << (h & 63);
    if (!slot->key) {
        if (n > UINT32_MAX)
            return am_err(AM_ELIMIT, "word set: a key of %zu bytes", n);
        if (!(slot->key = arena_alloc(ws, n + 1)))
            return am_err_nomem();
        for (size_t i = 0; i < n; i++)
            slot->key[i] = (char)lower((unsigned char)s[i]);
        slot->key[n] = '\0';
        slot->len = (uint32_t)n;
        slot->entry = e;
        ws->len++;
        ws->lens |= (uint64_t)1 << (n < 63 ? n : 63);
        if (n) {
            unsigned char f = lower((unsigned char)s[0]);
            ws->firsts[f >> 6] |= (uint64_t)1 << (f & 63);
        }
    }
    slot->bits |= bits;
    return 0;
}

const am_wordset_slot *am_wordset_get_h(const am_wordset *ws, const char *s, size_t n,
                                        uint32_t h)
{
    if (!ws->cap || !(ws->lens & ((uint64_t)1 << (n < 63 ? n : 63))))
        return NULL;
    if (n) {
        unsigned char f = lower((unsigned char)s[0]);
        if (!(ws->firsts[f >> 6] & ((uint64_t)1 << (f & 63))))
            return NULL;
    }
    const am_wordset_slot *slot = find_h(ws, s, n, h);
    return slot && slot->key ? slot : NULL;
}

const am_wordset_slot *am_wordset_get(const am_wordset *ws, const char *s, size_t n)
{
    if (!ws->cap || !(ws->lens & ((uint64_t)1 << (n < 63 ? n : 63))))
        return NULL;
    if (n) {
        unsigned char f = lower((unsigned char)s[0]);
        if (!(ws->firsts[f >> 6] & ((uint64_t)1 << (f & 63))))
            return NULL; /* no key starts with that byte */
    }
    const am_wordset_slot *slot = find(ws, s, n);
    return slot && slot->key ? slot : NULL;
}

void am_wordset_free(am_wordset *ws)
{
    while (ws->blocks) {
        struct am_wordset_block *next = ws->blocks->next;
        free(ws->blocks);
        ws->blocks = next;
    }
    free(ws->slots);
    ws->slots = NULL;
    ws->cap = ws->len = 0;
}
