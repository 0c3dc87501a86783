/* attribute_groups.c — the day's query costs as the Drivers sheet and the
 * board show them (query_groups, query_group_products): summed in memory
 * per domain, source, group, user, role, warehouse and cost kind, and
 * written once per key when the day is done: a few rows per group instead
 * of one per query and product. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meshcost/attribute.h"
#include "meshcost/strmap.h"

struct mc_attr_groups {
    struct mc_strmap rows;     /* -> a: queries, b: amount, text */
    struct mc_strmap products; /* -> b: amount */
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
    mc_strmap_free(&d->groups->rows);
    mc_strmap_free(&d->groups->products);
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
    size_t len[7];

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

mc_err mc_attr_group_add(struct mc_attr_day *d, const char *source,
                         const char *kind, struct mc_attr_query *q,
                         const char *product, mc_money amount,
                         struct mc_error *err)
{
    const struct mc_product *p = mc_catalog_product(d->cat, product);
    const char *domain = p ? p->domain : "";
    const char *group = q->group ? q->group : "(no hash)";
    const char *row[7] = {domain, source, group, or_empty(q->user),
                          or_empty(q->role), or_empty(q->warehouse), kind};
    const char *prod[4] = {domain, source, group, product};
    char buf[1024], *k = NULL;
    struct mc_strmap_entry *e;
    int seen;

    if (!d->groups && !(d->groups = calloc(1, sizeof *d->groups)))
        goto nomem;
    if ((seen = counted(q, domain)) < 0 || !(k = make_key(row, 7, buf,
                                                          sizeof buf)) ||
        !(e = mc_strmap_get(&d->groups->rows, k)) ||
        mc_strmap_min_text(e, q->text))
        goto nomem;
    e->a += !seen && q->count;
    e->b += amount;
    if (k != buf)
        free(k);
    if (!(k = make_key(prod, 4, buf, sizeof buf)) ||
        !(e = mc_strmap_get(&d->groups->products, k)))
        goto nomem;
    e->b += amount;
    if (k != buf)
        free(k);
    return MC_OK;
nomem:
    if (k != buf)
        free(k);
    return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
}

static mc_err flush_map(struct mc_attr_day *d, struct mc_strmap *m,
                        const char *sql, size_t nf, struct mc_error *err)
{
    sqlite3_stmt *st = NULL;
    mc_err rc = MC_OK;

    if (!m->used)
        return MC_OK;
    if (sqlite3_prepare_v2(mc_store_db(d->store), sql, -1, &st, NULL) !=
        SQLITE_OK)
        return mc_store_error(d->store, err, "query groups");
    for (size_t i = 0; i < m->nslot && rc == MC_OK; i++) {
        struct mc_strmap_entry *e = &m->slot[i];
        char *f[7];
        int n = 1;
        if (!e->key || e->b == 0)
            continue;
        split_key(e->key, f, nf);
        sqlite3_bind_text(st, n++, d->date, -1, SQLITE_STATIC);
        for (size_t j = 0; j < nf; j++)
            sqlite3_bind_text(st, n++, f[j], -1, SQLITE_STATIC);
        if (nf == 7) {
            sqlite3_bind_int64(st, n++, e->a);
            sqlite3_bind_int64(st, n++, e->b);
            if (e->text)
                sqlite3_bind_text(st, n++, e->text, -1, SQLITE_STATIC);
            else
                sqlite3_bind_null(st, n++);
        } else {
            sqlite3_bind_int64(st, n++, e->b);
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

    if (d->groups &&
        (rc = flush_map(d, &d->groups->rows,
                        "INSERT INTO query_groups(day, domain, source, "
                        "group_key, user_name, role_name, warehouse, "
                        "cost_kind, queries, amount, sample_text) VALUES "
                        "(?,?,?,?,?,?,?,?,?,?,?)",
                        7, err)) == MC_OK)
        rc = flush_map(d, &d->groups->products,
                       "INSERT INTO query_group_products(day, domain, "
                       "source, group_key, product_id, amount) VALUES "
                       "(?,?,?,?,?,?)",
                       4, err);
    mc_attr_groups_free(d);
    return rc;
}
