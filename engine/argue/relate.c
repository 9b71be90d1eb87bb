/*
 * relate.c - the relate stage: which unit backs or attacks which, and who
 * backs each quotation.
 *
 * Short texts (a paragraph or two, up to SHORT_MAX units) are decoded as
 * one tree from the trained models (structure.c), the method published for
 * argumentative microtexts. Articles are too long and too loosely written
 * for that, so relations come from what the text says, strongest first:
 *
 *  1. discourse markers: "because X" / "for example X" back the unit
 *     before; "Thus Y" / "In other words Y" are backed by the unit before;
 *     "But", "However", "Yet" attack it; a concession ("Although",
 *     "Admittedly", "Yes, ...") is the other side's point and attacks the
 *     claim it is conceded against (the major claim) until a "but" answers
 *     it; "X and Y" in one sentence makes Y a premise linked to X;
 *  2. quotations back the claim they are cited for: the nearest claim
 *     before them in the same or the previous paragraph, else the next one
 *     in the paragraph;
 *  3. paragraph structure: the evidence of a paragraph backs its claim;
 *     claims back the major claim;
 *  4. sources back their quotations;
 *  5. an attack that names the source of a testimony ("Yes, one could say
 *     that Sarkozy is an ex-president") does not deny what was said but
 *     that it counts: it undercuts the relation from that testimony to the
 *     claim it backs (to.kind == AM_NODE_RELATION).
 *
 * Every unit gets at most one outgoing relation, never one that closes a
 * cycle, so the argumentative units form a tree under the major claim. A
 * unit that still has no path to it is listed in map->disconnected.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "argue.h"

/* Texts up to this many units, in at most SHORT_PARAS paragraphs, are
 * decoded as one tree by the models. */
#define SHORT_MAX 12
#define SHORT_PARAS 2
/* How far the rules look for a paragraph's claim or a quotation's claim, in
 * units: keeps a text that is one huge paragraph linear. */
#define SCAN_MAX 100

static int add_rel(am_map *map, am_ref from, am_ref to, am_rel_type type, const char *marker,
                   const char *reason, double conf)
{
    am_relation *r;
    if (map->relations.len < map->relations.cap) /* AM_VEC_PUSH without its call */
        r = memset(&map->relations.items[map->relations.len++], 0, sizeof *r);
    else if (!(r = AM_VEC_PUSH(&map->relations)))
        return am_err_nomem();
    r->from = from;
    r->to = to;
    r->type = type;
    r->reason = reason;
    r->confidence = conf < 0 ? 0 : conf > 1 ? 1 : conf;
    if (marker && !(r->marker = strdup(marker))) {
        map->relations.len--;
        return am_err_nomem();
    }
    return 0;
}

static am_ref unit_ref(size_t i)
{
    am_ref r = {AM_NODE_UNIT, i};
    return r;
}

typedef struct {
    am_map *map;
    const am_fctx *c;
    long *out; /* target of each unit's relation, or -1 */
} rctx;

static int arg(const rctx *r, long i)
{
    return i >= 0 && r->map->units.items[i].kind != AM_UNIT_NONE;
}

/* Does following out[] from t reach i? (Adding i -> t would close a cycle.) */
static int reaches(const rctx *r, long t, long i)
{
    size_t steps = 0;
    while (t >= 0 && steps++ <= r->c->n) {
        if (t == i)
            return 1;
        t = r->out[t];
    }
    return 0;
}

static int link(rctx *r, long from, long to, am_rel_type type, const char *marker,
                const char *reason, double conf)
{
    if (from < 0 || to < 0 || from == to || r->out[from] >= 0 || !arg(r, from) || !arg(r, to) ||
        reaches(r, to, from))
        return 0;
    if (from == r->map->major && type == AM_REL_SUPPORT)
        return 0; /* the major claim backs nothing */
    r->out[from] = to;
    return add_rel(r->map, unit_ref((size_t)from), unit_ref((size_t)to), type, marker, reason,
                   conf);
}

