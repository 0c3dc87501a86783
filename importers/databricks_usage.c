/* databricks_usage.c — Databricks system.billing.usage (reference/
 * warehouse-formats.md 3.1, 3.4): one row per usage record, map and
 * struct columns exported with to_json(). Quantities are decimal(38,18)
 * and kept exact; RETRACTION and RESTATEMENT records are records of their
 * own (negative and corrected quantities) and all of them are summed. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meshcost/importer.h"
#include "meshcost/importer_util.h"

enum {
    C_RECORD, C_WORKSPACE, C_SKU, C_CLOUD, C_START, C_END, C_TAGS, C_UNIT,
    C_QTY, C_META, C_IDENTITY, C_RTYPE, C_ORIGIN, C_UTYPE, C__COUNT
};

static const struct mc_column columns[C__COUNT] = {
    [C_RECORD] = {"record_id", 1},
    [C_WORKSPACE] = {"workspace_id", 0},
    [C_SKU] = {"sku_name", 1},
    [C_CLOUD] = {"cloud", 1},
    [C_START] = {"usage_start_time", 1},
    [C_END] = {"usage_end_time", 1},
    [C_TAGS] = {"custom_tags", 0},
    [C_UNIT] = {"usage_unit", 0},
    [C_QTY] = {"usage_quantity", 1},
    [C_META] = {"usage_metadata", 0},
    [C_IDENTITY] = {"identity_metadata", 0},
    [C_RTYPE] = {"record_type", 0},
    [C_ORIGIN] = {"billing_origin_product", 0},
    [C_UTYPE] = {"usage_type", 0},
};

/* usage_metadata members naming the resource that incurred the usage,
 * matched against `resource` assets. */
static const char *const resource_keys[] = {
    "job_id", "warehouse_id", "cluster_id", "dlt_pipeline_id", "endpoint_id",
    "notebook_id", "app_id", "instance_pool_id", NULL};

struct state {
    struct mc_imp_cols c; /* first: see mc_imp_open */
    struct mc_imp_buf resources, run_as;
};

static int detect(const struct mc_csv_row *h)
{
    static const char *const need[] = {"record_id", "sku_name",
                                       "usage_quantity", "usage_start_time",
                                       NULL};
    static const char *const also[] = {"usage_metadata", "custom_tags",
                                       "record_type", "cloud", "usage_unit",
                                       "identity_metadata", NULL};

    return mc_imp_score(h, need, also, 70);
}

static mc_err open_usage(void **out, const struct mc_csv_row *h,
                         const struct mc_import_ctx *ctx,
                         struct mc_error *err)
{
    (void)ctx;
    return mc_imp_open(out, sizeof(struct state), h, columns, C__COUNT, err);
}

static mc_err nomem(struct mc_error *err)
{
    return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
}

static mc_err resources(struct state *st, const struct mc_csv_row *row,
                        const char **out, struct mc_error *err)
{
    struct mc_imp_buf *b = &st->resources;
    json_t *root;
    mc_err rc;

    *out = NULL;
    mc_imp_buf_reset(b);
    if ((rc = mc_imp_json(row, st->c.idx[C_META], "usage_metadata", &root,
                          err)) != MC_OK || !root)
        return rc;
    if (!json_is_object(root)) {
        json_decref(root);
        return mc_error_set(err, MC_ERR_INPUT,
                            "usage_metadata: not a JSON object");
    }
    for (int i = 0; resource_keys[i]; i++) {
        json_t *v = json_object_get(root, resource_keys[i]);
        char num[32];
        const char *s = json_string_value(v);
        if (json_is_integer(v)) {
            snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT,
                     json_integer_value(v));
            s = num;
        }
        if (!s || !*s || strchr(s, '\n'))
            continue;
        if ((b->n && mc_imp_buf_add(b, "\n", 1)) ||
            mc_imp_buf_add(b, s, strlen(s))) {
            json_decref(root);
            return nomem(err);
        }
    }
    json_decref(root);
    *out = b->n ? b->p : NULL;
    return MC_OK;
}

