/* runs.c — run records, closed months, settings fingerprint, checks. */
#include "meshcost/runs.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static void now(char *buf, size_t n)
{
    time_t t = time(NULL);
    struct tm tm;

    gmtime_r(&t, &tm);
    strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

mc_err mc_run_start(struct mc_store *s, const char *command, mc_day run_date,
                    int64_t *run_id, struct mc_error *err)
{
    char ts[32], day[MC_DATE_BUFSZ];
    sqlite3_stmt *st = NULL;
    mc_err rc = MC_OK;

    now(ts, sizeof ts);
    mc_date_format(run_date, day);
    if (sqlite3_prepare_v2(mc_store_db(s),
                           "INSERT INTO runs(command, run_date, started_at) "
                           "VALUES (?,?,?)",
                           -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(s, err, "recording the run");
    sqlite3_bind_text(st, 1, command, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, ts, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = mc_store_error(s, err, "recording the run");
    else
        *run_id = sqlite3_last_insert_rowid(mc_store_db(s));
    sqlite3_finalize(st);
    return rc;
}

mc_err mc_run_finish(struct mc_store *s, int64_t run_id, int exit_code,
                     const char *summary, struct mc_error *err)
{
    sqlite3_stmt *st = NULL;
    char ts[32];
    mc_err rc = MC_OK;

    now(ts, sizeof ts);
    if (sqlite3_prepare_v2(mc_store_db(s),
                           "UPDATE runs SET finished_at = ?, exit_code = ?, "
                           "summary = ? WHERE run_id = ?",
                           -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(s, err, "recording the run");
    sqlite3_bind_text(st, 1, ts, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, exit_code);
    sqlite3_bind_text(st, 3, summary, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, run_id);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = mc_store_error(s, err, "recording the run");
    sqlite3_finalize(st);
    return rc;
}

mc_err mc_month_closed(struct mc_store *s, mc_day day, int *closed,
                       struct mc_error *err)
{
    char d[MC_DATE_BUFSZ];
    sqlite3_stmt *st = NULL;
    mc_err rc = MC_OK;
    int r;

    *closed = 0;
    mc_date_format(day, d);
    if (sqlite3_prepare_v2(mc_store_db(s),
                           "SELECT 1 FROM closed_months WHERE period = "
                           "substr(?, 1, 7)",
                           -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(s, err, "looking up closed months");
    sqlite3_bind_text(st, 1, d, -1, SQLITE_STATIC);
    if ((r = sqlite3_step(st)) == SQLITE_ROW)
        *closed = 1;
    else if (r != SQLITE_DONE)
        rc = mc_store_error(s, err, "looking up closed months");
    sqlite3_finalize(st);
    return rc;
}

mc_err mc_month_close(struct mc_store *s, const char *period,
                      struct mc_error *err)
{
    sqlite3_stmt *st = NULL;
    char ts[32];
    mc_err rc = MC_OK;

    now(ts, sizeof ts);
    if (sqlite3_prepare_v2(mc_store_db(s),
                           "INSERT OR IGNORE INTO closed_months(period, "
                           "closed_at) VALUES (?, ?)",
                           -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(s, err, "closing the month");
    sqlite3_bind_text(st, 1, period, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, ts, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = mc_store_error(s, err, "closing the month");
    sqlite3_finalize(st);
    return rc;
}

void mc_settings_fingerprint(const struct mc_config *cfg,
                             int64_t catalog_version, char *out, size_t n)
{
    int used = snprintf(out, n,
                        "catalog=%lld;credit=%lld;storage=%lld;tag=%s;idle=%d;"
                        "focus=%d;cur=%s",
                        (long long)catalog_version,
                        (long long)cfg->snowflake_credit,
                        (long long)cfg->snowflake_storage_tib_month,
                        cfg->product_tag_key, (int)cfg->idle,
                        cfg->focus_billed, cfg->currency);

    if (used > 0 && (size_t)used < n)
        used += snprintf(out + used, n - (size_t)used,
                         ";bq=%lld/%lld/%lld/%lld/%lld/%lld/%lld/%lld/%d;"
                         "dbu=%lld",
                         (long long)cfg->bigquery_on_demand_tib,
                         (long long)cfg->bigquery_slot_hour,
                         (long long)cfg->bigquery_slot_hour_enterprise,
                         (long long)cfg->bigquery_slot_hour_enterprise_plus,
                         (long long)cfg->bigquery_active_logical_gib_month,
                         (long long)cfg->bigquery_long_term_logical_gib_month,
                         (long long)cfg->bigquery_active_physical_gib_month,
                         (long long)cfg->bigquery_long_term_physical_gib_month,
                         cfg->bigquery_physical,
                         (long long)cfg->databricks_dbu);

    for (int i = 0; i < cfg->n_fx && used > 0 && (size_t)used < n; i++)
        used += snprintf(out + used, n - (size_t)used, ";%s=%lld",
                         cfg->fx[i].code, (long long)cfg->fx[i].rate_nano);
}

mc_err mc_store_meta_get(struct mc_store *s, const char *key, char *out,
                         size_t n, struct mc_error *err)
{
    sqlite3_stmt *st = NULL;
    int step;

    out[0] = '\0';
    if (sqlite3_prepare_v2(mc_store_db(s),
                           "SELECT value FROM meta WHERE key = ?", -1, &st,
                           NULL) != SQLITE_OK)
        return mc_store_error(s, err, "reading meta");
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        snprintf(out, n, "%s", sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return mc_store_error(s, err, "reading meta");
    return MC_OK;
}

mc_err mc_store_quick_check(struct mc_store *s, struct mc_error *err)
{
    sqlite3_stmt *st = NULL;
    mc_err rc = MC_OK;

    if (sqlite3_prepare_v2(mc_store_db(s), "PRAGMA quick_check", -1, &st,
                           NULL) != SQLITE_OK)
        return mc_store_error(s, err, "quick_check");
    if (sqlite3_step(st) != SQLITE_ROW)
        rc = mc_store_error(s, err, "quick_check");
    else if (strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0)
        rc = mc_error_set(err, MC_ERR_IO, "database damaged: %.200s",
                          sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return rc;
}
