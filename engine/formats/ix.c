/*
 * ix.c - importing maps: the public entry am_map_import, the side table
 * an imported map keeps (am_ix), its synthetic document, and JSON reading
 * that does not trust its input.
 *
 * cJSON is forgiving in ways an importer must not be: it looks keys up
 * without regard to case, takes the first of duplicate keys, accepts
 * invalid UTF-8 and recurses as deep as the input nests. So the input is
 * checked before cJSON sees it (UTF-8, NUL, depth) and keys are looked up
 * here, exactly and once.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/pipeline.h"
#include "../text/utf8.h"
#include "export.h"
#include "import.h"
#include "ix.h"
#include "json.h"
#include "jr.h"

/* ---------------------------------------------------------------- options */

void am_import_options_init(am_import_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->version = AM_IMPORT_OPTIONS_VERSION;
    opts->max_bytes = AM_DEFAULT_MAX_BYTES;
    opts->max_nodes = 100000;
    opts->max_depth = 64;
}

const char *am_import_format_name(am_import_format f)
{
    switch (f) {
    case AM_IMPORT_AIF: return "aif";
    case AM_IMPORT_MICROTEXT: return "microtext";
    case AM_IMPORT_JSON: return "json";
    default: return "auto";
    }
}

int am_import_format_parse(am_import_format *out, const char *name)
{
    static const struct { const char *name; am_import_format f; } names[] = {
        {"auto", AM_IMPORT_AUTO}, {"aif", AM_IMPORT_AIF}, {"json-aif", AM_IMPORT_AIF},
        {"microtext", AM_IMPORT_MICROTEXT}, {"arggraph", AM_IMPORT_MICROTEXT},
        {"json", AM_IMPORT_JSON},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (name && !strcmp(name, names[i].name)) {
            *out = names[i].f;
            return 0;
        }
    }
    return am_err(AM_EINVAL, "unknown import format '%s' (use aif, microtext, json or auto)",
                  name ? name : "");
}

/* -------------------------------------------------------------- the table */

char *am_ix_strdup(const char *s, int *oom)
{
    if (!s)
        return NULL;
    char *c = strdup(s);
    if (!c)
        *oom = 1;
    return c;
}

static void free_strs(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void am_ix_free(am_ix *ix)
{
    if (!ix)
        return;
    free_strs(ix->unit_ids.items, ix->unit_ids.len);
    free_strs(ix->rel_ids.items, ix->rel_ids.len);
    free_strs(ix->quote_ids.items, ix->quote_ids.len);
    free_strs(ix->quote_ya.items, ix->quote_ya.len);
    free_strs(ix->source_ids.items, ix->source_ids.len);
    free(ix->unit_role.items);
    for (size_t i = 0; i < ix->nodes.len; i++) {
        am_ix_node *n = &ix->nodes.items[i];
        free(n->id);
        free(n->type);
        free(n->text);
        free(n->scheme);
        free(n->scheme_id);
        free(n->timestamp);
    }
    free(ix->nodes.items);
    for (size_t i = 0; i < ix->edges.len; i++) {
        free(ix->edges.items[i].id);
        free(ix->edges.items[i].from);
        free(ix->edges.items[i].to);
    }
    free(ix->edges.items);
    for (size_t i = 0; i < ix->locutions.len; i++) {
        am_ix_locution *l = &ix->locutions.items[i];
        free(l->node);
        free(l->person);
        free(l->timestamp);
        free(l->start);
        free(l->end);
        free(l->source);
    }
    free(ix->locutions.items);
    for (size_t i = 0; i < ix->participants.len; i++) {
        free(ix->participants.items[i].id);
        free(ix->participants.items[i].firstname);
        free(ix->participants.items[i].surname);
    }
    free(ix->participants.items);
    free(ix->wrapper);
    free(ix);
}

int am_ix_set(char ***items, size_t *len, size_t *cap, size_t i, const char *s)
{
    while (*len <= i) {
        if (am_vec_reserve_((void **)items, cap, *len, 1, sizeof **items) < 0)
            return am_err_nomem();
        (*items)[(*len)++] = NULL;
    }
    free((*items)[i]);
    (*items)[i] = NULL;
    if (s && !((*items)[i] = strdup(s)))
        return am_err_nomem();
    return 0;
}

int am_ix_map_new(am_map **out, const char *name, am_import_format origin)
{
    am_map *map = calloc(1, sizeof *map);
    am_document *doc = calloc(1, sizeof *doc);
    am_ix *ix = calloc(1, sizeof *ix);
    char *nm = strdup(name);
    if (!map || !doc || !ix || !nm) {
        free(map);
        free(doc);
        free(ix);
        free(nm);
        return am_err_nomem();
    }
    doc->name = nm;
    doc->format = AM_FORMAT_TEXT;
    map->owned_doc = doc;
    map->doc = doc;
    map->major = -1;
    ix->origin = origin;
    map->ix = ix;
    *out = map;
    return 0;
}

int am_ix_doc_para(am_map *map, am_strbuf *text, const char *s, size_t n, am_block_kind kind,
                   am_tspan *span, const char *where)
{
    size_t bad;
    if (memchr(s, '\0', n))
        return am_err(AM_EPARSE, "%s: %s: NUL byte in the text", map->doc->name, where);
    if (!am_utf8_valid(s, n, &bad))
        return am_err(AM_EPARSE, "%s: %s: invalid UTF-8 at byte %zu of the text",
                      map->doc->name, where, bad);
    /* Trim white space so the paragraph span is the text a reader sees. */
    while (n && (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == '\t'))
        n--;
    span->start = text->len;
    for (size_t i = 0; i < n; i++) /* one paragraph: inner blank lines would split it */
        am_sb_putc(text, s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]);
    span->end = text->len;
    am_sb_puts(text, "\n\n");
    if (text->oom)
        return am_err_nomem();
    /* an empty text still gets its (empty) paragraph, so every unit has one */
    am_block *b = AM_VEC_PUSH(&map->owned_doc->blocks);
    if (!b)
        return am_err_nomem();
    b->span = *span;
    b->kind = kind;
    return 0;
}

