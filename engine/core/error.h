/*
 * error.h - setting the message behind am_error_last().
 *
 * Every failing library function calls am_err() once, at the place that
 * knows what went wrong, and returns the code it gives back:
 *     return am_err(AM_EPARSE, "%s: byte %zu: invalid UTF-8", name, off);
 */
#ifndef AM_CORE_ERROR_H
#define AM_CORE_ERROR_H

#include "argmap.h"

/* Record a message for am_error_last() and return code. */
int am_err(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Shorthand for the out-of-memory case. */
int am_err_nomem(void);
/* Forget the last message (called at the start of a top-level call). */
void am_err_clear(void);

#endif
