/*
 * jsonin.c - reading argmap's own JSON (docs/schema.json) back into a map,
 * so a map analysed once (argmap analyze, batch) can be converted later
 * without the article or the models.
 *
 * The JSON holds the paragraphs' texts and offsets of the original input,
 * not the input itself. For a plain-text input the paragraphs sit at their
 * offsets, so the document is rebuilt byte for byte where it matters (the
 * bytes between paragraphs become spaces) and every offset stays valid.
 * For Markdown and HTML the offsets are those of the markup, so the
 * document is made of the paragraph texts, one after another, and every
 * span with a text is looked up in its paragraph; spans without a text
 * (source mentions) are dropped with a warning.
 *
 * The "analysis" member is not read: the graph stage makes it again.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "import.h"
#include "ix.h"
#include "jr.h"

typedef struct {
    size_t src_start, src_end; /* in the original input */
    size_t start;              /* in the rebuilt text */
    size_t len;                /* its text's length */
} para;

typedef struct {
    const char *name;
    am_map *map;
    int exact;                 /* offsets of the input are offsets of the text */
    AM_VEC(para) paras;
    size_t dropped;            /* spans without text that could not be placed */
    size_t max_bytes;
} jin;

/* ------------------------------------------------------------ members */

static int get_kind(const cJSON **out, const cJSON *o, const char *key, int (*is)(const cJSON *),
                    const char *what, int required, const jin *j, const char *where)
{
    int err = am_jr_get(out, o, key, j->name, where);
    if (err < 0)
        return err;
    if (!*out || cJSON_IsNull(*out)) {
        *out = NULL;
        if (required)
            return am_err(AM_EPARSE, "%s: %s: no \"%s\"", j->name, where, key);
        return 0;
    }
    if (!is(*out))
        return am_err(AM_EPARSE, "%s: %s: \"%s\" must be %s", j->name, where, key, what);
    return 0;
}

static int get_size(size_t *out, const cJSON *o, const char *key, const jin *j, const char *where)
{
    const cJSON *v;
    int err = get_kind(&v, o, key, cJSON_IsNumber, "a number", 1, j, where);
    if (err < 0)
        return err;
    if (v->valuedouble < 0 || v->valuedouble > 1e15 || v->valuedouble != (double)(size_t)v->valuedouble)
        return am_err(AM_EPARSE, "%s: %s: \"%s\" must be a whole number >= 0", j->name, where, key);
    *out = (size_t)v->valuedouble;
    return 0;
}

static int get_bool(int *out, const cJSON *o, const char *key, const jin *j, const char *where)
{
    const cJSON *v;
    int err = get_kind(&v, o, key, cJSON_IsBool, "true or false", 0, j, where);
    if (err < 0)
        return err;
    *out = v ? cJSON_IsTrue(v) : 0;
    return 0;
}

static int get_conf(double *out, const cJSON *o, const jin *j, const char *where)
{
    const cJSON *v;
    int err = get_kind(&v, o, "confidence", cJSON_IsNumber, "a number", 0, j, where);
    if (err < 0)
        return err;
    *out = v ? v->valuedouble : 1.0;
    if (!(*out >= 0 && *out <= 1))
        return am_err(AM_EPARSE, "%s: %s: \"confidence\" must be in [0, 1]", j->name, where);
    return 0;
}

/* "u12" -> 11. *out = -1 for null or absent when !required. */
static int get_ref(long *out, const cJSON *o, const char *key, const char *prefixes, size_t max,
                   int required, const jin *j, const char *where, char *kind)
{
    const cJSON *v;
    int err = get_kind(&v, o, key, cJSON_IsString, "an id string", required, j, where);
    *out = -1;
    if (err < 0 || !v)
        return err;
    const char *s = v->valuestring;
    char *end;
    if (!*s || !strchr(prefixes, s[0]) || s[1] < '1' || s[1] > '9')
        return am_err(AM_EPARSE, "%s: %s: \"%s\" is not an id of the right kind: \"%s\"", j->name,
                      where, key, s);
    unsigned long n = strtoul(s + 1, &end, 10);
    if (*end || n == 0 || n > max)
        return am_err(AM_EPARSE, "%s: %s: \"%s\" names no element: \"%s\"", j->name, where, key, s);
    *out = (long)n - 1;
    if (kind)
        *kind = s[0];
    return 0;
}

