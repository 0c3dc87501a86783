/* budget.h — a month's spend per product against budget, with the
 * forecast and status of DESIGN 6.2, and the daily series behind them. */
#ifndef MESHCOST_BUDGET_H
#define MESHCOST_BUDGET_H

#include <stddef.h>
#include <stdint.h>

#include "meshcost/catalog.h"
#include "meshcost/error.h"
#include "meshcost/money.h"
#include "meshcost/store.h"
#include "meshcost/time.h"

enum mc_budget_status {
    MC_BUDGET_NONE,    /* no budget set */
    MC_BUDGET_OK,
    MC_BUDGET_AT_RISK, /* forecast > 90 % of budget */
    MC_BUDGET_OVER     /* forecast > budget */
};

enum mc_cost_kind { MC_KIND_COMPUTE, MC_KIND_CLOUD_SERVICES, MC_KIND_IDLE,
                    MC_KIND_STORAGE, MC_KIND_BILLING, MC_KIND__COUNT };

/* Sources of DESIGN 5.1, in the order the workbooks show them. */
enum mc_source { MC_SRC_SNOWFLAKE, MC_SRC_BIGQUERY, MC_SRC_DATABRICKS,
                 MC_SRC_FOCUS, MC_SRC__COUNT };

struct mc_spend {
    const struct mc_product *product; /* borrowed from the catalog */
    mc_money mtd;                     /* [first, as_of] */
    mc_money by_kind[MC_KIND__COUNT];
    mc_money by_source[MC_SRC__COUNT];
    mc_money last7;                   /* [as_of - 6, as_of] */
    mc_money forecast;
    enum mc_budget_status status;
    int64_t reads, consumers;         /* in [first, as_of] */
    mc_money *daily;                  /* days entries: [first, end) */
};

struct mc_month {
    mc_day first, end, as_of; /* [first, end); as_of in [first-1, end-1] */
    int days;                 /* end - first */
    struct mc_spend *rows;    /* every product, catalog (id) order */
    size_t n;
    mc_money unallocated;     /* _unallocated over [first, as_of] */
    mc_money unallocated_by_source[MC_SRC__COUNT];
    mc_money total;           /* everything over [first, as_of] */
};

/* Forecast to month end: mtd + last7 / 7 x remaining days, half-even. */
mc_money mc_budget_forecast(mc_money mtd, mc_money last7, int remaining);

/* Status of a forecast against a budget (has_budget = 0: NONE). */
enum mc_budget_status mc_budget_status(int has_budget, mc_money budget,
                                       mc_money forecast);

/* Text of a status: "ok", "at risk", "over", "no budget". */
const char *mc_budget_status_text(enum mc_budget_status st);

/* The cost kind of a name ("compute", ...) or -1. */
int mc_cost_kind(const char *name);

/* Spend of every product of cat in the month [first, end) as of as_of
 * (the last day counted; days after it are forecast). Needs
 * mc_usage_prepare() for reads. Free with mc_month_free(). */
mc_err mc_month_compute(struct mc_store *s, const struct mc_catalog *cat,
                        mc_day first, mc_day end, mc_day as_of,
                        struct mc_month *out, struct mc_error *err);
void mc_month_free(struct mc_month *m);

/* Cost per query (reads) of a row: mtd / reads, half-even; 0 if none. */
/* The enum value of a source name, -1 if unknown. */
int mc_source_index(const char *name);

mc_money mc_spend_per_query(const struct mc_spend *r);

#endif