/* The nearest argumentative unit before i in its paragraph, or -1. */
static long prev_arg(const rctx *r, long i)
{
    const am_unit *u = &r->map->units.items[i];
    for (long j = i - 1; j >= 0 && i - j <= SCAN_MAX; j--) {
        if (r->map->units.items[j].paragraph != u->paragraph)
            break;
        if (arg(r, j))
            return j;
    }
    return -1;
}

/* The nearest argumentative unit before i in any earlier paragraph. */
static long prev_arg_any(const rctx *r, long i)
{
    for (long j = i - 1; j >= 0 && i - j <= SCAN_MAX; j--)
        if (arg(r, j))
            return j;
    return -1;
}

static int is_claim(const rctx *r, long i)
{
    return i >= 0 && r->map->units.items[i].kind == AM_UNIT_CLAIM;
}

/* The claim a quotation in unit i is cited for: the nearest claim before
 * it in its paragraph, else after it in the paragraph (one that does not
 * open with "but" or a concession), else the last claim
 * of the paragraph before (a quotation set apart after "X said:"), else
 * the major claim. */
static long cited_claim(const rctx *r, long i)
{
    size_t para = r->c->u[i].para_index;
    for (long j = i - 1; j >= 0 && i - j <= SCAN_MAX && r->c->u[j].para_index == para; j--)
        if (is_claim(r, j) && !reaches(r, j, i))
            return j;
    for (long j = i + 1; j < (long)r->c->n && j - i <= SCAN_MAX && r->c->u[j].para_index == para;
         j++) {
        const char *m = r->c->u[j].marker; /* not a claim that turns against it */
        if (is_claim(r, j) && !reaches(r, j, i) &&
            !(m && (!strcmp(m, "attack") || !strcmp(m, "concession"))))
            return j;
    }
    for (long j = i - 1; j >= 0 && i - j <= 2 * SCAN_MAX && r->c->u[j].para_index + 1 >= para; j--)
        if (is_claim(r, j) && !reaches(r, j, i))
            return j;
    return r->map->major;
}

/* The claim of the paragraph of unit i: the major claim when it is there,
 * else its first claim other than i that does not speak for the other side
 * (opened by "but" or a concession). Units are in text order, so the
 * paragraph is a run around i. */
static long paragraph_claim(const rctx *r, long i)
{
    const am_unit *u = &r->map->units.items[i];
    long major = r->map->major;
    if (major >= 0 && major != i && r->map->units.items[major].paragraph == u->paragraph &&
        !reaches(r, major, i))
        return major;
    long a = i;
    while (a > 0 && i - a < SCAN_MAX && r->map->units.items[a - 1].paragraph == u->paragraph)
        a--;
    for (long j = a; j < (long)r->c->n && j - i < SCAN_MAX &&
                     r->map->units.items[j].paragraph == u->paragraph; j++) {
        const char *m = r->c->u[j].marker;
        if (j != i && is_claim(r, j) && !reaches(r, j, i) &&
            !(m && (!strcmp(m, "attack") || !strcmp(m, "concession"))))
            return j;
    }
    return -1;
}

/* Does unit i name source s (a mention inside it)? */
static int names_source(const am_map *map, size_t i, size_t s)
{
    const am_unit *u = &map->units.items[i];
    const am_source *src = &map->sources.items[s];
    for (size_t k = 0; k < src->mentions.len; k++)
        if (src->mentions.items[k].start >= u->span.start &&
            src->mentions.items[k].end <= u->span.end)
            return 1;
    return 0;
}

