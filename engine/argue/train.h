/*
 * train.h - training and cross-validating the argument models (internal;
 * used by `argmap train`).
 *
 * Each training text goes through the same pipeline as an analysed article
 * (loaded from memory, gold units located in it), so the features seen in
 * training are exactly the ones seen at analysis time.
 */
#ifndef AM_ARGUE_TRAIN_H
#define AM_ARGUE_TRAIN_H

#include "../core/strbuf.h"
#include "../formats/trainset.h"
#include "argue.h"

/* Structure training makes an example of every ordered unit pair. */
#define AM_TRAIN_MAX_PAIR_UNITS 200

typedef struct {
    am_document *doc;
    am_map *map;
    am_fctx ctx;
    am_fvec *ux;   /* unit features, n */
    am_fvec *px;   /* pair features, n * n (diagonal empty), or NULL */
    const am_train_doc *gold;
} am_train_item;

typedef struct {
    am_train_item *items;
    size_t n;
} am_train_data;

/* Prepare every text (pairs: also the pair features, for structure). */
int am_train_data_init(am_train_data *td, const am_model *model, const am_trainset *ts,
                       int pairs);
void am_train_data_free(am_train_data *td);

/* Train cc, ro, fu, at on the items listed in use[0..nuse). */
int am_train_structure(am_weights *w, const am_train_data *td, const size_t *use, size_t nuse,
                       double C);
/* Train the evidence-class model (ev). */
int am_train_ev(am_linear *ev, const am_train_data *td, const size_t *use, size_t nuse,
                double C);

/* Cross-validate the structure over the given test folds; the table goes
 * to out. weight: the decoder weighting (cc, ro, fu, at). */
int am_eval_structure(am_strbuf *out, const am_train_data *td, const am_folds *folds, double C,
                      const double weight[4]);
/* Cross-validate the evidence classes with k folds by text. */
int am_eval_ev(am_strbuf *out, const am_train_data *td, size_t k, double C);

/* Write the structure models (cc, ro, fu, at, decode.txt) or the ev model
 * into dir. */
int am_weights_save_structure(const am_weights *w, const char *dir);

/* Macro F1 over the classes present in gold or predicted (as scikit-learn
 * computes it); K classes 0..K-1. */
double am_macro_f1(const int *gold, const int *pred, size_t n, int K);
/* F1 of one class. */
double am_class_f1(const int *gold, const int *pred, size_t n, int cls);

#endif
