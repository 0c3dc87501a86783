/* redact.h — query text made safe to show: string and number literals
 * become '?', comments are emptied; identifiers and keywords stay. */
#ifndef MESHCOST_REDACT_H
#define MESHCOST_REDACT_H

#include <stddef.h>

/* Writes the redacted form of sql into out (size n, always terminated;
 * cut if longer). Returns out. */
char *mc_redact_sql(const char *sql, char *out, size_t n);

#endif
