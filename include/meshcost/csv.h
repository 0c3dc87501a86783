/* csv.h — streaming RFC 4180 reader (libcsv underneath) for plain and
 * gzip files (detected from the content, not the name) and for FILE*
 * streams (fmemopen in tests). Quoted fields may hold commas, doubled
 * quotes and newlines. A UTF-8 BOM at the start is skipped.
 *
 * Null: an empty field, "NULL" and "\N" are returned as NULL pointers. */
#ifndef MESHCOST_CSV_H
#define MESHCOST_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "meshcost/error.h"

struct mc_csv; /* opaque */

/* One record. Borrowed from the reader: valid until the next
 * mc_csv_next() or mc_csv_close(). */
struct mc_csv_row {
    size_t n;            /* number of fields */
    const char **field;  /* n entries, NUL-terminated; NULL = null */
    const size_t *len;   /* byte lengths (0 for null) */
    long line;           /* physical line where the record starts, 1-based */
};

/* Opens path (plain or gzip). MC_ERR_NOINPUT if missing/unreadable.
 * Free with mc_csv_close(). */
mc_err mc_csv_open(const char *path, struct mc_csv **out,
                   struct mc_error *err);

/* Reads from fp (not closed by the reader); name is used in messages. */
mc_err mc_csv_open_stream(FILE *fp, const char *name, struct mc_csv **out,
                          struct mc_error *err);

/* Next record: returns 1 and sets *row, 0 at end of input, or -1 on a
 * malformed file / I/O error / truncated gzip (err->msg says why and the
 * line; the reader cannot go on after that). */
int mc_csv_next(struct mc_csv *c, const struct mc_csv_row **row,
                struct mc_error *err);

/* Bytes of the underlying file consumed so far (for progress). */
long long mc_csv_offset(const struct mc_csv *c);

void mc_csv_close(struct mc_csv *c);

/* Column index of name in a header row (ASCII case-insensitive, surrounding
 * spaces and quotes ignored), or -1. */
int mc_csv_col(const struct mc_csv_row *header, const char *name);

/* Field i of row, or NULL if null or i is out of range / negative. */
const char *mc_csv_get(const struct mc_csv_row *row, int i);

#endif
