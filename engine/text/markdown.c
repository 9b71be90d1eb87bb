/*
 * markdown.c - Markdown to plain text, keeping offsets.
 *
 * Handles what articles use: ATX and setext headings, paragraphs, block
 * quotes, list items, fenced code (dropped), emphasis, code spans, links
 * (their text is kept, the address dropped), images (dropped), inline HTML
 * tags (dropped) and backslash escapes. It is not a full CommonMark parser:
 * the aim is the words of the article, each mapped to its input offset.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "load.h"
#include "tbuild.h"

typedef struct {
    size_t start, end; /* in the built text */
    am_block_kind kind;
    int level;         /* heading level, 0 otherwise */
    int lines;
} md_block;

typedef struct {
    const char *s;      /* the input */
    am_tbuild tb;
    AM_VEC(md_block) blocks;
    int open;           /* a block is open: blocks.items[blocks.len - 1] */
} md;

static void inline_text(md *m, size_t a, size_t b);

/* Find the ']' that closes the '[' at i (nesting counted) before b. */
static size_t close_bracket(const char *s, size_t i, size_t b)
{
    int depth = 0;
    for (size_t j = i; j < b; j++) {
        if (s[j] == '\\') {
            j++;
            continue;
        }
        if (s[j] == '[')
            depth++;
        else if (s[j] == ']' && --depth == 0)
            return j;
    }
    return 0;
}

/* After a link's ']' at j: the end of "(url)" or "[ref]", or j + 1 when none. */
static size_t skip_target(const char *s, size_t j, size_t b)
{
    if (j + 1 < b && (s[j + 1] == '(' || s[j + 1] == '[')) {
        char close = s[j + 1] == '(' ? ')' : ']';
        const char *c = memchr(s + j + 2, close, b - j - 2);
        if (c)
            return (size_t)(c - s) + 1;
    }
    return j + 1;
}

static int word_char(unsigned char c)
{
    return isalnum(c) || c >= 0x80;
}

