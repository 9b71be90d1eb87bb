/*
 * test_interchange.c - AIF, microtext, Argdown and GraphML: what an import
 * puts into the map, what an export writes, and how bad input fails.
 *
 * Exports are tested on a map built here by hand (the analysis stages are
 * not needed), imports on the fixtures in data/fixtures/{aif,microtext}.
 */
#include "testutil.h"

#include <math.h>
#include "graph/analysis.h"

#include "core/model.h"
#include "formats/ix.h"
#include "formats/json.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static am_map *import_file(const char *path)
{
    size_t len;
    char *buf = slurp(path, &len);
    am_map *map = NULL;
    int err = am_map_import(&map, path, buf, len, AM_IMPORT_AUTO, NULL);
    free(buf);
    if (err < 0)
        fail_msg("import %s: %s", path, am_error_last());
    return map;
}

static am_map *import_str(const char *s, am_import_format f, int *err)
{
    am_map *map = NULL;
    *err = am_map_import(&map, "t.in", s, strlen(s), f, NULL);
    return map;
}

static int unit_text_is(const am_map *map, size_t u, const char *s)
{
    const am_unit *un = &map->units.items[u];
    return un->span.end - un->span.start == strlen(s) &&
           !memcmp(map->doc->text + un->span.start, s, strlen(s));
}

static size_t count_type(const am_map *map, am_rel_type t, am_node_kind from)
{
    size_t n = 0;
    for (size_t r = 0; r < map->relations.len; r++)
        n += map->relations.items[r].type == t && map->relations.items[r].from.kind == from;
    return n;
}

/* ------------------------------------------------------------ hand map */

static am_tspan find(const am_document *doc, const char *s)
{
    const char *p = strstr(doc->text, s);
    if (!p)
        fail_msg("'%s' not in the text", s);
    am_tspan t = {(size_t)(p - doc->text), (size_t)(p - doc->text) + strlen(s)};
    return t;
}

static am_unit *add_unit(am_map *map, const char *s, am_unit_kind k, am_evidence_type ev)
{
    am_unit *u = AM_VEC_PUSH(&map->units);
    assert_non_null(u);
    u->span = find(map->doc, s);
    u->kind = k;
    u->evidence = ev;
    u->confidence = 0.8;
    u->quote = u->date = u->source = -1;
    for (size_t b = 0; b < map->doc->blocks.len; b++)
        if (map->doc->blocks.items[b].span.start <= u->span.start &&
            u->span.end <= map->doc->blocks.items[b].span.end)
            u->paragraph = b;
    am_sentence *sn = AM_VEC_PUSH(&map->sentences); /* one sentence per unit */
    assert_non_null(sn);
    sn->span = u->span;
    sn->paragraph = u->paragraph;
    u->sentence = map->sentences.len - 1;
    return u;
}

static void add_rel(am_map *map, am_node_kind fk, size_t f, am_node_kind tk, size_t t,
                    am_rel_type type)
{
    am_relation *r = AM_VEC_PUSH(&map->relations);
    assert_non_null(r);
    r->from.kind = fk;
    r->from.index = f;
    r->to.kind = tk;
    r->to.index = t;
    r->type = type;
    r->reason = "marker";
    r->confidence = 0.5;
}

static const char HAND_TEXT[] =
    "Harbour plans\n\n"
    "The council must act now. Prices rose 20% in 2022 & rents followed, the report says.\n\n"
    "\"We cannot wait,\" said Mayor Ana Ruiz. But the budget is empty. "
    "The report is from [2019] #old.\n";

/* u1 claim (major) <- u2 statistic, u3 testimony (quoted, Ana Ruiz);
 * u4 attacks u1; u5 undercuts u2 -> u1; Ana Ruiz backs u3. */
static am_map *hand_map(am_document **docp)
{
    am_document *doc = load_str("hand.txt", HAND_TEXT, AM_FORMAT_TEXT);
    am_map *map = calloc(1, sizeof *map);
    assert_non_null(map);
    map->doc = doc;
    map->major = 0;
    add_unit(map, "The council must act now.", AM_UNIT_CLAIM, AM_EV_NONE)->major = 1;
    add_unit(map, "Prices rose 20% in 2022 & rents followed", AM_UNIT_EVIDENCE, AM_EV_STATISTIC);
    am_unit *u3 = add_unit(map, "\"We cannot wait,\" said Mayor Ana Ruiz.", AM_UNIT_EVIDENCE,
                           AM_EV_TESTIMONY);
    u3->quote = 0;
    u3->source = 0;
    add_unit(map, "But the budget is empty.", AM_UNIT_CLAIM, AM_EV_NONE);
    add_unit(map, "The report is from [2019] #old.", AM_UNIT_CLAIM, AM_EV_NONE);
    add_unit(map, "Harbour plans", AM_UNIT_NONE, AM_EV_NONE); /* a heading: not exported */
    am_source *s = AM_VEC_PUSH(&map->sources);
    s->name = strdup("Ana Ruiz");
    s->kind = AM_SRC_PERSON;
    am_quote *q = AM_VEC_PUSH(&map->quotes);
    q->span = find(doc, "\"We cannot wait,\"");
    q->content = find(doc, "We cannot wait,");
    q->source = 0;
    q->unit = 2;
    q->speaker = find(doc, "Ana Ruiz");
    am_tspan *m = AM_VEC_PUSH(&s->mentions);
    *m = find(doc, "Mayor Ana Ruiz");
    char *alias = strdup("Ruiz"), **al = AM_VEC_PUSH(&s->aliases);
    *al = alias;
    am_date *d = AM_VEC_PUSH(&map->dates);
    d->span = find(doc, "2022");
    snprintf(d->iso, sizeof d->iso, "2022");
    d->unit = 1;
    map->units.items[1].date = 0;
    add_rel(map, AM_NODE_UNIT, 1, AM_NODE_UNIT, 0, AM_REL_SUPPORT);   /* r1 */
    add_rel(map, AM_NODE_UNIT, 2, AM_NODE_UNIT, 0, AM_REL_SUPPORT);   /* r2 */
    add_rel(map, AM_NODE_SOURCE, 0, AM_NODE_UNIT, 2, AM_REL_SUPPORT); /* r3 */
    add_rel(map, AM_NODE_UNIT, 3, AM_NODE_UNIT, 0, AM_REL_ATTACK);    /* r4 */
    add_rel(map, AM_NODE_UNIT, 4, AM_NODE_RELATION, 0, AM_REL_UNDERCUT); /* r5 */
    *docp = doc;
    return map;
}

/* --------------------------------------------------------------- AIF in */

/* The indenter: two spaces a level, "key": value, empty containers kept on
 * one line, and strings (with escaped quotes, backslashes and structural
 * bytes inside) copied untouched. */
