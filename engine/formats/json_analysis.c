/*
 * json_analysis.c - the "analysis" member of the JSON output.
 *
 * Null until the graph stage fills map->analysis.
 */
#include "json.h"

void am_json_analysis(am_jw *w, cJSON *root)
{
    am_jw_null(w, root, "analysis");
}
