/*
 * render.c - an argument map drawn with Graphviz: am_map_render.
 *
 * The map becomes a cgraph graph (agopen, agnode, agedge, agsafeset; no DOT
 * text is written by hand and no program is run), gvLayout places it and
 * gvRenderData writes SVG, PNG, PDF or Graphviz's JSON into memory. "dot"
 * output is the graph as built, before layout, which is deterministic and
 * what the golden tests compare.
 *
 * The visual language (docs/render.md): claims are boxes, the major claim
 * doubled and bold; evidence has one shape and one fill per type; sources
 * are their own nodes; supports are solid arrows, attacks dashed with a tee
 * head, undercuts dotted onto a small point that splits the edge they
 * attack. Colours are the Okabe-Ito palette, safe for colour-blind readers,
 * or black and greys with mono; shapes and line styles carry the meaning in
 * both. Every label is plain text (never HTML-like), so article text with
 * <, & or quotes is drawn as it is; backslashes are doubled so that
 * Graphviz's \N, \G and \l escapes cannot be smuggled in.
 *
 * Large maps: --focus keeps the neighbourhood of one unit; above
 * sfdp_above nodes the near-linear sfdp engine replaces dot; groups
 * (clusters) are dropped above cluster_max nodes and for engines that do not
 * draw them. With a timeout the layout runs in a forked child that is killed
 * when time is up: Graphviz cannot be interrupted safely in-process, and a
 * child keeps a runaway layout from taking the caller down with it.
 *
 * Graphviz keeps process-wide state (its error level, the error callback),
 * so this is not thread-safe; argmap's parallelism is by process anyway.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <gvc.h>

#include "../core/error.h"
#include "render.h"

/* Under AddressSanitizer, LeakSanitizer reports what Graphviz loses inside
 * its own layout and its text plugin (pango over fontconfig), which no
 * caller can free; it is told to pass over those libraries only (not
 * cgraph, so a graph we forget to close is still caught). The twin of the
 * Graphviz entries in tests/valgrind.supp. */
#if defined(__SANITIZE_ADDRESS__)
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libgvc.so\n"
           "leak:libgvplugin_dot_layout.so\n"
           "leak:libgvplugin_neato_layout.so\n"
           "leak:libgvplugin_pango.so\n"
           "leak:libfontconfig.so\n"
           "leak:libpango-1.0.so\n"
           "leak:libpangoft2-1.0.so\n"
           "leak:libpangocairo-1.0.so\n";
}
#endif

/* ------------------------------------------------------------- options */

const char *am_group_name(am_group g)
{
    switch (g) {
    case AM_GROUP_PARAGRAPH: return "paragraph";
    case AM_GROUP_SOURCE: return "source";
    default: return "none";
    }
}

int am_group_parse(am_group *out, const char *name)
{
    static const am_group all[] = {AM_GROUP_NONE, AM_GROUP_PARAGRAPH, AM_GROUP_SOURCE};
    for (size_t i = 0; name && i < sizeof all / sizeof all[0]; i++)
        if (!strcmp(name, am_group_name(all[i]))) {
            *out = all[i];
            return 0;
        }
    return am_err(AM_EINVAL, "unknown grouping '%s' (paragraph, source, none)",
                  name ? name : "(null)");
}

void am_render_options_init(am_render_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->version = AM_RENDER_OPTIONS_VERSION;
    opts->format = "svg";
    opts->group = AM_GROUP_NONE;
    opts->legend = 1;
    opts->wrap = 32;
    opts->max_label = 160;
    opts->depth = 2;
    opts->sfdp_above = 1000;
    opts->cluster_max = 500;
    opts->max_nodes = 50000;
}

/* The output formats: our name, Graphviz's device, and whether it is text. */
static const struct {
    const char *name, *device;
    int text, layout;
} formats[] = {
    {"svg", "svg", 1, 1},
    {"png", "png", 0, 1},
    {"pdf", "pdf", 0, 1},
    {"json", "json", 1, 1},
    {"dot", NULL, 1, 0}, /* agwrite, no layout */
};

static const char *const engines[] = {"dot", "sfdp", "neato", "fdp", "circo", "twopi"};

/* -------------------------------------------------------------- palette */

typedef struct {
    const char *fill, *line;
} paint;

/* Okabe & Ito (2008), "Color Universal Design": black #000000, orange
 * #E69F00, sky blue #56B4E9, bluish green #009E73, yellow #F0E442, blue
 * #0072B2, vermillion #D55E00, reddish purple #CC79A7. Fills are the same
 * hues mixed with white so black text stays readable on them. */
enum { P_CLAIM, P_MAJOR, P_EV_NONE, P_TESTIMONY, P_STATISTIC, P_EVENT, P_EXAMPLE, P_REPORT,
       P_COMMON, P_SOURCE, P_SUPPORT, P_BACKS, P_ATTACK, P_UNDERCUT, P_COUNT };

static const paint colour[P_COUNT] = {
    [P_CLAIM] = {"#FFFFFF", "#0072B2"},     [P_MAJOR] = {"#BFDCEF", "#0072B2"},
    [P_EV_NONE] = {"#FFFFFF", "#000000"},   [P_TESTIMONY] = {"#D5ECFA", "#000000"},
    [P_STATISTIC] = {"#FAF6C6", "#000000"}, [P_EVENT] = {"#B3E2D5", "#000000"},
    [P_EXAMPLE] = {"#F8E2B3", "#000000"},   [P_REPORT] = {"#F0D7E5", "#000000"},
    [P_COMMON] = {"#E6E6E6", "#000000"},    [P_SOURCE] = {"#EFEFEF", "#555555"},
    [P_SUPPORT] = {NULL, "#000000"},        [P_BACKS] = {NULL, "#555555"},
    [P_ATTACK] = {NULL, "#D55E00"},         [P_UNDERCUT] = {NULL, "#CC79A7"},
};

static const paint grey[P_COUNT] = {
    [P_CLAIM] = {"#FFFFFF", "#000000"},     [P_MAJOR] = {"#D9D9D9", "#000000"},
    [P_EV_NONE] = {"#FFFFFF", "#000000"},   [P_TESTIMONY] = {"#FFFFFF", "#000000"},
    [P_STATISTIC] = {"#FFFFFF", "#000000"}, [P_EVENT] = {"#FFFFFF", "#000000"},
    [P_EXAMPLE] = {"#FFFFFF", "#000000"},   [P_REPORT] = {"#FFFFFF", "#000000"},
    [P_COMMON] = {"#F0F0F0", "#000000"},    [P_SOURCE] = {"#F0F0F0", "#000000"},
    [P_SUPPORT] = {NULL, "#000000"},        [P_BACKS] = {NULL, "#000000"},
    [P_ATTACK] = {NULL, "#000000"},         [P_UNDERCUT] = {NULL, "#000000"},
};

