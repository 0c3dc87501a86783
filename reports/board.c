/* board.c — the governance board's workbook: Domains, Sunset candidates,
 * Hot products, Governance, Unallocated. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meshcost/showback_internal.h"
#include "meshcost/usage.h"

struct domain_sum {
    const char *name;
    int products;
    mc_money budget, mtd, forecast;
    mc_money by_source[MC_SRC__COUNT];
    int has_budget;
};

static size_t domains_of(const struct mc_month *m, struct domain_sum *d)
{
    size_t n = 0, k;

    for (size_t i = 0; i < m->n; i++) {
        const struct mc_spend *r = &m->rows[i];
        for (k = 0; k < n && strcmp(d[k].name, r->product->domain); k++)
            ;
        if (k == n)
            memset(&d[n], 0, sizeof d[n]), d[n++].name = r->product->domain;
        d[k].products++;
        d[k].mtd += r->mtd, d[k].forecast += r->forecast;
        for (int src = 0; src < MC_SRC__COUNT; src++)
            d[k].by_source[src] += r->by_source[src];
        if (r->product->has_budget)
            d[k].budget += r->product->budget, d[k].has_budget = 1;
    }
    return n;
}

static int cmp_domain(const void *a, const void *b)
{
    return strcmp(((const struct domain_sum *)a)->name,
                  ((const struct domain_sum *)b)->name);
}

static void domains(struct mc_xlsx *x, const struct mc_report_ctx *rc)
{
    static const char *const cols[] = {"Domain", "Products", "Budget",
                                       "Month to date", "Forecast",
                                       "Variance (budget - forecast)",
                                       "Budget status", "Snowflake",
                                       "BigQuery", "Databricks",
                                       "Cloud bills (FOCUS)"};
    static const double w[] = {24, 10, 14, 14, 14, 16, 13, 13, 13, 13, 14};
    lxw_worksheet *ws = mc_xlsx_sheet(x, "Domains");
    const char *sheet = mc_xlsx_sheet_name(x, x->n_sheets - 1);
    struct domain_sum *d = calloc(rc->month->n + 1, sizeof *d);
    size_t n;
    int r = 4;

    if (!d)
        return;
    n = domains_of(rc->month, d);
    qsort(d, n, sizeof *d, cmp_domain);
    mc_sb_title(x, ws, "Spend by domain", "Month to date against the sum "
                                          "of the domain's product budgets "
                                          "(UTC days).");
    mc_sb_header(x, ws, 3, cols, w, 11);
    for (size_t i = 0; i < n; i++, r++) {
        for (int src = 0; src < MC_SRC__COUNT; src++)
            mc_xlsx_money(ws, r, 7 + src, d[i].by_source[src], x->money);
        enum mc_budget_status st = mc_budget_status(d[i].has_budget,
                                                    d[i].budget,
                                                    d[i].forecast);
        mc_xlsx_text(ws, r, 0, d[i].name, x->text);
        worksheet_write_number(ws, (lxw_row_t)r, 1, d[i].products,
                               x->integer);
        mc_xlsx_money(ws, r, 2, d[i].budget, x->money);
        mc_xlsx_money(ws, r, 3, d[i].mtd, x->money);
        mc_xlsx_money(ws, r, 4, d[i].forecast, x->money);
        mc_xlsx_money(ws, r, 5, d[i].budget - d[i].forecast, x->money);
        mc_xlsx_text(ws, r, 6, mc_budget_status_text(st),
                     st == MC_BUDGET_OVER      ? x->bad
                     : st == MC_BUDGET_AT_RISK ? x->warn
                                               : x->text);
    }
    mc_xlsx_text(ws, r, 0, "Unallocated (fix the catalog)", x->text);
    mc_xlsx_money(ws, r, 3, rc->month->unallocated, x->money);
    for (int src = 0; src < MC_SRC__COUNT; src++)
        mc_xlsx_money(ws, r, 7 + src, rc->month->unallocated_by_source[src],
                      x->money);
    if (n) {
        lxw_chart *ch = workbook_add_chart(x->wb, LXW_CHART_COLUMN);
        lxw_chart_options o = {.x_scale = 1.6, .y_scale = 1.3};
        static const char *const names[] = {"Budget", "Month to date",
                                            "Forecast"};
        for (int s = 0; s < 3; s++) {
            lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
            chart_series_set_categories(se, sheet, 4, 0,
                                        (lxw_row_t)(3 + n), 0);
            chart_series_set_values(se, sheet, 4, (lxw_col_t)(2 + s),
                                    (lxw_row_t)(3 + n), (lxw_col_t)(2 + s));
            chart_series_set_name(se, names[s]);
        }
        chart_title_set_name(ch, "Spend vs budget by domain");
        chart_axis_set_name(ch->x_axis, "Domain");
        chart_axis_set_name(ch->y_axis, "Cost");
        chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
        worksheet_insert_chart_opt(ws, (lxw_row_t)(r + 3), 0, ch, &o);
    }
    free(d);
}

static void sunset_row(struct mc_xlsx *x, lxw_worksheet *ws, int r, int rank,
                       const struct mc_sunset_row *s)
{
    const struct mc_product *p = s->product;
    char rec[300];

    worksheet_write_number(ws, (lxw_row_t)r, 0, rank, x->integer);
    mc_xlsx_text(ws, r, 1, p->name, x->text);
    mc_xlsx_text(ws, r, 2, p->id, x->text);
    mc_xlsx_text(ws, r, 3, p->domain, x->text);
    mc_xlsx_text(ws, r, 4, p->owner, x->text);
    mc_xlsx_text(ws, r, 5, p->status, x->text);
    mc_xlsx_money(ws, r, 6, s->monthly_cost, x->money);
    mc_xlsx_money(ws, r, 7, mc_sunset_annual(s), x->money);
    worksheet_write_number(ws, (lxw_row_t)r, 8, (double)s->reads_30d,
                           x->integer);
    worksheet_write_number(ws, (lxw_row_t)r, 9, (double)s->reads_90d,
                           x->integer);
    worksheet_write_number(ws, (lxw_row_t)r, 10, (double)s->consumers_30d,
                           x->integer);
    mc_xlsx_text(ws, r, 11, s->last_read[0] ? s->last_read : "never",
                 x->text);
    mc_xlsx_text(ws, r, 12, s->active_dependents, x->text);
    mc_xlsx_text(ws, r, 13, s->reason, x->text);
    if (*s->active_dependents)
        snprintf(rec, sizeof rec, "Review: active products depend on it");
    else
        snprintf(rec, sizeof rec, "Archive");
    mc_xlsx_text(ws, r, 14, rec, *s->active_dependents ? x->warn : x->bad);
    worksheet_write_blank(ws, (lxw_row_t)r, 15, NULL);
    worksheet_write_blank(ws, (lxw_row_t)r, 16, NULL);
}

static void sunset_sheet(struct mc_xlsx *x, const struct mc_report_ctx *rc)
{
    static const char *const cols[] = {
        "Rank", "Product", "Product ID", "Domain", "Owner", "Status",
        "Cost (last 30 days)", "Estimated annual saving", "Reads (30 days)",
        "Reads (90 days)", "Consumers (30 days)", "Last read",
        "Feeds (active dependents)", "Why it is a candidate",
        "Recommendation", "Decision", "Comment"};
    static const double w[] = {6, 28, 24, 14, 16, 11, 13, 14, 10, 10,
                               11, 11, 22, 48, 34, 12, 40};
    static char keep[] = "Keep", review[] = "Review", archive[] = "Archive";
    static char *choices[] = {keep, review, archive, NULL};
    static char title[] = "Decision", msg[] = "Keep, Review or Archive";
    lxw_worksheet *ws = mc_xlsx_sheet(x, "Sunset candidates");
    const struct mc_sunset *su = rc->sunset;
    char sub[300], asof[MC_DATE_BUFSZ];
    lxw_data_validation dv = {0};
    int n = (int)su->n_candidates;

    mc_date_format(su->as_of, asof);
    snprintf(sub, sizeof sub,
             "As of %s (UTC): no reads in %d days or fewer than %d "
             "consumers in 30 days, costing at least %.2f %s over 30 days. "
             "Ranked by annual saving. Pick a Decision per row.",
             asof, rc->cfg->sunset_idle_days, rc->cfg->sunset_min_consumers,
             (double)rc->cfg->sunset_min_monthly_cost / 1e6,
             rc->cfg->currency);
    mc_sb_title(x, ws, "Sunset candidates", sub);
    mc_sb_header(x, ws, 3, cols, w, 17);
    for (int i = 0; i < n; i++)
        sunset_row(x, ws, 4 + i, i + 1, &su->rows[i]);
    if (n == 0) {
        mc_xlsx_text(ws, 4, 1, "No candidates this month.", x->note);
        return;
    }
    dv.validate = LXW_VALIDATION_TYPE_LIST;
    dv.value_list = choices;
    dv.input_title = title;
    dv.input_message = msg;
    worksheet_data_validation_range(ws, 4, 15, (lxw_row_t)(3 + n), 15, &dv);
    worksheet_autofilter(ws, 3, 0, (lxw_row_t)(3 + n), 16);
}

struct hot {
    const struct mc_product *p;
    int64_t reads, reads_prev;
    mc_money cost, cost_prev;
};

static int cmp_hot(const void *a, const void *b)
{
    const struct hot *x = a, *y = b;
    int64_t dx = x->reads - x->reads_prev, dy = y->reads - y->reads_prev;
    mc_money cx = x->cost - x->cost_prev, cy = y->cost - y->cost_prev;

    if (dx != dy)
        return dx > dy ? -1 : 1;
    if (cx != cy)
        return cx > cy ? -1 : 1;
    return strcmp(x->p->id, y->p->id);
}

/* Cost per product over [from, to] into h (catalog order). */
static mc_err window_cost(const struct mc_report_ctx *rc, mc_day from,
                          mc_day to, struct hot *h, int prev,
                          struct mc_error *err)
{
    char d1[MC_DATE_BUFSZ], d2[MC_DATE_BUFSZ];
    sqlite3_stmt *st = NULL;
    mc_err e = MC_OK;

