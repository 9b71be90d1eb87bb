/*
 * scan.h - small character tests shared by the sentence, unit and date
 * scanners (internal).
 *
 * They look at UTF-8 bytes in place: the scanners run over whole documents
 * byte by byte, so these are inline and decode only when a byte is not
 * ASCII. "Letter" and "lowercase" cover ASCII, Latin-1, Latin Extended-A,
 * Greek and Cyrillic; that is enough to tell a sentence start from a
 * continuation in the languages argmap reads, without ICU's tables.
 */
#ifndef AM_TEXT_SCAN_H
#define AM_TEXT_SCAN_H

#include <stddef.h>
#include <stdint.h>

#include "utf8.h"

/* For an ASCII letter its lower case, for every other byte 0 (bytes of
 * 0x80 and up included: the caller decodes those): one load tells a
 * word's ASCII letter and gives the byte am_lex_hash_ci folds it to. */
#define AM_SCAN_L2(u, l) [u] = l, [l] = l
static const unsigned char am_scan_letter[256] = {
    AM_SCAN_L2('A', 'a'), AM_SCAN_L2('B', 'b'), AM_SCAN_L2('C', 'c'), AM_SCAN_L2('D', 'd'),
    AM_SCAN_L2('E', 'e'), AM_SCAN_L2('F', 'f'), AM_SCAN_L2('G', 'g'), AM_SCAN_L2('H', 'h'),
    AM_SCAN_L2('I', 'i'), AM_SCAN_L2('J', 'j'), AM_SCAN_L2('K', 'k'), AM_SCAN_L2('L', 'l'),
    AM_SCAN_L2('M', 'm'), AM_SCAN_L2('N', 'n'), AM_SCAN_L2('O', 'o'), AM_SCAN_L2('P', 'p'),
    AM_SCAN_L2('Q', 'q'), AM_SCAN_L2('R', 'r'), AM_SCAN_L2('S', 's'), AM_SCAN_L2('T', 't'),
    AM_SCAN_L2('U', 'u'), AM_SCAN_L2('V', 'v'), AM_SCAN_L2('W', 'w'), AM_SCAN_L2('X', 'x'),
    AM_SCAN_L2('Y', 'y'), AM_SCAN_L2('Z', 'z'),
};
#undef AM_SCAN_L2

/* The code point at text[i] (end bounds the read); *len gets its length
 * (1 for an invalid byte, which then reads as U+FFFD). */
static inline uint32_t am_scan_cp(const char *text, size_t i, size_t end, size_t *len)
{
    unsigned char c = (unsigned char)text[i];
    if (c < 0x80) {
        *len = 1;
        return c;
    }
    uint32_t cp;
    size_t n = am_utf8_decode((const unsigned char *)text + i, end - i, &cp);
    if (!n) {
        *len = 1;
        return 0xFFFD;
    }
    *len = n;
    return cp;
}

/* The start of the code point that ends just before text[i]. */
static inline size_t am_scan_prev(const char *text, size_t i, size_t start)
{
    if (i <= start)
        return start;
    i--;
    while (i > start && ((unsigned char)text[i] & 0xC0) == 0x80)
        i--;
    return i;
}

static inline int am_cp_space(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
           c == 0xA0 || c == 0x2009 || c == 0x202F || c == 0x200B;
}

static inline int am_cp_lower(uint32_t c)
{
    if (c < 0x80)
        return c >= 'a' && c <= 'z';
    if (c >= 0xDF && c <= 0xFF)
        return c != 0xF7;
    if (c >= 0x100 && c <= 0x17F) { /* Latin Extended-A alternates upper/lower */
        if (c == 0x138 || c == 0x149 || c == 0x17F)
            return 1;
        if (c == 0x178)
            return 0;
        if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
            return (c & 1) == 0;
        return (c & 1) == 1;
    }
    return (c >= 0x3AC && c <= 0x3CE) || (c >= 0x430 && c <= 0x45F);
}

static inline int am_cp_upper(uint32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    if (c >= 0xC0 && c <= 0xDE)
        return c != 0xD7;
    if (c >= 0x100 && c <= 0x17F)
        return !am_cp_lower(c);
    return (c >= 0x386 && c <= 0x3AB) || (c >= 0x400 && c <= 0x42F);
}

static inline int am_cp_digit(uint32_t c)
{
    return c >= '0' && c <= '9';
}

static inline int am_cp_alpha(uint32_t c)
{
    return am_cp_lower(c) || am_cp_upper(c) || (c >= 0x370 && c <= 0x3FF) ||
           (c >= 0x400 && c <= 0x4FF);
}

static inline int am_cp_alnum(uint32_t c)
{
    return am_cp_alpha(c) || am_cp_digit(c);
}

/* Quotation marks and brackets that close a sentence's last word: .» ." .” .) */
static inline int am_cp_closer(uint32_t c)
{
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0xBB /* » */ ||
           c == 0x201D /* ” */ || c == 0x2019 /* ’ */ || c == 0x201C /* “ closes „ */ ||
           c == 0x203A /* › */;
}

/* Marks that open a sentence's first word: «" ( „ “ ‘ */
static inline int am_cp_opener(uint32_t c)
{
    return c == '"' || c == '\'' || c == '(' || c == '[' || c == 0xAB /* « */ ||
           c == 0x201C || c == 0x201E /* „ */ || c == 0x2018 || c == 0x2039;
}

static inline int am_cp_dash(uint32_t c)
{
    return c == '-' || c == 0x2013 || c == 0x2014 || c == 0x2012 || c == 0x2015;
}

#endif
