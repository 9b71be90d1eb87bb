/*
 * wordset.h - a small hash table of words and phrases, looked up ignoring
 * ASCII case (internal).
 *
 * The text stages look up nearly every word of a document in a lexicon
 * (is it a discourse marker? a date cue?). A binary search of case-folded
 * compares did that at a few MB/s; a hash of the lowercased bytes does it
 * at memory speed. A set is built from a lexicon at the start of a stage.
 */
#ifndef AM_TEXT_WORDSET_H
#define AM_TEXT_WORDSET_H

#include <stddef.h>
#include <stdint.h>

#include "../core/lexicon.h"

typedef struct {
    char *key;                 /* lowercased, in the set's arena; NULL for an empty slot */
    const am_lex_entry *entry; /* the first entry added under this key */
    uint32_t len;
    unsigned bits;             /* the OR of the bits added under this key */
} am_wordset_slot;

typedef struct {
    am_wordset_slot *slots;
    size_t cap; /* a power of two, at least 8 times the keys */
    size_t len;
    /* a quick reject before hashing: the key lengths present (bit 63: 63
     * bytes or more) and the lowercased first bytes present */
    uint64_t lens;
    uint64_t firsts[4];
    /* the keys' bytes, in blocks that never move (a set is built per
     * document: one malloc per key was most of what building it cost) */
    struct am_wordset_block *blocks;
    /* one bit per key hash mod 4096: most misses end at one test */
    uint64_t hbits[64];
} am_wordset;

/* An empty set with room for n keys; 0 or AM_ENOMEM. */
int am_wordset_init(am_wordset *ws, size_t n);
/* Add s[0, n) (lowercased) with its entry and bits, or OR the bits into the
 * key already there; 0 or AM_ENOMEM, AM_ELIMIT when the set is full. */
int am_wordset_add(am_wordset *ws, const char *s, size_t n, const am_lex_entry *e,
                   unsigned bits);
/* The slot of s[0, n), ignoring ASCII case, or NULL. */
const am_wordset_slot *am_wordset_get(const am_wordset *ws, const char *s, size_t n);
/* 0 when no key has the hash h (am_lex_hash_ci of the word): a test to
 * make before am_wordset_get_h, inline. */
static inline int am_wordset_may(const am_wordset *ws, uint32_t h)
{
    return (ws->hbits[(h >> 6) & 63] >> (h & 63)) & 1;
}
/* The same with h = am_lex_hash_ci(s, n), computed by the caller. */
const am_wordset_slot *am_wordset_get_h(const am_wordset *ws, const char *s, size_t n,
                                        uint32_t h);
void am_wordset_free(am_wordset *ws);

#endif