int am_ix_doc_finish(am_map *map, am_strbuf *text)
{
    am_document *doc = map->owned_doc;
    size_t len = 0;
    /* NULL from am_sb_take is always out of memory (an empty buffer gives
     * ""): never take it for an empty document. */
    char *s = am_sb_take(text, &len);
    if (!s)
        return am_err_nomem();
    doc->src = doc->text = s;
    doc->src_len = doc->text_len = len;
    return 0;
}

long am_ix_add_unit(am_map *map, am_tspan span, size_t paragraph, const char *id)
{
    am_sentence *s = AM_VEC_PUSH(&map->sentences);
    if (!s)
        return am_err_nomem();
    s->span = span;
    s->paragraph = paragraph;
    am_unit *u = AM_VEC_PUSH(&map->units);
    if (!u)
        return am_err_nomem();
    u->span = span;
    u->sentence = map->sentences.len - 1;
    u->paragraph = paragraph;
    u->kind = AM_UNIT_CLAIM;
    u->confidence = 1.0;
    u->quote = u->date = u->source = -1;
    long idx = (long)map->units.len - 1;
    int err = AM_IX_SET(&map->ix->unit_ids, (size_t)idx, id);
    if (err < 0)
        return err;
    if (AM_VEC_RESERVE(&map->ix->unit_role, 1) < 0)
        return am_err_nomem();
    while (map->ix->unit_role.len < map->units.len)
        map->ix->unit_role.items[map->ix->unit_role.len++] = 0;
    return idx;
}

long am_ix_add_relation(am_map *map, am_ref from, am_ref to, am_rel_type type,
                        const char *reason, const char *id)
{
    am_relation *r = AM_VEC_PUSH(&map->relations);
    if (!r)
        return am_err_nomem();
    r->from = from;
    r->to = to;
    r->type = type;
    r->reason = reason;
    r->confidence = 1.0;
    long idx = (long)map->relations.len - 1;
    int err = AM_IX_SET(&map->ix->rel_ids, (size_t)idx, id);
    return err < 0 ? err : idx;
}

static size_t hash(const char *s, size_t n)
{
    size_t h = 1469598103934665603ULL & (size_t)-1;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * (size_t)1099511628211ULL;
    return h;
}

long am_strmap_get(const am_strmap *m, const char *key, size_t n)
{
    if (!m->cap)
        return -1;
    for (size_t i = hash(key, n) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (!m->keys[i])
            return -1;
        if (m->lens[i] == n && !memcmp(m->keys[i], key, n))
            return m->vals[i];
    }
}

