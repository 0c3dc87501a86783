/* showback.c — a domain's showback workbook: Summary and Daily (the
 * spend against budget); Drivers, Storage, Reconciliation and About are in
 * showback_detail.c. */
#include <stdio.h>
#include <string.h>

#include "meshcost/report.h"
#include "meshcost/showback_internal.h"

static const char *const summary_cols[] = {
    "Product", "Product ID", "Owner", "Catalog status", "Monthly budget",
    "Month to date", "Forecast to month end", "Variance (budget - forecast)",
    "Variance %", "Budget status", "Queries", "Consumers", "Cost per query",
    "Snowflake", "BigQuery", "Databricks", "Cloud bills (FOCUS)",
    "Compute", "Cloud services", "Idle", "Storage"};
static const double summary_widths[] = {30, 26, 18, 12, 14, 14, 14, 16, 10,
                                        12, 10, 11, 13, 13, 13, 13, 13, 13,
                                        13, 11, 12};
/* The cost kinds shown after the sources (billing is the FOCUS column). */
#define N_KINDS 4
#define N_SUMMARY (sizeof summary_cols / sizeof summary_cols[0])

void mc_sb_header(struct mc_xlsx *x, lxw_worksheet *ws, int row,
                  const char *const *cols, const double *widths, int n)
{
    for (int c = 0; c < n; c++) {
        mc_xlsx_text(ws, row, c, cols[c], x->header);
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
    }
    worksheet_set_row(ws, (lxw_row_t)row, 30, NULL);
    worksheet_freeze_panes(ws, (lxw_row_t)(row + 1), 0);
}

void mc_sb_title(struct mc_xlsx *x, lxw_worksheet *ws, const char *title,
                 const char *subtitle)
{
    mc_xlsx_text(ws, 0, 0, title, x->title);
    mc_xlsx_text(ws, 1, 0, subtitle, x->subtitle);
}

static void status_colours(struct mc_xlsx *x, lxw_worksheet *ws, int r0,
                           int r1, int col)
{
    static const struct {
        const char *text;
        int which;
    } rules[] = {{"over", 0}, {"at risk", 1}, {"ok", 2}};

    for (size_t i = 0; i < 3; i++) {
        lxw_conditional_format cf = {0};
        cf.type = LXW_CONDITIONAL_TYPE_TEXT;
        cf.criteria = LXW_CONDITIONAL_CRITERIA_TEXT_BEGINS_WITH;
        cf.value_string = (char *)rules[i].text;
        cf.format = rules[i].which == 0 ? x->bad
                    : rules[i].which == 1 ? x->warn : x->good;
        worksheet_conditional_format_range(ws, (lxw_row_t)r0, (lxw_col_t)col,
                                           (lxw_row_t)r1, (lxw_col_t)col, &cf);
    }
}

static void summary_row(struct mc_xlsx *x, lxw_worksheet *ws, int row,
                        const struct mc_spend *r)
{
    const struct mc_product *p = r->product;
    mc_money variance = p->budget - r->forecast;

    mc_xlsx_text(ws, row, 0, p->name, x->text);
    mc_xlsx_text(ws, row, 1, p->id, x->text);
    mc_xlsx_text(ws, row, 2, p->owner, x->text);
    mc_xlsx_text(ws, row, 3, p->status, x->text);
    if (p->has_budget) {
        mc_xlsx_money(ws, row, 4, p->budget, x->money);
        mc_xlsx_money(ws, row, 7, variance, x->money);
        if (p->budget > 0)
            worksheet_write_number(ws, (lxw_row_t)row, 8,
                                   (double)variance / (double)p->budget,
                                   x->pct);
    }
    mc_xlsx_money(ws, row, 5, r->mtd, x->money);
    mc_xlsx_money(ws, row, 6, r->forecast, x->money);
    mc_xlsx_text(ws, row, 9, mc_budget_status_text(r->status), x->text);
    worksheet_write_number(ws, (lxw_row_t)row, 10, (double)r->reads,
                           x->integer);
    worksheet_write_number(ws, (lxw_row_t)row, 11, (double)r->consumers,
                           x->integer);
    if (r->reads)
        mc_xlsx_money(ws, row, 12, mc_spend_per_query(r), x->money);
    for (int k = 0; k < MC_SRC__COUNT; k++)
        mc_xlsx_money(ws, row, 13 + k, r->by_source[k], x->money);
    for (int k = 0; k < N_KINDS; k++)
        mc_xlsx_money(ws, row, 13 + MC_SRC__COUNT + k, r->by_kind[k],
                      x->money);
}