static void test_json_indent(void **state)
{
    (void)state;
    const char *in = "{\"a\":\"x\\\\\\\"{,:}[\\\\\",\"b\":[],\"c\":{},\"d\":[1,-2.5e-3,"
                     "{\"e\":null,\"f\":true}],\"g\":\"\"}";
    const char *want = "{\n"
                       "  \"a\": \"x\\\\\\\"{,:}[\\\\\",\n"
                       "  \"b\": [],\n"
                       "  \"c\": {},\n"
                       "  \"d\": [\n"
                       "    1,\n"
                       "    -2.5e-3,\n"
                       "    {\n"
                       "      \"e\": null,\n"
                       "      \"f\": true\n"
                       "    }\n"
                       "  ],\n"
                       "  \"g\": \"\"\n"
                       "}";
    char *out = am_json_indent(in);
    assert_non_null(out);
    assert_string_equal(out, want);
    free(out);
    out = am_json_indent("");
    assert_non_null(out);
    assert_string_equal(out, "");
    free(out);
    out = am_json_indent("[\"open \\"); /* cut short: copied as it is */
    assert_non_null(out);
    assert_string_equal(out, "[\n  \"open \\");
    free(out);
}

/* am_json_print against cJSON_PrintUnformatted: every byte in strings and
 * keys, integers, fractions, huge and tiny numbers, nesting, empties. */
static void check_print(cJSON *item)
{
    char *want = cJSON_PrintUnformatted(item);
    char *got = am_json_print(item);
    assert_non_null(want);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(want);
    free(got);
}

static void test_json_print(void **state)
{
    (void)state;
    /* ids as snprintf "%c%zu" writes them, cut the same way */
    const size_t idx[] = {0, 8, 9, 99, 12345, (size_t)-2};
    for (size_t i = 0; i < sizeof idx / sizeof idx[0]; i++)
        for (size_t n = 1; n < 26; n++) {
            char got[32], want[32];
            memset(got, 'x', sizeof got);
            memset(want, 'x', sizeof want);
            am_json_id(got, n, 'u', idx[i]);
            snprintf(want, n, "%c%zu", 'u', idx[i] + 1);
            assert_memory_equal(got, want, sizeof got);
        }
    cJSON *root = cJSON_CreateObject();
    char s[256];
    for (int i = 1; i < 256; i++)
        s[i - 1] = (char)i;
    s[255] = '\0';
    cJSON_AddItemToObject(root, s, cJSON_CreateString(s));
    cJSON_AddItemToObject(root, "e", cJSON_CreateString(""));
    cJSON_AddItemToObject(root, "o", cJSON_CreateObject());
    cJSON_AddItemToObject(root, "a", cJSON_CreateArray());
    cJSON_AddItemToObject(root, "t", cJSON_CreateTrue());
    cJSON_AddItemToObject(root, "f", cJSON_CreateFalse());
    cJSON_AddItemToObject(root, "n", cJSON_CreateNull());
    cJSON *nums = cJSON_CreateArray();
    const double fixed[] = {0.0, -0.0, 1, -1, 999999999999999.0, -999999999999999.0, 1e15 - 0.5, 2147483647.0, -2147483648.0, 2147483648.0,
                            -2147483649.0, 1e15, 1e16, 1e17, 1e300, -1e-300, 0.1, 0.5,
                            0.3333, 0.1 + 0.2, 1.0 / 3, 123456.7891, 5e-324, 1.7976931348623157e308,
                            /* four decimals, as am_jw_num writes them */
                            0.0001, -0.0001, 0.012, -0.5, 9999999999.9999, -1234567890.1234,
                            99999999999.9999, 0.00005, 1e-5};
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        cJSON_AddItemToArray(nums, cJSON_CreateNumber(fixed[i]));
    cJSON_AddItemToArray(nums, cJSON_CreateNumber(NAN));
    cJSON_AddItemToArray(nums, cJSON_CreateNumber(INFINITY));
    unsigned seed = 11;
    for (int i = 0; i < 20000; i++) {
        seed = seed * 1103515245u + 12345u;
        double x = (double)(seed >> 8) / (1 << 12) - 2048.0;
        if (i % 3 == 0)
            x = round(x * 10000.0) / 10000.0; /* as am_jw_num rounds */
        else if (i % 3 == 1)
            x = floor(x) * (double)(i % 1000);
        else
            x = x * pow(10, (int)(seed % 40) - 20);
        cJSON_AddItemToArray(nums, cJSON_CreateNumber(x));
    }
    cJSON_AddItemToObject(root, "nums", nums);
    cJSON *deep = cJSON_CreateArray();
    cJSON *cur = deep;
    for (int i = 0; i < 20; i++) {
        cJSON *next = i % 2 ? cJSON_CreateArray() : cJSON_CreateObject();
        if (cJSON_IsObject(cur))
            cJSON_AddItemToObject(cur, "k", next);
        else
            cJSON_AddItemToArray(cur, next);
        cur = next;
    }
    cJSON_AddItemToObject(root, "deep", deep);
    check_print(root);
    check_print(nums);
    cJSON_Delete(root);
}

static void test_aif_simple(void **state)
{
    (void)state;
    am_map *map = import_file("data/fixtures/aif/simple.json");
    assert_int_equal(map->units.len, 6);
    assert_int_equal(map->relations.len, 5); /* RA with two premises: two relations */
    assert_true(unit_text_is(map, 0, "The city should build a tram line"));
    assert_int_equal(map->major, 0);
    assert_int_equal(count_type(map, AM_REL_SUPPORT, AM_NODE_UNIT), 3);
    assert_int_equal(count_type(map, AM_REL_ATTACK, AM_NODE_UNIT), 1);
    assert_int_equal(count_type(map, AM_REL_UNDERCUT, AM_NODE_UNIT), 1);
    /* the undercut (CA 108 -> RA 104) points at the first relation of RA 104 */
    for (size_t r = 0; r < map->relations.len; r++) {
        const am_relation *rel = &map->relations.items[r];
        if (rel->type != AM_REL_UNDERCUT)
            continue;
        assert_int_equal(rel->to.kind, AM_NODE_RELATION);
        const am_relation *t = &map->relations.items[rel->to.index];
        assert_int_equal(t->type, AM_REL_SUPPORT);
        assert_true(unit_text_is(map, t->to.index, "The city should build a tram line"));
        assert_true(unit_text_is(map, rel->from.index,
                                 "Traffic jams came from roadworks that end this year"));
    }
    /* the synthetic document: one paragraph per I-node, offsets into its text */
    const am_document *doc = am_map_document(map);
    assert_int_equal(am_document_paragraph_count(doc), 6);
    am_span sp;
    assert_int_equal(am_document_paragraph(doc, 5, &sp, NULL), 0);
    assert_true(span_is(doc, sp, "Federal grants pay half of new tram lines"));
    assert_int_equal(am_document_warning_count(doc), 0);
    am_map_free(map);
}