/* ------------------------------------------------------------ spans */

/* A span of the input as a span of the rebuilt text. `text` may be NULL. */
static int place(am_tspan *out, const jin *j, size_t start, size_t end, const char *text,
                 const char *where, int *placed)
{
    *placed = 1;
    if (end < start)
        return am_err(AM_EPARSE, "%s: %s: end %zu before start %zu", j->name, where, end, start);
    if (j->exact) {
        const am_document *d = j->map->doc;
        if (end > d->text_len)
            return am_err(AM_EPARSE, "%s: %s: offset %zu beyond the document (%zu bytes)", j->name,
                          where, end, d->text_len);
        if (text && (strlen(text) != end - start || memcmp(d->text + start, text, end - start)))
            return am_err(AM_EPARSE, "%s: %s: the text does not match offsets %zu-%zu", j->name,
                          where, start, end);
        out->start = start;
        out->end = end;
        return 0;
    }
    for (size_t i = 0; i < j->paras.len; i++) {
        const para *p = &j->paras.items[i];
        if (start < p->src_start || end > p->src_end)
            continue;
        if (!text) {
            *placed = 0;
            return 0;
        }
        const char *t = j->map->doc->text + p->start;
        size_t n = strlen(text);
        for (size_t k = 0; k + n <= p->len; k++) {
            if (!memcmp(t + k, text, n)) {
                out->start = p->start + k;
                out->end = p->start + k + n;
                return 0;
            }
        }
    }
    if (!text) {
        *placed = 0;
        return 0;
    }
    return am_err(AM_EPARSE, "%s: %s: the text at %zu-%zu is in no paragraph", j->name, where,
                  start, end);
}

/* A {start, end, text} object (or the object itself holding them). */
static int read_span(am_tspan *out, const cJSON *o, const jin *j, const char *where, int *placed)
{
    size_t s, e;
    const cJSON *t;
    int err;
    if ((err = get_size(&s, o, "start", j, where)) < 0 || (err = get_size(&e, o, "end", j, where)) < 0 ||
        (err = get_kind(&t, o, "text", cJSON_IsString, "a string", 0, j, where)) < 0)
        return err;
    return place(out, j, s, e, t ? t->valuestring : NULL, where, placed);
}

static int read_span_member(am_tspan *out, const cJSON *o, const char *key, const jin *j,
                            const char *where)
{
    const cJSON *v;
    char w[96];
    int placed, err = get_kind(&v, o, key, cJSON_IsObject, "an object or null", 0, j, where);
    out->start = out->end = 0;
    if (err < 0 || !v)
        return err;
    snprintf(w, sizeof w, "%s.%s", where, key);
    return read_span(out, v, j, w, &placed);
}

/* ------------------------------------------------------------ document */

