/* hour_index.h — which queries ran in a warehouse-hour, without scanning
 * every query for every meter (DESIGN 4.2 matching: by WAREHOUSE_ID when
 * both sides have it, else by name, case-insensitively). Built once per
 * day from the day's queries; a lookup returns the candidate queries of
 * one meter in ascending query order (callers keep queries sorted by id). */
#ifndef MESHCOST_HOUR_INDEX_H
#define MESHCOST_HOUR_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "meshcost/error.h"
#include "meshcost/time.h"

/* What the index needs to know of query i. */
struct mc_hq {
    const char *wname;  /* NULL: ran in cloud services only (never matched) */
    int has_wid;
    int64_t wid;
    mc_ms start, end;   /* execution window [start, end) */
};

struct mc_hour_index;

/* Indexes n queries over the hours of [d0, d0 + 1 day). get(ctx, i, &q)
 * describes query i. */
mc_err mc_hour_index_build(struct mc_hour_index **out, size_t n,
                           void (*get)(void *ctx, size_t i, struct mc_hq *q),
                           void *ctx, mc_ms d0, struct mc_error *err);

/* Candidate queries of the meter (has_wid, wid, wname) for the hour
 * starting at hour: written to out (room for the index's n), ascending;
 * returns how many. Each candidate's window overlaps the hour. */
size_t mc_hour_index_find(const struct mc_hour_index *x, int has_wid,
                          int64_t wid, const char *wname, mc_ms hour,
                          size_t *out);

void mc_hour_index_free(struct mc_hour_index *x);

#endif
