/* sunset.c — usage evidence per product and the sunset rules. */
#include "meshcost/sunset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meshcost/money.h"
#include "meshcost/usage.h"

static struct mc_sunset_row *row_of(struct mc_sunset *out, const char *id)
{
    for (size_t i = 0; i < out->n; i++)
        if (strcmp(out->rows[i].product->id, id) == 0)
            return &out->rows[i];
    return NULL;
}

/* reads_30d / consumers_30d over [D-29, D], reads_90d over the idle
 * window, last_read over everything up to D. */
static mc_err read_usage(struct mc_store *s, const struct mc_config *cfg,
                         const struct mc_catalog *cat, struct mc_sunset *out,
                         struct mc_error *err)
{
    size_t n = mc_catalog_product_count(cat);
    struct mc_usage *u30 = calloc(n + 1, sizeof *u30);
    struct mc_usage *uidle = calloc(n + 1, sizeof *uidle);
    struct mc_usage *uall = calloc(n + 1, sizeof *uall);
    mc_day d = out->as_of;
    mc_err rc;

    if (!u30 || !uidle || !uall) {
        rc = mc_error_set(err, MC_ERR_NOMEM, "out of memory");
        goto out;
    }
    if ((rc = mc_usage_prepare(s, cat, err)) ||
        (rc = mc_usage_window(s, cat, d - 29, d, u30, err)) ||
        (rc = mc_usage_window(s, cat, d - cfg->sunset_idle_days + 1, d, uidle,
                              err)) ||
        (rc = mc_usage_window(s, cat, INT32_MIN / 2, d, uall, err)))
        goto out;
    for (size_t i = 0; i < n; i++) {
        struct mc_sunset_row *r = row_of(out, mc_catalog_product_at(cat, i)->id);
        r->reads_30d = u30[i].reads;
        r->consumers_30d = u30[i].consumers;
        r->reads_90d = uidle[i].reads;
        if (uall[i].has_last)
            mc_date_format(uall[i].last_read, r->last_read);
    }
out:
    free(u30);
    free(uidle);
    free(uall);
    return rc;
}

static mc_err read_costs(struct mc_store *s, struct mc_sunset *out,
                         struct mc_error *err)
{
    char d1[MC_DATE_BUFSZ], d2[MC_DATE_BUFSZ];
    sqlite3_stmt *st = NULL;
    mc_err rc = MC_OK;
    int step;

    mc_date_format(out->as_of - 29, d1);
    mc_date_format(out->as_of, d2);
    if (sqlite3_prepare_v2(mc_store_db(s),
                           "SELECT product_id, sum(amount) FROM allocations "
                           "WHERE day >= ? AND day <= ? GROUP BY product_id",
                           -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(s, err, "sunset costs");
    sqlite3_bind_text(st, 1, d1, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, d2, -1, SQLITE_STATIC);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        struct mc_sunset_row *r =
            row_of(out, (const char *)sqlite3_column_text(st, 0));
        if (r)
            r->monthly_cost = sqlite3_column_int64(st, 1);
    }
    if (step != SQLITE_DONE)
        rc = mc_store_error(s, err, "sunset costs");
    sqlite3_finalize(st);
    return rc;
}

/* "a;b": active products that list id among their dependencies. */
static char *dependents(const struct mc_catalog *cat, const char *id)
{
    size_t len = 1, n = mc_catalog_product_count(cat);
    char *s;

    for (size_t i = 0; i < n; i++)
        len += strlen(mc_catalog_product_at(cat, i)->id) + 1;
    if (!(s = calloc(len, 1)))
        return NULL;
    for (size_t i = 0; i < n; i++) {
        const struct mc_product *p = mc_catalog_product_at(cat, i);
        if (strcmp(p->status, "active") != 0)
            continue;
        for (size_t d = 0; d < p->n_deps; d++) {
            if (strcmp(p->deps[d], id) == 0) {
                if (*s)
                    strcat(s, ";");
                strcat(s, p->id);
                break;
            }
        }
    }
    return s;
}

static void apply_rules(const struct mc_config *cfg, struct mc_sunset_row *r)
{
    const char *status = r->product->status;
    int eligible = strcmp(status, "active") == 0 ||
                   strcmp(status, "deprecated") == 0;
    int unread = r->reads_90d == 0;
    int few = r->consumers_30d < cfg->sunset_min_consumers;
    int n;

    r->candidate = eligible && (unread || few) &&
                   r->monthly_cost >= cfg->sunset_min_monthly_cost;
    if (!r->candidate)
        return;
    if (unread)
        n = snprintf(r->reason, sizeof r->reason, "no reads in %d days",
                     cfg->sunset_idle_days);
    else
        n = snprintf(r->reason, sizeof r->reason, "%lld consumer%s in 30 days",
                     (long long)r->consumers_30d,
                     r->consumers_30d == 1 ? "" : "s");
    if (*r->active_dependents && n > 0 && (size_t)n < sizeof r->reason)
        snprintf(r->reason + n, sizeof r->reason - (size_t)n, "; feeds %s",
                 r->active_dependents);
}

static int cmp_rank(const void *a, const void *b)
{
    const struct mc_sunset_row *x = a, *y = b;

    if (x->candidate != y->candidate)
        return x->candidate ? -1 : 1;
    if (x->monthly_cost != y->monthly_cost)
        return x->monthly_cost > y->monthly_cost ? -1 : 1;
    return strcmp(x->product->id, y->product->id);
}

mc_err mc_sunset_compute(struct mc_store *s, const struct mc_config *cfg,
                         const struct mc_catalog *cat, mc_day as_of,
                         struct mc_sunset *out, struct mc_error *err)
{
    size_t n = mc_catalog_product_count(cat);
    mc_err rc;

    memset(out, 0, sizeof *out);
    out->as_of = as_of;
    if (!(out->rows = calloc(n ? n : 1, sizeof *out->rows)))
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        out->rows[i].product = mc_catalog_product_at(cat, i);
        out->rows[i].active_dependents = dependents(cat, out->rows[i].product->id);
        out->n++;
        if (!out->rows[i].active_dependents) {
            mc_sunset_free(out);
            return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
        }
    }
    if ((rc = read_usage(s, cfg, cat, out, err)) != MC_OK ||
        (rc = read_costs(s, out, err)) != MC_OK) {
        mc_sunset_free(out);
        return rc;
    }
    for (size_t i = 0; i < n; i++) {
        apply_rules(cfg, &out->rows[i]);
        out->n_candidates += (size_t)out->rows[i].candidate;
    }
    qsort(out->rows, n, sizeof *out->rows, cmp_rank);
    return MC_OK;
}

void mc_sunset_free(struct mc_sunset *sunset)
{
    for (size_t i = 0; i < sunset->n; i++)
        free(sunset->rows[i].active_dependents);
    free(sunset->rows);
    memset(sunset, 0, sizeof *sunset);
}

mc_money mc_sunset_annual(const struct mc_sunset_row *row)
{
    return mc_muldiv(row->monthly_cost, 365, 30);
}
