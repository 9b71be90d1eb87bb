/*
 * report.c - the HTML report: one self-contained page about one article.
 *
 * The page holds the map (inline SVG from am_map_render), the article with
 * its units highlighted by kind, and tables of claims (support figures,
 * unsupported first), sources (their quotations and the claims they back)
 * and support chains. Nothing is fetched: CSS and a little JavaScript are
 * inline, so the file can be mailed, archived or opened offline. Clicking a
 * node scrolls to its text and highlights it; clicking text highlights its
 * node. Element ids tie the two: the SVG node of unit u3 has id "u3" (set
 * by render.c), its text span "text-u3".
 *
 * All article text goes through am_html_escape: HTML in an article is shown
 * as text, never read as markup. The SVG is Graphviz's, which escapes its
 * own text (render.c keeps labels plain).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "render.h"

/* Bounds on what the tables list, so a huge map gives a usable page. */
#define CHAINS_PER_CLAIM 8
#define CHAIN_ROWS_MAX 2000
#define CHAIN_LEN_MAX 12
#define CHAIN_STEPS_MAX 20000
#define QUOTE_CHARS 240
#define CELL_CHARS 300

static const char css[] =
    ":root{--claim:#0072B2;--attack:#D55E00;--hl:#D55E00}\n"
    "body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;"
    "color:#111;margin:0 auto;max-width:72rem;padding:0 1rem 3rem}\n"
    "header{border-bottom:2px solid var(--claim);margin-bottom:1rem}\n"
    "h1{font-size:1.5rem;margin:1rem 0 .25rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}\n"
    ".meta{color:#444;margin:.25rem 0 .75rem}\n"
    ".map{border:1px solid #ccc;border-radius:4px;overflow:auto;max-height:80vh;"
    "background:#fff}\n"
    ".map svg{display:block;margin:auto;max-width:none}\n"
    ".map.fit svg{max-width:100%;height:auto}\n"
    ".map g.node[id^=u],.map g.node[id^=S]{cursor:pointer}\n"
    ".map g.node.hl polygon,.map g.node.hl ellipse,.map g.node.hl path,"
    ".map g.node.hl polyline{stroke:var(--hl);stroke-width:4px}\n"
    ".key span{display:inline-block;margin:0 .5rem .25rem 0;padding:0 .3rem}\n"
    "#article p,#article h3{margin:.6rem 0}\n"
    ".u{cursor:pointer;border-radius:2px;padding:0 1px}\n"
    ".u.claim{background:#E3F0F8;border-bottom:2px solid var(--claim)}\n"
    ".u.major{background:#BFDCEF;border-bottom:3px double var(--claim);font-weight:600}\n"
    ".u.evidence{border-bottom:2px dashed #000}\n"
    ".u.ev-testimony{background:#D5ECFA}.u.ev-statistic{background:#FAF6C6}"
    ".u.ev-event{background:#B3E2D5}.u.ev-example{background:#F8E2B3}"
    ".u.ev-report{background:#F0D7E5}.u.ev-common-ground{background:#E6E6E6}"
    ".u.ev-none{background:#fff;border-bottom-style:dotted}\n"
    ".hl{outline:3px solid var(--hl);outline-offset:1px}\n"
    "table{border-collapse:collapse;width:100%;font-size:.9rem}\n"
    "th,td{border:1px solid #ccc;padding:.25rem .4rem;text-align:left;vertical-align:top}\n"
    "th{background:#f2f2f2}td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    "tr.unsupported td:first-child{border-left:4px solid var(--attack)}\n"
    "a.ref{color:var(--claim);cursor:pointer;text-decoration:none;font-weight:600}\n"
    ".note{color:#555;font-size:.85rem}\n"
    "ul.q{margin:0;padding-left:1.1rem}\n"
    "@media print{body{max-width:none;font-size:10pt;padding:0}.screen{display:none}"
    ".u,.key span,th{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    ".map{max-height:none;overflow:visible;border:none}.map svg{max-width:100%;height:auto}"
    "section{break-inside:auto}h2{break-after:avoid}tr{break-inside:avoid}"
    ".hl{outline:none}.map g.node.hl polygon{stroke-width:1px}"
    "a.ref{color:#000}.u{padding:0}}\n";