/* 5. attacks on a testimony's source become undercuts of its relation */
static int undercuts(rctx *r)
{
    am_map *map = r->map;
    size_t nrel = map->relations.len;
    /* the relation by which each unit backs a claim, or -1 */
    long *backs = malloc((r->c->n ? r->c->n : 1) * sizeof *backs);
    if (!backs)
        return am_err_nomem();
    for (size_t q = 0; q < r->c->n; q++)
        backs[q] = -1;
    for (size_t j = 0; j < nrel; j++) {
        const am_relation *s = &map->relations.items[j];
        if (s->type == AM_REL_SUPPORT && s->from.kind == AM_NODE_UNIT &&
            s->to.kind == AM_NODE_UNIT && backs[s->from.index] < 0)
            backs[s->from.index] = (long)j;
    }
    for (size_t k = 0; k < nrel; k++) {
        am_relation *a = &map->relations.items[k];
        if (a->type != AM_REL_ATTACK || a->from.kind != AM_NODE_UNIT || !a->reason ||
            strcmp(a->reason, "marker"))
            continue;
        size_t from = a->from.index;
        const char *own = r->c->u[from].marker; /* only a unit that itself objects */
        if (!own || (strcmp(own, "attack") && strcmp(own, "concession")))
            continue;
        /* the testimonies shortly before or after it */
        size_t lo = from > SCAN_MAX ? from - SCAN_MAX : 0;
        size_t hi = from + SCAN_MAX < r->c->n ? from + SCAN_MAX : r->c->n;
        for (size_t q = lo; q < hi; q++) {
            const am_unit *t = &map->units.items[q];
            /* naming the source while quoting it again ("as Bennett admitted")
             * leans on it rather than doubting it */
            if (q == from || t->source < 0 || t->kind != AM_UNIT_EVIDENCE ||
                t->evidence != AM_EV_TESTIMONY || map->units.items[from].source == t->source ||
                !names_source(map, from, (size_t)t->source))
                continue;
            long rel = backs[q];
            if (rel < 0 || rel == (long)k || reaches(r, (long)q, (long)from))
                continue;
            a->type = AM_REL_UNDERCUT;
            a->to.kind = AM_NODE_RELATION;
            a->to.index = (size_t)rel;
            r->out[from] = (long)q; /* it hangs on the source of the edge it attacks */
            break;
        }
    }
    free(backs);
    return 0;
}

/* The first unit of the quotation unit i continues ("«A. B. C.»" split into
 * three units), or i itself. */
static long quote_head(const rctx *r, long i)
{
    long start = i;
    while (i > 0 && start - i < SCAN_MAX && r->c->u[i].in_quote && arg(r, i - 1) &&
           r->c->u[i - 1].para_index == r->c->u[i].para_index)
        i--;
    return i;
}

