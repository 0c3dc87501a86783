/* attribute.c — the day loop, booking, conservation. */
#include "meshcost/attribute.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meshcost/cells.h"
#include "meshcost/money.h"
#include "meshcost/runs.h"
#include "meshcost/strmap.h"
#include "meshcost/testhook.h"
#include "meshcost/usage.h"

static mc_err exec_bound(struct mc_store *s, const char *sql,
                         const char *a, const char *b, int64_t n,
                         struct mc_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc;

    if (sqlite3_prepare_v2(mc_store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(s, err, "attribution");
    if (a)
        sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
    if (b)
        sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
    if (n >= 0)
        sqlite3_bind_int64(st, b ? 3 : 2, n);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return mc_store_error(s, err, "attribution");
    return MC_OK;
}

static mc_err upsert(struct mc_store *s, sqlite3_stmt *st, const char *day,
                     const char *k1, const char *k2, const char *k3,
                     const char *k4, mc_money amount, struct mc_error *err)
{
    const char *keys[] = {day, k1, k2, k3, k4};
    int i, n = 0, rc;

    for (i = 0; i < 5; i++)
        if (keys[i])
            sqlite3_bind_text(st, ++n, keys[i], -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, ++n, amount);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return mc_store_error(s, err, "attribution");
    return MC_OK;
}

static const char sql_total[] =
    "INSERT INTO source_totals(day, source, cost_kind, amount) "
    "VALUES (?,?,?,?) ON CONFLICT DO UPDATE SET "
    "amount = amount + excluded.amount";
static const char sql_alloc[] =
    "INSERT INTO allocations(day, product_id, source, cost_kind, reason, "
    "amount) VALUES (?,?,?,?,?,?) ON CONFLICT DO UPDATE SET "
    "amount = amount + excluded.amount";

static mc_err prepare(struct mc_attr_day *d, struct mc_error *err)
{
    sqlite3 *db = mc_store_db(d->store);
    sqlite3_stmt *st = NULL;

    if (sqlite3_prepare_v2(db, sql_total, -1, &d->st_total, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v2(db, sql_alloc, -1, &d->st_alloc, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT coalesce(max(exec_ms), 0) FROM "
                               "sf_query", -1, &st, NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return mc_store_error(d->store, err, "attribution");
    }
    d->max_exec_ms = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return MC_OK;
}

static void unprepare(struct mc_attr_day *d)
{
    sqlite3_finalize(d->st_total);
    sqlite3_finalize(d->st_alloc);
    sqlite3_finalize(d->st_objects);
    d->st_objects = NULL;
}

/* The day's allocations by (source, cost kind, product, reason), summed
 * in memory and written once per key when the day is done: millions of
 * queries land on a few hundred keys. Keys: source \x1f kind \x1f product
 * \x1f reason (a product or reason holding \x1f is booked directly). */
struct mc_attr_sums {
    struct mc_strmap m;
};

static mc_err sums_add(struct mc_attr_day *d, const char *source,
                       const char *kind, const char *product,
                       const char *reason, mc_money amount,
                       struct mc_error *err)
{
    struct mc_strmap_entry *e;
    char key[512];

    if (strchr(product, '\x1f') || strchr(reason, '\x1f'))
        return upsert(d->store, d->st_alloc, d->date, product, source, kind,
                      reason, amount, err); /* not a key we can join */
    if (!d->sums && !(d->sums = calloc(1, sizeof *d->sums)))
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    snprintf(key, sizeof key, "%s\x1f%s\x1f%s\x1f%s", source, kind, product,
             reason);
    if (!(e = mc_strmap_get(&d->sums->m, key)))
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    e->b += amount;
    return MC_OK;
}

static void sums_free(struct mc_attr_day *d)
{
    if (!d->sums)
        return;
    mc_strmap_free(&d->sums->m);
    free(d->sums);
    d->sums = NULL;
}

/* Writes the day's sums to allocations and forgets them. */
static mc_err sums_flush(struct mc_attr_day *d, struct mc_error *err)
{
    struct mc_strmap *m = d->sums ? &d->sums->m : NULL;
    mc_err rc = MC_OK;

    for (size_t i = 0; m && i < m->nslot && rc == MC_OK; i++) {
        char *f[4], *p = m->slot[i].key;
        if (!p)
            continue;
        for (int k = 0; k < 4; k++) {
            f[k] = p;
            p = strchr(p, '\x1f');
            if (p)
                *p++ = '\0';
        }
        rc = upsert(d->store, d->st_alloc, d->date, f[2], f[0], f[1], f[3],
                    m->slot[i].b, err);
    }
    sums_free(d);
    return rc;
}

mc_err mc_attr_total(struct mc_attr_day *d, const char *source,
                     const char *cost_kind, mc_money amount,
                     struct mc_error *err)
{
    if (d->stats) {
        d->stats->wholes++;
        d->stats->total += amount;
    }
    return upsert(d->store, d->st_total, d->date, source, cost_kind, NULL,
                  NULL, amount, err);
}

mc_err mc_attr_book(struct mc_attr_day *d, const char *source,
                    const char *cost_kind, mc_money amount,
                    const struct mc_products *p, struct mc_attr_query *q,
                    struct mc_error *err)
{
    mc_money stack[8], *parts = stack;
    mc_err rc = MC_OK;

    if (amount == 0)
        return MC_OK;
    if (p->n > 8 && !(parts = malloc(p->n * sizeof *parts)))
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    if ((rc = mc_split_even(amount, p->n, parts, err)) != MC_OK)
        goto out;
    for (size_t i = 0; i < p->n && rc == MC_OK; i++) {
        rc = sums_add(d, source, cost_kind, p->ids[i], p->reason, parts[i],
                      err);
        if (rc == MC_OK && q && parts[i])
            rc = mc_attr_group_add(d, source, cost_kind, q, p->ids[i],
                                   parts[i], err);
    }
    if (rc == MC_OK && q && d->stats)
        d->stats->queries++;
out:
    if (parts != stack)
        free(parts);
    return rc;
}

size_t mc_attr_split_lines(char *s, const char **names, size_t max)
{
    size_t n = 0;

    while (s && *s && n < max) {
        char *nl = strchr(s, '\n');
        names[n++] = s;
        if (!nl)
            break;
        *nl = '\0';
        s = nl + 1;
    }
    return n;
}

mc_err mc_attr_book_cells(struct mc_attr_day *d, const char *source,
                          const char *cost_kind, const struct mc_cells *c,
                          struct mc_attr_query *(*query_of)(void *ctx,
                                                            const char *item),
                          void *ctx, struct mc_error *err)
{
    mc_money total = 0;
    mc_err rc = MC_OK;

    for (size_t i = 0; i < c->n && rc == MC_OK; i++) {
        const struct mc_cell *x = &c->v[i];
        struct mc_products p = {(const char **)&x->product, 1, x->reason, 0};
        if (x->day != d->day)
            continue;
        total += x->micro;
        rc = mc_attr_book(d, source, cost_kind, x->micro, &p,
                          query_of && x->item ? query_of(ctx, x->item)
                                              : NULL,
                          err);
    }
    return rc == MC_OK ? mc_attr_total(d, source, cost_kind, total, err)
                       : rc;
}

static mc_err clear_day(struct mc_attr_day *d, struct mc_error *err)
{
    static const char *const sql[] = {
        "DELETE FROM allocations WHERE day = ?",
        "DELETE FROM source_totals WHERE day = ?",
        "DELETE FROM table_costs WHERE day = ?",
    };
    mc_err rc = MC_OK;

    for (size_t i = 0; i < sizeof sql / sizeof sql[0] && rc == MC_OK; i++)
        rc = exec_bound(d->store, sql[i], d->date, NULL, -1, err);
    return rc == MC_OK ? mc_attr_groups_clear(d, err) : rc;
}

static mc_err attribute_day(struct mc_attr_day *d, struct mc_error *err)
{
    mc_err rc;

    if ((rc = clear_day(d, err)) != MC_OK ||
        (rc = mc_usage_day(d->store, d->cat, d->day, err)) != MC_OK ||
        (rc = mc_attr_snowflake_day(d, err)) != MC_OK ||
        (rc = mc_attr_focus_day(d, err)) != MC_OK ||
        (rc = mc_attr_bigquery_day(d, err)) != MC_OK ||
        (rc = mc_attr_databricks_day(d, err)) != MC_OK ||
        (rc = sums_flush(d, err)) != MC_OK ||
        (rc = mc_attr_groups_flush(d, err)) != MC_OK) {
        sums_free(d);
        mc_attr_groups_free(d);
        return rc;
    }
    if ((rc = exec_bound(d->store,
                         "DELETE FROM allocations WHERE day = ? AND "
                         "amount = 0",
                         d->date, NULL, -1, err)) != MC_OK)
        return rc;
    return exec_bound(d->store,
                      "INSERT OR REPLACE INTO attributed_days(day, "
                      "catalog_version) VALUES (?, ?)",
                      d->date, NULL, mc_catalog_version(d->cat), err);
}

mc_err mc_attribute_day_unlocked(struct mc_store *s,
                                 const struct mc_config *cfg,
                                 const struct mc_catalog *cat, mc_day day,
                                 struct mc_error *err)
{
    struct mc_attr_day d = {.store = s, .cfg = cfg, .cat = cat, .day = day};
    mc_err rc;

    mc_date_format(day, d.date);
    if ((rc = prepare(&d, err)) == MC_OK &&
        (rc = attribute_day(&d, err)) == MC_OK)
        rc = mc_attribute_check(s, day, day + 1, err);
    unprepare(&d);
    return rc;
}

mc_err mc_attribute(struct mc_store *s, const struct mc_config *cfg,
                    const struct mc_catalog *cat, mc_day from, mc_day to,
                    struct mc_attr_stats *stats, struct mc_error *err)
{
    struct mc_attr_day d = {.store = s, .cfg = cfg, .cat = cat,
                            .stats = stats};
    mc_err rc;

    if (stats)
        memset(stats, 0, sizeof *stats);
    if ((rc = mc_store_begin(s, err)) != MC_OK)
        return rc;
    if ((rc = prepare(&d, err)) != MC_OK)
        goto out;
    for (d.day = from; d.day < to; d.day++) {
        int closed;
        if ((rc = mc_month_closed(s, d.day, &closed, err)) != MC_OK)
            goto out;
        if (closed)
            continue; /* closed months never change */
        mc_date_format(d.day, d.date);
        if ((rc = attribute_day(&d, err)) != MC_OK)
            goto out;
        mc_test_point("attribute");
        if (stats)
            stats->days++;
    }
    if ((rc = mc_attribute_check(s, from, to, err)) != MC_OK)
        goto out;
    rc = mc_store_commit(s, err);
out:
    unprepare(&d);
    if (rc != MC_OK)
        mc_store_rollback(s);
    return rc;
}

mc_err mc_attribute_span(struct mc_store *s, mc_day *from, mc_day *to,
                         int *found, struct mc_error *err)
{
    static const char sql[] =
        "SELECT (SELECT min(end_ms - exec_ms) FROM sf_query),"
        "  (SELECT max(end_ms) FROM sf_query),"
        "  (SELECT min(hour_ms) FROM sf_meter),"
        "  (SELECT max(hour_ms) FROM sf_meter),"
        "  (SELECT min(snapshot_day) FROM sf_storage),"
        "  (SELECT max(snapshot_day) FROM sf_storage),"
        "  (SELECT min(charge_start_ms) FROM focus_line),"
        "  (SELECT max(charge_end_ms) - 1 FROM focus_line),"
        "  (SELECT min(end_ms) FROM bq_job),"
        "  (SELECT max(end_ms) FROM bq_job),"
        "  (SELECT min(start_ms) FROM dbx_usage),"
        "  (SELECT max(start_ms) FROM dbx_usage),"
        "  (SELECT min(snapshot_day) FROM bq_storage),"
        "  (SELECT max(snapshot_day) FROM bq_storage)";
    sqlite3_stmt *st = NULL;
    struct mc_error perr;
    mc_err rc = MC_OK;

    *found = 0;
    if (sqlite3_prepare_v2(mc_store_db(s), sql, -1, &st, NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return mc_store_error(s, err, "finding the data's days");
    }
    for (int i = 0; i < 14; i++) {
        mc_day d;
        int text = (i >= 4 && i < 6) || i >= 12;
        if (sqlite3_column_type(st, i) == SQLITE_NULL)
            continue;
        if (!text)
            d = mc_day_of(sqlite3_column_int64(st, i));
        else if (mc_date_parse((const char *)sqlite3_column_text(st, i), &d,
                               &perr) != MC_OK)
            continue;
        if (!*found || d < *from)
            *from = d;
        if (!*found || d + 1 > *to)
            *to = d + 1;
        *found = 1;
    }
    sqlite3_finalize(st);
    return rc;
}
mc_err mc_attribute_check(struct mc_store *s, mc_day from, mc_day to,
                          struct mc_error *err)
{
    static const char sql[] =
        "WITH a AS (SELECT day, source, cost_kind, sum(amount) AS amount "
        "  FROM allocations WHERE day >= ?1 AND day < ?2 GROUP BY 1, 2, 3), "
        "t AS (SELECT day, source, cost_kind, amount FROM source_totals "
        "  WHERE day >= ?1 AND day < ?2) "
        "SELECT day, source, cost_kind, coalesce(t.amount, 0), "
        "  coalesce(a.amount, 0) FROM t FULL JOIN a USING (day, source, "
        "  cost_kind) WHERE coalesce(t.amount, 0) != coalesce(a.amount, 0) "
        "ORDER BY 1, 2, 3 LIMIT 1";
    char d1[MC_DATE_BUFSZ], d2[MC_DATE_BUFSZ], w[MC_MONEY_BUFSZ],
        g[MC_MONEY_BUFSZ];
    sqlite3_stmt *st = NULL;
    mc_err rc = MC_OK;
    int step;

    mc_date_format(from, d1);
    mc_date_format(to, d2);
    if (sqlite3_prepare_v2(mc_store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(s, err, "conservation check");
    sqlite3_bind_text(st, 1, d1, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, d2, -1, SQLITE_STATIC);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        mc_money_format(sqlite3_column_int64(st, 3), w);
        mc_money_format(sqlite3_column_int64(st, 4), g);
        rc = mc_error_set(err, MC_ERR_INTERNAL,
                          "conservation failed on %s for %s %s: source "
                          "total %s, allocated %s",
                          sqlite3_column_text(st, 0),
                          sqlite3_column_text(st, 1),
                          sqlite3_column_text(st, 2), w, g);
    } else if (step != SQLITE_DONE) {
        rc = mc_store_error(s, err, "conservation check");
    }
    sqlite3_finalize(st);
    return rc;
}

