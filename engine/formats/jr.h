/*
 * jr.h - reading JSON that is not trusted (internal; the code is in ix.c).
 *
 * cJSON looks keys up without regard to case and takes the first of
 * duplicate keys; these helpers match keys exactly and refuse duplicates,
 * and name the place in every message.
 */
#ifndef AM_FORMATS_JR_H
#define AM_FORMATS_JR_H

#include <cjson/cJSON.h>

#include <stddef.h>

/* JSON values allowed per node of --max-nodes (see am_jr_parse). */
#define AM_JR_VALUES_PER_NODE 64

/* Parse JSON from data[0, len): UTF-8 and NUL checked, nesting depth
 * checked against max_depth and the number of values (array elements and
 * object members, counted by their commas) against
 * AM_JR_VALUES_PER_NODE * max_nodes + 64 before cJSON sees it, so memory
 * stays bounded; parse errors reported with the byte offset, line and
 * column. */
int am_jr_parse(cJSON **out, const char *name, const char *data, size_t len, size_t max_depth,
                size_t max_nodes);

/* The member `key` of obj matched exactly (cJSON's own lookup ignores case
 * and takes the first of duplicate keys): *out = NULL when absent;
 * AM_EPARSE when it appears twice. `where` names obj in the message. */
int am_jr_get(const cJSON **out, const cJSON *obj, const char *key, const char *name,
              const char *where);

/* A member that must be an id: a string, or an integer number (written in
 * decimal). *out is malloc'd; NULL when absent and !required. */
int am_jr_id(char **out, const cJSON *obj, const char *key, int required, const char *name,
             const char *where);
/* A member that must be a string when present (numbers are accepted and
 * written in decimal); *out malloc'd or NULL when absent. */
int am_jr_str(char **out, const cJSON *obj, const char *key, const char *name,
              const char *where);

#endif
