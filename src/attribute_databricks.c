/* attribute_databricks.c — Databricks billable usage (DESIGN 4.4): each
 * record costs usage_quantity x the list price of its SKU and cloud valid
 * at usage_start_time (system.billing.list_prices, else [rates]
 * databricks_dbu; neither is an error, never a zero). Quantities are
 * exact at 1e-18 and prices at 1e-9, so a record's value is an integer in
 * 1e-27 of the currency; a UTC day's records (by usage_start_time) are one
 * whole per cost kind (STORAGE_SPACE is storage, the rest compute),
 * rounded once. RETRACTION records carry negative quantities and
 * RESTATEMENT records the corrected ones: summing every record is the
 * corrected bill. Products: custom_tags as tags, then the job, warehouse,
 * cluster, pipeline, endpoint, notebook or app ids of usage_metadata
 * (resource assets), then identity_metadata.run_as (user assets). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "meshcost/attribute.h"
#include "meshcost/cells.h"
#include "meshcost/record.h"

#define SOURCE "databricks"
#define MAX_RESOURCES 16

static const char *col(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

/* The price at 1e-9 of the report currency per unit. */
static mc_err price_of(struct mc_attr_day *d, sqlite3_stmt *pq,
                       const char *sku, const char *cloud, mc_ms at,
                       int64_t *price, struct mc_error *err)
{
    const struct mc_config *cfg = d->cfg;
    int step;

    sqlite3_bind_text(pq, 1, sku, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(pq, 2, cloud, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(pq, 3, at);
    step = sqlite3_step(pq);
    if (step == SQLITE_ROW) {
        const char *cur = col(pq, 1);
        int64_t p = sqlite3_column_int64(pq, 0), rate;
        if (strcmp(cur, cfg->currency) != 0) {
            if (!(rate = mc_config_fx(cfg, cur))) {
                mc_error_set(err, MC_ERR_INPUT,
                             "Databricks list price of %.80s is in %.8s: "
                             "[fx] needs a rate to %s",
                             sku, cur, cfg->currency);
                sqlite3_reset(pq);
                return MC_ERR_INPUT;
            }
            p = mc_muldiv(p, rate, MC_NANO);
        }
        *price = p;
    } else if (step != SQLITE_DONE) {
        sqlite3_reset(pq);
        return mc_store_error(d->store, err, "Databricks list prices");
    } else if (cfg->databricks_dbu >= 0) {
        *price = cfg->databricks_dbu * 1000; /* micro -> nano */
    } else {
        sqlite3_reset(pq);
        return mc_error_set(err, MC_ERR_INPUT,
                            "Databricks usage on %s: no list price for SKU "
                            "%.80s on %.16s; load system.billing.list_prices"
                            " or set [rates] databricks_dbu",
                            d->date, sku, cloud);
    }
    sqlite3_reset(pq);
    return MC_OK;
}


static mc_err record(struct mc_attr_day *d, sqlite3_stmt *st,
                     sqlite3_stmt *pq, struct mc_cells *compute,
                     struct mc_cells *storage, struct mc_error *err)
{
    const mc_i128 atto = (mc_i128)1000000000 * 1000000000;
    const char *type = col(st, 4), *res[MAX_RESOURCES];
    struct mc_query_facts f = {0};
    struct mc_products p = {0};
    mc_i128 qty = (mc_i128)sqlite3_column_int64(st, 5) * atto +
                  sqlite3_column_int64(st, 6),
            value;
    char *resources = NULL;
    int64_t price = 0;
    mc_err rc;

    if ((rc = price_of(d, pq, col(st, 1), col(st, 2),
                       sqlite3_column_int64(st, 3), &price, err)) != MC_OK)
        return rc;
    if (__builtin_mul_overflow(qty, (mc_i128)price, &value))
        return mc_error_set(err, MC_ERR_INPUT,
                            "Databricks record %.80s: cost out of range",
                            col(st, 0));
    if (value == 0)
        return MC_OK;
    if (col(st, 8) && !(resources = strdup(col(st, 8))))
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    f.query_tag = col(st, 7);
    f.resources = res;
    f.n_resources = mc_attr_split_lines(resources, res, MAX_RESOURCES);
    f.user_name = col(st, 9);
    if ((rc = mc_resolve_query(d->cat, d->cfg->product_tag_key, &f, &p,
                               err)) == MC_OK)
        rc = mc_cells_add_split(type && strcasecmp(type, "STORAGE_SPACE") == 0
                                    ? storage
                                    : compute,
                                d->day, &p, col(st, 0), value, err);
    mc_products_free(&p);
    free(resources);
    return rc;
}

static mc_err book(struct mc_attr_day *d, struct mc_cells *c,
                   const char *kind, struct mc_error *err)
{
    const mc_i128 den = (mc_i128)1000000000 * 1000000000 * 1000;
    mc_err rc;

    if (!c->n)
        return MC_OK;
    if ((rc = mc_cells_distribute(c, den, err)) != MC_OK)
        return rc;
    return mc_attr_book_cells(d, SOURCE, kind, c, NULL, NULL, err);
}

mc_err mc_attr_databricks_day(struct mc_attr_day *d, struct mc_error *err)
{
    mc_ms d0 = (mc_ms)d->day * MC_MS_PER_DAY;
    struct mc_cells compute = {0}, storage = {0};
    sqlite3 *db = mc_store_db(d->store);
    sqlite3_stmt *st = NULL, *pq = NULL;
    mc_err rc = MC_OK;
    int step = SQLITE_DONE;

    if (sqlite3_prepare_v2(db,
                           "SELECT record_id, sku_name, cloud, start_ms, "
                           "usage_type, qty_units, qty_atto, custom_tags, "
                           "resources, run_as FROM dbx_usage WHERE "
                           "start_ms >= ?1 AND start_ms < ?2 "
                           "ORDER BY record_id",
                           -1, &st, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "SELECT price, currency FROM dbx_price WHERE "
                           "sku_name = ?1 AND cloud = ?2 AND start_ms <= ?3 "
                           "AND (end_ms IS NULL OR end_ms > ?3) "
                           "ORDER BY start_ms DESC LIMIT 1",
                           -1, &pq, NULL) != SQLITE_OK) {
        rc = mc_store_error(d->store, err, "Databricks usage");
        goto out;
    }
    sqlite3_bind_int64(st, 1, d0);
    sqlite3_bind_int64(st, 2, d0 + MC_MS_PER_DAY);
    while (rc == MC_OK && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = record(d, st, pq, &compute, &storage, err);
    if (rc == MC_OK && step != SQLITE_DONE)
        rc = mc_store_error(d->store, err, "Databricks usage");
    if (rc == MC_OK && (rc = book(d, &compute, "compute", err)) == MC_OK)
        rc = book(d, &storage, "storage", err);
out:
    sqlite3_finalize(st);
    sqlite3_finalize(pq);
    mc_cells_free(&compute);
    mc_cells_free(&storage);
    return rc;
}
