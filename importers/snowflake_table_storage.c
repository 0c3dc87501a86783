/* snowflake_table_storage.c — TABLE_STORAGE_METRICS
 * (reference/warehouse-formats.md 1.6): a snapshot with no date column; the
 * day comes from a YYYY-MM-DD in the file name, else --as-of. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meshcost/importer.h"
#include "meshcost/importer_util.h"

enum {
    C_ID, C_NAME, C_SCHEMA, C_CATALOG, C_ACTIVE, C_TT, C_FS, C_CLONE,
    C_DELETED, C__COUNT
};

static const struct mc_column columns[C__COUNT] = {
    [C_ID] = {"ID", 1},
    [C_NAME] = {"TABLE_NAME", 1},
    [C_SCHEMA] = {"TABLE_SCHEMA", 1},
    [C_CATALOG] = {"TABLE_CATALOG", 1},
    [C_ACTIVE] = {"ACTIVE_BYTES", 1},
    [C_TT] = {"TIME_TRAVEL_BYTES", 0},
    [C_FS] = {"FAILSAFE_BYTES", 0},
    [C_CLONE] = {"RETAINED_FOR_CLONE_BYTES", 0},
    [C_DELETED] = {"DELETED", 0},
};

struct state {
    struct mc_imp_cols c; /* first: see mc_imp_open */
    mc_day day;
    char fqn[1024];
};

static int detect(const struct mc_csv_row *h)
{
    static const char *const need[] = {"ID", "TABLE_NAME", "TABLE_SCHEMA",
                                       "TABLE_CATALOG", "ACTIVE_BYTES", NULL};
    static const char *const also[] = {"TIME_TRAVEL_BYTES", "FAILSAFE_BYTES",
                                       "RETAINED_FOR_CLONE_BYTES",
                                       "CLONE_GROUP_ID", NULL};

    return mc_imp_score(h, need, also, 60);
}

static mc_err open_ts(void **out, const struct mc_csv_row *h,
                      const struct mc_import_ctx *ctx, struct mc_error *err)
{
    mc_day day;

    if (mc_imp_snapshot_day(ctx, &day, err) != MC_OK)
        return err->code;
    if (mc_imp_open(out, sizeof(struct state), h, columns, C__COUNT, err) !=
        MC_OK)
        return err->code;
    ((struct state *)*out)->day = day;
    return MC_OK;
}

static mc_err add_bytes(const struct mc_csv_row *row, int idx,
                        const char *name, int64_t *total,
                        struct mc_error *err)
{
    int64_t v;
    mc_err rc = mc_imp_int(row, idx, name, 0, 0, &v, NULL, err);

    if (rc != MC_OK)
        return rc;
    if (v < 0)
        return mc_error_set(err, MC_ERR_INPUT, "%s: negative", name);
    if (__builtin_add_overflow(*total, v, total))
        return mc_error_set(err, MC_ERR_INPUT, "%s: too large", name);
    return MC_OK;
}

static mc_err convert(void *state, const struct mc_csv_row *row,
                      struct mc_record *out, struct mc_error *err)
{
    struct state *st = state;
    const int *ix = st->c.idx;
    struct mc_sf_storage *s = &out->u.s;
    const char *db, *sch, *name;
    mc_err rc;

    out->kind = MC_REC_SF_STORAGE;
    s->snapshot_day = st->day;
    s->bytes = 0;
    if ((rc = mc_imp_width(row, st->c.width, err)) ||
        (rc = mc_imp_int(row, ix[C_ID], "ID", 1, 0, &s->table_id, NULL,
                         err)) ||
        (rc = add_bytes(row, ix[C_ACTIVE], "ACTIVE_BYTES", &s->bytes, err)) ||
        (rc = add_bytes(row, ix[C_TT], "TIME_TRAVEL_BYTES", &s->bytes, err)) ||
        (rc = add_bytes(row, ix[C_FS], "FAILSAFE_BYTES", &s->bytes, err)) ||
        (rc = add_bytes(row, ix[C_CLONE], "RETAINED_FOR_CLONE_BYTES",
                        &s->bytes, err)) ||
        (rc = mc_imp_bool(row, ix[C_DELETED], "DELETED", &s->deleted, err)))
        return rc;
    /* Dropped versions in fail-safe may lack names: keep their bytes. */
    db = mc_csv_get(row, ix[C_CATALOG]);
    sch = mc_csv_get(row, ix[C_SCHEMA]);
    name = mc_csv_get(row, ix[C_NAME]);
    snprintf(st->fqn, sizeof st->fqn, "%s.%s.%s", db ? db : "?",
             sch ? sch : "?", name ? name : "?");
    s->table_fqn = st->fqn;
    return MC_OK;
}

const struct mc_importer mc_importer_snowflake_table_storage = {
    .name = "snowflake.table_storage",
    .source = "snowflake",
    .summary = "Snowflake TABLE_STORAGE_METRICS snapshot (ID, TABLE_NAME, "
               "TABLE_SCHEMA, TABLE_CATALOG, ACTIVE_BYTES, ...); date from "
               "the file name or --as-of",
    .detect = detect,
    .open = open_ts,
    .convert = convert,
    .close = free,
};
