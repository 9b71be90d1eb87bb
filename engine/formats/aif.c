/*
 * aif.c - AIF JSON (the Argument Interchange Format as AIFdb and OVA write
 * it): import into an am_map and export of any map.
 *
 * AIF is a graph of information nodes (I: what is said), scheme nodes
 * between them (RA: inference, CA: conflict, MA: rephrase, PA: preference)
 * and, for dialogue, locutions (L: who said it), illocutionary anchors (YA)
 * and transitions (TA). argmap's model is narrower: units, sources, quotes
 * and binary relations. The mapping, both ways:
 *
 *   I                 <-> unit
 *   RA (p1..pk -> c)  <-> k support relations pi -> c sharing the RA's id
 *   CA (p -> I)       <-> attack relation
 *   CA (p -> RA/CA)   <-> undercut relation (to = the attacked relation)
 *   L + locution      <-> quote, its speaker a source (participant)
 *   YA L -> I         <-> the quote's unit, and a source -> unit relation
 *   MA, TA, PA, other YA, unknown types: kept aside (am_ix), not in the map,
 *                       written back on export
 *
 * Export writes the model and then whatever the import kept aside, so a
 * map imported from AIF gives back every node and edge with its own ids;
 * a map made by argmap gets fresh numeric ids.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "import.h"
#include "ix.h"
#include "jr.h"

/* ================================================================ import */

typedef AM_VEC(size_t) sizevec;

typedef struct {
    const char *name;
    am_map *map;
    am_ix *ix;
    size_t *order;    /* node indices sorted by id */
    long *unit_of;    /* node -> unit index, or -1 */
    long *rel_of;     /* node (RA/CA) -> its first relation, or -1 */
    long *quote_of;   /* node (L) -> quote index, or -1 */
    sizevec *in, *out; /* node -> neighbour nodes */
} aif_in;

static const am_ix_node *node_at(const aif_in *a, size_t i) { return &a->ix->nodes.items[i]; }

static int type_is(const am_ix_node *n, const char *t) { return !strcmp(n->type, t); }

static const am_ix *sort_ix; /* qsort has no context argument */

static int cmp_node_id(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    int c = strcmp(sort_ix->nodes.items[a].id, sort_ix->nodes.items[b].id);
    return c ? c : (a < b ? -1 : a > b); /* duplicates in input order */
}