/* Shapes: one per kind, so the map reads without colour; all keep a long
 * label compact (parallelograms and hexagons grow wide around text). */
static const char *ev_shape(am_evidence_type t)
{
    switch (t) {
    case AM_EV_TESTIMONY: return "note";
    case AM_EV_STATISTIC: return "box3d";
    case AM_EV_EVENT: return "cds";
    case AM_EV_EXAMPLE: return "box"; /* with rounded corners: see style_unit */
    case AM_EV_REPORT: return "tab";
    case AM_EV_COMMON_GROUND: return "cylinder";
    default: return "ellipse";
    }
}

static int ev_paint(am_evidence_type t)
{
    switch (t) {
    case AM_EV_TESTIMONY: return P_TESTIMONY;
    case AM_EV_STATISTIC: return P_STATISTIC;
    case AM_EV_EVENT: return P_EVENT;
    case AM_EV_EXAMPLE: return P_EXAMPLE;
    case AM_EV_REPORT: return P_REPORT;
    case AM_EV_COMMON_GROUND: return P_COMMON;
    default: return P_EV_NONE;
    }
}

/* ------------------------------------------------------------ building */

typedef struct {
    const am_map *map;
    const am_render_options *o;
    const paint *pal;
    size_t nu, nn, nr;      /* units, nodes (units + sources), relations */
    unsigned char *keep;    /* per node: drawn */
    unsigned char *cut;     /* per relation: undercut, so split by a point */
    unsigned char *drawn;   /* per relation: drawn */
    unsigned char *touched; /* per node: an edge drawn at it */
    Agraph_t *g;
    Agnode_t **gn;          /* per node */
    Agnode_t **point;       /* per relation: the undercut point, or NULL */
    int clusters;
    unsigned seen_kinds;    /* bit per palette entry drawn, for the legend */
    am_strbuf sb;
} ctx;

static void set(void *obj, const char *name, const char *value)
{
    agsafeset(obj, (char *)name, (char *)value, "");
}

/* The scratch buffer's text, reset for the next use. */
static const char *sbtext(ctx *c)
{
    return c->sb.buf ? c->sb.buf : "";
}

static void sbreset(ctx *c)
{
    c->sb.len = 0;
    if (c->sb.buf)
        c->sb.buf[0] = '\0';
}

/* Attribute defaults, declared once so that "dot" output lists them in the
 * graph's header and each node carries only what differs. */
static void declare(ctx *c)
{
    Agraph_t *g = c->g;
    agattr(g, AGRAPH, "rankdir", "BT");
    agattr(g, AGRAPH, "fontname", "Helvetica");
    agattr(g, AGRAPH, "fontsize", "10");
    agattr(g, AGRAPH, "nodesep", "0.3");
    agattr(g, AGRAPH, "ranksep", "0.45");
    agattr(g, AGRAPH, "outputorder", "edgesfirst");
    agattr(g, AGRAPH, "label", "");
    agattr(g, AGRAPH, "id", "");
    agattr(g, AGRAPH, "style", "");
    agattr(g, AGRAPH, "color", "");
    agattr(g, AGNODE, "shape", "box");
    agattr(g, AGNODE, "style", "filled");
    agattr(g, AGNODE, "fillcolor", "#FFFFFF");
    agattr(g, AGNODE, "color", "#000000");
    agattr(g, AGNODE, "fontname", "Helvetica");
    agattr(g, AGNODE, "fontsize", "10");
    agattr(g, AGNODE, "margin", "0.1,0.05");
    agattr(g, AGNODE, "penwidth", "1");
    agattr(g, AGNODE, "peripheries", "1");
    agattr(g, AGNODE, "label", "");
    agattr(g, AGNODE, "tooltip", "");
    agattr(g, AGNODE, "id", "");
    agattr(g, AGNODE, "class", "");
    agattr(g, AGEDGE, "style", "solid");
    agattr(g, AGEDGE, "color", "#000000");
    agattr(g, AGEDGE, "arrowhead", "normal");
    agattr(g, AGEDGE, "arrowsize", "0.7");
    agattr(g, AGEDGE, "penwidth", "1");
    agattr(g, AGEDGE, "id", "");
    agattr(g, AGEDGE, "class", "");
    agattr(g, AGEDGE, "tooltip", "");
}

static void use(ctx *c, int p)
{
    c->seen_kinds |= 1u << p;
}

static void style_unit(ctx *c, Agnode_t *n, const am_unit *u)
{
    int p;
    if (u->kind == AM_UNIT_CLAIM) {
        p = u->major ? P_MAJOR : P_CLAIM;
        set(n, "shape", "box");
        if (u->major) {
            set(n, "peripheries", "2");
            set(n, "penwidth", "2");
            set(n, "fontname", "Helvetica-Bold");
        } else {
            set(n, "penwidth", "1.5");
        }
        set(n, "class", u->major ? "unit claim major" : "unit claim");
    } else {
        p = ev_paint(u->evidence);
        set(n, "shape", ev_shape(u->evidence));
        if (u->evidence == AM_EV_NONE)
            set(n, "style", "filled,dashed");
        else if (u->evidence == AM_EV_EXAMPLE)
            set(n, "style", "rounded,filled");
        sbreset(c);
        am_sb_puts(&c->sb, "unit evidence ev-");
        am_sb_puts(&c->sb, u->evidence == AM_EV_NONE            ? "none"
                           : u->evidence == AM_EV_COMMON_GROUND ? "common-ground"
                                                                : am_evidence_label(u->evidence));
        set(n, "class", sbtext(c));
    }
    use(c, p);
    set(n, "fillcolor", c->pal[p].fill);
    set(n, "color", c->pal[p].line);
}

/* Set the scratch buffer's text as obj's tooltip. Graphviz 2.42 reads
 * escapes in a tooltip twice (\N becomes the node's name at each pass), so
 * a backslash of the text is written as four. */
