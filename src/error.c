/* error.c — mc_error helpers and the error-code tables. */
#include "meshcost/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const error_text[MC_ERR__COUNT] = {
    [MC_OK] = "ok",
    [MC_ERR_USAGE] = "usage error",
    [MC_ERR_INPUT] = "input rejected",
    [MC_ERR_NOINPUT] = "input missing",
    [MC_ERR_INTERNAL] = "internal error",
    [MC_ERR_NOMEM] = "out of memory",
    [MC_ERR_CANTCREAT] = "cannot create output",
    [MC_ERR_IO] = "i/o error",
    [MC_ERR_LOCKED] = "locked by another run",
    [MC_ERR_CONFIG] = "configuration error",
};

static const int exit_code[MC_ERR__COUNT] = {
    [MC_OK] = 0,           [MC_ERR_USAGE] = 64,     [MC_ERR_INPUT] = 65,
    [MC_ERR_NOINPUT] = 66, [MC_ERR_INTERNAL] = 70,  [MC_ERR_NOMEM] = 70,
    [MC_ERR_CANTCREAT] = 73, [MC_ERR_IO] = 74,      [MC_ERR_LOCKED] = 75,
    [MC_ERR_CONFIG] = 78,
};

mc_err mc_error_set(struct mc_error *err, mc_err code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        err->code = code;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return code;
}

mc_err mc_error_prefix(struct mc_error *err, const char *fmt, ...)
{
    char prefix[sizeof err->msg];
    char old[sizeof err->msg];
    va_list ap;

    if (!err)
        return MC_ERR_INTERNAL;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    memcpy(old, err->msg, sizeof old);
    /* Truncation is fine: messages are bounded by design. */
    if (snprintf(err->msg, sizeof err->msg, "%.120s: %.130s", prefix, old) < 0)
        err->msg[0] = '\0';
    return err->code;
}

const char *mc_strerror(mc_err code)
{
    if ((unsigned)code >= MC_ERR__COUNT)
        return "unknown error";
    return error_text[code];
}

int mc_err_exit_code(mc_err code)
{
    if ((unsigned)code >= MC_ERR__COUNT)
        return 70;
    return exit_code[code];
}
