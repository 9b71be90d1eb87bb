/*
 * summary.c - a few lines on a map for a person at a terminal.
 *
 * Only counts and short excerpts: the JSON has everything else.
 */
#include <stdio.h>

#include "../core/error.h"
#include "../core/strbuf.h"
#include "../core/model.h"

/* Append at most `max` bytes of s[0, n) on one line, cut at a UTF-8
 * boundary, with "..." when cut. */
static void excerpt(am_strbuf *sb, const char *s, size_t n, size_t max)
{
    size_t k = n;
    if (k > max) {
        k = max;
        while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--;
    }
    for (size_t i = 0; i < k; i++)
        am_sb_putc(sb, s[i] == '\n' || s[i] == '\r' || s[i] == '\t' ? ' ' : s[i]);
    if (k < n)
        am_sb_puts(sb, "...");
}

int am_map_summary(char **out, const am_map *map)
{
    if (!out || !map)
        return am_err(AM_EINVAL, "am_map_summary: NULL argument");
    const am_document *doc = map->doc;
    am_strbuf sb = {0};
    am_sb_printf(&sb, "%s (%s, %zu bytes)\n", doc->name, am_format_name(doc->format),
                 doc->src_len);
    if (doc->has_title) {
        const am_block *t = &doc->blocks.items[doc->title_block];
        am_sb_puts(&sb, "  title:      ");
        excerpt(&sb, doc->text + t->span.start, t->span.end - t->span.start, 100);
        am_sb_putc(&sb, '\n');
    }
    am_sb_printf(&sb, "  paragraphs: %zu\n", doc->blocks.len);
    if (map->sentences.len)
        am_sb_printf(&sb, "  sentences:  %zu\n", map->sentences.len);
    if (map->units.len) {
        size_t claims = 0, evidence = 0;
        for (size_t i = 0; i < map->units.len; i++) {
            claims += map->units.items[i].kind == AM_UNIT_CLAIM;
            evidence += map->units.items[i].kind == AM_UNIT_EVIDENCE;
        }
        am_sb_printf(&sb, "  units:      %zu (%zu claims, %zu evidence)\n", map->units.len,
                     claims, evidence);
    }
    if (map->quotes.len)
        am_sb_printf(&sb, "  quotations: %zu\n", map->quotes.len);
    if (map->sources.len)
        am_sb_printf(&sb, "  sources:    %zu\n", map->sources.len);
    if (map->dates.len)
        am_sb_printf(&sb, "  dates:      %zu\n", map->dates.len);
    if (map->relations.len)
        am_sb_printf(&sb, "  relations:  %zu\n", map->relations.len);
    if (map->major >= 0) {
        const am_unit *u = &map->units.items[map->major];
        am_sb_puts(&sb, "  major claim: ");
        excerpt(&sb, doc->text + u->span.start, u->span.end - u->span.start, 120);
        am_sb_putc(&sb, '\n');
    }
    for (size_t i = 0; i < doc->warnings.len; i++)
        am_sb_printf(&sb, "  warning: %s\n", doc->warnings.items[i]);
    char *s = am_sb_take(&sb, NULL);
    if (!s)
        return am_err_nomem();
    *out = s;
    return 0;
}