static void set_tooltip(ctx *c, void *obj)
{
    am_strbuf esc = {0};
    for (size_t k = 0; k < c->sb.len; k++) {
        if (c->sb.buf[k] == '\\')
            am_sb_puts(&esc, "\\\\\\");
        am_sb_putc(&esc, c->sb.buf[k]);
    }
    if (esc.oom)
        c->sb.oom = 1;
    set(obj, "tooltip", esc.buf ? esc.buf : "");
    am_sb_free(&esc);
}

/* "u3 · claim" and the wrapped text; the tooltip holds it all. */
static void label_unit(ctx *c, Agnode_t *n, size_t i)
{
    const am_map *m = c->map;
    const am_unit *u = &m->units.items[i];
    const char *text = m->doc->text + u->span.start;
    size_t len = u->span.end > u->span.start ? u->span.end - u->span.start : 0;
    const char *kind = u->kind == AM_UNIT_CLAIM ? (u->major ? "major claim" : "claim")
                                                : am_evidence_label(u->evidence);
    sbreset(c);
    am_sb_printf(&c->sb, "u%zu \xC2\xB7 %s\\n", i + 1, kind);
    am_label_plain(&c->sb, text, len, c->o->wrap, c->o->max_label);
    set(n, "label", sbtext(c));

    sbreset(c);
    am_sb_printf(&c->sb, "u%zu (%s): ", i + 1, kind);
    am_text_fold(&c->sb, text, len, 0);
    if (u->source >= 0 && (size_t)u->source < m->sources.len) {
        am_sb_puts(&c->sb, " \xE2\x80\x94 speaker: ");
        am_text_fold(&c->sb, m->sources.items[u->source].name,
                     strlen(m->sources.items[u->source].name), 0);
    }
    set_tooltip(c, n);
}

static void label_source(ctx *c, Agnode_t *n, size_t s)
{
    const am_source *src = &c->map->sources.items[s];
    const char *name = src->name ? src->name : "";
    sbreset(c);
    am_sb_printf(&c->sb, "S%zu \xC2\xB7 %s\\n", s + 1, am_source_kind_name(src->kind));
    am_label_plain(&c->sb, name, strlen(name), c->o->wrap, c->o->max_label);
    if (src->role) {
        am_sb_puts(&c->sb, "\\n(");
        am_label_plain(&c->sb, src->role, strlen(src->role), c->o->wrap, c->o->max_label);
        am_sb_putc(&c->sb, ')');
    }
    set(n, "label", sbtext(c));
    sbreset(c);
    am_sb_printf(&c->sb, "S%zu (%s): ", s + 1, am_source_kind_name(src->kind));
    am_text_fold(&c->sb, name, strlen(name), 0);
    if (src->role) {
        am_sb_puts(&c->sb, ", ");
        am_text_fold(&c->sb, src->role, strlen(src->role), 0);
    }
    set_tooltip(c, n);
    set(n, "shape", "component");
    set(n, "fillcolor", c->pal[P_SOURCE].fill);
    set(n, "color", c->pal[P_SOURCE].line);
    set(n, "class", "source");
    use(c, P_SOURCE);
}

/* The subgraph a node goes into: a cluster for its group, or the root. */
static Agraph_t *group_of(ctx *c, long node)
{
    const am_map *m = c->map;
    if (!c->clusters)
        return c->g;
    char name[48], label[64];
    if (c->o->group == AM_GROUP_PARAGRAPH) {
        if (node >= (long)c->nu)
            return c->g;
        size_t p = m->units.items[node].paragraph;
        snprintf(name, sizeof name, "cluster_p%zu", p + 1);
        snprintf(label, sizeof label, "\xC2\xB6 p%zu", p + 1);
    } else {
        long s = node >= (long)c->nu ? node - (long)c->nu : m->units.items[node].source;
        if (s < 0 || (size_t)s >= m->sources.len)
            return c->g;
        snprintf(name, sizeof name, "cluster_S%ld", s + 1);
        label[0] = '\0';
    }
    Agraph_t *sg = agsubg(c->g, name, 0);
    if (sg)
        return sg;
    sg = agsubg(c->g, name, 1);
    if (!sg)
        return NULL;
    char gid[64];
    snprintf(gid, sizeof gid, "group-%s", name + 8);
    agsafeset(sg, "id", gid, "");
    agsafeset(sg, "style", "rounded,dashed", "");
    agsafeset(sg, "color", "#777777", "");
    if (c->o->group == AM_GROUP_SOURCE) {
        long s = node >= (long)c->nu ? node - (long)c->nu : m->units.items[node].source;
        const char *nm = m->sources.items[s].name ? m->sources.items[s].name : "";
        sbreset(c);
        am_label_plain(&c->sb, nm, strlen(nm), 0, c->o->max_label);
        agsafeset(sg, "label", (char *)sbtext(c), "");
    } else {
        agsafeset(sg, "label", label, "");
    }
    return sg;
}

static Agedge_t *edge(ctx *c, Agnode_t *from, Agnode_t *to, int p, const char *style,
                      const char *head, const char *cls)
{
    Agedge_t *e = agedge(c->g, from, to, NULL, 1);
    if (!e)
        return NULL;
    if (strcmp(style, "solid"))
        set(e, "style", style);
    if (strcmp(head, "normal"))
        set(e, "arrowhead", head);
    if (strcmp(c->pal[p].line, "#000000"))
        set(e, "color", c->pal[p].line);
    if (p == P_ATTACK || p == P_UNDERCUT)
        set(e, "penwidth", "1.5");
    set(e, "class", cls);
    use(c, p);
    return e;
}

static const char *rel_name(am_rel_type t)
{
    switch (t) {
    case AM_REL_ATTACK: return "attacks";
    case AM_REL_UNDERCUT: return "undercuts";
    default: return "supports";
    }
}

/* The look of a support or attack relation. */
static void rel_look(const am_relation *r, int *p, const char **style, const char **head,
                     const char **cls)
{
    if (r->type == AM_REL_ATTACK) {
        *p = P_ATTACK; *style = "dashed"; *head = "tee"; *cls = "rel attack";
    } else if (r->from.kind == AM_NODE_SOURCE) {
        *p = P_BACKS; *style = "solid"; *head = "onormal"; *cls = "rel backs";
    } else {
        *p = P_SUPPORT; *style = "solid"; *head = "normal"; *cls = "rel support";
    }
}