    mc_date_format(from, d1);
    mc_date_format(to, d2);
    if (sqlite3_prepare_v2(mc_store_db(rc->store),
                           "SELECT product_id, sum(amount) FROM allocations "
                           "WHERE day >= ? AND day <= ? GROUP BY 1",
                           -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(rc->store, err, "hot products");
    sqlite3_bind_text(st, 1, d1, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, d2, -1, SQLITE_STATIC);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const struct mc_product *p = mc_catalog_product(
            rc->cat, (const char *)sqlite3_column_text(st, 0));
        if (!p)
            continue;
        struct hot *t = &h[p - mc_catalog_product_at(rc->cat, 0)];
        *(prev ? &t->cost_prev : &t->cost) = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    return e;
}

static void growth(struct mc_xlsx *x, lxw_worksheet *ws, int r, int c,
                   double now, double before)
{
    if (before > 0)
        worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c,
                               (now - before) / before, x->pct);
    else if (now > 0)
        mc_xlsx_text(ws, r, c, "new", x->text);
}

static mc_err hot_products(struct mc_xlsx *x, const struct mc_report_ctx *rc,
                           struct mc_error *err)
{
    static const char *const cols[] = {
        "Product", "Domain", "Reads (last 30 days)", "Reads (30 days before)",
        "Read growth", "Cost (last 30 days)", "Cost (30 days before)",
        "Cost growth"};
    static const double w[] = {30, 16, 12, 12, 10, 14, 14, 10};
    size_t n = mc_catalog_product_count(rc->cat), shown = 0;
    struct mc_usage *u = calloc(2 * n + 2, sizeof *u);
    struct hot *h = calloc(n + 1, sizeof *h);
    lxw_worksheet *ws = mc_xlsx_sheet(x, "Hot products");
    mc_day d = rc->sunset->as_of;
    mc_err e = MC_OK;

