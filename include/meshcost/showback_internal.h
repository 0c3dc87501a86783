/* showback_internal.h — shared by reports/showback*.c and board.c only. */
#ifndef MESHCOST_SHOWBACK_INTERNAL_H
#define MESHCOST_SHOWBACK_INTERNAL_H

#include "meshcost/report.h"
#include "meshcost/xlsx.h"

/* A domain's workbook being written. */
struct mc_sb {
    const struct mc_report_ctx *rc;
    const char *domain;
    const struct mc_spend **rows; /* the domain's products, by id */
    size_t n;
    mc_money budget;              /* sum of the products' budgets */
};

void mc_sb_title(struct mc_xlsx *x, lxw_worksheet *ws, const char *title,
                 const char *subtitle);
/* Header row with column widths; freezes the panes below it. */
void mc_sb_header(struct mc_xlsx *x, lxw_worksheet *ws, int row,
                  const char *const *cols, const double *widths, int n);
/* A date cell (UTC day). */
void mc_sb_date(struct mc_xlsx *x, lxw_worksheet *ws, int row, int col,
                mc_day day);

void mc_sb_summary(struct mc_xlsx *x, const struct mc_sb *sb);
void mc_sb_daily(struct mc_xlsx *x, const struct mc_sb *sb);
mc_err mc_sb_drivers(struct mc_xlsx *x, const struct mc_sb *sb,
                     struct mc_error *err);
mc_err mc_sb_storage(struct mc_xlsx *x, const struct mc_sb *sb,
                     struct mc_error *err);
mc_err mc_sb_reconciliation(struct mc_xlsx *x, const struct mc_sb *sb,
                            struct mc_error *err);
mc_err mc_sb_about(struct mc_xlsx *x, const struct mc_sb *sb,
                   struct mc_error *err);

/* A user name as the reports show it: itself, or its pseudonym
 * (buf holds MC_PSEUDONYM_BUFSZ bytes). */
const char *mc_sb_user(const struct mc_report_ctx *rc, const char *name,
                       char *buf);

/* "YYYY-MM-DD" bounds of the month up to as_of: [d1, d2]. */
void mc_sb_days(const struct mc_report_ctx *rc, char *d1, char *d2);

#endif