static void test_aif_dialogue(void **state)
{
    (void)state;
    am_map *map = import_file("data/fixtures/aif/dialogue.json");
    assert_int_equal(map->units.len, 4);
    assert_int_equal(map->sources.len, 2);
    assert_string_equal(map->sources.items[0].name, "Anna Berg");
    assert_string_equal(map->sources.items[1].name, "Carl Dahl");
    assert_int_equal(map->quotes.len, 3);
    for (size_t q = 0; q < 3; q++) {
        assert_true(map->quotes.items[q].unit >= 0);
        assert_true(map->quotes.items[q].source >= 0);
        /* "Anna Berg : words": the content is the words */
        const am_quote *qu = &map->quotes.items[q];
        const am_unit *u = &map->units.items[qu->unit];
        assert_int_equal(qu->content.end - qu->content.start, u->span.end - u->span.start);
        assert_memory_equal(map->doc->text + qu->content.start, map->doc->text + u->span.start,
                            u->span.end - u->span.start);
    }
    assert_int_equal(count_type(map, AM_REL_SUPPORT, AM_NODE_SOURCE), 3);
    assert_int_equal(count_type(map, AM_REL_ATTACK, AM_NODE_UNIT), 1);
    assert_int_equal(count_type(map, AM_REL_SUPPORT, AM_NODE_UNIT), 1);
    /* MA, TA, the anchoring YAs and the unknown node are not in the map ... */
    const am_document *doc = am_map_document(map);
    assert_int_equal(am_document_warning_count(doc), 1);
    assert_non_null(strstr(am_document_warning(doc, 0), "XNOTE"));
    /* ... but come back on export */
    char *aif = NULL;
    assert_int_equal(am_map_to_aif(&aif, NULL, map, AM_JSON_COMPACT), 0);
    assert_non_null(strstr(aif, "{\"AIF\":{\"nodes\":"));
    assert_non_null(strstr(aif, "\"text\":\"Default Rephrase\",\"type\":\"MA\""));
    assert_non_null(strstr(aif, "\"type\":\"XNOTE\""));
    assert_non_null(strstr(aif, "{\"edgeID\":\"22\",\"fromID\":\"18\",\"toID\":\"17\"}"));
    assert_non_null(strstr(aif, "{\"participantID\":\"2\",\"firstname\":\"Carl\",\"surname\":\"Dahl\"}"));
    am_free(aif);
    am_map_free(map);
}

/* AIF of argmap's own map, read back and written again, gives the same
 * bytes, and the map read back has the same structure. */
static void test_aif_native_roundtrip(void **state)
{
    (void)state;
    am_document *doc;
    am_map *map = hand_map(&doc);
    char *a1 = NULL, *a2 = NULL;
    size_t n1;
    assert_int_equal(am_map_to_aif(&a1, &n1, map, 0), 0);
    assert_int_equal(strlen(a1), n1);
    /* the heading unit (kind none, no relation) is left out */
    assert_null(strstr(a1, "Harbour plans"));
    assert_non_null(strstr(a1, "\"text\": \"Ana Ruiz: We cannot wait,\""));
    assert_non_null(strstr(a1, "\"firstname\": \"Ana\""));
    am_map *back = NULL;
    assert_int_equal(am_map_import(&back, "hand.aif", a1, n1, AM_IMPORT_AIF, NULL), 0);
    assert_int_equal(back->units.len, 5);
    assert_int_equal(count_type(back, AM_REL_SUPPORT, AM_NODE_UNIT), 2);
    assert_int_equal(count_type(back, AM_REL_ATTACK, AM_NODE_UNIT), 1);
    assert_int_equal(count_type(back, AM_REL_UNDERCUT, AM_NODE_UNIT), 1);
    assert_int_equal(count_type(back, AM_REL_SUPPORT, AM_NODE_SOURCE), 1);
    assert_int_equal(back->sources.len, 1);
    assert_string_equal(back->sources.items[0].name, "Ana Ruiz");
    assert_int_equal(back->major, 0);
    assert_true(unit_text_is(back, 1, "Prices rose 20% in 2022 & rents followed"));
    assert_int_equal(am_map_to_aif(&a2, NULL, back, 0), 0);
    assert_string_equal(a1, a2);
    am_free(a1);
    am_free(a2);
    am_map_free(back);
    am_map_free(map);
    am_document_free(doc);
}

/* ------------------------------------------------------- AIF bad input */

typedef struct {
    const char *name, *input;
    int code;
    const char *message; /* a part of the message */
} bad_case;

