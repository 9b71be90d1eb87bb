/*
 * argdown.c - the map as Argdown (argdown.org), to read, edit and draw in
 * the Argdown tools.
 *
 *   # <title>
 *   ## Paragraph 3                    a heading per paragraph with units
 *   [u4 Germany produces way]: Germany produces way too much rubbish. #claim
 *     {id: "u4", kind: "claim", type: "statistic", speaker: "...", span: "120-160"}
 *   # Relations
 *   [u5 ...]                          relations under the unit that backs:
 *     +> [u4 ...]                     supports
 *     -> [u2 ...]                     attacks
 *     _> <r3>                         undercuts the inference r3, written as
 *   <r3>: u5 supports u4.             an argument (Argdown lets only
 *                                     arguments be undercut)
 *
 * Statement text is escaped with backslashes wherever Argdown would read
 * markup (tags, references, emphasis, data, special characters, comments),
 * so it parses back to the same words; tests/checks/check_argdown.py runs the
 * Argdown command line on the output to make sure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/strbuf.h"
#include "export.h"
#include "json.h"

/* Text where Argdown reads markup: a backslash before each special byte. */
static void put_text(am_strbuf *sb, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\n' || c == '\r' || c == '\t') {
            am_sb_putc(sb, ' ');
            continue;
        }
        /* what opens an Argdown token: tags, references, mentions,
         * emphasis, data, escapes; ".x." and ":x:" special characters;
         * comments. Other punctuation is kept as it is. */
        char next = i + 1 < n ? s[i + 1] : ' ';
        int nonspace = next != ' ' && next != '\n' && next != '\t' && next != '\r';
        if ((c && strchr("\\@#*_[]<>{}", c)) || ((c == '.' || c == ':') && nonspace) ||
            (c == '/' && (next == '/' || next == '*')))
            am_sb_putc(sb, '\\');
        am_sb_putc(sb, c);
    }
}

/* A title: the unit id and the first words, letters and digits only, so it
 * never holds a bracket or other markup. */
static void put_title(am_strbuf *sb, const am_map *map, size_t u)
{
    const am_unit *un = &map->units.items[u];
    const char *t = map->doc->text + un->span.start;
    size_t n = un->span.end - un->span.start, words = 0, chars = 0;
    am_sb_printf(sb, "u%zu", u + 1);
    int space = 1;
    for (size_t i = 0; i < n && chars < 40; i++) {
        unsigned char c = (unsigned char)t[i];
        int word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   c >= 0x80;
        if (word) {
            if (space) {
                if (words == 5)
                    break;
                am_sb_putc(sb, ' ');
                words++;
            }
            am_sb_putc(sb, (char)c);
            chars++;
            space = 0;
        } else if (c != '.' && c != '\'') { /* "U.S." stays one word */
            space = 1;
        }
    }
    /* do not cut a UTF-8 sequence: finish it */
    while (sb->len && ((unsigned char)sb->buf[sb->len - 1] & 0xC0) == 0xC0)
        sb->len--, sb->buf[sb->len] = '\0';
}

/* A YAML double-quoted string. */
static void put_yaml_str(am_strbuf *sb, const char *s, size_t n)
{
    am_sb_putc(sb, '"');
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '"' || c == '\\')
            am_sb_putc(sb, '\\');
        if (c == '{' || c == '}') /* the Argdown lexer ends data at a brace */
            c = c == '{' ? '(' : ')';
        if ((unsigned char)c < 0x20)
            c = ' ';
        am_sb_putc(sb, c);
    }
    am_sb_putc(sb, '"');
}

static const char *kind_name(am_unit_kind k)
{
    return k == AM_UNIT_CLAIM ? "claim" : k == AM_UNIT_EVIDENCE ? "evidence" : "none";
}

static void put_statement(am_strbuf *sb, const am_map *map, size_t u)
{
    const am_unit *un = &map->units.items[u];
    am_sb_putc(sb, '[');
    put_title(sb, map, u);
    am_sb_puts(sb, "]: ");
    put_text(sb, map->doc->text + un->span.start, un->span.end - un->span.start);
    am_sb_puts(sb, un->kind == AM_UNIT_EVIDENCE ? " #evidence" : " #claim");
    if (un->major)
        am_sb_puts(sb, " #major");
    if (un->quote >= 0)
        am_sb_puts(sb, " #quote");
    am_span sp = am_doc_src_span(map->doc, un->span);
    am_sb_printf(sb, "\n  {id: \"u%zu\", kind: \"%s\"", u + 1, kind_name(un->kind));
    const char *ev = am_evidence_name(un->evidence);
    if (ev)
        am_sb_printf(sb, ", type: \"%s\"", ev);
    long src = un->source;
    if (src < 0 && un->quote >= 0)
        src = map->quotes.items[un->quote].source;
    if (src >= 0) {
        const char *name = map->sources.items[src].name;
        am_sb_puts(sb, ", speaker: ");
        put_yaml_str(sb, name, strlen(name));
    }
    am_sb_printf(sb, ", span: \"%zu-%zu\"}\n\n", sp.start, sp.end);
}

