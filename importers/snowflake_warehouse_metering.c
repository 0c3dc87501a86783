/* snowflake_warehouse_metering.c — WAREHOUSE_METERING_HISTORY
 * (reference/warehouse-formats.md 1.2): credits per warehouse-hour. */
#include <stdlib.h>

#include "meshcost/importer.h"
#include "meshcost/importer_util.h"
#include "meshcost/money.h"

enum { C_START, C_END, C_WH_ID, C_WH_NAME, C_COMPUTE, C_CS, C__COUNT };

static const struct mc_column columns[C__COUNT] = {
    [C_START] = {"START_TIME", 1},
    [C_END] = {"END_TIME", 1},
    [C_WH_ID] = {"WAREHOUSE_ID", 0},
    [C_WH_NAME] = {"WAREHOUSE_NAME", 1},
    [C_COMPUTE] = {"CREDITS_USED_COMPUTE", 1},
    [C_CS] = {"CREDITS_USED_CLOUD_SERVICES", 0},
};

struct state {
    struct mc_imp_cols c; /* first: see mc_imp_open */
};

static int detect(const struct mc_csv_row *h)
{
    static const char *const need[] = {"START_TIME", "END_TIME",
                                       "WAREHOUSE_NAME",
                                       "CREDITS_USED_COMPUTE", NULL};
    static const char *const also[] = {"WAREHOUSE_ID", "CREDITS_USED",
                                       "CREDITS_USED_CLOUD_SERVICES",
                                       "CREDITS_ATTRIBUTED_COMPUTE_QUERIES",
                                       NULL};

    if (mc_csv_col(h, "QUERY_ID") >= 0)
        return 0;
    return mc_imp_score(h, need, also, 60);
}

static mc_err open_wm(void **out, const struct mc_csv_row *h,
                      const struct mc_import_ctx *ctx, struct mc_error *err)
{
    (void)ctx;
    return mc_imp_open(out, sizeof(struct state), h, columns, C__COUNT, err);
}

static mc_err convert(void *state, const struct mc_csv_row *row,
                      struct mc_record *out, struct mc_error *err)
{
    const struct state *st = state;
    const int *ix = st->c.idx;
    struct mc_sf_meter *m = &out->u.m;
    mc_err rc;

    out->kind = MC_REC_SF_METER;
    if ((rc = mc_imp_width(row, st->c.width, err)) ||
        (rc = mc_imp_time(row, ix[C_START], "START_TIME", 1, &m->hour_ms,
                          NULL, err)) ||
        (rc = mc_imp_time(row, ix[C_END], "END_TIME", 1, &m->end_ms, NULL,
                          err)) ||
        (rc = mc_imp_int(row, ix[C_WH_ID], "WAREHOUSE_ID", 0, 0,
                         &m->warehouse_id, &m->has_warehouse_id, err)) ||
        (rc = mc_imp_text(row, ix[C_WH_NAME], "WAREHOUSE_NAME", 1,
                          &m->warehouse_name, err)) ||
        (rc = mc_imp_decimal(row, ix[C_COMPUTE], "CREDITS_USED_COMPUTE",
                             MC_NANO_SCALE, &m->compute_nano, err)) ||
        (rc = mc_imp_decimal(row, ix[C_CS], "CREDITS_USED_CLOUD_SERVICES",
                             MC_NANO_SCALE, &m->cs_nano, err)))
        return rc;
    if (m->hour_ms % MC_MS_PER_HOUR != 0)
        return mc_error_set(err, MC_ERR_INPUT,
                            "START_TIME: not on a UTC hour");
    if (m->end_ms <= m->hour_ms || m->end_ms > m->hour_ms + MC_MS_PER_HOUR)
        return mc_error_set(err, MC_ERR_INPUT,
                            "END_TIME: not within the hour after START_TIME");
    if (m->compute_nano < 0 || m->cs_nano < 0)
        return mc_error_set(err, MC_ERR_INPUT, "negative credits");
    return MC_OK;
}

const struct mc_importer mc_importer_snowflake_warehouse_metering = {
    .name = "snowflake.warehouse_metering",
    .source = "snowflake",
    .summary = "Snowflake WAREHOUSE_METERING_HISTORY (START_TIME, END_TIME, "
               "WAREHOUSE_NAME, CREDITS_USED_COMPUTE; no QUERY_ID)",
    .detect = detect,
    .open = open_wm,
    .convert = convert,
    .close = free,
};