static int add_relations(ctx *c)
{
    const am_map *m = c->map;
    char id[32];
    for (size_t i = 0; i < c->nr; i++) {
        const am_relation *r = &m->relations.items[i];
        if (r->type == AM_REL_UNDERCUT)
            continue;
        long a = am_node_of(m, r->from), b = am_node_of(m, r->to);
        if (a < 0 || b < 0 || !c->keep[a] || !c->keep[b])
            continue;
        int p;
        const char *style, *head, *cls;
        rel_look(r, &p, &style, &head, &cls);
        snprintf(id, sizeof id, "r%zu", i + 1);
        sbreset(c);
        am_sb_printf(&c->sb, "r%zu: ", i + 1);
        char ida[24], idb[24];
        am_node_id(ida, sizeof ida, m, a);
        am_node_id(idb, sizeof idb, m, b);
        am_sb_printf(&c->sb, "%s %s %s", ida, rel_name(r->type), idb);
        if (r->marker) {
            am_sb_puts(&c->sb, " (\xE2\x80\x9C");
            am_text_fold(&c->sb, r->marker, strlen(r->marker), 40);
            am_sb_puts(&c->sb, "\xE2\x80\x9D)");
        }
        Agedge_t *e;
        if (c->cut[i]) {
            /* Split the edge by a point that the undercut can reach. */
            Agnode_t *pt = agnode(c->g, id, 1);
            if (!pt)
                return am_err_nomem();
            set(pt, "shape", "point");
            set(pt, "style", "filled");
            set(pt, "fillcolor", c->pal[p].line);
            set(pt, "color", c->pal[p].line);
            set(pt, "label", "");
            agsafeset(pt, "width", "0.08", "");
            set(pt, "id", id);
            set(pt, "class", "point");
            set_tooltip(c, pt);
            c->point[i] = pt;
            Agedge_t *e1 = edge(c, c->gn[a], pt, p, style, "none", cls);
            if (!e1)
                return am_err_nomem();
            char id1[40];
            snprintf(id1, sizeof id1, "%s-a", id);
            set(e1, "id", id1);
            set_tooltip(c, e1);
            e = edge(c, pt, c->gn[b], p, style, head, cls);
            if (!e)
                return am_err_nomem();
            snprintf(id1, sizeof id1, "%s-b", id);
            set(e, "id", id1);
        } else {
            e = edge(c, c->gn[a], c->gn[b], p, style, head, cls);
            if (!e)
                return am_err_nomem();
            set(e, "id", id);
        }
        set_tooltip(c, e);
        c->drawn[i] = 1;
        c->touched[a] = c->touched[b] = 1;
    }
    for (size_t i = 0; i < c->nr; i++) {
        const am_relation *r = &m->relations.items[i];
        if (r->type != AM_REL_UNDERCUT)
            continue;
        long a = am_node_of(m, r->from);
        size_t t = r->to.index;
        if (a < 0 || !c->keep[a] || r->to.kind != AM_NODE_RELATION || t >= c->nr ||
            !c->point[t])
            continue;
        Agedge_t *e = edge(c, c->gn[a], c->point[t], P_UNDERCUT, "dotted", "tee", "rel undercut");
        if (!e)
            return am_err_nomem();
        snprintf(id, sizeof id, "r%zu", i + 1);
        set(e, "id", id);
        char ida[24];
        am_node_id(ida, sizeof ida, m, a);
        sbreset(c);
        am_sb_printf(&c->sb, "r%zu: %s undercuts r%zu", i + 1, ida, t + 1);
        set_tooltip(c, e);
        c->drawn[i] = 1;
        c->touched[a] = 1;
    }
    return 0;
}

/* dot sets parts that share no edge side by side on one line: a map of
 * unrelated claims (what an early pipeline gives) came out 20,000 pt wide.
 * Nodes with no edge at all are stacked in columns instead, each standing
 * on the one ISOLATED_ROW places before it through an invisible edge. (dot's
 * own packing, pack=true, reads freed memory in Graphviz 2.42: valgrind.) */
#define ISOLATED_ROW 6

static int stack_isolated(ctx *c)
{
    Agnode_t *row[ISOLATED_ROW] = {NULL};
    size_t k = 0;
    for (size_t v = 0; v < c->nn; v++) {
        if (!c->gn[v] || c->touched[v])
            continue;
        Agnode_t *below = row[k % ISOLATED_ROW];
        if (below) {
            Agedge_t *e = agedge(c->g, c->gn[v], below, NULL, 1);
            if (!e)
                return am_err_nomem();
            set(e, "style", "invis");
            set(e, "class", "layout");
        }
        row[k++ % ISOLATED_ROW] = c->gn[v];
    }
    return 0;
}

/* A legend of what is drawn: one sample node per kind drawn, one sample edge
 * per relation type drawn, boxed in a cluster of its own. */
