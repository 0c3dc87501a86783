/* store_internal.h — the store's private parts, shared by src/store*.c
 * only. Nothing outside the store includes this. */
#ifndef MESHCOST_STORE_INTERNAL_H
#define MESHCOST_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stddef.h>

#include "meshcost/time.h"

enum stmt_id {
    ST_QUERY,
    ST_ACCESS,
    ST_ACCESS_DEL,
    ST_ACCESS_OBJ,
    ST_METER,
    ST_STORAGE,
    ST_FOCUS,
    ST_FOCUS_SCOPE,
    ST_BQ_JOB,
    ST_BQ_STORAGE,
    ST_DBX_USAGE,
    ST_DBX_PRICE,
    ST_QUERY_TEXT,
    ST_METER_DAILY,
    ST_RATE,
    ST_QUERY_ATTR,
    ST__COUNT
};

struct mc_store {
    sqlite3 *db;
    sqlite3_stmt *st[ST__COUNT];
    mc_day min_day, max_day; /* days touched by the current load */
    int has_days;
    char **scopes; /* FOCUS scopes the current load has replaced */
    size_t n_scopes;
};

/* Forgets the FOCUS scopes of the current load. */
void mc_store_scopes_clear(struct mc_store *s);

/* The current UTC time as "YYYY-MM-DDTHH:MM:SSZ". */
void mc_store_now(char *buf, size_t n);

#endif