    if (!u || !h) {
        e = mc_error_set(err, MC_ERR_NOMEM, "out of memory");
        goto out;
    }
    if ((e = mc_usage_window(rc->store, rc->cat, d - 29, d, u, err)) ||
        (e = mc_usage_window(rc->store, rc->cat, d - 59, d - 30, u + n, err)) ||
        (e = window_cost(rc, d - 29, d, h, 0, err)) ||
        (e = window_cost(rc, d - 59, d - 30, h, 1, err)))
        goto out;
    for (size_t i = 0; i < n; i++) {
        h[i].p = mc_catalog_product_at(rc->cat, i);
        h[i].reads = u[i].reads, h[i].reads_prev = u[n + i].reads;
    }
    qsort(h, n, sizeof *h, cmp_hot);
    mc_sb_title(x, ws, "Hot products: candidates to scale",
                "Products whose reads and cost grew most over the last 30 "
                "days against the 30 days before (UTC days).");
    mc_sb_header(x, ws, 3, cols, w, 8);
    for (size_t i = 0; i < n; i++) {
        int r = 4 + (int)shown;
        if (h[i].reads <= h[i].reads_prev && h[i].cost <= h[i].cost_prev)
            continue;
        shown++;
        mc_xlsx_text(ws, r, 0, h[i].p->name, x->text);
        mc_xlsx_text(ws, r, 1, h[i].p->domain, x->text);
        worksheet_write_number(ws, (lxw_row_t)r, 2, (double)h[i].reads,
                               x->integer);
        worksheet_write_number(ws, (lxw_row_t)r, 3, (double)h[i].reads_prev,
                               x->integer);
        growth(x, ws, r, 4, (double)h[i].reads, (double)h[i].reads_prev);
        mc_xlsx_money(ws, r, 5, h[i].cost, x->money);
        mc_xlsx_money(ws, r, 6, h[i].cost_prev, x->money);
        growth(x, ws, r, 7, (double)h[i].cost, (double)h[i].cost_prev);
    }
    if (!shown)
        mc_xlsx_text(ws, 4, 0, "No product grew.", x->note);
out:
    free(u);
    free(h);
    return e;
}

static void measure(struct mc_xlsx *x, lxw_worksheet *ws, int *r,
                    const char *name, double value, lxw_format *f,
                    const char *note)
{
    mc_xlsx_text(ws, *r, 0, name, x->text);
    worksheet_write_number(ws, (lxw_row_t)*r, 1, value, f);
    mc_xlsx_text(ws, *r, 2, note, x->note);
    (*r)++;
}

static void governance(struct mc_xlsx *x, const struct mc_report_ctx *rc)
{
    static const char *const cols[] = {"Measure", "Value", "What it means"};
    static const double w[] = {44, 14, 70};
    const struct mc_month *m = rc->month;
    lxw_worksheet *ws = mc_xlsx_sheet(x, "Governance");
    int owners = 0, budgets = 0, adopted = 0, r = 4;
    double n = m->n ? (double)m->n : 1;
    mc_money spend = 0;
    int64_t reads = 0;

    for (size_t i = 0; i < m->n; i++) {
        const struct mc_spend *s = &m->rows[i];
        owners += s->product->owner && *s->product->owner;
        budgets += s->product->has_budget;
        adopted += s->consumers >= 2;
        spend += s->mtd, reads += s->reads;
    }
    mc_sb_title(x, ws, "Governance measures",
                "The data-mesh charter's measures that the usage and cost "
                "data support, month to date (UTC).");
    mc_sb_header(x, ws, 3, cols, w, 3);
    measure(x, ws, &r, "Data products", (double)m->n, x->integer,
            "in the catalog");
    measure(x, ws, &r, "Products with an owner", owners / n, x->pct,
            "owner named in products.csv");
    measure(x, ws, &r, "Products with a budget", budgets / n, x->pct,
            "monthly_budget set");
    measure(x, ws, &r, "Unallocated share of spend",
            m->total ? (double)m->unallocated / (double)m->total : 0, x->pct,
            "cost no product owns yet: see the Unallocated sheet");
    measure(x, ws, &r, "Unit cost per query (all products)",
            reads ? (double)spend / 1e6 / (double)reads : 0, x->money,
            "product spend / queries reading products");
    measure(x, ws, &r, "Adopted products (2 or more consumers)", adopted,
            x->integer, "distinct users reading the product this month");
    measure(x, ws, &r, "Adoption rate", adopted / n, x->pct,
            "adopted products / all products");
    r += 1;
    mc_xlsx_text(ws, r++, 0, "Unit cost per query by product", x->title);
    for (int c = 0; c < 3; c++)
        mc_xlsx_text(ws, r, c,
                     (const char *[]){"Product", "Cost per query",
                                      "Queries (month to date)"}[c],
                     x->header);
    r++;
    for (size_t i = 0; i < m->n; i++, r++) {
        const struct mc_spend *s = &m->rows[i];
        mc_xlsx_text(ws, r, 0, s->product->name, x->text);
        if (s->reads)
            mc_xlsx_money(ws, r, 1, mc_spend_per_query(s), x->money);
        else
            mc_xlsx_text(ws, r, 1, "no reads", x->note);
        worksheet_write_number(ws, (lxw_row_t)r, 2, (double)s->reads,
                               x->integer);
    }
}

/* The biggest unmapped costs by one dimension. */
static const struct {
    const char *title, *what, *sql;
} unmapped[] = {
    {"Unmapped tables (storage)", "Table",
     "SELECT table_fqn, sum(amount) FROM table_costs WHERE day >= ?1 AND "
     "day <= ?2 AND product_id = '_unallocated' GROUP BY 1 ORDER BY 2 DESC,"
     " 1 LIMIT 25"},
    {"Unmapped roles (query cost)", "Role",
     "SELECT CASE role_name WHEN '' THEN '(none)' ELSE role_name END, "
     "sum(amount) FROM query_users WHERE domain = '' AND day >= ?1 AND day"
     " <= ?2 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 25"},
    {"Unmapped users (query cost)", "User",
     "SELECT CASE user_name WHEN '' THEN '(none)' ELSE user_name END, "
     "sum(amount) FROM query_users WHERE domain = '' AND day >= ?1 AND day"
     " <= ?2 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 25"},
    {"Unmapped warehouses (query cost)", "Warehouse or project",
     "SELECT CASE warehouse WHEN '' THEN '(cloud services only)' ELSE "
     "warehouse END, sum(amount) FROM query_warehouses WHERE domain = '' AND "
     "day >= ?1 AND day <= ?2 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 25"},
    {"Unallocated cost by reason", "Reason",
     "SELECT reason || ' (' || source || ' ' || cost_kind || ')', "
     "sum(amount) FROM allocations WHERE day >= ?1 AND day <= ?2 AND "
     "product_id = '_unallocated' GROUP BY 1 ORDER BY 2 DESC, 1"},
};

static mc_err unallocated(struct mc_xlsx *x, const struct mc_report_ctx *rc,
                          struct mc_error *err)
{
    lxw_worksheet *ws = mc_xlsx_sheet(x, "Unallocated");
    char d1[MC_DATE_BUFSZ], d2[MC_DATE_BUFSZ];
    int r = 3;

