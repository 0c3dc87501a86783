/* databricks_list_prices.c — Databricks system.billing.list_prices
 * (reference/warehouse-formats.md 3.2, 3.4): a price per SKU and cloud
 * from price_start_time until price_end_time (empty: still valid). The
 * price used is the effective list price (list or promotional), else the
 * default list price. Prices are kept at 1e-9 per unit, exactly: a price
 * with more decimals is rejected rather than rounded. */
#include <stdlib.h>

#include "meshcost/importer.h"
#include "meshcost/importer_util.h"

enum {
    C_START, C_END, C_SKU, C_CLOUD, C_CURRENCY, C_UNIT, C_DEFAULT,
    C_EFFECTIVE, C__COUNT
};

static const struct mc_column columns[C__COUNT] = {
    [C_START] = {"price_start_time", 1},
    [C_END] = {"price_end_time", 0},
    [C_SKU] = {"sku_name", 1},
    [C_CLOUD] = {"cloud", 1},
    [C_CURRENCY] = {"currency_code", 1},
    [C_UNIT] = {"usage_unit", 0},
    [C_DEFAULT] = {"pricing_default", 0},
    [C_EFFECTIVE] = {"pricing_effective_list_default", 0},
};

static int detect(const struct mc_csv_row *h)
{
    static const char *const need[] = {"price_start_time", "sku_name",
                                       "currency_code", NULL};
    static const char *const also[] = {"price_end_time", "pricing_default",
                                       "pricing_effective_list_default",
                                       "cloud", "usage_unit", NULL};

    return mc_imp_score(h, need, also, 70);
}

static mc_err open_prices(void **out, const struct mc_csv_row *h,
                          const struct mc_import_ctx *ctx,
                          struct mc_error *err)
{
    struct mc_imp_cols *c;
    mc_err rc;

    (void)ctx;
    if ((rc = mc_imp_open(out, sizeof *c, h, columns, C__COUNT, err)))
        return rc;
    c = *out;
    if (c->idx[C_DEFAULT] < 0 && c->idx[C_EFFECTIVE] < 0) {
        free(c);
        *out = NULL;
        return mc_error_set(err, MC_ERR_INPUT,
                            "missing column 'pricing_effective_list_default' "
                            "(or 'pricing_default')");
    }
    return MC_OK;
}

static mc_err price(const struct mc_csv_row *row, int idx, const char *name,
                    int64_t *out, struct mc_error *err)
{
    struct mc_error perr;
    mc_i128 exact, unit = 1000000000; /* 1e-18 per 1e-9 */

    if (mc_decimal_parse128(mc_csv_get(row, idx), 18, &exact, &perr) !=
        MC_OK)
        return mc_error_set(err, MC_ERR_INPUT, "%s: %s", name, perr.msg);
    if (exact % unit != 0)
        return mc_error_set(err, MC_ERR_INPUT,
                            "%s: more than 9 decimals are not supported",
                            name);
    if (exact < 0 || exact / unit > INT64_MAX)
        return mc_error_set(err, MC_ERR_INPUT, "%s: out of range", name);
    *out = (int64_t)(exact / unit);
    return MC_OK;
}

static mc_err convert(void *state, const struct mc_csv_row *row,
                      struct mc_record *out, struct mc_error *err)
{
    const struct mc_imp_cols *c = state;
    const int *ix = c->idx;
    struct mc_dbx_price *p = &out->u.dp;
    int eff;
    mc_err rc;

    out->kind = MC_REC_DBX_PRICE;
    if ((rc = mc_imp_width(row, c->width, err)) ||
        (rc = mc_imp_text(row, ix[C_SKU], "sku_name", 1, &p->sku_name,
                          err)) ||
        (rc = mc_imp_text(row, ix[C_CLOUD], "cloud", 1, &p->cloud, err)) ||
        (rc = mc_imp_text(row, ix[C_CURRENCY], "currency_code", 1,
                          &p->currency, err)) ||
        (rc = mc_imp_time(row, ix[C_START], "price_start_time", 1,
                          &p->start_ms, NULL, err)) ||
        (rc = mc_imp_time(row, ix[C_END], "price_end_time", 0, &p->end_ms,
                          &p->has_end, err)))
        return rc;
    if (p->has_end && p->end_ms <= p->start_ms)
        return mc_error_set(err, MC_ERR_INPUT,
                            "price_end_time not after price_start_time");
    eff = mc_csv_get(row, ix[C_EFFECTIVE]) != NULL;
    if (!eff && !mc_csv_get(row, ix[C_DEFAULT]))
        return mc_error_set(err, MC_ERR_INPUT, "no price: "
                            "pricing_effective_list_default and "
                            "pricing_default are empty");
    p->usage_unit = mc_csv_get(row, ix[C_UNIT]);
    return eff ? price(row, ix[C_EFFECTIVE], "pricing_effective_list_default",
                       &p->price, err)
               : price(row, ix[C_DEFAULT], "pricing_default", &p->price, err);
}

const struct mc_importer mc_importer_databricks_list_prices = {
    .name = "databricks.list_prices",
    .source = "databricks",
    .summary = "Databricks system.billing.list_prices (sku_name, cloud, "
               "price_start_time, price_end_time, currency_code, "
               "pricing_effective_list_default or pricing_default)",
    .detect = detect,
    .open = open_prices,
    .convert = convert,
    .close = free,
};
