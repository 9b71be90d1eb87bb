/*
 * json_analysis.c - the "analysis" member of the JSON output.
 *
 * Null until the graph stage fills map->analysis; otherwise the figures of
 * engine/graph/analysis.h, claims in unit order, sources by index, and
 * every object with the same members in the same order (docs/graph.md,
 * docs/schema.json), so the same map always gives the same bytes.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../core/error.h"
#include "../graph/analysis.h"
#include "json.h"
#include "json_graph.h"

static const char *const evidence_keys[AM_GRAPH_NEVIDENCE] = {
    "unspecified", "testimony", "statistic", "event", "example", "report", "common_ground"};

static void am_json_vertex_ref(am_jw *w, cJSON *arr_or_obj, const char *key, const am_support *sg,
                        size_t v)
{
    char id[32];
    am_graph_vertex_id(sg, v, id, sizeof id);
    am_jw_str(w, arr_or_obj, key, id);
}

static void am_json_evidence_counts(am_jw *w, cJSON *obj, const char *key, const size_t *counts)
{
    cJSON *o = am_jw_obj(w, obj, key);
    /* the named types first, in the schema's order, then unspecified */
    for (int t = 1; t < AM_GRAPH_NEVIDENCE; t++)
        am_jw_int(w, o, evidence_keys[t], counts[t]);
    am_jw_int(w, o, evidence_keys[0], counts[0]);
}

static const char *am_json_accept_name(am_accept a)
{
    switch (a) {
    case AM_ACCEPT_ACCEPTED: return "accepted";
    case AM_ACCEPT_REJECTED: return "rejected";
    default: return "undecided";
    }
}

static void write_claim(am_jw *w, cJSON *arr, const am_analysis *a, const am_claim_analysis *c)
{
    const am_support *sg = &a->sg;
    cJSON *o = am_jw_push_obj(w, arr);
    am_jw_ref(w, o, "unit", 'u', (long)c->unit);
    am_jw_num(w, o, "chains", c->chains);
    am_jw_bool(w, o, "chains_exact", c->chains_exact);
    am_jw_int(w, o, "depth", c->depth);
    am_jw_int(w, o, "breadth", c->breadth);
    am_jw_int(w, o, "evidence_count", c->evidence_count);
    am_json_evidence_counts(w, o, "evidence_types", c->evidence_types);
    cJSON *srcs = am_jw_arr(w, o, "sources");
    for (size_t i = 0; i < c->sources.len; i++)
        am_jw_ref(w, srcs, NULL, 'S', (long)c->sources.items[i]);
    if (c->truncated) {
        am_jw_null(w, o, "reliance");
    } else {
        cJSON *rel = am_jw_arr(w, o, "reliance");
        for (size_t i = 0; i < c->reliance.len; i++) {
            cJSON *r = am_jw_push_obj(w, rel);
            am_jw_ref(w, r, "source", 'S', (long)c->reliance.items[i].source);
            am_jw_num(w, r, "share", c->reliance.items[i].share);
        }
    }
    am_jw_bool(w, o, "unsupported", c->unsupported);
    am_jw_bool(w, o, "attacked", c->attacked);
    am_jw_int(w, o, "attackers", c->attackers);
    am_jw_ref(w, o, "cycle", 'c', c->cycle);
    cJSON *crit = am_jw_arr(w, o, "critical");
    for (size_t i = 0; i < c->critical.len; i++)
        am_json_vertex_ref(w, crit, NULL, sg, c->critical.items[i]);
    am_jw_int(w, o, "critical_count", c->critical_count);
    if (c->robustness < 0)
        am_jw_null(w, o, "robustness");
    else
        am_jw_int(w, o, "robustness", (size_t)c->robustness);
    am_jw_bool(w, o, "robustness_capped", c->robustness_capped);
    am_jw_bool(w, o, "truncated", c->truncated);
    am_jw_num(w, o, "pagerank", c->pagerank);
    am_jw_str(w, o, "acceptability", am_json_accept_name(c->accept));
}