static int read_document(jin *j, const cJSON *d)
{
    am_document *doc = j->map->owned_doc;
    const cJSON *paras, *v, *warns;
    size_t bytes;
    int err;
    if ((err = get_kind(&paras, d, "paragraphs", cJSON_IsArray, "an array", 1, j, "document")) < 0 ||
        (err = get_size(&bytes, d, "bytes", j, "document")) < 0 ||
        (err = get_kind(&v, d, "format", cJSON_IsString, "a string", 1, j, "document")) < 0 ||
        (err = get_kind(&warns, d, "warnings", cJSON_IsArray, "an array", 0, j, "document")) < 0)
        return err;
    if (bytes > j->max_bytes)
        return am_err(AM_ELIMIT, "%s: document: %zu bytes is over the limit of %zu bytes "
                      "(--max-bytes)", j->name, bytes, j->max_bytes);
    j->exact = !strcmp(v->valuestring, "text");
    char *dname = NULL;
    if ((err = am_jr_str(&dname, d, "name", j->name, "document")) < 0)
        return err;
    if (dname) { /* the map is of that document, whatever file it came in */
        free(doc->name);
        doc->name = dname;
    }
    size_t np = (size_t)cJSON_GetArraySize(paras), i = 0;
    char where[64];
    /* First pass: offsets, texts, and whether they sit where they say. */
    for (const cJSON *p = paras->child; p; p = p->next, i++) {
        snprintf(where, sizeof where, "document.paragraphs[%zu]", i);
        const cJSON *t;
        para *x = AM_VEC_PUSH(&j->paras);
        if (!x)
            return am_err_nomem();
        if (!cJSON_IsObject(p))
            return am_err(AM_EPARSE, "%s: %s: not an object", j->name, where);
        if ((err = get_size(&x->src_start, p, "start", j, where)) < 0 ||
            (err = get_size(&x->src_end, p, "end", j, where)) < 0 ||
            (err = get_kind(&t, p, "text", cJSON_IsString, "a string", 1, j, where)) < 0)
            return err;
        x->len = strlen(t->valuestring);
        if (x->src_end < x->src_start || x->src_end > bytes)
            return am_err(AM_EPARSE, "%s: %s: offsets %zu-%zu outside the document (%zu bytes)",
                          j->name, where, x->src_start, x->src_end, bytes);
        if (x->src_end - x->src_start != x->len)
            j->exact = 0;
    }
    am_strbuf text = {0};
    if (j->exact) { /* the input again, with spaces where no paragraph is */
        char *buf = malloc(bytes + 1);
        if (!buf)
            return am_err_nomem();
        memset(buf, ' ', bytes);
        buf[bytes] = '\0';
        i = 0;
        for (const cJSON *p = paras->child; p; p = p->next, i++) {
            const char *t = cJSON_GetObjectItemCaseSensitive(p, "text")->valuestring;
            memcpy(buf + j->paras.items[i].src_start, t, j->paras.items[i].len);
            if (i + 1 < np && j->paras.items[i].src_end < bytes) /* keep paragraphs apart */
                buf[j->paras.items[i].src_end] = '\n';
        }
        for (i = 0; i < np; i++) {
            j->paras.items[i].start = j->paras.items[i].src_start;
            if (j->paras.items[i].src_start > 0 && buf[j->paras.items[i].src_start - 1] == ' ')
                buf[j->paras.items[i].src_start - 1] = '\n';
        }
        am_sb_append(&text, buf, bytes);
        free(buf);
        if ((err = am_ix_doc_finish(j->map, &text)) < 0)
            return err;
        for (i = 0; i < np; i++) {
            am_block *b = AM_VEC_PUSH(&doc->blocks);
            if (!b)
                return am_err_nomem();
            b->span.start = j->paras.items[i].start;
            b->span.end = j->paras.items[i].start + j->paras.items[i].len;
        }
    } else { /* the paragraph texts one after another */
        i = 0;
        for (const cJSON *p = paras->child; p; p = p->next, i++) {
            const char *t = cJSON_GetObjectItemCaseSensitive(p, "text")->valuestring;
            j->paras.items[i].start = text.len;
            am_sb_append(&text, t, j->paras.items[i].len);
            am_sb_puts(&text, "\n\n");
        }
        if (text.oom)
            return am_err_nomem();
        if ((err = am_ix_doc_finish(j->map, &text)) < 0)
            return err;
        for (i = 0; i < np; i++) {
            am_block *b = AM_VEC_PUSH(&doc->blocks);
            if (!b)
                return am_err_nomem();
            b->span.start = j->paras.items[i].start;
            b->span.end = j->paras.items[i].start + j->paras.items[i].len;
        }
    }
    /* paragraph kinds, title, warnings */
    i = 0;
    for (const cJSON *p = paras->child; p; p = p->next, i++) {
        const cJSON *k;
        snprintf(where, sizeof where, "document.paragraphs[%zu]", i);
        if ((err = get_kind(&k, p, "kind", cJSON_IsString, "a string", 0, j, where)) < 0)
            return err;
        const char *ks = k ? k->valuestring : "paragraph";
        doc->blocks.items[i].kind = !strcmp(ks, "heading") ? AM_BLOCK_HEADING
                                  : !strcmp(ks, "blockquote") ? AM_BLOCK_QUOTE
                                  : !strcmp(ks, "list_item") ? AM_BLOCK_LIST_ITEM : AM_BLOCK_PARAGRAPH;
    }
    if ((err = get_kind(&v, d, "title", cJSON_IsObject, "an object or null", 0, j, "document")) < 0)
        return err;
    if (v) {
        long tp;
        if ((err = get_ref(&tp, v, "paragraph", "p", np, 1, j, "document.title", NULL)) < 0)
            return err;
        doc->has_title = 1;
        doc->title_block = (size_t)tp;
    }
    for (const cJSON *w = warns ? warns->child : NULL; w; w = w->next)
        if (cJSON_IsString(w) && (err = am_doc_warn(doc, "%s", w->valuestring)) < 0)
            return err;
    return 0;
}

