/* store.h — the SQLite store: schema and migrations (in one place, by
 * PRAGMA user_version), transactions, loads and their rows.
 *
 * Days are stored as TEXT 'YYYY-MM-DD' (UTC), instants as INTEGER epoch
 * ms, money as INTEGER micro-units, credits as INTEGER nano-credits. */
#ifndef MESHCOST_STORE_H
#define MESHCOST_STORE_H

#include <sqlite3.h>
#include <stdint.h>

#include "meshcost/error.h"
#include "meshcost/record.h"

struct mc_store; /* opaque */

/* Opens (creating if needed) the database at path and brings its schema to
 * the current version. WAL, synchronous=FULL, a busy timeout. Files are
 * created under the caller's umask. Free with mc_store_close(). */
mc_err mc_store_open(const char *path, struct mc_store **out,
                     struct mc_error *err);
void mc_store_close(struct mc_store *s);

/* The connection, borrowed for the store's lifetime (for core modules'
 * own prepared statements). */
sqlite3 *mc_store_db(struct mc_store *s);

/* The schema version this build writes (PRAGMA user_version). */
int mc_store_schema_version(void);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. */
mc_err mc_store_begin(struct mc_store *s, struct mc_error *err);
mc_err mc_store_commit(struct mc_store *s, struct mc_error *err);
void mc_store_rollback(struct mc_store *s);

/* Executes SQL text without parameters (schema, pragmas). */
mc_err mc_store_exec(struct mc_store *s, const char *sql,
                     struct mc_error *err);

/* Translates the connection's last error: "what: sqlite message". */
mc_err mc_store_error(struct mc_store *s, struct mc_error *err,
                      const char *what);

/* 1 if a file with this sha256 has been loaded successfully, else 0. */
mc_err mc_store_load_known(struct mc_store *s, const char *sha256,
                           int *known, struct mc_error *err);

/* Starts a load (inside the caller's transaction): sets *load_id. */
mc_err mc_store_load_begin(struct mc_store *s, const char *path,
                           const char *sha256, const char *importer,
                           const char *source, int64_t *load_id,
                           struct mc_error *err);

/* Stores one record of load_id (restating earlier loads per natural key:
 * the latest load wins). MC_REC_NONE is a no-op. */
mc_err mc_store_put(struct mc_store *s, int64_t load_id,
                    const struct mc_record *rec, struct mc_error *err);

/* Finishes a load: row and reject counts, status "loaded" or "rejected". */
mc_err mc_store_load_finish(struct mc_store *s, int64_t load_id,
                            int64_t rows, int64_t rejects, int rejected,
                            struct mc_error *err);

/* Records one rejected row of a load (line 0 = the whole file). */
mc_err mc_store_reject(struct mc_store *s, int64_t load_id, long line,
                       const char *reason, const char *excerpt,
                       struct mc_error *err);

/* Sets or reads a key of the meta table (run bookkeeping). */
mc_err mc_store_meta_set(struct mc_store *s, const char *key,
                         const char *value, struct mc_error *err);

#endif
