/*
 * lexicon.h - word lists and their data, loaded from models/lexicons/.
 *
 * A lexicon file is UTF-8 text, one entry a line: the entry, then
 * optionally a tab and a value ("said\tcue", "Gen.\ttitle"). Lines starting
 * with '#' and blank lines are skipped. The lexicon's name is the file name
 * without ".txt". Lookups are exact byte matches, or case-folded (ASCII)
 * with the _ci variant.
 */
#ifndef AM_CORE_LEXICON_H
#define AM_CORE_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "argmap.h"
#include "vec.h"

typedef struct {
    char *key;    /* owned */
    char *value;  /* owned; "" when the line had no tab */
    size_t line;  /* line number in the file, for messages */
} am_lex_entry;

typedef struct {
    char *name;                  /* "cue_verbs" */
    AM_VEC(am_lex_entry) entries;/* sorted by key (bytes), then by line */
    AM_VEC(am_lex_entry *) folded; /* the same entries sorted by ASCII-folded key */
    size_t max_words;            /* most space-separated words in one key */
    /* Open-addressing hash of the ASCII-folded keys, built at load so that
     * am_lex_find_ci costs one probe instead of a binary search of
     * strncasecmp calls: slot = index into folded + 1 (0 empty), with the
     * folded key's hash beside it. NULL (a lexicon built by hand): the
     * lookup falls back to the binary search. */
    struct am_lex_slot { uint32_t hash, index; } *fold_hash;
    size_t fold_mask;            /* slots - 1 (a power of two) */
    /* The same for the first words of keys of two or more words, so that a
     * multi-word lookup is tried only where such a key can start. */
    struct am_lex_slot *first_hash;
    size_t first_mask;
    unsigned char *first_words; /* per first_hash slot: most words of a key
                                   starting with that word (capped at 255) */
} am_lexicon;

struct am_model {
    char *dir;
    AM_VEC(am_lexicon) lexicons; /* sorted by name */
    void *weights;               /* trained models, owned by argue/ (NULL until it loads them) */
    void (*weights_free)(void *);
};

/* The lexicon of that name, or NULL. */
const am_lexicon *am_model_lexicon(const am_model *m, const char *name);
/* The entry whose key is exactly s[0, n), or NULL. */
const am_lex_entry *am_lex_find(const am_lexicon *lex, const char *s, size_t n);
/* The same, ignoring ASCII case: the first such entry in file order. */
const am_lex_entry *am_lex_find_ci(const am_lexicon *lex, const char *s, size_t n);
/* 0 when no key of two or more words starts with the word s[0, n) followed
 * by a space (ignoring ASCII case); 1 when one may (always 1 for a lexicon
 * built without am_lexicon_load). A fast filter before multi-word lookups. */
int am_lex_multi_ci(const am_lexicon *lex, const char *s, size_t n);

/* The same lookups with the hash of the folded key given (am_lex_hash_ci of
 * s[0, n)), for callers that look one word up in several lexicons. */
uint32_t am_lex_hash_ci(const char *s, size_t n);
const am_lex_entry *am_lex_find_ci_h(const am_lexicon *lex, const char *s, size_t n, uint32_t h);
int am_lex_multi_ci_h(const am_lexicon *lex, const char *s, size_t n, uint32_t h);
/* The most words of a key that starts with the word s[0, n) and a space
 * (ignoring ASCII case; h its am_lex_hash_ci), or 1 when there is none;
 * max_words for a lexicon built without am_lexicon_load. */
size_t am_lex_multi_words_ci_h(const am_lexicon *lex, const char *s, size_t n, uint32_t h);

/* Load one lexicon file (used by am_model_load; exposed for tests). */
int am_lexicon_load(am_lexicon *lex, const char *path, const char *name);
void am_lexicon_clear(am_lexicon *lex);

/* The first key in lex->folded (its index + 1) of two or more words whose
 * first word is s[0, n) ignoring ASCII case (h its am_lex_hash_ci), or 0
 * when there is none; SIZE_MAX for a lexicon built without
 * am_lexicon_load (not known). */
size_t am_lex_multi_first_ci_h(const am_lexicon *lex, const char *s, size_t n, uint32_t h);

/* Like am_lex_find_ci_h, but among keys equal ignoring case the first in
 * entries order (key bytes, then line) rather than in file order. */
const am_lex_entry *am_lex_find_ci_first_h(const am_lexicon *lex, const char *s, size_t n,
                                           uint32_t h);

/* am_lex_hash_ci one byte at a time, for a scanner that hashes words as it
 * reads them: h = AM_LEX_HASH_CI_INIT, then h = am_lex_hash_ci_step(h, b)
 * for each byte b gives am_lex_hash_ci of the bytes (a unit test holds
 * the two together). */
#define AM_LEX_HASH_CI_INIT 2166136261u
static inline uint32_t am_lex_hash_ci_step(uint32_t h, unsigned char b)
{
    return (h ^ (b >= 'A' && b <= 'Z' ? (unsigned char)(b + 32) : b)) * 16777619u;
}

#endif
