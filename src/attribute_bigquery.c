/* attribute_bigquery.c — BigQuery (DESIGN 4.4, 4.3). A UTC day's jobs
 * (by end_time) are one whole: each job's exact cost, on-demand
 * total_bytes_billed / 2^40 x price per TiB or, on a reservation,
 * total_slot_ms / 3.6e6 x price per slot-hour of its edition, is kept as
 * a numerator over 2^40 x 3.6e6 per micro-unit, so the day is rounded
 * once and its jobs and products get the largest-remainder parts of it.
 * SCRIPT parents are skipped (their children are billed) and cache hits
 * cost nothing. A day's TABLE_STORAGE snapshot is one whole the same way:
 * bytes per storage class x price per GiB-month / days in the month. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "meshcost/attribute.h"
#include "meshcost/cells.h"

#define SOURCE "bigquery"
#define TIB ((mc_i128)1 << 40)
#define GIB ((mc_i128)1 << 30)
#define MS_PER_HOUR 3600000

static const char *col(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

static mc_money slot_price(const struct mc_config *cfg, const char *edition)
{
    if (edition && strcasecmp(edition, "ENTERPRISE_PLUS") == 0)
        return cfg->bigquery_slot_hour_enterprise_plus;
    if (edition && strcasecmp(edition, "ENTERPRISE") == 0)
        return cfg->bigquery_slot_hour_enterprise;
    return cfg->bigquery_slot_hour;
}


#define MAX_TABLES 256

/* The day's jobs as the Drivers sheet groups them, by "project:job". */
struct bq_query {
    char *key, *group, *user, *project, *text;
    struct mc_attr_query aq;
};

struct bq_queries {
    struct bq_query *v;
    size_t n, cap;
};

static void bq_queries_free(struct bq_queries *b)
{
    for (size_t i = 0; i < b->n; i++) {
        struct bq_query *x = &b->v[i];
        free(x->key), free(x->group), free(x->user), free(x->project);
        free(x->text);
        mc_attr_query_free(&x->aq);
    }
    free(b->v);
}

static char *dup0(const char *s, int *nomem)
{
    char *p = s ? strdup(s) : NULL;

    if (s && !p)
        *nomem = 1;
    return p;
}

static mc_err bq_query_add(struct bq_queries *b, sqlite3_stmt *st,
                           const char *key, struct mc_error *err)
{
    const char *stmt = col(st, 3), *user = col(st, 2);
    struct bq_query *x;
    char group[600];
    int nomem = 0;

    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        struct bq_query *p = realloc(b->v, cap * sizeof *p);
        if (!p)
            return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
        b->v = p;
        b->cap = cap;
    }
    x = &b->v[b->n++];
    memset(x, 0, sizeof *x);
    snprintf(group, sizeof group, "BigQuery %s %s by %s", col(st, 0),
             stmt ? stmt : "", user ? user : "?");
    x->key = dup0(key, &nomem);
    x->group = dup0(group, &nomem);
    x->user = dup0(user, &nomem);
    x->project = dup0(col(st, 0), &nomem);
    x->text = dup0(col(st, 12), &nomem);
    if (nomem)
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    x->aq.group = x->group;
    x->aq.user = x->user;
    x->aq.warehouse = x->project;
    x->aq.text = x->text;
    x->aq.count = 1; /* a job is charged on the day it ended only */
    return MC_OK;
}

static int cmp_key(const void *a, const void *b)
{
    return strcmp(((const struct bq_query *)a)->key,
                  ((const struct bq_query *)b)->key);
}

static struct mc_attr_query *query_of(void *ctx, const char *item)
{
    struct bq_queries *b = ctx;
    struct bq_query key = {.key = (char *)item}, *x;

    x = bsearch(&key, b->v, b->n, sizeof *b->v, cmp_key);
    return x ? &x->aq : NULL;
}

static mc_err job(struct mc_attr_day *d, sqlite3_stmt *st,
                  struct mc_cells *c, struct bq_queries *b,
                  struct mc_error *err)
{
    const struct mc_config *cfg = d->cfg;
    const char *project = col(st, 0), *reservation = col(st, 4);
    const char *read[MAX_TABLES], *written = col(st, 11);
    struct mc_query_facts f = {0};
    struct mc_products p = {0};
    char *tables = NULL, key[512];
    mc_i128 value;
    mc_err rc;

    if (reservation && *reservation)
        value = (mc_i128)sqlite3_column_int64(st, 8) *
                slot_price(cfg, col(st, 5)) * TIB;
    else
        value = (mc_i128)sqlite3_column_int64(st, 7) *
                cfg->bigquery_on_demand_tib * MS_PER_HOUR;
    if (value == 0)
        return MC_OK;
    if (col(st, 10) && !(tables = strdup(col(st, 10))))
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    f.query_tag = col(st, 9);
    f.user_name = col(st, 2);
    f.bigquery = 1;
    f.project = project;
    f.modified = &written;
    f.n_modified = written ? 1 : 0;
    f.base = read;
    f.n_base = mc_attr_split_lines(tables, read, MAX_TABLES);
    snprintf(key, sizeof key, "%s:%s", project, col(st, 1));
    if ((rc = mc_resolve_query(d->cat, cfg->product_tag_key, &f, &p,
                               err)) == MC_OK &&
        (rc = mc_cells_add_split(c, d->day, &p, key, value, err)) == MC_OK)
        rc = bq_query_add(b, st, key, err);
    mc_products_free(&p);
    free(tables);
    return rc;
}

