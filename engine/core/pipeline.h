/*
 * pipeline.h - the stages of am_analyze, in order.
 *
 * Each stage reads what the earlier ones put into the map and adds its own
 * part. A stage returns 0 or a negative AM_E* code with the message set.
 * The table lives in analyze.c; each stage is declared by its own folder's
 * header (text/, argue/, graph/).
 */
#ifndef AM_CORE_PIPELINE_H
#define AM_CORE_PIPELINE_H

#include "model.h"

typedef int (*am_stage_fn)(am_map *map, const am_analyze_options *opts);

typedef struct {
    const char *name;
    am_stage_fn run;
} am_stage;

/* The stage table, ending with {NULL, NULL}. */
extern const am_stage am_stages[];

/* A new map of doc, filled by the stages in order up to the one named
 * until (not run; NULL: every stage). With opts->units_count the units
 * stage is skipped: gold units replace the segmentation. 0, or the
 * failing stage's error with *out NULL. */
int am_stages_run(am_map **out, const am_document *doc, const am_model *model,
                  const am_analyze_options *opts, const char *until);

#endif
