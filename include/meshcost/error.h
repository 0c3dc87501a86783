/* error.h — the one error type of meshcost.
 *
 * Fallible functions return mc_err and take `struct mc_error *err` last.
 * mc_error never allocates: the message lives in a fixed buffer.
 * Only src/cli/ turns an mc_err into an exit code (mc_err_exit_code). */
#ifndef MESHCOST_ERROR_H
#define MESHCOST_ERROR_H

typedef enum {
    MC_OK = 0,
    MC_ERR_USAGE,     /* bad command line                      -> 64 */
    MC_ERR_INPUT,     /* bad input data (row, file, catalog)   -> 65 */
    MC_ERR_NOINPUT,   /* input missing or unreadable           -> 66 */
    MC_ERR_INTERNAL,  /* bug, invariant violated               -> 70 */
    MC_ERR_NOMEM,     /* out of memory                         -> 70 */
    MC_ERR_CANTCREAT, /* cannot create output                  -> 73 */
    MC_ERR_IO,        /* I/O error                             -> 74 */
    MC_ERR_LOCKED,    /* another run holds the lock / busy     -> 75 */
    MC_ERR_CONFIG,    /* configuration error                   -> 78 */
    MC_ERR__COUNT
} mc_err;

struct mc_error {
    mc_err code;
    char msg[256];
};

/* Sets err (if not NULL) to code and the printf-style message; returns code.
 * Usage: return mc_error_set(err, MC_ERR_IO, "cannot open '%s': %s", p, s); */
mc_err mc_error_set(struct mc_error *err, mc_err code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prefixes the existing message with "prefix: " (e.g. a file name). */
mc_err mc_error_prefix(struct mc_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Static description of an error code ("input rejected", ...). */
const char *mc_strerror(mc_err code);

/* The sysexits code for an error class (0 for MC_OK). */
int mc_err_exit_code(mc_err code);

#endif