static int add_legend(ctx *c)
{
    static const struct {
        int p;
        const char *name, *shape, *style, *label;
    } kinds[] = {
        {P_MAJOR, "legend-major", "box", "filled", "major claim"},
        {P_CLAIM, "legend-claim", "box", "filled", "claim"},
        {P_TESTIMONY, "legend-testimony", "note", "filled", "testimony"},
        {P_STATISTIC, "legend-statistic", "box3d", "filled", "statistic"},
        {P_EVENT, "legend-event", "cds", "filled", "event"},
        {P_EXAMPLE, "legend-example", "box", "rounded,filled", "example"},
        {P_REPORT, "legend-report", "tab", "filled", "report"},
        {P_COMMON, "legend-common", "cylinder", "filled", "common ground"},
        {P_EV_NONE, "legend-evidence", "ellipse", "filled,dashed", "evidence"},
        {P_SOURCE, "legend-source", "component", "filled", "source"},
    };
    static const struct {
        int p;
        const char *name, *style, *head, *label;
    } rels[] = {
        {P_SUPPORT, "support", "solid", "normal", "supports"},
        {P_BACKS, "backs", "solid", "onormal", "source backs"},
        {P_ATTACK, "attack", "dashed", "tee", "attacks"},
        {P_UNDERCUT, "undercut", "dotted", "tee", "undercuts"},
    };
    unsigned seen = c->seen_kinds;
    if (!seen)
        return 0; /* nothing drawn, nothing to explain */
    Agraph_t *lg = agsubg(c->g, "cluster_legend", 1);
    if (!lg)
        return am_err_nomem();
    Agnode_t *row[3] = {NULL, NULL, NULL};
    size_t shown = 0;
    agsafeset(lg, "label", "Legend", "");
    agsafeset(lg, "id", "legend", "");
    agsafeset(lg, "style", "rounded", "");
    agsafeset(lg, "color", "#999999", "");
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (!(seen & (1u << kinds[i].p)))
            continue;
        Agnode_t *n = agnode(lg, (char *)kinds[i].name, 1);
        if (!n)
            return am_err_nomem();
        set(n, "label", kinds[i].label);
        set(n, "shape", kinds[i].shape);
        if (strcmp(kinds[i].style, "filled"))
            set(n, "style", kinds[i].style);
        set(n, "fillcolor", c->pal[kinds[i].p].fill);
        set(n, "color", c->pal[kinds[i].p].line);
        set(n, "id", kinds[i].name);
        set(n, "class", "legend");
        if (kinds[i].p == P_MAJOR) {
            set(n, "peripheries", "2");
            set(n, "penwidth", "2");
            set(n, "fontname", "Helvetica-Bold");
        } else if (kinds[i].p == P_CLAIM) {
            set(n, "penwidth", "1.5");
        }
        /* A grid three samples wide: each sample stands on the one three
         * before it (an invisible edge), so the legend grows in height
         * rather than doubling the width of a wide map. */
        if (shown >= 3) {
            Agedge_t *e = agedge(lg, n, row[shown % 3], NULL, 1);
            if (!e)
                return am_err_nomem();
            set(e, "style", "invis");
        }
        row[shown++ % 3] = n;
    }
    for (size_t i = 0; i < sizeof rels / sizeof rels[0]; i++) {
        if (!(seen & (1u << rels[i].p)))
            continue;
        char a[40], b[40];
        snprintf(a, sizeof a, "legend-%s-from", rels[i].name);
        snprintf(b, sizeof b, "legend-%s-to", rels[i].name);
        Agnode_t *na = agnode(lg, a, 1), *nb = agnode(lg, b, 1);
        if (!na || !nb)
            return am_err_nomem();
        set(na, "shape", "plaintext");
        set(na, "style", "");
        set(na, "peripheries", "0");
        set(na, "label", rels[i].label);
        set(na, "id", a);
        set(na, "class", "legend");
        set(nb, "shape", "point");
        set(nb, "label", "");
        agsafeset(nb, "width", "0.05", "");
        set(nb, "id", b);
        set(nb, "class", "legend");
        Agedge_t *e = agedge(lg, na, nb, NULL, 1);
        if (!e)
            return am_err_nomem();
        if (strcmp(rels[i].style, "solid"))
            set(e, "style", rels[i].style);
        if (strcmp(rels[i].head, "normal"))
            set(e, "arrowhead", rels[i].head);
        if (strcmp(c->pal[rels[i].p].line, "#000000"))
            set(e, "color", c->pal[rels[i].p].line);
        set(e, "class", "legend");
    }
    return 0;
}

/* Which nodes are drawn: units that argue, sources that take part, and with
 * a focus only those within depth relations of it (either direction; an
 * undercut reaches both ends of the relation it attacks). */
static int select_nodes(ctx *c, long focus)
{
    const am_map *m = c->map;
    for (size_t i = 0; i < c->nu; i++)
        c->keep[i] = m->units.items[i].kind != AM_UNIT_NONE;
    for (size_t i = 0; i < c->nr; i++) {
        const am_relation *r = &m->relations.items[i];
        long a = am_node_of(m, r->from), b = am_node_of(m, r->to);
        if (a >= (long)c->nu && b >= 0 && c->keep[b])
            c->keep[a] = 1;
        if (b >= (long)c->nu && a >= 0 && c->keep[a])
            c->keep[b] = 1;
        if (r->type == AM_REL_UNDERCUT && a >= (long)c->nu)
            c->keep[a] = 1;
    }
    if (c->o->group == AM_GROUP_SOURCE)
        for (size_t i = 0; i < c->nu; i++) {
            long s = m->units.items[i].source;
            if (c->keep[i] && s >= 0 && (size_t)s < m->sources.len)
                c->keep[c->nu + s] = 1;
        }
    if (focus < 0)
        return 0;
    if (!c->keep[focus])
        return am_err(AM_ENOTFOUND, "--focus u%ld: the unit argues nothing, so it is not drawn",
                      focus + 1);
    /* Breadth-first, one relation scan per level: depth is small. */
    unsigned char *in = calloc(c->nn, 1);
    if (!in)
        return am_err_nomem();
    in[focus] = 1;
    for (size_t level = 0; level < c->o->depth; level++) {
        unsigned char *next = malloc(c->nn);
        if (!next) {
            free(in);
            return am_err_nomem();
        }
        memcpy(next, in, c->nn);
        for (size_t i = 0; i < c->nr; i++) {
            const am_relation *r = &m->relations.items[i];
            long a = am_node_of(m, r->from), b = am_node_of(m, r->to), b2 = -1;
            if (r->type == AM_REL_UNDERCUT && r->to.kind == AM_NODE_RELATION &&
                r->to.index < c->nr) {
                b = am_node_of(m, m->relations.items[r->to.index].from);
                b2 = am_node_of(m, m->relations.items[r->to.index].to);
            }
            if (a < 0 || !c->keep[a])
                continue;
            long ends[2] = {b, b2};
            for (int k = 0; k < 2; k++) {
                long e = ends[k];
                if (e < 0 || !c->keep[e])
                    continue;
                if (in[a])
                    next[e] = 1;
                if (in[e])
                    next[a] = 1;
            }
        }
        free(in);
        in = next;
    }
    for (size_t i = 0; i < c->nn; i++)
        c->keep[i] = c->keep[i] && in[i];
    free(in);
    return 0;
}

static int parse_unit_id(const am_map *m, const char *id, long *out)
{
    char *end;
    if (!id || (id[0] != 'u' && id[0] != 'U') || id[1] < '1' || id[1] > '9')
        return am_err(AM_EINVAL, "--focus '%s': expected a unit id such as u3",
                      id ? id : "(null)");
    errno = 0;
    unsigned long v = strtoul(id + 1, &end, 10);
    if (errno || *end)
        return am_err(AM_EINVAL, "--focus '%s': expected a unit id such as u3", id);
    if (v > m->units.len)
        return am_err(AM_ENOTFOUND, "--focus %s: no such unit (the map has %zu)", id,
                      m->units.len);
    *out = (long)v - 1;
    return 0;
}