static mc_err jobs(struct mc_attr_day *d, struct mc_error *err)
{
    mc_ms d0 = (mc_ms)d->day * MC_MS_PER_DAY;
    struct mc_cells c = {0};
    struct bq_queries b = {0};
    sqlite3_stmt *st = NULL;
    mc_err rc = MC_OK;
    int step, any = 0;

    if (sqlite3_prepare_v2(mc_store_db(d->store),
                           "SELECT project_id, job_id, user_email, "
                           "statement_type, reservation_id, edition, "
                           "cache_hit, bytes_billed, slot_ms, labels, "
                           "tables_read, table_written, query_text "
                           "FROM bq_job "
                           "WHERE end_ms >= ?1 AND end_ms < ?2 AND "
                           "upper(coalesce(statement_type, '')) != 'SCRIPT' "
                           "AND cache_hit = 0 ORDER BY project_id, job_id",
                           -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(d->store, err, "BigQuery jobs");
    sqlite3_bind_int64(st, 1, d0);
    sqlite3_bind_int64(st, 2, d0 + MC_MS_PER_DAY);
    while (rc == MC_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        any = 1;
        rc = job(d, st, &c, &b, err);
    }
    if (rc == MC_OK && step != SQLITE_DONE)
        rc = mc_store_error(d->store, err, "BigQuery jobs");
    sqlite3_finalize(st);
    if (rc == MC_OK && any &&
        (rc = mc_cells_distribute(&c, TIB * MS_PER_HOUR, err)) == MC_OK) {
        qsort(b.v, b.n, sizeof *b.v, cmp_key);
        rc = mc_attr_book_cells(d, SOURCE, "compute", &c, query_of, &b, err);
    }
    mc_cells_free(&c);
    bq_queries_free(&b);
    return rc;
}

/* A stable id for a BigQuery table in table_costs (Snowflake tables keep
 * their numeric ids; these are negative so the two never meet). */
static int64_t table_id(const char *fqn)
{
    uint64_t h = 1469598103934665603ULL;

    for (const char *p = fqn; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    return -(int64_t)(h >> 2) - 1;
}

static mc_err table_costs(struct mc_attr_day *d, const struct mc_cells *c,
                          struct mc_error *err)
{
    sqlite3_stmt *st = NULL;
    mc_err rc = MC_OK;

    if (sqlite3_prepare_v2(mc_store_db(d->store),
                           "INSERT OR REPLACE INTO table_costs(day, table_id,"
                           " table_fqn, product_id, bytes, amount) VALUES "
                           "(?1, ?2, ?3, ?4, (SELECT CASE WHEN ?5 THEN "
                           "active_physical + fail_safe_physical + "
                           "long_term_physical ELSE active_logical + "
                           "long_term_logical END FROM bq_storage WHERE "
                           "snapshot_day = ?1 AND table_fqn = ?3), ?6)",
                           -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(d->store, err, "BigQuery table costs");
    for (size_t i = 0; i < c->n && rc == MC_OK; i++) {
        const struct mc_cell *x = &c->v[i];
        sqlite3_bind_text(st, 1, d->date, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, table_id(x->item));
        sqlite3_bind_text(st, 3, x->item, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, x->product, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 5, d->cfg->bigquery_physical);
        sqlite3_bind_int64(st, 6, x->micro);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = mc_store_error(d->store, err, "BigQuery table costs");
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

static mc_err storage(struct mc_attr_day *d, struct mc_error *err)
{
    const struct mc_config *cfg = d->cfg;
    struct mc_cells c = {0};
    sqlite3_stmt *st = NULL;
    mc_err rc = MC_OK;
    int step, y, m, dd;

    if (sqlite3_prepare_v2(mc_store_db(d->store),
                           "SELECT table_fqn, active_logical, "
                           "long_term_logical, active_physical + "
                           "fail_safe_physical, long_term_physical "
                           "FROM bq_storage WHERE snapshot_day = ? "
                           "ORDER BY table_fqn",
                           -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(d->store, err, "BigQuery storage");
    sqlite3_bind_text(st, 1, d->date, -1, SQLITE_STATIC);
    while (rc == MC_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *fqn = col(st, 0);
        const struct mc_asset *a =
            mc_catalog_match(d->cat, MC_MATCH_BQ_TABLE, fqn);
        mc_i128 value;
        if (!a)
            a = mc_catalog_match(d->cat, MC_MATCH_OBJECT, fqn);
        if (cfg->bigquery_physical)
            value = (mc_i128)sqlite3_column_int64(st, 3) *
                        cfg->bigquery_active_physical_gib_month +
                    (mc_i128)sqlite3_column_int64(st, 4) *
                        cfg->bigquery_long_term_physical_gib_month;
        else
            value = (mc_i128)sqlite3_column_int64(st, 1) *
                        cfg->bigquery_active_logical_gib_month +
                    (mc_i128)sqlite3_column_int64(st, 2) *
                        cfg->bigquery_long_term_logical_gib_month;
        rc = mc_cells_add(&c, d->day,
                          a ? mc_catalog_product(d->cat, a->product_id)->id
                            : MC_UNALLOCATED,
                          a ? "" : "unmapped table", fqn, value, err);
    }
    if (rc == MC_OK && step != SQLITE_DONE)
        rc = mc_store_error(d->store, err, "BigQuery storage");
    sqlite3_finalize(st);
    mc_day_to_ymd(d->day, &y, &m, &dd);
    if (rc == MC_OK && c.n &&
        (rc = mc_cells_distribute(&c, GIB * mc_days_in_month(y, m), err)) ==
            MC_OK &&
        (rc = mc_attr_book_cells(d, SOURCE, "storage", &c, NULL, NULL,
                                 err)) == MC_OK)
        rc = table_costs(d, &c, err);
    mc_cells_free(&c);
    return rc;
}

mc_err mc_attr_bigquery_day(struct mc_attr_day *d, struct mc_error *err)
{
    mc_err rc = jobs(d, err);

    return rc == MC_OK ? storage(d, err) : rc;
}
