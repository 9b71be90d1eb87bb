/*
 * graphml.c - the map as GraphML, for yEd, Gephi, Cytoscape and draw.io.
 *
 * A node per unit in the graph and per source, an edge per relation (from
 * what backs to what is backed, as everywhere in argmap). GraphML edges
 * join nodes only, so an inference that is undercut also appears as a
 * node of kind "relation" (id rN) at which the undercut ends. Every
 * attribute is declared once as a typed <key>; values are escaped for XML
 * and characters XML 1.0 forbids become spaces.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/strbuf.h"
#include "export.h"
#include "json.h"

static void put_xml(am_strbuf *sb, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '&': am_sb_puts(sb, "&amp;"); break;
        case '<': am_sb_puts(sb, "&lt;"); break;
        case '>': am_sb_puts(sb, "&gt;"); break;
        case '"': am_sb_puts(sb, "&quot;"); break;
        case '\'': am_sb_puts(sb, "&apos;"); break;
        default:
            am_sb_putc(sb, c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? ' ' : (char)c);
        }
    }
}

static const struct {
    const char *id, *for_, *name, *type;
} KEYS[] = {
    {"g_name", "graph", "document", "string"},
    {"g_title", "graph", "title", "string"},
    {"n_kind", "node", "kind", "string"},        /* unit, source, relation */
    {"n_label", "node", "label", "string"},
    {"n_text", "node", "text", "string"},
    {"n_unit_kind", "node", "unit_kind", "string"},
    {"n_major", "node", "major", "boolean"},
    {"n_evidence", "node", "evidence", "string"},
    {"n_confidence", "node", "confidence", "double"},
    {"n_question", "node", "question", "boolean"},
    {"n_paragraph", "node", "paragraph", "int"},
    {"n_start", "node", "start", "long"},
    {"n_end", "node", "end", "long"},
    {"n_speaker", "node", "speaker", "string"},
    {"n_quote", "node", "quote", "string"},
    {"n_source_kind", "node", "source_kind", "string"},
    {"n_role", "node", "role", "string"},
    {"n_aliases", "node", "aliases", "string"},
    {"e_type", "edge", "type", "string"},
    {"e_reason", "edge", "reason", "string"},
    {"e_marker", "edge", "marker", "string"},
    {"e_confidence", "edge", "confidence", "double"},
};

static void data_str(am_strbuf *sb, const char *key, const char *s, size_t n)
{
    am_sb_printf(sb, "      <data key=\"%s\">", key);
    put_xml(sb, s, n);
    am_sb_puts(sb, "</data>\n");
}

static void data_cstr(am_strbuf *sb, const char *key, const char *s)
{
    if (s)
        data_str(sb, key, s, strlen(s));
}

static void ref_id(char *buf, size_t n, am_ref r)
{
    snprintf(buf, n, "%c%zu", r.kind == AM_NODE_SOURCE ? 'S' : r.kind == AM_NODE_RELATION ? 'r' : 'u',
             r.index + 1);
}

static void put_unit(am_strbuf *sb, const am_map *map, size_t u)
{
    const am_unit *un = &map->units.items[u];
    const char *t = map->doc->text + un->span.start;
    size_t n = un->span.end - un->span.start;
    am_span sp = am_doc_src_span(map->doc, un->span);
    am_sb_printf(sb, "    <node id=\"u%zu\">\n", u + 1);
    data_cstr(sb, "n_kind", "unit");
    /* a short label for drawing; the whole text beside it */
    size_t ln = n;
    if (ln > 80) {
        ln = 80;
        while (ln > 0 && ((unsigned char)t[ln] & 0xC0) == 0x80)
            ln--;
    }
    am_sb_printf(sb, "      <data key=\"n_label\">u%zu: ", u + 1);
    put_xml(sb, t, ln);
    if (ln < n)
        am_sb_puts(sb, "...");
    am_sb_puts(sb, "</data>\n");
    data_str(sb, "n_text", t, n);
    data_cstr(sb, "n_unit_kind", un->kind == AM_UNIT_CLAIM ? "claim"
                                 : un->kind == AM_UNIT_EVIDENCE ? "evidence" : "none");
    data_cstr(sb, "n_major", un->major ? "true" : "false");
    data_cstr(sb, "n_evidence", am_evidence_name(un->evidence));
    am_sb_printf(sb, "      <data key=\"n_confidence\">%.4f</data>\n", un->confidence);
    data_cstr(sb, "n_question", un->question ? "true" : "false");
    am_sb_printf(sb, "      <data key=\"n_paragraph\">%zu</data>\n", un->paragraph + 1);
    am_sb_printf(sb, "      <data key=\"n_start\">%zu</data>\n", sp.start);
    am_sb_printf(sb, "      <data key=\"n_end\">%zu</data>\n", sp.end);
    long src = un->source;
    if (src < 0 && un->quote >= 0)
        src = map->quotes.items[un->quote].source;
    if (src >= 0)
        data_cstr(sb, "n_speaker", map->sources.items[src].name);
    if (un->quote >= 0) {
        const am_quote *q = &map->quotes.items[un->quote];
        data_str(sb, "n_quote", map->doc->text + q->content.start, q->content.end - q->content.start);
    }
    am_sb_puts(sb, "    </node>\n");
}

