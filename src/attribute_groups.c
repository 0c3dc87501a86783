/* attribute_groups.c — the day's query costs as the Drivers sheet and the
 * board show them, summed in memory and written once per key when the day
 * is done: a few rows per group instead of one per query and product.
 *   query_groups          domain, source, group, cost kind (+ the smallest
 *                         warehouse or project, an example text)
 *   query_group_products  domain, source, group, product
 *   query_users           domain, user, role
 *   query_warehouses      domain, warehouse (or BigQuery project)
 * A query counts once in each domain it is charged to (in the row of the
 * first cost kind it is charged there). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meshcost/attribute.h"
#include "meshcost/strmap.h"

enum { GROUPS, PRODUCTS, USERS, WAREHOUSES, NMAPS };

struct mc_attr_groups {
    struct mc_strmap m[NMAPS]; /* a: queries, b: amount, text[] */
};

/* Fields of each map's key, and its table (day and the fields, then the
 * sums: queries, amount and texts where the table has them). */
static const struct {
    size_t nf;
    const char *sql;
} maps[NMAPS] = {
    {4, "INSERT INTO query_groups(day, domain, source, group_key, "
        "cost_kind, queries, amount, warehouse, sample_text) VALUES "
        "(?,?,?,?,?,?,?,?,?)"},
    {4, "INSERT INTO query_group_products(day, domain, source, group_key, "
        "product_id, amount) VALUES (?,?,?,?,?,?)"},
    {3, "INSERT INTO query_users(day, domain, user_name, role_name, "
        "queries, amount) VALUES (?,?,?,?,?,?)"},
    {2, "INSERT INTO query_warehouses(day, domain, warehouse, queries, "
        "amount) VALUES (?,?,?,?,?)"},
};

void mc_attr_query_free(struct mc_attr_query *q)
{
    free(q->domains);
    q->domains = NULL;
    q->ndomains = q->cap = 0;
}

int mc_attr_counts_on(const struct mc_attr_day *d, mc_ms start)
{
    mc_ms d0 = (mc_ms)d->day * MC_MS_PER_DAY;
    int y, m, mday;

    if (start >= d0)
        return 1;
    mc_day_to_ymd(d->day, &y, &m, &mday);
    return mday == 1;
}

void mc_attr_groups_free(struct mc_attr_day *d)
{
    if (!d->groups)
        return;
    for (int i = 0; i < NMAPS; i++)
        mc_strmap_free(&d->groups->m[i]);
    free(d->groups);
    d->groups = NULL;
}

/* Keys: each field as its decimal length, ':' and its bytes, so that no
 * value can be mistaken for a separator. */
static char *make_key(const char *const *f, size_t n, char *buf, size_t cap)
{
    size_t len = 0, at = 0;
    char *k;

    for (size_t i = 0; i < n; i++)
        len += strlen(f[i]) + 24;
    k = len + 1 <= cap ? buf : malloc(len + 1);
    if (!k)
        return NULL;
    for (size_t i = 0; i < n; i++)
        at += (size_t)snprintf(k + at, len + 1 - at, "%zu:%s", strlen(f[i]),
                               f[i]);
    return k;
}

/* Splits a key back into its n fields, in place (the key is consumed):
 * every field is found first, then terminated (a terminator overwrites
 * the first digit of the next field's length). */
static void split_key(char *k, char **f, size_t n)
{
    size_t len[4];

    for (size_t i = 0; i < n; i++) {
        char *colon;
        len[i] = (size_t)strtoul(k, &colon, 10);
        f[i] = colon + 1;
        k = f[i] + len[i];
    }
    for (size_t i = 0; i < n; i++)
        f[i][len[i]] = '\0';
}

/* 1 if q was already counted in domain, else records it (0); -1 out of
 * memory. */
static int counted(struct mc_attr_query *q, const char *domain)
{
    for (size_t i = 0; i < q->ndomains; i++)
        if (strcmp(q->domains[i], domain) == 0)
            return 1;
    if (q->ndomains == q->cap) {
        size_t cap = q->cap ? q->cap * 2 : 2;
        const char **p = realloc(q->domains, cap * sizeof *p);
        if (!p)
            return -1;
        q->domains = p;
        q->cap = cap;
    }
    q->domains[q->ndomains++] = domain;
    return 0;
}

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

/* Adds to one map's entry; NULL when out of memory. */
static struct mc_strmap_entry *add(struct mc_strmap *m, const char *const *f,
                                   size_t n, int64_t queries, mc_money amount)
{
    char buf[1024], *k = make_key(f, n, buf, sizeof buf);
    struct mc_strmap_entry *e = k ? mc_strmap_get(m, k) : NULL;

    if (k != buf)
        free(k);
    if (e) {
        e->a += queries;
        e->b += amount;
    }
    return e;
}

mc_err mc_attr_group_add(struct mc_attr_day *d, const char *source,
                         const char *kind, struct mc_attr_query *q,
                         const char *product, mc_money amount,
                         struct mc_error *err)
{
    const struct mc_product *p = mc_catalog_product(d->cat, product);
    const char *domain = p ? p->domain : "";
    const char *group = q->group ? q->group : "(no hash)";
    const char *fg[4] = {domain, source, group, kind};
    const char *fp[4] = {domain, source, group, product};
    const char *fu[3] = {domain, or_empty(q->user), or_empty(q->role)};
    const char *fw[2] = {domain, or_empty(q->warehouse)};
    struct mc_strmap_entry *e;
    int64_t n;
    int seen;