/* The node with id, or -1. */
static long find_node(const am_ix *ix, const size_t *order, const char *id)
{
    size_t lo = 0, hi = ix->nodes.len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(ix->nodes.items[order[mid]].id, id);
        if (c == 0)
            return (long)order[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

static size_t *sorted_nodes(const am_ix *ix)
{
    size_t *order = malloc((ix->nodes.len ? ix->nodes.len : 1) * sizeof *order);
    if (!order)
        return NULL;
    for (size_t i = 0; i < ix->nodes.len; i++)
        order[i] = i;
    sort_ix = ix;
    qsort(order, ix->nodes.len, sizeof *order, cmp_node_id);
    return order;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static int cmp_size(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return a < b ? -1 : a > b;
}

static const char *const KNOWN_TYPES[] = {"I", "RA", "CA", "MA", "PA", "L", "YA", "TA", NULL};

static int read_nodes(aif_in *a, const cJSON *arr)
{
    char where[64];
    int err = 0, oom = 0;
    size_t i = 0;
    for (const cJSON *n = arr->child; n; n = n->next, i++) {
        snprintf(where, sizeof where, "nodes[%zu]", i);
        if (!cJSON_IsObject(n))
            return am_err(AM_EPARSE, "%s: %s: not an object", a->name, where);
        am_ix_node *x = AM_VEC_PUSH(&a->ix->nodes);
        if (!x)
            return am_err_nomem();
        if ((err = am_jr_id(&x->id, n, "nodeID", 1, a->name, where)) < 0 ||
            (err = am_jr_str(&x->type, n, "type", a->name, where)) < 0 ||
            (err = am_jr_str(&x->text, n, "text", a->name, where)) < 0 ||
            (err = am_jr_str(&x->scheme, n, "scheme", a->name, where)) < 0 ||
            (err = am_jr_str(&x->scheme_id, n, "schemeID", a->name, where)) < 0 ||
            (err = am_jr_str(&x->timestamp, n, "timestamp", a->name, where)) < 0)
            return err;
        if (!x->type || !*x->type)
            return am_err(AM_EPARSE, "%s: %s (node \"%s\"): no \"type\"", a->name, where, x->id);
        if (!x->text && !(x->text = am_ix_strdup("", &oom)))
            return am_err_nomem();
    }
    return 0;
}

static int read_edges(aif_in *a, const cJSON *arr)
{
    char where[96];
    int err = 0;
    size_t i = 0;
    for (const cJSON *e = arr->child; e; e = e->next, i++) {
        snprintf(where, sizeof where, "edges[%zu]", i);
        if (!cJSON_IsObject(e))
            return am_err(AM_EPARSE, "%s: %s: not an object", a->name, where);
        am_ix_edge *x = AM_VEC_PUSH(&a->ix->edges);
        if (!x)
            return am_err_nomem();
        if ((err = am_jr_id(&x->id, e, "edgeID", 0, a->name, where)) < 0 ||
            (err = am_jr_id(&x->from, e, "fromID", 1, a->name, where)) < 0 ||
            (err = am_jr_id(&x->to, e, "toID", 1, a->name, where)) < 0)
            return err;
    }
    return 0;
}

static int read_locutions(aif_in *a, const cJSON *arr)
{
    char where[64];
    int err = 0;
    size_t i = 0;
    for (const cJSON *l = arr->child; l; l = l->next, i++) {
        snprintf(where, sizeof where, "locutions[%zu]", i);
        if (!cJSON_IsObject(l))
            return am_err(AM_EPARSE, "%s: %s: not an object", a->name, where);
        am_ix_locution *x = AM_VEC_PUSH(&a->ix->locutions);
        if (!x)
            return am_err_nomem();
        if ((err = am_jr_id(&x->node, l, "nodeID", 1, a->name, where)) < 0 ||
            (err = am_jr_id(&x->person, l, "personID", 0, a->name, where)) < 0 ||
            (err = am_jr_str(&x->timestamp, l, "timestamp", a->name, where)) < 0 ||
            (err = am_jr_str(&x->start, l, "start", a->name, where)) < 0 ||
            (err = am_jr_str(&x->end, l, "end", a->name, where)) < 0 ||
            (err = am_jr_str(&x->source, l, "source", a->name, where)) < 0)
            return err;
    }
    return 0;
}

static int read_participants(aif_in *a, const cJSON *arr)
{
    char where[64];
    int err = 0;
    am_strmap seen = {0};
    size_t i = 0;
    for (const cJSON *p = arr->child; p; p = p->next, i++) {
        snprintf(where, sizeof where, "participants[%zu]", i);
        am_ix_participant *x = cJSON_IsObject(p) ? AM_VEC_PUSH(&a->ix->participants) : NULL;
        if (!x) {
            err = cJSON_IsObject(p) ? am_err_nomem()
                                    : am_err(AM_EPARSE, "%s: %s: not an object", a->name, where);
            break;
        }
        if ((err = am_jr_id(&x->id, p, "participantID", 1, a->name, where)) < 0 ||
            (err = am_jr_str(&x->firstname, p, "firstname", a->name, where)) < 0 ||
            (err = am_jr_str(&x->surname, p, "surname", a->name, where)) < 0)
            break;
        long j = am_strmap_get(&seen, x->id, strlen(x->id));
        if (j >= 0) {
            am_strmap_free(&seen);
            return am_err(AM_EPARSE, "%s: %s: participant id \"%s\" also at participants[%ld]",
                          a->name, where, x->id, j);
        }
        if ((err = am_strmap_put(&seen, x->id, strlen(x->id), (long)i)) < 0)
            break;
    }
    am_strmap_free(&seen);
    return err;
}

/* An array member of the nodeset; absent is an empty array unless required. */
static int get_array(const cJSON **out, const cJSON *root, const char *key, int required,
                     const char *name, size_t max)
{
    int err = am_jr_get(out, root, key, name, "the nodeset");
    if (err < 0)
        return err;
    if (!*out) {
        if (required)
            return am_err(AM_EPARSE, "%s: not an AIF nodeset: no \"%s\" array", name, key);
        return 0;
    }
    if (!cJSON_IsArray(*out))
        return am_err(AM_EPARSE, "%s: \"%s\" must be an array", name, key);
    if ((size_t)cJSON_GetArraySize(*out) > max)
        return am_err(AM_ELIMIT, "%s: \"%s\" has %d entries, over the limit of %zu", name, key,
                      cJSON_GetArraySize(*out), max);
    return 0;
}

static int check_ids(aif_in *a)
{
    am_ix *ix = a->ix;
    for (size_t k = 1; k < ix->nodes.len; k++) {
        const am_ix_node *p = &ix->nodes.items[a->order[k - 1]], *q = &ix->nodes.items[a->order[k]];
        if (!strcmp(p->id, q->id))
            return am_err(AM_EPARSE, "%s: nodes[%zu]: duplicate node id \"%s\" (also nodes[%zu])",
                          a->name, a->order[k], p->id, a->order[k - 1]);
    }
    for (size_t i = 0; i < ix->edges.len; i++) {
        const am_ix_edge *e = &ix->edges.items[i];
        if (find_node(ix, a->order, e->from) < 0)
            return am_err(AM_EPARSE, "%s: edges[%zu]: fromID \"%s\" names no node (a dangling "
                          "edge)", a->name, i, e->from);
        if (find_node(ix, a->order, e->to) < 0)
            return am_err(AM_EPARSE, "%s: edges[%zu]: toID \"%s\" names no node (a dangling "
                          "edge)", a->name, i, e->to);
        if (!strcmp(e->from, e->to))
            return am_err(AM_EPARSE, "%s: edges[%zu]: an edge from node \"%s\" to itself",
                          a->name, i, e->from);
    }
    /* Edge ids: sorted copies, as a pairwise check would be quadratic. */
    const char **ids = malloc((ix->edges.len ? ix->edges.len : 1) * sizeof *ids);
    if (!ids)
        return am_err_nomem();
    size_t n = 0;
    for (size_t i = 0; i < ix->edges.len; i++)
        if (ix->edges.items[i].id)
            ids[n++] = ix->edges.items[i].id;
    int err = 0;
    qsort(ids, n, sizeof *ids, cmp_str);
    for (size_t k = 1; k < n && !err; k++)
        if (!strcmp(ids[k - 1], ids[k]))
            err = am_err(AM_EPARSE, "%s: edges: duplicate edge id \"%s\"", a->name, ids[k]);
    free(ids);
    if (err < 0)
        return err;
    for (size_t i = 0; i < ix->locutions.len; i++) {
        long nd = find_node(ix, a->order, ix->locutions.items[i].node);
        if (nd < 0)
            return am_err(AM_EPARSE, "%s: locutions[%zu]: nodeID \"%s\" names no node", a->name,
                          i, ix->locutions.items[i].node);
    }
    return 0;
}

/* The speaker's name: a participant's first and last name, or the
 * "Name:" that opens an L-node's text in OVA analyses without participants. */
static char *participant_name(const am_ix_participant *p)
{
    const char *f = p->firstname ? p->firstname : "", *s = p->surname ? p->surname : "";
    size_t n = strlen(f) + strlen(s) + 32;
    char *name = malloc(n);
    if (!name)
        return NULL;
    if (*f && *s)
        snprintf(name, n, "%s %s", f, s);
    else if (*f || *s)
        snprintf(name, n, "%s", *f ? f : s);
    else
        snprintf(name, n, "participant %s", p->id);
    return name;
}

/* Length of "Name" in "Name: text" (a short prefix without newline), or 0. */
static size_t speaker_prefix(const char *t)
{
    const char *colon = strchr(t, ':');
    if (!colon || colon == t || colon - t > 60 || colon[1] != ' ')
        return 0;
    for (const char *p = t; p < colon; p++)
        if (*p == '\n' || *p == '"')
            return 0;
    return (size_t)(colon - t);
}

static int add_adjacency(aif_in *a)
{
    size_t n = a->ix->nodes.len ? a->ix->nodes.len : 1;
    a->in = calloc(n, sizeof *a->in);
    a->out = calloc(n, sizeof *a->out);
    a->unit_of = malloc(n * sizeof *a->unit_of);
    a->rel_of = malloc(n * sizeof *a->rel_of);
    a->quote_of = malloc(n * sizeof *a->quote_of);
    if (!a->in || !a->out || !a->unit_of || !a->rel_of || !a->quote_of)
        return am_err_nomem();
    for (size_t i = 0; i < a->ix->nodes.len; i++)
        a->unit_of[i] = a->rel_of[i] = a->quote_of[i] = -1;
    for (size_t i = 0; i < a->ix->edges.len; i++) {
        size_t f = (size_t)find_node(a->ix, a->order, a->ix->edges.items[i].from);
        size_t t = (size_t)find_node(a->ix, a->order, a->ix->edges.items[i].to);
        size_t *p = AM_VEC_PUSH(&a->out[f]), *q = p ? AM_VEC_PUSH(&a->in[t]) : NULL;
        if (!q)
            return am_err_nomem();
        *p = t; /* neighbour node, not edge: that is all the model needs */
        *q = f;
    }
    /* Sorted and without repeats, so a doubled edge makes one relation. */
    for (size_t i = 0; i < a->ix->nodes.len; i++) {
        for (int side = 0; side < 2; side++) {
            sizevec *v = side ? &a->out[i] : &a->in[i];
            if (v->len > 1)
                qsort(v->items, v->len, sizeof *v->items, cmp_size);
            size_t k = 0;
            for (size_t j = 0; j < v->len; j++)
                if (!k || v->items[k - 1] != v->items[j])
                    v->items[k++] = v->items[j];
            v->len = k;
        }
    }
    return 0;
}

/* Turn the RA and CA nodes into relations. A CA may attack an RA or CA, so
 * its targets are made first (a topological order of the scheme nodes);
 * scheme nodes attacking each other in a cycle have no meaning and are an
 * error. */
static int is_scheme(const am_ix_node *x) { return type_is(x, "RA") || type_is(x, "CA"); }

static int make_one(aif_in *a, size_t i, char *state)
{
    am_ix_node *x = &a->ix->nodes.items[i];
    int dead = 1;
    for (size_t k = 0; k < a->out[i].len; k++) {
        size_t t = a->out[i].items[k];
        if (type_is(node_at(a, t), "I") || (type_is(x, "CA") && is_scheme(node_at(a, t)) &&
                                            a->rel_of[t] >= 0))
            dead = 0;
    }
    if (dead) { /* it attacks only scheme nodes that were kept aside */
        state[i] = 2;
        return am_doc_warn(a->map->owned_doc, "%s: CA node \"%s\" attacks nothing in the map; "
                           "kept for export", a->name, x->id);
    }
    am_rel_type type = type_is(x, "RA") ? AM_REL_SUPPORT : AM_REL_ATTACK;
    for (size_t p = 0; p < a->in[i].len; p++) {
        size_t from = a->in[i].items[p];
        if (!type_is(node_at(a, from), "I"))
            continue;
        for (size_t c = 0; c < a->out[i].len; c++) {
            size_t to = a->out[i].items[c];
            am_ref rf = {AM_NODE_UNIT, (size_t)a->unit_of[from]}, rt;
            am_rel_type t = type;
            if (type_is(node_at(a, to), "I")) {
                if (to == from)
                    return am_err(AM_EPARSE, "%s: %s node \"%s\": node \"%s\" is its own premise "
                                  "and conclusion", a->name, x->type, x->id, node_at(a, to)->id);
                rt.kind = AM_NODE_UNIT;
                rt.index = (size_t)a->unit_of[to];
            } else if (type == AM_REL_ATTACK && is_scheme(node_at(a, to)) && a->rel_of[to] >= 0) {
                rt.kind = AM_NODE_RELATION;
                rt.index = (size_t)a->rel_of[to];
                t = AM_REL_UNDERCUT;
            } else {
                continue;
            }
            long r = am_ix_add_relation(a->map, rf, rt, t, "import", x->id);
            if (r < 0)
                return (int)r;
            if (a->rel_of[i] < 0)
                a->rel_of[i] = r;
        }
    }
    x->modelled = 1;
    state[i] = 1;
    return 0;
}

static int make_relations(aif_in *a)
{
    am_ix *ix = a->ix;
    size_t n = ix->nodes.len, ndeps = 0;
    char *state = calloc(n ? n : 1, 1); /* 0 todo, 1 done, 2 kept aside */
    size_t *start = malloc((n + 1) * sizeof *start), *order = malloc((n ? n : 1) * sizeof *order);
    size_t *deps = NULL;
    int err = 0;
    if (!state || !start || !order) {
        err = am_err_nomem();
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        const am_ix_node *x = node_at(a, i);
        if (!is_scheme(x)) {
            state[i] = 1;
            continue;
        }
        size_t prem = 0, concl = 0;
        for (size_t k = 0; k < a->in[i].len; k++)
            prem += type_is(node_at(a, a->in[i].items[k]), "I");
        for (size_t k = 0; k < a->out[i].len; k++) {
            const am_ix_node *t = node_at(a, a->out[i].items[k]);
            concl += type_is(t, "I") || (type_is(x, "CA") && is_scheme(t));
            ndeps += type_is(x, "CA") && is_scheme(t);
        }
        if (!prem || !concl) {
            state[i] = 2;
            if ((err = am_doc_warn(a->map->owned_doc, "%s: %s node \"%s\" has no %s; kept for "
                                   "export, not in the map", a->name, x->type, x->id,
                                   prem ? "conclusion" : "premise")) < 0)
                goto done;
        }
    }
    /* A CA depends on the scheme nodes it attacks. */
    if (!(deps = malloc((ndeps ? ndeps : 1) * sizeof *deps))) {
        err = am_err_nomem();
        goto done;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        start[i] = k;
        if (!type_is(node_at(a, i), "CA"))
            continue;
        for (size_t m = 0; m < a->out[i].len; m++)
            if (is_scheme(node_at(a, a->out[i].items[m])))
                deps[k++] = a->out[i].items[m];
    }
    start[n] = k;
    size_t cycle = 0;
    int r = am_ix_topo(n, start, deps, order, &cycle);
    if (r < 0) {
        err = r;
        goto done;
    }
    if (r == 1) {
        err = am_err(AM_EPARSE, "%s: %s node \"%s\" is on a cycle of conflict nodes that attack "
                     "each other; such a cycle has no meaning in AIF", a->name,
                     node_at(a, cycle)->type, node_at(a, cycle)->id);
        goto done;
    }
    for (size_t m = 0; m < n && err >= 0; m++)
        if (!state[order[m]])
            err = make_one(a, order[m], state);
done:
    free(state);
    free(start);
    free(order);
    free(deps);
    return err;
}

/* Each L-node becomes a quote; a YA from it to an I-node names the unit it
 * voices, and its speaker then backs that unit. */
static int make_quotes_(aif_in *a, am_strmap *people, am_strmap *spoken, am_strmap *names,
                        am_strmap *pairs)
{
    am_map *map = a->map;
    am_ix *ix = a->ix;
    int err;
    /* Participants become sources, in their order. */
    for (size_t i = 0; i < ix->participants.len; i++) {
        am_source *s = AM_VEC_PUSH(&map->sources);
        if (!s || !(s->name = participant_name(&ix->participants.items[i])))
            return am_err_nomem();
        s->kind = AM_SRC_PERSON;
        const char *id = ix->participants.items[i].id;
        if ((err = AM_IX_SET(&ix->source_ids, i, id)) < 0 ||
            (err = am_strmap_put(people, id, strlen(id), (long)i)) < 0 ||
            (err = am_strmap_put(names, s->name, strlen(s->name), (long)i)) < 0)
            return err;
    }
    for (size_t k = 0; k < ix->locutions.len; k++) { /* the first locution with a person */
        const am_ix_locution *l = &ix->locutions.items[k];
        if (l->person && (err = am_strmap_put(spoken, l->node, strlen(l->node), (long)k)) < 0)
            return err;
    }
    for (size_t i = 0; i < ix->nodes.len; i++) {
        if (a->quote_of[i] < 0)
            continue;
        am_quote *q = &map->quotes.items[a->quote_of[i]];
        const am_ix_node *x = node_at(a, i);
        long loc = am_strmap_get(spoken, x->id, strlen(x->id));
        const char *person = loc >= 0 ? ix->locutions.items[loc].person : NULL;
        size_t pre = speaker_prefix(map->doc->text + q->span.start);
        if (person) {
            q->source = am_strmap_get(people, person, strlen(person));
            if (q->source < 0 && (err = am_doc_warn(map->owned_doc, "%s: locution of node \"%s\": "
                                                    "personID \"%s\" names no participant",
                                                    a->name, x->id, person)) < 0)
                return err;
        }
        size_t name_len = pre;
        while (name_len && map->doc->text[q->span.start + name_len - 1] == ' ')
            name_len--; /* AIFdb writes "Name : words" */
        if (q->source < 0 && name_len) {
            const char *nm = map->doc->text + q->span.start;
            long s = am_strmap_get(names, nm, name_len);
            if (s < 0) {
                am_source *src = AM_VEC_PUSH(&map->sources);
                if (!src || !(src->name = strndup(nm, name_len)))
                    return am_err_nomem();
                src->kind = AM_SRC_PERSON;
                s = (long)map->sources.len - 1;
                if ((err = am_strmap_put(names, nm, name_len, s)) < 0)
                    return err;
            }
            q->source = s;
        }
        if (pre) { /* "Name: words": the words are what was said */
            q->content.start = q->span.start + pre + 2;
            q->content.end = q->span.end;
            q->speaker.start = q->span.start;
            q->speaker.end = q->span.start + name_len;
        }
        for (size_t k = 0; k < a->out[i].len; k++) {
            size_t ya = a->out[i].items[k];
            if (!type_is(node_at(a, ya), "YA"))
                continue;
            long unit = -1;
            for (size_t m = 0; m < a->out[ya].len && unit < 0; m++)
                unit = a->unit_of[a->out[ya].items[m]];
            if (unit < 0 || a->in[ya].len != 1)
                continue; /* a YA anchoring a scheme node: kept aside */
            if (q->unit < 0) {
                ix->nodes.items[ya].modelled = 1; /* only the YA the export writes again */
                q->unit = unit;
                if ((err = AM_IX_SET(&ix->quote_ya, (size_t)a->quote_of[i], node_at(a, ya)->id)) < 0)
                    return err;
            }
            am_unit *u = &map->units.items[unit];
            if (u->quote < 0)
                u->quote = a->quote_of[i];
            if (q->source < 0)
                continue;
            if (u->source < 0)
                u->source = q->source;
            long pair[2] = {q->source, unit};
            if (am_strmap_get(pairs, (const char *)pair, sizeof pair) >= 0)
                continue; /* one relation per speaker and unit */
            am_ref from = {AM_NODE_SOURCE, (size_t)q->source}, to = {AM_NODE_UNIT, (size_t)unit};
            long r = am_ix_add_relation(map, from, to, AM_REL_SUPPORT, "source", NULL);
            if (r < 0 || (err = am_strmap_put(pairs, (const char *)pair, sizeof pair, r)) < 0)
                return r < 0 ? (int)r : err;
        }
    }
    return 0;
}

static int make_quotes(aif_in *a)
{
    am_strmap people = {0}, spoken = {0}, names = {0}, pairs = {0};
    int err = make_quotes_(a, &people, &spoken, &names, &pairs);
    am_strmap_free(&people);
    am_strmap_free(&spoken);
    am_strmap_free(&names);
    am_strmap_free(&pairs);
    return err;
}

/* Claims and evidence: a unit that only backs others is evidence (testimony
 * when someone is quoted saying it); the rest are claims, and the major
 * claim is the one backed by most among those that back nothing. */
static int classify(am_map *map)
{
    size_t n = map->units.len;
    size_t *in = calloc(n ? n : 1, sizeof *in), *out = calloc(n ? n : 1, sizeof *out);
    if (!in || !out) {
        free(in);
        free(out);
        return am_err_nomem();
    }
    for (size_t r = 0; r < map->relations.len; r++) {
        const am_relation *rel = &map->relations.items[r];
        if (rel->from.kind == AM_NODE_SOURCE)
            continue;
        in[rel->to.index] += rel->to.kind == AM_NODE_UNIT;
        out[rel->from.index]++;
    }
    long best = -1;
    for (size_t i = 0; i < n; i++) {
        am_unit *u = &map->units.items[i];
        if (out[i] && !in[i]) {
            u->kind = AM_UNIT_EVIDENCE;
            u->evidence = u->quote >= 0 ? AM_EV_TESTIMONY : AM_EV_NONE;
        }
        if (!out[i] && (best < 0 || in[i] > in[best]))
            best = (long)i;
    }
    if (best >= 0) {
        map->major = best;
        map->units.items[best].major = 1;
    }
    free(in);
    free(out);
    return 0;
}

static int build(aif_in *a)
{
    am_map *map = a->map;
    am_ix *ix = a->ix;
    am_strbuf text = {0};
    int err = 0;
    size_t unknown = 0;
    char first_unknown[64] = "";
    /* The document: one paragraph per I- and L-node, in input order. */
    long *para = malloc((ix->nodes.len ? ix->nodes.len : 1) * sizeof *para);
    am_tspan *spans = malloc((ix->nodes.len ? ix->nodes.len : 1) * sizeof *spans);
    if (!para || !spans) {
        err = am_err_nomem();
        goto done;
    }
    for (size_t i = 0; i < ix->nodes.len; i++) {
        const am_ix_node *x = node_at(a, i);
        para[i] = -1;
        int known = 0;
        for (const char *const *t = KNOWN_TYPES; *t; t++)
            known |= type_is(x, *t);
        if (!known && unknown++ == 0)
            snprintf(first_unknown, sizeof first_unknown, "\"%.20s\" (node \"%.20s\")", x->type,
                     x->id);
        if (!type_is(x, "I") && !type_is(x, "L"))
            continue;
        char where[96];
        snprintf(where, sizeof where, "node \"%.40s\"", x->id);
        if ((err = am_ix_doc_para(map, &text, x->text, strlen(x->text),
                                  type_is(x, "L") ? AM_BLOCK_QUOTE : AM_BLOCK_PARAGRAPH,
                                  &spans[i], where)) < 0)
            goto done;
        para[i] = (long)map->owned_doc->blocks.len - 1;
    }
    if ((err = am_ix_doc_finish(map, &text)) < 0)
        goto done;
    if (unknown && (err = am_doc_warn(map->owned_doc, "%s: %zu node%s of unknown type, first %s: "
                                      "kept for export, not in the map", a->name, unknown,
                                      unknown == 1 ? "" : "s", first_unknown)) < 0)
        goto done;
    for (size_t i = 0; i < ix->nodes.len; i++) {
        am_ix_node *x = &ix->nodes.items[i];
        if (type_is(x, "I")) {
            long u = am_ix_add_unit(map, spans[i], para[i] < 0 ? 0 : (size_t)para[i], x->id);
            if (u < 0) {
                err = (int)u;
                goto done;
            }
            a->unit_of[i] = u;
            x->modelled = 1;
        } else if (type_is(x, "L")) {
            am_quote *q = AM_VEC_PUSH(&map->quotes);
            if (!q) {
                err = am_err_nomem();
                goto done;
            }
            q->span = q->content = spans[i];
            q->kind = AM_QUOTE_TESTIMONY;
            q->block = 1;
            q->source = q->unit = -1;
            q->confidence = 1.0;
            a->quote_of[i] = (long)map->quotes.len - 1;
            if ((err = AM_IX_SET(&ix->quote_ids, map->quotes.len - 1, x->id)) < 0)
                goto done;
            x->modelled = 1;
        }
    }
    if ((err = make_relations(a)) < 0 || (err = make_quotes(a)) < 0 || (err = classify(map)) < 0)
        goto done;
done:
    am_sb_free(&text);
    free(para);
    free(spans);
    return err;
}

/* An AIF nodeset's objects are its nodes, edges, locutions, participants
 * and a few more per node (OVA, AIFdb schemefulfillments): 8 per allowed
 * node is generous. Counted before cJSON builds its tree, so a million
 * edges (48 MB) end in a limit error at the size of the input, not in
 * 580 MB of cJSON items first. */
static int count_objects(const char *data, size_t len, size_t max_nodes, const char *name)
{
    size_t max = max_nodes > ((size_t)-1 - 16) / 8 ? (size_t)-1 : max_nodes * 8 + 16, n = 0;
    int in_str = 0;
    for (size_t i = 0; i < len; i++) {
        char c = data[i];
        if (in_str) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_str = 0;
        } else if (c == '"') {
            in_str = 1;
        } else if (c == '{' && ++n > max) {
            return am_err(AM_ELIMIT, "%s: byte %zu: more than %zu JSON objects (8 per node "
                          "allowed by --max-nodes)", name, i, max);
        }
    }
    return 0;
}

int am_aif_import(am_map **out, const char *name, const char *data, size_t len,
                  const am_import_options *opts)
{
    cJSON *root = NULL;
    aif_in a = {0};
    a.name = name;
    int err = count_objects(data, len, opts->max_nodes, name);
    if (err < 0)
        return err;
    err = am_jr_parse(&root, name, data, len, opts->max_depth, opts->max_nodes);
    if (err < 0)
        return err;
    const cJSON *set = root, *nodes, *edges, *locs, *parts;
    const char *wrapper = NULL;
    if (!cJSON_IsObject(root)) {
        err = am_err(AM_EPARSE, "%s: not an AIF nodeset: the JSON is not an object", name);
        goto done;
    }
    if ((err = am_jr_get(&nodes, root, "nodes", name, "the nodeset")) < 0)
        goto done;
    if (!nodes) { /* OVA3 wraps the nodeset: {"AIF": {...}, "OVA": ..., "text": ...} */
        const cJSON *w;
        for (const char *const *k = (const char *const[]){"AIF", "aif", NULL}; *k; k++) {
            if ((err = am_jr_get(&w, root, *k, name, "the top level")) < 0)
                goto done;
            if (w && cJSON_IsObject(w)) {
                set = w;
                wrapper = *k;
                break;
            }
        }
    }
    if ((err = get_array(&nodes, set, "nodes", 1, name, opts->max_nodes)) < 0 ||
        (err = get_array(&edges, set, "edges", 1, name, opts->max_nodes)) < 0 ||
        (err = get_array(&locs, set, "locutions", 0, name, opts->max_nodes)) < 0 ||
        (err = get_array(&parts, set, "participants", 0, name, opts->max_nodes)) < 0)
        goto done;
    if ((err = am_ix_map_new(&a.map, name, AM_IMPORT_AIF)) < 0)
        goto done;
    a.ix = a.map->ix;
    int oom = 0;
    a.ix->wrapper = am_ix_strdup(wrapper, &oom);
    if (oom) {
        err = am_err_nomem();
        goto done;
    }
    if ((err = read_nodes(&a, nodes)) < 0 || (err = read_edges(&a, edges)) < 0 ||
        (locs && (err = read_locutions(&a, locs)) < 0) ||
        (parts && (err = read_participants(&a, parts)) < 0))
        goto done;
    if (!(a.order = sorted_nodes(a.ix))) {
        err = am_err_nomem();
        goto done;
    }
    if ((err = check_ids(&a)) < 0 || (err = add_adjacency(&a)) < 0 || (err = build(&a)) < 0)
        goto done;
    *out = a.map;
    a.map = NULL;
done:
    if (a.in)
        for (size_t i = 0; i < (a.ix ? a.ix->nodes.len : 0); i++)
            free(a.in[i].items);
    if (a.out)
        for (size_t i = 0; i < (a.ix ? a.ix->nodes.len : 0); i++)
            free(a.out[i].items);
    free(a.in);
    free(a.out);
    free(a.order);
    free(a.unit_of);
    free(a.rel_of);
    free(a.quote_of);
    am_map_free(a.map);
    cJSON_Delete(root);
    return err;
}

/* ================================================================ export */

#include "export.h"
#include "json.h"

typedef struct {
    const char *from, *to; /* borrowed from the id tables */
    const char *id;        /* the input's edge id, or NULL */
} edge_out;

typedef struct {
    const am_map *map;
    const am_ix *ix;       /* the AIF side table, or NULL */
    size_t *order;         /* ix nodes sorted by id */
    am_jw w;
    cJSON *nodes;
    unsigned long next_id; /* fresh numeric ids start above the input's */
    char **unit_id, **rel_id, **src_id, **quote_id, **ya_id;
    AM_VEC(edge_out) edges;
    AM_VEC(char *) owned; /* generated ids */
} aif_out;

static char *fresh_id(aif_out *o)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lu", o->next_id++);
    char *s = strdup(buf);
    char **slot = s ? AM_VEC_PUSH(&o->owned) : NULL;
    if (!slot) {
        free(s);
        o->w.oom = 1;
        return NULL;
    }
    return *slot = s;
}

/* The input's id for element i of a table, or a fresh one. */
static char *id_or_fresh(aif_out *o, char **ids, size_t n, size_t i)
{
    return i < n && ids[i] ? ids[i] : fresh_id(o);
}

static const am_ix_node *ix_node(const aif_out *o, const char *id)
{
    if (!o->ix || !id)
        return NULL;
    long i = find_node(o->ix, o->order, id);
    return i < 0 ? NULL : &o->ix->nodes.items[i];
}

static void put_node(aif_out *o, const char *id, const char *type, const char *text,
                     size_t text_len)
{
    const am_ix_node *x = ix_node(o, id);
    cJSON *n = am_jw_push_obj(&o->w, o->nodes);
    am_jw_str(&o->w, n, "nodeID", id);
    if (x && x->text)
        am_jw_str(&o->w, n, "text", x->text);
    else
        am_jw_strn(&o->w, n, "text", text, text_len);
    am_jw_str(&o->w, n, "type", type);
    if (x && x->timestamp)
        am_jw_str(&o->w, n, "timestamp", x->timestamp);
    if (x && x->scheme)
        am_jw_str(&o->w, n, "scheme", x->scheme);
    if (x && x->scheme_id)
        am_jw_str(&o->w, n, "schemeID", x->scheme_id);
}

static void add_edge(aif_out *o, const char *from, const char *to)
{
    if (!from || !to)
        return;
    edge_out *e = AM_VEC_PUSH(&o->edges);
    if (!e) {
        o->w.oom = 1;
        return;
    }
    e->from = from;
    e->to = to;
}

static char **sort_rel_id;

static int cmp_rel_group(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    int c = strcmp(sort_rel_id[a], sort_rel_id[b]);
    return c ? c : (a < b ? -1 : a > b);
}

/* Relations between units (and undercuts) become RA and CA nodes; the
 * relations that share an input id share one node, with all their
 * premises and conclusions. */
static void put_relations(aif_out *o)
{
    const am_map *map = o->map;
    size_t n = map->relations.len;
    size_t *idx = malloc((n ? n : 1) * sizeof *idx), m = 0;
    if (!idx) {
        o->w.oom = 1;
        return;
    }
    for (size_t r = 0; r < n; r++)
        if (map->relations.items[r].from.kind == AM_NODE_UNIT && o->rel_id[r])
            idx[m++] = r;
    /* Groups in the order of their first relation: sort by id to find them,
     * then walk the relations in order and write a group at its first. */
    size_t *byid = malloc((m ? m : 1) * sizeof *byid);
    if (!byid) {
        free(idx);
        o->w.oom = 1;
        return;
    }
    memcpy(byid, idx, m * sizeof *idx);
    sort_rel_id = o->rel_id;
    qsort(byid, m, sizeof *byid, cmp_rel_group);
    for (size_t k = 0; k < m; k++) {
        size_t r = idx[k];
        const char *sid = o->rel_id[r];
        size_t lo = 0, hi = m; /* the run of byid with this id */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (strcmp(o->rel_id[byid[mid]], sid) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (byid[lo] != r)
            continue; /* not the first of its group: written already */
        const am_relation *rel = &map->relations.items[r];
        int support = rel->type == AM_REL_SUPPORT;
        put_node(o, sid, support ? "RA" : "CA", support ? "Default Inference" : "Default Conflict",
                 support ? 17 : 16);
        size_t first_edge = o->edges.len;
        for (int side = 0; side < 2; side++) { /* premises first, then conclusions */
            for (size_t j = lo; j < m && !strcmp(o->rel_id[byid[j]], sid); j++) {
                const am_relation *g = &map->relations.items[byid[j]];
                const char *from = o->unit_id[g->from.index];
                const char *to = g->to.kind == AM_NODE_UNIT ? o->unit_id[g->to.index]
                               : g->to.kind == AM_NODE_RELATION ? o->rel_id[g->to.index] : NULL;
                const char *f = side ? sid : from, *t = side ? to : sid;
                int dup = 0;
                for (size_t e = first_edge; e < o->edges.len && !dup; e++)
                    dup = o->edges.items[e].from == f && o->edges.items[e].to == t;
                if (!dup)
                    add_edge(o, f, t);
            }
        }
    }
    free(byid);
    free(idx);
}

/* Who said what: a participant per source, an L-node and a YA per quote
 * whose speaker and unit are known, and (for argmap's own maps) one for
 * each source -> unit relation no quote stands for. */
static void put_locutions(aif_out *o, cJSON *locs)
{
    const am_map *map = o->map;
    am_strbuf sb = {0};
    for (size_t q = 0; q < map->quotes.len; q++) {
        const am_quote *qu = &map->quotes.items[q];
        if (!o->quote_id[q])
            continue;
        const char *t = map->doc->text;
        if (qu->source >= 0) {
            am_sb_printf(&sb, "%s: ", map->sources.items[qu->source].name);
            am_sb_append(&sb, t + qu->content.start, qu->content.end - qu->content.start);
        } else {
            am_sb_append(&sb, t + qu->span.start, qu->span.end - qu->span.start);
        }
        put_node(o, o->quote_id[q], "L", sb.buf ? sb.buf : "", sb.len);
        sb.len = 0;
        if (qu->unit >= 0 && o->ya_id[q]) {
            put_node(o, o->ya_id[q], "YA", "Asserting", 9);
            add_edge(o, o->quote_id[q], o->ya_id[q]);
            add_edge(o, o->ya_id[q], o->unit_id[qu->unit]);
        }
        if (!o->ix && locs && qu->source >= 0) {
            cJSON *l = am_jw_push_obj(&o->w, locs);
            am_jw_str(&o->w, l, "nodeID", o->quote_id[q]);
            am_jw_str(&o->w, l, "personID", o->src_id[qu->source]);
        }
    }
    if (o->ix)
        goto done; /* an AIF map's speakers all came with its L-nodes */
    am_strmap said = {0}; /* (source, unit) pairs a quote stands for */
    for (size_t q = 0; q < map->quotes.len; q++) {
        long pair[2] = {map->quotes.items[q].source, map->quotes.items[q].unit};
        if (o->quote_id[q] && am_strmap_put(&said, (const char *)pair, sizeof pair, 1) < 0)
            o->w.oom = 1;
    }
    for (size_t r = 0; r < map->relations.len; r++) {
        const am_relation *rel = &map->relations.items[r];
        if (rel->from.kind != AM_NODE_SOURCE || rel->to.kind != AM_NODE_UNIT)
            continue;
        long pair[2] = {(long)rel->from.index, (long)rel->to.index};
        if (am_strmap_get(&said, (const char *)pair, sizeof pair) >= 0)
            continue;
        const am_unit *u = &map->units.items[rel->to.index];
        char *lid = fresh_id(o), *yid = fresh_id(o);
        am_sb_printf(&sb, "%s: ", map->sources.items[rel->from.index].name);
        am_sb_append(&sb, map->doc->text + u->span.start, u->span.end - u->span.start);
        put_node(o, lid, "L", sb.buf ? sb.buf : "", sb.len);
        sb.len = 0;
        put_node(o, yid, "YA", "Asserting", 9);
        add_edge(o, lid, yid);
        add_edge(o, yid, o->unit_id[rel->to.index]);
        cJSON *l = am_jw_push_obj(&o->w, locs);
        am_jw_str(&o->w, l, "nodeID", lid);
        am_jw_str(&o->w, l, "personID", o->src_id[rel->from.index]);
    }
    am_strmap_free(&said);
done:
    if (sb.oom)
        o->w.oom = 1;
    am_sb_free(&sb);
}

static void put_participants(aif_out *o, cJSON *parts)
{
    const am_map *map = o->map;
    for (size_t s = 0; s < map->sources.len; s++) {
        const char *name = map->sources.items[s].name;
        const char *sp = map->sources.items[s].kind == AM_SRC_PERSON ? strrchr(name, ' ') : NULL;
        cJSON *p = am_jw_push_obj(&o->w, parts);
        am_jw_str(&o->w, p, "participantID", o->src_id[s]);
        if (sp) { /* AIFdb keeps people as first name and surname */
            am_jw_strn(&o->w, p, "firstname", name, (size_t)(sp - name));
            am_jw_str(&o->w, p, "surname", sp + 1);
        } else {
            am_jw_str(&o->w, p, "firstname", name);
            am_jw_str(&o->w, p, "surname", "");
        }
    }
}

/* The input's own locutions and participants, as they came. */
static void put_kept_dialogue(aif_out *o, cJSON *locs, cJSON *parts)
{
    for (size_t i = 0; i < o->ix->locutions.len; i++) {
        const am_ix_locution *l = &o->ix->locutions.items[i];
        cJSON *j = am_jw_push_obj(&o->w, locs);
        am_jw_str(&o->w, j, "nodeID", l->node);
        if (l->person)
            am_jw_str(&o->w, j, "personID", l->person);
        if (l->timestamp)
            am_jw_str(&o->w, j, "timestamp", l->timestamp);
        if (l->start)
            am_jw_str(&o->w, j, "start", l->start);
        if (l->end)
            am_jw_str(&o->w, j, "end", l->end);
        if (l->source)
            am_jw_str(&o->w, j, "source", l->source);
    }
    for (size_t i = 0; i < o->ix->participants.len; i++) {
        const am_ix_participant *p = &o->ix->participants.items[i];
        cJSON *j = am_jw_push_obj(&o->w, parts);
        am_jw_str(&o->w, j, "participantID", p->id);
        am_jw_str(&o->w, j, "firstname", p->firstname ? p->firstname : "");
        am_jw_str(&o->w, j, "surname", p->surname ? p->surname : "");
    }
}

typedef struct {
    const char *from, *to;
    size_t index;
} pair_ref;

static int cmp_pair(const void *x, const void *y)
{
    const pair_ref *a = x, *b = y;
    int c = strcmp(a->from, b->from);
    if (!c)
        c = strcmp(a->to, b->to);
    return c ? c : (a->index < b->index ? -1 : a->index > b->index);
}

/* Edges: the model's, each with the input's id when the input had the same
 * edge; then the input's edges the model has no place for, in input order. */
static void put_edges(aif_out *o, cJSON *edges)
{
    size_t ne = o->ix ? o->ix->edges.len : 0;
    pair_ref *in = malloc((ne ? ne : 1) * sizeof *in);
    char *claimed = calloc(ne ? ne : 1, 1);
    if (!in || !claimed) {
        o->w.oom = 1;
        goto done;
    }
    for (size_t i = 0; i < ne; i++) {
        in[i].from = o->ix->edges.items[i].from;
        in[i].to = o->ix->edges.items[i].to;
        in[i].index = i;
    }
    qsort(in, ne, sizeof *in, cmp_pair);
    unsigned long next_edge = 1;
    for (size_t i = 0; i < ne; i++) {
        const char *id = o->ix->edges.items[i].id, *p = id;
        while (p && *p >= '0' && *p <= '9')
            p++;
        if (id && *id && !*p && strlen(id) < 18 && strtoul(id, NULL, 10) >= next_edge)
            next_edge = strtoul(id, NULL, 10) + 1;
    }
    for (size_t k = 0; k < o->edges.len; k++) {
        edge_out *e = &o->edges.items[k];
        pair_ref key = {e->from, e->to, 0};
        size_t lo = 0, hi = ne;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (cmp_pair(&in[mid], &key) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (; lo < ne && !strcmp(in[lo].from, e->from) && !strcmp(in[lo].to, e->to); lo++) {
            if (!claimed[in[lo].index]) {
                claimed[in[lo].index] = 1;
                e->id = o->ix->edges.items[in[lo].index].id;
                if (!e->id)
                    e->id = ""; /* the input's edge had no id: write none */
                break;
            }
        }
        cJSON *j = am_jw_push_obj(&o->w, edges);
        if (e->id && *e->id) {
            am_jw_str(&o->w, j, "edgeID", e->id);
        } else if (!e->id) {
            char buf[32];
            snprintf(buf, sizeof buf, "%lu", next_edge++);
            am_jw_str(&o->w, j, "edgeID", buf);
        }
        am_jw_str(&o->w, j, "fromID", e->from);
        am_jw_str(&o->w, j, "toID", e->to);
    }
    for (size_t i = 0; i < ne; i++) {
        if (claimed[i])
            continue;
        const am_ix_edge *x = &o->ix->edges.items[i];
        cJSON *j = am_jw_push_obj(&o->w, edges);
        if (x->id)
            am_jw_str(&o->w, j, "edgeID", x->id);
        am_jw_str(&o->w, j, "fromID", x->from);
        am_jw_str(&o->w, j, "toID", x->to);
    }
done:
    free(in);
    free(claimed);
}

int am_map_to_aif(char **out, size_t *len, const am_map *map, int flags)
{
    if (!out || !map)
        return am_err(AM_EINVAL, "am_map_to_aif: NULL argument");
    aif_out o = {0};
    o.map = map;
    o.w.map = map;
    o.next_id = 1;
    const am_ix *ix = map->ix;
    if (ix && ix->origin == AM_IMPORT_AIF) {
        o.ix = ix;
        if (!(o.order = sorted_nodes(ix)))
            return am_err_nomem();
    }
    /* Fresh ids go above every numeric id of the input. */
    if (ix) {
        for (size_t i = 0; i < ix->nodes.len; i++) {
            const char *id = ix->nodes.items[i].id, *p = id;
            while (*p >= '0' && *p <= '9')
                p++;
            if (*id && !*p && strlen(id) < 18 && strtoul(id, NULL, 10) >= o.next_id)
                o.next_id = strtoul(id, NULL, 10) + 1;
        }
    }
    cJSON *root = cJSON_CreateObject(), *set = root;
    size_t nu = map->units.len, nr = map->relations.len, nq = map->quotes.len, ns = map->sources.len;
    o.unit_id = calloc(nu ? nu : 1, sizeof *o.unit_id);
    o.rel_id = calloc(nr ? nr : 1, sizeof *o.rel_id);
    o.src_id = calloc(ns ? ns : 1, sizeof *o.src_id);
    o.quote_id = calloc(nq ? nq : 1, sizeof *o.quote_id);
    o.ya_id = calloc(nq ? nq : 1, sizeof *o.ya_id);
    char *in_graph = am_graph_units(map);
    if (!root || !o.unit_id || !o.rel_id || !o.src_id || !o.quote_id || !o.ya_id || !in_graph) {
        o.w.oom = 1;
        goto done;
    }
    if (ix && ix->wrapper)
        set = am_jw_obj(&o.w, root, ix->wrapper);
    o.nodes = am_jw_arr(&o.w, set, "nodes");
    cJSON *edges = am_jw_arr(&o.w, set, "edges");
    cJSON *locs = am_jw_arr(&o.w, set, "locutions");
    cJSON *parts = am_jw_arr(&o.w, set, "participants");

    /* Ids: the input's, where it had them (microtext ids are kept too). */
    for (size_t i = 0; i < nu; i++)
        if (in_graph[i])
            o.unit_id[i] = id_or_fresh(&o, ix ? ix->unit_ids.items : NULL,
                                       ix ? ix->unit_ids.len : 0, i);
    for (size_t r = 0; r < nr; r++) {
        const am_relation *rel = &map->relations.items[r];
        if (rel->from.kind == AM_NODE_UNIT && o.unit_id[rel->from.index])
            o.rel_id[r] = id_or_fresh(&o, ix ? ix->rel_ids.items : NULL, ix ? ix->rel_ids.len : 0, r);
    }
    for (size_t r = 0; r < nr; r++) { /* an undercut of something not written is dropped */
        const am_relation *rel = &map->relations.items[r];
        if (o.rel_id[r] && ((rel->to.kind == AM_NODE_UNIT && !o.unit_id[rel->to.index]) ||
                            (rel->to.kind == AM_NODE_RELATION && !o.rel_id[rel->to.index]) ||
                            rel->to.kind == AM_NODE_SOURCE))
            o.rel_id[r] = NULL;
    }
    for (size_t s = 0; s < ns; s++)
        o.src_id[s] = id_or_fresh(&o, ix && ix->origin == AM_IMPORT_AIF ? ix->source_ids.items : NULL,
                                  ix && ix->origin == AM_IMPORT_AIF ? ix->source_ids.len : 0, s);
    for (size_t q = 0; q < nq; q++) {
        const am_quote *qu = &map->quotes.items[q];
        if (o.ix) {
            o.quote_id[q] = q < ix->quote_ids.len ? ix->quote_ids.items[q] : NULL;
            o.ya_id[q] = q < ix->quote_ya.len ? ix->quote_ya.items[q] : NULL;
        } else if (qu->source >= 0 && qu->unit >= 0 && o.unit_id[qu->unit]) {
            o.quote_id[q] = fresh_id(&o);
            o.ya_id[q] = fresh_id(&o);
        }
    }

    for (size_t i = 0; i < nu; i++) {
        const am_unit *u = &map->units.items[i];
        if (o.unit_id[i])
            put_node(&o, o.unit_id[i], "I", map->doc->text + u->span.start,
                     u->span.end - u->span.start);
    }
    put_relations(&o);
    put_locutions(&o, locs);
    if (o.ix) {
        for (size_t i = 0; i < ix->nodes.len; i++) { /* what the model has no place for */
            const am_ix_node *x = &ix->nodes.items[i];
            if (x->modelled)
                continue;
            cJSON *n = am_jw_push_obj(&o.w, o.nodes);
            am_jw_str(&o.w, n, "nodeID", x->id);
            am_jw_str(&o.w, n, "text", x->text);
            am_jw_str(&o.w, n, "type", x->type);
            if (x->timestamp)
                am_jw_str(&o.w, n, "timestamp", x->timestamp);
            if (x->scheme)
                am_jw_str(&o.w, n, "scheme", x->scheme);
            if (x->scheme_id)
                am_jw_str(&o.w, n, "schemeID", x->scheme_id);
        }
        put_kept_dialogue(&o, locs, parts);
    } else {
        put_participants(&o, parts);
    }
    put_edges(&o, edges);
done:;
    char *text = NULL;
    if (!o.w.oom && root)
        text = am_json_print(root);
    if (text && !(flags & AM_JSON_COMPACT)) {
        char *pretty = am_json_indent(text);
        free(text);
        text = pretty;
    }
    cJSON_Delete(root);
    for (size_t i = 0; i < o.owned.len; i++)
        free(o.owned.items[i]);
    free(o.owned.items);
    free(o.edges.items);
    free(o.unit_id);
    free(o.rel_id);
    free(o.src_id);
    free(o.quote_id);
    free(o.ya_id);
    free(in_graph);
    free(o.order);
    if (!text)
        return am_err_nomem();
    if (len)
        *len = strlen(text);
    *out = text;
    return 0;
}
