/*
 * json.c - the map as JSON (schema docs/schema.json, prose docs/json.md).
 *
 * Members are added in one fixed order and arrays follow the order of the
 * map (text order), so the same map always gives the same bytes. Offsets
 * are offsets of the original input; text is copied out of the document.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/strbuf.h"
#include "json.h"

void am_json_id(char *buf, size_t n, char prefix, size_t index)
{
    /* snprintf(buf, n, "%c%zu", prefix, index + 1) without printf: ids are
     * written for every reference of a map */
    char tmp[24];
    size_t k = sizeof tmp, v = index + 1;
    do {
        tmp[--k] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    tmp[--k] = prefix;
    if (!n)
        return;
    size_t len = sizeof tmp - k;
    if (len > n - 1)
        len = n - 1; /* cut, as snprintf cuts */
    memcpy(buf, tmp + k, len);
    buf[len] = '\0';
}

/* ------------------------------------------------ streaming (see json.h) */

static void put(am_jbuf *b, const char *s, size_t n);
static void put_string(am_jbuf *b, const char *str);
static void put_double(am_jbuf *b, double d);

/* Make obj the open container (closing the deeper ones) and write the
 * comma and key before a new item; 0, or -1 (oom set) when obj is not
 * open or an object member has no key (cJSON refuses it). */
/* A newline and two spaces per level, as am_json_indent writes them. */
static void s_newline(am_jw *w, size_t level)
{
    static const char spaces[] = "                                "; /* 32 */
    put(w->out, "\n", 1);
    for (size_t k = 2 * level; k;) {
        size_t m = k < sizeof spaces - 1 ? k : sizeof spaces - 1;
        put(w->out, spaces, m);
        k -= m;
    }
}

/* Close the innermost open container: pretty, an empty one stays {} or []
 * and a full one ends on its own line. */
static void s_close(am_jw *w)
{
    if (w->pretty && w->more[w->depth])
        s_newline(w, w->depth);
    put(w->out, w->is_arr[w->depth] ? "]" : "}", 1);
}

/* The depth of the open container obj stands for, or -1 when obj is not
 * one (compared as integers: a stray pointer is not UB to test). */
static long s_depth(const am_jw *w, const cJSON *obj)
{
    uintptr_t p = (uintptr_t)obj, base = (uintptr_t)w->lv;
    if (p < base || (p - base) % sizeof(cJSON) || (p - base) / sizeof(cJSON) > w->depth)
        return -1;
    return (long)((p - base) / sizeof(cJSON));
}

static int s_item(am_jw *w, cJSON *obj, const char *key)
{
    long at = s_depth(w, obj);
    if (at < 0) {
        w->oom = 1;
        return -1;
    }
    size_t d = (size_t)at;
    while (w->depth > d) {
        s_close(w);
        w->depth--;
    }
    if (!w->is_arr[d] && !key) {
        w->oom = 1;
        return -1;
    }
    if (w->more[d])
        put(w->out, ",", 1);
    w->more[d] = 1;
    if (w->pretty)
        s_newline(w, d + 1);
    if (!w->is_arr[d]) {
        put_string(w->out, key);
        put(w->out, w->pretty ? ": " : ":", w->pretty ? 2 : 1);
    }
    return 0;
}

static cJSON *s_open(am_jw *w, cJSON *obj, const char *key, int arr)
{
    if (w->depth + 1 >= AM_JW_DEPTH) {
        w->oom = 1;
        return NULL;
    }
    if (s_item(w, obj, key) < 0)
        return NULL;
    put(w->out, arr ? "[" : "{", 1);
    w->depth++;
    w->is_arr[w->depth] = (unsigned char)arr;
    w->more[w->depth] = 0;
    return &w->lv[w->depth];
}

/* A scalar written: bytes as they are, or a string (NULL: null). */
static cJSON *s_raw(am_jw *w, cJSON *obj, const char *key, const char *bytes, size_t n)
{
    if (s_item(w, obj, key) < 0)
        return NULL;
    put(w->out, bytes, n);
    return obj;
}

static cJSON *s_str(am_jw *w, cJSON *obj, const char *key, const char *s)
{
    if (s_item(w, obj, key) < 0)
        return NULL;
    if (s)
        put_string(w->out, s);
    else
        put(w->out, "null", 4);
    return obj;
}

