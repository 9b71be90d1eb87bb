/*
 * json.h - helpers shared by the JSON writers in formats/ (internal).
 *
 * formats/ is the only folder that includes cJSON.h.
 */
#ifndef AM_FORMATS_JSON_H
#define AM_FORMATS_JSON_H

#include <cjson/cJSON.h>

#include "../core/model.h"

/* Ids as they appear in the output: "p1", "s1", "u1", "q1", "S1", "d1", "r1". */
void am_json_id(char *buf, size_t n, char prefix, size_t index);

/* Each adds to obj and returns the added item, or NULL when out of memory
 * (the caller checks once, at the end, with the oom flag).
 *
 * With out set (am_map_to_json does), nothing is built: each item is
 * written to out as it is added, as am_json_print would print the tree,
 * and the handles returned are &lv[depth], standing for the open object
 * or array at that depth. That needs the writers to add to an object only
 * while no sibling opened after it is still being written - they fill
 * each object before going back to its parent, which holds for every
 * writer of the map; writing deeper than AM_JW_DEPTH sets oom. A tree of
 * ~40 cJSON nodes per unit cost more to build, print and free than the
 * analysis itself. */
#define AM_JW_DEPTH 16
struct am_jbuf;
typedef struct {
    const am_map *map;
    int oom;
    struct am_jbuf *out;
    size_t depth;
    unsigned char is_arr[AM_JW_DEPTH], more[AM_JW_DEPTH];
    cJSON lv[AM_JW_DEPTH];
    int pretty; /* streamed as am_json_indent would lay it out */
} am_jw;

cJSON *am_jw_str(am_jw *w, cJSON *obj, const char *key, const char *s);
cJSON *am_jw_strn(am_jw *w, cJSON *obj, const char *key, const char *s, size_t n);
cJSON *am_jw_int(am_jw *w, cJSON *obj, const char *key, size_t v);
cJSON *am_jw_num(am_jw *w, cJSON *obj, const char *key, double v); /* rounded to 4 places */
cJSON *am_jw_bool(am_jw *w, cJSON *obj, const char *key, int v);
cJSON *am_jw_null(am_jw *w, cJSON *obj, const char *key);
cJSON *am_jw_obj(am_jw *w, cJSON *obj, const char *key);
cJSON *am_jw_arr(am_jw *w, cJSON *obj, const char *key);
cJSON *am_jw_push_obj(am_jw *w, cJSON *arr);
/* "key": "<prefix><index+1>", or null when index < 0. */
cJSON *am_jw_ref(am_jw *w, cJSON *obj, const char *key, char prefix, long index);
/* "start", "end" (offsets of the original input) and, with text, "text". */
void am_jw_span(am_jw *w, cJSON *obj, am_tspan t, int with_text);
/* "key": {start, end, text}, or null for an empty span. */
void am_jw_span_obj(am_jw *w, cJSON *obj, const char *key, am_tspan t);

/* The output name of an evidence type, or NULL for none. */
const char *am_evidence_name(am_evidence_type t);

/* What cJSON_PrintUnformatted (1.7.15) prints, byte for byte, without its
 * printf for integers (malloc'd, or NULL when out of memory or for an invalid
 * item). */
char *am_json_print(const cJSON *item);

/* A growing output buffer (buf NUL-free until the writer ends it; oom set
 * when a write failed, after which writes do nothing). */
typedef struct am_jbuf {
    char *buf;
    size_t len, cap;
    int oom;
} am_jbuf;
/* Writes exactly what am_json_print writes for the same value: bytes as
 * they are; a string (NULL: null); the first n bytes of s as a string (cut
 * at a NUL, as a NUL-terminated copy would be); a number. */
void am_jb_put(am_jbuf *b, const char *s, size_t n);
void am_jb_string(am_jbuf *b, const char *s);
void am_jb_stringn(am_jbuf *b, const char *s, size_t n);
void am_jb_double(am_jbuf *b, double d);

/* Re-indent compact JSON with two spaces, one member a line (malloc'd, or
 * NULL when out of memory). */
char *am_json_indent(const char *compact);

/* The "analysis" member, written by the graph stage's writer; adds null
 * when the map has no analysis. */
void am_json_analysis(am_jw *w, cJSON *root);

/* 1 when text[0, len) is well-formed JSON that cJSON reads (jsonsyntax.c);
 * allocates nothing, so a cJSON failure on such text was out of memory. */
int am_json_syntax_ok(const char *text, size_t len);

#endif
