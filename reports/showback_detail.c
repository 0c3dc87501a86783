/* showback_detail.c — a domain's Drivers, Storage, Reconciliation and
 * About sheets: what the money went on, and how it ties back. */
#include <stdio.h>
#include <string.h>

#include "meshcost/redact.h"
#include "meshcost/showback_internal.h"

#define TOP_QUERIES 50
#define TOP_USERS 30

const char *mc_sb_user(const struct mc_report_ctx *rc, const char *name,
                       char *buf)
{
    if (!rc->pseudo || !name || !*name || *name == '(')
        return name;
    mc_pseudonym(rc->pseudo, name, buf);
    return buf;
}

void mc_sb_days(const struct mc_report_ctx *rc, char *d1, char *d2)
{
    mc_date_format(rc->month->first, d1);
    mc_date_format(rc->month->as_of, d2);
}

static mc_err prepare(const struct mc_sb *sb, const char *sql,
                      sqlite3_stmt **st, struct mc_error *err)
{
    char d1[MC_DATE_BUFSZ], d2[MC_DATE_BUFSZ];

    if (sqlite3_prepare_v2(mc_store_db(sb->rc->store), sql, -1, st, NULL) !=
        SQLITE_OK)
        return mc_store_error(sb->rc->store, err, "showback");
    mc_sb_days(sb->rc, d1, d2);
    sqlite3_bind_text(*st, 1, d1, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(*st, 2, d2, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(*st, 3, sb->domain, -1, SQLITE_TRANSIENT);
    return MC_OK;
}

static const char *col(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

/* Query text as configured: redacted (default), full, or none. */
static void query_text(struct mc_xlsx *x, lxw_worksheet *ws, int row,
                       int c, const struct mc_sb *sb, const char *text)
{
    static char buf[4096], line[304];
    size_t n = 0;

    if (sb->rc->cfg->query_text == MC_QT_NONE || !text)
        return;
    if (sb->rc->cfg->query_text == MC_QT_REDACTED)
        text = mc_redact_sql(text, buf, sizeof buf);
    /* one line: runs of white space become one space, cut at 300 */
    for (const char *p = text; *p && n < 300; p++) {
        int space = *p == ' ' || *p == '\n' || *p == '\r' || *p == '\t';
        if (space && (n == 0 || line[n - 1] == ' '))
            continue;
        line[n++] = space ? ' ' : *p;
    }
    line[n] = '\0';
    mc_xlsx_text(ws, row, c, line, x->text);
}

/* The Drivers tables read the day's query groups (written by attribute):
 * a group is a Snowflake parameterized hash ("(no hash)" without one) or a
 * BigQuery project, statement type and user; its example text is the
 * smallest query text of the hash (Snowflake) or of its jobs (BigQuery). */
static const char top_queries_sql[] =
    "SELECT g.k, g.n, g.amount, (SELECT group_concat(DISTINCT x.product_id)"
    "  FROM query_group_products x WHERE x.domain = ?3 AND x.day >= ?1 AND"
    "  x.day <= ?2 AND x.group_key = g.k), g.wh,"
    "  CASE WHEN g.src = 'snowflake' THEN t.query_text ELSE g.bt END FROM ("
    "SELECT group_key AS k, sum(queries) AS n, sum(amount) AS amount,"
    "  min(warehouse) AS wh, min(source) AS src,"
    "  min(sample_text) AS bt FROM query_groups"
    " WHERE domain = ?3 AND day >= ?1 AND day <= ?2"
    " GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT 50) g"
    " LEFT JOIN sf_query_text t ON t.param_hash ="
    "  CASE WHEN g.k = '(no hash)' THEN '' ELSE g.k END"
    " ORDER BY 3 DESC, 1";

static const char top_users_sql[] =
    "SELECT user_name, role_name, sum(queries), sum(amount)"
    " FROM query_users WHERE domain = ?3 AND day >= ?1 AND day <= ?2"
    " GROUP BY 1, 2 ORDER BY 4 DESC, 1, 2 LIMIT 30";

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* group_concat's order depends on the query plan: sort the ids. */
static const char *sorted_ids(const char *list, char *out, size_t n)
{
    char copy[2048], *v[128], *save = NULL, *p;
    size_t k = 0, used = 0;

    snprintf(copy, sizeof copy, "%s", list ? list : "");
    for (p = strtok_r(copy, ",", &save); p && k < 128;
         p = strtok_r(NULL, ",", &save))
        v[k++] = p;
    qsort(v, k, sizeof *v, cmp_str);
    out[0] = '\0';
    for (size_t i = 0; i < k && used < n; i++)
        used += (size_t)snprintf(out + used, n - used, "%s%s", i ? "," : "",
                                 v[i]);
    return out;
}

static mc_err top_queries(struct mc_xlsx *x, lxw_worksheet *ws,
                          const struct mc_sb *sb, int *row,
                          struct mc_error *err)
{
    static const char *const cols[] = {"Rank", "Query (hash) or BigQuery jobs",
                                       "Queries", "Cost", "Data products",
                                       "Warehouse / project",
                                       "Example query text"};
    static const double w[] = {6, 34, 10, 13, 30, 16, 120};
    char ids[2048];
    sqlite3_stmt *st = NULL;
    int rank = 0, step;
    mc_err rc;

    if ((rc = prepare(sb, top_queries_sql, &st, err)) != MC_OK)
        return rc;
    mc_sb_header(x, ws, *row, cols, w, 7);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        int r = *row + 1 + rank++;
        worksheet_write_number(ws, (lxw_row_t)r, 0, rank, x->integer);
        mc_xlsx_text(ws, r, 1, col(st, 0), x->text);
        worksheet_write_number(ws, (lxw_row_t)r, 2,
                               (double)sqlite3_column_int64(st, 1),
                               x->integer);
        mc_xlsx_money(ws, r, 3, sqlite3_column_int64(st, 2), x->money);
        mc_xlsx_text(ws, r, 4, sorted_ids(col(st, 3), ids, sizeof ids),
                     x->text);
        mc_xlsx_text(ws, r, 5, col(st, 4), x->text);
        query_text(x, ws, r, 6, sb, col(st, 5));
    }
    if (step != SQLITE_DONE)
        rc = mc_store_error(sb->rc->store, err, "top queries");
    sqlite3_finalize(st);
    *row += rank + 3;
    return rc;
}

static mc_err top_users(struct mc_xlsx *x, lxw_worksheet *ws,
                        const struct mc_sb *sb, int row,
                        struct mc_error *err)
{
    sqlite3_stmt *st = NULL;
    int n = 0, step;
    mc_err rc;

    if ((rc = prepare(sb, top_users_sql, &st, err)) != MC_OK)
        return rc;
    mc_xlsx_text(ws, row, 0, "Top users and roles by cost", x->title);
    for (int c = 0; c < 5; c++)
        mc_xlsx_text(ws, row + 1, c,
                     (const char *[]){"Rank", "User", "Role", "Queries",
                                      "Cost"}[c],
                     x->header);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        int r = row + 2 + n++;
        char who[MC_PSEUDONYM_BUFSZ];
        worksheet_write_number(ws, (lxw_row_t)r, 0, n, x->integer);
        mc_xlsx_text(ws, r, 1, mc_sb_user(sb->rc, col(st, 0), who), x->text);
        mc_xlsx_text(ws, r, 2, col(st, 1), x->text);
        worksheet_write_number(ws, (lxw_row_t)r, 3,
                               (double)sqlite3_column_int64(st, 2),
                               x->integer);
        mc_xlsx_money(ws, r, 4, sqlite3_column_int64(st, 3), x->money);
    }
    if (step != SQLITE_DONE)
        rc = mc_store_error(sb->rc->store, err, "top users");
    sqlite3_finalize(st);
    return rc;
}

mc_err mc_sb_drivers(struct mc_xlsx *x, const struct mc_sb *sb,
                     struct mc_error *err)
{
    lxw_worksheet *ws = mc_xlsx_sheet(x, "Drivers");
    int row = 3;
    mc_err rc;

    mc_sb_title(x, ws, "What drives the cost",
                sb->rc->cfg->query_text == MC_QT_REDACTED
                    ? "Recurring queries grouped by Snowflake's "
                      "parameterized hash, BigQuery jobs by project, "
                      "statement and user; costliest first. Query text is "
                      "redacted: literals are shown as ?."
                    : "Recurring queries grouped by Snowflake's "
                      "parameterized hash, BigQuery jobs by project, "
                      "statement and user; costliest first.");
    if ((rc = top_queries(x, ws, sb, &row, err)) != MC_OK)
        return rc;
    return top_users(x, ws, sb, row, err);
}

static const char storage_sql[] =
    "SELECT t.table_fqn, p.name, avg(t.bytes), sum(t.amount)"
    " FROM table_costs t JOIN products p ON p.product_id = t.product_id"
    " WHERE t.day >= ?1 AND t.day <= ?2 AND p.domain = ?3"
    " GROUP BY t.table_fqn, p.name ORDER BY 4 DESC, 1";

mc_err mc_sb_storage(struct mc_xlsx *x, const struct mc_sb *sb,
                     struct mc_error *err)
{
    static const char *const cols[] = {"Table", "Data product",
                                       "Average size (GiB)",
                                       "Storage cost this month"};
    static const double w[] = {48, 30, 18, 18};
    lxw_worksheet *ws = mc_xlsx_sheet(x, "Storage");
    sqlite3_stmt *st = NULL;
    mc_money total = 0;
    int n = 0, step;
    mc_err rc;

    mc_sb_title(x, ws, "Storage by table",
                "Active + time travel + fail-safe + clone-retained bytes of "
                "the nightly snapshots; each product's storage cost split "
                "over its tables by bytes.");
    mc_sb_header(x, ws, 3, cols, w, 4);
    if ((rc = prepare(sb, storage_sql, &st, err)) != MC_OK)
        return rc;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        int r = 4 + n++;
        mc_xlsx_text(ws, r, 0, col(st, 0), x->text);
        mc_xlsx_text(ws, r, 1, col(st, 1), x->text);
        worksheet_write_number(ws, (lxw_row_t)r, 2,
                               sqlite3_column_double(st, 2) / 1073741824.0,
                               x->number2);
        mc_xlsx_money(ws, r, 3, sqlite3_column_int64(st, 3), x->money);
        total += sqlite3_column_int64(st, 3);
    }
    if (step != SQLITE_DONE)
        rc = mc_store_error(sb->rc->store, err, "storage sheet");
    sqlite3_finalize(st);
    mc_xlsx_text(ws, 4 + n, 0, "Total", x->label_total);
    worksheet_write_blank(ws, (lxw_row_t)(4 + n), 1, x->label_total);
    worksheet_write_blank(ws, (lxw_row_t)(4 + n), 2, x->label_total);
    mc_xlsx_money(ws, 4 + n, 3, total, x->money_total);
    if (n)
        worksheet_autofilter(ws, 3, 0, (lxw_row_t)(3 + n), 3);
    return rc;
}