static cJSON *s_num(am_jw *w, cJSON *obj, const char *key, double v)
{
    if (s_item(w, obj, key) < 0)
        return NULL;
    put_double(w->out, v);
    return obj;
}

static cJSON *add(am_jw *w, cJSON *obj, const char *key, cJSON *item)
{
    if (!item) {
        w->oom = 1;
        return NULL;
    }
    if (!obj) {
        cJSON_Delete(item);
        w->oom = 1;
        return NULL;
    }
    int ok = cJSON_IsArray(obj) ? cJSON_AddItemToArray(obj, item)
                                : cJSON_AddItemToObject(obj, key, item);
    if (!ok) { /* cJSON leaves the item with us when adding fails */
        cJSON_Delete(item);
        w->oom = 1;
        return NULL;
    }
    return item;
}

cJSON *am_jw_str(am_jw *w, cJSON *obj, const char *key, const char *s)
{
    if (w->out)
        return s_str(w, obj, key, s);
    return add(w, obj, key, s ? cJSON_CreateString(s) : cJSON_CreateNull());
}

cJSON *am_jw_strn(am_jw *w, cJSON *obj, const char *key, const char *s, size_t n)
{
    if (w->out) {
        if (s_item(w, obj, key) < 0)
            return NULL;
        am_jb_stringn(w->out, s, n);
        return obj;
    }
    char *copy = malloc(n + 1);
    if (!copy) {
        w->oom = 1;
        return NULL;
    }
    memcpy(copy, s, n);
    copy[n] = '\0';
    cJSON *item = add(w, obj, key, cJSON_CreateString(copy));
    free(copy);
    return item;
}

cJSON *am_jw_int(am_jw *w, cJSON *obj, const char *key, size_t v)
{
    if (w->out)
        return s_num(w, obj, key, (double)v);
    return add(w, obj, key, cJSON_CreateNumber((double)v));
}

cJSON *am_jw_num(am_jw *w, cJSON *obj, const char *key, double v)
{
    if (w->out)
        return isfinite(v) ? s_num(w, obj, key, round(v * 10000.0) / 10000.0)
                           : s_raw(w, obj, key, "null", 4);
    if (!isfinite(v))
        return add(w, obj, key, cJSON_CreateNull());
    return add(w, obj, key, cJSON_CreateNumber(round(v * 10000.0) / 10000.0));
}

cJSON *am_jw_bool(am_jw *w, cJSON *obj, const char *key, int v)
{
    if (w->out)
        return v ? s_raw(w, obj, key, "true", 4) : s_raw(w, obj, key, "false", 5);
    return add(w, obj, key, cJSON_CreateBool(v != 0));
}

cJSON *am_jw_null(am_jw *w, cJSON *obj, const char *key)
{
    if (w->out)
        return s_raw(w, obj, key, "null", 4);
    return add(w, obj, key, cJSON_CreateNull());
}

cJSON *am_jw_obj(am_jw *w, cJSON *obj, const char *key)
{
    if (w->out)
        return s_open(w, obj, key, 0);
    return add(w, obj, key, cJSON_CreateObject());
}

cJSON *am_jw_arr(am_jw *w, cJSON *obj, const char *key)
{
    if (w->out)
        return s_open(w, obj, key, 1);
    return add(w, obj, key, cJSON_CreateArray());
}

cJSON *am_jw_push_obj(am_jw *w, cJSON *arr)
{
    if (w->out) {
        /* cJSON adds to a non-array as an object member without a key:
         * refused */
        long at = s_depth(w, arr);
        if (at < 0 || !w->is_arr[at]) {
            w->oom = 1;
            return NULL;
        }
        return s_open(w, arr, NULL, 0);
    }
    return add(w, arr, NULL, cJSON_CreateObject());
}

cJSON *am_jw_ref(am_jw *w, cJSON *obj, const char *key, char prefix, long index)
{
    if (index < 0)
        return am_jw_null(w, obj, key);
    char id[32];
    am_json_id(id, sizeof id, prefix, (size_t)index);
    return am_jw_str(w, obj, key, id);
}

