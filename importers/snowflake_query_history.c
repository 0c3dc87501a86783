/* snowflake_query_history.c — SNOWFLAKE.ACCOUNT_USAGE.QUERY_HISTORY
 * (reference/warehouse-formats.md 1.1): one row per statement. */
#include <stdlib.h>

#include "meshcost/importer.h"
#include "meshcost/importer_util.h"
#include "meshcost/money.h"

enum {
    C_ID, C_TEXT, C_TYPE, C_USER, C_ROLE, C_WH_ID, C_WH_NAME, C_WH_SIZE,
    C_TAG, C_STATUS, C_HASH, C_PHASH, C_START, C_END, C_EXEC, C_CS,
    C_BYTES, C__COUNT
};

static const struct mc_column columns[C__COUNT] = {
    [C_ID] = {"QUERY_ID", 1},
    [C_TEXT] = {"QUERY_TEXT", 0},
    [C_TYPE] = {"QUERY_TYPE", 0},
    [C_USER] = {"USER_NAME", 0},
    [C_ROLE] = {"ROLE_NAME", 0},
    [C_WH_ID] = {"WAREHOUSE_ID", 0},
    [C_WH_NAME] = {"WAREHOUSE_NAME", 1},
    [C_WH_SIZE] = {"WAREHOUSE_SIZE", 0},
    [C_TAG] = {"QUERY_TAG", 0},
    [C_STATUS] = {"EXECUTION_STATUS", 0},
    [C_HASH] = {"QUERY_HASH", 0},
    [C_PHASH] = {"QUERY_PARAMETERIZED_HASH", 0},
    [C_START] = {"START_TIME", 1},
    [C_END] = {"END_TIME", 1},
    [C_EXEC] = {"EXECUTION_TIME", 1},
    [C_CS] = {"CREDITS_USED_CLOUD_SERVICES", 1},
    [C_BYTES] = {"BYTES_SCANNED", 0},
};

struct state {
    struct mc_imp_cols c; /* first: see mc_imp_open */
};

static int detect(const struct mc_csv_row *h)
{
    static const char *const need[] = {"QUERY_ID", "QUERY_TEXT",
                                       "START_TIME", "END_TIME",
                                       "EXECUTION_TIME", "WAREHOUSE_NAME",
                                       NULL};
    static const char *const also[] = {
        "QUERY_TYPE", "USER_NAME", "ROLE_NAME", "CREDITS_USED_CLOUD_SERVICES",
        "TOTAL_ELAPSED_TIME", "QUERY_PARAMETERIZED_HASH", "COMPILATION_TIME",
        NULL};

    return mc_imp_score(h, need, also, 60);
}

static mc_err open_qh(void **out, const struct mc_csv_row *h,
                      const struct mc_import_ctx *ctx, struct mc_error *err)
{
    (void)ctx;
    return mc_imp_open(out, sizeof(struct state), h, columns, C__COUNT, err);
}

static mc_err texts(const struct state *st, const struct mc_csv_row *row,
                    struct mc_sf_query *q, struct mc_error *err)
{
    const int *ix = st->c.idx;
    mc_err rc;

    if ((rc = mc_imp_text(row, ix[C_ID], "QUERY_ID", 1, &q->query_id,
                          err)) != MC_OK)
        return rc;
    q->query_text = mc_csv_get(row, ix[C_TEXT]);
    q->query_type = mc_csv_get(row, ix[C_TYPE]);
    q->user_name = mc_csv_get(row, ix[C_USER]);
    q->role_name = mc_csv_get(row, ix[C_ROLE]);
    q->warehouse_name = mc_csv_get(row, ix[C_WH_NAME]);
    q->warehouse_size = mc_csv_get(row, ix[C_WH_SIZE]);
    q->query_tag = mc_csv_get(row, ix[C_TAG]);
    q->execution_status = mc_csv_get(row, ix[C_STATUS]);
    q->query_hash = mc_csv_get(row, ix[C_HASH]);
    q->query_parameterized_hash = mc_csv_get(row, ix[C_PHASH]);
    return MC_OK;
}

static mc_err numbers(const struct state *st, const struct mc_csv_row *row,
                      struct mc_sf_query *q, struct mc_error *err)
{
    const int *ix = st->c.idx;
    mc_err rc;

    if ((rc = mc_imp_time(row, ix[C_START], "START_TIME", 1, &q->start_ms,
                          NULL, err)) ||
        (rc = mc_imp_time(row, ix[C_END], "END_TIME", 1, &q->end_ms, NULL,
                          err)) ||
        (rc = mc_imp_int(row, ix[C_EXEC], "EXECUTION_TIME", 0, 0,
                         &q->execution_ms, NULL, err)) ||
        (rc = mc_imp_int(row, ix[C_WH_ID], "WAREHOUSE_ID", 0, 0,
                         &q->warehouse_id, &q->has_warehouse_id, err)) ||
        (rc = mc_imp_int(row, ix[C_BYTES], "BYTES_SCANNED", 0, 0,
                         &q->bytes_scanned, NULL, err)) ||
        (rc = mc_imp_decimal(row, ix[C_CS], "CREDITS_USED_CLOUD_SERVICES",
                             MC_NANO_SCALE, &q->cs_nano, err)))
        return rc;
    if (q->end_ms < q->start_ms)
        return mc_error_set(err, MC_ERR_INPUT, "END_TIME before START_TIME");
    if (q->execution_ms < 0)
        return mc_error_set(err, MC_ERR_INPUT, "EXECUTION_TIME: negative");
    if (q->execution_ms > q->end_ms - q->start_ms)
        return mc_error_set(err, MC_ERR_INPUT,
                            "EXECUTION_TIME longer than END_TIME - "
                            "START_TIME");
    if (q->cs_nano < 0)
        return mc_error_set(err, MC_ERR_INPUT,
                            "CREDITS_USED_CLOUD_SERVICES: negative");
    return MC_OK;
}

static mc_err convert(void *state, const struct mc_csv_row *row,
                      struct mc_record *out, struct mc_error *err)
{
    const struct state *st = state;
    mc_err rc;

    out->kind = MC_REC_SF_QUERY;
    if ((rc = mc_imp_width(row, st->c.width, err)) ||
        (rc = texts(st, row, &out->u.q, err)))
        return rc;
    return numbers(st, row, &out->u.q, err);
}

const struct mc_importer mc_importer_snowflake_query_history = {
    .name = "snowflake.query_history",
    .source = "snowflake",
    .summary = "Snowflake ACCOUNT_USAGE.QUERY_HISTORY (QUERY_ID, QUERY_TEXT, "
               "START_TIME, END_TIME, EXECUTION_TIME, WAREHOUSE_NAME, ...)",
    .detect = detect,
    .open = open_qh,
    .convert = convert,
    .close = free,
};
