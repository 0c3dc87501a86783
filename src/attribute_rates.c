/* attribute_rates.c — the day's Snowflake prices: RATE_SHEET_DAILY's
 * effective rate for the day and usage type when the sheet is loaded
 * (days without a rate carry the last known one; the plain usage type is
 * preferred to its overage- form on the same day), else [rates]. A usage
 * type the sheet has, but not on or before the day, has no price: using
 * it is an error, never zero. */
#include <string.h>

#include "meshcost/attribute.h"
#include "meshcost/money.h"

static mc_err rate_for(struct mc_attr_day *d, const char *usage,
                       mc_money dflt, mc_money *out, struct mc_error *err)
{
    sqlite3_stmt *st = NULL;
    mc_err rc = MC_OK;
    int step;

    if (sqlite3_prepare_v2(
            mc_store_db(d->store),
            "SELECT (SELECT count(*) FROM sf_rate WHERE usage_type IN "
            "(?1, 'overage-' || ?1)), (SELECT rate || ' ' || currency FROM "
            "sf_rate WHERE usage_type IN (?1, 'overage-' || ?1) AND "
            "rate_day <= ?2 ORDER BY rate_day DESC, usage_type = ?1 DESC "
            "LIMIT 1), (SELECT rate FROM sf_rate WHERE usage_type IN (?1, "
            "'overage-' || ?1) AND rate_day <= ?2 ORDER BY rate_day DESC, "
            "usage_type = ?1 DESC LIMIT 1)",
            -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(d->store, err, "rates");
    sqlite3_bind_text(st, 1, usage, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, d->date, -1, SQLITE_STATIC);
    if ((step = sqlite3_step(st)) != SQLITE_ROW) {
        rc = mc_store_error(d->store, err, "rates");
    } else if (sqlite3_column_int64(st, 0) == 0) {
        *out = dflt; /* no rate sheet for it: the configured price */
    } else if (sqlite3_column_type(st, 2) == SQLITE_NULL) {
        *out = -1; /* the sheet starts later: no price for this day */
    } else {
        const char *text = (const char *)sqlite3_column_text(st, 1);
        const char *cur = strchr(text, ' ') + 1;
        *out = sqlite3_column_int64(st, 2);
        if (strcmp(cur, d->cfg->currency) != 0) {
            int64_t fx = mc_config_fx(d->cfg, cur);
            if (!fx)
                rc = mc_error_set(err, MC_ERR_CONFIG,
                                  "RATE_SHEET_DAILY rates in %.8s need an "
                                  "[fx] rate to %s",
                                  cur, d->cfg->currency);
            *out = mc_muldiv(*out, fx, MC_NANO);
        }
    }
    sqlite3_finalize(st);
    return rc;
}

mc_err mc_attr_prices(struct mc_attr_day *d, struct mc_error *err)
{
    mc_err rc;

    if ((rc = rate_for(d, "compute", d->cfg->snowflake_credit,
                       &d->price_credit, err)) ||
        (rc = rate_for(d, "cloud services", d->price_credit, &d->price_cs,
                       err)))
        return rc;
    return rate_for(d, "storage", d->cfg->snowflake_storage_tib_month,
                    &d->price_storage, err);
}

mc_err mc_attr_need_price(const struct mc_attr_day *d, mc_money price,
                          const char *usage, struct mc_error *err)
{
    if (price >= 0)
        return MC_OK;
    return mc_error_set(err, MC_ERR_INPUT,
                        "no RATE_SHEET_DAILY rate for %s on or before %s",
                        usage, d->date);
}