void am_jw_span(am_jw *w, cJSON *obj, am_tspan t, int with_text)
{
    const am_document *doc = w->map->doc;
    am_span s = am_doc_src_span(doc, t);
    am_jw_int(w, obj, "start", s.start);
    am_jw_int(w, obj, "end", s.end);
    if (with_text)
        am_jw_strn(w, obj, "text", doc->text + t.start, t.end - t.start);
}

void am_jw_span_obj(am_jw *w, cJSON *obj, const char *key, am_tspan t)
{
    if (t.end <= t.start) {
        am_jw_null(w, obj, key);
        return;
    }
    cJSON *o = am_jw_obj(w, obj, key);
    if (o)
        am_jw_span(w, o, t, 1);
}

static const char *block_kind_name(am_block_kind k)
{
    switch (k) {
    case AM_BLOCK_HEADING: return "heading";
    case AM_BLOCK_QUOTE: return "blockquote";
    case AM_BLOCK_LIST_ITEM: return "list_item";
    default: return "paragraph";
    }
}

static void write_document(am_jw *w, cJSON *root)
{
    const am_document *doc = w->map->doc;
    cJSON *d = am_jw_obj(w, root, "document");
    am_jw_str(w, d, "name", doc->name);
    am_jw_str(w, d, "format", am_format_name(doc->format));
    am_jw_int(w, d, "bytes", doc->src_len);
    if (doc->has_title) {
        cJSON *t = am_jw_obj(w, d, "title");
        am_jw_ref(w, t, "paragraph", 'p', (long)doc->title_block);
        am_jw_span(w, t, doc->blocks.items[doc->title_block].span, 1);
    } else {
        am_jw_null(w, d, "title");
    }
    cJSON *ps = am_jw_arr(w, d, "paragraphs");
    for (size_t i = 0; i < doc->blocks.len; i++) {
        cJSON *p = am_jw_push_obj(w, ps);
        am_jw_ref(w, p, "id", 'p', (long)i);
        am_jw_str(w, p, "kind", block_kind_name(doc->blocks.items[i].kind));
        am_jw_span(w, p, doc->blocks.items[i].span, 1);
    }
    cJSON *ws = am_jw_arr(w, d, "warnings");
    for (size_t i = 0; i < doc->warnings.len; i++)
        am_jw_str(w, ws, NULL, doc->warnings.items[i]);
}

static void write_sentences(am_jw *w, cJSON *root)
{
    cJSON *arr = am_jw_arr(w, root, "sentences");
    for (size_t i = 0; i < w->map->sentences.len; i++) {
        const am_sentence *s = &w->map->sentences.items[i];
        cJSON *o = am_jw_push_obj(w, arr);
        am_jw_ref(w, o, "id", 's', (long)i);
        am_jw_ref(w, o, "paragraph", 'p', (long)s->paragraph);
        am_jw_span(w, o, s->span, 1);
    }
}

static const char *unit_kind_name(am_unit_kind k)
{
    switch (k) {
    case AM_UNIT_CLAIM: return "claim";
    case AM_UNIT_EVIDENCE: return "evidence";
    default: return "none";
    }
}

const char *am_evidence_name(am_evidence_type t)
{
    switch (t) {
    case AM_EV_TESTIMONY: return "testimony";
    case AM_EV_STATISTIC: return "statistic";
    case AM_EV_EVENT: return "event";
    case AM_EV_EXAMPLE: return "example";
    case AM_EV_REPORT: return "report";
    case AM_EV_COMMON_GROUND: return "common_ground";
    default: return NULL;
    }
}

static void write_units(am_jw *w, cJSON *root)
{
    cJSON *arr = am_jw_arr(w, root, "units");
    for (size_t i = 0; i < w->map->units.len; i++) {
        const am_unit *u = &w->map->units.items[i];
        cJSON *o = am_jw_push_obj(w, arr);
        am_jw_ref(w, o, "id", 'u', (long)i);
        am_jw_ref(w, o, "sentence", 's', (long)u->sentence);
        am_jw_ref(w, o, "paragraph", 'p', (long)u->paragraph);
        am_jw_span(w, o, u->span, 1);
        am_jw_str(w, o, "kind", unit_kind_name(u->kind));
        am_jw_bool(w, o, "major", u->major);
        am_jw_str(w, o, "evidence", am_evidence_name(u->evidence));
        am_jw_num(w, o, "confidence", u->confidence);
        am_jw_bool(w, o, "question", u->question);
        am_jw_span_obj(w, o, "marker", u->marker);
        am_jw_ref(w, o, "quote", 'q', u->quote);
        am_jw_ref(w, o, "date", 'd', u->date);
        am_jw_ref(w, o, "source", 'S', u->source);
    }
}

