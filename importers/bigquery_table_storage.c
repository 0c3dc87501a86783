/* bigquery_table_storage.c — BigQuery INFORMATION_SCHEMA.TABLE_STORAGE
 * (reference/warehouse-formats.md 2.3): a snapshot, one row per table,
 * with bytes per storage class. The day comes from a YYYY-MM-DD in the
 * file name, else --as-of (DESIGN 4.3). */
#include <stdlib.h>
#include <stdio.h>

#include "meshcost/importer.h"
#include "meshcost/importer_util.h"

enum {
    C_PROJECT, C_SCHEMA, C_TABLE, C_AL, C_LL, C_AP, C_LP, C_FS, C_DELETED,
    C__COUNT
};

static const struct mc_column columns[C__COUNT] = {
    [C_PROJECT] = {"project_id", 1},
    [C_SCHEMA] = {"table_schema", 1},
    [C_TABLE] = {"table_name", 1},
    [C_AL] = {"active_logical_bytes", 1},
    [C_LL] = {"long_term_logical_bytes", 1},
    [C_AP] = {"active_physical_bytes", 0},
    [C_LP] = {"long_term_physical_bytes", 0},
    [C_FS] = {"fail_safe_physical_bytes", 0},
    [C_DELETED] = {"deleted", 0},
};

struct state {
    struct mc_imp_cols c; /* first: see mc_imp_open */
    mc_day day;
    char fqn[1024];
};

static int detect(const struct mc_csv_row *h)
{
    static const char *const need[] = {"table_schema", "table_name",
                                       "active_logical_bytes",
                                       "long_term_logical_bytes", NULL};
    static const char *const also[] = {"project_id", "total_logical_bytes",
                                       "active_physical_bytes",
                                       "long_term_physical_bytes",
                                       "fail_safe_physical_bytes", NULL};

    return mc_imp_score(h, need, also, 70);
}

static mc_err open_bs(void **out, const struct mc_csv_row *h,
                      const struct mc_import_ctx *ctx, struct mc_error *err)
{
    mc_day day;

    if (mc_imp_snapshot_day(ctx, &day, err) != MC_OK ||
        mc_imp_open(out, sizeof(struct state), h, columns, C__COUNT, err) !=
            MC_OK)
        return err->code;
    ((struct state *)*out)->day = day;
    return MC_OK;
}

static mc_err bytes(const struct mc_csv_row *row, int idx, const char *name,
                    int64_t *out, struct mc_error *err)
{
    mc_err rc = mc_imp_int(row, idx, name, 0, 0, out, NULL, err);

    if (rc == MC_OK && *out < 0)
        return mc_error_set(err, MC_ERR_INPUT, "%s: negative", name);
    return rc;
}

static mc_err convert(void *state, const struct mc_csv_row *row,
                      struct mc_record *out, struct mc_error *err)
{
    struct state *st = state;
    const int *ix = st->c.idx;
    struct mc_bq_storage *s = &out->u.bs;
    const char *p, *d, *t;
    mc_err rc;

    out->kind = MC_REC_BQ_STORAGE;
    s->snapshot_day = st->day;
    if ((rc = mc_imp_width(row, st->c.width, err)) ||
        (rc = mc_imp_text(row, ix[C_PROJECT], "project_id", 1, &p, err)) ||
        (rc = mc_imp_text(row, ix[C_SCHEMA], "table_schema", 1, &d, err)) ||
        (rc = mc_imp_text(row, ix[C_TABLE], "table_name", 1, &t, err)) ||
        (rc = bytes(row, ix[C_AL], "active_logical_bytes", &s->active_logical,
                    err)) ||
        (rc = bytes(row, ix[C_LL], "long_term_logical_bytes",
                    &s->long_term_logical, err)) ||
        (rc = bytes(row, ix[C_AP], "active_physical_bytes",
                    &s->active_physical, err)) ||
        (rc = bytes(row, ix[C_LP], "long_term_physical_bytes",
                    &s->long_term_physical, err)) ||
        (rc = bytes(row, ix[C_FS], "fail_safe_physical_bytes",
                    &s->fail_safe_physical, err)))
        return rc;
    if ((size_t)snprintf(st->fqn, sizeof st->fqn, "%s.%s.%s", p, d, t) >=
        sizeof st->fqn)
        return mc_error_set(err, MC_ERR_INPUT, "table name too long");
    s->table_fqn = st->fqn;
    s->deleted = 0;
    if (mc_csv_get(row, ix[C_DELETED]))
        return mc_imp_bool(row, ix[C_DELETED], "deleted", &s->deleted, err);
    return MC_OK;
}

const struct mc_importer mc_importer_bigquery_table_storage = {
    .name = "bigquery.table_storage",
    .source = "bigquery",
    .summary = "BigQuery INFORMATION_SCHEMA.TABLE_STORAGE snapshot "
               "(table_schema, table_name, active/long-term logical and "
               "physical bytes); date from the file name or --as-of",
    .detect = detect,
    .open = open_bs,
    .convert = convert,
    .close = free,
};
