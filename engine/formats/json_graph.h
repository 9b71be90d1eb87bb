/*
 * json_graph.h - JSON of the graph queries, for graph/ to call (internal).
 *
 * No cJSON type here: graph/ includes this header, and only formats/
 * includes cJSON.h.
 */
#ifndef AM_FORMATS_JSON_GRAPH_H
#define AM_FORMATS_JSON_GRAPH_H

#include "../graph/query.h"

/* `argmap chains --json` (docs/graph.md); *out: free. */
int am_json_chains(char **out, const am_map *map, const am_chain_list *l, int compact);

/* `argmap compare --json` (docs/graph.md); *out: free. */
int am_json_compare(char **out, const am_comparison *c, int compact);

#endif