static const bad_case AIF_BAD[] = {
    {"malformed", "{\"nodes\": [{\"nodeID\": \"1\",, }], \"edges\": []}", AM_EPARSE,
     "byte 27 (line 1, column 28): malformed JSON"},
    {"truncated", "{\"nodes\": [", AM_EPARSE, "ends too early"},
    {"trailing", "{\"nodes\": [], \"edges\": []} x", AM_EPARSE, "byte 27: malformed JSON: text after"},
    {"not object", "[1, 2]", AM_EPARSE, "not an object"},
    {"no nodes", "{\"edges\": []}", AM_EPARSE, "no \"nodes\" array"},
    {"nodes not array", "{\"nodes\": {}, \"edges\": []}", AM_EPARSE, "\"nodes\" must be an array"},
    {"duplicate key", "{\"nodes\": [{\"nodeID\": \"1\", \"nodeID\": \"2\", \"type\": \"I\", "
     "\"text\": \"a\"}], \"edges\": []}", AM_EPARSE, "nodes[0]: the key \"nodeID\" appears twice"},
    {"duplicate top key", "{\"nodes\": [], \"nodes\": [], \"edges\": []}", AM_EPARSE,
     "the key \"nodes\" appears twice"},
    {"key case", "{\"nodes\": [{\"NodeID\": \"1\", \"type\": \"I\", \"text\": \"a\"}], \"edges\": []}",
     AM_EPARSE, "nodes[0]: no \"nodeID\""},
    {"no type", "{\"nodes\": [{\"nodeID\": \"1\", \"text\": \"a\"}], \"edges\": []}", AM_EPARSE,
     "nodes[0] (node \"1\"): no \"type\""},
    {"float id", "{\"nodes\": [{\"nodeID\": 1.5, \"type\": \"I\"}], \"edges\": []}", AM_EPARSE,
     "\"nodeID\" is not an integer id"},
    {"bool id", "{\"nodes\": [{\"nodeID\": true, \"type\": \"I\"}], \"edges\": []}", AM_EPARSE,
     "\"nodeID\" must be a string or an integer"},
    {"text not string", "{\"nodes\": [{\"nodeID\": 1, \"type\": \"I\", \"text\": [1]}], \"edges\": []}",
     AM_EPARSE, "nodes[0]: \"text\" must be a string"},
    {"duplicate node", "{\"nodes\": [{\"nodeID\": \"7\", \"type\": \"I\", \"text\": \"a\"}, "
     "{\"nodeID\": 7, \"type\": \"I\", \"text\": \"b\"}], \"edges\": []}", AM_EPARSE,
     "nodes[1]: duplicate node id \"7\" (also nodes[0])"},
    {"dangling", "{\"nodes\": [{\"nodeID\": \"1\", \"type\": \"I\", \"text\": \"a\"}], "
     "\"edges\": [{\"edgeID\": \"1\", \"fromID\": \"1\", \"toID\": \"99\"}]}", AM_EPARSE,
     "edges[0]: toID \"99\" names no node (a dangling edge)"},
    {"self edge", "{\"nodes\": [{\"nodeID\": \"1\", \"type\": \"I\", \"text\": \"a\"}], "
     "\"edges\": [{\"edgeID\": \"1\", \"fromID\": \"1\", \"toID\": \"1\"}]}", AM_EPARSE,
     "edges[0]: an edge from node \"1\" to itself"},
    {"duplicate edge id", "{\"nodes\": [{\"nodeID\": \"1\", \"type\": \"I\", \"text\": \"a\"}, "
     "{\"nodeID\": \"2\", \"type\": \"RA\"}], \"edges\": [{\"edgeID\": \"5\", \"fromID\": \"1\", "
     "\"toID\": \"2\"}, {\"edgeID\": \"5\", \"fromID\": \"2\", \"toID\": \"1\"}]}", AM_EPARSE,
     "duplicate edge id \"5\""},
    {"premise is conclusion", "{\"nodes\": [{\"nodeID\": \"1\", \"type\": \"I\", \"text\": \"a\"}, "
     "{\"nodeID\": \"2\", \"type\": \"RA\"}], \"edges\": [{\"edgeID\": \"5\", \"fromID\": \"1\", "
     "\"toID\": \"2\"}, {\"edgeID\": \"6\", \"fromID\": \"2\", \"toID\": \"1\"}]}", AM_EPARSE,
     "RA node \"2\": node \"1\" is its own premise and conclusion"},
    /* two CAs that attack each other, each with a premise: no order to make them in */
    {"CA cycle", "{\"nodes\": [{\"nodeID\": \"a\", \"type\": \"I\", \"text\": \"x\"}, "
     "{\"nodeID\": \"b\", \"type\": \"I\", \"text\": \"y\"}, {\"nodeID\": \"c1\", \"type\": \"CA\"}, "
     "{\"nodeID\": \"c2\", \"type\": \"CA\"}], \"edges\": [{\"fromID\": \"a\", \"toID\": \"c1\"}, "
     "{\"fromID\": \"c1\", \"toID\": \"c2\"}, {\"fromID\": \"b\", \"toID\": \"c2\"}, "
     "{\"fromID\": \"c2\", \"toID\": \"c1\"}]}", AM_EPARSE,
     "CA node \"c1\" is on a cycle of conflict nodes"},
    {"locution dangling", "{\"nodes\": [], \"edges\": [], \"locutions\": [{\"nodeID\": \"4\"}]}",
     AM_EPARSE, "locutions[0]: nodeID \"4\" names no node"},
    {"participant twice", "{\"nodes\": [], \"edges\": [], \"participants\": [{\"participantID\": 1}, "
     "{\"participantID\": \"1\"}]}", AM_EPARSE, "participants[1]: participant id \"1\" also at"},
    {"bad utf8", "{\"nodes\": [{\"nodeID\": \"1\", \"type\": \"I\", \"text\": \"caf\xC3\"}], "
     "\"edges\": []}", AM_EPARSE, "invalid UTF-8"},
    {"neither", "hello", AM_EPARSE, "neither JSON nor XML"},
};

static void test_aif_bad(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof AIF_BAD / sizeof AIF_BAD[0]; i++) {
        const bad_case *c = &AIF_BAD[i];
        int err;
        am_map *map = import_str(c->input, AM_IMPORT_AUTO, &err);
        if (err != c->code || !strstr(am_error_last(), c->message))
            fail_msg("case '%s': got %d '%s', want %d '%s'", c->name, err, am_error_last(),
                     c->code, c->message);
        assert_null(map);
    }
}

static void test_aif_limits(void **state)
{
    (void)state;
    /* nesting: a million '[' must be refused before cJSON recurses */
    size_t n = 1000000;
    char *deep = malloc(n + 1);
    memset(deep, '[', n);
    deep[n] = '\0';
    am_map *map = NULL;
    assert_int_equal(am_map_import(&map, "deep.json", deep, n, AM_IMPORT_AIF, NULL), AM_ELIMIT);
    assert_non_null(strstr(am_error_last(), "deep.json: byte 64: JSON nested deeper than 64"));
    free(deep);
    am_import_options o;
    am_import_options_init(&o);
    o.max_bytes = 10;
    const char *s = "{\"nodes\": [], \"edges\": []}";
    assert_int_equal(am_map_import(&map, "big.json", s, strlen(s), AM_IMPORT_AIF, &o), AM_ELIMIT);
    assert_non_null(strstr(am_error_last(), "over the limit of 10 bytes"));
    am_import_options_init(&o);
    o.max_nodes = 1;
    s = "{\"nodes\": [{\"nodeID\": 1, \"type\": \"I\"}, {\"nodeID\": 2, \"type\": \"I\"}], \"edges\": []}";
    assert_int_equal(am_map_import(&map, "many.json", s, strlen(s), AM_IMPORT_AIF, &o), AM_ELIMIT);
    assert_non_null(strstr(am_error_last(), "\"nodes\" has 2 entries, over the limit of 1"));
    o.version = 99;
    assert_int_equal(am_map_import(&map, "v.json", s, strlen(s), AM_IMPORT_AIF, &o), AM_EINVAL);
    assert_null(map);
    /* NUL inside the input */
    assert_int_equal(am_map_import(&map, "nul.json", "{\"a\"\0}", 6, AM_IMPORT_AIF, NULL), AM_EPARSE);
    assert_non_null(strstr(am_error_last(), "byte 4: NUL byte"));
}

/* Scheme nodes that reach nothing, unknown types and a doubled edge are
 * kept aside with a warning, not errors. */
