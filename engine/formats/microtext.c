/*
 * microtext.c - import of the argumentative microtext corpus's XML (the
 * arggraph DTD of Peldszus & Stede) into an am_map, so gold maps can be
 * drawn and compared with argmap's own.
 *
 *   <edu id="e1">text</edu>      a segment of the text; the document is the
 *                                segments joined by one space, which is
 *                                the corpus's .txt file byte for byte
 *   <joint id="j1"/>             segments that count only together
 *   <adu id="a1" type="pro|opp"/> a unit (its span: its segments' span);
 *                                the role is kept in the side table
 *   <edge type="seg">            segment -> joint/unit
 *   sup, exa                     support (exa: the source is an example)
 *   reb                          attack
 *   und                          undercut: the target is an edge
 *   add                          a linked premise joining an edge: made a
 *                                relation of the joined edge's type to the
 *                                joined edge's target (as the corpus's own
 *                                evaluations count it), with the joined
 *                                edge's id, so AIF gets one scheme node
 *
 * Edges that target edges are made after their targets (a topological
 * order); a cycle of edges on edges is an error. libxml2 reads the XML without
 * network, entity expansion or DTD loading, and without printing.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "../core/error.h"
#include "import.h"
#include "ix.h"

typedef enum { K_EDU, K_JOINT, K_ADU, K_EDGE } mt_kind;

typedef struct {
    mt_kind kind;
    char *id;
    int line;
    /* edu */
    am_tspan span;
    int has_span;
    /* adu */
    char role;
    long unit;
    /* edge */
    char *src, *trg, *type;
    long srcn, trgn;  /* element indices */
    long rel;         /* relation made for it, or -1 */
    int done;
} mt_el;

typedef struct {
    const char *name;
    am_map *map;
    AM_VEC(mt_el) els;
    size_t *order; /* element indices sorted by id */
} mt_in;

static mt_in *sort_mt;

static int cmp_el_id(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    int c = strcmp(sort_mt->els.items[a].id, sort_mt->els.items[b].id);
    return c ? c : (a < b ? -1 : a > b); /* duplicates in input order */
}