static void write_quotes(am_jw *w, cJSON *root)
{
    cJSON *arr = am_jw_arr(w, root, "quotes");
    for (size_t i = 0; i < w->map->quotes.len; i++) {
        const am_quote *q = &w->map->quotes.items[i];
        cJSON *o = am_jw_push_obj(w, arr);
        am_jw_ref(w, o, "id", 'q', (long)i);
        am_jw_str(w, o, "kind", am_quote_kind_name(q->kind));
        am_jw_span(w, o, q->span, 0);
        am_jw_span_obj(w, o, "content", q->content);
        am_jw_bool(w, o, "block", q->block);
        am_jw_bool(w, o, "indirect", q->indirect);
        am_jw_ref(w, o, "source", 'S', q->source);
        am_jw_span_obj(w, o, "cue", q->cue);
        am_jw_span_obj(w, o, "speaker", q->speaker);
        am_jw_ref(w, o, "unit", 'u', q->unit);
        am_jw_num(w, o, "confidence", q->confidence);
    }
}

static void write_sources(am_jw *w, cJSON *root)
{
    cJSON *arr = am_jw_arr(w, root, "sources");
    for (size_t i = 0; i < w->map->sources.len; i++) {
        const am_source *s = &w->map->sources.items[i];
        cJSON *o = am_jw_push_obj(w, arr);
        am_jw_ref(w, o, "id", 'S', (long)i);
        am_jw_str(w, o, "name", s->name);
        am_jw_str(w, o, "kind", am_source_kind_name(s->kind));
        am_jw_str(w, o, "role", s->role);
        cJSON *al = am_jw_arr(w, o, "aliases");
        for (size_t j = 0; j < s->aliases.len; j++)
            am_jw_str(w, al, NULL, s->aliases.items[j]);
        cJSON *ms = am_jw_arr(w, o, "mentions");
        for (size_t j = 0; j < s->mentions.len; j++) {
            cJSON *m = am_jw_push_obj(w, ms);
            am_jw_span(w, m, s->mentions.items[j], 0);
        }
    }
}

static const char *precision_name(am_date_precision p)
{
    switch (p) {
    case AM_DATE_DAY: return "day";
    case AM_DATE_MONTH: return "month";
    default: return "year";
    }
}

static void write_dates(am_jw *w, cJSON *root)
{
    cJSON *arr = am_jw_arr(w, root, "dates");
    for (size_t i = 0; i < w->map->dates.len; i++) {
        const am_date *d = &w->map->dates.items[i];
        cJSON *o = am_jw_push_obj(w, arr);
        am_jw_ref(w, o, "id", 'd', (long)i);
        am_jw_span(w, o, d->span, 1);
        am_jw_str(w, o, "iso", d->iso);
        am_jw_str(w, o, "precision", precision_name(d->precision));
        am_jw_bool(w, o, "year_inferred", d->year_inferred);
        am_jw_ref(w, o, "unit", 'u', d->unit);
    }
}

static void ref_node(am_jw *w, cJSON *o, const char *key, am_ref r)
{
    char prefix = r.kind == AM_NODE_SOURCE ? 'S' : r.kind == AM_NODE_RELATION ? 'r' : 'u';
    am_jw_ref(w, o, key, prefix, (long)r.index);
}

static void write_relations(am_jw *w, cJSON *root)
{
    cJSON *arr = am_jw_arr(w, root, "relations");
    for (size_t i = 0; i < w->map->relations.len; i++) {
        const am_relation *r = &w->map->relations.items[i];
        cJSON *o = am_jw_push_obj(w, arr);
        am_jw_ref(w, o, "id", 'r', (long)i);
        ref_node(w, o, "from", r->from);
        ref_node(w, o, "to", r->to);
        am_jw_str(w, o, "type", am_rel_type_name(r->type));
        am_jw_str(w, o, "marker", r->marker);
        am_jw_str(w, o, "reason", r->reason);
        am_jw_num(w, o, "confidence", r->confidence);
    }
}

