/* attribute_storage.c — Snowflake storage per snapshot day (DESIGN 4.3):
 * the day's cost split over products by bytes, then over their tables. */
#include <stdlib.h>
#include <string.h>

#include "meshcost/attribute.h"
#include "meshcost/money.h"

#define SOURCE "snowflake"

/* One table of a storage snapshot, with the product it maps to. */
struct tbl {
    const char *product;
    int64_t id;
    char *fqn;
    int64_t bytes;
};

static int cmp_tbl(const void *a, const void *b)
{
    const struct tbl *x = a, *y = b;
    int c = strcmp(x->product, y->product);

    return c ? c : (x->id > y->id) - (x->id < y->id);
}

struct snapshot {
    struct tbl *t;
    size_t n, cap;
    int64_t total;
};

static void snapshot_free(struct snapshot *sn)
{
    for (size_t i = 0; i < sn->n; i++)
        free(sn->t[i].fqn);
    free(sn->t);
}

static mc_err add_table(struct mc_attr_day *d, struct snapshot *sn,
                        sqlite3_stmt *st, struct mc_error *err)
{
    const char *fqn = (const char *)sqlite3_column_text(st, 0);
    const struct mc_asset *a = mc_catalog_match(d->cat, MC_MATCH_OBJECT, fqn);
    struct tbl *t;

    if (sn->n == sn->cap) {
        size_t cap = sn->cap ? sn->cap * 2 : 64;
        struct tbl *p = realloc(sn->t, cap * sizeof *p);
        if (!p)
            return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
        sn->t = p;
        sn->cap = cap;
    }
    t = &sn->t[sn->n];
    t->product = a ? mc_catalog_product(d->cat, a->product_id)->id
                   : MC_UNALLOCATED;
    t->id = sqlite3_column_int64(st, 2);
    t->bytes = sqlite3_column_int64(st, 1);
    if (!(t->fqn = strdup(fqn)))
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    sn->n++;
    if (__builtin_add_overflow(sn->total, t->bytes, &sn->total))
        return mc_error_set(err, MC_ERR_INTERNAL,
                            "storage bytes of %s overflow", d->date);
    return MC_OK;
}

static mc_err load_storage(struct mc_attr_day *d, struct snapshot *sn,
                           struct mc_error *err)
{
    sqlite3_stmt *st = NULL;
    mc_err rc = MC_OK;
    int step;

    if (sqlite3_prepare_v2(mc_store_db(d->store),
                           "SELECT table_fqn, bytes, table_id FROM sf_storage "
                           "WHERE snapshot_day = ?",
                           -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(d->store, err, "loading storage");
    sqlite3_bind_text(st, 1, d->date, -1, SQLITE_STATIC);
    while (rc == MC_OK && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = add_table(d, sn, st, err);
    if (rc == MC_OK && step != SQLITE_DONE)
        rc = mc_store_error(d->store, err, "loading storage");
    sqlite3_finalize(st);
    if (rc == MC_OK && sn->n > 1)
        qsort(sn->t, sn->n, sizeof *sn->t, cmp_tbl);
    return rc;
}

static mc_err put_table_cost(struct mc_attr_day *d, const struct tbl *t,
                             mc_money amount, struct mc_error *err)
{
    sqlite3_stmt *st = NULL;
    mc_err rc = MC_OK;

    if (sqlite3_prepare_v3(mc_store_db(d->store),
                           "INSERT OR REPLACE INTO table_costs(day, table_id, "
                           "table_fqn, product_id, bytes, amount) VALUES "
                           "(?,?,?,?,?,?)",
                           -1, SQLITE_PREPARE_PERSISTENT, &st,
                           NULL) != SQLITE_OK)
        return mc_store_error(d->store, err, "storing table costs");
    sqlite3_bind_text(st, 1, d->date, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, t->id);
    sqlite3_bind_text(st, 3, t->fqn, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, t->product, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, t->bytes);
    sqlite3_bind_int64(st, 6, amount);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = mc_store_error(d->store, err, "storing table costs");
    sqlite3_finalize(st);
    return rc;
}

/* Books one product's storage part and splits it over its tables
 * t[0..n) by bytes. */
static mc_err book_product_storage(struct mc_attr_day *d, const struct tbl *t,
                                   size_t n, int64_t bytes, mc_money part,
                                   struct mc_error *err)
{
    const char *id = t[0].product;
    struct mc_products p = {&id, 1, "", 0};
    mc_money *tparts = NULL;
    int64_t *w = NULL;
    mc_err rc;

    if (strcmp(t[0].product, MC_UNALLOCATED) == 0)
        p.reason = "unmapped table";
    if ((rc = mc_attr_book(d, SOURCE, "storage", part, &p, NULL, err)) ||
        bytes == 0)
        return rc;
    w = malloc(n * sizeof *w);
    tparts = malloc(n * sizeof *tparts);
    if (!w || !tparts) {
        rc = mc_error_set(err, MC_ERR_NOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < n; i++)
        w[i] = t[i].bytes;
    rc = mc_split(part, w, n, tparts, err);
    for (size_t i = 0; i < n && rc == MC_OK; i++)
        rc = put_table_cost(d, &t[i], tparts[i], err);
out:
    free(w);
    free(tparts);
    return rc;
}

/* The day's storage: cost of all bytes at the monthly TiB price spread over
 * the month's days, split over products by their bytes, then over each
 * product's tables. */
mc_err mc_attr_snowflake_storage(struct mc_attr_day *d, struct mc_error *err)
{
    struct snapshot sn = {0};
    size_t np = 0, *first = NULL;
    int64_t *w = NULL;
    mc_money cost, *parts = NULL;
    int y, m, dd;
    mc_err rc;

    if ((rc = load_storage(d, &sn, err)) != MC_OK || sn.total == 0 ||
        (rc = mc_attr_need_price(d, d->price_storage, "storage", err)))
        goto out;
    mc_day_to_ymd(d->day, &y, &m, &dd);
    cost = mc_muldiv(sn.total, d->price_storage,
                     (int64_t)mc_days_in_month(y, m) << 40);
    first = malloc((sn.n + 1) * sizeof *first);
    w = calloc(sn.n, sizeof *w);
    parts = malloc(sn.n * sizeof *parts);
    if (!first || !w || !parts) {
        rc = mc_error_set(err, MC_ERR_NOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < sn.n; i++) { /* products, in id order */
        if (i == 0 || strcmp(sn.t[i].product, sn.t[i - 1].product) != 0)
            first[np++] = i;
        w[np - 1] += sn.t[i].bytes;
    }
    first[np] = sn.n;
    if ((rc = mc_split(cost, w, np, parts, err)) != MC_OK)
        goto out;
    for (size_t k = 0; k < np && rc == MC_OK; k++)
        rc = book_product_storage(d, &sn.t[first[k]], first[k + 1] - first[k],
                                  w[k], parts[k], err);
    if (rc == MC_OK)
        rc = mc_attr_total(d, SOURCE, "storage", cost, err);
out:
    snapshot_free(&sn);
    free(first);
    free(w);
    free(parts);
    return rc;
}
