/* usage.c — who reads each data product (DESIGN 6.1), kept per day,
 * product and user (product_reads) so that reports count reads and
 * consumers over any window of days without going through every access
 * record ever loaded.
 *
 * A read is a query (Snowflake, on the day the query started) whose base
 * objects include one of the product's tables, or a BigQuery job (not a
 * SCRIPT parent) whose referenced tables do, however its cost was
 * attributed; reads by the product's own role or user assets do not
 * count. A query reading several tables of a product is one read.
 *
 * attribute computes the reads of the days it attributes; a report first
 * computes the days with access or job data whose reads are missing or
 * were computed with another catalog version (usage is not money: closed
 * months follow the catalog too). A query's day is its start's: a read
 * spanning midnight is on the day it started. */
#include "meshcost/usage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meshcost/strmap.h"

struct day {
    struct mc_store *s;
    const struct mc_catalog *cat;
    mc_day day;
    char date[MC_DATE_BUFSZ];
};

/* One query's products, before they are added to the day's reads. */
struct reader {
    const char *ids[64];
    size_t n;
};

static void reader_add(struct reader *r, const char *product)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->ids[i], product) == 0)
            return;
    if (r->n < sizeof r->ids / sizeof r->ids[0])
        r->ids[r->n++] = product;
}

/* Is the product's own identity (a role or user asset of it) the reader? */
static int own(const struct mc_catalog *cat, const char *product,
               const char *role, const char *user)
{
    const struct mc_asset *a;

    if (role && (a = mc_catalog_match(cat, MC_MATCH_ROLE, role)) &&
        strcmp(a->product_id, product) == 0)
        return 1;
    return user && (a = mc_catalog_match(cat, MC_MATCH_USER, user)) &&
           strcmp(a->product_id, product) == 0;
}

/* Adds a finished query's reads: key "product index:user" (a: reads, b:
 * last read in ms). */
static mc_err flush_reader(const struct day *d, struct mc_strmap *m,
                           struct reader *r, const char *role,
                           const char *user, mc_ms t, struct mc_error *err)
{
    for (size_t i = 0; i < r->n; i++) {
        const struct mc_product *p = mc_catalog_product(d->cat, r->ids[i]);
        struct mc_strmap_entry *e;
        char key[1024];
        if (!p || own(d->cat, r->ids[i], role, user))
            continue;
        snprintf(key, sizeof key, "%zu:%s",
                 (size_t)(p - mc_catalog_product_at(d->cat, 0)),
                 user ? user : "");
        if (!(e = mc_strmap_get(m, key)))
            return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
        if (e->a++ == 0 || t > e->b)
            e->b = t;
    }
    r->n = 0;
    return MC_OK;
}