/* Re-indent compact JSON with two spaces, "key": value, one member a line.
 * cJSON's own pretty form uses tabs; this one reads better and diffs well. */
/* Output buffer of am_json_indent: room is made before each write, so
 * the loop below writes bytes directly instead of calling a function per
 * byte (the indenting was a quarter of `argmap analyze` on a long text). */
typedef am_jbuf ibuf;

static int grow_ibuf(ibuf *b, size_t n);

static inline int room(ibuf *b, size_t n)
{
    if (b->len + n + 1 <= b->cap && !b->oom)
        return 0;
    return grow_ibuf(b, n);
}

static int grow_ibuf(ibuf *b, size_t n)
{
    if (b->oom)
        return -1;
    if (b->len + n + 1 <= b->cap)
        return 0;
    size_t want = b->cap ? b->cap : 256;
    while (want < b->len + n + 1)
        want *= 2;
    char *p = realloc(b->buf, want);
    if (!p) {
        b->oom = 1;
        return -1;
    }
    b->buf = p;
    b->cap = want;
    return 0;
}

/* A newline and two spaces per level. */
static void newline(ibuf *b, int depth)
{
    size_t k = depth > 0 ? 2 * (size_t)depth : 0;
    if (room(b, k + 1) < 0)
        return;
    b->buf[b->len++] = '\n';
    memset(b->buf + b->len, ' ', k);
    b->len += k;
}

char *am_json_indent(const char *c)
{
    ibuf b = {0};
    int depth = 0;
    size_t inlen = strlen(c);
    room(&b, inlen + inlen / 4);
    for (const char *p = c; *p && !b.oom; p++) {
        char ch = *p;
        if (ch == '"') { /* a string, copied whole up to its closing quote */
            const char *q = p + 1;
            while (*q && *q != '"') {
                if (*q == '\\' && q[1])
                    q++;
                q++;
            }
            if (*q)
                q++; /* the closing quote */
            size_t n = (size_t)(q - p);
            if (room(&b, n) < 0)
                break;
            memcpy(b.buf + b.len, p, n);
            b.len += n;
            p = q - 1;
            continue;
        }
        switch (ch) {
        case '{':
        case '[':
            if (room(&b, 2) < 0)
                break;
            b.buf[b.len++] = ch;
            if (p[1] == (ch == '{' ? '}' : ']')) { /* empty: {} or [] */
                b.buf[b.len++] = *++p;
                break;
            }
            depth++;
            newline(&b, depth);
            break;
        case '}':
        case ']':
            depth--;
            newline(&b, depth);
            if (room(&b, 1) == 0)
                b.buf[b.len++] = ch;
            break;
        case ',':
            if (room(&b, 1) == 0)
                b.buf[b.len++] = ',';
            newline(&b, depth);
            break;
        case ':':
            if (room(&b, 2) == 0) {
                b.buf[b.len++] = ':';
                b.buf[b.len++] = ' ';
            }
            break;
        default: {
            /* numbers, true, false, null: up to the next structural byte */
            const char *q = p + 1;
            while (*q && *q != '"' && *q != '{' && *q != '[' && *q != '}' && *q != ']' &&
                   *q != ',' && *q != ':')
                q++;
            size_t n = (size_t)(q - p);
            if (room(&b, n) < 0)
                break;
            memcpy(b.buf + b.len, p, n);
            b.len += n;
            p = q - 1;
        }
        }
    }
    if (room(&b, 0) < 0) {
        free(b.buf);
        return NULL;
    }
    b.buf[b.len] = '\0';
    return b.buf;
}

/* ------------------------------------------------------ compact printing */

static inline void put(ibuf *b, const char *s, size_t n)
{
    if (room(b, n) < 0)
        return;
    if (n == 1) /* punctuation, most calls */
        b->buf[b->len] = *s;
    else
        memcpy(b->buf + b->len, s, n);
    b->len += n;
}

/* cJSON's print_string_ptr: quotes, backslashes and control bytes escaped,
 * everything else (UTF-8 included) as it is. s[0, n) holds no NUL. Runs
 * without such bytes are found eight bytes at a time (exact tests: a
 * borrow only spreads above a byte that matched) and copied whole. */