/* Totals of the domain's rows: sums written as numbers (no formulas, so
 * a reader without a calculation engine sees them too). */
static void summary_total(struct mc_xlsx *x, lxw_worksheet *ws, int row,
                          const struct mc_sb *sb)
{
    mc_money budget = 0, mtd = 0, fc = 0, kinds[MC_KIND__COUNT] = {0},
             srcs[MC_SRC__COUNT] = {0};
    int64_t reads = 0;

    for (size_t i = 0; i < sb->n; i++) {
        const struct mc_spend *r = sb->rows[i];
        budget += r->product->has_budget ? r->product->budget : 0;
        mtd += r->mtd, fc += r->forecast, reads += r->reads;
        for (int k = 0; k < MC_KIND__COUNT; k++)
            kinds[k] += r->by_kind[k];
        for (int k = 0; k < MC_SRC__COUNT; k++)
            srcs[k] += r->by_source[k];
    }
    mc_xlsx_text(ws, row, 0, "Total", x->label_total);
    for (int c = 1; c < (int)N_SUMMARY; c++)
        worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)c,
                              x->label_total);
    mc_xlsx_money(ws, row, 4, budget, x->money_total);
    mc_xlsx_money(ws, row, 5, mtd, x->money_total);
    mc_xlsx_money(ws, row, 6, fc, x->money_total);
    mc_xlsx_money(ws, row, 7, budget - fc, x->money_total);
    worksheet_write_number(ws, (lxw_row_t)row, 10, (double)reads,
                           x->integer_total);
    for (int k = 0; k < MC_SRC__COUNT; k++)
        mc_xlsx_money(ws, row, 13 + k, srcs[k], x->money_total);
    for (int k = 0; k < N_KINDS; k++)
        mc_xlsx_money(ws, row, 13 + MC_SRC__COUNT + k, kinds[k],
                      x->money_total);
}

static void summary_chart(struct mc_xlsx *x, lxw_worksheet *ws,
                          const char *sheet, int r0, int r1, int at)
{
    static const char *const names[] = {"Budget", "Month to date",
                                        "Forecast"};
    lxw_chart *ch = workbook_add_chart(x->wb, LXW_CHART_COLUMN);

    for (int s = 0; s < 3; s++) {
        lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
        chart_series_set_categories(se, sheet, (lxw_row_t)r0, 0,
                                    (lxw_row_t)r1, 0);
        chart_series_set_values(se, sheet, (lxw_row_t)r0,
                                (lxw_col_t)(4 + s), (lxw_row_t)r1,
                                (lxw_col_t)(4 + s));
        chart_series_set_name(se, names[s]);
    }
    chart_title_set_name(ch, "Budget vs actual vs forecast");
    chart_axis_set_name(ch->x_axis, "Data product");
    chart_axis_set_name(ch->y_axis, "Cost");
    chart_axis_set_num_format(ch->y_axis, "#,##0");
    chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options o = {.x_scale = 2.0, .y_scale = 1.4};
    worksheet_insert_chart_opt(ws, (lxw_row_t)at, 0, ch, &o);
}

void mc_sb_summary(struct mc_xlsx *x, const struct mc_sb *sb)
{
    lxw_worksheet *ws = mc_xlsx_sheet(x, "Summary");
    const char *sheet = mc_xlsx_sheet_name(x, x->n_sheets - 1);
    char title[256], sub[256], asof[MC_DATE_BUFSZ];
    int r0 = 4, r1 = r0 + (int)sb->n - 1;

    mc_date_format(sb->rc->month->as_of, asof);
    snprintf(title, sizeof title, "Showback: %s, %s", sb->domain,
             sb->rc->period);
    snprintf(sub, sizeof sub,
             "Cost per data product as of %s. All dates are UTC. Amounts in "
             "%s. Forecast = month to date + mean of the last 7 days x days "
             "left.",
             asof, sb->rc->cfg->currency);
    mc_sb_title(x, ws, title, sub);
    mc_sb_header(x, ws, 3, summary_cols, summary_widths, (int)N_SUMMARY);
    worksheet_merge_range(ws, 2, 13, 2, 13 + MC_SRC__COUNT - 1,
                          "Month to date by source", x->header);
    worksheet_merge_range(ws, 2, 13 + MC_SRC__COUNT, 2,
                          13 + MC_SRC__COUNT + N_KINDS - 1,
                          "Warehouses by cost kind", x->header);
    for (size_t i = 0; i < sb->n; i++)
        summary_row(x, ws, r0 + (int)i, sb->rows[i]);
    summary_total(x, ws, r1 + 1, sb);
    if (sb->n) {
        worksheet_autofilter(ws, 3, 0, (lxw_row_t)r1, N_SUMMARY - 1);
        status_colours(x, ws, r0, r1, 9);
        summary_chart(x, ws, sheet, r0, r1, r1 + 3);
    }
}

