/* reports.h — the exports and workbooks (the reports/ folder). Each report asks
 * the store for rows and renders them. */
#ifndef MESHCOST_REPORTS_H
#define MESHCOST_REPORTS_H

#include <stdio.h>

#include "meshcost/error.h"
#include "meshcost/store.h"
#include "meshcost/sunset.h"
#include "meshcost/time.h"

/* The allocations CSV of DESIGN 5.1 for UTC days [from, to) to out:
 * date,product_id,domain,source,cost_kind,amount,currency; one row per
 * key, sorted bytewise by date, product_id, source, cost_kind. */
mc_err mc_report_allocations_csv(struct mc_store *s, mc_day from, mc_day to,
                                 const char *currency, FILE *out,
                                 struct mc_error *err);

/* Adjustments booked in [from, to) for late data of closed months:
 * booked_date,original_date,product_id,domain,source,cost_kind,amount,
 * currency. */
mc_err mc_report_adjustments_csv(struct mc_store *s, mc_day from, mc_day to,
                                 const char *currency, FILE *out,
                                 struct mc_error *err);

/* The sunset CSV of DESIGN 5.2 from computed candidates. */
void mc_report_sunset_csv(const struct mc_sunset *sunset, FILE *out);

#endif
