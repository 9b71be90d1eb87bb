/*
 * bench_stages.c - time argmap's text stages one by one, in process, on
 * given files (built and run by scripts/bench_text.py; not part of the
 * library, which keeps no benchmark code).
 *
 *   bench_stages MODELS FILE...
 *
 * Prints one line per stage: "NAME bytes seconds", summed over the files:
 * load (reading, UTF-8 check, paragraphs), sentences, quotes (quotations,
 * speakers, sources), units, dates, in the pipeline's order. The
 * sentence line is the figure to set beside ICU's bare splitting.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "argmap.h"
#include "core/model.h"
#include "core/pipeline.h"
#include "text/dates.h"
#include "text/quotes.h"
#include "text/sentences.h"
#include "text/units.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_stages MODELS FILE...\n");
        return 2;
    }
    am_model *model = NULL;
    if (am_model_load(&model, argv[1]) < 0) {
        fprintf(stderr, "bench_stages: %s\n", am_error_last());
        return 1;
    }
    static const char *names[] = {"load", "sentences", "quotes", "units", "dates"};
    am_stage_fn fns[] = {NULL, am_stage_sentences, am_stage_quotes, am_stage_units,
                         am_stage_dates};
    double secs[5] = {0};
    size_t bytes = 0;
    am_analyze_options o;
    am_analyze_options_init(&o);
    for (int i = 2; i < argc; i++) {
        am_document *doc = NULL;
        double t0 = now();
        if (am_document_load_file(&doc, argv[i], NULL) < 0) {
            fprintf(stderr, "bench_stages: %s\n", am_error_last());
            return 1;
        }
        secs[0] += now() - t0;
        bytes += doc->src_len;
        am_map *map = calloc(1, sizeof *map);
        if (!map)
            return 1;
        map->doc = doc;
        map->model = model;
        map->major = -1;
        for (int s = 1; s < 5; s++) {
            t0 = now();
            if (fns[s](map, &o) < 0) {
                fprintf(stderr, "bench_stages: %s: %s\n", names[s], am_error_last());
                return 1;
            }
            secs[s] += now() - t0;
        }
        am_map_free(map);
        am_document_free(doc);
    }
    for (int s = 0; s < 5; s++)
        printf("%s %zu %.6f\n", names[s], bytes, secs[s]);
    am_model_free(model);
    return 0;
}
