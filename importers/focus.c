/* focus.c — FOCUS 1.0, 1.1 and 1.2 billing files (reference/
 * focus-and-finops.md 1): one row per charge. Columns by name; NULL and
 * empty are null; timestamps with or without T/Z; decimals exact to 11
 * places (E-notation allowed, quoted or not); negative costs kept. A line
 * in another currency than the report's needs an [fx] rate. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meshcost/importer.h"
#include "meshcost/importer_util.h"

enum {
    C_PROVIDER, C_ACCOUNT, C_PSTART, C_PEND, C_CSTART, C_CEND, C_EFFECTIVE,
    C_BILLED, C_CURRENCY, C_RESOURCE, C_TAGS, C_SERVICE, C_CATEGORY,
    C__COUNT
};

static const struct mc_column columns[C__COUNT] = {
    [C_PROVIDER] = {"ProviderName", 1},
    [C_ACCOUNT] = {"BillingAccountId", 1},
    [C_PSTART] = {"BillingPeriodStart", 1},
    [C_PEND] = {"BillingPeriodEnd", 1},
    [C_CSTART] = {"ChargePeriodStart", 1},
    [C_CEND] = {"ChargePeriodEnd", 1},
    [C_EFFECTIVE] = {"EffectiveCost", 1},
    [C_BILLED] = {"BilledCost", 1},
    [C_CURRENCY] = {"BillingCurrency", 1},
    [C_RESOURCE] = {"ResourceId", 0},
    [C_TAGS] = {"Tags", 0},
    [C_SERVICE] = {"ServiceName", 0},
    [C_CATEGORY] = {"ChargeCategory", 0},
};

struct state {
    struct mc_imp_cols c; /* first: see mc_imp_open */
    const struct mc_config *cfg;
};

static int detect(const struct mc_csv_row *h)
{
    /* enough to know it is FOCUS; open() names any missing column */
    static const char *const need[] = {"BilledCost", "EffectiveCost",
                                       "ChargePeriodStart", NULL};
    static const char *const also[] = {"BillingAccountId", "ProviderName",
                                       "BillingPeriodStart", "ServiceName",
                                       "ChargeCategory", "ListCost", NULL};

    return mc_imp_score(h, need, also, 60);
}

static mc_err open_focus(void **out, const struct mc_csv_row *h,
                         const struct mc_import_ctx *ctx,
                         struct mc_error *err)
{
    mc_err rc = mc_imp_open(out, sizeof(struct state), h, columns, C__COUNT,
                            err);

    if (rc == MC_OK)
        ((struct state *)*out)->cfg = ctx->cfg;
    return rc;
}

static mc_err times(const int *ix, const struct mc_csv_row *row,
                    struct mc_focus_line *f, struct mc_error *err)
{
    mc_err rc;

    if ((rc = mc_imp_time(row, ix[C_PSTART], "BillingPeriodStart", 1,
                          &f->period_start, NULL, err)) ||
        (rc = mc_imp_time(row, ix[C_PEND], "BillingPeriodEnd", 1,
                          &f->period_end, NULL, err)) ||
        (rc = mc_imp_time(row, ix[C_CSTART], "ChargePeriodStart", 1,
                          &f->charge_start, NULL, err)) ||
        (rc = mc_imp_time(row, ix[C_CEND], "ChargePeriodEnd", 1,
                          &f->charge_end, NULL, err)))
        return rc;
    if (f->charge_end < f->charge_start)
        return mc_error_set(err, MC_ERR_INPUT,
                            "ChargePeriodEnd before ChargePeriodStart");
    if (f->period_end < f->period_start)
        return mc_error_set(err, MC_ERR_INPUT,
                            "BillingPeriodEnd before BillingPeriodStart");
    return MC_OK;
}

static mc_err amounts(const struct state *st, const struct mc_csv_row *row,
                      struct mc_focus_line *f, struct mc_error *err)
{
    const int *ix = st->c.idx;
    mc_err rc;

    if (!mc_csv_get(row, ix[C_EFFECTIVE]) || !mc_csv_get(row, ix[C_BILLED]))
        return mc_error_set(err, MC_ERR_INPUT, "%s: missing",
                            mc_csv_get(row, ix[C_BILLED]) ? "EffectiveCost"
                                                         : "BilledCost");
    if ((rc = mc_imp_decimal(row, ix[C_EFFECTIVE], "EffectiveCost",
                             MC_FOCUS_SCALE, &f->effective, err)) ||
        (rc = mc_imp_decimal(row, ix[C_BILLED], "BilledCost", MC_FOCUS_SCALE,
                             &f->billed, err)) ||
        (rc = mc_imp_text(row, ix[C_CURRENCY], "BillingCurrency", 1,
                          &f->currency, err)))
        return rc;
    if (st->cfg && strcmp(f->currency, st->cfg->currency) != 0 &&
        !mc_config_fx(st->cfg, f->currency))
        return mc_error_set(err, MC_ERR_INPUT,
                            "BillingCurrency %.8s is not the report currency "
                            "%s and [fx] has no rate for it",
                            f->currency, st->cfg->currency);
    return MC_OK;
}

static mc_err convert(void *state, const struct mc_csv_row *row,
                      struct mc_record *out, struct mc_error *err)
{
    const struct state *st = state;
    const int *ix = st->c.idx;
    struct mc_focus_line *f = &out->u.f;
    mc_err rc;

    out->kind = MC_REC_FOCUS;
    if ((rc = mc_imp_width(row, st->c.width, err)) ||
        (rc = mc_imp_text(row, ix[C_PROVIDER], "ProviderName", 1,
                          &f->provider, err)) ||
        (rc = mc_imp_text(row, ix[C_ACCOUNT], "BillingAccountId", 1,
                          &f->billing_account, err)) ||
        (rc = times(ix, row, f, err)) || (rc = amounts(st, row, f, err)))
        return rc;
    f->resource_id = mc_csv_get(row, ix[C_RESOURCE]);
    f->tags = mc_csv_get(row, ix[C_TAGS]);
    f->service = mc_csv_get(row, ix[C_SERVICE]);
    f->category = mc_csv_get(row, ix[C_CATEGORY]);
    return MC_OK;
}

const struct mc_importer mc_importer_focus = {
    .name = "focus",
    .source = "focus",
    .summary = "FOCUS 1.0-1.2 billing data (BilledCost, EffectiveCost, "
               "ChargePeriodStart, ChargePeriodEnd, BillingCurrency, ...); "
               "a file replaces earlier loads of its (provider, billing "
               "account, billing period)",
    .detect = detect,
    .open = open_focus,
    .convert = convert,
    .close = free,
};