/* Per source and cost kind: the whole that was split, and where it went. */
static const char recon_sql[] =
    "WITH t AS (SELECT source, cost_kind, sum(amount) AS total"
    "   FROM source_totals WHERE day >= ?1 AND day <= ?2 GROUP BY 1, 2),"
    " a AS (SELECT a.source, a.cost_kind,"
    "   sum(CASE WHEN p.domain = ?3 THEN a.amount ELSE 0 END) AS mine,"
    "   sum(CASE WHEN p.domain IS NOT NULL AND p.domain != ?3"
    "       THEN a.amount ELSE 0 END) AS others,"
    "   sum(CASE WHEN p.domain IS NULL THEN a.amount ELSE 0 END) AS unalloc"
    "   FROM allocations a LEFT JOIN products p"
    "   ON p.product_id = a.product_id"
    "   WHERE a.day >= ?1 AND a.day <= ?2 GROUP BY 1, 2)"
    " SELECT source, cost_kind, coalesce(t.total, 0), coalesce(a.mine, 0),"
    "  coalesce(a.others, 0), coalesce(a.unalloc, 0)"
    " FROM t FULL JOIN a USING (source, cost_kind) ORDER BY 1, 2";

static const char adjust_sql[] =
    "SELECT a.orig_day, p.name, a.source, a.cost_kind, sum(a.amount)"
    " FROM adjustments a JOIN products p ON p.product_id = a.product_id"
    " WHERE a.booked_day >= ?1 AND a.booked_day <= ?2 AND p.domain = ?3"
    " GROUP BY 1, 2, 3, 4 HAVING sum(a.amount) != 0 ORDER BY 1, 2, 3, 4";