int am_strmap_put(am_strmap *m, const char *key, size_t n, long v)
{
    if ((m->len + 1) * 2 > m->cap) { /* keep at most half full */
        size_t cap = m->cap ? m->cap * 2 : 64;
        char **keys = calloc(cap, sizeof *keys);
        size_t *lens = calloc(cap, sizeof *lens);
        long *vals = calloc(cap, sizeof *vals);
        if (!keys || !lens || !vals) {
            free(keys);
            free(lens);
            free(vals);
            return am_err_nomem();
        }
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->keys[i])
                continue;
            size_t j = hash(m->keys[i], m->lens[i]) & (cap - 1);
            while (keys[j])
                j = (j + 1) & (cap - 1);
            keys[j] = m->keys[i];
            lens[j] = m->lens[i];
            vals[j] = m->vals[i];
        }
        free(m->keys);
        free(m->lens);
        free(m->vals);
        m->keys = keys;
        m->lens = lens;
        m->vals = vals;
        m->cap = cap;
    }
    size_t i = hash(key, n) & (m->cap - 1);
    for (; m->keys[i]; i = (i + 1) & (m->cap - 1))
        if (m->lens[i] == n && !memcmp(m->keys[i], key, n))
            return 0;
    char *k = malloc(n + 1);
    if (!k)
        return am_err_nomem();
    memcpy(k, key, n);
    k[n] = '\0';
    m->keys[i] = k;
    m->lens[i] = n;
    m->vals[i] = v;
    m->len++;
    return 0;
}

void am_strmap_free(am_strmap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->lens);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

char *am_graph_units(const am_map *map)
{
    char *in = calloc(map->units.len ? map->units.len : 1, 1);
    if (!in)
        return NULL;
    for (size_t u = 0; u < map->units.len; u++)
        in[u] = map->units.items[u].kind != AM_UNIT_NONE;
    for (size_t r = 0; r < map->relations.len; r++) {
        const am_relation *rel = &map->relations.items[r];
        if (rel->from.kind == AM_NODE_UNIT && rel->from.index < map->units.len)
            in[rel->from.index] = 1;
        if (rel->to.kind == AM_NODE_UNIT && rel->to.index < map->units.len)
            in[rel->to.index] = 1;
    }
    return in;
}

int am_ix_topo(size_t n, const size_t *start, const size_t *items, size_t *order, size_t *cycle)
{
    char *state = calloc(n ? n : 1, 1); /* 0 new, 1 on the path, 2 placed */
    size_t *stack = malloc((n ? n : 1) * sizeof *stack), *cursor = calloc(n ? n : 1, sizeof *cursor);
    size_t placed = 0;
    int ret = 0;
    if (!state || !stack || !cursor) {
        ret = am_err_nomem();
        goto done;
    }
    for (size_t root = 0; root < n; root++) {
        if (state[root])
            continue;
        size_t top = 0;
        stack[top++] = root;
        state[root] = 1;
        while (top) {
            size_t i = stack[top - 1];
            if (start[i] + cursor[i] < start[i + 1]) {
                size_t d = items[start[i] + cursor[i]++];
                if (state[d] == 1) {
                    *cycle = d;
                    ret = 1;
                    goto done;
                }
                if (!state[d]) {
                    state[d] = 1;
                    stack[top++] = d;
                }
                continue;
            }
            state[i] = 2;
            order[placed++] = i;
            top--;
        }
    }
done:
    free(state);
    free(stack);
    free(cursor);
    return ret;
}

/* ------------------------------------------------------------ JSON input */

static int jr_parse(cJSON **out, const char *name, const char *data, size_t len, size_t max_depth,
                    size_t max_values, size_t base);

int am_jr_parse(cJSON **out, const char *name, const char *data, size_t len, size_t max_depth,
                size_t max_nodes)
{
    /* cJSON spends about 64 bytes on every value: 30 million "1," (60 MB,
     * under --max-bytes) took 2.4 GB before the importer could count the
     * nodes. So the values are counted first, at most AM_JR_VALUES_PER_NODE
     * per allowed node (argmap JSON has about 55 a unit,
     * sentences, dates and analysis included). */
    size_t max_values = max_nodes > ((size_t)-1 - 64) / AM_JR_VALUES_PER_NODE
                            ? (size_t)-1 : max_nodes * AM_JR_VALUES_PER_NODE + 64;
    /* A byte-order mark is not JSON but editors write it: skip it, and
     * count offsets from the start of the file all the same. */
    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
        return jr_parse(out, name, data + 3, len - 3, max_depth, max_values, 3);
    return jr_parse(out, name, data, len, max_depth, max_values, 0);
}

