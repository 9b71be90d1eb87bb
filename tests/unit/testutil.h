/*
 * testutil.h - what every unit test includes: cmocka and a few helpers.
 *
 * Unit tests run from the repository root (tests/run.sh sees to it), so
 * data/ and models/ are reachable by relative path.
 */
#ifndef AM_TESTUTIL_H
#define AM_TESTUTIL_H

#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "argmap.h"

#define TEST_MODELS "models"

/* Load a document from a string with the given format; fails the test on error. */
static inline am_document *load_str(const char *name, const char *s, am_format f)
{
    am_load_options o;
    am_load_options_init(&o);
    o.format = f;
    am_document *doc = NULL;
    int err = am_document_load_memory(&doc, name, s, strlen(s), &o);
    if (err < 0)
        fail_msg("load %s: %s", name, am_error_last());
    return doc;
}

/* The models, for the test files that analyse text: loaded once by
 * test_models_setup and freed by test_models_teardown, the group set-up
 * and tear-down given to cmocka_run_group_tests. */
static am_model *test_model __attribute__((unused));

static inline int test_models_setup(void **state)
{
    (void)state;
    if (am_model_load(&test_model, TEST_MODELS) < 0)
        fail_msg("models: %s", am_error_last());
    return 0;
}

static inline int test_models_teardown(void **state)
{
    (void)state;
    am_model_free(test_model);
    test_model = NULL;
    return 0;
}

/* A number below k from a linear congruential generator: random test
 * inputs that are the same on every run and every machine. */
static inline size_t test_rnd(unsigned long long *seed, size_t k)
{
    *seed = *seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return (size_t)((*seed >> 33) % k);
}

/* 1 when the source bytes at span equal s. */
static inline int span_is(const am_document *doc, am_span sp, const char *s)
{
    size_t len;
    const char *src = am_document_source(doc, &len);
    return sp.end <= len && sp.end - sp.start == strlen(s) &&
           memcmp(src + sp.start, s, strlen(s)) == 0;
}

#endif