void mc_sb_date(struct mc_xlsx *x, lxw_worksheet *ws, int row, int col,
                mc_day day)
{
    lxw_datetime dt = {0};
    int y, m, d;

    mc_day_to_ymd(day, &y, &m, &d);
    dt.year = y, dt.month = m, dt.day = d;
    worksheet_write_datetime(ws, (lxw_row_t)row, (lxw_col_t)col, &dt,
                             x->date);
}

static void daily_chart(struct mc_xlsx *x, lxw_worksheet *ws,
                        const char *sheet, int r0, int r1, int c0, int n,
                        int cumulative, int at_col)
{
    lxw_chart *ch = workbook_add_chart(x->wb, LXW_CHART_LINE);
    lxw_chart_options o = {.x_scale = 1.6, .y_scale = 1.3};

    for (int s = 0; s < n; s++) {
        lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
        chart_series_set_categories(se, sheet, (lxw_row_t)r0, 0,
                                    (lxw_row_t)r1, 0);
        chart_series_set_values(se, sheet, (lxw_row_t)r0,
                                (lxw_col_t)(c0 + s), (lxw_row_t)r1,
                                (lxw_col_t)(c0 + s));
        chart_series_set_name_range(se, sheet, (lxw_row_t)(r0 - 1),
                                    (lxw_col_t)(c0 + s));
    }
    chart_title_set_name(ch, cumulative ? "Cumulative spend vs pro-rated "
                                          "budget"
                                        : "Daily cost per data product");
    chart_axis_set_name(ch->x_axis, "Day (UTC)");
    chart_axis_set_num_format(ch->x_axis, "mm-dd");
    chart_axis_set_num_format(ch->y_axis, "#,##0");
    chart_axis_set_name(ch->y_axis, cumulative ? "Cumulative cost" : "Cost");
    chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
    worksheet_insert_chart_opt(ws, cumulative ? 3 : 24, (lxw_col_t)at_col,
                               ch, &o);
}

void mc_sb_daily(struct mc_xlsx *x, const struct mc_sb *sb)
{
    lxw_worksheet *ws = mc_xlsx_sheet(x, "Daily");
    const char *sheet = mc_xlsx_sheet_name(x, x->n_sheets - 1);
    const struct mc_month *m = sb->rc->month;
    int n = (int)sb->n, tot = n + 1, cum = n + 2, pro = n + 3, r0 = 4;
    mc_money running = 0;

    mc_sb_title(x, ws, "Daily cost", "Cost per day and data product (UTC "
                                     "days); cumulative spend against the "
                                     "budget spread evenly over the month.");
    mc_xlsx_text(ws, 3, 0, "Date", x->header);
    worksheet_set_column(ws, 0, 0, 12, NULL);
    for (int i = 0; i < n; i++)
        mc_xlsx_text(ws, 3, 1 + i, sb->rows[i]->product->name, x->header);
    mc_xlsx_text(ws, 3, tot, "Total", x->header);
    mc_xlsx_text(ws, 3, cum, "Cumulative", x->header);
    mc_xlsx_text(ws, 3, pro, "Pro-rated budget", x->header);
    worksheet_set_column(ws, 1, (lxw_col_t)pro, 15, NULL);
    worksheet_set_row(ws, 3, 45, NULL);
    worksheet_freeze_panes(ws, 4, 1);
    for (int d = 0; d < m->days; d++) {
        mc_money day_total = 0;
        mc_sb_date(x, ws, r0 + d, 0, m->first + d);
        mc_xlsx_money(ws, r0 + d, pro,
                      mc_muldiv(sb->budget, d + 1, m->days), x->money);
        if (m->first + d > m->as_of)
            continue; /* not happened yet */
        for (int i = 0; i < n; i++) {
            mc_xlsx_money(ws, r0 + d, 1 + i, sb->rows[i]->daily[d], x->money);
            day_total += sb->rows[i]->daily[d];
        }
        running += day_total;
        mc_xlsx_money(ws, r0 + d, tot, day_total, x->money);
        mc_xlsx_money(ws, r0 + d, cum, running, x->money);
    }
    daily_chart(x, ws, sheet, r0, r0 + m->days - 1, cum, 2, 1, pro + 2);
    if (n)
        daily_chart(x, ws, sheet, r0, r0 + m->days - 1, 1, n, 0, pro + 2);
}