/* ------------------------------------------------------------ the map */

static int array(const cJSON **out, const cJSON *root, const char *key, const jin *j, size_t max)
{
    int err = get_kind(out, root, key, cJSON_IsArray, "an array", 1, j, "the map");
    if (err < 0)
        return err;
    if ((size_t)cJSON_GetArraySize(*out) > max)
        return am_err(AM_ELIMIT, "%s: \"%s\" has %d entries, over the limit of %zu", j->name, key,
                      cJSON_GetArraySize(*out), max);
    return 0;
}

static const char *static_reason(const char *s)
{
    static const char *const known[] = {"marker", "paragraph", "quote", "source", "model",
                                        "import", "gold", NULL};
    for (const char *const *k = known; *k; k++)
        if (s && !strcmp(s, *k))
            return *k;
    return s ? "import" : NULL;
}

static int enum_of(int *out, const cJSON *o, const char *key, const char *const *names,
                   const jin *j, const char *where)
{
    const cJSON *v;
    int err = get_kind(&v, o, key, cJSON_IsString, "a string", 0, j, where);
    *out = 0;
    if (err < 0 || !v)
        return err;
    for (int i = 0; names[i]; i++)
        if (!strcmp(v->valuestring, names[i])) {
            *out = i;
            return 0;
        }
    return am_err(AM_EPARSE, "%s: %s: unknown %s \"%s\"", j->name, where, key, v->valuestring);
}

