/* bigquery_jobs.c — BigQuery INFORMATION_SCHEMA.JOBS (reference/
 * warehouse-formats.md 2.1, 2.4): one row per job, exported to CSV with
 * labels, referenced_tables and destination_table flattened to JSON text
 * (TO_JSON_STRING). Jobs not DONE yet are skipped: a later export brings
 * them finished, and the job id is the natural key. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "meshcost/importer.h"
#include "meshcost/importer_util.h"

enum {
    C_PROJECT, C_JOB, C_PARENT, C_USER, C_STMT, C_STATE, C_START, C_END,
    C_CACHE, C_BILLED, C_SLOT, C_RESERVATION, C_EDITION, C_ERROR, C_LABELS,
    C_TABLES, C_DEST, C_QUERY, C__COUNT
};

static const struct mc_column columns[C__COUNT] = {
    [C_PROJECT] = {"project_id", 1},
    [C_JOB] = {"job_id", 1},
    [C_PARENT] = {"parent_job_id", 0},
    [C_USER] = {"user_email", 0},
    [C_STMT] = {"statement_type", 0},
    [C_STATE] = {"state", 0},
    [C_START] = {"start_time", 0},
    [C_END] = {"end_time", 1},
    [C_CACHE] = {"cache_hit", 0},
    [C_BILLED] = {"total_bytes_billed", 1},
    [C_SLOT] = {"total_slot_ms", 1},
    [C_RESERVATION] = {"reservation_id", 0},
    [C_EDITION] = {"edition", 0},
    [C_ERROR] = {"error_reason", 0},
    [C_LABELS] = {"labels_json", 0},
    [C_TABLES] = {"referenced_tables_json", 0},
    [C_DEST] = {"destination_table_json", 0},
    [C_QUERY] = {"query", 0},
};

struct state {
    struct mc_imp_cols c; /* first: see mc_imp_open */
    struct mc_imp_buf labels, tables, dest;
};

static int detect(const struct mc_csv_row *h)
{
    static const char *const need[] = {"job_id", "total_bytes_billed",
                                       "total_slot_ms", "end_time", NULL};
    static const char *const also[] = {"project_id", "statement_type",
                                       "reservation_id", "cache_hit",
                                       "creation_time", "labels_json",
                                       "referenced_tables_json", NULL};

    return mc_imp_score(h, need, also, 70);
}

static mc_err open_jobs(void **out, const struct mc_csv_row *h,
                        const struct mc_import_ctx *ctx, struct mc_error *err)
{
    (void)ctx;
    return mc_imp_open(out, sizeof(struct state), h, columns, C__COUNT, err);
}

static mc_err nomem(struct mc_error *err)
{
    return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
}

/* Labels: [{"key":k,"value":v},...] (TO_JSON_STRING of the repeated
 * struct) or already an object {k:v}; kept as a JSON object text. */
