/* importer_util.h — shared helpers of the importers (importers/ only):
 * column lookup and typed field conversion with row-rejecting reasons. */
#ifndef MESHCOST_IMPORTER_UTIL_H
#define MESHCOST_IMPORTER_UTIL_H

#include <stdint.h>

#include "meshcost/csv.h"
#include "meshcost/error.h"
#include "meshcost/importer.h"
#include "meshcost/time.h"

/* A column an importer reads: its name and whether it must be present. */
struct mc_column {
    const char *name;
    int required;
};

#define MC_IMP_MAX_COLS 32

/* What every importer's state starts with: the header's width and the
 * index of each column it reads (-1 when absent). */
struct mc_imp_cols {
    size_t width;
    int idx[MC_IMP_MAX_COLS];
};

/* Allocates an importer state of size bytes (zeroed) that starts with a
 * struct mc_imp_cols, and resolves the n columns of header into it. A
 * missing required column is MC_ERR_INPUT "missing column 'X'". */
mc_err mc_imp_open(void **out, size_t size, const struct mc_csv_row *header,
                   const struct mc_column *cols, int n, struct mc_error *err);

/* Resolves n columns of a header into idx[] (-1 when absent); a missing
 * required column is MC_ERR_INPUT "missing column 'X'". */
mc_err mc_imp_columns(const struct mc_csv_row *header,
                      const struct mc_column *cols, int n, int *idx,
                      struct mc_error *err);

/* Score for detect(): 0 unless every name is a column of header, else
 * base + 1 per extra name of also[] present (capped at 100). */
int mc_imp_score(const struct mc_csv_row *header, const char *const *need,
                 const char *const *also, int base);

/* Timestamps accepted in input files: [2000-01-01, 2100-01-01) UTC. */
#define MC_IMP_MIN_MS 946684800000LL
#define MC_IMP_MAX_MS 4102444800000LL

/* A row must have as many fields as the header, and no field may hold a
 * NUL byte. */
mc_err mc_imp_width(const struct mc_csv_row *row, size_t width,
                    struct mc_error *err);

/* Typed fields. `name` is used in the reason; required=0 accepts null and
 * leaves *out = dflt. */
mc_err mc_imp_time(const struct mc_csv_row *row, int idx, const char *name,
                   int required, mc_ms *out, int *present,
                   struct mc_error *err);
mc_err mc_imp_int(const struct mc_csv_row *row, int idx, const char *name,
                  int required, int64_t dflt, int64_t *out, int *present,
                  struct mc_error *err);
mc_err mc_imp_decimal(const struct mc_csv_row *row, int idx, const char *name,
                      int scale, int64_t *out, struct mc_error *err);
/* Text: the field or NULL; required -> "NAME: missing" if null. */
mc_err mc_imp_text(const struct mc_csv_row *row, int idx, const char *name,
                   int required, const char **out, struct mc_error *err);
/* Booleans: true/false/yes/no/1/0/t/f/y/n, case-insensitive. */
mc_err mc_imp_bool(const struct mc_csv_row *row, int idx, const char *name,
                   int *out, struct mc_error *err);

/* The day of a snapshot file: a YYYY-MM-DD in its name, else --as-of,
 * else MC_ERR_INPUT "no snapshot date ...". */
mc_err mc_imp_snapshot_day(const struct mc_import_ctx *ctx, mc_day *day,
                           struct mc_error *err);

/* A growing text buffer owned by an importer's state (texts it builds for
 * a record: normalised JSON, lists of names). */
struct mc_imp_buf {
    char *p;
    size_t n, cap;
};

/* Empties b (keeps its memory). */
void mc_imp_buf_reset(struct mc_imp_buf *b);
/* Appends n bytes of s and keeps b->p NUL-terminated; -1 if out of
 * memory. */
int mc_imp_buf_add(struct mc_imp_buf *b, const char *s, size_t n);
void mc_imp_buf_free(struct mc_imp_buf *b);

/* Parses a JSON field (NULL if null): MC_ERR_INPUT naming the column for
 * bad JSON or JSON over 16 MiB. *out must be json_decref'd. */
struct json_t;
mc_err mc_imp_json(const struct mc_csv_row *row, int idx, const char *name,
                   struct json_t **out, struct mc_error *err);

#endif
