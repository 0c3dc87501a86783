/* importer.h — input formats. Each importers/<format>.c defines one
 * `const struct mc_importer mc_importer_<format>`; importers/registry.c
 * lists them. Like libarchive's bidders, each importer scores a header
 * (0 = not mine .. 100 = certainly mine) and the highest score wins.
 * An importer turns CSV rows into mc_records; it knows nothing of SQLite. */
#ifndef MESHCOST_IMPORTER_H
#define MESHCOST_IMPORTER_H

#include "meshcost/config.h"
#include "meshcost/csv.h"
#include "meshcost/error.h"
#include "meshcost/record.h"
#include "meshcost/time.h"

struct mc_import_ctx {
    const char *path;   /* the file being loaded (for dates in its name) */
    int has_as_of;      /* ingest --as-of D / nightly --date */
    mc_day as_of;
    /* report currency and [fx] rates; NULL: currencies not checked */
    const struct mc_config *cfg;
};

struct mc_importer {
    const char *name;    /* "snowflake.query_history" */
    const char *source;  /* "snowflake" | "bigquery" | "databricks" | "focus" */
    const char *summary; /* one line for `meshcost formats` */
    /* Score the header row, 0..100. */
    int (*detect)(const struct mc_csv_row *header);
    /* Resolve columns and set up state. A missing required column or a
     * file-level problem (e.g. no snapshot date) -> MC_ERR_INPUT, reason
     * in err. *state is freed with close(). */
    mc_err (*open)(void **state, const struct mc_csv_row *header,
                   const struct mc_import_ctx *ctx, struct mc_error *err);
    /* Convert one data row. MC_OK with out->kind set (MC_REC_NONE to skip
     * silently), or MC_ERR_INPUT: row rejected, reason in err->msg
     * (e.g. "END_TIME: not a timestamp: 'x'"). Pointers in *out stay valid
     * until the next call. */
    mc_err (*convert)(void *state, const struct mc_csv_row *row,
                      struct mc_record *out, struct mc_error *err);
    void (*close)(void *state);
};

/* NULL-terminated list of all importers (importers/registry.c). */
extern const struct mc_importer *const mc_importers[];

/* The best importer for header, or NULL if every score is 0. *score gets
 * the winning score (may be NULL). */
const struct mc_importer *mc_importer_detect(const struct mc_csv_row *header,
                                             int *score);

#endif