static int jr_parse(cJSON **out, const char *name, const char *data, size_t len, size_t max_depth,
                    size_t max_values, size_t base)
{
    size_t bad;
    const char *nul = memchr(data, '\0', len);
    if (nul)
        return am_err(AM_EPARSE, "%s: byte %zu: NUL byte; not a JSON text", name,
                      base + (size_t)(nul - data));
    if (!am_utf8_valid(data, len, &bad))
        return am_err(AM_EPARSE, "%s: byte %zu: invalid UTF-8", name, base + bad);
    /* Depth first: cJSON recurses once per level, and an input of a million
     * '[' must end in a message, not a deep stack. */
    size_t depth = 0, values = 1;
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
        } else if (c == ',' && ++values > max_values) {
            return am_err(AM_ELIMIT, "%s: byte %zu: more than %zu JSON values (%d per node "
                          "allowed by --max-nodes)", name, base + i, max_values,
                          AM_JR_VALUES_PER_NODE);
        } else if (c == '[' || c == '{') {
            if (++depth > max_depth)
                return am_err(AM_ELIMIT, "%s: byte %zu: JSON nested deeper than %zu levels "
                              "(--max-depth)", name, base + i, max_depth);
        } else if ((c == ']' || c == '}') && depth) {
            depth--;
        }
    }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(data, len, &end, 0);
    if (!root && am_json_syntax_ok(data, len))
        return am_err(AM_ENOMEM, "%s: out of memory reading JSON", name);
    if (!root) {
        size_t off = end && end >= data && end <= data + len ? (size_t)(end - data) : 0;
        size_t line = 1, col = 1;
        for (size_t i = 0; i < off; i++) {
            if (data[i] == '\n') {
                line++;
                col = 1;
            } else if (((unsigned char)data[i] & 0xC0) != 0x80) {
                col++;
            }
        }
        if (off >= len || in_str || depth)
            return am_err(AM_EPARSE, "%s: byte %zu (line %zu, column %zu): malformed JSON: "
                          "the text ends too early (%s)", name, base + off, line, col,
                          in_str ? "inside a string" : "an array or object is not closed");
        return am_err(AM_EPARSE, "%s: byte %zu (line %zu, column %zu): malformed JSON", name,
                      base + off, line, col);
    }
    /* Anything after the value other than white space is an error too. */
    size_t off = (size_t)(end - data);
    while (off < len && (data[off] == ' ' || data[off] == '\n' || data[off] == '\r' ||
                         data[off] == '\t'))
        off++;
    if (off < len) {
        cJSON_Delete(root);
        return am_err(AM_EPARSE, "%s: byte %zu: malformed JSON: text after the end of the "
                      "value", name, base + off);
    }
    *out = root;
    return 0;
}

int am_jr_get(const cJSON **out, const cJSON *obj, const char *key, const char *name,
              const char *where)
{
    const cJSON *found = NULL;
    for (const cJSON *c = obj ? obj->child : NULL; c; c = c->next) {
        if (!c->string || strcmp(c->string, key))
            continue;
        if (found)
            return am_err(AM_EPARSE, "%s: %s: the key \"%s\" appears twice", name, where, key);
        found = c;
    }
    *out = found;
    return 0;
}

/* A number as an id: an integer within what a double holds exactly. */
static int number_id(char **out, double v, const char *name, const char *where,
                     const char *key)
{
    if (!isfinite(v) || v != floor(v) || fabs(v) > 9007199254740992.0)
        return am_err(AM_EPARSE, "%s: %s: \"%s\" is not an integer id", name, where, key);
    char buf[32];
    snprintf(buf, sizeof buf, "%.0f", v);
    if (!(*out = strdup(buf)))
        return am_err_nomem();
    return 0;
}

int am_jr_id(char **out, const cJSON *obj, const char *key, int required, const char *name,
             const char *where)
{
    const cJSON *v;
    int err = am_jr_get(&v, obj, key, name, where);
    *out = NULL;
    if (err < 0)
        return err;
    if (!v || cJSON_IsNull(v)) {
        if (required)
            return am_err(AM_EPARSE, "%s: %s: no \"%s\"", name, where, key);
        return 0;
    }
    if (cJSON_IsNumber(v))
        return number_id(out, v->valuedouble, name, where, key);
    if (!cJSON_IsString(v) || !v->valuestring)
        return am_err(AM_EPARSE, "%s: %s: \"%s\" must be a string or an integer", name, where,
                      key);
    if (!*v->valuestring)
        return am_err(AM_EPARSE, "%s: %s: \"%s\" is empty", name, where, key);
    if (!(*out = strdup(v->valuestring)))
        return am_err_nomem();
    return 0;
}