    if (!d->groups && !(d->groups = calloc(1, sizeof *d->groups)))
        goto nomem;
    if ((seen = counted(q, domain)) < 0)
        goto nomem;
    n = !seen && q->count;
    if (!(e = add(&d->groups->m[GROUPS], fg, 4, n, amount)) ||
        mc_strmap_min_text(e, 0, q->warehouse) ||
        mc_strmap_min_text(e, 1, q->text) ||
        !add(&d->groups->m[PRODUCTS], fp, 4, 0, amount) ||
        !add(&d->groups->m[USERS], fu, 3, n, amount) ||
        !add(&d->groups->m[WAREHOUSES], fw, 2, n, amount))
        goto nomem;
    return MC_OK;
nomem:
    return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
}

static void bind_text0(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static mc_err flush_map(struct mc_attr_day *d, int which,
                        struct mc_error *err)
{
    struct mc_strmap *m = &d->groups->m[which];
    sqlite3_stmt *st = NULL;
    mc_err rc = MC_OK;

    if (!m->used)
        return MC_OK;
    if (sqlite3_prepare_v2(mc_store_db(d->store), maps[which].sql, -1, &st,
                           NULL) != SQLITE_OK)
        return mc_store_error(d->store, err, "query groups");
    for (size_t i = 0; i < m->nslot && rc == MC_OK; i++) {
        struct mc_strmap_entry *e = &m->slot[i];
        char *f[4];
        int n = 1;
        if (!e->key || (e->b == 0 && e->a == 0))
            continue;
        split_key(e->key, f, maps[which].nf);
        sqlite3_bind_text(st, n++, d->date, -1, SQLITE_STATIC);
        for (size_t j = 0; j < maps[which].nf; j++)
            sqlite3_bind_text(st, n++, f[j], -1, SQLITE_STATIC);
        if (which != PRODUCTS)
            sqlite3_bind_int64(st, n++, e->a);
        sqlite3_bind_int64(st, n++, e->b);
        if (which == GROUPS) {
            bind_text0(st, n++, e->text[0]);
            bind_text0(st, n++, e->text[1]);
        }
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = mc_store_error(d->store, err, "query groups");
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

mc_err mc_attr_groups_flush(struct mc_attr_day *d, struct mc_error *err)
{
    mc_err rc = MC_OK;

    for (int i = 0; d->groups && i < NMAPS && rc == MC_OK; i++)
        rc = flush_map(d, i, err);
    mc_attr_groups_free(d);
    return rc;
}

/* The tables, their day's rows deleted domain by domain (their keys start
 * with the domain, which the reports filter on first). */
static const char *const tables[] = {"query_groups", "query_group_products",
                                     "query_users", "query_warehouses"};

static mc_err clear_table(struct mc_attr_day *d, const char *table,
                          struct mc_error *err)
{
    sqlite3 *db = mc_store_db(d->store);
    sqlite3_stmt *next = NULL, *del = NULL;
    char sql[160], *dom = strdup(""); /* '' is the smallest text */
    mc_err rc = MC_OK;

    if (!dom)
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    snprintf(sql, sizeof sql, "SELECT min(domain) FROM %s WHERE domain > ?",
             table);
    if (sqlite3_prepare_v2(db, sql, -1, &next, NULL) != SQLITE_OK)
        rc = mc_store_error(d->store, err, "query groups");
    snprintf(sql, sizeof sql, "DELETE FROM %s WHERE domain = ? AND day = ?",
             table);
    if (rc == MC_OK &&
        sqlite3_prepare_v2(db, sql, -1, &del, NULL) != SQLITE_OK)
        rc = mc_store_error(d->store, err, "query groups");
    while (rc == MC_OK && dom) {
        const char *n;
        sqlite3_bind_text(del, 1, dom, -1, SQLITE_STATIC);
        sqlite3_bind_text(del, 2, d->date, -1, SQLITE_STATIC);
        sqlite3_bind_text(next, 1, dom, -1, SQLITE_STATIC);
        if (sqlite3_step(del) != SQLITE_DONE ||
            sqlite3_step(next) != SQLITE_ROW) {
            rc = mc_store_error(d->store, err, "query groups");
            break;
        }
        n = (const char *)sqlite3_column_text(next, 0);
        free(dom);
        dom = n ? strdup(n) : NULL;
        if (n && !dom)
            rc = mc_error_set(err, MC_ERR_NOMEM, "out of memory");
        sqlite3_reset(del);
        sqlite3_reset(next);
    }
    free(dom);
    sqlite3_finalize(next);
    sqlite3_finalize(del);
    return rc;
}

mc_err mc_attr_groups_clear(struct mc_attr_day *d, struct mc_error *err)
{
    mc_err rc = MC_OK;

    for (size_t t = 0; t < NMAPS && rc == MC_OK; t++)
        rc = clear_table(d, tables[t], err);
    return rc;
}
