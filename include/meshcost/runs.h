/* runs.h — the record of runs (for `status` and monitoring), closed
 * months, and the settings fingerprint that tells the nightly run when the
 * catalog or the rates changed. */
#ifndef MESHCOST_RUNS_H
#define MESHCOST_RUNS_H

#include <stddef.h>
#include <stdint.h>

#include "meshcost/config.h"
#include "meshcost/error.h"
#include "meshcost/store.h"
#include "meshcost/time.h"

/* Starts a run record; *run_id for mc_run_finish. */
mc_err mc_run_start(struct mc_store *s, const char *command, mc_day run_date,
                    int64_t *run_id, struct mc_error *err);

/* Finishes a run record with its exit code and a one-line summary. */
mc_err mc_run_finish(struct mc_store *s, int64_t run_id, int exit_code,
                     const char *summary, struct mc_error *err);

/* *closed = 1 if the UTC day lies in a closed month. An error means it
 * could not be told: never take it for "open" (closed months never
 * change). */
mc_err mc_month_closed(struct mc_store *s, mc_day day, int *closed,
                       struct mc_error *err);

/* Closes "YYYY-MM" (idempotent). */
mc_err mc_month_close(struct mc_store *s, const char *period,
                      struct mc_error *err);

/* A text fingerprint of what attribution depends on besides the data: the
 * catalog version and the rates and attribution settings. */
void mc_settings_fingerprint(const struct mc_config *cfg,
                             int64_t catalog_version, char *out, size_t n);

/* Reads a meta value into out ("" if unset). */
mc_err mc_store_meta_get(struct mc_store *s, const char *key, char *out,
                         size_t n, struct mc_error *err);

/* PRAGMA quick_check: MC_ERR_IO naming the first problem if not "ok". */
mc_err mc_store_quick_check(struct mc_store *s, struct mc_error *err);

#endif
