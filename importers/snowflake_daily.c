/* snowflake_daily.c — the two daily Snowflake views that refine the
 * numbers (reference/warehouse-formats.md 1.3, 1.9):
 * METERING_DAILY_HISTORY (the billed cloud-services adjustment per UTC
 * day) and ORGANIZATION_USAGE.RATE_SHEET_DAILY (price per day and usage
 * type). */
#include <stdlib.h>

#include "meshcost/importer.h"
#include "meshcost/importer_util.h"
#include "meshcost/money.h"

struct state {
    struct mc_imp_cols c; /* first: see mc_imp_open */
};

static mc_err day_of(const struct mc_csv_row *row, int idx, const char *name,
                     mc_day *out, struct mc_error *err)
{
    mc_ms t;
    mc_err rc = mc_imp_time(row, idx, name, 1, &t, NULL, err);

    if (rc == MC_OK)
        *out = mc_day_of(t);
    return rc;
}

/* ---- METERING_DAILY_HISTORY ---- */

enum { M_TYPE, M_DATE, M_CS, M_ADJ, M__COUNT };

static const struct mc_column mdh_columns[M__COUNT] = {
    [M_TYPE] = {"SERVICE_TYPE", 1},
    [M_DATE] = {"USAGE_DATE", 1},
    [M_CS] = {"CREDITS_USED_CLOUD_SERVICES", 1},
    [M_ADJ] = {"CREDITS_ADJUSTMENT_CLOUD_SERVICES", 1},
};

static int mdh_detect(const struct mc_csv_row *h)
{
    static const char *const need[] = {"SERVICE_TYPE", "USAGE_DATE",
                                       "CREDITS_USED_CLOUD_SERVICES",
                                       "CREDITS_ADJUSTMENT_CLOUD_SERVICES",
                                       NULL};
    static const char *const also[] = {"CREDITS_USED_COMPUTE",
                                       "CREDITS_BILLED", NULL};

    return mc_imp_score(h, need, also, 70);
}

static mc_err mdh_open(void **out, const struct mc_csv_row *h,
                       const struct mc_import_ctx *ctx, struct mc_error *err)
{
    (void)ctx;
    return mc_imp_open(out, sizeof(struct state), h, mdh_columns, M__COUNT,
                       err);
}

static mc_err mdh_convert(void *state, const struct mc_csv_row *row,
                          struct mc_record *out, struct mc_error *err)
{
    const int *ix = ((struct state *)state)->c.idx;
    struct mc_sf_meter_daily *m = &out->u.md;
    mc_err rc;

    out->kind = MC_REC_SF_METER_DAILY;
    if ((rc = mc_imp_width(row, ((struct state *)state)->c.width, err)) ||
        (rc = mc_imp_text(row, ix[M_TYPE], "SERVICE_TYPE", 1,
                          &m->service_type, err)) ||
        (rc = day_of(row, ix[M_DATE], "USAGE_DATE", &m->day, err)) ||
        (rc = mc_imp_decimal(row, ix[M_CS], "CREDITS_USED_CLOUD_SERVICES",
                             MC_NANO_SCALE, &m->cs_nano, err)) ||
        (rc = mc_imp_decimal(row, ix[M_ADJ],
                             "CREDITS_ADJUSTMENT_CLOUD_SERVICES",
                             MC_NANO_SCALE, &m->adjustment_nano, err)))
        return rc;
    if (m->cs_nano < 0 || m->adjustment_nano > 0 ||
        -m->adjustment_nano > m->cs_nano)
        return mc_error_set(err, MC_ERR_INPUT,
                            "CREDITS_ADJUSTMENT_CLOUD_SERVICES must be "
                            "between -CREDITS_USED_CLOUD_SERVICES and 0");
    return MC_OK;
}

const struct mc_importer mc_importer_snowflake_metering_daily = {
    .name = "snowflake.metering_daily",
    .source = "snowflake",
    .summary = "Snowflake METERING_DAILY_HISTORY (SERVICE_TYPE, USAGE_DATE, "
               "CREDITS_ADJUSTMENT_CLOUD_SERVICES): billed cloud services",
    .detect = mdh_detect,
    .open = mdh_open,
    .convert = mdh_convert,
    .close = free,
};

/* ---- RATE_SHEET_DAILY ---- */

enum { R_DATE, R_USAGE, R_CURRENCY, R_RATE, R__COUNT };

static const struct mc_column rsd_columns[R__COUNT] = {
    [R_DATE] = {"DATE", 1},
    [R_USAGE] = {"USAGE_TYPE", 1},
    [R_CURRENCY] = {"CURRENCY", 1},
    [R_RATE] = {"EFFECTIVE_RATE", 1},
};

static int rsd_detect(const struct mc_csv_row *h)
{
    static const char *const need[] = {"DATE", "USAGE_TYPE", "CURRENCY",
                                       "EFFECTIVE_RATE", NULL};
    static const char *const also[] = {"SERVICE_TYPE", "RATING_TYPE",
                                       "ACCOUNT_LOCATOR", NULL};

    return mc_imp_score(h, need, also, 70);
}

static mc_err rsd_open(void **out, const struct mc_csv_row *h,
                       const struct mc_import_ctx *ctx, struct mc_error *err)
{
    (void)ctx;
    return mc_imp_open(out, sizeof(struct state), h, rsd_columns, R__COUNT,
                       err);
}