static int relate_rules(rctx *r)
{
    am_map *map = r->map;
    long n = (long)r->c->n;
    int err = 0;
    /* 0. a quotation split into several units is one testimony: the parts
     * back its first unit, which then stands for it */
    for (long i = 1; i < n && !err; i++) {
        long h = quote_head(r, i);
        if (h != i && map->units.items[h].kind == AM_UNIT_EVIDENCE &&
            map->units.items[h].evidence == AM_EV_TESTIMONY)
            err = link(r, i, h, AM_REL_SUPPORT, NULL, "quote", 0.6);
    }
    /* 1. markers */
    for (long i = 0; i < n && !err; i++) {
        const am_unit_info *in = &r->c->u[i];
        if (!arg(r, i) || !in->marker)
            continue;
        const char *m = in->marker, *mt = in->marker_text;
        long p = prev_arg(r, i);
        if (p < 0 && strcmp(m, "concession") && strcmp(m, "addition"))
            p = prev_arg_any(r, i); /* "But ..." opening a paragraph answers the one before */
        if (!strcmp(m, "premise") || !strcmp(m, "example"))
            err = link(r, i, p, AM_REL_SUPPORT, mt, "marker", 0.75);
        else if (!strcmp(m, "conclusion"))
            err = link(r, p >= 0 ? quote_head(r, p) : p, i, AM_REL_SUPPORT, mt, "marker", 0.75);
        else if (!strcmp(m, "addition") && p >= 0 &&
                 map->units.items[p].sentence == map->units.items[i].sentence)
            /* "X and Y" in one sentence: Y joins X's case (a linked premise) */
            err = link(r, i, p, AM_REL_SUPPORT, mt, "marker", 0.55);
        else if (!strcmp(m, "attack") && i == map->major)
            err = link(r, p, i, AM_REL_ATTACK, mt, "marker", 0.6); /* "X, but <major>" */
        else if (!strcmp(m, "attack"))
            err = link(r, i, p, AM_REL_ATTACK, mt, "marker", 0.7);
    }
    /* concessions not yet placed: the other side's point against the major claim */
    for (long i = 0; i < n && !err; i++) {
        const am_unit_info *in = &r->c->u[i];
        if (arg(r, i) && r->out[i] < 0 && in->marker && !strcmp(in->marker, "concession"))
            err = link(r, i, map->major, AM_REL_ATTACK, in->marker_text, "marker", 0.55);
    }
    /* 2. quotations back the claim they are cited for */
    for (long i = 0; i < n && !err; i++) {
        const am_unit *u = &map->units.items[i];
        if (r->out[i] < 0 && u->kind == AM_UNIT_EVIDENCE && u->evidence == AM_EV_TESTIMONY)
            err = link(r, i, cited_claim(r, i), AM_REL_SUPPORT, NULL, "quote", 0.6);
    }
    /* 3. paragraph structure */
    for (long i = 0; i < n && !err; i++) {
        const am_unit *u = &map->units.items[i];
        if (r->out[i] >= 0 || u->kind != AM_UNIT_EVIDENCE)
            continue;
        long t = paragraph_claim(r, i);
        if (t < 0)
            t = cited_claim(r, i);
        err = link(r, i, t, AM_REL_SUPPORT, NULL, "paragraph", 0.5);
    }
    /* the other claims of a paragraph back its first claim, unless they sum
     * up ("Thus ...", "In other words ..."): those back the major claim */
    for (long i = 0; i < n && !err; i++) {
        if (r->out[i] >= 0 || !is_claim(r, i) || i == map->major)
            continue;
        const char *m = r->c->u[i].marker;
        long t = m && !strcmp(m, "conclusion") ? -1 : paragraph_claim(r, i);
        if (t >= 0 && t < i)
            err = link(r, i, t, AM_REL_SUPPORT, NULL, "paragraph", 0.45);
    }
    for (long i = 0; i < n && !err; i++)
        if (r->out[i] < 0 && is_claim(r, i) && i != map->major)
            err = link(r, i, map->major, AM_REL_SUPPORT, NULL, "paragraph", 0.4);
    /* what is left (its first target would have closed a cycle): the major claim */
    for (long i = 0; i < n && !err; i++)
        if (r->out[i] < 0 && arg(r, i) && i != map->major)
            err = link(r, i, map->major, AM_REL_SUPPORT, NULL, "paragraph", 0.3);
    if (!err)
        err = undercuts(r);
    return err;
}

static int relate_model(rctx *r, const am_weights *w)
{
    am_structure s;
    int err = am_structure_predict(w, r->c, w->weight, &s);
    if (err < 0)
        return err;
    am_map *map = r->map;
    for (size_t i = 0; i < r->c->n; i++)
        if (s.head[i] < 0) {
            if (map->major >= 0)
                map->units.items[map->major].major = 0;
            map->major = (long)i;
            map->units.items[i].major = 1;
            if (map->units.items[i].kind != AM_UNIT_CLAIM) {
                map->units.items[i].kind = AM_UNIT_CLAIM;
                map->units.items[i].evidence = AM_EV_NONE;
            }
        }
    for (size_t i = 0; i < r->c->n && !err; i++) {
        if (s.head[i] < 0)
            continue;
        const am_unit_info *in = &r->c->u[i];
        r->out[i] = s.head[i];
        err = add_rel(map, unit_ref(i), unit_ref((size_t)s.head[i]),
                      s.fu[i] == 2 ? AM_REL_ATTACK : AM_REL_SUPPORT,
                      in->marker ? in->marker_text : NULL, "model", s.conf[i]);
    }
    am_structure_free(&s);
    return err;
}

