/* attribute_focus.c — FOCUS billing lines (DESIGN 4.4). A scope (provider,
 * billing account, billing period) is one whole: its lines, in 1e-11
 * units, are spread over their UTC days by the milliseconds of their
 * charge period and over their products; the scope's total is rounded
 * once to micro-units and handed out to the (day, product) cells by
 * largest remainder, so a file's allocations add up exactly to its
 * rounded sum of EffectiveCost (or BilledCost). */
#include <stdlib.h>
#include <string.h>

#include "meshcost/attribute.h"
#include "meshcost/money.h"

#define SOURCE "focus"
#define TO_MICRO 100000 /* 1e-11 units per micro-unit */

struct cell {
    mc_day day;
    const char *product, *reason;
    int64_t value;  /* 1e-11 units */
    int64_t micro;  /* after distribution */
    int64_t rem;    /* value - floor(value / TO_MICRO) * TO_MICRO */
};

struct cells {
    struct cell *v;
    size_t n, cap;
};

static mc_err add(struct cells *c, mc_day day, const char *product,
                  const char *reason, int64_t value, struct mc_error *err)
{
    for (size_t i = 0; i < c->n; i++) {
        if (c->v[i].day == day && strcmp(c->v[i].product, product) == 0) {
            if (__builtin_add_overflow(c->v[i].value, value, &c->v[i].value))
                return mc_error_set(err, MC_ERR_INPUT,
                                    "FOCUS amounts overflow");
            return MC_OK;
        }
    }
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        struct cell *p = realloc(c->v, cap * sizeof *p);
        if (!p)
            return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
        c->v = p;
        c->cap = cap;
    }
    c->v[c->n++] = (struct cell){day, product, reason, value, 0, 0};
    return MC_OK;
}

/* A line's products: tag assets, else its resource, else unallocated. */
static mc_err products(const struct mc_catalog *cat, const char *tags,
                       const char *resource, struct mc_products *out,
                       struct mc_error *err)
{
    mc_err rc;

    if ((rc = mc_resolve_tags(cat, tags, out, err)) != MC_OK || out->n)
        return rc;
    mc_products_free(out);
    return mc_resolve_owner(cat, MC_MATCH_RESOURCE, resource,
                            "no catalog match", out, err);
}

