/* store_load.c — loads: the load row, its records, its rejects.
 * Every record is an upsert on its natural key, so the latest load of a
 * query, meter hour or storage snapshot row wins (DESIGN 4.5.4). */
#include <ctype.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "meshcost/store.h"
#include "meshcost/store_internal.h"
#include "meshcost/time.h"

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static mc_err step_done(struct mc_store *s, sqlite3_stmt *st,
                        struct mc_error *err, const char *what)
{
    int rc = sqlite3_step(st);

    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc == SQLITE_DONE || rc == SQLITE_ROW)
        return MC_OK;
    return mc_store_error(s, err, what);
}

static void touch_day(struct mc_store *s, mc_day d)
{
    if (!s->has_days || d < s->min_day)
        s->min_day = d;
    if (!s->has_days || d > s->max_day)
        s->max_day = d;
    s->has_days = 1;
}

void mc_store_now(char *buf, size_t n)
{
    time_t t = time(NULL);
    struct tm tm;

    gmtime_r(&t, &tm);
    strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

mc_err mc_store_load_known(struct mc_store *s, const char *sha256,
                           int *known, struct mc_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc;

    if (sqlite3_prepare_v2(s->db,
                           "SELECT 1 FROM loads WHERE sha256 = ? AND "
                           "status = 'loaded'",
                           -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(s, err, "looking up loads");
    sqlite3_bind_text(st, 1, sha256, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return mc_store_error(s, err, "looking up loads");
    *known = rc == SQLITE_ROW;
    return MC_OK;
}

mc_err mc_store_load_begin(struct mc_store *s, const char *path,
                           const char *sha256, const char *importer,
                           const char *source, int64_t *load_id,
                           struct mc_error *err)
{
    sqlite3_stmt *st = NULL;
    char now[32];
    mc_err rc = MC_OK;

    mc_store_now(now, sizeof now);
    if (sqlite3_prepare_v2(s->db,
                           "INSERT INTO loads(path, sha256, importer, source, "
                           "loaded_at) VALUES (?,?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(s, err, "recording load");
    bind_text(st, 1, path);
    bind_text(st, 2, sha256);
    bind_text(st, 3, importer);
    bind_text(st, 4, source);
    bind_text(st, 5, now);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = mc_store_error(s, err, "recording load");
    else
        *load_id = sqlite3_last_insert_rowid(s->db);
    sqlite3_finalize(st);
    s->has_days = 0;
    mc_store_scopes_clear(s);
    return rc;
}

static mc_err put_query(struct mc_store *s, int64_t load_id,
                        const struct mc_sf_query *q, struct mc_error *err)
{
    sqlite3_stmt *st = s->st[ST_QUERY];
    mc_err rc;

    bind_text(st, 1, q->query_id);
    sqlite3_bind_int64(st, 2, load_id);
    sqlite3_bind_int64(st, 3, q->start_ms);
    sqlite3_bind_int64(st, 4, q->end_ms);
    sqlite3_bind_int64(st, 5, q->execution_ms);
    if (q->has_warehouse_id)
        sqlite3_bind_int64(st, 6, q->warehouse_id);
    bind_text(st, 7, q->warehouse_name);
    bind_text(st, 8, q->warehouse_size);
    bind_text(st, 9, q->user_name);
    bind_text(st, 10, q->role_name);
    bind_text(st, 11, q->query_tag);
    bind_text(st, 12, q->query_type);
    bind_text(st, 13, q->execution_status);
    sqlite3_bind_int64(st, 14, q->cs_nano);
    sqlite3_bind_int64(st, 15, q->bytes_scanned);
    bind_text(st, 16, q->query_hash);
    bind_text(st, 17, q->query_parameterized_hash);
    touch_day(s, mc_day_of(q->end_ms - q->execution_ms));
    touch_day(s, mc_day_of(q->end_ms));
    if ((rc = step_done(s, st, err, "storing query")) != MC_OK ||
        !q->query_text)
        return rc;
    st = s->st[ST_QUERY_TEXT];
    bind_text(st, 1, q->query_parameterized_hash ? q->query_parameterized_hash
                                                 : "");
    bind_text(st, 2, q->query_text);
    return step_done(s, st, err, "storing query text");
}

static mc_err put_objects(struct mc_store *s, const char *query_id,
                          const char *kind, const char *const *names,
                          size_t n, struct mc_error *err)
{
    sqlite3_stmt *st = s->st[ST_ACCESS_OBJ];
    mc_err rc;

    for (size_t i = 0; i < n; i++) {
        bind_text(st, 1, query_id);
        bind_text(st, 2, kind);
        bind_text(st, 3, names[i]);
        if ((rc = step_done(s, st, err, "storing access object")) != MC_OK)
            return rc;
    }
    return MC_OK;
}

static mc_err put_access(struct mc_store *s, int64_t load_id,
                         const struct mc_sf_access *a, struct mc_error *err)
{
    sqlite3_stmt *st = s->st[ST_ACCESS];
    mc_err rc;

    bind_text(st, 1, a->query_id);
    sqlite3_bind_int64(st, 2, load_id);
    if (a->has_start) {
        sqlite3_bind_int64(st, 3, a->start_ms);
        touch_day(s, mc_day_of(a->start_ms));
    }
    bind_text(st, 4, a->user_name);
    if ((rc = step_done(s, st, err, "storing access history")) != MC_OK)
        return rc;
    bind_text(s->st[ST_ACCESS_DEL], 1, a->query_id);
    if ((rc = step_done(s, s->st[ST_ACCESS_DEL], err,
                        "restating access history")) != MC_OK)
        return rc;
    if ((rc = put_objects(s, a->query_id, "base", a->base, a->n_base,
                          err)) != MC_OK)
        return rc;
    return put_objects(s, a->query_id, "modified", a->modified,
                       a->n_modified, err);
}

static mc_err put_meter(struct mc_store *s, int64_t load_id,
                        const struct mc_sf_meter *m, struct mc_error *err)
{
    sqlite3_stmt *st = s->st[ST_METER];
    char key[256];
    size_t i;

    for (i = 0; m->warehouse_name[i] && i < sizeof key - 1; i++)
        key[i] = (char)toupper((unsigned char)m->warehouse_name[i]);
    key[i] = '\0';
    bind_text(st, 1, key);
    sqlite3_bind_int64(st, 2, m->hour_ms);
    if (m->has_warehouse_id)
        sqlite3_bind_int64(st, 3, m->warehouse_id);
    bind_text(st, 4, m->warehouse_name);
    sqlite3_bind_int64(st, 5, m->compute_nano);
    sqlite3_bind_int64(st, 6, m->cs_nano);
    sqlite3_bind_int64(st, 7, load_id);
    touch_day(s, mc_day_of(m->hour_ms));
    return step_done(s, st, err, "storing metering");
}

static mc_err put_storage(struct mc_store *s, int64_t load_id,
                          const struct mc_sf_storage *t,
                          struct mc_error *err)
{
    sqlite3_stmt *st = s->st[ST_STORAGE];
    char day[MC_DATE_BUFSZ];

    mc_date_format(t->snapshot_day, day);
    sqlite3_bind_text(st, 1, day, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, t->table_id);
    bind_text(st, 3, t->table_fqn);
    sqlite3_bind_int64(st, 4, t->bytes);
    sqlite3_bind_int(st, 5, t->deleted ? 1 : 0);
    sqlite3_bind_int64(st, 6, load_id);
    touch_day(s, t->snapshot_day);
    return step_done(s, st, err, "storing table storage");
}

void mc_store_scopes_clear(struct mc_store *s)
{
    for (size_t i = 0; i < s->n_scopes; i++)
        free(s->scopes[i]);
    free(s->scopes);
    s->scopes = NULL;
    s->n_scopes = 0;
}

/* The first line of a scope in a load replaces the scope's earlier loads. */
static mc_err replace_scope(struct mc_store *s, int64_t load_id,
                            const char *scope, struct mc_error *err)
{
    sqlite3_stmt *st = s->st[ST_FOCUS_SCOPE];
    char **v;

    for (size_t i = 0; i < s->n_scopes; i++)
        if (strcmp(s->scopes[i], scope) == 0)
            return MC_OK;
    if (!(v = realloc(s->scopes, (s->n_scopes + 1) * sizeof *v)))
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    s->scopes = v;
    if (!(v[s->n_scopes] = strdup(scope)))
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    s->n_scopes++;
    bind_text(st, 1, scope);
    sqlite3_bind_int64(st, 2, load_id);
    return step_done(s, st, err, "replacing a FOCUS scope");
}

static mc_err put_focus(struct mc_store *s, int64_t load_id,
                        const struct mc_focus_line *f, struct mc_error *err)
{
    sqlite3_stmt *st = s->st[ST_FOCUS];
    char scope[512];
    mc_err rc;

    snprintf(scope, sizeof scope, "%s|%s|%lld", f->provider,
             f->billing_account, (long long)f->period_start);
    if ((rc = replace_scope(s, load_id, scope, err)) != MC_OK)
        return rc;
    bind_text(st, 1, scope);
    sqlite3_bind_int64(st, 2, load_id);
    sqlite3_bind_int64(st, 3, f->charge_start);
    sqlite3_bind_int64(st, 4, f->charge_end);
    sqlite3_bind_int64(st, 5, f->effective);
    sqlite3_bind_int64(st, 6, f->billed);
    bind_text(st, 7, f->currency);
    bind_text(st, 8, f->resource_id);
    bind_text(st, 9, f->tags);
    bind_text(st, 10, f->service);
    bind_text(st, 11, f->category);
    touch_day(s, mc_day_of(f->charge_start));
    touch_day(s, mc_day_of(f->charge_end > f->charge_start ? f->charge_end - 1
                                                           : f->charge_end));
    return step_done(s, st, err, "storing a FOCUS line");
}

static mc_err put_meter_daily(struct mc_store *s, int64_t load_id,
                              const struct mc_sf_meter_daily *m,
                              struct mc_error *err)
{
    char day[MC_DATE_BUFSZ];
    sqlite3_stmt *st = s->st[ST_METER_DAILY];

    mc_date_format(m->day, day);
    bind_text(st, 1, day);
    bind_text(st, 2, m->service_type);
    sqlite3_bind_int64(st, 3, m->cs_nano);
    sqlite3_bind_int64(st, 4, m->adjustment_nano);
    sqlite3_bind_int64(st, 5, load_id);
    touch_day(s, m->day);
    return step_done(s, st, err, "storing daily metering");
}

static mc_err put_rate(struct mc_store *s, int64_t load_id,
                       const struct mc_sf_rate *r, struct mc_error *err)
{
    char day[MC_DATE_BUFSZ];
    sqlite3_stmt *st = s->st[ST_RATE];

    mc_date_format(r->day, day);
    bind_text(st, 1, day);
    bind_text(st, 2, r->usage_type);
    bind_text(st, 3, r->currency);
    sqlite3_bind_int64(st, 4, r->rate);
    sqlite3_bind_int64(st, 5, load_id);
    touch_day(s, r->day);
    return step_done(s, st, err, "storing a rate");
}

static mc_err put_query_attr(struct mc_store *s, int64_t load_id,
                             const struct mc_sf_query_attr *q,
                             struct mc_error *err)
{
    sqlite3_stmt *st = s->st[ST_QUERY_ATTR];

    bind_text(st, 1, q->query_id);
    sqlite3_bind_int64(st, 2, load_id);
    if (q->has_warehouse_id)
        sqlite3_bind_int64(st, 3, q->warehouse_id);
    bind_text(st, 4, q->warehouse_name);
    sqlite3_bind_int64(st, 5, q->start_ms);
    sqlite3_bind_int64(st, 6, q->end_ms);
    sqlite3_bind_int64(st, 7, q->credits_nano);
    touch_day(s, mc_day_of(q->start_ms));
    touch_day(s, mc_day_of(q->end_ms));
    return step_done(s, st, err, "storing query attribution");
}

static mc_err put_bq_job(struct mc_store *s, int64_t load_id,
                         const struct mc_bq_job *j, struct mc_error *err)
{
    sqlite3_stmt *st = s->st[ST_BQ_JOB];

    bind_text(st, 1, j->project_id);
    bind_text(st, 2, j->job_id);
    sqlite3_bind_int64(st, 3, load_id);
    bind_text(st, 4, j->parent_job_id);
    bind_text(st, 5, j->user_email);
    bind_text(st, 6, j->statement_type);
    bind_text(st, 7, j->reservation_id);
    bind_text(st, 8, j->edition);
    bind_text(st, 9, j->error_reason);
    sqlite3_bind_int(st, 10, j->cache_hit ? 1 : 0);
    sqlite3_bind_int64(st, 11, j->start_ms);
    sqlite3_bind_int64(st, 12, j->end_ms);
    sqlite3_bind_int64(st, 13, j->bytes_billed);
    sqlite3_bind_int64(st, 14, j->slot_ms);
    bind_text(st, 15, j->labels);
    bind_text(st, 16, j->tables_read);
    bind_text(st, 17, j->table_written);
    bind_text(st, 18, j->query_text);
    touch_day(s, mc_day_of(j->end_ms));
    return step_done(s, st, err, "storing a BigQuery job");
}

static mc_err put_bq_storage(struct mc_store *s, int64_t load_id,
                             const struct mc_bq_storage *t,
                             struct mc_error *err)
{
    sqlite3_stmt *st = s->st[ST_BQ_STORAGE];
    char day[MC_DATE_BUFSZ];

    mc_date_format(t->snapshot_day, day);
    sqlite3_bind_text(st, 1, day, -1, SQLITE_TRANSIENT);
    bind_text(st, 2, t->table_fqn);
    sqlite3_bind_int64(st, 3, load_id);
    sqlite3_bind_int64(st, 4, t->active_logical);
    sqlite3_bind_int64(st, 5, t->long_term_logical);
    sqlite3_bind_int64(st, 6, t->active_physical);
    sqlite3_bind_int64(st, 7, t->long_term_physical);
    sqlite3_bind_int64(st, 8, t->fail_safe_physical);
    sqlite3_bind_int(st, 9, t->deleted ? 1 : 0);
    touch_day(s, t->snapshot_day);
    return step_done(s, st, err, "storing BigQuery table storage");
}

static mc_err put_dbx_usage(struct mc_store *s, int64_t load_id,
                            const struct mc_dbx_usage *u,
                            struct mc_error *err)
{
    sqlite3_stmt *st = s->st[ST_DBX_USAGE];
    const mc_i128 atto = (mc_i128)1000000000 * 1000000000;
    mc_i128 units = u->quantity / atto;

    if (units > INT64_MAX || units < -INT64_MAX)
        return mc_error_set(err, MC_ERR_INPUT, "usage_quantity: out of range");
    bind_text(st, 1, u->record_id);
    sqlite3_bind_int64(st, 2, load_id);
    bind_text(st, 3, u->workspace_id);
    bind_text(st, 4, u->sku_name);
    bind_text(st, 5, u->cloud);
    sqlite3_bind_int64(st, 6, u->start_ms);
    sqlite3_bind_int64(st, 7, u->end_ms);
    bind_text(st, 8, u->usage_unit);
    bind_text(st, 9, u->usage_type);
    bind_text(st, 10, u->record_type);
    sqlite3_bind_int64(st, 11, (int64_t)units);
    sqlite3_bind_int64(st, 12, (int64_t)(u->quantity % atto));
    bind_text(st, 13, u->custom_tags);
    bind_text(st, 14, u->resources);
    bind_text(st, 15, u->run_as);
    bind_text(st, 16, u->product);
    touch_day(s, mc_day_of(u->start_ms));
    return step_done(s, st, err, "storing Databricks usage");
}

static mc_err put_dbx_price(struct mc_store *s, int64_t load_id,
                            const struct mc_dbx_price *p,
                            struct mc_error *err)
{
    sqlite3_stmt *st = s->st[ST_DBX_PRICE];

    bind_text(st, 1, p->sku_name);
    bind_text(st, 2, p->cloud);
    sqlite3_bind_int64(st, 3, p->start_ms);
    if (p->has_end)
        sqlite3_bind_int64(st, 4, p->end_ms);
    bind_text(st, 5, p->currency);
    bind_text(st, 6, p->usage_unit);
    sqlite3_bind_int64(st, 7, p->price);
    sqlite3_bind_int64(st, 8, load_id);
    /* the days this price starts and stops applying to */
    touch_day(s, mc_day_of(p->start_ms));
    if (p->has_end)
        touch_day(s, mc_day_of(p->end_ms - 1));
    return step_done(s, st, err, "storing a Databricks list price");
}

mc_err mc_store_put(struct mc_store *s, int64_t load_id,
                    const struct mc_record *rec, struct mc_error *err)
{
    switch (rec->kind) {
    case MC_REC_NONE:
        return MC_OK;
    case MC_REC_SF_QUERY:
        return put_query(s, load_id, &rec->u.q, err);
    case MC_REC_SF_ACCESS:
        return put_access(s, load_id, &rec->u.a, err);
    case MC_REC_SF_METER:
        return put_meter(s, load_id, &rec->u.m, err);
    case MC_REC_SF_STORAGE:
        return put_storage(s, load_id, &rec->u.s, err);
    case MC_REC_FOCUS:
        return put_focus(s, load_id, &rec->u.f, err);
    case MC_REC_SF_METER_DAILY:
        return put_meter_daily(s, load_id, &rec->u.md, err);
    case MC_REC_SF_RATE:
        return put_rate(s, load_id, &rec->u.r, err);
    case MC_REC_SF_QUERY_ATTR:
        return put_query_attr(s, load_id, &rec->u.qa, err);
    case MC_REC_BQ_JOB:
        return put_bq_job(s, load_id, &rec->u.bj, err);
    case MC_REC_BQ_STORAGE:
        return put_bq_storage(s, load_id, &rec->u.bs, err);
    case MC_REC_DBX_USAGE:
        return put_dbx_usage(s, load_id, &rec->u.du, err);
    case MC_REC_DBX_PRICE:
        return put_dbx_price(s, load_id, &rec->u.dp, err);
    }
    return mc_error_set(err, MC_ERR_INTERNAL, "unknown record kind %d",
                        (int)rec->kind);
}

mc_err mc_store_load_finish(struct mc_store *s, int64_t load_id,
                            int64_t rows, int64_t rejects, int rejected,
                            struct mc_error *err)
{
    sqlite3_stmt *st = NULL;
    char d1[MC_DATE_BUFSZ], d2[MC_DATE_BUFSZ];
    mc_err rc = MC_OK;

    if (sqlite3_prepare_v2(s->db,
                           "UPDATE loads SET rows = ?, rejects = ?, "
                           "status = ?, first_day = ?, last_day = ? "
                           "WHERE load_id = ?",
                           -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(s, err, "finishing load");
    sqlite3_bind_int64(st, 1, rows);
    sqlite3_bind_int64(st, 2, rejects);
    bind_text(st, 3, rejected ? "rejected" : "loaded");
    if (s->has_days && !rejected) {
        mc_date_format(s->min_day, d1);
        mc_date_format(s->max_day, d2);
        bind_text(st, 4, d1);
        bind_text(st, 5, d2);
    }
    sqlite3_bind_int64(st, 6, load_id);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = mc_store_error(s, err, "finishing load");
    sqlite3_finalize(st);
    return rc;
}

mc_err mc_store_reject(struct mc_store *s, int64_t load_id, long line,
                       const char *reason, const char *excerpt,
                       struct mc_error *err)
{
    sqlite3_stmt *st = NULL;
    mc_err rc = MC_OK;

    if (sqlite3_prepare_v2(s->db,
                           "INSERT INTO rejects(load_id, line, reason, "
                           "excerpt) VALUES (?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(s, err, "recording reject");
    sqlite3_bind_int64(st, 1, load_id);
    sqlite3_bind_int64(st, 2, line);
    bind_text(st, 3, reason);
    bind_text(st, 4, excerpt);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = mc_store_error(s, err, "recording reject");
    sqlite3_finalize(st);
    return rc;
}

mc_err mc_store_meta_set(struct mc_store *s, const char *key,
                         const char *value, struct mc_error *err)
{
    sqlite3_stmt *st = NULL;
    mc_err rc = MC_OK;

    if (sqlite3_prepare_v2(s->db,
                           "INSERT OR REPLACE INTO meta(key, value) "
                           "VALUES (?,?)",
                           -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(s, err, "writing meta");
    bind_text(st, 1, key);
    bind_text(st, 2, value);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = mc_store_error(s, err, "writing meta");
    sqlite3_finalize(st);
    return rc;
}