int am_jr_str(char **out, const cJSON *obj, const char *key, const char *name,
              const char *where)
{
    const cJSON *v;
    int err = am_jr_get(&v, obj, key, name, where);
    *out = NULL;
    if (err < 0)
        return err;
    if (!v || cJSON_IsNull(v))
        return 0;
    if (cJSON_IsNumber(v)) {
        char buf[64];
        if (v->valuedouble == floor(v->valuedouble) && fabs(v->valuedouble) < 1e15)
            snprintf(buf, sizeof buf, "%.0f", v->valuedouble);
        else
            snprintf(buf, sizeof buf, "%.17g", v->valuedouble);
        return (*out = strdup(buf)) ? 0 : am_err_nomem();
    }
    if (!cJSON_IsString(v) || !v->valuestring)
        return am_err(AM_EPARSE, "%s: %s: \"%s\" must be a string", name, where, key);
    return (*out = strdup(v->valuestring)) ? 0 : am_err_nomem();
}

/* ------------------------------------------------------------ the entry */

/* argmap's JSON starts {"schema": "argmap/...": look at the first member. */
static int looks_like_argmap(const char *s, size_t n)
{
    size_t i = 1;
    while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t'))
        i++;
    if (n - i < 9 || memcmp(s + i, "\"schema\"", 8))
        return 0;
    i += 8;
    while (i < n && (s[i] == ' ' || s[i] == ':' || s[i] == '\n' || s[i] == '\t'))
        i++;
    return n - i >= 8 && !memcmp(s + i, "\"argmap/", 8);
}

int am_map_import(am_map **out, const char *name, const char *data, size_t len,
                  am_import_format fmt, const am_import_options *opts)
{
    am_import_options defaults;
    if (!opts) {
        am_import_options_init(&defaults);
        opts = &defaults;
    }
    if (!out || (!data && len))
        return am_err(AM_EINVAL, "am_map_import: NULL argument");
    if (opts->version != AM_IMPORT_OPTIONS_VERSION)
        return am_err(AM_EINVAL, "import options: version %d, expected %d", opts->version,
                      AM_IMPORT_OPTIONS_VERSION);
    if (!name)
        name = "<memory>";
    am_err_clear();
    if (len > opts->max_bytes)
        return am_err(AM_ELIMIT, "%s: %zu bytes is over the limit of %zu bytes (--max-bytes)",
                      name, len, opts->max_bytes);
    if (fmt == AM_IMPORT_AUTO) {
        size_t i = 0;
        if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
            i = 3;
        while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' ||
                           data[i] == '\t'))
            i++;
        if (i < len && data[i] == '<')
            fmt = AM_IMPORT_MICROTEXT;
        else if (i < len && (data[i] == '{' || data[i] == '['))
            fmt = looks_like_argmap(data + i, len - i) ? AM_IMPORT_JSON : AM_IMPORT_AIF;
        else
            return am_err(AM_EPARSE, "%s: neither JSON nor XML; name the format "
                          "(aif or microtext)", name);
    }
    am_map *map = NULL;
    int err;
    switch (fmt) {
    case AM_IMPORT_AIF: err = am_aif_import(&map, name, data, len, opts); break;
    case AM_IMPORT_MICROTEXT: err = am_microtext_import(&map, name, data, len, opts); break;
    case AM_IMPORT_JSON: err = am_json_import(&map, name, data, len, opts); break;
    default: return am_err(AM_EINVAL, "%s: unknown import format %d", name, (int)fmt);
    }
    if (err < 0)
        return err;
    /* The stages that need only units, sources and relations (the graph
     * analysis) run on an imported map as on an analysed one. */
    static const char *const AFTER_IMPORT[] = {"graph", "analysis", NULL};
    am_analyze_options ao;
    am_analyze_options_init(&ao);
    for (const am_stage *s = am_stages; s->name && err >= 0; s++)
        for (const char *const *n = AFTER_IMPORT; *n && err >= 0; n++)
            if (!strcmp(s->name, *n))
                err = s->run(map, &ao);
    if (err < 0) {
        am_map_free(map);
        return err;
    }
    *out = map;
    return 0;
}