static long find_el(const mt_in *m, const char *id)
{
    size_t lo = 0, hi = m->els.len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(m->els.items[m->order[mid]].id, id);
        if (c == 0)
            return (long)m->order[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

static char *attr(xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v)
        return NULL;
    char *s = strdup((const char *)v);
    xmlFree(v);
    return s;
}

static int need_attr(mt_in *m, xmlNode *n, const char *name, char **out)
{
    if (!(*out = attr(n, name))) {
        if (xmlHasProp(n, (const xmlChar *)name))
            return am_err_nomem();
        return am_err(AM_EPARSE, "%s: line %d: <%s> has no %s attribute", m->name,
                      (int)xmlGetLineNo(n), (const char *)n->name, name);
    }
    if (!**out) { /* freed here: callers own *out only on success (an <adu type=""> leaked) */
        free(*out);
        *out = NULL;
        return am_err(AM_EPARSE, "%s: line %d: <%s> has an empty %s attribute", m->name,
                      (int)xmlGetLineNo(n), (const char *)n->name, name);
    }
    return 0;
}

/* Read the elements; the EDU texts go into the document as they come. */
static int read_elements(mt_in *m, xmlNode *root, size_t max_nodes, am_strbuf *text)
{
    int err = 0;
    size_t unknown = 0;
    for (xmlNode *n = root->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *nm = (const char *)n->name;
        mt_kind k;
        if (!strcmp(nm, "edu"))
            k = K_EDU;
        else if (!strcmp(nm, "joint"))
            k = K_JOINT;
        else if (!strcmp(nm, "adu"))
            k = K_ADU;
        else if (!strcmp(nm, "edge"))
            k = K_EDGE;
        else {
            if (unknown++ == 0 &&
                (err = am_doc_warn(m->map->owned_doc, "%s: line %d: unknown element <%.40s> "
                                   "ignored", m->name, (int)xmlGetLineNo(n), nm)) < 0)
                return err;
            continue;
        }
        if (m->els.len >= max_nodes)
            return am_err(AM_ELIMIT, "%s: line %d: more than %zu elements, the limit", m->name,
                          (int)xmlGetLineNo(n), max_nodes);
        mt_el *e = AM_VEC_PUSH(&m->els);
        if (!e)
            return am_err_nomem();
        e->kind = k;
        e->line = (int)xmlGetLineNo(n);
        e->unit = e->rel = e->srcn = e->trgn = -1;
        if ((err = need_attr(m, n, "id", &e->id)) < 0)
            return err;
        if (k == K_EDU) {
            xmlChar *c = xmlNodeGetContent(n);
            if (!c)
                return am_err_nomem();
            const char *s = (const char *)c;
            size_t len = strlen(s);
            while (len && (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')) {
                s++;
                len--;
            }
            while (len && (s[len - 1] == ' ' || s[len - 1] == '\n' || s[len - 1] == '\t' ||
                           s[len - 1] == '\r'))
                len--;
            if (text->len)
                am_sb_putc(text, ' ');
            e->span.start = text->len;
            for (size_t i = 0; i < len; i++) /* one paragraph: the text has no line breaks */
                am_sb_putc(text, s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]);
            e->span.end = text->len;
            e->has_span = len > 0;
            xmlFree(c);
            if (text->oom)
                return am_err_nomem();
        } else if (k == K_ADU) {
            char *t = NULL;
            if ((err = need_attr(m, n, "type", &t)) < 0)
                return err;
            e->role = !strcmp(t, "pro") ? 'p' : !strcmp(t, "opp") ? 'o' : 0;
            if (!e->role)
                err = am_err(AM_EPARSE, "%s: line %d: adu \"%s\": type \"%s\" is neither pro "
                             "nor opp", m->name, e->line, e->id, t);
            free(t);
            if (err < 0)
                return err;
        } else if (k == K_EDGE) {
            if ((err = need_attr(m, n, "src", &e->src)) < 0 ||
                (err = need_attr(m, n, "trg", &e->trg)) < 0 ||
                (err = need_attr(m, n, "type", &e->type)) < 0)
                return err;
            static const char *const types[] = {"seg", "sup", "exa", "reb", "und", "add", NULL};
            int ok = 0;
            for (const char *const *t = types; *t; t++)
                ok |= !strcmp(e->type, *t);
            if (!ok)
                return am_err(AM_EPARSE, "%s: line %d: edge \"%s\": unknown type \"%s\" (seg, "
                              "sup, exa, reb, und or add)", m->name, e->line, e->id, e->type);
        }
    }
    return 0;
}

static const char *kind_name(mt_kind k)
{
    switch (k) {
    case K_EDU: return "edu";
    case K_JOINT: return "joint";
    case K_ADU: return "adu";
    default: return "edge";
    }
}

/* Ids unique; edge ends exist and are of the kind the edge type needs. */
static int check(mt_in *m)
{
    for (size_t k = 1; k < m->els.len; k++) {
        const mt_el *a = &m->els.items[m->order[k - 1]], *b = &m->els.items[m->order[k]];
        if (!strcmp(a->id, b->id))
            return am_err(AM_EPARSE, "%s: line %d: duplicate id \"%s\" (also line %d)", m->name,
                          a->line > b->line ? a->line : b->line, a->id,
                          a->line > b->line ? b->line : a->line);
    }
    for (size_t i = 0; i < m->els.len; i++) {
        mt_el *e = &m->els.items[i];
        if (e->kind != K_EDGE)
            continue;
        e->srcn = find_el(m, e->src);
        e->trgn = find_el(m, e->trg);
        if (e->srcn < 0 || e->trgn < 0)
            return am_err(AM_EPARSE, "%s: line %d: edge \"%s\": %s \"%s\" names no element "
                          "(a dangling edge)", m->name, e->line, e->id, e->srcn < 0 ? "src" : "trg",
                          e->srcn < 0 ? e->src : e->trg);
        mt_kind s = m->els.items[e->srcn].kind, t = m->els.items[e->trgn].kind;
        int seg = !strcmp(e->type, "seg"), on_edge = !strcmp(e->type, "und") || !strcmp(e->type, "add");
        int ok = seg ? ((s == K_EDU && (t == K_ADU || t == K_JOINT)) || (s == K_JOINT && t == K_ADU))
                     : s == K_ADU && (on_edge ? t == K_EDGE : t == K_ADU);
        if (!ok)
            return am_err(AM_EPARSE, "%s: line %d: edge \"%s\" of type %s cannot go from %s \"%s\" "
                          "to %s \"%s\"", m->name, e->line, e->id, e->type, kind_name(s), e->src,
                          kind_name(t), e->trg);
        if (e->srcn == e->trgn)
            return am_err(AM_EPARSE, "%s: line %d: edge \"%s\" goes from \"%s\" to itself",
                          m->name, e->line, e->id, e->src);
        if (!seg && on_edge && !strcmp(m->els.items[e->trgn].type, "seg"))
            return am_err(AM_EPARSE, "%s: line %d: edge \"%s\" of type %s targets the "
                          "segmentation edge \"%s\"", m->name, e->line, e->id, e->type, e->trg);
    }
    return 0;
}

/* The span of every joint and ADU: the union of the segments that reach
 * it. Segment edges go edu -> joint -> adu or edu -> adu, so two sweeps
 * over the edges (from edus, then from joints) see every path. */
static void spans(mt_in *m)
{
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < m->els.len; i++) {
            const mt_el *e = &m->els.items[i];
            if (e->kind != K_EDGE || strcmp(e->type, "seg"))
                continue;
            const mt_el *s = &m->els.items[e->srcn];
            mt_el *t = &m->els.items[e->trgn];
            if ((pass == 0) != (s->kind == K_EDU) || !s->has_span)
                continue;
            if (!t->has_span || s->span.start < t->span.start)
                t->span.start = s->span.start;
            if (!t->has_span || s->span.end > t->span.end)
                t->span.end = s->span.end;
            t->has_span = 1;
        }
    }
}