static int build(ctx *c, const char *engine)
{
    const am_map *m = c->map;
    declare(c);
    char id[32];
    for (size_t v = 0; v < c->nn; v++) {
        if (!c->keep[v])
            continue;
        Agraph_t *sg = group_of(c, (long)v);
        if (!sg)
            return am_err_nomem();
        am_node_id(id, sizeof id, m, (long)v);
        Agnode_t *n = agnode(sg, id, 1);
        if (!n)
            return am_err_nomem();
        c->gn[v] = n;
        set(n, "id", id);
        if (v < c->nu) {
            style_unit(c, n, &m->units.items[v]);
            label_unit(c, n, v);
        } else {
            label_source(c, n, v - c->nu);
        }
    }
    int err = add_relations(c);
    if (err < 0)
        return err;
    if (c->seen_kinds == 0) {
        /* Nothing argues: say so rather than draw an empty page. */
        Agnode_t *n = agnode(c->g, "empty", 1);
        if (!n)
            return am_err_nomem();
        sbreset(c);
        am_sb_puts(&c->sb, "no claims or evidence found in ");
        const char *name = m->doc->name ? m->doc->name : "";
        am_label_plain(&c->sb, name, strlen(name), 0, c->o->max_label);
        set(n, "label", sbtext(c));
        set(n, "shape", "plaintext");
        set(n, "style", "");
        set(n, "peripheries", "0");
        set(n, "id", "empty");
    }
    if (!strcmp(engine, "dot") && (err = stack_isolated(c)) < 0)
        return err;
    if (!strcmp(engine, "sfdp") || !strcmp(engine, "fdp") || !strcmp(engine, "neato")) {
        /* Keep labels from overlapping in the force-directed engines by
         * scaling the layout up (overlap=scale): measured on 5,000 nodes
         * it costs 3% of the layout where prism removal takes 10 times
         * the layout itself. quadtree=fast is sfdp's cheaper force
         * approximation (34 s -> 1.3 s at 5,000 nodes with both; see
         * docs/render.md). Straight edges: spline routing is quadratic. */
        agsafeset(c->g, "overlap", "scale", "");
        agsafeset(c->g, "quadtree", "fast", "");
        agsafeset(c->g, "splines", "false", "");
    }
    return c->sb.oom ? am_err_nomem() : 0;
}

/* --------------------------------------------------- layout and output */

/* Graphviz reports errors through a callback; collect them for our message
 * instead of letting it print. */
static char gv_msg[512];
static size_t gv_msg_len;

static int gv_collect(char *msg)
{
    /* Graphviz hands over a message in pieces ("Error", ": ", the text):
     * join them, lines separated by "; ". */
    for (const char *p = msg; *p && gv_msg_len + 3 < sizeof gv_msg; p++) {
        if (*p == '\n') {
            if (gv_msg_len && p[1])
                gv_msg[gv_msg_len++] = ';', gv_msg[gv_msg_len++] = ' ';
        } else {
            gv_msg[gv_msg_len++] = *p;
        }
    }
    gv_msg[gv_msg_len] = '\0';
    return 0;
}

static const char *gv_last(void)
{
    return gv_msg_len ? gv_msg : "no message from Graphviz";
}

/* agwrite into a string buffer: the graph's own I/O discipline. */
static int sb_putstr(void *chan, const char *str)
{
    am_sb_puts(chan, str);
    return 0;
}

static int sb_flush(void *chan)
{
    (void)chan;
    return 0;
}

static Agiodisc_t sb_io = {NULL, sb_putstr, sb_flush};

static int write_dot(Agraph_t *g, char **out, size_t *len)
{
    am_strbuf sb = {0};
    if (agwrite(g, &sb) != 0 || agerrors() >= AGERR) {
        am_sb_free(&sb);
        return am_err(AM_EIO, "Graphviz could not write the graph: %s", gv_last());
    }
    char *s = am_sb_take(&sb, len);
    if (!s)
        return am_err_nomem();
    *out = s;
    return 0;
}

/* Object ids in name order of creation. cgraph's own id discipline uses
 * the address of the interned name as the id, and keeps subgraphs (our
 * clusters) in id order: their order in the output, and in dot's layout,
 * then follows the heap. Here a name's id is its creation index (even, as
 * cgraph wants for named objects; anonymous ones get odd ids), found again
 * through a small open-addressing hash table. Names are interned with
 * agstrdup, as cgraph expects of the strings an id prints as. */
typedef struct {
    Agraph_t *g;
    char **names;  /* agstrdup'd: cgraph reads a flag in front of a name */
    size_t len, cap;
    size_t *slots; /* index + 1, 0 empty */
    size_t nslots;
    IDTYPE anon;
} idstate;

static size_t name_hash(const char *s)
{
    size_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static void *id_open(Agraph_t *g, Agdisc_t *d)
{
    (void)d;
    idstate *st = calloc(1, sizeof *st);
    if (st) {
        st->anon = 1;
        st->g = g;
    }
    return st;
}

static int id_grow(idstate *st)
{
    size_t n = st->nslots ? st->nslots * 2 : 256;
    size_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < st->len; i++) {
        size_t h = name_hash(st->names[i]) & (n - 1);
        while (slots[h])
            h = (h + 1) & (n - 1);
        slots[h] = i + 1;
    }
    free(st->slots);
    st->slots = slots;
    st->nslots = n;
    return 0;
}

static long id_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
    idstate *st = state;
    (void)objtype;
    if (!str) {
        *id = st->anon;
        st->anon += 2;
        return 1;
    }
    if (st->nslots) {
        size_t h = name_hash(str) & (st->nslots - 1);
        for (; st->slots[h]; h = (h + 1) & (st->nslots - 1))
            if (!strcmp(st->names[st->slots[h] - 1], str)) {
                *id = 2 * (IDTYPE)(st->slots[h] - 1);
                return 1;
            }
    }
    if (!createflag)
        return 0;
    if ((st->len + 1) * 2 > st->nslots && id_grow(st) < 0)
        return 0;
    if (st->len == st->cap) {
        size_t cap = st->cap ? st->cap * 2 : 128;
        char **names = realloc(st->names, cap * sizeof *names);
        if (!names)
            return 0;
        st->names = names;
        st->cap = cap;
    }
    char *copy = agstrdup(st->g, str);
    if (!copy)
        return 0;
    st->names[st->len] = copy;
    size_t h = name_hash(str) & (st->nslots - 1);
    while (st->slots[h])
        h = (h + 1) & (st->nslots - 1);
    st->slots[h] = st->len + 1;
    *id = 2 * (IDTYPE)st->len++;
    return 1;
}

static long id_alloc(void *state, int objtype, IDTYPE request)
{
    (void)state;
    (void)objtype;
    (void)request;
    return 0; /* ids are only handed out by id_map */
}

