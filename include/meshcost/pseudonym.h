/* pseudonym.h — stable pseudonyms for user names in the reports
 * ([report] users = pseudonymous): "u-" + 12 hex digits of HMAC-SHA256
 * under a secret key kept in a file of mode 0600, created on first use.
 * The same key gives the same pseudonym in every run. */
#ifndef MESHCOST_PSEUDONYM_H
#define MESHCOST_PSEUDONYM_H

#include <stdint.h>

#include "meshcost/error.h"

#define MC_PSEUDONYM_BUFSZ 16

struct mc_pseudonym {
    uint8_t key[32];
};

/* Reads the key file, creating it (0600, 32 random bytes) if missing.
 * MC_ERR_CONFIG if it is readable by others than its owner or not 32
 * bytes; MC_ERR_IO / MC_ERR_CANTCREAT on file errors. */
mc_err mc_pseudonym_open(struct mc_pseudonym *p, const char *path,
                         struct mc_error *err);

/* The pseudonym of name into out (MC_PSEUDONYM_BUFSZ bytes). */
void mc_pseudonym(const struct mc_pseudonym *p, const char *name, char *out);

#endif