static int make_units(mt_in *m)
{
    am_map *map = m->map;
    spans(m);
    for (size_t i = 0; i < m->els.len; i++) {
        mt_el *e = &m->els.items[i];
        if (e->kind != K_ADU)
            continue;
        if (!e->has_span)
            return am_err(AM_EPARSE, "%s: line %d: adu \"%s\" has no text: no seg edge from a "
                          "non-empty edu reaches it", m->name, e->line, e->id);
        long u = am_ix_add_unit(map, e->span, 0, e->id);
        if (u < 0)
            return (int)u;
        e->unit = u;
        map->ix->unit_role.items[u] = e->role;
    }
    return 0;
}

static int make_one(mt_in *m, mt_el *e)
{
    am_map *map = m->map;
    const mt_el *src = &m->els.items[e->srcn], *trg = &m->els.items[e->trgn];
    am_ref from = {AM_NODE_UNIT, (size_t)src->unit}, to;
    am_rel_type type;
    if (trg->kind == K_ADU) {
        to.kind = AM_NODE_UNIT;
        to.index = (size_t)trg->unit;
        type = !strcmp(e->type, "reb") ? AM_REL_ATTACK : AM_REL_SUPPORT;
    } else if (!strcmp(e->type, "und")) {
        to.kind = AM_NODE_RELATION;
        to.index = (size_t)trg->rel;
        type = AM_REL_UNDERCUT;
    } else { /* add: join the target edge as one more premise */
        const am_relation *joined = &map->relations.items[trg->rel];
        to = joined->to;
        type = joined->type;
    }
    if (to.kind == AM_NODE_UNIT && to.index == from.index)
        return am_err(AM_EPARSE, "%s: line %d: edge \"%s\": adu \"%s\" would back itself",
                      m->name, e->line, e->id, src->id);
    /* A linked premise shares the id of the edge it joins, so that AIF
     * export writes one scheme node with both premises. */
    const char *id = e->id;
    if (!strcmp(e->type, "add"))
        id = map->ix->rel_ids.items[trg->rel];
    long r = am_ix_add_relation(map, from, to, type, "gold", id);
    if (r < 0)
        return (int)r;
    e->rel = r;
    e->done = 1;
    if (!strcmp(e->type, "exa")) {
        map->units.items[from.index].evidence = AM_EV_EXAMPLE;
        map->units.items[from.index].kind = AM_UNIT_EVIDENCE;
    }
    return 0;
}