static const char js[] =
    "(function(){\n"
    "  function clear(){document.querySelectorAll('.hl').forEach(function(e){"
    "e.classList.remove('hl');});}\n"
    "  function pick(id,from){\n"
    "    clear();\n"
    "    var t=document.getElementById('text-'+id),n=document.getElementById(id);\n"
    "    if(t){t.classList.add('hl');if(from!=='text')t.scrollIntoView({block:'center'});}\n"
    "    if(n){n.classList.add('hl');if(from!=='node')"
    "n.scrollIntoView({block:'center',inline:'center'});}\n"
    "  }\n"
    "  document.querySelectorAll('.map g.node').forEach(function(g){\n"
    "    if(!/^(u|S)[0-9]+$/.test(g.id))return;\n"
    "    g.addEventListener('click',function(e){e.preventDefault();pick(g.id,'node');});\n"
    "  });\n"
    "  var m=document.querySelector('.map');\n"
    "  if(m)m.addEventListener('dblclick',function(){m.classList.toggle('fit');});\n"
    "  document.querySelectorAll('[data-unit]').forEach(function(s){\n"
    "    s.addEventListener('click',function(e){e.preventDefault();"
    "pick(s.getAttribute('data-unit'),s.classList.contains('u')?'text':'table');});\n"
    "  });\n"
    "})();\n";

static void esc(am_strbuf *sb, const char *s, size_t n)
{
    am_html_escape(sb, s, n);
}

static void esc_str(am_strbuf *sb, const char *s)
{
    if (s)
        am_html_escape(sb, s, strlen(s));
}

/* Folded (one line, cut at max characters) and escaped. */
static void esc_fold(am_strbuf *sb, const char *s, size_t n, size_t max)
{
    am_strbuf f = {0};
    am_text_fold(&f, s, n, max);
    if (f.oom)
        sb->oom = 1;
    else if (f.len)
        esc(sb, f.buf, f.len);
    am_sb_free(&f);
}

static void unit_text(am_strbuf *sb, const am_map *m, size_t u, size_t max)
{
    const am_unit *x = &m->units.items[u];
    size_t n = x->span.end > x->span.start ? x->span.end - x->span.start : 0;
    esc_fold(sb, m->doc->text + x->span.start, n, max);
}

/* A link to a node: clicking it highlights the node and its text. */
static void ref(am_strbuf *sb, const am_map *m, long node)
{
    char id[32];
    am_node_id(id, sizeof id, m, node);
    am_sb_printf(sb, "<a class=\"ref\" href=\"#text-%s\" data-unit=\"%s\">%s</a>", id, id, id);
}

static void unit_classes(am_strbuf *sb, const am_unit *u)
{
    if (u->kind == AM_UNIT_CLAIM) {
        am_sb_puts(sb, u->major ? "u claim major" : "u claim");
        return;
    }
    am_sb_puts(sb, "u evidence ev-");
    am_sb_puts(sb, u->evidence == AM_EV_NONE            ? "none"
                   : u->evidence == AM_EV_COMMON_GROUND ? "common-ground"
                                                        : am_evidence_label(u->evidence));
}

static const char *unit_kind_label(const am_unit *u)
{
    if (u->kind == AM_UNIT_CLAIM)
        return u->major ? "major claim" : "claim";
    return am_evidence_label(u->evidence);
}

static int by_start(const void *a, const void *b, void *ctx)
{
    const am_map *m = ctx;
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    size_t sx = m->units.items[x].span.start, sy = m->units.items[y].span.start;
    return sx < sy ? -1 : sx > sy ? 1 : x < y ? -1 : x > y;
}

/* qsort has no context argument in C11; units are few enough for an
 * insertion sort, and it is stable. */
