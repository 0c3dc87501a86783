/* xlsx.h — safe, deterministic workbooks over libxlsxwriter (reports/).
 *
 * Debian's libxlsxwriter 1.1.4 overflows on empty strings and blank sheet
 * names: everything written goes through these helpers, which never pass
 * it either. Untrusted text is written only as string cells, stripped of
 * control characters, invalid UTF-8 replaced, and truncated to the xlsx
 * cell limit with a visible marker. A workbook is written to a temporary
 * name in the target folder, fsynced and renamed into place. */
#ifndef MESHCOST_XLSX_H
#define MESHCOST_XLSX_H

#include <xlsxwriter.h>

#include "meshcost/error.h"
#include "meshcost/money.h"
#include "meshcost/time.h"

#define MC_XLSX_MAX_SHEETS 32
#define MC_XLSX_CELL_MAX 32767 /* characters in one cell */

struct mc_xlsx {
    lxw_workbook *wb;
    char path[4096], tmp[4096];
    char sheets[MC_XLSX_MAX_SHEETS][32];
    int n_sheets;
    /* shared formats */
    lxw_format *title, *subtitle, *header, *text, *money, *money_total,
        *integer, *integer_total, *pct, *label_total, *bad, *warn, *good,
        *number2, *note, *date;
};

/* Starts a workbook that will become path. currency picks the money
 * format; doc_day is the document date (fixed, so identical inputs give
 * identical bytes). */
mc_err mc_xlsx_open(struct mc_xlsx *x, const char *path, const char *title,
                    const char *currency, mc_day doc_day,
                    struct mc_error *err);

/* Writes the file and renames it into place (fsynced). On failure the
 * temporary file is removed and the previous file stays. */
mc_err mc_xlsx_close(struct mc_xlsx *x, struct mc_error *err);

/* Gives up: removes the temporary file; the previous file stays. */
void mc_xlsx_abort(struct mc_xlsx *x);

/* Adds a worksheet with a sanitised, unique, never empty name (at most 31
 * characters, none of []:*?/\). NULL if the workbook cannot take one. */
lxw_worksheet *mc_xlsx_sheet(struct mc_xlsx *x, const char *name);

/* The sheet name mc_xlsx_sheet gave to the i-th sheet (for chart ranges). */
const char *mc_xlsx_sheet_name(const struct mc_xlsx *x, int i);

/* Untrusted text as a string cell (NULL or empty: a blank cell). */
void mc_xlsx_text(lxw_worksheet *ws, int row, int col, const char *s,
                  lxw_format *fmt);

/* Money in micro-units as a currency cell. */
void mc_xlsx_money(lxw_worksheet *ws, int row, int col, mc_money m,
                   lxw_format *fmt);

/* Cleans s into out (size n): control characters dropped, invalid UTF-8
 * replaced by '?', cut to MC_XLSX_CELL_MAX characters with a marker.
 * Exposed for tests. Returns out. */
char *mc_xlsx_clean(const char *s, char *out, size_t n);

/* Sanitises a sheet name into out (32 bytes). Exposed for tests. */
void mc_xlsx_sheet_clean(const char *name, char *out);

/* A file-name-safe form of s (letters, digits, '.', '_', '-'). */
void mc_file_safe(const char *s, char *out, size_t n);

/* The temporary file of the workbook being written ("" if none): a
 * crash handler removes it. */
const char *mc_xlsx_in_progress(void);

#endif