static void put_string_n(ibuf *b, const char *str, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    const unsigned char *s = (const unsigned char *)str, *end = s + n;
    if (room(b, n + 2) < 0)
        return;
    b->buf[b->len++] = '"';
    for (;;) {
        const unsigned char *q = s;
        while (end - q >= 8) {
            uint64_t x, qt, bs;
            memcpy(&x, q, 8);
            qt = x ^ (ones * '"');
            bs = x ^ (ones * '\\');
            if ((((x - ones * 0x20) & ~x) | ((qt - ones) & ~qt) | ((bs - ones) & ~bs)) & highs)
                break;
            q += 8;
        }
        while (q < end && *q > 31 && *q != '"' && *q != '\\')
            q++;
        put(b, (const char *)s, (size_t)(q - s));
        if (q == end)
            break;
        char esc[6] = {'\\', 0, 0, 0, 0, 0};
        size_t k = 2;
        switch (*q) {
        case '\\': esc[1] = '\\'; break;
        case '"': esc[1] = '"'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        default:
            esc[1] = 'u';
            esc[2] = '0';
            esc[3] = '0';
            esc[4] = hex[*q >> 4];
            esc[5] = hex[*q & 15];
            k = 6;
        }
        put(b, esc, k);
        s = q + 1;
    }
    put(b, "\"", 1);
}

static void put_string(ibuf *b, const char *str)
{
    const char *s = str ? str : "";
    put_string_n(b, s, strlen(s));
}

static int same_double(double a, double b)
{
    double m = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    return fabs(a - b) <= m * DBL_EPSILON;
}

/* cJSON 1.7.15's print_number: %1.15g when it reads back as the same double
 * (to DBL_EPSILON), else %1.17g. An integral double below 1e15 prints as
 * its digits under %1.15g (and reads back exactly), so those - most of a
 * map's numbers, the offsets - skip printf and scanf; -0 stays "-0". */
/* d written as %1.15g writes it, when d is the double nearest to k/10^4
 * for an integer k with |d| < 1e10; 0 (nothing written) otherwise. Such a
 * decimal has at most 14 significant digits, so %1.15g gives it back
 * exactly (DBL_DIG is 15), in plain notation (its exponent is between -4
 * and 9), trailing zeros dropped; and it reads back as d, so the %1.17g
 * fallback is not taken. That skips printf and scanf for the fractions
 * of a map: confidences, shares, PageRank. */
static int four_places(ibuf *b, double d)
{
    double scaled = d * 10000.0;
    long long k = llround(scaled);
    if ((double)k / 10000.0 != d || k == 0)
        return 0;
    unsigned long long u = k < 0 ? 0ull - (unsigned long long)k : (unsigned long long)k;
    char nb[32];
    size_t at = sizeof nb;
    unsigned frac = (unsigned)(u % 10000);
    unsigned long long whole = u / 10000;
    int digits = 4;
    while (digits && frac % 10 == 0) { /* trailing zeros dropped */
        frac /= 10;
        digits--;
    }
    if (!digits)
        return 0; /* integral: not reached (the caller prints those) */
    for (int i = 0; i < digits; i++) {
        nb[--at] = (char)('0' + frac % 10);
        frac /= 10;
    }
    nb[--at] = '.';
    do {
        nb[--at] = (char)('0' + whole % 10);
        whole /= 10;
    } while (whole);
    if (k < 0)
        nb[--at] = '-';
    put(b, nb + at, sizeof nb - at);
    return 1;
}

static void put_double(ibuf *b, double d)
{
    char nb[32];
    if (isnan(d) || isinf(d)) {
        put(b, "null", 4);
    } else if (fabs(d) < 1e15 && d == floor(d)) {
        long long v = (long long)d;
        unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
        size_t k = sizeof nb;
        do {
            nb[--k] = (char)('0' + u % 10);
            u /= 10;
        } while (u);
        if (signbit(d))
            nb[--k] = '-';
        put(b, nb + k, sizeof nb - k);
    } else if (fabs(d) < 1e10 && four_places(b, d)) {
        /* written: a number of at most four decimals (am_jw_num rounds
         * every fraction it writes so) */
    } else {
        double test = 0.0;
        int n = snprintf(nb, sizeof nb, "%1.15g", d);
        if (sscanf(nb, "%lg", &test) != 1 || !same_double(test, d))
            n = snprintf(nb, sizeof nb, "%1.17g", d);
        put(b, nb, (size_t)n);
    }
}

