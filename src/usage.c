/* usage.c — reads and consumers per product over a window of days. */
#include "meshcost/usage.h"

#include <stdio.h>
#include <string.h>

/* Temporary mapping tables: object names and pipeline identities to the
 * product their most specific asset names. */
static const char setup_sql[] =
    "CREATE TEMP TABLE IF NOT EXISTS usage_obj(object_name TEXT PRIMARY "
    "  KEY, product_id TEXT NOT NULL);"
    "CREATE TEMP TABLE IF NOT EXISTS usage_ident(kind TEXT, name TEXT, "
    "  product_id TEXT, PRIMARY KEY (kind, name));"
    "CREATE TEMP TABLE IF NOT EXISTS usage_bq(query_id TEXT, product_id "
    "  TEXT, user_name TEXT, t INTEGER, PRIMARY KEY (query_id, "
    "  product_id));"
    "CREATE TEMP TABLE IF NOT EXISTS usage_reads(product_id TEXT, query_id "
    "  TEXT, user_name TEXT, t INTEGER);"
    "CREATE INDEX IF NOT EXISTS temp.usage_reads_t ON usage_reads(t);"
    "DELETE FROM usage_obj; DELETE FROM usage_ident; DELETE FROM usage_bq;"
    "DELETE FROM usage_reads;";

/* BigQuery jobs reading a product's tables (referenced_tables; SCRIPT
 * parents repeat their children and are left out). */
static mc_err map_bigquery(struct mc_store *s, const struct mc_catalog *cat,
                           struct mc_error *err)
{
    sqlite3_stmt *sel = NULL, *ins = NULL;
    mc_err rc = MC_OK;
    int step;

    if (sqlite3_prepare_v2(mc_store_db(s),
                           "SELECT project_id || ':' || job_id, user_email, "
                           "start_ms, tables_read FROM bq_job WHERE "
                           "tables_read IS NOT NULL AND upper(coalesce("
                           "statement_type, '')) != 'SCRIPT'",
                           -1, &sel, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(mc_store_db(s),
                           "INSERT OR IGNORE INTO usage_bq VALUES "
                           "(?, ?, ?, ?)",
                           -1, &ins, NULL) != SQLITE_OK) {
        rc = mc_store_error(s, err, "usage");
        goto out;
    }
    while (rc == MC_OK && (step = sqlite3_step(sel)) == SQLITE_ROW) {
        const char *p = (const char *)sqlite3_column_text(sel, 3);
        while (p && *p && rc == MC_OK) {
            const char *nl = strchr(p, '\n');
            size_t len = nl ? (size_t)(nl - p) : strlen(p);
            char name[1024];
            const struct mc_asset *a;
            snprintf(name, sizeof name, "%.*s", (int)len, p);
            p = nl ? nl + 1 : NULL;
            if (!(a = mc_catalog_match(cat, MC_MATCH_BQ_TABLE, name)) &&
                !(a = mc_catalog_match(cat, MC_MATCH_OBJECT, name)))
                continue;
            sqlite3_bind_value(ins, 1, sqlite3_column_value(sel, 0));
            sqlite3_bind_text(ins, 2, a->product_id, -1, SQLITE_TRANSIENT);
            sqlite3_bind_value(ins, 3, sqlite3_column_value(sel, 1));
            sqlite3_bind_value(ins, 4, sqlite3_column_value(sel, 2));
            if (sqlite3_step(ins) != SQLITE_DONE)
                rc = mc_store_error(s, err, "usage");
            sqlite3_reset(ins);
        }
    }
    if (rc == MC_OK && step != SQLITE_DONE)
        rc = mc_store_error(s, err, "usage");
out:
    sqlite3_finalize(sel);
    sqlite3_finalize(ins);
    return rc;
}

static mc_err map_names(struct mc_store *s, const struct mc_catalog *cat,
                        const char *select, const char *insert,
                        enum mc_match_class cls, struct mc_error *err)
{
    sqlite3_stmt *sel = NULL, *ins = NULL;
    mc_err rc = MC_OK;
    int step;

