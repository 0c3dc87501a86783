/* csv_out.h — writing CSV exports safely (reports/csv_out.c). */
#ifndef MESHCOST_CSV_OUT_H
#define MESHCOST_CSV_OUT_H

#include <stdio.h>

/* Writes a text field: quoted when it holds a comma, quote, CR or LF;
 * a value beginning with = + - @, TAB or CR is neutralised with a leading
 * apostrophe so spreadsheets never run it as a formula. NULL is empty. */
void mc_csv_put_text(FILE *out, const char *s);

/* Writes a field known to be a number or a fixed token, as is. */
void mc_csv_put_raw(FILE *out, const char *s);

#endif