static void sort_units(size_t *idx, size_t n, const am_map *m)
{
    for (size_t i = 1; i < n; i++) {
        size_t v = idx[i], j = i;
        while (j > 0 && by_start(&idx[j - 1], &v, (void *)m) > 0) {
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = v;
    }
}

static void write_article(am_strbuf *sb, const am_map *m, const size_t *order, size_t nunits)
{
    const am_document *doc = m->doc;
    size_t k = 0; /* next unit in text order */
    am_sb_puts(sb, "<section id=\"article\"><h2>Article</h2>\n<p class=\"key\">"
                   "<span class=\"u major\">major claim</span><span class=\"u claim\">claim</span>"
                   "<span class=\"u evidence ev-testimony\">testimony</span>"
                   "<span class=\"u evidence ev-statistic\">statistic</span>"
                   "<span class=\"u evidence ev-event\">event</span>"
                   "<span class=\"u evidence ev-example\">example</span>"
                   "<span class=\"u evidence ev-report\">report</span>"
                   "<span class=\"u evidence ev-common-ground\">common ground</span>"
                   "<span class=\"u evidence ev-none\">other evidence</span></p>\n");
    for (size_t b = 0; b < doc->blocks.len; b++) {
        const am_block *blk = &doc->blocks.items[b];
        const char *tag = blk->kind == AM_BLOCK_HEADING ? "h3"
                          : blk->kind == AM_BLOCK_QUOTE ? "blockquote"
                                                        : "p";
        am_sb_printf(sb, "<%s id=\"p%zu\">", tag, b + 1);
        size_t at = blk->span.start;
        while (k < nunits && m->units.items[order[k]].span.end <= blk->span.start)
            k++;
        for (size_t j = k; j < nunits; j++) {
            const am_unit *u = &m->units.items[order[j]];
            if (u->span.start >= blk->span.end)
                break;
            if (u->kind == AM_UNIT_NONE || u->span.start < at)
                continue; /* not an argument, or overlaps the previous one */
            size_t s = u->span.start, e = u->span.end < blk->span.end ? u->span.end
                                                                       : blk->span.end;
            esc(sb, doc->text + at, s - at);
            am_sb_printf(sb, "<span class=\"");
            unit_classes(sb, u);
            am_sb_printf(sb, "\" id=\"text-u%zu\" data-unit=\"u%zu\" title=\"u%zu \xC2\xB7 %s\">",
                         order[j] + 1, order[j] + 1, order[j] + 1, unit_kind_label(u));
            esc(sb, doc->text + s, e - s);
            am_sb_puts(sb, "</span>");
            at = e;
        }
        esc(sb, doc->text + at, blk->span.end - at);
        am_sb_printf(sb, "</%s>\n", tag);
    }
    am_sb_puts(sb, "</section>\n");
}

static void fig(am_strbuf *sb, long v)
{
    if (v < 0)
        am_sb_puts(sb, "<td class=\"n\">\xE2\x80\x94</td>");
    else
        am_sb_printf(sb, "<td class=\"n\">%ld</td>", v);
}

static int write_claims(am_strbuf *sb, const am_map *m, const size_t *order, size_t n)
{
    am_claim_figures *f = calloc(n + 1, sizeof *f);
    size_t *rows = malloc((n + 1) * sizeof *rows);
    if (!f || !rows) {
        free(f);
        free(rows);
        return am_err_nomem();
    }
    size_t nrows = 0;
    int err = 0, from_analysis = 0;
    /* Unsupported claims first, then the rest, each in text order. */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n; i++) {
            size_t u = order[i];
            if (m->units.items[u].kind != AM_UNIT_CLAIM)
                continue;
            if (pass == 0 && (err = am_claim_figures_get(m, u, &f[u])) < 0)
                goto done;
            from_analysis |= f[u].from_analysis;
            if ((f[u].supporters == 0) == (pass == 0))
                rows[nrows++] = u;
        }
    am_sb_puts(sb, "<section id=\"claims\"><h2>Claims</h2>\n");
    if (!nrows) {
        am_sb_puts(sb, "<p class=\"note\">No claims were found.</p></section>\n");
        goto done;
    }
    am_sb_puts(sb, "<table><thead><tr><th>id</th><th>claim</th><th>status</th>"
                   "<th title=\"direct supporters\">supporters</th>"
                   "<th title=\"attackers and undercutters\">attackers</th>"
                   "<th title=\"the longest support chain\">depth</th>"
                   "<th title=\"support chains from a leaf\">chains</th>"
                   "<th title=\"evidence units among its support\">evidence</th>"
                   "<th title=\"sources among its support\">sources</th>");
    if (from_analysis)
        am_sb_puts(sb, "<th title=\"units every chain passes through\">critical</th>"
                       "<th title=\"units to remove before no chain reaches it\">robustness</th>");
    am_sb_puts(sb, "</tr></thead><tbody>\n");
    for (size_t i = 0; i < nrows; i++) {
        size_t u = rows[i];
        const am_claim_figures *x = &f[u];
        am_sb_printf(sb, "<tr id=\"claim-u%zu\"%s><td>", u + 1,
                     x->supporters ? "" : " class=\"unsupported\"");
        ref(sb, m, (long)u);
        am_sb_puts(sb, "</td><td>");
        unit_text(sb, m, u, CELL_CHARS);
        am_sb_puts(sb, "</td><td>");
        am_sb_puts(sb, m->units.items[u].major ? "major; " : "");
        am_sb_puts(sb, x->supporters ? "supported" : "unsupported");
        if (x->attackers)
            am_sb_puts(sb, ", attacked");
        if (x->cyclic)
            am_sb_puts(sb, ", circular support");
        if (x->truncated)
            am_sb_puts(sb, " (figures are lower bounds)");
        am_sb_puts(sb, "</td>");
        fig(sb, (long)x->supporters);
        fig(sb, (long)x->attackers);
        fig(sb, x->depth);
        if (x->chains < 0)
            fig(sb, -1);
        else
            am_sb_printf(sb, "<td class=\"n\">%.0f</td>", x->chains);
        fig(sb, (long)x->evidence);
        fig(sb, (long)x->sources);
        if (from_analysis) {
            fig(sb, x->critical);
            fig(sb, x->robustness);
        }
        am_sb_puts(sb, "</tr>\n");
    }
    am_sb_puts(sb, "</tbody></table>\n");
    am_sb_puts(sb, from_analysis
                       ? "<p class=\"note\">Figures from the graph analysis (docs/graph.md).</p>\n"
                       : "<p class=\"note\">Figures worked out from the relations of the map "
                         "(the graph analysis was not run).</p>\n");
    am_sb_puts(sb, "</section>\n");
done:
    free(f);
    free(rows);
    return err;
}