/* Late data for closed months, booked this month: shown apart. */
static mc_err adjustments(struct mc_xlsx *x, lxw_worksheet *ws,
                          const struct mc_sb *sb, int row,
                          struct mc_error *err)
{
    sqlite3_stmt *st = NULL;
    int n = 0, step;
    mc_err rc;

    if ((rc = prepare(sb, adjust_sql, &st, err)) != MC_OK)
        return rc;
    mc_xlsx_text(ws, row, 0, "Adjustments: late data for closed months, "
                             "booked this month", x->title);
    for (int c = 0; c < 5; c++)
        mc_xlsx_text(ws, row + 1, c,
                     (const char *[]){"Original day", "Data product",
                                      "Source", "Cost kind", "Amount"}[c],
                     x->header);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        int r = row + 2 + n++;
        for (int c = 0; c < 4; c++)
            mc_xlsx_text(ws, r, c, col(st, c), x->text);
        mc_xlsx_money(ws, r, 4, sqlite3_column_int64(st, 4), x->money);
    }
    if (step != SQLITE_DONE)
        rc = mc_store_error(sb->rc->store, err, "adjustments");
    sqlite3_finalize(st);
    if (n == 0)
        mc_xlsx_text(ws, row + 2, 0, "None.", x->note);
    return rc;
}