static mc_err rsd_convert(void *state, const struct mc_csv_row *row,
                          struct mc_record *out, struct mc_error *err)
{
    const int *ix = ((struct state *)state)->c.idx;
    struct mc_sf_rate *r = &out->u.r;
    mc_err rc;

    out->kind = MC_REC_SF_RATE;
    if ((rc = mc_imp_width(row, ((struct state *)state)->c.width, err)) ||
        (rc = day_of(row, ix[R_DATE], "DATE", &r->day, err)) ||
        (rc = mc_imp_text(row, ix[R_USAGE], "USAGE_TYPE", 1, &r->usage_type,
                          err)) ||
        (rc = mc_imp_text(row, ix[R_CURRENCY], "CURRENCY", 1, &r->currency,
                          err)) ||
        (rc = mc_imp_decimal(row, ix[R_RATE], "EFFECTIVE_RATE",
                             MC_MICRO_SCALE, &r->rate, err)))
        return rc;
    if (r->rate < 0)
        return mc_error_set(err, MC_ERR_INPUT, "EFFECTIVE_RATE: negative");
    return MC_OK;
}

const struct mc_importer mc_importer_snowflake_rate_sheet = {
    .name = "snowflake.rate_sheet_daily",
    .source = "snowflake",
    .summary = "Snowflake RATE_SHEET_DAILY (DATE, USAGE_TYPE, CURRENCY, "
               "EFFECTIVE_RATE): prices per day and usage type",
    .detect = rsd_detect,
    .open = rsd_open,
    .convert = rsd_convert,
    .close = free,
};

/* ---- QUERY_ATTRIBUTION_HISTORY (warehouse-formats.md 1.4) ---- */

enum { Q_ID, Q_WH_ID, Q_WH, Q_START, Q_END, Q_CREDITS, Q__COUNT };

static const struct mc_column qah_columns[Q__COUNT] = {
    [Q_ID] = {"QUERY_ID", 1},
    [Q_WH_ID] = {"WAREHOUSE_ID", 0},
    [Q_WH] = {"WAREHOUSE_NAME", 1},
    [Q_START] = {"START_TIME", 1},
    [Q_END] = {"END_TIME", 1},
    [Q_CREDITS] = {"CREDITS_ATTRIBUTED_COMPUTE", 1},
};

static int qah_detect(const struct mc_csv_row *h)
{
    static const char *const need[] = {"QUERY_ID", "START_TIME",
                                       "END_TIME",
                                       "CREDITS_ATTRIBUTED_COMPUTE", NULL};
    static const char *const also[] = {"PARENT_QUERY_ID", "ROOT_QUERY_ID",
                                       "CREDITS_USED_QUERY_ACCELERATION",
                                       NULL};

    return mc_imp_score(h, need, also, 70);
}

static mc_err qah_open(void **out, const struct mc_csv_row *h,
                       const struct mc_import_ctx *ctx, struct mc_error *err)
{
    (void)ctx;
    return mc_imp_open(out, sizeof(struct state), h, qah_columns, Q__COUNT,
                       err);
}

static mc_err qah_convert(void *state, const struct mc_csv_row *row,
                          struct mc_record *out, struct mc_error *err)
{
    const int *ix = ((struct state *)state)->c.idx;
    struct mc_sf_query_attr *q = &out->u.qa;
    mc_err rc;

    out->kind = MC_REC_SF_QUERY_ATTR;
    if ((rc = mc_imp_width(row, ((struct state *)state)->c.width, err)) ||
        (rc = mc_imp_text(row, ix[Q_ID], "QUERY_ID", 1, &q->query_id, err)) ||
        (rc = mc_imp_int(row, ix[Q_WH_ID], "WAREHOUSE_ID", 0, 0,
                         &q->warehouse_id, &q->has_warehouse_id, err)) ||
        (rc = mc_imp_text(row, ix[Q_WH], "WAREHOUSE_NAME", 1,
                          &q->warehouse_name, err)) ||
        (rc = mc_imp_time(row, ix[Q_START], "START_TIME", 1, &q->start_ms,
                          NULL, err)) ||
        (rc = mc_imp_time(row, ix[Q_END], "END_TIME", 1, &q->end_ms, NULL,
                          err)) ||
        (rc = mc_imp_decimal(row, ix[Q_CREDITS], "CREDITS_ATTRIBUTED_COMPUTE",
                             MC_NANO_SCALE, &q->credits_nano, err)))
        return rc;
    if (q->end_ms < q->start_ms)
        return mc_error_set(err, MC_ERR_INPUT, "END_TIME before START_TIME");
    if (q->credits_nano < 0)
        return mc_error_set(err, MC_ERR_INPUT,
                            "CREDITS_ATTRIBUTED_COMPUTE: negative");
    return MC_OK;
}

const struct mc_importer mc_importer_snowflake_query_attribution = {
    .name = "snowflake.query_attribution",
    .source = "snowflake",
    .summary = "Snowflake QUERY_ATTRIBUTION_HISTORY (QUERY_ID, START_TIME, "
               "END_TIME, CREDITS_ATTRIBUTED_COMPUTE): per-query credits",
    .detect = qah_detect,
    .open = qah_open,
    .convert = qah_convert,
    .close = free,
};