static int write_sources(am_strbuf *sb, const am_map *m)
{
    size_t nu = m->units.len, nn = nu + m->sources.len, nr = m->relations.len;
    am_sb_puts(sb, "<section id=\"sources\"><h2>Sources</h2>\n");
    if (!m->sources.len) {
        am_sb_puts(sb, "<p class=\"note\">No sources were found.</p></section>\n");
        return 0;
    }
    unsigned char *seen = malloc(nn + 1);
    long *queue = malloc((nn + 1) * sizeof *queue);
    /* Outgoing support edges as compressed rows, for the walks below. */
    size_t *out_start = calloc(nn + 2, sizeof *out_start), *fill = calloc(nn + 1, sizeof *fill);
    long *out_to = malloc((nr + 1) * sizeof *out_to);
    if (!seen || !queue || !out_start || !fill || !out_to) {
        free(seen);
        free(queue);
        free(out_start);
        free(fill);
        free(out_to);
        return am_err_nomem();
    }
    for (size_t i = 0; i < nr; i++) {
        const am_relation *r = &m->relations.items[i];
        if (r->type == AM_REL_SUPPORT && am_node_of(m, r->from) >= 0 && am_node_of(m, r->to) >= 0)
            out_start[am_node_of(m, r->from) + 1]++;
    }
    for (size_t v = 0; v < nn; v++)
        out_start[v + 1] += out_start[v];
    for (size_t i = 0; i < nr; i++) {
        const am_relation *r = &m->relations.items[i];
        long a = am_node_of(m, r->from), b = am_node_of(m, r->to);
        if (r->type == AM_REL_SUPPORT && a >= 0 && b >= 0)
            out_to[out_start[a] + fill[a]++] = b;
    }
    free(fill);
    am_sb_puts(sb, "<table><thead><tr><th>id</th><th>source</th><th>kind</th>"
                   "<th>quotations</th><th>claims it backs</th></tr></thead><tbody>\n");
    for (size_t s = 0; s < m->sources.len; s++) {
        const am_source *src = &m->sources.items[s];
        am_sb_printf(sb, "<tr id=\"text-S%zu\"><td>", s + 1);
        ref(sb, m, (long)(nu + s));
        am_sb_puts(sb, "</td><td>");
        esc_str(sb, src->name);
        if (src->role) {
            am_sb_puts(sb, "<br><span class=\"note\">");
            esc_str(sb, src->role);
            am_sb_puts(sb, "</span>");
        }
        am_sb_printf(sb, "</td><td>%s</td><td><ul class=\"q\">",
                     am_source_kind_name(src->kind));
        for (size_t q = 0; q < m->quotes.len; q++) {
            const am_quote *x = &m->quotes.items[q];
            if (x->source != (long)s)
                continue;
            am_sb_puts(sb, "<li>");
            am_tspan c = x->content.end > x->content.start ? x->content : x->span;
            esc_fold(sb, m->doc->text + c.start, c.end - c.start, QUOTE_CHARS);
            if (x->unit >= 0) {
                am_sb_puts(sb, " ");
                ref(sb, m, x->unit);
            }
            am_sb_puts(sb, "</li>");
        }
        am_sb_puts(sb, "</ul></td><td>");
        /* Claims reached from the source along support edges. */
        memset(seen, 0, nn + 1);
        size_t head = 0, tail = 0, shown = 0;
        queue[tail++] = (long)(nu + s);
        seen[nu + s] = 1;
        while (head < tail) {
            long at = queue[head++];
            for (size_t i = out_start[at]; i < out_start[at + 1]; i++) {
                long to = out_to[i];
                if (seen[to])
                    continue;
                seen[to] = 1;
                queue[tail++] = to;
            }
        }
        for (size_t u = 0; u < nu; u++)
            if (seen[u] && m->units.items[u].kind == AM_UNIT_CLAIM) {
                if (shown++)
                    am_sb_puts(sb, " ");
                ref(sb, m, (long)u);
            }
        if (!shown)
            am_sb_puts(sb, "\xE2\x80\x94");
        am_sb_puts(sb, "</td></tr>\n");
    }
    am_sb_puts(sb, "</tbody></table></section>\n");
    free(seen);
    free(queue);
    free(out_start);
    free(out_to);
    return 0;
}