void am_json_analysis(am_jw *w, cJSON *root)
{
    const am_analysis *a = w->map->analysis;
    if (!a) {
        am_jw_null(w, root, "analysis");
        return;
    }
    cJSON *o = am_jw_obj(w, root, "analysis");
    am_jw_int(w, o, "vertices", a->vertices);
    am_jw_int(w, o, "support_edges", a->sg.edges);
    am_jw_int(w, o, "relations_skipped", a->relations_skipped);
    am_jw_ref(w, o, "major_claim", 'u', a->major);
    am_jw_str(w, o, "major_claim_basis", a->major_basis);
    cJSON *claims = am_jw_arr(w, o, "claims");
    for (size_t i = 0; i < a->claims.len; i++)
        write_claim(w, claims, a, &a->claims.items[i]);
    cJSON *cycles = am_jw_arr(w, o, "cycles");
    for (size_t i = 0; i < a->cycles.len; i++) {
        cJSON *c = am_jw_push_obj(w, cycles);
        am_jw_ref(w, c, "id", 'c', (long)i);
        cJSON *mem = am_jw_arr(w, c, "members");
        for (size_t j = 0; j < a->cycles.items[i].vertices.len; j++)
            am_json_vertex_ref(w, mem, NULL, &a->sg, a->cycles.items[i].vertices.items[j]);
    }
    cJSON *dis = am_jw_arr(w, o, "disconnected");
    for (size_t i = 0; i < a->disconnected.len; i++)
        am_jw_ref(w, dis, NULL, 'u', (long)a->disconnected.items[i]);
    am_jw_int(w, o, "unsupported_claims", a->unsupported_claims);
    if (a->claims.len)
        am_jw_num(w, o, "unsupported_share", (double)a->unsupported_claims / (double)a->claims.len);
    else
        am_jw_null(w, o, "unsupported_share");
    am_json_evidence_counts(w, o, "evidence_mix", a->evidence_mix);
    cJSON *sm = am_jw_obj(w, o, "source_mix");
    am_jw_int(w, sm, "named", a->source_mix[AM_SRC_PERSON] + a->source_mix[AM_SRC_ORGANISATION]);
    am_jw_int(w, sm, "anonymous", a->source_mix[AM_SRC_ANONYMOUS]);
    am_jw_int(w, sm, "media", a->source_mix[AM_SRC_MEDIA]);
    am_jw_int(w, sm, "author", a->source_mix[AM_SRC_AUTHOR]);
    am_jw_int(w, sm, "person", a->source_mix[AM_SRC_PERSON]);
    am_jw_int(w, sm, "organisation", a->source_mix[AM_SRC_ORGANISATION]);
    cJSON *acc = am_jw_obj(w, o, "acceptability");
    am_jw_str(w, acc, "semantics", "grounded");
    am_jw_str(w, acc, "attacks", "supported+secondary");
    am_jw_int(w, acc, "accepted", a->accepted);
    am_jw_int(w, acc, "rejected", a->rejected);
    am_jw_int(w, acc, "undecided", a->undecided);
    am_jw_int(w, acc, "rounds", a->rounds);
    am_jw_bool(w, acc, "complete", a->accept_complete);
    cJSON *lim = am_jw_obj(w, o, "limits");
    am_jw_int(w, lim, "ancestor_limit", a->ancestor_limit);
    am_jw_int(w, lim, "truncated_claims", a->truncated_claims);
}

/* ------------------------------------------------------ graph queries */

/* Serialise root (deleted here) as pretty or compact JSON. */
static int finish(am_jw *w, cJSON *root, int compact, char **out)
{
    char *text = NULL;
    if (!w->oom)
        text = am_json_print(root);
    cJSON_Delete(root);
    if (text && !compact) {
        char *pretty = am_json_indent(text);
        free(text);
        text = pretty;
    }
    if (!text)
        return am_err_nomem();
    *out = text;
    return 0;
}

static void unit_text(am_jw *w, cJSON *o, const am_map *map, size_t unit)
{
    size_t len;
    const char *t = am_graph_unit_text(map, unit, &len);
    am_jw_strn(w, o, "text", t, len);
}

