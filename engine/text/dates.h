/*
 * dates.h - the date stage (internal).
 */
#ifndef AM_TEXT_DATES_H
#define AM_TEXT_DATES_H

#include "../core/model.h"

/* Stage "dates": find dates in the text ("On February 25, 2022", "On March
 * 6", "In March and early April 2022", "last November", "since 2014",
 * "2022-02-25"), normalise them to ISO 8601 in map->dates (text order) and
 * link each to the unit that holds it (date.unit; unit.date = the unit's
 * first date). Needs the lexicons "months" and "date_cues". */
int am_stage_dates(am_map *map, const am_analyze_options *opts);

#endif