static void test_aif_tolerated(void **state)
{
    (void)state;
    const char *s =
        "{\"nodes\": [{\"nodeID\": 1, \"type\": \"I\", \"text\": \"a\"}, "
        "{\"nodeID\": 2, \"type\": \"I\", \"text\": \"b\"}, {\"nodeID\": 3, \"type\": \"RA\"}, "
        "{\"nodeID\": 4, \"type\": \"RA\"}, {\"nodeID\": 5, \"type\": \"ZZ\", \"text\": \"?\"}], "
        "\"edges\": [{\"edgeID\": 1, \"fromID\": 1, \"toID\": 3}, {\"edgeID\": 2, \"fromID\": 3, \"toID\": 2}, "
        "{\"edgeID\": 3, \"fromID\": 1, \"toID\": 3}, {\"edgeID\": 4, \"fromID\": 2, \"toID\": 4}]}";
    int err;
    am_map *map = import_str(s, AM_IMPORT_AIF, &err);
    assert_int_equal(err, 0);
    assert_int_equal(map->relations.len, 1); /* the doubled edge makes one relation */
    const am_document *doc = am_map_document(map);
    assert_int_equal(am_document_warning_count(doc), 2);
    assert_non_null(strstr(am_document_warning(doc, 0), "first \"ZZ\" (node \"5\")"));
    assert_non_null(strstr(am_document_warning(doc, 1), "RA node \"4\" has no conclusion"));
    char *aif = NULL;
    assert_int_equal(am_map_to_aif(&aif, NULL, map, AM_JSON_COMPACT), 0);
    /* numeric ids come back as strings; all four edges, the doubled one too */
    assert_non_null(strstr(aif, "{\"edgeID\":\"1\",\"fromID\":\"1\",\"toID\":\"3\"}"));
    assert_non_null(strstr(aif, "{\"edgeID\":\"3\",\"fromID\":\"1\",\"toID\":\"3\"}"));
    assert_non_null(strstr(aif, "{\"edgeID\":\"4\",\"fromID\":\"2\",\"toID\":\"4\"}"));
    assert_non_null(strstr(aif, "\"type\":\"ZZ\""));
    am_free(aif);
    am_map_free(map);
}

/* I-nodes without text still get a paragraph each, so the map's JSON can
 * be read back. */
static void test_aif_empty_text(void **state)
{
    (void)state;
    const char *s = "{\"nodes\": [{\"nodeID\": \"1\", \"type\": \"I\", \"text\": \"\"}, "
                    "{\"nodeID\": \"2\", \"type\": \"I\"}, {\"nodeID\": \"3\", \"type\": \"RA\"}], "
                    "\"edges\": [{\"fromID\": \"1\", \"toID\": \"3\"}, {\"fromID\": \"3\", \"toID\": \"2\"}]}";
    int err;
    am_map *map = import_str(s, AM_IMPORT_AIF, &err);
    assert_int_equal(err, 0);
    assert_int_equal(am_document_paragraph_count(am_map_document(map)), 2);
    assert_int_equal(map->units.items[1].paragraph, 1);
    char *j1 = NULL, *j2 = NULL;
    assert_int_equal(am_map_to_json(&j1, NULL, map, AM_JSON_COMPACT), 0);
    am_map *back = import_str(j1, AM_IMPORT_JSON, &err);
    if (err < 0)
        fail_msg("%s", am_error_last());
    assert_int_equal(am_map_to_json(&j2, NULL, back, AM_JSON_COMPACT), 0);
    assert_string_equal(j1, j2);
    am_free(j1);
    am_free(j2);
    am_map_free(back);
    am_map_free(map);
}

/* A chain of 20000 CA nodes, each attacking the next, listed backwards:
 * resolved in one topological pass, without recursion. */
static void test_aif_long_chain(void **state)
{
    (void)state;
    size_t n = 20000, cap = n * 300 + 512, len = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    len += (size_t)snprintf(s + len, cap - len, "{\"nodes\": [");
    for (size_t k = n; k-- > 0;)
        len += (size_t)snprintf(s + len, cap - len, "{\"nodeID\": \"p%zu\", \"type\": \"I\", "
                                "\"text\": \"p\"}, {\"nodeID\": \"c%zu\", \"type\": \"CA\"}, ", k, k);
    len += (size_t)snprintf(s + len, cap - len, "{\"nodeID\": \"a\", \"type\": \"I\", \"text\": \"a\"}, "
                            "{\"nodeID\": \"b\", \"type\": \"I\", \"text\": \"b\"}, "
                            "{\"nodeID\": \"ra\", \"type\": \"RA\"}], \"edges\": ["
                            "{\"fromID\": \"a\", \"toID\": \"ra\"}, {\"fromID\": \"ra\", \"toID\": \"b\"}");
    for (size_t k = 0; k < n; k++) {
        len += (size_t)snprintf(s + len, cap - len, ", {\"fromID\": \"p%zu\", \"toID\": \"c%zu\"}", k, k);
        if (k)
            len += (size_t)snprintf(s + len, cap - len, ", {\"fromID\": \"c%zu\", \"toID\": \"c%zu\"}", k, k - 1);
        else
            len += (size_t)snprintf(s + len, cap - len, ", {\"fromID\": \"c0\", \"toID\": \"ra\"}");
    }
    len += (size_t)snprintf(s + len, cap - len, "]}");
    assert_true(len < cap);
    am_map *map = NULL;
    if (am_map_import(&map, "chain.json", s, len, AM_IMPORT_AIF, NULL) < 0)
        fail_msg("%s", am_error_last());
    assert_int_equal(map->relations.len, n + 1);
    assert_int_equal(count_type(map, AM_REL_UNDERCUT, AM_NODE_UNIT), n);
    /* every undercut attacks a relation made before it */
    for (size_t r = 0; r < map->relations.len; r++)
        if (map->relations.items[r].type == AM_REL_UNDERCUT)
            assert_true(map->relations.items[r].to.index < r);
    am_map_free(map);
    free(s);
}

/* ------------------------------------------------------------ microtext */

static void test_microtext(void **state)
{
    (void)state;
    am_map *map = import_file("data/fixtures/microtext/tiny.xml");
    assert_int_equal(map->units.len, 6);
    assert_int_equal(map->relations.len, 7);
    /* the text is the segments joined by one space, like the corpus's .txt */
    assert_true(!strncmp(map->doc->text, "Night trains are slow, but they save a hotel night. A ",
                         54));
    assert_true(unit_text_is(map, 4, "yet not when you count the airport. and the security queue"));
    assert_int_equal(map->major, 5);
    assert_true(map->units.items[5].major);
    assert_int_equal(map->units.items[2].evidence, AM_EV_EXAMPLE);
    assert_int_equal(count_type(map, AM_REL_UNDERCUT, AM_NODE_UNIT), 3);
    assert_int_equal(count_type(map, AM_REL_ATTACK, AM_NODE_UNIT), 2);
    assert_int_equal(count_type(map, AM_REL_SUPPORT, AM_NODE_UNIT), 2);
    /* c6 "add" joins the undercut c2: a second undercut of c1's relation */
    const am_relation *c2 = &map->relations.items[1], *c6 = &map->relations.items[5];
    assert_int_equal(c6->type, AM_REL_UNDERCUT);
    assert_int_equal(c6->to.kind, AM_NODE_RELATION);
    assert_int_equal(c6->to.index, c2->to.index);
    assert_int_equal(c6->from.index, 2);
    assert_string_equal(map->ix->rel_ids.items[5], "c2"); /* joins c2 */
    assert_int_equal(map->ix->unit_role.items[0], 'o');
    assert_int_equal(map->ix->unit_role.items[5], 'p');
    am_map_free(map);
}