    if (sqlite3_prepare_v2(mc_store_db(s), select, -1, &sel, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v2(mc_store_db(s), insert, -1, &ins, NULL) !=
            SQLITE_OK) {
        rc = mc_store_error(s, err, "usage");
        goto out;
    }
    while ((step = sqlite3_step(sel)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(sel, 0);
        const struct mc_asset *a = mc_catalog_match(cat, cls, name);
        if (!a)
            continue;
        sqlite3_bind_text(ins, 1, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 2, a->product_id, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(ins) != SQLITE_DONE) {
            rc = mc_store_error(s, err, "usage");
            goto out;
        }
        sqlite3_reset(ins);
    }
    if (step != SQLITE_DONE)
        rc = mc_store_error(s, err, "usage");
out:
    sqlite3_finalize(sel);
    sqlite3_finalize(ins);
    return rc;
}

/* Every read: distinct queries (Snowflake) and jobs (BigQuery) reading
 * one of a product's tables, not issued by its own role or user; built
 * once by mc_usage_prepare, then counted per window. */
static const char reads_sql[] =
    "INSERT INTO temp.usage_reads "
    "SELECT DISTINCT m.product_id, o.query_id,"
    "    coalesce(q.user_name, a.user_name),"
    "    coalesce(q.start_ms, a.start_ms)"
    "  FROM sf_access_obj o"
    "  JOIN temp.usage_obj m ON m.object_name = o.object_name"
    "  JOIN sf_access a ON a.query_id = o.query_id"
    "  LEFT JOIN sf_query q ON q.query_id = o.query_id"
    "  WHERE o.kind = 'base' AND coalesce(q.start_ms, a.start_ms) IS NOT NULL"
    "    AND NOT EXISTS (SELECT 1 FROM temp.usage_ident i"
    "      WHERE i.product_id = m.product_id AND ("
    "        (i.kind = 'role' AND i.name = q.role_name) OR"
    "        (i.kind = 'user' AND i.name ="
    "           coalesce(q.user_name, a.user_name))))"
    "  UNION ALL SELECT b.product_id, b.query_id, b.user_name, b.t"
    "  FROM temp.usage_bq b WHERE b.t IS NOT NULL"
    "    AND NOT EXISTS (SELECT 1 FROM temp.usage_ident i"
    "      WHERE i.product_id = b.product_id AND i.kind = 'user'"
    "        AND i.name = b.user_name)";

/* Reads per product in [?1, ?2) ms. */
static const char window_sql[] =
    "SELECT product_id, count(DISTINCT query_id), count(DISTINCT user_name),"
    "  max(t) FROM temp.usage_reads WHERE t >= ?1 AND t < ?2 "
    "GROUP BY product_id";

/* The reads depend on the catalog and the loaded facts: a second prepare
 * over the same ones (the month and the sunset list of one report) keeps
 * what the first built. */
static mc_err prepared_already(struct mc_store *s,
                               const struct mc_catalog *cat, int *same,
                               struct mc_error *err)
{
    sqlite3_stmt *st = NULL;
    mc_err rc;

    *same = 0;
    if ((rc = mc_store_exec(s,
                            "CREATE TEMP TABLE IF NOT EXISTS usage_state("
                            "  k TEXT)",
                            err)) != MC_OK)
        return rc;
    if (sqlite3_prepare_v2(mc_store_db(s),
                           "SELECT count(*) FROM temp.usage_state WHERE k = "
                           "(SELECT ?1 || ':' || coalesce(max(load_id), 0) "
                           "|| '/' || count(*) FROM loads)",
                           -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(s, err, "usage");
    sqlite3_bind_int64(st, 1, mc_catalog_version(cat));
    if (sqlite3_step(st) != SQLITE_ROW)
        rc = mc_store_error(s, err, "usage");
    else
        *same = sqlite3_column_int(st, 0) > 0;
    sqlite3_finalize(st);
    return rc;
}

static mc_err remember(struct mc_store *s, const struct mc_catalog *cat,
                       struct mc_error *err)
{
    sqlite3_stmt *st = NULL;
    mc_err rc = MC_OK;

    if ((rc = mc_store_exec(s, "DELETE FROM temp.usage_state", err)) !=
        MC_OK)
        return rc;
    if (sqlite3_prepare_v2(mc_store_db(s),
                           "INSERT INTO temp.usage_state SELECT ?1 || ':' || "
                           "coalesce(max(load_id), 0) || '/' || count(*) "
                           "FROM loads",
                           -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(s, err, "usage");
    sqlite3_bind_int64(st, 1, mc_catalog_version(cat));
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = mc_store_error(s, err, "usage");
    sqlite3_finalize(st);
    return rc;
}

mc_err mc_usage_prepare(struct mc_store *s, const struct mc_catalog *cat,
                        struct mc_error *err)
{
    int same;
    mc_err rc;

    if ((rc = prepared_already(s, cat, &same, err)) != MC_OK || same)
        return rc;
    if ((rc = mc_store_exec(s, setup_sql, err)) != MC_OK ||
        (rc = map_names(s, cat,
                        "SELECT DISTINCT object_name FROM sf_access_obj "
                        "WHERE kind = 'base'",
                        "INSERT INTO usage_obj VALUES (?, ?)",
                        MC_MATCH_OBJECT, err)) != MC_OK ||
        (rc = map_names(s, cat,
                        "SELECT DISTINCT role_name FROM sf_query WHERE "
                        "role_name IS NOT NULL",
                        "INSERT INTO usage_ident VALUES ('role', ?, ?)",
                        MC_MATCH_ROLE, err)) != MC_OK)
        return rc;
    if ((rc = map_names(s, cat,
                        "SELECT DISTINCT user_name FROM sf_query WHERE "
                        "user_name IS NOT NULL UNION SELECT DISTINCT "
                        "user_name FROM sf_access WHERE user_name IS NOT "
                        "NULL UNION SELECT DISTINCT user_email FROM bq_job "
                        "WHERE user_email IS NOT NULL",
                        "INSERT INTO usage_ident VALUES ('user', ?, ?)",
                        MC_MATCH_USER, err)) != MC_OK)
        return rc;
    if ((rc = map_bigquery(s, cat, err)) != MC_OK ||
        (rc = mc_store_exec(s, reads_sql, err)) != MC_OK)
        return rc;
    return remember(s, cat, err);
}

mc_err mc_usage_window(struct mc_store *s, const struct mc_catalog *cat,
                       mc_day from, mc_day to, struct mc_usage *out,
                       struct mc_error *err)
{
    size_t n = mc_catalog_product_count(cat);
    sqlite3_stmt *st = NULL;
    mc_err rc = MC_OK;
    int step;

    memset(out, 0, n * sizeof *out);
    if (sqlite3_prepare_v2(mc_store_db(s), window_sql, -1, &st, NULL) !=
        SQLITE_OK)
        return mc_store_error(s, err, "usage");
    sqlite3_bind_int64(st, 1, (mc_ms)from * MC_MS_PER_DAY);
    sqlite3_bind_int64(st, 2, ((mc_ms)to + 1) * MC_MS_PER_DAY);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const struct mc_product *p = mc_catalog_product(
            cat, (const char *)sqlite3_column_text(st, 0));
        struct mc_usage *u;
        if (!p)
            continue;
        u = &out[p - mc_catalog_product_at(cat, 0)];
        u->reads = sqlite3_column_int64(st, 1);
        u->consumers = sqlite3_column_int64(st, 2);
        u->has_last = 1;
        u->last_read = mc_day_of(sqlite3_column_int64(st, 3));
    }
    if (step != SQLITE_DONE)
        rc = mc_store_error(s, err, "usage");
    sqlite3_finalize(st);
    return rc;
}
