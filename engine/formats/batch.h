/*
 * batch.h - what the batch writers and readers in formats/ share (internal).
 */
#ifndef AM_FORMATS_BATCH_H
#define AM_FORMATS_BATCH_H

#include "json.h"

/* Write the per-document summary object of map into b; 0 or AM_ENOMEM. */
int am_json_summary_write(am_jbuf *b, const am_map *map);

/* The member `key` of object o compared case-sensitively (cJSON's own
 * lookup ignores case), or NULL. */
const cJSON *am_json_member(const cJSON *o, const char *key);

/* Parse one JSON line (valid UTF-8, one value, nothing after it but white
 * space, no duplicate key in any object). `what` names the input in
 * messages. NULL with AM_EPARSE set on failure (see *err). */
cJSON *am_json_parse_line(const char *line, size_t len, const char *what, int *err);

#endif