#define MT_HEAD "<arggraph id=\"x\">"
#define MT_TWO MT_HEAD "<edu id=\"e1\">A.</edu><edu id=\"e2\">B.</edu><adu id=\"a1\" type=\"pro\"/>" \
    "<adu id=\"a2\" type=\"pro\"/><edge id=\"s1\" src=\"e1\" trg=\"a1\" type=\"seg\"/>" \
    "<edge id=\"s2\" src=\"e2\" trg=\"a2\" type=\"seg\"/>"

static const bad_case MT_BAD[] = {
    {"malformed", "<arggraph id=\"x\">\n<edu id=\"e1\">A.</adu>\n</arggraph>", AM_EPARSE,
     "line 2, column"},
    {"root", "<graph/>", AM_EPARSE, "the root element is <graph>, not <arggraph>"},
    {"no id", MT_HEAD "<edu>A.</edu></arggraph>", AM_EPARSE, "line 1: <edu> has no id attribute"},
    {"role", MT_HEAD "<edu id=\"e1\">A.</edu><adu id=\"a1\" type=\"neutral\"/></arggraph>",
     AM_EPARSE, "adu \"a1\": type \"neutral\" is neither pro nor opp"},
    {"duplicate id", MT_HEAD "<edu id=\"e1\">A.</edu>\n<adu id=\"e1\" type=\"pro\"/></arggraph>",
     AM_EPARSE, "line 2: duplicate id \"e1\" (also line 1)"},
    {"dangling", MT_TWO "<edge id=\"c1\" src=\"a1\" trg=\"a9\" type=\"sup\"/></arggraph>", AM_EPARSE,
     "edge \"c1\": trg \"a9\" names no element (a dangling edge)"},
    {"edge type", MT_TWO "<edge id=\"c1\" src=\"a1\" trg=\"a2\" type=\"hug\"/></arggraph>", AM_EPARSE,
     "edge \"c1\": unknown type \"hug\""},
    {"sup on edge", MT_TWO "<edge id=\"c1\" src=\"a1\" trg=\"a2\" type=\"sup\"/>"
     "<edge id=\"c2\" src=\"a2\" trg=\"c1\" type=\"sup\"/></arggraph>", AM_EPARSE,
     "edge \"c2\" of type sup cannot go from adu \"a2\" to edge \"c1\""},
    {"self", MT_TWO "<edge id=\"c1\" src=\"a1\" trg=\"a1\" type=\"sup\"/></arggraph>", AM_EPARSE,
     "edge \"c1\" goes from \"a1\" to itself"},
    {"cycle", MT_TWO "<edge id=\"c1\" src=\"a1\" trg=\"c2\" type=\"und\"/>"
     "<edge id=\"c2\" src=\"a2\" trg=\"c1\" type=\"und\"/></arggraph>", AM_EPARSE,
     "is on a cycle of edges that target each other"},
    {"no text", MT_HEAD "<edu id=\"e1\">A.</edu><adu id=\"a1\" type=\"pro\"/></arggraph>", AM_EPARSE,
     "adu \"a1\" has no text"},
    {"entity", "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><arggraph id=\"x\">"
     "<edu id=\"e1\">&x;</edu><adu id=\"a1\" type=\"pro\"/><edge id=\"s\" src=\"e1\" trg=\"a1\" "
     "type=\"seg\"/></arggraph>", AM_EPARSE, "adu \"a1\" has no text"},
};

static void test_microtext_bad(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof MT_BAD / sizeof MT_BAD[0]; i++) {
        const bad_case *c = &MT_BAD[i];
        int err;
        am_map *map = import_str(c->input, AM_IMPORT_MICROTEXT, &err);
        if (err != c->code || !strstr(am_error_last(), c->message))
            fail_msg("case '%s': got %d '%s', want %d '%s'", c->name, err, am_error_last(),
                     c->code, c->message);
        assert_null(map);
    }
}

/* ------------------------------------------------------ Argdown, GraphML */

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

static void test_argdown(void **state)
{
    (void)state;
    am_document *doc;
    am_map *map = hand_map(&doc);
    char *ad = NULL;
    size_t len;
    assert_int_equal(am_map_to_argdown(&ad, &len, map), 0);
    assert_int_equal(strlen(ad), len);
    assert_true(!strncmp(ad, "# Harbour plans\n\n## Paragraph 2\n\n", 33));
    assert_non_null(strstr(ad, "[u1 The council must act now]: The council must act now. #claim #major\n"));
    assert_non_null(strstr(ad, "#evidence #quote\n  {id: \"u3\", kind: \"evidence\", "
                               "type: \"testimony\", speaker: \"Ana Ruiz\", span: \""));
    /* markup in the text is escaped */
    assert_non_null(strstr(ad, "The report is from \\[2019\\] \\#old. #claim"));
    assert_non_null(strstr(ad, "[u2 Prices rose 20 in 2022]\n  +> [u1 The council must act now]\n"));
    assert_non_null(strstr(ad, "[u4 But the budget is empty]\n  -> [u1 The council must act now]\n"));
    assert_non_null(strstr(ad, "[u5 The report is from 2019]\n  _> <r1>\n"));
    assert_non_null(strstr(ad, "<r1>: u2 supports u1.\n"));
    assert_null(strstr(ad, "u6")); /* the heading unit */
    assert_int_equal(count(ad, "## Paragraph"), 2);
    am_free(ad);
    am_map_free(map);
    am_document_free(doc);
}

static void test_graphml(void **state)
{
    (void)state;
    am_document *doc;
    am_map *map = hand_map(&doc);
    char *g = NULL;
    assert_int_equal(am_map_to_graphml(&g, NULL, map), 0);
    assert_non_null(strstr(g, "<key id=\"n_confidence\" for=\"node\" attr.name=\"confidence\" "
                              "attr.type=\"double\"/>"));
    assert_int_equal(count(g, "<node id=\"u"), 5);
    assert_int_equal(count(g, "<node id=\"S"), 1);
    assert_int_equal(count(g, "<node id=\"r"), 1); /* the undercut inference */
    assert_int_equal(count(g, "<edge "), 5);
    assert_non_null(strstr(g, "<edge id=\"r5\" source=\"u5\" target=\"r1\">"));
    assert_non_null(strstr(g, "<edge id=\"r3\" source=\"S1\" target=\"u3\">"));
    assert_non_null(strstr(g, "Prices rose 20% in 2022 &amp; rents followed"));
    assert_non_null(strstr(g, "&quot;We cannot wait,&quot; said"));
    assert_non_null(strstr(g, "<data key=\"n_speaker\">Ana Ruiz</data>"));
    assert_null(strstr(g, "& "));
    am_free(g);
    am_map_free(map);
    am_document_free(doc);
}

/* ------------------------------------------------------------ JSON in */