static void put_source(am_strbuf *sb, const am_map *map, size_t s)
{
    const am_source *so = &map->sources.items[s];
    am_sb_printf(sb, "    <node id=\"S%zu\">\n", s + 1);
    data_cstr(sb, "n_kind", "source");
    data_cstr(sb, "n_label", so->name);
    data_cstr(sb, "n_text", so->name);
    data_cstr(sb, "n_source_kind", am_source_kind_name(so->kind));
    data_cstr(sb, "n_role", so->role);
    if (so->aliases.len) {
        am_strbuf al = {0};
        for (size_t i = 0; i < so->aliases.len; i++) {
            if (i)
                am_sb_puts(&al, "; ");
            am_sb_puts(&al, so->aliases.items[i]);
        }
        if (al.buf)
            data_str(sb, "n_aliases", al.buf, al.len);
        if (al.oom)
            sb->oom = 1;
        am_sb_free(&al);
    }
    am_sb_puts(sb, "    </node>\n");
}

int am_map_to_graphml(char **out, size_t *len, const am_map *map)
{
    if (!out || !map)
        return am_err(AM_EINVAL, "am_map_to_graphml: NULL argument");
    const am_document *doc = map->doc;
    am_strbuf sb = {0};
    char *undercut = calloc(map->relations.len ? map->relations.len : 1, 1);
    if (!undercut)
        return am_err_nomem();
    am_sb_puts(&sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
                    "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                    "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
                    "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    for (size_t i = 0; i < sizeof KEYS / sizeof KEYS[0]; i++)
        am_sb_printf(&sb, "  <key id=\"%s\" for=\"%s\" attr.name=\"%s\" attr.type=\"%s\"/>\n",
                     KEYS[i].id, KEYS[i].for_, KEYS[i].name, KEYS[i].type);
    am_sb_puts(&sb, "  <graph id=\"G\" edgedefault=\"directed\">\n");
    am_sb_puts(&sb, "  ");
    data_cstr(&sb, "g_name", doc->name);
    if (doc->has_title) {
        const am_block *t = &doc->blocks.items[doc->title_block];
        am_sb_puts(&sb, "  ");
        data_str(&sb, "g_title", doc->text + t->span.start, t->span.end - t->span.start);
    }
    char *in_graph = am_graph_units(map);
    if (!in_graph) { /* the buffer so far was leaked here (test_alloc under valgrind) */
        free(undercut);
        am_sb_free(&sb);
        return am_err_nomem();
    }
    for (size_t u = 0; u < map->units.len; u++)
        if (in_graph[u])
            put_unit(&sb, map, u);
    free(in_graph);
    for (size_t s = 0; s < map->sources.len; s++)
        put_source(&sb, map, s);
    for (size_t r = 0; r < map->relations.len; r++) {
        const am_relation *rel = &map->relations.items[r];
        if (rel->to.kind == AM_NODE_RELATION && rel->to.index < map->relations.len)
            undercut[rel->to.index] = 1;
    }
    for (size_t r = 0; r < map->relations.len; r++) {
        if (!undercut[r])
            continue;
        const am_relation *rel = &map->relations.items[r];
        char from[32], to[32];
        ref_id(from, sizeof from, rel->from);
        ref_id(to, sizeof to, rel->to);
        am_sb_printf(&sb, "    <node id=\"r%zu\">\n", r + 1);
        data_cstr(&sb, "n_kind", "relation");
        am_sb_printf(&sb, "      <data key=\"n_label\">%s %s %s</data>\n", from, am_rel_type_name(rel->type), to);
        am_sb_puts(&sb, "    </node>\n");
    }
    for (size_t r = 0; r < map->relations.len; r++) {
        const am_relation *rel = &map->relations.items[r];
        char from[32], to[32];
        ref_id(from, sizeof from, rel->from);
        ref_id(to, sizeof to, rel->to);
        am_sb_printf(&sb, "    <edge id=\"r%zu\" source=\"%s\" target=\"%s\">\n", r + 1, from, to);
        data_cstr(&sb, "e_type", am_rel_type_name(rel->type));
        data_cstr(&sb, "e_reason", rel->reason);
        data_cstr(&sb, "e_marker", rel->marker);
        am_sb_printf(&sb, "      <data key=\"e_confidence\">%.4f</data>\n", rel->confidence);
        am_sb_puts(&sb, "    </edge>\n");
    }
    am_sb_puts(&sb, "  </graph>\n</graphml>\n");
    free(undercut);
    char *s = am_sb_take(&sb, len);
    if (!s)
        return am_err_nomem();
    *out = s;
    return 0;
}
