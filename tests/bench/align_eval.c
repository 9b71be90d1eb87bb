/*
 * align_eval.c - how well claims are aligned across two articles
 * (argmap compare), on paraphrase pairs written as fixtures.
 *
 * Reads data/fixtures/paraphrases.tsv (or the file given), puts the A
 * sides and A-only claims in one list and the B sides and B-only claims
 * in the other, aligns them with the library's similarity and matching,
 * and prints precision, recall and F1 of the aligned pairs for a range of
 * thresholds, plus the similarity of every true pair and of the best
 * wrong partner of each A claim. Linked against build/libargmap.a.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/model.h"
#include "graph/query.h"

#define MAXT 512

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "data/fixtures/paraphrases.tsv";
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "align_eval: cannot read %s\n", path);
        return 3;
    }
    char *a[MAXT], *b[MAXT];
    long truth[MAXT]; /* truth[i] = j for a true pair, -1 for an A-only claim */
    size_t na = 0, nb = 0, npairs = 0;
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) > 0) {
        line[strcspn(line, "\r\n")] = '\0';
        if (!*line || *line == '#')
            continue;
        char *kind = strtok(line, "\t"), *x = strtok(NULL, "\t"), *y = strtok(NULL, "\t");
        if (!kind || !x || na >= MAXT || nb >= MAXT)
            continue;
        if (!strcmp(kind, "para") && y) {
            truth[na] = (long)nb;
            a[na++] = strdup(x);
            b[nb++] = strdup(y);
            npairs++;
        } else if (!strcmp(kind, "a")) {
            truth[na] = -1;
            a[na++] = strdup(x);
        } else if (!strcmp(kind, "b")) {
            b[nb++] = strdup(x);
        }
    }
    free(line);
    fclose(f);
    size_t la[MAXT], lb[MAXT];
    for (size_t i = 0; i < na; i++)
        la[i] = strlen(a[i]);
    for (size_t j = 0; j < nb; j++)
        lb[j] = strlen(b[j]);
    double *sim = NULL;
    if (am_text_similarity(&sim, (const char *const *)a, la, na, (const char *const *)b, lb,
                           nb) < 0) {
        fprintf(stderr, "align_eval: %s\n", am_error_last());
        return 3;
    }
    printf("%s: %zu paraphrase pairs, %zu A-only, %zu B-only claims\n", path, npairs,
           na - npairs, nb - npairs);
    double lo_true = 1, hi_false = 0;
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++) {
            double s = sim[i * nb + j];
            if (truth[i] == (long)j) {
                if (s < lo_true)
                    lo_true = s;
            } else if (s > hi_false) {
                hi_false = s;
            }
        }
    printf("lowest similarity of a true pair: %.3f; highest of a wrong pair: %.3f\n", lo_true,
           hi_false);
    printf("threshold  precision  recall  F1\n");
    long match[MAXT];
    for (int t = 10; t <= 60; t += 5) {
        am_text_align(match, sim, na, nb, t / 100.0);
        size_t got = 0, right = 0;
        for (size_t i = 0; i < na; i++)
            if (match[i] >= 0) {
                got++;
                right += match[i] == truth[i];
            }
        double p = got ? (double)right / (double)got : 1, r = (double)right / (double)npairs;
        printf("  %.2f%s     %.3f    %.3f   %.3f\n", t / 100.0,
               t == (int)(AM_COMPARE_THRESHOLD * 100 + 0.5) ? "*" : " ", p, r,
               p + r > 0 ? 2 * p * r / (p + r) : 0);
    }
    printf("(* the default threshold)\n");
    free(sim);
    for (size_t i = 0; i < na; i++)
        free(a[i]);
    for (size_t j = 0; j < nb; j++)
        free(b[j]);
    return 0;
}
