/*
 * label.c - article text made safe to show: folded, cut, wrapped, escaped.
 *
 * Text from an article reaches Graphviz labels, SVG tooltips and HTML. Each
 * of those reads some characters as markup or escapes, so every piece of
 * article text goes through here first: white space and control characters
 * are folded to single spaces (newlines in a label would break the wrap),
 * long text is cut with an ellipsis on a character boundary, and what is
 * left is escaped for where it goes. Lengths count code points, not bytes,
 * so a label of Cyrillic text wraps like one of Latin text.
 */
#include <string.h>

#include "render.h"

/* Decode one UTF-8 sequence at s[0, n): its length, or 0 when invalid. */
static size_t utf8_len(const unsigned char *s, size_t n, unsigned *cp)
{
    unsigned c = s[0];
    size_t k;
    unsigned v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        k = 2; v = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        k = 3; v = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        k = 4; v = c & 0x07; min = 0x10000;
    } else {
        return 0;
    }
    if (n < k)
        return 0;
    for (size_t i = 1; i < k; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return k;
}

/* Characters folded into a space: ASCII white space and controls, C1
 * controls, and the Unicode line and paragraph separators and NBSP. */
static int is_fold_space(unsigned cp)
{
    return cp <= 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0xA0) || cp == 0x2028 ||
           cp == 0x2029;
}

size_t am_text_fold(am_strbuf *sb, const char *s, size_t n, size_t max)
{
    const unsigned char *p = (const unsigned char *)s;
    /* First pass: fold into a scratch buffer, counting characters and
     * remembering where each one starts (for the cut). */
    am_strbuf f = {0};
    size_t chars = 0, i = 0;
    int pending_space = 0;
    while (i < n) {
        unsigned cp;
        size_t k = utf8_len(p + i, n - i, &cp);
        if (k == 0) {
            cp = 0xFFFD;
            k = 1;
        }
        if (is_fold_space(cp)) {
            pending_space = chars > 0;
        } else {
            if (pending_space) {
                am_sb_putc(&f, ' ');
                chars++;
                pending_space = 0;
            }
            if (cp == 0xFFFD && (k == 1))
                am_sb_puts(&f, "\xEF\xBF\xBD");
            else
                am_sb_append(&f, s + i, k);
            chars++;
        }
        i += k;
    }
    if (f.oom) {
        sb->oom = 1;
        am_sb_free(&f);
        return 0;
    }
    if (max == 0 || chars <= max) {
        if (f.len)
            am_sb_append(sb, f.buf, f.len);
        am_sb_free(&f);
        return chars;
    }
    /* Cut: keep max-1 characters and the ellipsis; back up to a space when
     * one is within the last fifth, so words are not split. */
    size_t keep = max > 1 ? max - 1 : 0, at = 0, c = 0, last_space = 0, space_chars = 0;
    while (at < f.len && c < keep) {
        if (f.buf[at] == ' ') {
            last_space = at;
            space_chars = c;
        }
        at++;
        while (at < f.len && ((unsigned char)f.buf[at] & 0xC0) == 0x80)
            at++;
        c++;
    }
    if (last_space > 0 && space_chars * 3 >= keep * 2) {
        at = last_space;
        c = space_chars;
    }
    am_sb_append(sb, f.buf, at);
    am_sb_puts(sb, "\xE2\x80\xA6");
    am_sb_free(&f);
    return c + 1;
}

void am_label_plain(am_strbuf *sb, const char *s, size_t n, size_t wrap, size_t max)
{
    am_strbuf f = {0};
    am_text_fold(&f, s, n, max);
    if (f.oom) {
        sb->oom = 1;
        am_sb_free(&f);
        return;
    }
    /* Greedy wrap over words; a word longer than the line is broken. */
    size_t line = 0, i = 0;
    while (i < f.len) {
        size_t w = i, wc = 0;
        while (w < f.len && f.buf[w] != ' ') {
            w++;
            while (w < f.len && ((unsigned char)f.buf[w] & 0xC0) == 0x80)
                w++;
            wc++;
        }
        if (line > 0) {
            if (wrap && line + 1 + wc > wrap) {
                am_sb_puts(sb, "\\n");
                line = 0;
            } else {
                am_sb_putc(sb, ' ');
                line++;
            }
        }
        for (size_t j = i; j < w;) {
            size_t k = 1;
            while (j + k < w && ((unsigned char)f.buf[j + k] & 0xC0) == 0x80)
                k++;
            if (wrap && line == wrap) {
                am_sb_puts(sb, "\\n");
                line = 0;
            }
            if (f.buf[j] == '\\')
                am_sb_puts(sb, "\\\\");
            else
                am_sb_append(sb, f.buf + j, k);
            line++;
            j += k;
        }
        i = w < f.len ? w + 1 : w;
    }
    am_sb_free(&f);
}

void am_html_escape(am_strbuf *sb, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned cp;
        size_t k = utf8_len(p + i, n - i, &cp);
        if (k == 0) {
            am_sb_puts(sb, "\xEF\xBF\xBD");
            i++;
            continue;
        }
        switch (cp) {
        case '&': am_sb_puts(sb, "&amp;"); break;
        case '<': am_sb_puts(sb, "&lt;"); break;
        case '>': am_sb_puts(sb, "&gt;"); break;
        case '"': am_sb_puts(sb, "&quot;"); break;
        case '\'': am_sb_puts(sb, "&#39;"); break;
        case '\t':
        case '\n': am_sb_putc(sb, (char)cp); break;
        default:
            if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
                am_sb_putc(sb, ' ');
            else
                am_sb_append(sb, s + i, k);
        }
        i += k;
    }
}