mc_err mc_sb_reconciliation(struct mc_xlsx *x, const struct mc_sb *sb,
                            struct mc_error *err)
{
    static const char *const cols[] = {
        "Source", "Cost kind", "Source total", "This domain's products",
        "Other domains' products", "Unallocated", "Difference"};
    static const double w[] = {12, 16, 16, 18, 18, 16, 12};
    lxw_worksheet *ws = mc_xlsx_sheet(x, "Reconciliation");
    sqlite3_stmt *st = NULL;
    mc_money sum[5] = {0};
    int n = 0, step;
    mc_err rc;

    mc_sb_title(x, ws, "Reconciliation",
                "Every source total of the month (to the as-of day) equals "
                "what went to products plus unallocated, to the micro-unit: "
                "the difference is 0. Idle time is its own cost kind.");
    mc_sb_header(x, ws, 3, cols, w, 7);
    if ((rc = prepare(sb, recon_sql, &st, err)) != MC_OK)
        return rc;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        int r = 4 + n++;
        mc_money v[4];
        for (int i = 0; i < 4; i++)
            v[i] = sqlite3_column_int64(st, 2 + i), sum[i] += v[i];
        sum[4] += v[0] - v[1] - v[2] - v[3];
        mc_xlsx_text(ws, r, 0, col(st, 0), x->text);
        mc_xlsx_text(ws, r, 1, col(st, 1), x->text);
        for (int i = 0; i < 4; i++)
            mc_xlsx_money(ws, r, 2 + i, v[i], x->money);
        mc_xlsx_money(ws, r, 6, v[0] - v[1] - v[2] - v[3], x->money);
    }
    if (step != SQLITE_DONE)
        rc = mc_store_error(sb->rc->store, err, "reconciliation");
    sqlite3_finalize(st);
    mc_xlsx_text(ws, 4 + n, 0, "Total", x->label_total);
    worksheet_write_blank(ws, (lxw_row_t)(4 + n), 1, x->label_total);
    for (int i = 0; i < 5; i++)
        mc_xlsx_money(ws, 4 + n, 2 + i, sum[i], x->money_total);
    return rc == MC_OK ? adjustments(x, ws, sb, 6 + n, err) : rc;
}