typedef struct {
    const am_map *m;
    am_strbuf *sb;
    const size_t *in_start;
    const long *in_from;
    long *path;
    unsigned char *on_path;
    size_t len, found, rows, steps;
    int truncated;
} chains_ctx;

/* Walk against the support edges from the claim; a node with no supporter
 * ends a chain, printed leaf first. */
static void chain_dfs(chains_ctx *c, long node)
{
    if (c->found >= CHAINS_PER_CLAIM || c->rows >= CHAIN_ROWS_MAX ||
        ++c->steps > CHAIN_STEPS_MAX) {
        c->truncated = 1;
        return;
    }
    c->path[c->len++] = node;
    c->on_path[node] = 1;
    size_t a = c->in_start[node], b = c->in_start[node + 1];
    int extended = 0;
    if (c->len < CHAIN_LEN_MAX)
        for (size_t i = a; i < b; i++) {
            long from = c->in_from[i];
            if (c->on_path[from])
                continue;
            extended = 1;
            chain_dfs(c, from);
        }
    else if (a < b)
        c->truncated = 1;
    if (!extended && c->len > 1 && c->found < CHAINS_PER_CLAIM && c->rows < CHAIN_ROWS_MAX) {
        am_sb_puts(c->sb, "<tr><td>");
        ref(c->sb, c->m, c->path[0]);
        am_sb_printf(c->sb, "</td><td class=\"n\">%zu</td><td>", c->len - 1);
        for (size_t k = c->len; k-- > 0;) {
            ref(c->sb, c->m, c->path[k]);
            if (k)
                am_sb_puts(c->sb, " \xE2\x86\x92 ");
        }
        am_sb_puts(c->sb, "</td></tr>\n");
        c->found++;
        c->rows++;
    }
    c->on_path[node] = 0;
    c->len--;
}

