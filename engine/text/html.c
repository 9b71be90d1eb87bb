/*
 * html.c - HTML to plain text through libxml2's HTML parser.
 *
 * libxml2 is the only door to HTML here. It forgives broken markup and
 * decodes entities; what it does not give is byte offsets of text nodes, so
 * each text node is aligned with the input by walking both side by side
 * (entities, CR/LF and tags are skipped on the input side). Where the
 * alignment cannot follow, the text maps to the last place it could.
 *
 * Kept: <title> (or the first <h1>) as the title, headings, paragraphs,
 * block quotes, list items, table cells, <pre>, and text in <div>s.
 * Dropped: <head> apart from the title, scripts, styles, templates, <svg>,
 * <iframe>, <nav> and forms.
 */
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "../core/error.h"
#include "load.h"
#include "tbuild.h"

typedef struct {
    size_t start, end;
    am_block_kind kind;
    int h1;
} html_block;

typedef struct {
    const char *src;
    size_t n;
    size_t cur;          /* alignment cursor in the input */
    am_tbuild tb;
    AM_VEC(html_block) blocks;
    int open;
    am_block_kind kind;  /* kind of the open block */
    int h1;
    int space;           /* a white-space run is pending in the open block */
    int title_found;
    size_t title_start, title_end;
} hp;

static int name_is(const xmlNode *n, const char *const *names)
{
    for (; *names; names++)
        if (!xmlStrcasecmp(n->name, (const xmlChar *)*names))
            return 1;
    return 0;
}

static const char *const DROP[] = {"script", "style", "noscript", "template", "svg",
                                   "iframe", "nav", "form", "button", "select",
                                   "textarea", "object", "canvas", "math", NULL};
static const char *const HEADINGS[] = {"h1", "h2", "h3", "h4", "h5", "h6", NULL};
static const char *const BLOCKS[] = {"p", "div", "section", "article", "main", "header",
                                     "footer", "aside", "figure", "figcaption", "table",
                                     "tr", "td", "th", "ul", "ol", "dl", "dd", "dt", "pre",
                                     "address", "body", "hr", "caption", NULL};

/* Skip a tag, comment or doctype starting at src[q] == '<'; returns the offset after it. */
static size_t skip_markup(const hp *h, size_t q)
{
    if (h->n - q >= 4 && !memcmp(h->src + q, "<!--", 4)) {
        const char *e = strstr(h->src + q + 4, "-->");
        return e ? (size_t)(e - h->src) + 3 : h->n;
    }
    const char *e = memchr(h->src + q, '>', h->n - q);
    return e ? (size_t)(e - h->src) + 1 : h->n;
}

/* Map each byte of the decoded text node t[0, len) to an input offset. */
static void align(hp *h, const char *t, size_t len, size_t *out)
{
    size_t q = h->cur;
    /* Find where the text starts: past markup, at a byte that can begin it. */
    while (q < h->n && len) {
        if (h->src[q] == '<' && t[0] != '<') {
            q = skip_markup(h, q);
            continue;
        }
        if (h->src[q] == t[0] || h->src[q] == '&' ||
            ((t[0] == '\n' || t[0] == ' ') && (h->src[q] == '\r' || h->src[q] == '\n')))
            break;
        q++;
    }
    if (q >= h->n) { /* lost: keep the cursor, point everything at it */
        for (size_t i = 0; i < len; i++)
            out[i] = h->cur < h->n ? h->cur : (h->n ? h->n - 1 : 0);
        return;
    }
    size_t i = 0;
    while (i < len) {
        if (q >= h->n) {
            out[i++] = h->n ? h->n - 1 : 0;
            continue;
        }
        char c = h->src[q];
        if (c == t[i]) {
            out[i++] = q++;
        } else if (c == '\r') {
            q++;
        } else if (c == '&') {
            const char *semi = memchr(h->src + q, ';', h->n - q < 34 ? h->n - q : 34);
            size_t k = 1; /* bytes of the decoded character */
            unsigned char b = (unsigned char)t[i];
            if (b >= 0xF0) k = 4; else if (b >= 0xE0) k = 3; else if (b >= 0xC0) k = 2;
            for (size_t j = 0; j < k && i < len; j++)
                out[i++] = q;
            q = semi ? (size_t)(semi - h->src) + 1 : q + 1;
        } else if (c == '<') {
            q = skip_markup(h, q);
        } else { /* the parser changed something we cannot follow */
            out[i++] = q;
        }
    }
    h->cur = q;
}

static int open_block(hp *h, am_block_kind kind, int h1, size_t at)
{
    if (h->open)
        return 0;
    if (h->tb.len)
        am_tb_synth(&h->tb, "\n\n", 2, at);
    html_block *b = AM_VEC_PUSH(&h->blocks);
    if (!b)
        return am_err_nomem();
    b->start = h->tb.len;
    b->kind = kind;
    b->h1 = h1;
    h->open = 1;
    h->space = 0;
    return 0;
}