static void kv(struct mc_xlsx *x, lxw_worksheet *ws, int *row,
               const char *key, const char *value)
{
    mc_xlsx_text(ws, *row, 0, key, x->header);
    mc_xlsx_text(ws, *row, 1, value, x->text);
    (*row)++;
}

static void kv_money(struct mc_xlsx *x, lxw_worksheet *ws, int *row,
                     const char *key, mc_money m)
{
    mc_xlsx_text(ws, *row, 0, key, x->header);
    mc_xlsx_money(ws, *row, 1, m, x->money);
    (*row)++;
}

/* One text scalar of a query without parameters ("" if none). */
static void scalar(const struct mc_sb *sb, const char *sql, char *out,
                   size_t n)
{
    sqlite3_stmt *st = NULL;

    out[0] = '\0';
    if (sqlite3_prepare_v2(mc_store_db(sb->rc->store), sql, -1, &st, NULL) ==
            SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(out, n, "%s", sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
}

static const struct {
    const char *label, *sql;
} facts[] = {
    {"Files loaded",
     "SELECT count(*) || ' (' || sum(rows) || ' rows)' FROM loads "
     "WHERE status = 'loaded'"},
    {"Files rejected", "SELECT count(*) FROM loads WHERE status = "
                       "'rejected'"},
    {"Latest query (Snowflake QUERY_HISTORY)",
     "SELECT strftime('%Y-%m-%d %H:%M:%S UTC', max(end_ms) / 1000, "
     "'unixepoch') FROM sf_query"},
    {"Latest complete metering hour (Snowflake)",
     "SELECT strftime('%Y-%m-%d %H:00 UTC', max(hour_ms) / 1000, "
     "'unixepoch') FROM sf_meter"},
    {"Latest storage snapshot (Snowflake)",
     "SELECT max(snapshot_day) FROM sf_storage"},
    {"Latest job (BigQuery JOBS)",
     "SELECT strftime('%Y-%m-%d %H:%M:%S UTC', max(end_ms) / 1000, "
     "'unixepoch') FROM bq_job"},
    {"Latest storage snapshot (BigQuery)",
     "SELECT max(snapshot_day) FROM bq_storage"},
    {"Latest usage hour (Databricks)",
     "SELECT strftime('%Y-%m-%d %H:%M UTC', max(start_ms) / 1000, "
     "'unixepoch') FROM dbx_usage"},
    {"Databricks list prices loaded",
     "SELECT count(*) || ' (' || count(DISTINCT sku_name) || ' SKUs)' "
     "FROM dbx_price HAVING count(*) > 0"},
    {"Latest cloud bill charge (FOCUS)",
     "SELECT strftime('%Y-%m-%d %H:%M UTC', max(charge_end_ms) / 1000, "
     "'unixepoch') FROM focus_line"},
    {"Catalog version", "SELECT version || ' (' || products || ' products, "
                        "' || assets || ' assets)' FROM catalog_versions "
                        "ORDER BY version DESC LIMIT 1"},
};

static const char *slot_prices(const struct mc_config *cfg, char *buf,
                               size_t n)
{
    char a[MC_MONEY_BUFSZ], b[MC_MONEY_BUFSZ], c[MC_MONEY_BUFSZ];

    mc_money_format(cfg->bigquery_slot_hour, a);
    mc_money_format(cfg->bigquery_slot_hour_enterprise, b);
    mc_money_format(cfg->bigquery_slot_hour_enterprise_plus, c);
    snprintf(buf, n, "%s (Standard), %s (Enterprise), %s (Enterprise Plus) "
             "per slot-hour",
             a, b, c);
    return buf;
}

mc_err mc_sb_about(struct mc_xlsx *x, const struct mc_sb *sb,
                   struct mc_error *err)
{
    const struct mc_config *cfg = sb->rc->cfg;
    lxw_worksheet *ws = mc_xlsx_sheet(x, "About");
    char asof[MC_DATE_BUFSZ], buf[256];
    int row = 3;

    (void)err;
    worksheet_set_column(ws, 0, 0, 42, NULL);
    worksheet_set_column(ws, 1, 1, 110, NULL);
    mc_sb_title(x, ws, "About this workbook",
                "All dates are UTC. Amounts are exact to the micro-unit "
                "and shown rounded to cents.");
    mc_date_format(sb->rc->month->as_of, asof);
    kv(x, ws, &row, "Domain", sb->domain);
    kv(x, ws, &row, "Period", sb->rc->period);
    kv(x, ws, &row, "As of (UTC day)", asof);
    kv(x, ws, &row, "Currency", cfg->currency);
    kv(x, ws, &row, "All dates", "UTC: days, hours and months are UTC; the "
                                 "exports' own time zones are converted.");
    kv_money(x, ws, &row, "Snowflake price per credit", cfg->snowflake_credit);
    kv_money(x, ws, &row, "Snowflake storage per TiB-month",
             cfg->snowflake_storage_tib_month);
    kv_money(x, ws, &row, "BigQuery on-demand per TiB billed",
             cfg->bigquery_on_demand_tib);
    kv(x, ws, &row, "BigQuery reservations", slot_prices(cfg, buf,
                                                         sizeof buf));
    kv(x, ws, &row, "BigQuery storage billing",
       cfg->bigquery_physical ? "physical bytes (active + fail-safe, long "
                                "term)"
                              : "logical bytes (active, long term)");
    kv(x, ws, &row, "Databricks prices",
       cfg->databricks_dbu >= 0
           ? "list price of the SKU valid at the usage hour, else [rates] "
             "databricks_dbu"
           : "list price of the SKU valid at the usage hour "
             "(system.billing.list_prices)");
    kv(x, ws, &row, "Cloud bills (FOCUS)",
       cfg->focus_billed ? "BilledCost" : "EffectiveCost");
    kv(x, ws, &row, "Idle warehouse time",
       cfg->idle == MC_IDLE_OWNER ? "charged to the warehouse's product, "
                                    "else unallocated"
                                  : "always unallocated");
    snprintf(buf, sizeof buf, "query tag / label / custom tag key '%s', then"
             " tag assets, tables written (Databricks: job, warehouse or "
             "cluster ids), tables read, role, user, warehouse, project",
             cfg->product_tag_key);
    kv(x, ws, &row, "How a query finds its product", buf);
    kv(x, ws, &row, "Query text", cfg->query_text == MC_QT_REDACTED
                                      ? "redacted (literals shown as ?)"
                                  : cfg->query_text == MC_QT_FULL ? "full"
                                                                  : "hidden");
    kv(x, ws, &row, "Forecast", "month to date + mean daily cost of the "
                                "last 7 days x days left; at risk above 90 % "
                                "of budget, over above 100 %");
    for (size_t i = 0; i < sizeof facts / sizeof facts[0]; i++) {
        scalar(sb, facts[i].sql, buf, sizeof buf);
        kv(x, ws, &row, facts[i].label, buf[0] ? buf : "none");
    }
    kv(x, ws, &row, "Produced by", "meshcost " MESHCOST_VERSION);
    return MC_OK;
}