static const am_relation *sort_rel; /* qsort has no context argument */

static int cmp_by_from(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    size_t fa = sort_rel[a].from.index, fb = sort_rel[b].from.index;
    if (fa != fb)
        return fa < fb ? -1 : 1;
    return a < b ? -1 : a > b;
}

int am_map_to_argdown(char **out, size_t *len, const am_map *map)
{
    if (!out || !map)
        return am_err(AM_EINVAL, "am_map_to_argdown: NULL argument");
    const am_document *doc = map->doc;
    am_strbuf sb = {0};
    am_sb_puts(&sb, "# ");
    if (doc->has_title) {
        const am_block *t = &doc->blocks.items[doc->title_block];
        put_text(&sb, doc->text + t->span.start, t->span.end - t->span.start);
    } else {
        put_text(&sb, doc->name, strlen(doc->name));
    }
    am_sb_puts(&sb, "\n\n");
    /* Units by paragraph, in text order within each. */
    char *in_graph = am_graph_units(map);
    size_t nr = map->relations.len;
    size_t *by_from = malloc((nr ? nr : 1) * sizeof *by_from);
    char *undercut = calloc(nr ? nr : 1, 1);
    if (!in_graph || !by_from || !undercut) {
        free(in_graph);
        free(by_from);
        free(undercut);
        am_sb_free(&sb);
        return am_err_nomem();
    }
    long last_para = -1;
    for (size_t u = 0; u < map->units.len; u++) {
        if (!in_graph[u])
            continue;
        const am_unit *un = &map->units.items[u];
        if ((long)un->paragraph != last_para) {
            am_sb_printf(&sb, "## Paragraph %zu\n\n", un->paragraph + 1);
            last_para = (long)un->paragraph;
        }
        put_statement(&sb, map, u);
    }
    /* Relations, grouped under the unit that backs or attacks: the
     * relations from units, sorted by that unit (then in map order). */
    size_t m = 0;
    for (size_t r = 0; r < nr; r++)
        if (map->relations.items[r].from.kind == AM_NODE_UNIT &&
            map->relations.items[r].to.kind != AM_NODE_SOURCE)
            by_from[m++] = r;
    sort_rel = map->relations.items;
    if (m > 1)
        qsort(by_from, m, sizeof *by_from, cmp_by_from);
    int heading = 0;
    for (size_t k = 0; k < m;) {
        size_t u = map->relations.items[by_from[k]].from.index;
        int opened = 0;
        for (; k < m && map->relations.items[by_from[k]].from.index == u; k++) {
            size_t r = by_from[k];
            const am_relation *rel = &map->relations.items[r];
            if (!heading) {
                am_sb_puts(&sb, "# Relations\n\n");
                heading = 1;
            }
            if (!opened) {
                am_sb_putc(&sb, '[');
                put_title(&sb, map, u);
                am_sb_puts(&sb, "]\n");
                opened = 1;
            }
            if (rel->to.kind == AM_NODE_RELATION) {
                am_sb_printf(&sb, "  _> <r%zu>\n", rel->to.index + 1);
                undercut[rel->to.index] = 1;
                continue;
            }
            am_sb_puts(&sb, rel->type == AM_REL_SUPPORT ? "  +> [" : "  -> [");
            put_title(&sb, map, rel->to.index);
            am_sb_puts(&sb, "]\n");
        }
        if (opened)
            am_sb_putc(&sb, '\n');
    }
    /* The inferences that are undercut, as arguments. */
    for (size_t r = 0; r < map->relations.len; r++) {
        if (!undercut[r])
            continue;
        const am_relation *rel = &map->relations.items[r];
        const char *verb = rel->type == AM_REL_SUPPORT ? "supports"
                         : rel->type == AM_REL_ATTACK ? "attacks" : "undercuts";
        char from[32], to[32];
        snprintf(from, sizeof from, "%c%zu", rel->from.kind == AM_NODE_SOURCE ? 'S' : 'u',
                 rel->from.index + 1);
        snprintf(to, sizeof to, "%c%zu", rel->to.kind == AM_NODE_RELATION ? 'r' : 'u',
                 rel->to.index + 1);
        am_sb_printf(&sb, "<r%zu>: %s %s %s.\n  {id: \"r%zu\", kind: \"inference\"}\n\n", r + 1,
                     from, verb, to, r + 1);
    }
    free(undercut);
    free(in_graph);
    free(by_from);
    char *s = am_sb_take(&sb, len);
    if (!s)
        return am_err_nomem();
    *out = s;
    return 0;
}
