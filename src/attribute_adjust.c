/* attribute_adjust.c — closed months do not move: late data for one of
 * their days becomes adjustments in the first open month. */
#include <stdio.h>

#include "meshcost/attribute.h"
#include "meshcost/money.h"

static const char *const tables[] = {
    "allocations",  "source_totals",    "query_groups", "query_group_products",
    "query_users",  "query_warehouses", "table_costs"};
#define NTABLES (sizeof tables / sizeof tables[0])

static mc_err run(struct mc_store *s, const char *fmt, const char *a,
                  const char *day, const char *book, struct mc_error *err)
{
    char sql[1024];
    sqlite3_stmt *st = NULL;
    size_t n = 0;
    int rc;

    /* every "%s" of the template becomes a (a trusted identifier) */
    for (const char *p = fmt; *p && n + 1 < sizeof sql; p++) {
        if (p[0] == '%' && p[1] == 's' && a) {
            for (const char *q = a; *q && n + 1 < sizeof sql; q++)
                sql[n++] = *q;
            p++;
        } else {
            sql[n++] = *p;
        }
    }
    sql[n] = '\0';
    if (sqlite3_prepare_v2(mc_store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(s, err, "adjustments");
    if (sqlite3_bind_parameter_count(st) >= 1)
        sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
    if (sqlite3_bind_parameter_count(st) >= 2)
        sqlite3_bind_text(st, 2, book, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return mc_store_error(s, err, "adjustments");
    return MC_OK;
}

static mc_err freeze(struct mc_store *s, const char *day, int restore,
                     struct mc_error *err)
{
    mc_err rc = MC_OK;

    for (size_t i = 0; i < NTABLES && rc == MC_OK; i++) {
        if (!restore)
            rc = run(s, "CREATE TEMP TABLE IF NOT EXISTS frozen_%s AS "
                        "SELECT * FROM main.%s WHERE 0", tables[i], NULL,
                     NULL, err);
        if (rc == MC_OK && !restore)
            rc = run(s, "DELETE FROM temp.frozen_%s", tables[i], NULL, NULL,
                     err);
        if (rc == MC_OK && !restore)
            rc = run(s, "INSERT INTO temp.frozen_%s SELECT * FROM main.%s "
                        "WHERE day = ?1", tables[i], day, NULL, err);
        if (rc == MC_OK && restore)
            rc = run(s, "DELETE FROM main.%s WHERE day = ?1 AND '%s' != ''",
                     tables[i], day, NULL, err);
        if (rc == MC_OK && restore)
            rc = run(s, "INSERT INTO main.%s SELECT * FROM temp.frozen_%s",
                     tables[i], NULL, NULL, err);
    }
    return rc;
}

/* new - frozen - adjustments of the day already booked in closed months */
static const char delta_sql[] =
    "INSERT INTO adjustments(booked_day, orig_day, product_id, source, "
    "  cost_kind, reason, amount) "
    "SELECT ?2, ?1, product_id, source, cost_kind, reason, sum(amount) FROM ("
    "  SELECT product_id, source, cost_kind, reason, amount FROM allocations"
    "    WHERE day = ?1"
    "  UNION ALL SELECT product_id, source, cost_kind, reason, -amount"
    "    FROM temp.frozen_allocations"
    "  UNION ALL SELECT product_id, source, cost_kind, reason, -amount"
    "    FROM adjustments WHERE orig_day = ?1 AND %s) "
    "GROUP BY 3, 4, 5, 6 HAVING sum(amount) != 0";

static const char check_sql[] =
    "SELECT (SELECT coalesce(sum(amount), 0) FROM source_totals WHERE day = "
    "?1) - (SELECT coalesce(sum(amount), 0) FROM temp.frozen_source_totals)"
    " - (SELECT coalesce(sum(amount), 0) FROM adjustments WHERE orig_day = "
    "?1 AND booked_day != ?2) - (SELECT coalesce(sum(amount), 0) FROM "
    "adjustments WHERE orig_day = ?1 AND booked_day = ?2)";

mc_err mc_attribute_adjust(struct mc_store *s, const struct mc_config *cfg,
                           const struct mc_catalog *cat, mc_day day,
                           mc_day book_day, struct mc_error *err)
{
    char d[MC_DATE_BUFSZ], b[MC_DATE_BUFSZ], closed[160];
    sqlite3_stmt *st = NULL;
    mc_err rc;

    mc_date_format(day, d);
    mc_date_format(book_day, b);
    snprintf(closed, sizeof closed, "substr(booked_day, 1, 7) IN (SELECT "
                                    "period FROM closed_months)");
    if ((rc = mc_store_begin(s, err)) != MC_OK)
        return rc;
    if ((rc = freeze(s, d, 0, err)) ||
        (rc = mc_attribute_day_unlocked(s, cfg, cat, day, err)) ||
        (rc = run(s, "DELETE FROM adjustments WHERE orig_day = ?1 AND NOT "
                     "%s", closed, d, NULL, err)) ||
        (rc = run(s, delta_sql, closed, d, b, err)))
        goto out;
    if (sqlite3_prepare_v2(mc_store_db(s), check_sql, -1, &st, NULL) !=
            SQLITE_OK ||
        (sqlite3_bind_text(st, 1, d, -1, SQLITE_STATIC),
         sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC),
         sqlite3_step(st) != SQLITE_ROW)) {
        rc = mc_store_error(s, err, "adjustments");
        goto out;
    }
    if (sqlite3_column_int64(st, 0) != 0) {
        rc = mc_error_set(err, MC_ERR_INTERNAL,
                          "adjustments of %s do not add up to the change of "
                          "its source totals", d);
        goto out;
    }
    if ((rc = freeze(s, d, 1, err)) == MC_OK)
        rc = mc_store_commit(s, err);
out:
    sqlite3_finalize(st);
    if (rc != MC_OK)
        mc_store_rollback(s);
    return rc;
}
