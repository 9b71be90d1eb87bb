/*
 * trainset.h - training data for `argmap train`: JSON Lines, one text a
 * line, and the fold lists of the evaluation protocols (internal).
 *
 *   {"id": "micro_b001", "text": "...", "units": ["...", ...],
 *    "head": [4, 0, -1, ...],          optional: the unit each attaches to, -1 root
 *    "fu": ["att", "sup", "cc", ...],  optional with head: the function of each
 *    "ev": ["assumption", ...]}        optional: the evidence class of each unit
 *
 * The scripts under scripts/ write these files from the corpora; they are
 * read here because formats/ is cJSON's only door.
 */
#ifndef AM_FORMATS_TRAINSET_H
#define AM_FORMATS_TRAINSET_H

#include <stddef.h>

#include "../core/vec.h"

/* The evidence classes of the editorial corpus, in label order. */
#define AM_EV_CLASSES 6
extern const char *const am_ev_class_names[AM_EV_CLASSES];

typedef struct {
    char *id;
    char *text;
    char **units;
    size_t n;
    long *head;  /* n entries, or NULL */
    int *fu;     /* 0 central claim, 1 support, 2 attack; with head */
    int *ev;     /* n entries (index into am_ev_class_names), or NULL */
} am_train_doc;

typedef struct {
    AM_VEC(am_train_doc) docs;
} am_trainset;

/* Read a JSON Lines file; errors name the file and line. At most max_docs
 * texts and max_units units each (AM_ELIMIT beyond). */
int am_trainset_load(am_trainset *ts, const char *path, size_t max_docs, size_t max_units);
void am_trainset_free(am_trainset *ts);

/* Fold lists: {"test_folds": [["id", ...], ...]}. */
typedef struct {
    AM_VEC(char **) folds;     /* each NULL-terminated, owned */
} am_folds;

int am_folds_load(am_folds *f, const char *path);
void am_folds_free(am_folds *f);

#endif