static void put_number(ibuf *b, const cJSON *it)
{
    put_double(b, it->valuedouble);
}

static int put_item(ibuf *b, const cJSON *it)
{
    switch (it->type & 0xFF) {
    case cJSON_NULL: put(b, "null", 4); return 0;
    case cJSON_False: put(b, "false", 5); return 0;
    case cJSON_True: put(b, "true", 4); return 0;
    case cJSON_Number: put_number(b, it); return 0;
    case cJSON_String: put_string(b, it->valuestring); return 0;
    case cJSON_Raw:
        if (!it->valuestring)
            return -1;
        put(b, it->valuestring, strlen(it->valuestring));
        return 0;
    case cJSON_Array:
    case cJSON_Object: {
        int obj = (it->type & 0xFF) == cJSON_Object;
        put(b, obj ? "{" : "[", 1);
        for (const cJSON *c = it->child; c; c = c->next) {
            if (obj) {
                put_string(b, c->string);
                put(b, ":", 1);
            }
            if (put_item(b, c) < 0)
                return -1;
            if (c->next)
                put(b, ",", 1);
        }
        put(b, obj ? "}" : "]", 1);
        return 0;
    }
    default:
        return -1;
    }
}

/* ------------------------------------------- writing without a tree */

void am_jb_put(am_jbuf *b, const char *s, size_t n)
{
    put(b, s, n);
}

void am_jb_string(am_jbuf *b, const char *s)
{
    if (s)
        put_string(b, s);
    else
        put(b, "null", 4);
}

void am_jb_stringn(am_jbuf *b, const char *s, size_t n)
{
    /* what cJSON_CreateString of a NUL-terminated copy holds: the bytes up
     * to the first NUL */
    const char *nul = memchr(s, '\0', n);
    if (nul)
        n = (size_t)(nul - s);
    put_string_n(b, s, n);
}

void am_jb_double(am_jbuf *b, double d)
{
    put_double(b, d);
}

char *am_json_print(const cJSON *item)
{
    ibuf b = {0};
    if (!item || put_item(&b, item) < 0 || room(&b, 0) < 0) {
        free(b.buf);
        return NULL;
    }
    b.buf[b.len] = '\0';
    return b.buf;
}

int am_map_to_json(char **out, size_t *len, const am_map *map, int flags)
{
    if (!out || !map)
        return am_err(AM_EINVAL, "am_map_to_json: NULL argument");
    am_jbuf b = {0};
    am_jw w;
    memset(&w, 0, sizeof w);
    w.map = map;
    w.out = &b; /* streamed: the same bytes as printing the tree */
    w.pretty = !(flags & AM_JSON_COMPACT); /* and as indenting them */
    put(&b, "{", 1);
    cJSON *root = &w.lv[0];
    am_jw_str(&w, root, "schema", "argmap/" AM_SCHEMA_VERSION);
    am_jw_str(&w, root, "generator", "argmap " AM_VERSION);
    write_document(&w, root);
    write_sentences(&w, root);
    write_units(&w, root);
    write_quotes(&w, root);
    write_sources(&w, root);
    write_dates(&w, root);
    write_relations(&w, root);
    cJSON *major = am_jw_ref(&w, root, "major_claim", 'u', map->major);
    (void)major;
    cJSON *disc = am_jw_arr(&w, root, "disconnected");
    for (size_t i = 0; i < map->disconnected.len; i++)
        am_jw_ref(&w, disc, NULL, 'u', (long)map->disconnected.items[i]);
    am_json_analysis(&w, root);
    for (;;) { /* close what is open, the root last */
        s_close(&w);
        if (!w.depth)
            break;
        w.depth--;
    }
    char *text = NULL;
    if (!w.oom && room(&b, 0) == 0) {
        b.buf[b.len] = '\0';
        text = b.buf;
    } else {
        free(b.buf);
    }
    if (!text)
        return am_err_nomem();
    /* cJSON allocates with malloc by default, so am_free (free) releases it. */
    if (len)
        *len = strlen(text);
    *out = text;
    return 0;
}
