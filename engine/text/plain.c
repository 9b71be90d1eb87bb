/*
 * plain.c - plain-text layout: paragraphs at blank lines, a title line.
 *
 * The text is used as it is (doc->text == doc->src), so every offset is an
 * offset of the input. CR, tabs and a leading byte-order mark count as
 * white space and are trimmed from the ends of every paragraph.
 */
#include <string.h>

#include "../core/error.h"
#include "load.h"

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* Length of a UTF-8 BOM or a no-break/other white-space sequence at p that we trim. */
static size_t space_len(const char *p, const char *end)
{
    if (p < end && is_space(*p))
        return 1;
    if (end - p >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
        (unsigned char)p[2] == 0xBF)
        return 3; /* BOM */
    if (end - p >= 2 && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0)
        return 2; /* no-break space */
    return 0;
}

int am_doc_add_block(am_document *doc, size_t start, size_t end, am_block_kind kind)
{
    const char *t = doc->text;
    size_t k;
    while (start < end && (k = space_len(t + start, t + end)) > 0)
        start += k;
    /* trim from the end: plain ASCII white space, or a trailing NBSP */
    for (;;) {
        if (end > start && is_space(t[end - 1]))
            end--;
        else if (end >= start + 2 && (unsigned char)t[end - 2] == 0xC2 &&
                 (unsigned char)t[end - 1] == 0xA0)
            end -= 2;
        else
            break;
    }
    if (end <= start)
        return 0;
    am_block *b = AM_VEC_PUSH(&doc->blocks);
    if (!b)
        return am_err_nomem();
    b->span.start = start;
    b->span.end = end;
    b->kind = kind;
    return 0;
}

/* 1 when text[a, b) holds only white space. */
static int blank(const char *t, size_t a, size_t b)
{
    while (a < b) {
        size_t k = space_len(t + a, t + b);
        if (!k)
            return 0;
        a += k;
    }
    return 1;
}

int am_doc_add_paragraphs(am_document *doc, size_t start, size_t end, am_block_kind kind)
{
    const char *t = doc->text;
    size_t para = start, line = start;
    int err;
    while (line < end) {
        const char *nl = memchr(t + line, '\n', end - line);
        size_t eol = nl ? (size_t)(nl - t) + 1 : end;
        if (blank(t, line, eol)) {
            if ((err = am_doc_add_block(doc, para, line, kind)) < 0)
                return err;
            para = eol;
        }
        line = eol;
    }
    return am_doc_add_block(doc, para, end, kind);
}

int am_parse_text(am_document *doc)
{
    doc->text = doc->src;
    doc->text_len = doc->src_len;
    int err = am_doc_add_paragraphs(doc, 0, doc->text_len, AM_BLOCK_PARAGRAPH);
    if (err < 0)
        return err;
    /* A title is a first paragraph of one short line, followed by more text. */
    if (doc->blocks.len >= 2) {
        am_block *b = &doc->blocks.items[0];
        size_t n = b->span.end - b->span.start;
        if (n <= 300 && !memchr(doc->text + b->span.start, '\n', n)) {
            b->kind = AM_BLOCK_HEADING;
            doc->has_title = 1;
            doc->title_block = 0;
        }
    }
    return 0;
}