static mc_err labels(struct state *st, const struct mc_csv_row *row,
                     const char **out, struct mc_error *err)
{
    json_t *root, *obj, *el;
    size_t i;
    char *text;
    mc_err rc;

    *out = NULL;
    if ((rc = mc_imp_json(row, st->c.idx[C_LABELS], "labels_json", &root,
                          err)) != MC_OK || !root)
        return rc;
    if (json_is_object(root)) {
        obj = json_incref(root);
    } else if (json_is_array(root)) {
        obj = json_object();
        json_array_foreach(root, i, el) {
            json_t *k = json_object_get(el, "key");
            json_t *v = json_object_get(el, "value");
            if (!json_is_string(k) || !(json_is_string(v) || json_is_null(v))) {
                json_decref(obj);
                json_decref(root);
                return mc_error_set(err, MC_ERR_INPUT,
                                    "labels_json: element %zu is not "
                                    "{\"key\":...,\"value\":...}",
                                    i + 1);
            }
            if (obj && json_is_string(v))
                json_object_set(obj, json_string_value(k), v);
        }
    } else {
        json_decref(root);
        return mc_error_set(err, MC_ERR_INPUT,
                            "labels_json: not a JSON array or object");
    }
    json_decref(root);
    mc_imp_buf_reset(&st->labels);
    if (!obj)
        return nomem(err);
    if (json_object_size(obj) == 0) {
        json_decref(obj);
        return MC_OK;
    }
    text = json_dumps(obj, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(obj);
    if (!text)
        return nomem(err);
    if (mc_imp_buf_add(&st->labels, text, strlen(text))) {
        free(text);
        return nomem(err);
    }
    free(text);
    *out = st->labels.p;
    return MC_OK;
}

/* Appends project.dataset.table of a {project_id, dataset_id, table_id}
 * object; anonymous result datasets (starting with '_') are skipped. */
static int add_table(struct mc_imp_buf *b, json_t *t)
{
    const char *p = json_string_value(json_object_get(t, "project_id"));
    const char *d = json_string_value(json_object_get(t, "dataset_id"));
    const char *n = json_string_value(json_object_get(t, "table_id"));

    if (!p || !d || !n)
        return 1;
    if (d[0] == '_')
        return 0;
    if ((b->n && mc_imp_buf_add(b, "\n", 1)) ||
        mc_imp_buf_add(b, p, strlen(p)) || mc_imp_buf_add(b, ".", 1) ||
        mc_imp_buf_add(b, d, strlen(d)) || mc_imp_buf_add(b, ".", 1) ||
        mc_imp_buf_add(b, n, strlen(n)))
        return -1;
    return 0;
}

static mc_err tables(struct mc_imp_buf *b, const struct mc_csv_row *row,
                     int idx, const char *name, int array, const char **out,
                     struct mc_error *err)
{
    json_t *root, *el;
    size_t i;
    int r = 0;
    mc_err rc;

    *out = NULL;
    mc_imp_buf_reset(b);
    if ((rc = mc_imp_json(row, idx, name, &root, err)) != MC_OK || !root)
        return rc;
    if (json_is_null(root)) {
        json_decref(root);
        return MC_OK;
    }
    if (array && json_is_array(root)) {
        json_array_foreach(root, i, el) {
            if ((r = add_table(b, el)) != 0)
                break;
        }
    } else if (!array && json_is_object(root)) {
        r = add_table(b, root);
    } else {
        r = 1;
    }
    json_decref(root);
    if (r < 0)
        return nomem(err);
    if (r > 0)
        return mc_error_set(err, MC_ERR_INPUT,
                            "%s: expected %s of {project_id, dataset_id, "
                            "table_id}",
                            name, array ? "an array" : "an object");
    *out = b->n ? b->p : NULL;
    return MC_OK;
}

static mc_err convert(void *state, const struct mc_csv_row *row,
                      struct mc_record *out, struct mc_error *err)
{
    struct state *st = state;
    const int *ix = st->c.idx;
    struct mc_bq_job *j = &out->u.bj;
    const char *s;
    int has_start = 0;
    mc_err rc;

    out->kind = MC_REC_BQ_JOB;
    if ((rc = mc_imp_width(row, st->c.width, err)) ||
        (rc = mc_imp_text(row, ix[C_PROJECT], "project_id", 1, &j->project_id,
                          err)) ||
        (rc = mc_imp_text(row, ix[C_JOB], "job_id", 1, &j->job_id, err)))
        return rc;
    s = mc_csv_get(row, ix[C_STATE]);
    if (s && strcasecmp(s, "DONE") != 0) {
        out->kind = MC_REC_NONE; /* still running: a later export has it */
        return MC_OK;
    }
    if ((rc = mc_imp_time(row, ix[C_END], "end_time", 1, &j->end_ms, NULL,
                          err)) ||
        (rc = mc_imp_time(row, ix[C_START], "start_time", 0, &j->start_ms,
                          &has_start, err)) ||
        (rc = mc_imp_int(row, ix[C_BILLED], "total_bytes_billed", 0, 0,
                         &j->bytes_billed, NULL, err)) ||
        (rc = mc_imp_int(row, ix[C_SLOT], "total_slot_ms", 0, 0, &j->slot_ms,
                         NULL, err)) ||
        (rc = labels(st, row, &j->labels, err)) ||
        (rc = tables(&st->tables, row, ix[C_TABLES],
                     "referenced_tables_json", 1, &j->tables_read, err)) ||
        (rc = tables(&st->dest, row, ix[C_DEST], "destination_table_json", 0,
                     &j->table_written, err)))
        return rc;
    if (!has_start)
        j->start_ms = j->end_ms;
    if (j->end_ms < j->start_ms)
        return mc_error_set(err, MC_ERR_INPUT, "end_time before start_time");
    if (j->bytes_billed < 0 || j->slot_ms < 0)
        return mc_error_set(err, MC_ERR_INPUT, "%s: negative",
                            j->bytes_billed < 0 ? "total_bytes_billed"
                                                : "total_slot_ms");
    j->cache_hit = 0;
    if (mc_csv_get(row, ix[C_CACHE]) &&
        (rc = mc_imp_bool(row, ix[C_CACHE], "cache_hit", &j->cache_hit,
                          err)) != MC_OK)
        return rc;
    j->parent_job_id = mc_csv_get(row, ix[C_PARENT]);
    j->user_email = mc_csv_get(row, ix[C_USER]);
    j->statement_type = mc_csv_get(row, ix[C_STMT]);
    j->reservation_id = mc_csv_get(row, ix[C_RESERVATION]);
    j->edition = mc_csv_get(row, ix[C_EDITION]);
    j->error_reason = mc_csv_get(row, ix[C_ERROR]);
    j->query_text = mc_csv_get(row, ix[C_QUERY]);
    return MC_OK;
}

static void close_jobs(void *state)
{
    struct state *st = state;

    mc_imp_buf_free(&st->labels);
    mc_imp_buf_free(&st->tables);
    mc_imp_buf_free(&st->dest);
    free(st);
}

const struct mc_importer mc_importer_bigquery_jobs = {
    .name = "bigquery.jobs",
    .source = "bigquery",
    .summary = "BigQuery INFORMATION_SCHEMA.JOBS (job_id, end_time, "
               "total_bytes_billed, total_slot_ms, reservation_id, "
               "labels_json, referenced_tables_json, ...)",
    .detect = detect,
    .open = open_jobs,
    .convert = convert,
    .close = close_jobs,
};