static int read_map(jin *j, const cJSON *root, const am_import_options *opts)
{
    static const char *const UNIT_KINDS[] = {"none", "claim", "evidence", NULL};
    static const char *const EVIDENCE[] = {"", "testimony", "statistic", "event", "example",
                                           "report", "common_ground", NULL};
    am_map *map = j->map;
    const cJSON *sents, *units, *quotes, *sources, *dates, *rels;
    size_t max = opts->max_nodes;
    int err, placed;
    char where[64];
    if ((err = array(&sents, root, "sentences", j, max)) < 0 ||
        (err = array(&units, root, "units", j, max)) < 0 ||
        (err = array(&quotes, root, "quotes", j, max)) < 0 ||
        (err = array(&sources, root, "sources", j, max)) < 0 ||
        (err = array(&dates, root, "dates", j, max)) < 0 ||
        (err = array(&rels, root, "relations", j, max)) < 0)
        return err;
    size_t np = map->doc->blocks.len, ns = (size_t)cJSON_GetArraySize(sents),
           nu = (size_t)cJSON_GetArraySize(units), nq = (size_t)cJSON_GetArraySize(quotes),
           nS = (size_t)cJSON_GetArraySize(sources), nd = (size_t)cJSON_GetArraySize(dates),
           nr = (size_t)cJSON_GetArraySize(rels), i;
    /* Each element's id must be its place: references are by id. */
#define CHECK_ID(o, prefix, arrname)                                                            \
    do {                                                                                        \
        long id_;                                                                               \
        if ((err = get_ref(&id_, (o), "id", prefix, (size_t)-1 / 2, 1, j, where, NULL)) < 0)    \
            return err;                                                                         \
        if ((size_t)id_ != i)                                                                   \
            return am_err(AM_EPARSE, "%s: %s: id %s%ld out of order (%s are numbered from 1)",  \
                          j->name, where, prefix, id_ + 1, arrname);                            \
    } while (0)
    i = 0;
    for (const cJSON *o = sents->child; o; o = o->next, i++) {
        snprintf(where, sizeof where, "sentences[%zu]", i);
        CHECK_ID(o, "s", "sentences");
        am_sentence *s = AM_VEC_PUSH(&map->sentences);
        long p;
        if (!s)
            return am_err_nomem();
        if ((err = get_ref(&p, o, "paragraph", "p", np, 1, j, where, NULL)) < 0 ||
            (err = read_span(&s->span, o, j, where, &placed)) < 0)
            return err;
        s->paragraph = (size_t)p;
    }
    i = 0;
    for (const cJSON *o = units->child; o; o = o->next, i++) {
        snprintf(where, sizeof where, "units[%zu]", i);
        CHECK_ID(o, "u", "units");
        long s, p;
        int kind, ev;
        am_unit *u = AM_VEC_PUSH(&map->units);
        if (!u)
            return am_err_nomem();
        if ((err = get_ref(&s, o, "sentence", "s", ns, 0, j, where, NULL)) < 0 ||
            (err = get_ref(&p, o, "paragraph", "p", np, 1, j, where, NULL)) < 0 ||
            (err = read_span(&u->span, o, j, where, &placed)) < 0 ||
            (err = enum_of(&kind, o, "kind", UNIT_KINDS, j, where)) < 0 ||
            (err = enum_of(&ev, o, "evidence", EVIDENCE, j, where)) < 0 ||
            (err = get_bool(&u->major, o, "major", j, where)) < 0 ||
            (err = get_bool(&u->question, o, "question", j, where)) < 0 ||
            (err = get_conf(&u->confidence, o, j, where)) < 0 ||
            (err = read_span_member(&u->marker, o, "marker", j, where)) < 0 ||
            (err = get_ref(&u->quote, o, "quote", "q", nq, 0, j, where, NULL)) < 0 ||
            (err = get_ref(&u->date, o, "date", "d", nd, 0, j, where, NULL)) < 0 ||
            (err = get_ref(&u->source, o, "source", "S", nS, 0, j, where, NULL)) < 0)
            return err;
        u->sentence = s < 0 ? 0 : (size_t)s;
        u->paragraph = (size_t)p;
        u->kind = (am_unit_kind)kind;
        u->evidence = (am_evidence_type)ev;
    }
    i = 0;
    for (const cJSON *o = quotes->child; o; o = o->next, i++) {
        snprintf(where, sizeof where, "quotes[%zu]", i);
        CHECK_ID(o, "q", "quotes");
        int kind;
        am_quote *q = AM_VEC_PUSH(&map->quotes);
        if (!q)
            return am_err_nomem();
        if ((err = enum_of(&kind, o, "kind", am_quote_kind_names, j, where)) < 0 ||
            (err = read_span_member(&q->content, o, "content", j, where)) < 0 ||
            (err = read_span_member(&q->cue, o, "cue", j, where)) < 0 ||
            (err = read_span_member(&q->speaker, o, "speaker", j, where)) < 0 ||
            (err = get_bool(&q->block, o, "block", j, where)) < 0 ||
            (err = get_bool(&q->indirect, o, "indirect", j, where)) < 0 ||
            (err = get_ref(&q->source, o, "source", "S", nS, 0, j, where, NULL)) < 0 ||
            (err = get_ref(&q->unit, o, "unit", "u", nu, 0, j, where, NULL)) < 0 ||
            (err = get_conf(&q->confidence, o, j, where)) < 0 ||
            (err = read_span(&q->span, o, j, where, &placed)) < 0)
            return err;
        q->kind = (am_quote_kind)kind;
        if (!placed) { /* the marks around the content, as near as the text allows */
            q->span = q->content;
            if (q->span.start > 0 && q->span.end < map->doc->text_len) {
                q->span.start--;
                q->span.end++;
            }
        }
    }
    i = 0;
    for (const cJSON *o = sources->child; o; o = o->next, i++) {
        snprintf(where, sizeof where, "sources[%zu]", i);
        CHECK_ID(o, "S", "sources");
        int kind;
        const cJSON *al, *ms;
        am_source *s = AM_VEC_PUSH(&map->sources);
        if (!s)
            return am_err_nomem();
        if ((err = am_jr_str(&s->name, o, "name", j->name, where)) < 0 ||
            (err = am_jr_str(&s->role, o, "role", j->name, where)) < 0 ||
            (err = enum_of(&kind, o, "kind", am_source_kind_names, j, where)) < 0 ||
            (err = get_kind(&al, o, "aliases", cJSON_IsArray, "an array", 0, j, where)) < 0 ||
            (err = get_kind(&ms, o, "mentions", cJSON_IsArray, "an array", 0, j, where)) < 0)
            return err;
        if (!s->name)
            return am_err(AM_EPARSE, "%s: %s: no \"name\"", j->name, where);
        s->kind = (am_source_kind)kind;
        for (const cJSON *a = al ? al->child : NULL; a; a = a->next) {
            char **slot = cJSON_IsString(a) ? AM_VEC_PUSH(&s->aliases) : NULL;
            if (cJSON_IsString(a) && (!slot || !(*slot = strdup(a->valuestring))))
                return am_err_nomem();
        }
        for (const cJSON *m = ms ? ms->child : NULL; m; m = m->next) {
            am_tspan t;
            if (!cJSON_IsObject(m))
                return am_err(AM_EPARSE, "%s: %s: a mention is not an object", j->name, where);
            if ((err = read_span(&t, m, j, where, &placed)) < 0)
                return err;
            if (!placed) {
                j->dropped++;
                continue;
            }
            am_tspan *slot = AM_VEC_PUSH(&s->mentions);
            if (!slot)
                return am_err_nomem();
            *slot = t;
        }
    }
    i = 0;
    for (const cJSON *o = dates->child; o; o = o->next, i++) {
        snprintf(where, sizeof where, "dates[%zu]", i);
        CHECK_ID(o, "d", "dates");
        static const char *const PREC[] = {"year", "month", "day", NULL};
        int prec;
        const cJSON *iso;
        am_date *d = AM_VEC_PUSH(&map->dates);
        if (!d)
            return am_err_nomem();
        if ((err = read_span(&d->span, o, j, where, &placed)) < 0 ||
            (err = enum_of(&prec, o, "precision", PREC, j, where)) < 0 ||
            (err = get_bool(&d->year_inferred, o, "year_inferred", j, where)) < 0 ||
            (err = get_ref(&d->unit, o, "unit", "u", nu, 0, j, where, NULL)) < 0 ||
            (err = get_kind(&iso, o, "iso", cJSON_IsString, "a string", 0, j, where)) < 0)
            return err;
        d->precision = (am_date_precision)prec;
        if (iso)
            snprintf(d->iso, sizeof d->iso, "%s", iso->valuestring);
    }
    i = 0;
    for (const cJSON *o = rels->child; o; o = o->next, i++) {
        snprintf(where, sizeof where, "relations[%zu]", i);
        CHECK_ID(o, "r", "relations");
        long f, t;
        char fk = 0, tk = 0;
        int type;
        am_relation *r = AM_VEC_PUSH(&map->relations);
        if (!r)
            return am_err_nomem();
        size_t lim = nu > nS ? nu : nS;
        if (nr > lim)
            lim = nr;
        if ((err = get_ref(&f, o, "from", "uS", lim, 1, j, where, &fk)) < 0 ||
            (err = get_ref(&t, o, "to", "ur", lim, 1, j, where, &tk)) < 0 ||
            (err = enum_of(&type, o, "type", am_rel_type_names, j, where)) < 0 ||
            (err = am_jr_str(&r->marker, o, "marker", j->name, where)) < 0 ||
            (err = get_conf(&r->confidence, o, j, where)) < 0)
            return err;
        if ((fk == 'u' && (size_t)f >= nu) || (fk == 'S' && (size_t)f >= nS) ||
            (tk == 'u' && (size_t)t >= nu) || (tk == 'r' && (size_t)t >= nr))
            return am_err(AM_EPARSE, "%s: %s: an end names no element", j->name, where);
        if ((tk == 'r') != (type == AM_REL_UNDERCUT))
            return am_err(AM_EPARSE, "%s: %s: an undercut, and only an undercut, ends at a "
                          "relation", j->name, where);
        if (tk == 'r' && (size_t)t == i)
            return am_err(AM_EPARSE, "%s: %s: a relation that undercuts itself", j->name, where);
        r->from.kind = fk == 'S' ? AM_NODE_SOURCE : AM_NODE_UNIT;
        r->from.index = (size_t)f;
        r->to.kind = tk == 'r' ? AM_NODE_RELATION : AM_NODE_UNIT;
        r->to.index = (size_t)t;
        r->type = (am_rel_type)type;
        const cJSON *rs;
        if ((err = get_kind(&rs, o, "reason", cJSON_IsString, "a string", 0, j, where)) < 0)
            return err;
        r->reason = static_reason(rs ? rs->valuestring : NULL);
    }
#undef CHECK_ID
    long major;
    if ((err = get_ref(&major, root, "major_claim", "u", nu, 0, j, "the map", NULL)) < 0)
        return err;
    map->major = major;
    if (j->dropped && (err = am_doc_warn(map->owned_doc, "%s: %zu source mention%s dropped: the "
                                         "JSON gives no text to find them by", j->name, j->dropped,
                                         j->dropped == 1 ? "" : "s")) < 0)
        return err;
    return 0;
}