static mc_err identity(struct state *st, const struct mc_csv_row *row,
                       const char **out, struct mc_error *err)
{
    json_t *root;
    const char *s;
    mc_err rc;

    *out = NULL;
    mc_imp_buf_reset(&st->run_as);
    if ((rc = mc_imp_json(row, st->c.idx[C_IDENTITY], "identity_metadata",
                          &root, err)) != MC_OK || !root)
        return rc;
    if (!json_is_object(root)) {
        json_decref(root);
        return mc_error_set(err, MC_ERR_INPUT,
                            "identity_metadata: not a JSON object");
    }
    s = json_string_value(json_object_get(root, "run_as"));
    if (s && *s && mc_imp_buf_add(&st->run_as, s, strlen(s))) {
        json_decref(root);
        return nomem(err);
    }
    json_decref(root);
    *out = st->run_as.n ? st->run_as.p : NULL;
    return MC_OK;
}

static mc_err tags(const struct state *st, const struct mc_csv_row *row,
                   const char **out, struct mc_error *err)
{
    json_t *root;
    mc_err rc;

    *out = NULL;
    if ((rc = mc_imp_json(row, st->c.idx[C_TAGS], "custom_tags", &root,
                          err)) != MC_OK || !root)
        return rc;
    if (!json_is_object(root) && !json_is_null(root)) {
        json_decref(root);
        return mc_error_set(err, MC_ERR_INPUT,
                            "custom_tags: not a JSON object");
    }
    if (json_is_object(root) && json_object_size(root))
        *out = mc_csv_get(row, st->c.idx[C_TAGS]);
    json_decref(root);
    return MC_OK;
}

static mc_err convert(void *state, const struct mc_csv_row *row,
                      struct mc_record *out, struct mc_error *err)
{
    struct state *st = state;
    const int *ix = st->c.idx;
    struct mc_dbx_usage *u = &out->u.du;
    struct mc_error perr;
    const char *q;
    mc_err rc;

    out->kind = MC_REC_DBX_USAGE;
    if ((rc = mc_imp_width(row, st->c.width, err)) ||
        (rc = mc_imp_text(row, ix[C_RECORD], "record_id", 1, &u->record_id,
                          err)) ||
        (rc = mc_imp_text(row, ix[C_SKU], "sku_name", 1, &u->sku_name,
                          err)) ||
        (rc = mc_imp_text(row, ix[C_CLOUD], "cloud", 1, &u->cloud, err)) ||
        (rc = mc_imp_time(row, ix[C_START], "usage_start_time", 1,
                          &u->start_ms, NULL, err)) ||
        (rc = mc_imp_time(row, ix[C_END], "usage_end_time", 1, &u->end_ms,
                          NULL, err)) ||
        (rc = mc_imp_text(row, ix[C_QTY], "usage_quantity", 1, &q, err)) ||
        (rc = tags(st, row, &u->custom_tags, err)) ||
        (rc = resources(st, row, &u->resources, err)) ||
        (rc = identity(st, row, &u->run_as, err)))
        return rc;
    if (u->end_ms < u->start_ms)
        return mc_error_set(err, MC_ERR_INPUT,
                            "usage_end_time before usage_start_time");
    if (mc_decimal_parse128(q, MC_DBX_QTY_SCALE, &u->quantity, &perr) !=
        MC_OK)
        return mc_error_set(err, MC_ERR_INPUT, "usage_quantity: %s",
                            perr.msg);
    u->workspace_id = mc_csv_get(row, ix[C_WORKSPACE]);
    u->usage_unit = mc_csv_get(row, ix[C_UNIT]);
    u->usage_type = mc_csv_get(row, ix[C_UTYPE]);
    u->record_type = mc_csv_get(row, ix[C_RTYPE]);
    u->product = mc_csv_get(row, ix[C_ORIGIN]);
    return MC_OK;
}

static void close_usage(void *state)
{
    struct state *st = state;

    mc_imp_buf_free(&st->resources);
    mc_imp_buf_free(&st->run_as);
    free(st);
}

const struct mc_importer mc_importer_databricks_usage = {
    .name = "databricks.usage",
    .source = "databricks",
    .summary = "Databricks system.billing.usage (record_id, sku_name, cloud, "
               "usage_start_time, usage_quantity, custom_tags, "
               "usage_metadata, identity_metadata as JSON, record_type)",
    .detect = detect,
    .open = open_usage,
    .convert = convert,
    .close = close_usage,
};