/* Spreads one line's amount over its days and products into cells. */
static mc_err spread(const struct mc_catalog *cat, sqlite3_stmt *st,
                     int64_t amount, struct cells *c, struct mc_error *err)
{
    mc_ms a = sqlite3_column_int64(st, 0), b = sqlite3_column_int64(st, 1);
    mc_day d0 = mc_day_of(a), d1 = b > a ? mc_day_of(b - 1) : d0;
    size_t nd = (size_t)(d1 - d0 + 1);
    struct mc_products p = {0};
    int64_t *w = malloc(nd * sizeof *w);
    mc_money *part = malloc(nd * sizeof *part), *each = NULL;
    mc_err rc;

    if (!w || !part) {
        rc = mc_error_set(err, MC_ERR_NOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < nd; i++) { /* milliseconds of each day */
        mc_ms lo = (mc_ms)(d0 + (mc_day)i) * MC_MS_PER_DAY;
        mc_ms x = a > lo ? a : lo, y = b < lo + MC_MS_PER_DAY ? b : lo + MC_MS_PER_DAY;
        w[i] = b > a ? (y > x ? y - x : 0) : 1;
    }
    if ((rc = mc_split(amount, w, nd, part, err)) ||
        (rc = products(cat, (const char *)sqlite3_column_text(st, 3),
                       (const char *)sqlite3_column_text(st, 4), &p, err)))
        goto out;
    if (!(each = malloc(p.n * sizeof *each))) {
        rc = mc_error_set(err, MC_ERR_NOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < nd && rc == MC_OK; i++) {
        if ((rc = mc_split_even(part[i], p.n, each, err)) != MC_OK)
            break;
        for (size_t k = 0; k < p.n && rc == MC_OK; k++)
            rc = add(c, d0 + (mc_day)i, p.ids[k], p.reason, each[k], err);
    }
out:
    mc_products_free(&p);
    free(w);
    free(part);
    free(each);
    return rc;
}

static int cmp_rem(const void *x, const void *y)
{
    const struct cell *a = *(struct cell *const *)x;
    const struct cell *b = *(struct cell *const *)y;

    if (a->rem != b->rem)
        return a->rem > b->rem ? -1 : 1;
    if (a->day != b->day)
        return a->day < b->day ? -1 : 1;
    return strcmp(a->product, b->product);
}

/* The scope's total rounded once; each cell its floor plus one unit for
 * the largest remainders, so the cells add up to the rounded total. */
static mc_err distribute(struct cells *c, struct mc_error *err)
{
    struct cell **order = malloc((c->n + 1) * sizeof *order);
    mc_i128 sum = 0, floors = 0, k;

    if (!order)
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < c->n; i++) {
        struct cell *x = &c->v[i];
        int64_t q = x->value / TO_MICRO, r = x->value % TO_MICRO;
        if (r < 0)
            q--, r += TO_MICRO; /* floor */
        x->micro = q, x->rem = r;
        sum += x->value, floors += q;
        order[i] = x;
    }
    k = mc_div_round(sum, TO_MICRO) - floors; /* 0 <= k <= n */
    qsort(order, c->n, sizeof *order, cmp_rem);
    for (size_t i = 0; i < c->n && k > 0; i++, k--)
        order[i]->micro++;
    free(order);
    return MC_OK;
}

static mc_err scope_cells(struct mc_attr_day *d, const char *scope,
                          struct cells *c, struct mc_error *err)
{
    const struct mc_config *cfg = d->cfg;
    sqlite3_stmt *st = NULL;
    mc_err rc = MC_OK;
    int step;

    if (sqlite3_prepare_v2(mc_store_db(d->store),
                           "SELECT charge_start_ms, charge_end_ms, "
                           "CASE WHEN ?2 THEN billed ELSE effective END, "
                           "tags, resource_id, currency FROM focus_line "
                           "WHERE scope = ?1 ORDER BY line_id",
                           -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(d->store, err, "FOCUS lines");
    sqlite3_bind_text(st, 1, scope, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, cfg->focus_billed);
    while (rc == MC_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *cur = (const char *)sqlite3_column_text(st, 5);
        int64_t amount = sqlite3_column_int64(st, 2), rate;
        if (strcmp(cur, cfg->currency) != 0) {
            if (!(rate = mc_config_fx(cfg, cur))) {
                rc = mc_error_set(err, MC_ERR_CONFIG,
                                  "FOCUS lines in %.8s need an [fx] rate to "
                                  "%s",
                                  cur, cfg->currency);
                break;
            }
            amount = mc_muldiv(amount, rate, MC_NANO);
        }
        rc = spread(d->cat, st, amount, c, err);
    }
    if (rc == MC_OK && step != SQLITE_DONE)
        rc = mc_store_error(d->store, err, "FOCUS lines");
    sqlite3_finalize(st);
    return rc == MC_OK ? distribute(c, err) : rc;
}

static mc_err book_day(struct mc_attr_day *d, const struct cells *c,
                       struct mc_error *err)
{
    mc_money total = 0;
    mc_err rc = MC_OK;

    for (size_t i = 0; i < c->n && rc == MC_OK; i++) {
        const struct cell *x = &c->v[i];
        struct mc_products p = {(const char **)&x->product, 1, x->reason, 0};
        if (x->day != d->day)
            continue;
        total += x->micro;
        rc = mc_attr_book(d, SOURCE, "billing", x->micro, &p, NULL, err);
    }
    return rc == MC_OK ? mc_attr_total(d, SOURCE, "billing", total, err) : rc;
}

mc_err mc_attr_focus_day(struct mc_attr_day *d, struct mc_error *err)
{
    mc_ms d0 = (mc_ms)d->day * MC_MS_PER_DAY;
    sqlite3_stmt *st = NULL;
    mc_err rc = MC_OK;
    int step;

    if (sqlite3_prepare_v2(mc_store_db(d->store),
                           "SELECT DISTINCT scope FROM focus_line WHERE "
                           "charge_start_ms < ?2 AND (charge_end_ms > ?1 OR "
                           "(charge_end_ms = charge_start_ms AND "
                           "charge_start_ms >= ?1)) ORDER BY scope",
                           -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(d->store, err, "FOCUS scopes");
    sqlite3_bind_int64(st, 1, d0);
    sqlite3_bind_int64(st, 2, d0 + MC_MS_PER_DAY);
    while (rc == MC_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        struct cells c = {0};
        rc = scope_cells(d, (const char *)sqlite3_column_text(st, 0), &c, err);
        if (rc == MC_OK)
            rc = book_day(d, &c, err);
        free(c.v);
    }
    if (rc == MC_OK && step != SQLITE_DONE)
        rc = mc_store_error(d->store, err, "FOCUS scopes");
    sqlite3_finalize(st);
    return rc;
}
