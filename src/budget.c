/* budget.c — month to date, forecast and budget status per product. */
#include "meshcost/budget.h"

#include <stdlib.h>
#include <string.h>

#include "meshcost/usage.h"

static const char *const kind_names[MC_KIND__COUNT] = {
    [MC_KIND_COMPUTE] = "compute",
    [MC_KIND_CLOUD_SERVICES] = "cloud_services",
    [MC_KIND_IDLE] = "idle",
    [MC_KIND_STORAGE] = "storage",
    [MC_KIND_BILLING] = "billing",
};

mc_money mc_budget_forecast(mc_money mtd, mc_money last7, int remaining)
{
    if (remaining <= 0)
        return mtd;
    return mtd + mc_muldiv(last7, remaining, 7);
}

enum mc_budget_status mc_budget_status(int has_budget, mc_money budget,
                                       mc_money forecast)
{
    if (!has_budget)
        return MC_BUDGET_NONE;
    if (forecast > budget)
        return MC_BUDGET_OVER;
    if ((mc_i128)forecast * 10 > (mc_i128)budget * 9)
        return MC_BUDGET_AT_RISK;
    return MC_BUDGET_OK;
}

const char *mc_budget_status_text(enum mc_budget_status st)
{
    switch (st) {
    case MC_BUDGET_OK:
        return "ok";
    case MC_BUDGET_AT_RISK:
        return "at risk";
    case MC_BUDGET_OVER:
        return "over";
    case MC_BUDGET_NONE:
        break;
    }
    return "no budget";
}

int mc_source_index(const char *name)
{
    static const char *const names[MC_SRC__COUNT] = {
        "snowflake", "bigquery", "databricks", "focus"};

    for (int i = 0; i < MC_SRC__COUNT; i++)
        if (name && strcmp(name, names[i]) == 0)
            return i;
    return -1;
}

int mc_cost_kind(const char *name)
{
    for (int i = 0; i < MC_KIND__COUNT; i++)
        if (name && strcmp(name, kind_names[i]) == 0)
            return i;
    return -1;
}

mc_money mc_spend_per_query(const struct mc_spend *r)
{
    return r->reads > 0 ? mc_muldiv(r->mtd, 1, r->reads) : 0;
}

void mc_month_free(struct mc_month *m)
{
    for (size_t i = 0; i < m->n; i++)
        free(m->rows[i].daily);
    free(m->rows);
    memset(m, 0, sizeof *m);
}

/* Adds one allocations row (day, product, kind, amount) to the month. */
static void add(struct mc_month *m, const struct mc_catalog *cat,
                mc_day day, const char *product, const char *source,
                const char *kind, mc_money amount)
{
    const struct mc_product *p = mc_catalog_product(cat, product);
    struct mc_spend *r;
    int k = mc_cost_kind(kind), src = mc_source_index(source);

    if (day <= m->as_of && day >= m->first)
        m->total += amount;
    if (!p) {
        if (day <= m->as_of && day >= m->first) {
            m->unallocated += amount;
            if (src >= 0)
                m->unallocated_by_source[src] += amount;
        }
        return;
    }
    r = &m->rows[p - mc_catalog_product_at(cat, 0)];
    if (day > m->as_of - 7 && day <= m->as_of)
        r->last7 += amount;
    if (day < m->first || day > m->as_of)
        return;
    r->mtd += amount;
    r->daily[day - m->first] += amount;
    if (k >= 0)
        r->by_kind[k] += amount;
    if (src >= 0)
        r->by_source[src] += amount;
}

static mc_err read_allocations(struct mc_store *s, const struct mc_catalog *cat,
                               struct mc_month *m, struct mc_error *err)
{
    char d1[MC_DATE_BUFSZ], d2[MC_DATE_BUFSZ];
    sqlite3_stmt *st = NULL;
    mc_err rc = MC_OK;
    int step;

    mc_date_format(m->first < m->as_of - 6 ? m->first : m->as_of - 6, d1);
    mc_date_format(m->end, d2);
    if (sqlite3_prepare_v2(mc_store_db(s),
                           "SELECT day, product_id, source, cost_kind, "
                           "sum(amount) FROM allocations WHERE day >= ? "
                           "AND day < ? GROUP BY 1, 2, 3, 4",
                           -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(s, err, "reading allocations");
    sqlite3_bind_text(st, 1, d1, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, d2, -1, SQLITE_STATIC);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        mc_day day;
        struct mc_error perr;
        if (mc_date_parse((const char *)sqlite3_column_text(st, 0), &day,
                          &perr) != MC_OK)
            continue;
        add(m, cat, day, (const char *)sqlite3_column_text(st, 1),
            (const char *)sqlite3_column_text(st, 2),
            (const char *)sqlite3_column_text(st, 3),
            sqlite3_column_int64(st, 4));
    }
    if (step != SQLITE_DONE)
        rc = mc_store_error(s, err, "reading allocations");
    sqlite3_finalize(st);
    return rc;
}

mc_err mc_month_compute(struct mc_store *s, const struct mc_catalog *cat,
                        mc_day first, mc_day end, mc_day as_of,
                        struct mc_month *out, struct mc_error *err)
{
    size_t n = mc_catalog_product_count(cat);
    struct mc_usage *u = NULL;
    mc_err rc;

    memset(out, 0, sizeof *out);
    out->first = first, out->end = end, out->days = end - first;
    out->as_of = as_of < first - 1 ? first - 1 : as_of >= end ? end - 1 : as_of;
    out->rows = calloc(n ? n : 1, sizeof *out->rows);
    u = calloc(n ? n : 1, sizeof *u);
    if (!out->rows || !u) {
        rc = mc_error_set(err, MC_ERR_NOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < n; i++, out->n++) {
        out->rows[i].product = mc_catalog_product_at(cat, i);
        if (!(out->rows[i].daily = calloc((size_t)out->days, sizeof(mc_money)))) {
            rc = mc_error_set(err, MC_ERR_NOMEM, "out of memory");
            goto out;
        }
    }
    if ((rc = read_allocations(s, cat, out, err)) ||
        (rc = mc_usage_window(s, cat, first, out->as_of, u, err)))
        goto out;
    for (size_t i = 0; i < n; i++) {
        struct mc_spend *r = &out->rows[i];
        r->reads = u[i].reads;
        r->consumers = u[i].consumers;
        r->forecast = mc_budget_forecast(r->mtd, r->last7,
                                         end - 1 - out->as_of);
        r->status = mc_budget_status(r->product->has_budget,
                                     r->product->budget, r->forecast);
    }
out:
    free(u);
    if (rc != MC_OK)
        mc_month_free(out);
    return rc;
}