static const char *text(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

/* Snowflake: the day's queries (by the start of the query: QUERY_HISTORY's
 * when loaded, else ACCESS_HISTORY's) and their base objects. The access
 * record's start selects the rows (indexed); the two starts are the same
 * query's and differ by far less than a day. CROSS JOIN keeps the access
 * records the outer loop: a query's objects come together. */
static int set(char **dst, const char *src)
{
    free(*dst);
    *dst = src ? strdup(src) : NULL;
    return src && !*dst;
}

static mc_err snowflake(const struct day *d, struct mc_strmap *m,
                        struct mc_error *err)
{
    mc_ms d0 = (mc_ms)d->day * MC_MS_PER_DAY, d1 = d0 + MC_MS_PER_DAY;
    struct reader r = {0};
    sqlite3_stmt *st = NULL;
    char *last = NULL, *role = NULL, *user = NULL;
    int step;
    mc_ms t = 0;
    mc_err rc = MC_OK;

    if (sqlite3_prepare_v2(
            mc_store_db(d->s),
            "SELECT a.query_id, coalesce(q.start_ms, a.start_ms),"
            " coalesce(q.user_name, a.user_name), q.role_name, o.object_name"
            " FROM sf_access a CROSS JOIN sf_access_obj o ON o.query_id ="
            " a.query_id AND o.kind = 'base' LEFT JOIN sf_query q ON"
            " q.query_id = a.query_id WHERE a.start_ms >= ?1 - 86400000 AND"
            " a.start_ms < ?2 + 86400000",
            -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(d->s, err, "usage");
    sqlite3_bind_int64(st, 1, d0);
    sqlite3_bind_int64(st, 2, d1);
    while (rc == MC_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *id = text(st, 0);
        const struct mc_asset *a;
        if (!last || strcmp(id, last) != 0) {
            if ((rc = flush_reader(d, m, &r, role, user, t, err)) != MC_OK)
                break;
            if (set(&last, id) | set(&user, text(st, 2)) |
                set(&role, text(st, 3))) {
                rc = mc_error_set(err, MC_ERR_NOMEM, "out of memory");
                break;
            }
            t = sqlite3_column_int64(st, 1);
        }
        if (t < d0 || t >= d1)
            continue;
        if ((a = mc_catalog_match(d->cat, MC_MATCH_OBJECT, text(st, 4))))
            reader_add(&r, a->product_id);
    }
    if (rc == MC_OK && step != SQLITE_DONE)
        rc = mc_store_error(d->s, err, "usage");
    if (rc == MC_OK)
        rc = flush_reader(d, m, &r, role, user, t, err);
    sqlite3_finalize(st);
    free(last), free(role), free(user);
    return rc;
}

/* BigQuery: the day's jobs (by start) reading a product's tables. */
static mc_err bigquery(const struct day *d, struct mc_strmap *m,
                       struct mc_error *err)
{
    mc_ms d0 = (mc_ms)d->day * MC_MS_PER_DAY;
    struct reader r = {0};
    sqlite3_stmt *st = NULL;
    mc_err rc = MC_OK;
    int step;

    if (sqlite3_prepare_v2(mc_store_db(d->s),
                           "SELECT user_email, start_ms, tables_read FROM "
                           "bq_job WHERE start_ms >= ?1 AND start_ms < ?2 "
                           "AND tables_read IS NOT NULL AND upper(coalesce("
                           "statement_type, '')) != 'SCRIPT'",
                           -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(d->s, err, "usage");
    sqlite3_bind_int64(st, 1, d0);
    sqlite3_bind_int64(st, 2, d0 + MC_MS_PER_DAY);
    while (rc == MC_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *p = text(st, 2);
        while (p && *p) {
            const char *nl = strchr(p, '\n');
            size_t len = nl ? (size_t)(nl - p) : strlen(p);
            char name[1024];
            const struct mc_asset *a;
            snprintf(name, sizeof name, "%.*s", (int)len, p);
            p = nl ? nl + 1 : NULL;
            if ((a = mc_catalog_match(d->cat, MC_MATCH_BQ_TABLE, name)) ||
                (a = mc_catalog_match(d->cat, MC_MATCH_OBJECT, name)))
                reader_add(&r, a->product_id);
        }
        rc = flush_reader(d, m, &r, NULL, text(st, 0),
                          sqlite3_column_int64(st, 1), err);
    }
    if (rc == MC_OK && step != SQLITE_DONE)
        rc = mc_store_error(d->s, err, "usage");
    sqlite3_finalize(st);
    return rc;
}

static mc_err write_reads(const struct day *d, struct mc_strmap *m,
                          struct mc_error *err)
{
    sqlite3_stmt *st = NULL;
    mc_err rc = MC_OK;

    if (!m->used)
        return MC_OK;
    if (sqlite3_prepare_v2(mc_store_db(d->s),
                           "INSERT INTO product_reads(day, product_id, "
                           "user_name, reads, last_ms) VALUES (?,?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(d->s, err, "usage");
    for (size_t i = 0; i < m->nslot && rc == MC_OK; i++) {
        char *k = m->slot[i].key, *user;
        if (!k)
            continue;
        sqlite3_bind_text(st, 1, d->date, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2,
                          mc_catalog_product_at(d->cat,
                                                strtoul(k, &user, 10))->id,
                          -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, user + 1, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, m->slot[i].a);
        sqlite3_bind_int64(st, 5, m->slot[i].b);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = mc_store_error(d->s, err, "usage");
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

mc_err mc_usage_day(struct mc_store *s, const struct mc_catalog *cat,
                    mc_day day, struct mc_error *err)
{
    struct day d = {s, cat, day, ""};
    struct mc_strmap m = {0};
    sqlite3_stmt *st = NULL;
    mc_err rc;

    mc_date_format(day, d.date);
    if (sqlite3_prepare_v2(mc_store_db(s),
                           "DELETE FROM product_reads WHERE day = ?", -1,
                           &st, NULL) != SQLITE_OK ||
        (sqlite3_bind_text(st, 1, d.date, -1, SQLITE_STATIC),
         sqlite3_step(st) != SQLITE_DONE)) {
        sqlite3_finalize(st);
        return mc_store_error(s, err, "usage");
    }
    sqlite3_finalize(st);
    if ((rc = snowflake(&d, &m, err)) == MC_OK &&
        (rc = bigquery(&d, &m, err)) == MC_OK &&
        (rc = write_reads(&d, &m, err)) == MC_OK) {
        if (sqlite3_prepare_v2(mc_store_db(s),
                               "INSERT OR REPLACE INTO usage_days(day, "
                               "catalog_version) VALUES (?, ?)",
                               -1, &st, NULL) != SQLITE_OK ||
            (sqlite3_bind_text(st, 1, d.date, -1, SQLITE_STATIC),
             sqlite3_bind_int64(st, 2, mc_catalog_version(cat)),
             sqlite3_step(st) != SQLITE_DONE))
            rc = mc_store_error(s, err, "usage");
        sqlite3_finalize(st);
    }
    mc_strmap_free(&m);
    return rc;
}

struct days {
    mc_day *v;
    size_t n, cap;
};

static int days_add(struct days *d, mc_day x)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->v[i] == x)
            return 0;
    if (d->n == d->cap) {
        size_t c = d->cap ? d->cap * 2 : 64;
        mc_day *p = realloc(d->v, c * sizeof *p);
        if (!p)
            return -1;
        d->v = p;
        d->cap = c;
    }
    d->v[d->n++] = x;
    return 0;
}

/* The UTC days of a table's start_ms values, one indexed lookup per day:
 * the smallest start from the beginning of the day after the last one. */
static mc_err data_days(struct mc_store *s, const char *sql, struct days *d,
                        struct mc_error *err)
{
    sqlite3_stmt *st = NULL;
    mc_ms from = INT64_MIN;
    mc_err rc = MC_OK;

    if (sqlite3_prepare_v2(mc_store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(s, err, "usage");
    for (;;) {
        mc_day day;
        sqlite3_bind_int64(st, 1, from);
        if (sqlite3_step(st) != SQLITE_ROW) {
            rc = mc_store_error(s, err, "usage");
            break;
        }
        if (sqlite3_column_type(st, 0) == SQLITE_NULL)
            break;
        day = mc_day_of(sqlite3_column_int64(st, 0));
        if (days_add(d, day)) {
            rc = mc_error_set(err, MC_ERR_NOMEM, "out of memory");
            break;
        }
        from = ((mc_ms)day + 1) * MC_MS_PER_DAY;
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

/* Is the day's usage computed with this catalog version? */
static mc_err current(struct mc_store *s, const struct mc_catalog *cat,
                      mc_day day, int *yes, struct mc_error *err)
{
    char date[MC_DATE_BUFSZ];
    sqlite3_stmt *st = NULL;
    int step;

    mc_date_format(day, date);
    if (sqlite3_prepare_v2(mc_store_db(s),
                           "SELECT 1 FROM usage_days WHERE day = ? AND "
                           "catalog_version = ?",
                           -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(s, err, "usage");
    sqlite3_bind_text(st, 1, date, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, mc_catalog_version(cat));
    step = sqlite3_step(st);
    sqlite3_finalize(st);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return mc_store_error(s, err, "usage");
    *yes = step == SQLITE_ROW;
    return MC_OK;
}

mc_err mc_usage_prepare(struct mc_store *s, const struct mc_catalog *cat,
                        struct mc_error *err)
{
    struct days d = {0};
    size_t stale = 0;
    mc_err rc;

    if ((rc = data_days(s, "SELECT min(start_ms) FROM sf_access WHERE "
                           "start_ms >= ?",
                        &d, err)) != MC_OK ||
        (rc = data_days(s, "SELECT min(start_ms) FROM bq_job WHERE "
                           "start_ms >= ?",
                        &d, err)) != MC_OK)
        goto out;
    for (size_t i = 0; i < d.n && rc == MC_OK; i++) {
        int yes = 0;
        if ((rc = current(s, cat, d.v[i], &yes, err)) == MC_OK && !yes)
            d.v[stale++] = d.v[i];
    }
    if (rc != MC_OK || !stale || (rc = mc_store_begin(s, err)) != MC_OK)
        goto out;
    for (size_t i = 0; i < stale && rc == MC_OK; i++)
        rc = mc_usage_day(s, cat, d.v[i], err);
    if (rc == MC_OK)
        rc = mc_store_commit(s, err);
    else
        mc_store_rollback(s);
out:
    free(d.v);
    return rc;
}

/* Reads per product over days [?1, ?2]. */
static const char window_sql[] =
    "SELECT product_id, sum(reads), count(DISTINCT nullif(user_name, '')),"
    "  max(last_ms) FROM product_reads WHERE day >= ?1 AND day <= ?2 "
    "GROUP BY product_id";

mc_err mc_usage_window(struct mc_store *s, const struct mc_catalog *cat,
                       mc_day from, mc_day to, struct mc_usage *out,
                       struct mc_error *err)
{
    size_t n = mc_catalog_product_count(cat);
    char d1[MC_DATE_BUFSZ], d2[MC_DATE_BUFSZ];
    sqlite3_stmt *st = NULL;
    mc_err rc = MC_OK;
    int step;

    memset(out, 0, n * sizeof *out);
    if (from < mc_day_from_ymd(1900, 1, 1))
        snprintf(d1, sizeof d1, "0000-00-00"); /* from the beginning */
    else
        mc_date_format(from, d1);
    mc_date_format(to, d2);
    if (sqlite3_prepare_v2(mc_store_db(s), window_sql, -1, &st, NULL) !=
        SQLITE_OK)
        return mc_store_error(s, err, "usage");
    sqlite3_bind_text(st, 1, d1, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, d2, -1, SQLITE_STATIC);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const struct mc_product *p = mc_catalog_product(
            cat, (const char *)sqlite3_column_text(st, 0));
        struct mc_usage *u;
        if (!p)
            continue;
        u = &out[p - mc_catalog_product_at(cat, 0)];
        u->reads = sqlite3_column_int64(st, 1);
        u->consumers = sqlite3_column_int64(st, 2);
        u->has_last = 1;
        u->last_read = mc_day_of(sqlite3_column_int64(st, 3));
    }
    if (step != SQLITE_DONE)
        rc = mc_store_error(s, err, "usage");
    sqlite3_finalize(st);
    return rc;
}