/* Sources back their quotations (one relation per source and unit). */
static int relate_sources(am_map *map)
{
    /* a duplicate can only be a relation from a source: when the map had
     * none before, only those added here need looking at */
    size_t first = map->relations.len;
    for (size_t k = 0; k < first; k++)
        if (map->relations.items[k].from.kind == AM_NODE_SOURCE) {
            first = 0;
            break;
        }
    for (size_t q = 0; q < map->quotes.len; q++) {
        const am_quote *qu = &map->quotes.items[q];
        if (qu->source < 0 || qu->unit < 0 || (size_t)qu->source >= map->sources.len ||
            (size_t)qu->unit >= map->units.len)
            continue;
        int dup = 0;
        for (size_t k = first; k < map->relations.len && !dup; k++) {
            const am_relation *r = &map->relations.items[k];
            dup = r->from.kind == AM_NODE_SOURCE && r->from.index == (size_t)qu->source &&
                  r->to.kind == AM_NODE_UNIT && r->to.index == (size_t)qu->unit;
        }
        if (dup)
            continue;
        am_ref from = {AM_NODE_SOURCE, (size_t)qu->source};
        int err = add_rel(map, from, unit_ref((size_t)qu->unit), AM_REL_SUPPORT, NULL, "source",
                          qu->confidence > 0 ? qu->confidence : 0.8);
        if (err < 0)
            return err;
    }
    return 0;
}

/* Put every undercut after the relations it can attack, keeping the order
 * otherwise, so that a relation is always defined before a relation that
 * points at it. Readers of the map (AIF import among them) can then build
 * relations in one pass, and export -> import -> export is a fixed point.
 * Undercuts here only ever attack supports, never other undercuts. */
static int undercuts_last(am_map *map)
{
    size_t n = map->relations.len, k = 0;
    am_relation *sorted = malloc((n ? n : 1) * sizeof *sorted);
    size_t *index = malloc((n ? n : 1) * sizeof *index);
    if (!sorted || !index) {
        free(sorted);
        free(index);
        return am_err_nomem();
    }
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n; i++)
            if ((map->relations.items[i].type == AM_REL_UNDERCUT) == pass) {
                index[i] = k;
                sorted[k++] = map->relations.items[i];
            }
    for (size_t i = 0; i < n; i++)
        if (sorted[i].to.kind == AM_NODE_RELATION)
            sorted[i].to.index = index[sorted[i].to.index];
    if (n) /* items may be NULL when there are none (memcpy wants a pointer) */
        memcpy(map->relations.items, sorted, n * sizeof *sorted);
    free(sorted);
    free(index);
    return 0;
}

int am_stage_relate(am_map *map, const am_analyze_options *opts)
{
    (void)opts;
    size_t n = map->units.len;
    map->disconnected.len = 0;
    if (!n)
        return relate_sources(map);
    const am_fctx *cp;
    int err = am_fctx_shared(map, &cp); /* classify's, when it ran */
    if (err < 0)
        return err;
    const am_fctx c = *cp;
    rctx r = {map, &c, malloc(n * sizeof(long))};
    if (!r.out) {
        err = am_err_nomem();
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        r.out[i] = -1;
    const am_weights *w = am_argue_weights(map->model);
    int all_arg = 1;
    for (size_t i = 0; i < n; i++)
        all_arg &= map->units.items[i].kind != AM_UNIT_NONE;
    if (w && w->has_structure && n >= 2 && n <= SHORT_MAX && all_arg &&
        c.u[n - 1].para_index < SHORT_PARAS)
        err = relate_model(&r, w);
    else
        err = relate_rules(&r);
    if (err < 0)
        goto done;
    if ((err = relate_sources(map)) < 0 || (err = undercuts_last(map)) < 0)
        goto done;
    /* every argumentative unit reaches the major claim, or is listed */
    for (size_t i = 0; i < n; i++) {
        if (!arg(&r, (long)i))
            continue;
        if (map->major >= 0 && reaches(&r, (long)i, map->major))
            continue;
        size_t *slot = AM_VEC_PUSH(&map->disconnected);
        if (!slot) {
            err = am_err_nomem();
            goto done;
        }
        *slot = i;
    }
done:
    free(r.out);
    am_fctx_release(map);
    return err;
}