static void test_json_roundtrip(void **state)
{
    (void)state;
    am_document *doc;
    am_map *map = hand_map(&doc);
    char *j1 = NULL, *j2 = NULL;
    size_t n1;
    /* an import runs the graph stage, so the saved map has its analysis too */
    am_analyze_options ao;
    am_analyze_options_init(&ao);
    assert_int_equal(am_graph_stage(map, &ao), 0);
    assert_non_null(map->analysis);
    assert_int_equal(am_map_to_json(&j1, &n1, map, 0), 0);
    am_map *back = NULL;
    /* auto: the "schema" member tells argmap JSON from AIF */
    if (am_map_import(&back, "saved.json", j1, n1, AM_IMPORT_AUTO, NULL) < 0)
        fail_msg("%s", am_error_last());
    assert_int_equal(back->units.len, 6);
    assert_int_equal(back->relations.len, 5);
    assert_int_equal(back->relations.items[4].to.kind, AM_NODE_RELATION);
    assert_string_equal(back->sources.items[0].name, "Ana Ruiz");
    assert_int_equal(back->sources.items[0].mentions.len, 1);
    assert_string_equal(back->dates.items[0].iso, "2022");
    assert_string_equal(am_document_name(am_map_document(back)), "hand.txt");
    assert_int_equal(am_map_to_json(&j2, NULL, back, 0), 0);
    assert_string_equal(j1, j2); /* the same map, byte for byte */
    am_free(j1);
    am_free(j2);
    am_map_free(back);
    am_map_free(map);
    am_document_free(doc);
}

#define JHEAD "{\"schema\": \"argmap/1.0\", \"document\": {\"name\": \"d\", \"format\": \"text\", " \
    "\"bytes\": 5, \"title\": null, \"paragraphs\": [{\"id\": \"p1\", \"kind\": \"paragraph\", " \
    "\"start\": 0, \"end\": 5, \"text\": \"Hello\"}], \"warnings\": []}, \"sentences\": [], "
#define JREST "\"quotes\": [], \"sources\": [], \"dates\": [], \"major_claim\": null}"
#define JUNIT(extra) "\"units\": [{\"id\": \"u1\", \"paragraph\": \"p1\", \"start\": 0, \"end\": 5, " \
    "\"text\": \"Hello\", \"kind\": \"claim\"" extra "}], "

static const bad_case JSON_BAD[] = {
    {"ok", JHEAD JUNIT("") "\"relations\": [], " JREST, 0, ""},
    {"schema", "{\"schema\": \"argmap/2.0\"}", AM_EPARSE, "schema \"argmap/2.0\" is not argmap/1.x"},
    {"text mismatch", JHEAD "\"units\": [{\"id\": \"u1\", \"paragraph\": \"p1\", \"start\": 0, "
     "\"end\": 5, \"text\": \"Hallo\", \"kind\": \"claim\"}], \"relations\": [], " JREST, AM_EPARSE,
     "units[0]: the text does not match offsets 0-5"},
    {"id order", JHEAD "\"units\": [{\"id\": \"u2\", \"paragraph\": \"p1\", \"start\": 0, "
     "\"end\": 5, \"text\": \"Hello\"}], \"relations\": [], " JREST, AM_EPARSE,
     "units[0]: id u2 out of order"},
    {"dangling ref", JHEAD JUNIT(", \"quote\": \"q3\"") "\"relations\": [], " JREST, AM_EPARSE,
     "units[0]: \"quote\" names no element: \"q3\""},
    {"bad kind", JHEAD JUNIT(", \"evidence\": \"rumour\"") "\"relations\": [], " JREST, AM_EPARSE,
     "units[0]: unknown evidence \"rumour\""},
    {"relation end", JHEAD JUNIT("") "\"relations\": [{\"id\": \"r1\", \"from\": \"u1\", "
     "\"to\": \"u7\", \"type\": \"support\"}], " JREST, AM_EPARSE,
     "relations[0]: \"to\" names no element: \"u7\""},
    {"undercut to unit", JHEAD JUNIT("") "\"relations\": [{\"id\": \"r1\", \"from\": \"u1\", "
     "\"to\": \"u1\", \"type\": \"undercut\"}], " JREST, AM_EPARSE,
     "relations[0]: an undercut, and only an undercut, ends at a relation"},
    {"self undercut", JHEAD JUNIT("") "\"relations\": [{\"id\": \"r1\", \"from\": \"u1\", "
     "\"to\": \"r1\", \"type\": \"undercut\"}], " JREST, AM_EPARSE,
     "relations[0]: a relation that undercuts itself"},
    {"offsets", "{\"schema\": \"argmap/1.0\", \"document\": {\"format\": \"text\", \"bytes\": 3, "
     "\"paragraphs\": [{\"start\": 0, \"end\": 5, \"text\": \"Hello\"}]}}", AM_EPARSE,
     "document.paragraphs[0]: offsets 0-5 outside the document (3 bytes)"},
    {"huge", "{\"schema\": \"argmap/1.0\", \"document\": {\"format\": \"text\", "
     "\"bytes\": 1e14, \"paragraphs\": []}}", AM_ELIMIT, "over the limit of"},
    {"negative", "{\"schema\": \"argmap/1.0\", \"document\": {\"format\": \"text\", "
     "\"bytes\": -1, \"paragraphs\": []}}", AM_EPARSE, "\"bytes\" must be a whole number >= 0"},
};

static void test_json_bad(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof JSON_BAD / sizeof JSON_BAD[0]; i++) {
        const bad_case *c = &JSON_BAD[i];
        int err;
        am_error_clear();
        am_map *map = import_str(c->input, AM_IMPORT_JSON, &err);
        if (err != c->code || !strstr(am_error_last(), c->message))
            fail_msg("case '%s': got %d '%s', want %d '%s'", c->name, err, am_error_last(),
                     c->code, c->message);
        am_map_free(map);
    }
}

/* ---------------------------------------------------------------- diff */