int am_json_import(am_map **out, const char *name, const char *data, size_t len,
                   const am_import_options *opts)
{
    cJSON *root = NULL;
    jin j = {0};
    j.name = name;
    j.max_bytes = opts->max_bytes;
    int err = am_jr_parse(&root, name, data, len, opts->max_depth, opts->max_nodes);
    if (err < 0)
        return err;
    const cJSON *schema, *doc;
    if (!cJSON_IsObject(root)) {
        err = am_err(AM_EPARSE, "%s: not an argmap map: the JSON is not an object", name);
        goto done;
    }
    if ((err = get_kind(&schema, root, "schema", cJSON_IsString, "a string", 1, &j, "the map")) < 0)
        goto done;
    if (strncmp(schema->valuestring, "argmap/1.", 9)) {
        err = am_err(AM_EPARSE, "%s: schema \"%s\" is not argmap/1.x", name, schema->valuestring);
        goto done;
    }
    if ((err = get_kind(&doc, root, "document", cJSON_IsObject, "an object", 1, &j, "the map")) < 0 ||
        (err = am_ix_map_new(&j.map, name, AM_IMPORT_JSON)) < 0 ||
        (err = read_document(&j, doc)) < 0 || (err = read_map(&j, root, opts)) < 0)
        goto done;
    *out = j.map;
    j.map = NULL;
done:
    free(j.paras.items);
    am_map_free(j.map);
    cJSON_Delete(root);
    return err;
}