static void id_free(void *state, int objtype, IDTYPE id)
{
    (void)state;
    (void)objtype;
    (void)id;
}

static char *id_print(void *state, int objtype, IDTYPE id)
{
    idstate *st = state;
    (void)objtype;
    if (id % 2 == 0 && id / 2 < st->len)
        return st->names[id / 2];
    return NULL;
}

static void id_close(void *state)
{
    idstate *st = state;
    if (!st)
        return;
    /* The names go with the graph's string table (agclose). */
    free(st->names);
    free(st->slots);
    free(st);
}

static void id_register(void *state, int objtype, void *obj)
{
    (void)state;
    (void)objtype;
    (void)obj;
}

static Agiddisc_t seq_ids = {id_open, id_map, id_alloc, id_free, id_print, id_close, id_register};

/* One Graphviz context for the life of the process. Graphviz 2.42's pango
 * plugin keeps a pointer to the last font name across contexts, which
 * gvFreeContext frees: a second context reads freed memory (valgrind shows
 * it). The context is made on first use and left to the process's end. */
static GVC_t *the_gvc;

static GVC_t *gvc_get(void)
{
    if (!the_gvc)
        the_gvc = gvContext();
    return the_gvc;
}

/* Layout (when the format needs one) and render into a malloc'd buffer. */
static int layout_render(GVC_t *gvc, Agraph_t *g, const char *engine, const char *device,
                         int layout, char **out, size_t *len)
{
    char *data = NULL;
    unsigned int n = 0;
    int err = 0, laid = 0;
    agreseterrors();
    if (layout) {
        if (gvLayout(gvc, g, engine) != 0 || agerrors() >= AGERR) {
            err = am_err(AM_EIO, "Graphviz layout (%s) failed: %s", engine, gv_last());
            goto done;
        }
        laid = 1;
    }
    if (gvRenderData(gvc, g, device, &data, &n) != 0 || agerrors() >= AGERR || !data) {
        err = am_err(AM_EIO, "Graphviz could not write %s: %s", device, gv_last());
        goto done;
    }
    char *copy = malloc((size_t)n + 1);
    if (!copy) {
        err = am_err_nomem();
        goto done;
    }
    memcpy(copy, data, n);
    copy[n] = '\0';
    *out = copy;
    *len = n;
done:
    if (data)
        gvFreeRenderData(data);
    if (laid)
        gvFreeLayout(gvc, g);
    return err;
}

static int write_all(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n > 0) {
        ssize_t k = write(fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* The same in a forked child, killed after `timeout` seconds. The child
 * sends a header (int32 status, uint64 length) and then the bytes, or the
 * error message when the status is negative. */
static int layout_render_forked(GVC_t *gvc, Agraph_t *g, const char *engine,
                                const char *device, int layout, unsigned timeout,
                                size_t nodes, char **out, size_t *len)
{
    int fds[2];
    if (pipe(fds) < 0)
        return am_err(AM_EIO, "layout: pipe: %s", strerror(errno));
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return am_err(AM_EIO, "layout: fork: %s", strerror(errno));
    }
    if (pid == 0) {
        close(fds[0]);
        char *data = NULL;
        size_t n = 0;
        int32_t st = layout_render(gvc, g, engine, device, layout, &data, &n);
        const char *msg = am_error_last();
        if (st < 0) {
            data = (char *)msg;
            n = strlen(msg);
        }
        uint64_t n64 = n;
        int bad = write_all(fds[1], &st, sizeof st) < 0 || write_all(fds[1], &n64, sizeof n64) < 0 ||
                  write_all(fds[1], data, n) < 0;
        _exit(bad ? 1 : 0);
    }
    close(fds[1]);
    am_strbuf got = {0};
    double deadline = now_ms() + timeout * 1000.0;
    int err = 0, timed_out = 0;
    char buf[65536];
    for (;;) {
        double left = deadline - now_ms();
        if (left <= 0) {
            timed_out = 1;
            break;
        }
        struct pollfd pfd = {fds[0], POLLIN, 0};
        int pr = poll(&pfd, 1, left > 1e9 ? 1000000000 : (int)left + 1);
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr < 0) {
            err = am_err(AM_EIO, "layout: poll: %s", strerror(errno));
            break;
        }
        if (pr == 0)
            continue;
        ssize_t k = read(fds[0], buf, sizeof buf);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            err = am_err(AM_EIO, "layout: read: %s", strerror(errno));
            break;
        }
        if (k == 0)
            break;
        am_sb_append(&got, buf, (size_t)k);
        if (got.oom) {
            err = am_err_nomem();
            break;
        }
    }
    close(fds[0]);
    if (timed_out || err < 0)
        kill(pid, SIGKILL);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (timed_out) {
        err = am_err(AM_ELIMIT,
                     "layout (%s) of %zu nodes took longer than %u s, the time limit "
                     "(--timeout): draw part of the map with --focus ID --depth N, "
                     "or write -T dot, which needs no layout",
                     engine, nodes, timeout);
    } else if (err == 0) {
        int32_t st;
        uint64_t n64;
        const size_t hdr = sizeof st + sizeof n64;
        if (WIFSIGNALED(status)) {
            err = am_err(AM_EIO, "layout (%s) crashed (signal %d) in Graphviz", engine,
                         WTERMSIG(status));
        } else if (got.len < hdr) {
            err = am_err(AM_EIO, "layout (%s): no answer from the layout process", engine);
        } else {
            memcpy(&st, got.buf, sizeof st);
            memcpy(&n64, got.buf + sizeof st, sizeof n64);
            if (got.len - hdr != n64) {
                err = am_err(AM_EIO, "layout (%s): a short answer from the layout process",
                             engine);
            } else if (st < 0) {
                err = am_err(st, "%.*s", (int)n64, got.buf + hdr);
            } else {
                char *copy = malloc(n64 + 1);
                if (!copy) {
                    err = am_err_nomem();
                } else {
                    memcpy(copy, got.buf + hdr, n64);
                    copy[n64] = '\0';
                    *out = copy;
                    *len = n64;
                }
            }
        }
    }
    am_sb_free(&got);
    return err;
}