/* Edges on edges are made after the edge they target (a topological
 * order); a cycle of edges targeting each other is an error. */
static int make_relations(mt_in *m)
{
    size_t n = m->els.len;
    size_t *start = malloc((n + 1) * sizeof *start), *deps = malloc((n ? n : 1) * sizeof *deps);
    size_t *order = malloc((n ? n : 1) * sizeof *order), k = 0, cycle = 0;
    int err = 0;
    if (!start || !deps || !order) {
        err = am_err_nomem();
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        const mt_el *e = &m->els.items[i];
        start[i] = k;
        if (e->kind == K_EDGE && strcmp(e->type, "seg") && m->els.items[e->trgn].kind == K_EDGE)
            deps[k++] = (size_t)e->trgn;
    }
    start[n] = k;
    int r = am_ix_topo(n, start, deps, order, &cycle);
    if (r < 0) {
        err = r;
        goto done;
    }
    if (r == 1) {
        err = am_err(AM_EPARSE, "%s: line %d: edge \"%s\" is on a cycle of edges that target "
                     "each other", m->name, m->els.items[cycle].line, m->els.items[cycle].id);
        goto done;
    }
    for (size_t i = 0; i < n && err >= 0; i++) {
        mt_el *e = &m->els.items[order[i]];
        if (e->kind == K_EDGE && strcmp(e->type, "seg"))
            err = make_one(m, e);
    }
done:
    free(start);
    free(deps);
    free(order);
    return err;
}

/* The central claim is the one unit with no outgoing relation; units that
 * only back others (and back no relation) are evidence. */
static int roles(mt_in *m)
{
    am_map *map = m->map;
    size_t n = map->units.len;
    size_t *in = calloc(n ? n : 1, sizeof *in), *out = calloc(n ? n : 1, sizeof *out);
    if (!in || !out) {
        free(in);
        free(out);
        return am_err_nomem();
    }
    for (size_t r = 0; r < map->relations.len; r++) {
        const am_relation *rel = &map->relations.items[r];
        out[rel->from.index]++;
        in[rel->to.index] += rel->to.kind == AM_NODE_UNIT;
    }
    long central = -1;
    size_t roots = 0;
    for (size_t u = 0; u < n; u++) {
        am_unit *un = &map->units.items[u];
        if (!out[u]) {
            roots++;
            if (central < 0)
                central = (long)u;
        } else if (!in[u]) {
            un->kind = AM_UNIT_EVIDENCE;
        }
    }
    free(in);
    free(out);
    if (central >= 0) {
        map->major = central;
        map->units.items[central].major = 1;
        map->units.items[central].kind = AM_UNIT_CLAIM;
    }
    if (roots != 1)
        return am_doc_warn(map->owned_doc, "%s: %zu units back nothing; a microtext has exactly "
                           "one central claim (took the first)", m->name, roots);
    return 0;
}

