/* sha256.h — SHA-256 (FIPS 180-4), used for the identity of loaded files. */
#ifndef MESHCOST_SHA256_H
#define MESHCOST_SHA256_H

#include <stddef.h>
#include <stdint.h>

#include "meshcost/error.h"

struct mc_sha256 {
    uint32_t h[8];
    uint64_t len;
    uint8_t buf[64];
    size_t used;
};

void mc_sha256_init(struct mc_sha256 *s);
void mc_sha256_update(struct mc_sha256 *s, const void *data, size_t n);
/* Writes the 64 lowercase hex digits and a NUL to hex (65 bytes). */
void mc_sha256_final_hex(struct mc_sha256 *s, char *hex);

/* Writes the 32-byte digest. */
void mc_sha256_final(struct mc_sha256 *s, uint8_t *digest);

/* HMAC-SHA256 (RFC 2104) of msg under key into digest (32 bytes). */
void mc_hmac_sha256(const uint8_t *key, size_t key_len, const void *msg,
                    size_t len, uint8_t *digest);

/* Hashes a whole file's bytes (as stored, e.g. gzip bytes) into hex.
 * MC_ERR_NOINPUT if it cannot be opened, MC_ERR_IO on a read error. */
mc_err mc_sha256_file(const char *path, char *hex, struct mc_error *err);

#endif
