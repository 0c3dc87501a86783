/* store.c — opening, migrating, transactions and loads. */
#include "meshcost/store.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "meshcost/store_internal.h"
#include "meshcost/store_schema.h"
#include "meshcost/time.h"

static const char *const stmt_sql[ST__COUNT] = {
    [ST_QUERY] = "INSERT OR REPLACE INTO sf_query(query_id, load_id, "
                 "start_ms, end_ms, exec_ms, warehouse_id, warehouse_name, "
                 "warehouse_size, user_name, role_name, query_tag, "
                 "query_type, execution_status, cs_nano, bytes_scanned, "
                 "query_hash, param_hash) VALUES "
                 "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    [ST_ACCESS] = "INSERT OR REPLACE INTO sf_access(query_id, load_id, "
                  "start_ms, user_name) VALUES (?,?,?,?)",
    [ST_ACCESS_DEL] = "DELETE FROM sf_access_obj WHERE query_id = ?",
    [ST_ACCESS_OBJ] = "INSERT OR IGNORE INTO sf_access_obj(query_id, kind, "
                      "object_name) VALUES (?,?,?)",
    [ST_METER] = "INSERT OR REPLACE INTO sf_meter(warehouse_key, hour_ms, "
                 "warehouse_id, warehouse_name, compute_nano, cs_nano, "
                 "load_id) VALUES (?,?,?,?,?,?,?)",
    [ST_STORAGE] = "INSERT OR REPLACE INTO sf_storage(snapshot_day, "
                   "table_id, table_fqn, bytes, deleted, load_id) "
                   "VALUES (?,?,?,?,?,?)",
    [ST_FOCUS] = "INSERT INTO focus_line(scope, load_id, charge_start_ms, "
                 "charge_end_ms, effective, billed, currency, resource_id, "
                 "tags, service, category) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
    [ST_FOCUS_SCOPE] = "DELETE FROM focus_line WHERE scope = ? AND "
                       "load_id != ?",
    [ST_BQ_JOB] = "INSERT OR REPLACE INTO bq_job(project_id, job_id, "
                  "load_id, parent_job_id, user_email, statement_type, "
                  "reservation_id, edition, error_reason, cache_hit, "
                  "start_ms, end_ms, bytes_billed, slot_ms, labels, "
                  "tables_read, table_written, query_text) VALUES "
                  "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    [ST_BQ_STORAGE] = "INSERT OR REPLACE INTO bq_storage(snapshot_day, "
                      "table_fqn, load_id, active_logical, "
                      "long_term_logical, active_physical, "
                      "long_term_physical, fail_safe_physical, deleted) "
                      "VALUES (?,?,?,?,?,?,?,?,?)",
    [ST_DBX_USAGE] = "INSERT OR REPLACE INTO dbx_usage(record_id, load_id, "
                     "workspace_id, sku_name, cloud, start_ms, end_ms, "
                     "usage_unit, usage_type, record_type, qty_units, "
                     "qty_atto, custom_tags, resources, run_as, origin) "
                     "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    [ST_QUERY_TEXT] = "INSERT INTO sf_query_text(param_hash, query_text) "
                      "VALUES (?, ?) ON CONFLICT DO UPDATE SET query_text "
                      "= excluded.query_text WHERE excluded.query_text < "
                      "query_text",
    [ST_METER_DAILY] = "INSERT OR REPLACE INTO sf_meter_daily(usage_day, "
                       "service_type, cs_nano, adjustment_nano, load_id) "
                       "VALUES (?,?,?,?,?)",
    [ST_RATE] = "INSERT OR REPLACE INTO sf_rate(rate_day, usage_type, "
                "currency, rate, load_id) VALUES (?,?,?,?,?)",
    [ST_QUERY_ATTR] = "INSERT OR REPLACE INTO sf_query_attr(query_id, "
                      "load_id, warehouse_id, warehouse_name, start_ms, "
                      "end_ms, credits_nano) VALUES (?,?,?,?,?,?,?)",
    [ST_DBX_PRICE] = "INSERT OR REPLACE INTO dbx_price(sku_name, cloud, "
                     "start_ms, end_ms, currency, usage_unit, price, "
                     "load_id) VALUES (?,?,?,?,?,?,?,?)",
};

sqlite3 *mc_store_db(struct mc_store *s)
{
    return s->db;
}

int mc_store_schema_version(void)
{
    return mc_schema_count();
}

mc_err mc_store_error(struct mc_store *s, struct mc_error *err,
                      const char *what)
{
    int code = sqlite3_extended_errcode(s->db) & 0xff;
    mc_err e = MC_ERR_IO;

    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
        e = MC_ERR_LOCKED;
    else if (code == SQLITE_NOMEM)
        e = MC_ERR_NOMEM;
    else if (code == SQLITE_CONSTRAINT || code == SQLITE_MISUSE ||
             code == SQLITE_ERROR || code == SQLITE_RANGE)
        e = MC_ERR_INTERNAL;
    else if (code == SQLITE_CANTOPEN || code == SQLITE_READONLY ||
             code == SQLITE_PERM)
        e = MC_ERR_CANTCREAT;
    return mc_error_set(err, e, "%s: %s", what, sqlite3_errmsg(s->db));
}

mc_err mc_store_exec(struct mc_store *s, const char *sql,
                     struct mc_error *err)
{
    char *msg = NULL;

    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) == SQLITE_OK)
        return MC_OK;
    sqlite3_free(msg);
    return mc_store_error(s, err, "database");
}

