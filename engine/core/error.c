/*
 * error.c - the per-thread last error message.
 *
 * The message lives in a fixed thread-local buffer so that reporting an
 * out-of-memory error never needs memory itself.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "error.h"

static _Thread_local char last_msg[1024];

int am_err(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_msg, sizeof last_msg, fmt, ap);
    va_end(ap);
    return code;
}

int am_err_nomem(void)
{
    return am_err(AM_ENOMEM, "out of memory");
}

void am_err_clear(void)
{
    last_msg[0] = '\0';
}

void am_error_clear(void)
{
    last_msg[0] = '\0';
}

const char *am_error_last(void)
{
    return last_msg;
}

const char *am_error_name(int code)
{
    switch (code) {
    case AM_OK: return "OK";
    case AM_ENOMEM: return "ENOMEM";
    case AM_EINVAL: return "EINVAL";
    case AM_EIO: return "EIO";
    case AM_EPARSE: return "EPARSE";
    case AM_ELIMIT: return "ELIMIT";
    case AM_ENOTFOUND: return "ENOTFOUND";
    default: return "EUNKNOWN";
    }
}

void am_free(void *p)
{
    free(p);
}
