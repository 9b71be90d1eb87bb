/*
 * units.h - the argumentative-unit stage (internal).
 */
#ifndef AM_TEXT_UNITS_H
#define AM_TEXT_UNITS_H

#include "../core/model.h"

/* Stage "units": split every sentence into argumentative units at discourse
 * markers (models/lexicons/discourse_markers.txt), never inside a quotation
 * of map->quotes; link units and quotations (unit.quote, quote.unit,
 * unit.source). Headings and the title become units of kind AM_UNIT_NONE;
 * every other unit starts as AM_UNIT_CLAIM with confidence 0 until the
 * classify stage decides. More than opts->max_units units: AM_ELIMIT. */
int am_stage_units(am_map *map, const am_analyze_options *opts);

/* The signal of a marker ("support-forward", "attack", ...): the first
 * field of its lexicon value, copied into buf (at most n bytes with the
 * NUL). Returns buf, or NULL when the text is no known marker. */
const char *am_marker_signal(const am_model *model, const char *s, size_t len, char *buf,
                             size_t n);

#endif
