/*
 * analyze.c - am_analyze: run the pipeline's stages over a document.
 *
 *   document -> sentences, units -> quotes, sources, dates -> roles,
 *   relations -> graph analysis
 *
 * The stages are listed in one table so the order of the pipeline can be
 * read in one place.
 */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "lexicon.h"
#include "pipeline.h"
#include "../argue/argue.h"
#include "../graph/analysis.h"
#include "../text/dates.h"
#include "../text/quotes.h"
#include "../text/sentences.h"
#include "../text/units.h"

const am_stage am_stages[] = {
    {"sentences", am_stage_sentences},
    {"quotes", am_stage_quotes},         /* quotations, speakers, sources */
    {"units", am_stage_units},           /* reads map->quotes: never splits inside one */
    {"gold_units", am_stage_gold_units}, /* only with --units; replaces "units" */
    {"dates", am_stage_dates},
    {"classify", am_stage_classify},
    {"relate", am_stage_relate},
    {"graph", am_graph_stage},
    {NULL, NULL}
};

void am_analyze_options_init(am_analyze_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->version = AM_ANALYZE_OPTIONS_VERSION;
    opts->max_units = 100000;
}

void am_source_clear(am_source *s)
{
    free(s->name);
    free(s->role);
    for (size_t j = 0; j < s->aliases.len; j++)
        free(s->aliases.items[j]);
    AM_VEC_FREE(&s->aliases);
    AM_VEC_FREE(&s->mentions);
}

void am_map_free(am_map *map)
{
    if (!map)
        return;
    for (size_t i = 0; i < map->sources.len; i++)
        am_source_clear(&map->sources.items[i]);
    for (size_t i = 0; i < map->relations.len; i++)
        free(map->relations.items[i].marker);
    AM_VEC_FREE(&map->sentences);
    AM_VEC_FREE(&map->units);
    AM_VEC_FREE(&map->quotes);
    AM_VEC_FREE(&map->sources);
    AM_VEC_FREE(&map->dates);
    AM_VEC_FREE(&map->relations);
    am_analysis_free(map->analysis);
    am_ix_free(map->ix);
    am_document_free(map->owned_doc);
    AM_VEC_FREE(&map->disconnected);
    if (map->argue_cache && map->argue_cache_free)
        map->argue_cache_free(map->argue_cache);
    free(map);
}

int am_analyze(am_map **out, const am_document *doc, const am_model *model,
               const am_analyze_options *opts)
{
    am_analyze_options defaults;
    if (!opts) {
        am_analyze_options_init(&defaults);
        opts = &defaults;
    }
    if (!out || !doc)
        return am_err(AM_EINVAL, "am_analyze: NULL argument");
    if (opts->version != AM_ANALYZE_OPTIONS_VERSION)
        return am_err(AM_EINVAL, "analyze options: version %d, expected %d", opts->version,
                      AM_ANALYZE_OPTIONS_VERSION);
    am_err_clear();
    return am_stages_run(out, doc, model, opts, NULL);
}

int am_stages_run(am_map **out, const am_document *doc, const am_model *model,
                  const am_analyze_options *opts, const char *until)
{
    int err = 0;
    *out = NULL;
    am_map *map = calloc(1, sizeof *map);
    if (!map)
        return am_err_nomem();
    map->doc = doc;
    map->model = model;
    map->major = -1;
    for (const am_stage *s = am_stages; s->name; s++) {
        if (until && !strcmp(s->name, until))
            break;
        if (opts->units_count && !strcmp(s->name, "units"))
            continue; /* gold units given: they replace the segmentation */
        if ((err = s->run(map, opts)) < 0)
            goto done;
    }
    *out = map;
    map = NULL;
done:
    am_map_free(map);
    return err;
}

const am_document *am_map_document(const am_map *map)
{
    return map->doc;
}