    worksheet_set_column(ws, 0, 0, 52, NULL);
    worksheet_set_column(ws, 1, 1, 16, NULL);
    mc_sb_title(x, ws, "Unallocated: what to map in the catalog",
                "Costs that went to _unallocated this month, biggest first. "
                "Add assets for them to assets.csv.");
    mc_date_format(rc->month->first, d1);
    mc_date_format(rc->month->as_of, d2);
    for (size_t k = 0; k < sizeof unmapped / sizeof unmapped[0]; k++) {
        sqlite3_stmt *st = NULL;
        int step;
        if (sqlite3_prepare_v2(mc_store_db(rc->store), unmapped[k].sql, -1,
                               &st, NULL) != SQLITE_OK)
            return mc_store_error(rc->store, err, "unallocated sheet");
        sqlite3_bind_text(st, 1, d1, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, d2, -1, SQLITE_STATIC);
        mc_xlsx_text(ws, r++, 0, unmapped[k].title, x->title);
        mc_xlsx_text(ws, r, 0, unmapped[k].what, x->header);
        mc_xlsx_text(ws, r++, 1, "Cost", x->header);
        while ((step = sqlite3_step(st)) == SQLITE_ROW) {
            char who[MC_PSEUDONYM_BUFSZ];
            const char *v = (const char *)sqlite3_column_text(st, 0);
            if (strcmp(unmapped[k].what, "User") == 0)
                v = mc_sb_user(rc, v, who);
            mc_xlsx_text(ws, r, 0, v, x->text);
            mc_xlsx_money(ws, r++, 1, sqlite3_column_int64(st, 1), x->money);
        }
        sqlite3_finalize(st);
        if (step != SQLITE_DONE)
            return mc_store_error(rc->store, err, "unallocated sheet");
        r += 1;
    }
    return MC_OK;
}

mc_err mc_report_board(const struct mc_report_ctx *rc, const char *path,
                       struct mc_error *err)
{
    struct mc_xlsx x;
    char title[64];
    mc_err e;

    snprintf(title, sizeof title, "Data mesh board, %s", rc->period);
    if ((e = mc_xlsx_open(&x, path, title, rc->cfg->currency,
                          rc->sunset->as_of, err)) != MC_OK)
        return e;
    domains(&x, rc);
    sunset_sheet(&x, rc);
    if ((e = hot_products(&x, rc, err)) == MC_OK) {
        governance(&x, rc);
        e = unallocated(&x, rc, err);
    }
    if (e != MC_OK) {
        mc_xlsx_abort(&x);
        return e;
    }
    return mc_xlsx_close(&x, err);
}