int am_map_render(char **out, size_t *len, const am_map *map, const am_render_options *opts,
                  am_render_info *info)
{
    am_render_options defaults;
    if (!opts) {
        am_render_options_init(&defaults);
        opts = &defaults;
    }
    if (!out || !map)
        return am_err(AM_EINVAL, "am_map_render: NULL argument");
    if (opts->version != AM_RENDER_OPTIONS_VERSION)
        return am_err(AM_EINVAL, "render options: version %d, expected %d", opts->version,
                      AM_RENDER_OPTIONS_VERSION);
    const char *fmt = opts->format ? opts->format : "svg";
    int fi = -1;
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (!strcmp(fmt, formats[i].name))
            fi = (int)i;
    if (fi < 0)
        return am_err(AM_EINVAL, "unknown output format '%s' (svg, png, pdf, json, dot)", fmt);
    if (opts->engine && strcmp(opts->engine, "auto")) {
        int ok = 0;
        for (size_t i = 0; i < sizeof engines / sizeof engines[0]; i++)
            ok |= !strcmp(opts->engine, engines[i]);
        if (!ok)
            return am_err(AM_EINVAL,
                          "unknown layout engine '%s' (auto, dot, sfdp, neato, fdp, circo, twopi)",
                          opts->engine);
    }
    if ((int)opts->group < AM_GROUP_NONE || opts->group > AM_GROUP_SOURCE)
        return am_err(AM_EINVAL, "render options: bad grouping %d", (int)opts->group);

    am_render_info inf = {0};
    ctx c = {0};
    c.map = map;
    c.o = opts;
    c.pal = opts->mono ? grey : colour;
    c.nu = map->units.len;
    c.nn = map->units.len + map->sources.len;
    c.nr = map->relations.len;
    GVC_t *gvc = NULL;
    agusererrf old_errf = NULL;
    int err = 0, hooked = 0;
    long focus = -1;
    for (size_t i = 0; i < c.nr; i++) {
        const am_relation *r = &map->relations.items[i];
        int bad = r->type == AM_REL_UNDERCUT
                      ? (r->to.kind != AM_NODE_RELATION || r->to.index >= c.nr ||
                         am_node_of(map, r->from) < 0)
                      : (am_node_of(map, r->from) < 0 || am_node_of(map, r->to) < 0);
        if (bad)
            return am_err(AM_EINVAL, "relation r%zu: an endpoint that is not in the map", i + 1);
    }
    if (opts->focus && (err = parse_unit_id(map, opts->focus, &focus)) < 0)
        return err;
    c.keep = calloc(c.nn + 1, 1);
    c.cut = calloc(c.nr + 1, 1);
    c.drawn = calloc(c.nr + 1, 1);
    c.touched = calloc(c.nn + 1, 1);
    c.gn = calloc(c.nn + 1, sizeof *c.gn);
    c.point = calloc(c.nr + 1, sizeof *c.point);
    if (!c.keep || !c.cut || !c.drawn || !c.touched || !c.gn || !c.point) {
        err = am_err_nomem();
        goto done;
    }
    if ((err = select_nodes(&c, focus)) < 0)
        goto done;
    size_t nodes = 0;
    for (size_t v = 0; v < c.nn; v++)
        nodes += c.keep[v];
    if (nodes > opts->max_nodes) {
        err = am_err(AM_ELIMIT,
                     "the map has %zu nodes to draw, more than %zu (--max-nodes); "
                     "draw part of it with --focus ID --depth N",
                     nodes, opts->max_nodes);
        goto done;
    }
    for (size_t i = 0; i < c.nr; i++) {
        const am_relation *r = &map->relations.items[i];
        if (r->type == AM_REL_UNDERCUT && c.keep[am_node_of(map, r->from)]) {
            const am_relation *t = &map->relations.items[r->to.index];
            long a = am_node_of(map, t->from), b = am_node_of(map, t->to);
            if (t->type != AM_REL_UNDERCUT && a >= 0 && b >= 0 && c.keep[a] && c.keep[b])
                c.cut[r->to.index] = 1;
        }
    }
    const char *engine = opts->engine && strcmp(opts->engine, "auto") ? opts->engine
                         : nodes > opts->sfdp_above                  ? "sfdp"
                                                                     : "dot";
    int is_dot = !strcmp(engine, "dot");
    if (opts->group != AM_GROUP_NONE) {
        if (is_dot && nodes <= opts->cluster_max)
            c.clusters = 1;
        else
            inf.clusters_dropped = 1;
    }
    int legend = opts->legend && (is_dot || !formats[fi].layout);
    inf.legend_dropped = opts->legend && !legend;

    /* gvContext first: it sets the library-wide attribute defaults. */
    old_errf = agseterrf(gv_collect);
    hooked = 1;
    gv_msg_len = 0;
    gv_msg[0] = '\0';
    gvc = gvc_get();
    if (!gvc) {
        err = am_err(AM_EIO, "Graphviz: no context (are its plugins installed? libgvc6)");
        goto done;
    }
    static Agdisc_t disc;
    disc.mem = &AgMemDisc;
    disc.id = &seq_ids;
    disc.io = &sb_io;
    c.g = agopen("argmap", Agdirected, &disc);
    if (!c.g) {
        err = am_err_nomem();
        goto done;
    }
    if ((err = build(&c, engine)) < 0)
        goto done;
    for (size_t v = 0; v < c.nn; v++)
        inf.nodes += c.gn[v] != NULL;
    for (size_t i = 0; i < c.nr; i++)
        inf.edges += c.drawn[i];
    if (c.clusters) {
        for (Agraph_t *sg = agfstsubg(c.g); sg; sg = agnxtsubg(sg))
            inf.clusters++;
    }
    if (legend && (err = add_legend(&c)) < 0)
        goto done;
    if (formats[fi].layout)
        snprintf(inf.engine, sizeof inf.engine, "%s", engine);
    char *data = NULL;
    size_t n = 0;
    agreseterrors();
    if (!formats[fi].layout)
        err = write_dot(c.g, &data, &n);
    else if (opts->timeout)
        err = layout_render_forked(gvc, c.g, engine, formats[fi].device, 1, opts->timeout,
                                   nodes, &data, &n);
    else
        err = layout_render(gvc, c.g, engine, formats[fi].device, 1, &data, &n);
    if (err < 0)
        goto done;
    *out = data;
    if (len)
        *len = n;
    if (info)
        *info = inf;
done:
    if (c.g)
        agclose(c.g);
    if (hooked)
        agseterrf(old_errf);
    am_sb_free(&c.sb);
    free(c.keep);
    free(c.cut);
    free(c.drawn);
    free(c.touched);
    free(c.gn);
    free(c.point);
    return err;
}