/* One vertex as {id, kind, evidence, text} (sources: kind "source", name). */
static void vertex_obj(am_jw *w, cJSON *arr, const am_map *map, size_t v)
{
    const am_support *sg = &map->analysis->sg;
    cJSON *o = am_jw_push_obj(w, arr);
    am_json_vertex_ref(w, o, "id", sg, v);
    am_ref r = sg->ref[v];
    if (r.kind == AM_NODE_SOURCE) {
        am_jw_str(w, o, "kind", "source");
        am_jw_null(w, o, "evidence");
        am_jw_str(w, o, "text", map->sources.items[r.index].name);
        return;
    }
    const am_unit *u = &map->units.items[r.index];
    am_jw_str(w, o, "kind", u->kind == AM_UNIT_CLAIM ? "claim" : "evidence");
    am_jw_str(w, o, "evidence", am_evidence_name(u->evidence));
    unit_text(w, o, map, r.index);
}

static void source_obj(am_jw *w, cJSON *arr, const am_map *map, size_t s)
{
    cJSON *o = am_jw_push_obj(w, arr);
    am_jw_ref(w, o, "id", 'S', (long)s);
    am_jw_str(w, o, "name", map->sources.items[s].name);
}

int am_json_chains(char **out, const am_map *map, const am_chain_list *l, int compact)
{
    am_jw w = {.map = map};
    const am_analysis *a = map->analysis;
    const am_support *sg = &a->sg;
    cJSON *root = cJSON_CreateObject();
    if (!root)
        return am_err_nomem();
    am_jw_ref(&w, root, "claim", 'u', (long)l->claim);
    unit_text(&w, root, map, l->claim);
    am_jw_num(&w, root, "chains_total", l->total);
    am_jw_bool(&w, root, "chains_exact", l->total_exact);
    am_jw_int(&w, root, "limit", l->limit);
    am_jw_int(&w, root, "listed", l->chains.len);
    am_jw_bool(&w, root, "cut", (double)l->chains.len < l->total);
    am_jw_str(&w, root, "strength", "product of relation confidences");
    cJSON *arr = am_jw_arr(&w, root, "chains");
    for (size_t i = 0; i < l->chains.len; i++) {
        const am_chain *c = &l->chains.items[i];
        cJSON *o = am_jw_push_obj(&w, arr);
        am_jw_int(&w, o, "rank", i + 1);
        am_jw_num(&w, o, "strength", c->strength);
        am_jw_int(&w, o, "length", c->steps.len - 1);
        cJSON *steps = am_jw_arr(&w, o, "steps");
        for (size_t k = 0; k < c->steps.len; k++) {
            size_t x = c->steps.items[k];
            cJSON *st = am_jw_push_obj(&w, steps);
            long cyc = -1;
            if (sg->mem_off[x + 1] - sg->mem_off[x] > 1 || sg->self[sg->mem[sg->mem_off[x]]])
                for (size_t q = 0; q < a->cycles.len; q++)
                    if (sg->scc[a->cycles.items[q].vertices.items[0]] == x)
                        cyc = (long)q;
            am_jw_ref(&w, st, "cycle", 'c', cyc);
            cJSON *vs = am_jw_arr(&w, st, "vertices");
            for (size_t j = sg->mem_off[x]; j < sg->mem_off[x + 1]; j++)
                vertex_obj(&w, vs, map, sg->mem[j]);
        }
        size_t *src = NULL, ns = 0;
        if (am_graph_chain_sources(map, c, &src, &ns) < 0) {
            cJSON_Delete(root);
            return AM_ENOMEM;
        }
        cJSON *so = am_jw_arr(&w, o, "sources");
        for (size_t k = 0; k < ns; k++)
            source_obj(&w, so, map, src[k]);
        free(src);
    }
    return finish(&w, root, compact, out);
}