static void inline_text(md *m, size_t a, size_t b)
{
    const char *s = m->s;
    size_t i = a;
    while (i < b) {
        char c = s[i];
        if (c == '\\' && i + 1 < b && ispunct((unsigned char)s[i + 1])) {
            am_tb_copy(&m->tb, s + i + 1, 1, i + 1);
            i += 2;
        } else if (c == '`' || c == '*') {
            i++;
        } else if (c == '_') {
            int inside = i > a && i + 1 < b && word_char((unsigned char)s[i - 1]) &&
                         word_char((unsigned char)s[i + 1]);
            if (inside)
                am_tb_copy(&m->tb, s + i, 1, i);
            i++;
        } else if (c == '!' && i + 1 < b && s[i + 1] == '[') {
            size_t j = close_bracket(s, i + 1, b);
            if (j) {
                i = skip_target(s, j, b); /* images carry no argument */
            } else {
                am_tb_copy(&m->tb, s + i, 1, i);
                i++;
            }
        } else if (c == '[') {
            size_t j = close_bracket(s, i, b);
            if (j && j + 1 < b && (s[j + 1] == '(' || s[j + 1] == '[')) {
                inline_text(m, i + 1, j);
                i = skip_target(s, j, b);
            } else {
                am_tb_copy(&m->tb, s + i, 1, i);
                i++;
            }
        } else if (c == '<' && i + 1 < b &&
                   (isalpha((unsigned char)s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!')) {
            const char *gt = memchr(s + i, '>', b - i);
            if (!gt) {
                am_tb_copy(&m->tb, s + i, 1, i);
                i++;
                continue;
            }
            size_t j = (size_t)(gt - s);
            if (!strncmp(s + i + 1, "http://", 7) || !strncmp(s + i + 1, "https://", 8) ||
                !strncmp(s + i + 1, "mailto:", 7))
                am_tb_copy(&m->tb, s + i + 1, j - i - 1, i + 1); /* autolink */
            i = j + 1;
        } else {
            am_tb_copy(&m->tb, s + i, 1, i);
            i++;
        }
    }
}

static void close_block(md *m)
{
    if (m->open)
        m->blocks.items[m->blocks.len - 1].end = m->tb.len;
    m->open = 0;
}

static int open_block(md *m, am_block_kind kind, int level, size_t src_off)
{
    close_block(m);
    if (m->tb.len)
        am_tb_synth(&m->tb, "\n\n", 2, src_off);
    md_block *b = AM_VEC_PUSH(&m->blocks);
    if (!b)
        return am_err_nomem();
    b->start = m->tb.len;
    b->kind = kind;
    b->level = level;
    m->open = 1;
    return 0;
}

static size_t indent(const char *s, size_t a, size_t b)
{
    size_t i = a;
    while (i < b && i - a < 4 && s[i] == ' ')
        i++;
    return i;
}

/* 1 when s[a, b) is only c repeated (and spaces), at least `min` times. */
static int rule_of(const char *s, size_t a, size_t b, char c, int min)
{
    int n = 0;
    for (size_t i = a; i < b; i++) {
        if (s[i] == c)
            n++;
        else if (s[i] != ' ' && s[i] != '\t')
            return 0;
    }
    return n >= min;
}

/* Length of a list marker at i ("- ", "* ", "+ ", "12. ", "3) "), or 0. */
static size_t list_marker(const char *s, size_t i, size_t b)
{
    if (i + 1 < b && (s[i] == '-' || s[i] == '*' || s[i] == '+') && s[i + 1] == ' ')
        return 2;
    size_t j = i;
    while (j < b && j - i < 9 && isdigit((unsigned char)s[j]))
        j++;
    if (j > i && j + 1 < b && (s[j] == '.' || s[j] == ')') && s[j + 1] == ' ')
        return j - i + 2;
    return 0;
}

static int line(md *m, size_t a, size_t b, int *in_code)
{
    const char *s = m->s;
    size_t i = indent(s, a, b);
    int err = 0;

    if (b - i >= 3 && (!strncmp(s + i, "```", 3) || !strncmp(s + i, "~~~", 3))) {
        close_block(m);
        *in_code = !*in_code;
        return 0;
    }
    if (*in_code)
        return 0;
    if (i == b) { /* blank line */
        close_block(m);
        return 0;
    }
    md_block *cur = m->open ? &m->blocks.items[m->blocks.len - 1] : NULL;

    if (s[i] == '#') {
        size_t j = i;
        while (j < b && s[j] == '#')
            j++;
        if (j - i <= 6 && (j == b || s[j] == ' ' || s[j] == '\t')) {
            size_t e = b;
            while (e > j && (s[e - 1] == '#' || s[e - 1] == ' ' || s[e - 1] == '\t'))
                e--;
            if ((err = open_block(m, AM_BLOCK_HEADING, (int)(j - i), i)) < 0)
                return err;
            inline_text(m, j, e);
            close_block(m);
            return 0;
        }
    }
    if (cur && cur->kind == AM_BLOCK_PARAGRAPH && cur->lines == 1 &&
        (rule_of(s, i, b, '=', 1) || rule_of(s, i, b, '-', 1))) {
        cur->kind = AM_BLOCK_HEADING; /* setext heading */
        cur->level = s[i] == '=' ? 1 : 2;
        close_block(m);
        return 0;
    }
    if (rule_of(s, i, b, '-', 3) || rule_of(s, i, b, '*', 3) || rule_of(s, i, b, '_', 3)) {
        close_block(m); /* thematic break */
        return 0;
    }
    if (s[i] == '>') {
        size_t j = i;
        while (j < b && (s[j] == '>' || s[j] == ' '))
            j++;
        if (!cur || cur->kind != AM_BLOCK_QUOTE) {
            if ((err = open_block(m, AM_BLOCK_QUOTE, 0, i)) < 0)
                return err;
        } else {
            am_tb_copy(&m->tb, "\n", 1, a - 1);
        }
        inline_text(m, j, b);
        m->blocks.items[m->blocks.len - 1].lines++;
        return 0;
    }
    size_t lm = list_marker(s, i, b);
    if (lm) {
        if ((err = open_block(m, AM_BLOCK_LIST_ITEM, 0, i)) < 0)
            return err;
        inline_text(m, i + lm, b);
        m->blocks.items[m->blocks.len - 1].lines++;
        return 0;
    }
    if (cur) { /* continuation, lazy for quotes and list items too */
        am_tb_copy(&m->tb, "\n", 1, a - 1);
    } else if ((err = open_block(m, AM_BLOCK_PARAGRAPH, 0, i)) < 0) {
        return err;
    }
    inline_text(m, i, b);
    m->blocks.items[m->blocks.len - 1].lines++;
    return 0;
}

int am_parse_markdown(am_document *doc)
{
    md m = {0};
    m.s = doc->src;
    int err = 0, in_code = 0;
    size_t a = 0, n = doc->src_len;
    while (a < n) {
        const char *nl = memchr(doc->src + a, '\n', n - a);
        size_t e = nl ? (size_t)(nl - doc->src) : n;
        size_t b = e;
        if (b > a && doc->src[b - 1] == '\r')
            b--;
        if ((err = line(&m, a, b, &in_code)) < 0)
            goto done;
        a = nl ? e + 1 : n;
    }
    close_block(&m);
    if ((err = am_tb_finish(&m.tb, doc, n)) < 0)
        goto done;
    int title_level = 0;
    for (size_t i = 0; i < m.blocks.len; i++) {
        md_block *b = &m.blocks.items[i];
        size_t before = doc->blocks.len;
        if ((err = am_doc_add_block(doc, b->start, b->end, b->kind)) < 0)
            goto done;
        /* The title: the first top-level heading, else the first heading. */
        if (doc->blocks.len > before && b->kind == AM_BLOCK_HEADING &&
            (!doc->has_title || (b->level == 1 && title_level > 1))) {
            doc->has_title = 1;
            doc->title_block = before;
            title_level = b->level;
        }
    }
    if (!doc->has_title && doc->blocks.len >= 2) {
        am_block *b = &doc->blocks.items[0];
        size_t len = b->span.end - b->span.start;
        if (b->kind == AM_BLOCK_PARAGRAPH && len <= 300 && !memchr(doc->text + b->span.start, '\n', len)) {
            b->kind = AM_BLOCK_HEADING;
            doc->has_title = 1;
            doc->title_block = 0;
        }
    }
done:
    am_tb_free(&m.tb);
    AM_VEC_FREE(&m.blocks);
    return err;
}