static void test_diff(void **state)
{
    (void)state;
    am_map *gold = import_file("data/fixtures/microtext/tiny.xml");
    /* the same map: everything matches, undercuts too */
    am_diff_counts c;
    char *json = NULL;
    assert_int_equal(am_map_diff(&json, NULL, &c, gold, gold, NULL, AM_JSON_COMPACT), 0);
    assert_int_equal(c.matched_units, 6);
    assert_int_equal(c.gold_edges, 7);
    assert_int_equal(c.matched_edges, 7);
    assert_true(c.major_matched);
    assert_non_null(strstr(json, "\"units\":{\"gold\":6,\"test\":6,\"matched\":6,\"precision\":1,"
                                 "\"recall\":1,\"f1\":1,"));
    am_free(json);

    /* a system map of the same text, built by hand */
    char text[400];
    snprintf(text, sizeof text, "%.*s\n", (int)gold->doc->text_len, gold->doc->text);
    am_document *doc = load_str("tiny.txt", text, AM_FORMAT_TEXT);
    am_map *test = calloc(1, sizeof *test);
    test->doc = doc;
    add_unit(test, "Night trains are slow, but they save a hotel night.", AM_UNIT_CLAIM, AM_EV_NONE);
    add_unit(test, "A sleeper from Vienna to Paris costs less than a flight plus a room.",
             AM_UNIT_EVIDENCE, AM_EV_EXAMPLE);
    add_unit(test, "Flights are faster, of course,", AM_UNIT_CLAIM, AM_EV_NONE);
    add_unit(test, "So Europe should fund more night trains.", AM_UNIT_CLAIM, AM_EV_NONE)->major = 1;
    test->major = 3;
    am_unit *extra = add_unit(test, "of course", AM_UNIT_CLAIM, AM_EV_NONE);
    (void)extra;
    add_rel(test, AM_NODE_UNIT, 1, AM_NODE_UNIT, 0, AM_REL_SUPPORT); /* gold c3 */
    add_rel(test, AM_NODE_UNIT, 0, AM_NODE_UNIT, 3, AM_REL_SUPPORT); /* gold c7 */
    add_rel(test, AM_NODE_UNIT, 2, AM_NODE_UNIT, 3, AM_REL_SUPPORT); /* gold c4 is an attack */
    add_rel(test, AM_NODE_UNIT, 4, AM_NODE_UNIT, 3, AM_REL_ATTACK);  /* extra */
    assert_int_equal(am_map_diff(&json, NULL, &c, gold, test, NULL, 0), 0);
    assert_int_equal(c.gold_units, 6);
    assert_int_equal(c.test_units, 5);
    assert_int_equal(c.matched_units, 4); /* u2 (by overlap .55), u3, u4, u6 */
    assert_int_equal(c.test_edges, 4);
    assert_int_equal(c.matched_edges, 2);
    assert_int_equal(c.matched_edges_untyped, 3);
    assert_true(c.major_matched);
    assert_non_null(strstr(json, "\"pairs\": [\n      {\n        \"gold\": \"u2\",\n        \"test\": \"u1\",\n"
                                 "        \"overlap\": 0.549"));
    assert_non_null(strstr(json, "\"id\": \"u1\",\n        \"text\": \"Night trains are slow,\""));
    assert_non_null(strstr(json, "\"extra\": [\n      {\n        \"id\": \"u5\",\n        \"text\": \"of course\""));
    assert_non_null(strstr(json, "\"from\": \"u4\",\n        \"to\": \"u6\",\n        \"type\": \"attack\""));
    am_free(json);
    /* a stricter threshold loses the u2 pair */
    am_diff_options o;
    am_diff_options_init(&o);
    o.min_overlap = 0.6;
    assert_int_equal(am_map_diff(NULL, NULL, &c, gold, test, &o, 0), 0);
    assert_int_equal(c.matched_units, 3);
    o.min_overlap = 0;
    assert_int_equal(am_map_diff(NULL, NULL, &c, gold, test, &o, 0), AM_EINVAL);
    am_map_free(test);
    am_document_free(doc);
    am_map_free(gold);
}

/* Every prefix of a real-shaped input, and each byte replaced by a few
 * troublesome ones, either imports or fails with a message: never a crash
 * (run under ASan/UBSan by make asan). */
static void test_mangled(void **state)
{
    (void)state;
    const char *files[] = {"data/fixtures/aif/dialogue.json", "data/fixtures/microtext/tiny.xml",
                           NULL /* argmap JSON of the hand-built map */};
    const char swaps[] = {'"', '{', ']', '<', '>', '\\', '\0', (char)0xC3};
    for (size_t f = 0; f < 3; f++) {
        size_t len;
        char *buf;
        if (files[f]) {
            buf = slurp(files[f], &len);
        } else {
            am_document *doc;
            am_map *map = hand_map(&doc);
            assert_int_equal(am_map_to_json(&buf, &len, map, AM_JSON_COMPACT), 0);
            am_map_free(map);
            am_document_free(doc);
        }
        size_t ok = 0, failed = 0;
        for (size_t cut = 0; cut < len; cut += 3) {
            am_map *map = NULL;
            int err = am_map_import(&map, "cut", buf, cut, AM_IMPORT_AUTO, NULL);
            if (err == 0) {
                ok++;
                am_map_free(map);
            } else {
                assert_true(err == AM_EPARSE || err == AM_ELIMIT);
                assert_true(strlen(am_error_last()) > 0);
                failed++;
            }
        }
        for (size_t i = 0; i < len; i += 7) {
            char keep = buf[i];
            buf[i] = swaps[i % sizeof swaps];
            am_map *map = NULL;
            int err = am_map_import(&map, "swap", buf, len, AM_IMPORT_AUTO, NULL);
            if (err == 0)
                am_map_free(map);
            else
                assert_true(strlen(am_error_last()) > 0);
            buf[i] = keep;
        }
        assert_true(failed > 0);
        free(buf);
        (void)ok;
    }
}

static void test_format_names(void **state)
{
    (void)state;
    /* a byte-order mark is skipped; offsets still count it */
    int err;
    am_map *map = import_str("\xEF\xBB\xBF{\"nodes\": [], \"edges\": []}", AM_IMPORT_AUTO, &err);
    assert_int_equal(err, 0);
    am_map_free(map);
    map = import_str("\xEF\xBB\xBF{\"nodes\": [}", AM_IMPORT_AUTO, &err);
    assert_int_equal(err, AM_EPARSE);
    assert_non_null(strstr(am_error_last(), "byte 14 (line 1, column 12)"));
    am_import_format f;
    assert_int_equal(am_import_format_parse(&f, "microtext"), 0);
    assert_int_equal(f, AM_IMPORT_MICROTEXT);
    assert_string_equal(am_import_format_name(AM_IMPORT_AIF), "aif");
    assert_int_equal(am_import_format_parse(&f, "svg"), AM_EINVAL);
    assert_non_null(strstr(am_error_last(), "unknown import format 'svg'"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_indent),
        cmocka_unit_test(test_json_print),
        cmocka_unit_test(test_aif_simple),
        cmocka_unit_test(test_aif_dialogue),
        cmocka_unit_test(test_aif_native_roundtrip),
        cmocka_unit_test(test_aif_bad),
        cmocka_unit_test(test_aif_limits),
        cmocka_unit_test(test_aif_tolerated),
        cmocka_unit_test(test_aif_empty_text),
        cmocka_unit_test(test_aif_long_chain),
        cmocka_unit_test(test_microtext),
        cmocka_unit_test(test_microtext_bad),
        cmocka_unit_test(test_argdown),
        cmocka_unit_test(test_graphml),
        cmocka_unit_test(test_json_roundtrip),
        cmocka_unit_test(test_json_bad),
        cmocka_unit_test(test_diff),
        cmocka_unit_test(test_mangled),
        cmocka_unit_test(test_format_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