static int write_chains(am_strbuf *sb, const am_map *m, const size_t *order, size_t n)
{
    size_t nn = m->units.len + m->sources.len;
    chains_ctx c = {0};
    c.m = m;
    c.sb = sb;
    size_t *in_start = NULL;
    long *in_from = NULL;
    c.path = malloc(CHAIN_LEN_MAX * sizeof *c.path);
    c.on_path = calloc(nn + 1, 1);
    int err = 0;
    if (!c.path || !c.on_path || (err = am_support_in(m, &in_start, &in_from)) < 0) {
        err = err < 0 ? err : am_err_nomem();
        goto done;
    }
    c.in_start = in_start;
    c.in_from = in_from;
    am_sb_puts(sb, "<section id=\"chains\"><h2>Support chains</h2>\n"
                   "<table><thead><tr><th>claim</th><th>length</th>"
                   "<th>chain, from a leaf to the claim</th></tr></thead><tbody>\n");
    size_t before = sb->len;
    for (size_t i = 0; i < n; i++) {
        size_t u = order[i];
        if (m->units.items[u].kind != AM_UNIT_CLAIM)
            continue;
        c.found = c.steps = 0;
        chain_dfs(&c, (long)u);
    }
    if (sb->len == before)
        am_sb_puts(sb, "<tr><td colspan=\"3\" class=\"note\">No claim has support.</td></tr>\n");
    am_sb_puts(sb, "</tbody></table>\n");
    if (c.truncated)
        am_sb_printf(sb, "<p class=\"note\">Only some chains are listed: at most %d per claim, "
                         "%d in all, %d steps long.</p>\n",
                     CHAINS_PER_CLAIM, CHAIN_ROWS_MAX, CHAIN_LEN_MAX - 1);
    am_sb_puts(sb, "</section>\n");
done:
    free(c.path);
    free(c.on_path);
    free(in_start);
    free(in_from);
    return err;
}

int am_map_report(char **out, size_t *len, const am_map *map, const am_render_options *opts,
                  am_render_info *info)
{
    if (!out || !map)
        return am_err(AM_EINVAL, "am_map_report: NULL argument");
    am_render_options o;
    if (opts)
        o = *opts;
    else
        am_render_options_init(&o);
    o.format = "svg";
    char *svg = NULL;
    size_t svg_len = 0;
    int err = am_map_render(&svg, &svg_len, map, &o, info);
    if (err < 0)
        return err;
    size_t nu = map->units.len;
    size_t *order = malloc((nu + 1) * sizeof *order);
    am_strbuf sb = {0};
    if (!order) {
        err = am_err_nomem();
        goto done;
    }
    for (size_t i = 0; i < nu; i++)
        order[i] = i;
    sort_units(order, nu, map);

    const am_document *doc = map->doc;
    size_t claims = 0, evidence = 0;
    for (size_t i = 0; i < nu; i++) {
        claims += map->units.items[i].kind == AM_UNIT_CLAIM;
        evidence += map->units.items[i].kind == AM_UNIT_EVIDENCE;
    }
    am_sb_puts(&sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<meta name=\"generator\" content=\"argmap " AM_VERSION "\">\n<title>");
    am_sb_puts(&sb, "Argument map: ");
    const am_block *title = doc->has_title ? &doc->blocks.items[doc->title_block] : NULL;
    if (title)
        esc_fold(&sb, doc->text + title->span.start, title->span.end - title->span.start, 200);
    else
        esc_str(&sb, doc->name);
    am_sb_printf(&sb, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header><h1>", css);
    if (title)
        esc_fold(&sb, doc->text + title->span.start, title->span.end - title->span.start, 0);
    else
        esc_str(&sb, doc->name);
    am_sb_puts(&sb, "</h1>\n<p class=\"meta\">");
    esc_str(&sb, doc->name);
    am_sb_printf(&sb, " \xC2\xB7 claims: %zu \xC2\xB7 evidence: %zu \xC2\xB7 sources: %zu "
                      "\xC2\xB7 relations: %zu</p>"
                      "</header>\n<main>\n",
                 claims, evidence, map->sources.len, map->relations.len);
    am_sb_puts(&sb, "<section id=\"map\"><h2>Map</h2>\n<p class=\"note\">Arrows point toward "
                    "what they back.<span class=\"screen\"> Click a node to find its text; click text to find its "
                    "node; double-click the map to fit it to the page (and back).</span></p>\n<div class=\"map\">\n");
    const char *start = strstr(svg, "<svg");
    if (start)
        am_sb_append(&sb, start, svg_len - (size_t)(start - svg));
    am_sb_puts(&sb, "</div></section>\n");
    write_article(&sb, map, order, nu);
    if ((err = write_claims(&sb, map, order, nu)) < 0 || (err = write_sources(&sb, map)) < 0 ||
        (err = write_chains(&sb, map, order, nu)) < 0)
        goto done;
    am_sb_printf(&sb, "</main>\n<script>\n%s</script>\n</body>\n</html>\n", js);
    if (sb.oom) {
        err = am_err_nomem();
        goto done;
    }
    *out = am_sb_take(&sb, len);
done:
    am_sb_free(&sb);
    free(order);
    am_free(svg);
    return err;
}