static void side_obj(am_jw *w, cJSON *o, const char *key, const am_map *map, long unit)
{
    if (unit < 0) {
        am_jw_null(w, o, key);
        return;
    }
    const am_analysis *a = map->analysis;
    const am_claim_analysis *c = &a->claims.items[a->claim_of_unit[unit]];
    cJSON *s = am_jw_obj(w, o, key);
    am_jw_ref(w, s, "unit", 'u', unit);
    unit_text(w, s, map, (size_t)unit);
    am_jw_num(w, s, "chains", c->chains);
    am_jw_int(w, s, "depth", c->depth);
    am_jw_int(w, s, "breadth", c->breadth);
    am_jw_int(w, s, "evidence_count", c->evidence_count);
    am_json_evidence_counts(w, s, "evidence_types", c->evidence_types);
    cJSON *srcs = am_jw_arr(w, s, "sources");
    for (size_t i = 0; i < c->sources.len; i++)
        source_obj(w, srcs, map, c->sources.items[i]);
    if (c->robustness < 0)
        am_jw_null(w, s, "robustness");
    else
        am_jw_int(w, s, "robustness", (size_t)c->robustness);
    am_jw_bool(w, s, "unsupported", c->unsupported);
    am_jw_str(w, s, "acceptability", am_json_accept_name(c->accept));
}

static void pairs_arr(am_jw *w, cJSON *o, const char *key, const am_pair *p, size_t n, char prefix)
{
    cJSON *arr = am_jw_arr(w, o, key);
    for (size_t i = 0; i < n; i++) {
        cJSON *x = am_jw_push_obj(w, arr);
        am_jw_ref(w, x, "a", prefix, (long)p[i].a);
        am_jw_ref(w, x, "b", prefix, (long)p[i].b);
    }
}

static void ids_arr(am_jw *w, cJSON *o, const char *key, const size_t *v, size_t n, char prefix)
{
    cJSON *arr = am_jw_arr(w, o, key);
    for (size_t i = 0; i < n; i++)
        am_jw_ref(w, arr, NULL, prefix, (long)v[i]);
}

int am_json_compare(char **out, const am_comparison *c, int compact)
{
    am_jw w = {.map = c->a};
    cJSON *root = cJSON_CreateObject();
    if (!root)
        return am_err_nomem();
    int same = c->a == c->b;
    am_jw_str(&w, root, "mode", same ? "claims" : "articles");
    am_jw_str(&w, root, "a", c->a->doc ? c->a->doc->name : NULL);
    am_jw_str(&w, root, "b", c->b->doc ? c->b->doc->name : NULL);
    cJSON *m = am_jw_obj(&w, root, "method");
    if (same) {
        am_jw_str(&w, m, "alignment", "given");
        am_jw_str(&w, m, "support", "identity");
        am_jw_null(&w, m, "threshold");
    } else {
        am_jw_str(&w, m, "alignment", "tfidf-cosine word unigrams+bigrams, greedy one-to-one");
        am_jw_str(&w, m, "support", "tfidf-cosine; sources by name");
        am_jw_num(&w, m, "threshold", c->threshold);
    }
    cJSON *arr = am_jw_arr(&w, root, "pairs");
    for (size_t i = 0; i < c->pairs.len; i++) {
        const am_cmp_pair *p = &c->pairs.items[i];
        cJSON *o = am_jw_push_obj(&w, arr);
        am_jw_num(&w, o, "similarity", p->similarity);
        side_obj(&w, o, "a", c->a, p->a);
        side_obj(&w, o, "b", c->b, p->b);
        pairs_arr(&w, o, "shared_support", p->shared_units.items, p->shared_units.len, 'u');
        ids_arr(&w, o, "only_a", p->only_a.items, p->only_a.len, 'u');
        ids_arr(&w, o, "only_b", p->only_b.items, p->only_b.len, 'u');
        pairs_arr(&w, o, "shared_sources", p->shared_sources.items, p->shared_sources.len, 'S');
        ids_arr(&w, o, "only_a_sources", p->only_a_sources.items, p->only_a_sources.len, 'S');
        ids_arr(&w, o, "only_b_sources", p->only_b_sources.items, p->only_b_sources.len, 'S');
        am_jw_bool(&w, o, "truncated", p->truncated);
    }
    ids_arr(&w, root, "unmatched_a", c->unmatched_a.items, c->unmatched_a.len, 'u');
    ids_arr(&w, root, "unmatched_b", c->unmatched_b.items, c->unmatched_b.len, 'u');
    return finish(&w, root, compact, out);
}
