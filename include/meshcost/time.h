/* time.h — UTC timestamps and days. Independent of the host TZ: all
 * conversions use civil-calendar arithmetic, never mktime/localtime. */
#ifndef MESHCOST_TIME_H
#define MESHCOST_TIME_H

#include <stdint.h>

#include "meshcost/error.h"

typedef int64_t mc_ms;  /* milliseconds since 1970-01-01T00:00:00Z */
typedef int32_t mc_day; /* days since 1970-01-01 (UTC) */

#define MC_MS_PER_HOUR 3600000LL
#define MC_MS_PER_DAY 86400000LL

/* Parses a timestamp into UTC epoch milliseconds. Accepted:
 *   YYYY-MM-DD[ T]HH:MM[:SS[.f...]] [zone]   and   YYYY-MM-DD
 * zone: Z, UTC, +HH, +HHMM, +HH:MM, -... (optionally after one space).
 * No zone means UTC. Fractions beyond milliseconds are truncated.
 * Years 1..9999; fields range-checked (Feb 30 is an error).
 * Returns MC_ERR_INPUT with a reason on error. */
mc_err mc_time_parse(const char *s, mc_ms *out, struct mc_error *err);

/* Parses "YYYY-MM-DD" (exactly) into a day number. MC_ERR_INPUT on error. */
mc_err mc_date_parse(const char *s, mc_day *out, struct mc_error *err);

/* Parses "YYYY-MM" into [*first, *end) days of that month. */
mc_err mc_period_parse(const char *s, mc_day *first, mc_day *end,
                       struct mc_error *err);

/* Finds the first "YYYY-MM-DD" that is a valid date in s (e.g. a file
 * name such as "tsm_2026-10-03.csv.gz"); returns 1 and sets *out, else 0. */
int mc_date_find(const char *s, mc_day *out);

/* The UTC day of an instant (floor division, correct before 1970 too). */
mc_day mc_day_of(mc_ms t);

/* Day number <-> civil date (proleptic Gregorian). */
mc_day mc_day_from_ymd(int y, int m, int d);
void mc_day_to_ymd(mc_day day, int *y, int *m, int *d);

/* Days in month m (1..12) of year y. */
int mc_days_in_month(int y, int m);

/* Formats as "YYYY-MM-DD"; buf must hold MC_DATE_BUFSZ bytes. */
#define MC_DATE_BUFSZ 11
void mc_date_format(mc_day day, char *buf);

/* Formats as "YYYY-MM-DDTHH:MM:SS.mmmZ"; buf holds MC_TIME_BUFSZ bytes. */
#define MC_TIME_BUFSZ 32
void mc_time_format(mc_ms t, char *buf);

/* Today's UTC day from the system clock. */
mc_day mc_day_today(void);

#endif
