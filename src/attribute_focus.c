/* attribute_focus.c — FOCUS billing lines (DESIGN 4.4). A scope (provider,
 * billing account, billing period) is one whole: its lines, in 1e-11
 * units, are spread over their UTC days by the milliseconds of their
 * charge period and over their products; the scope's total is rounded
 * once to micro-units and handed out to the (day, product) cells by
 * largest remainder, so a file's allocations add up exactly to its
 * rounded sum of EffectiveCost (or BilledCost). */
#include <stdlib.h>
#include <string.h>

#include "meshcost/attribute.h"
#include "meshcost/cells.h"
#include "meshcost/money.h"

#define SOURCE "focus"
#define TO_MICRO 100000 /* 1e-11 units per micro-unit */

/* A line's products: tag assets, else its resource, else unallocated. */
static mc_err products(const struct mc_catalog *cat, const char *tags,
                       const char *resource, struct mc_products *out,
                       struct mc_error *err)
{
    mc_err rc;

    if ((rc = mc_resolve_tags(cat, tags, out, err)) != MC_OK || out->n)
        return rc;
    mc_products_free(out);
    return mc_resolve_owner(cat, MC_MATCH_RESOURCE, resource,
                            "no catalog match", out, err);
}

/* Spreads one line's amount over its days and products into cells. */
static mc_err spread(const struct mc_catalog *cat, sqlite3_stmt *st,
                     int64_t amount, struct mc_cells *c, struct mc_error *err)
{
    mc_ms a = sqlite3_column_int64(st, 0), b = sqlite3_column_int64(st, 1);
    mc_day d0 = mc_day_of(a), d1 = b > a ? mc_day_of(b - 1) : d0;
    size_t nd = (size_t)(d1 - d0 + 1);
    struct mc_products p = {0};
    int64_t *w = malloc(nd * sizeof *w);
    mc_money *part = malloc(nd * sizeof *part);
    mc_err rc;

    if (!w || !part) {
        rc = mc_error_set(err, MC_ERR_NOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < nd; i++) { /* milliseconds of each day */
        mc_ms lo = (mc_ms)(d0 + (mc_day)i) * MC_MS_PER_DAY;
        mc_ms x = a > lo ? a : lo, y = b < lo + MC_MS_PER_DAY ? b : lo + MC_MS_PER_DAY;
        w[i] = b > a ? (y > x ? y - x : 0) : 1;
    }
    if ((rc = mc_split(amount, w, nd, part, err)) ||
        (rc = products(cat, (const char *)sqlite3_column_text(st, 3),
                       (const char *)sqlite3_column_text(st, 4), &p, err)))
        goto out;
    for (size_t i = 0; i < nd && rc == MC_OK; i++)
        rc = mc_cells_add_split(c, d0 + (mc_day)i, &p, NULL, part[i], err);
out:
    mc_products_free(&p);
    free(w);
    free(part);
    return rc;
}

static mc_err scope_cells(struct mc_attr_day *d, const char *scope,
                          struct mc_cells *c, struct mc_error *err)
{
    const struct mc_config *cfg = d->cfg;
    sqlite3_stmt *st = NULL;
    mc_err rc = MC_OK;
    int step;

    if (sqlite3_prepare_v2(mc_store_db(d->store),
                           "SELECT charge_start_ms, charge_end_ms, "
                           "CASE WHEN ?2 THEN billed ELSE effective END, "
                           "tags, resource_id, currency FROM focus_line "
                           "WHERE scope = ?1 ORDER BY line_id",
                           -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(d->store, err, "FOCUS lines");
    sqlite3_bind_text(st, 1, scope, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, cfg->focus_billed);
    while (rc == MC_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *cur = (const char *)sqlite3_column_text(st, 5);
        int64_t amount = sqlite3_column_int64(st, 2), rate;
        if (strcmp(cur, cfg->currency) != 0) {
            if (!(rate = mc_config_fx(cfg, cur))) {
                rc = mc_error_set(err, MC_ERR_CONFIG,
                                  "FOCUS lines in %.8s need an [fx] rate to "
                                  "%s",
                                  cur, cfg->currency);
                break;
            }
            amount = mc_muldiv(amount, rate, MC_NANO);
        }
        rc = spread(d->cat, st, amount, c, err);
    }
    if (rc == MC_OK && step != SQLITE_DONE)
        rc = mc_store_error(d->store, err, "FOCUS lines");
    sqlite3_finalize(st);
    return rc == MC_OK ? mc_cells_distribute(c, TO_MICRO, err) : rc;
}

mc_err mc_attr_focus_day(struct mc_attr_day *d, struct mc_error *err)
{
    mc_ms d0 = (mc_ms)d->day * MC_MS_PER_DAY;
    sqlite3_stmt *st = NULL;
    mc_err rc = MC_OK;
    int step;

    if (sqlite3_prepare_v2(mc_store_db(d->store),
                           "SELECT DISTINCT scope FROM focus_line WHERE "
                           "charge_start_ms < ?2 AND (charge_end_ms > ?1 OR "
                           "(charge_end_ms = charge_start_ms AND "
                           "charge_start_ms >= ?1)) ORDER BY scope",
                           -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(d->store, err, "FOCUS scopes");
    sqlite3_bind_int64(st, 1, d0);
    sqlite3_bind_int64(st, 2, d0 + MC_MS_PER_DAY);
    while (rc == MC_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        struct mc_cells c = {0};
        rc = scope_cells(d, (const char *)sqlite3_column_text(st, 0), &c, err);
        if (rc == MC_OK)
            rc = mc_attr_book_cells(d, SOURCE, "billing", &c, NULL, NULL, err);
        mc_cells_free(&c);
    }
    if (rc == MC_OK && step != SQLITE_DONE)
        rc = mc_store_error(d->store, err, "FOCUS scopes");
    sqlite3_finalize(st);
    return rc;
}