static void close_block(hp *h)
{
    if (h->open)
        h->blocks.items[h->blocks.len - 1].end = h->tb.len;
    h->open = 0;
}

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Append text with HTML white-space rules: runs become one space. */
static int emit(hp *h, const char *t, size_t len, const size_t *map, int pre)
{
    int err;
    for (size_t i = 0; i < len; i++) {
        if (!pre && is_ws(t[i])) {
            h->space = 1;
            continue;
        }
        if (!h->open && (err = open_block(h, h->kind, h->h1, map[i])) < 0)
            return err;
        if (h->space && h->tb.len > h->blocks.items[h->blocks.len - 1].start)
            am_tb_synth(&h->tb, " ", 1, map[i] ? map[i] - 1 : 0);
        h->space = 0;
        am_tb_copy(&h->tb, t + i, 1, map[i]);
    }
    return 0;
}

static int walk(hp *h, xmlNode *node, int drop, int pre)
{
    int err = 0;
    for (xmlNode *n = node; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            const char *t = (const char *)n->content;
            size_t len = t ? strlen(t) : 0;
            if (!len)
                continue;
            size_t *map = malloc(len * sizeof *map);
            if (!map)
                return am_err_nomem();
            align(h, t, len, map); /* every node, kept or not, keeps the cursor in step */
            if (!drop)
                err = emit(h, t, len, map, pre);
            free(map);
            if (err < 0)
                return err;
            continue;
        }
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (!xmlStrcasecmp(n->name, (const xmlChar *)"br")) {
            if (h->open && !drop)
                h->space = 1;
            continue;
        }
        if (!xmlStrcasecmp(n->name, (const xmlChar *)"title")) {
            size_t before = h->tb.len;
            close_block(h);
            am_block_kind k = h->kind;
            h->kind = AM_BLOCK_HEADING;
            /* the first <title> of <head> is read even though <head> is dropped */
            int in_head = n->parent && !xmlStrcasecmp(n->parent->name, (const xmlChar *)"head");
            if ((err = walk(h, n->children, h->title_found || !in_head, 0)) < 0)
                return err;
            close_block(h);
            h->kind = k;
            if (!h->title_found && h->tb.len > before) {
                h->title_found = 1;
                h->title_start = h->blocks.len - 1;
            }
            continue;
        }
        int d = drop || name_is(n, DROP) || !xmlStrcasecmp(n->name, (const xmlChar *)"head");
        am_block_kind kind = h->kind;
        int h1 = h->h1, block = 0;
        if (name_is(n, HEADINGS)) {
            kind = AM_BLOCK_HEADING;
            h1 = !xmlStrcasecmp(n->name, (const xmlChar *)"h1");
            block = 1;
        } else if (!xmlStrcasecmp(n->name, (const xmlChar *)"blockquote")) {
            kind = AM_BLOCK_QUOTE;
            block = 1;
        } else if (!xmlStrcasecmp(n->name, (const xmlChar *)"li")) {
            kind = AM_BLOCK_LIST_ITEM;
            block = 1;
        } else if (!xmlStrcasecmp(n->name, (const xmlChar *)"p")) {
            if (kind != AM_BLOCK_QUOTE && kind != AM_BLOCK_LIST_ITEM)
                kind = AM_BLOCK_PARAGRAPH;
            block = 1;
        } else if (name_is(n, BLOCKS)) {
            block = 1;
        }
        am_block_kind saved = h->kind;
        int saved_h1 = h->h1;
        if (block && !d)
            close_block(h);
        h->kind = kind;
        h->h1 = h1;
        err = walk(h, n->children, d, pre || !xmlStrcasecmp(n->name, (const xmlChar *)"pre"));
        if (block && !d)
            close_block(h);
        h->kind = saved;
        h->h1 = saved_h1;
        if (err < 0)
            return err;
    }
    return 0;
}

int am_parse_html(am_document *doc)
{
    int err = 0;
    hp h = {0};
    h.src = doc->src;
    h.n = doc->src_len;
    h.kind = AM_BLOCK_PARAGRAPH;
    htmlDocPtr x = NULL;
    if (doc->src_len > 0) {
        if (doc->src_len > (size_t)INT32_MAX)
            return am_err(AM_ELIMIT, "%s: HTML input too large for the parser", doc->name);
        x = htmlReadMemory(doc->src, (int)doc->src_len, doc->name, "UTF-8",
                           HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                           HTML_PARSE_NONET | HTML_PARSE_COMPACT);
        if (!x)
            return am_err(AM_EPARSE, "%s: the HTML parser could not read this file", doc->name);
        if ((err = walk(&h, xmlDocGetRootElement(x), 0, 0)) < 0)
            goto done;
    }
    close_block(&h);
    if ((err = am_tb_finish(&h.tb, doc, doc->src_len)) < 0)
        goto done;
    long first_h1 = -1;
    for (size_t i = 0; i < h.blocks.len; i++) {
        html_block *b = &h.blocks.items[i];
        size_t before = doc->blocks.len;
        if ((err = am_doc_add_block(doc, b->start, b->end, b->kind)) < 0)
            goto done;
        if (doc->blocks.len == before)
            continue;
        if (h.title_found && i == h.title_start) {
            doc->has_title = 1;
            doc->title_block = before;
        }
        if (b->h1 && b->kind == AM_BLOCK_HEADING && first_h1 < 0)
            first_h1 = (long)before;
    }
    if (!doc->has_title && first_h1 >= 0) {
        doc->has_title = 1;
        doc->title_block = (size_t)first_h1;
    }
done:
    if (x)
        xmlFreeDoc(x);
    am_tb_free(&h.tb);
    AM_VEC_FREE(&h.blocks);
    return err;
}