mc_err mc_store_begin(struct mc_store *s, struct mc_error *err)
{
    return mc_store_exec(s, "BEGIN IMMEDIATE", err);
}

mc_err mc_store_commit(struct mc_store *s, struct mc_error *err)
{
    return mc_store_exec(s, "COMMIT", err);
}

void mc_store_rollback(struct mc_store *s)
{
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

static mc_err user_version(struct mc_store *s, int *v, struct mc_error *err)
{
    sqlite3_stmt *st = NULL;
    mc_err rc = MC_OK;

    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) !=
            SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW)
        rc = mc_store_error(s, err, "reading schema version");
    else
        *v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return rc;
}

static mc_err migrate(struct mc_store *s, struct mc_error *err)
{
    char sql[64];
    int v = 0;
    mc_err rc;

    if ((rc = user_version(s, &v, err)) != MC_OK)
        return rc;
    if (v > mc_schema_count())
        return mc_error_set(err, MC_ERR_CONFIG,
                            "database schema version %d is newer than this "
                            "meshcost (%d)",
                            v, mc_schema_count());
    if (v == mc_schema_count())
        return MC_OK;
    if ((rc = mc_store_begin(s, err)) != MC_OK)
        return rc;
    if ((rc = user_version(s, &v, err)) != MC_OK)
        goto out;
    for (; v < mc_schema_count(); v++) {
        for (const char *const *part = mc_schema_migration(v); *part; part++)
            if ((rc = mc_store_exec(s, *part, err)) != MC_OK)
                goto out;
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
        if ((rc = mc_store_exec(s, sql, err)) != MC_OK)
            goto out;
    }
    rc = mc_store_commit(s, err);
out:
    if (rc != MC_OK)
        mc_store_rollback(s);
    return rc;
}

static mc_err prepare_all(struct mc_store *s, struct mc_error *err)
{
    for (int i = 0; i < ST__COUNT; i++) {
        if (sqlite3_prepare_v3(s->db, stmt_sql[i], -1,
                               SQLITE_PREPARE_PERSISTENT, &s->st[i],
                               NULL) != SQLITE_OK)
            return mc_store_error(s, err, "preparing statements");
    }
    return MC_OK;
}

mc_err mc_store_open(const char *path, struct mc_store **out,
                     struct mc_error *err)
{
    struct mc_store *s = calloc(1, sizeof *s);
    mc_err rc;

    if (!s)
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    if (sqlite3_open_v2(path, &s->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        NULL) != SQLITE_OK) {
        int nomem = !s->db || (sqlite3_errcode(s->db) & 0xff) == SQLITE_NOMEM;
        rc = mc_error_set(err, nomem ? MC_ERR_NOMEM : MC_ERR_CANTCREAT,
                          "cannot open database '%s': %s", path,
                          s->db ? sqlite3_errmsg(s->db) : "out of memory");
        goto out;
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, 10000);
    if ((rc = mc_store_exec(s, "PRAGMA journal_mode = WAL;"
                               "PRAGMA synchronous = FULL;"
                               "PRAGMA cache_size = -131072;"
                               "PRAGMA mmap_size = 268435456;"
                               "PRAGMA foreign_keys = ON;",
                            err)) != MC_OK)
        goto out;
    if ((rc = migrate(s, err)) != MC_OK)
        goto out;
    rc = prepare_all(s, err);
out:
    if (rc != MC_OK) {
        mc_error_prefix(err, "%s", path);
        mc_store_close(s);
        return rc;
    }
    *out = s;
    return MC_OK;
}

void mc_store_close(struct mc_store *s)
{
    if (!s)
        return;
    mc_store_scopes_clear(s);
    for (int i = 0; i < ST__COUNT; i++)
        sqlite3_finalize(s->st[i]);
    /* statistics for the query planner, where they are missing or stale
     * (the showback's per-domain queries need them) */
    sqlite3_exec(s->db, "PRAGMA analysis_limit = 1000; PRAGMA optimize;",
                 NULL, NULL, NULL);
    sqlite3_close(s->db);
    free(s);
}
