/* allocations_csv.c — `export allocations` / allocations.csv, and the
 * adjustments booked for closed months. */
#include "meshcost/csv_out.h"
#include "meshcost/money.h"
#include "meshcost/reports.h"

/* Runs sql over [from, to) and writes each row: n_text text columns, then
 * the amount (column n_text) and the currency. */
static mc_err export(struct mc_store *s, const char *sql, const char *header,
                     int n_text, mc_day from, mc_day to, const char *currency,
                     FILE *out, struct mc_error *err)
{
    char d1[MC_DATE_BUFSZ], d2[MC_DATE_BUFSZ], amount[MC_MONEY_BUFSZ];
    sqlite3_stmt *st = NULL;
    mc_err rc = MC_OK;
    int step;

    mc_date_format(from, d1);
    mc_date_format(to, d2);
    if (sqlite3_prepare_v2(mc_store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(s, err, "export");
    sqlite3_bind_text(st, 1, d1, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, d2, -1, SQLITE_STATIC);
    fputs(header, out);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < n_text; i++) {
            mc_csv_put_text(out, (const char *)sqlite3_column_text(st, i));
            fputc(',', out);
        }
        mc_money_format(sqlite3_column_int64(st, n_text), amount);
        mc_csv_put_raw(out, amount);
        fputc(',', out);
        mc_csv_put_text(out, currency);
        fputc('\n', out);
    }
    if (step != SQLITE_DONE)
        rc = mc_store_error(s, err, "export");
    sqlite3_finalize(st);
    return rc;
}

mc_err mc_report_allocations_csv(struct mc_store *s, mc_day from, mc_day to,
                                 const char *currency, FILE *out,
                                 struct mc_error *err)
{
    static const char sql[] =
        "SELECT a.day, a.product_id, p.domain, a.source, a.cost_kind, "
        "sum(a.amount) FROM allocations a LEFT JOIN products p "
        "ON p.product_id = a.product_id WHERE a.day >= ? AND a.day < ? "
        "GROUP BY a.day, a.product_id, a.source, a.cost_kind "
        "HAVING sum(a.amount) != 0 "
        "ORDER BY a.day, a.product_id, a.source, a.cost_kind";

    return export(s, sql,
                  "date,product_id,domain,source,cost_kind,amount,currency\n",
                  5, from, to, currency, out, err);
}

mc_err mc_report_adjustments_csv(struct mc_store *s, mc_day from, mc_day to,
                                 const char *currency, FILE *out,
                                 struct mc_error *err)
{
    static const char sql[] =
        "SELECT a.booked_day, a.orig_day, a.product_id, p.domain, a.source, "
        "a.cost_kind, sum(a.amount) FROM adjustments a LEFT JOIN products p "
        "ON p.product_id = a.product_id WHERE a.booked_day >= ? AND "
        "a.booked_day < ? GROUP BY 1, 2, 3, 5, 6 HAVING sum(a.amount) != 0 "
        "ORDER BY 1, 2, 3, 5, 6";

    return export(s, sql,
                  "booked_date,original_date,product_id,domain,source,"
                  "cost_kind,amount,currency\n",
                  6, from, to, currency, out, err);
}