int am_microtext_import(am_map **out, const char *name, const char *data, size_t len,
                        const am_import_options *opts)
{
    mt_in m = {0};
    m.name = name;
    am_strbuf text = {0};
    xmlDoc *x = NULL;
    int err = 0;
    if (len > (size_t)0x7fffffff)
        return am_err(AM_ELIMIT, "%s: too large for the XML reader", name);
    if (memchr(data, '\0', len))
        return am_err(AM_EPARSE, "%s: byte %zu: NUL byte; not an XML text", name,
                      (size_t)((const char *)memchr(data, '\0', len) - data));
    /* libxml2 builds its whole tree first, about 500 bytes an element (a
     * million <edu> in 23 MB took 570 MB before read_elements could count
     * them): count the tags first, at most 8 per allowed element. */
    size_t tags = 0, max_tags = opts->max_nodes > ((size_t)-1 - 64) / 8
                                   ? (size_t)-1 : opts->max_nodes * 8 + 64;
    for (const char *p = data; (p = memchr(p, '<', len - (size_t)(p - data))); p++)
        if (++tags > max_tags)
            return am_err(AM_ELIMIT, "%s: byte %zu: more than %zu tags (8 per element allowed "
                          "by --max-nodes)", name, (size_t)(p - data), max_tags);
    xmlParserCtxt *ctxt = xmlNewParserCtxt();
    if (!ctxt)
        return am_err_nomem();
    x = xmlCtxtReadMemory(ctxt, data, (int)len, name, NULL,
                          XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                          XML_PARSE_NOCDATA);
    if (!x) {
        const xmlError *xe = xmlCtxtGetLastError(ctxt);
        char msg[160] = "not well-formed";
        if (xe && xe->message) {
            snprintf(msg, sizeof msg, "%s", xe->message);
            size_t k = strlen(msg);
            while (k && (msg[k - 1] == '\n' || msg[k - 1] == ' '))
                msg[--k] = '\0';
        }
        err = am_err(AM_EPARSE, "%s: line %d, column %d: malformed XML: %s", name,
                     xe ? xe->line : 0, xe ? xe->int2 : 0, msg);
        goto done;
    }
    xmlNode *root = xmlDocGetRootElement(x);
    if (!root || strcmp((const char *)root->name, "arggraph")) {
        err = am_err(AM_EPARSE, "%s: not a microtext: the root element is <%s>, not <arggraph>",
                     name, root ? (const char *)root->name : "");
        goto done;
    }
    if ((err = am_ix_map_new(&m.map, name, AM_IMPORT_MICROTEXT)) < 0 ||
        (err = read_elements(&m, root, opts->max_nodes, &text)) < 0)
        goto done;
    /* One paragraph: the text as the corpus's .txt file has it. */
    size_t tl = text.len;
    if ((err = am_ix_doc_finish(m.map, &text)) < 0)
        goto done;
    if (tl) {
        am_block *b = AM_VEC_PUSH(&m.map->owned_doc->blocks);
        if (!b) {
            err = am_err_nomem();
            goto done;
        }
        b->span.start = 0;
        b->span.end = tl;
        b->kind = AM_BLOCK_PARAGRAPH;
    }
    if (!(m.order = malloc((m.els.len ? m.els.len : 1) * sizeof *m.order))) {
        err = am_err_nomem();
        goto done;
    }
    for (size_t i = 0; i < m.els.len; i++)
        m.order[i] = i;
    sort_mt = &m;
    qsort(m.order, m.els.len, sizeof *m.order, cmp_el_id);
    if ((err = check(&m)) < 0 || (err = make_units(&m)) < 0 || (err = make_relations(&m)) < 0 ||
        (err = roles(&m)) < 0)
        goto done;
    *out = m.map;
    m.map = NULL;
done:
    for (size_t i = 0; i < m.els.len; i++) {
        free(m.els.items[i].id);
        free(m.els.items[i].src);
        free(m.els.items[i].trg);
        free(m.els.items[i].type);
    }
    free(m.els.items);
    free(m.order);
    am_sb_free(&text);
    am_map_free(m.map);
    xmlFreeDoc(x);
    xmlFreeParserCtxt(ctxt);
    return err;
}
