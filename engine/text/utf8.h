/*
 * utf8.h - UTF-8 validation and repair of input bytes.
 */
#ifndef AM_TEXT_UTF8_H
#define AM_TEXT_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0 when the
 * bytes there are not valid UTF-8 (overlong forms, surrogates and code
 * points above U+10FFFF are invalid). *cp gets the code point. */
size_t am_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* 1 when all n bytes are valid UTF-8; otherwise 0 and *bad = the offset of
 * the first invalid byte. */
int am_utf8_valid(const char *s, size_t n, size_t *bad);

/* A copy of s with every invalid byte sequence replaced by U+FFFD (EF BF BD).
 * *out_len gets the new length, *replaced the number of replacements.
 * NULL when out of memory. */
char *am_utf8_repair(const char *s, size_t n, size_t *out_len, size_t *replaced);

#endif
