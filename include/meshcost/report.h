/* report.h — the month's report folder (DESIGN 6): a showback workbook per
 * domain, the board workbook, allocations.csv and sunset-candidates.csv. */
#ifndef MESHCOST_REPORT_H
#define MESHCOST_REPORT_H

#include "meshcost/budget.h"
#include "meshcost/catalog.h"
#include "meshcost/config.h"
#include "meshcost/error.h"
#include "meshcost/pseudonym.h"
#include "meshcost/store.h"
#include "meshcost/sunset.h"
#include "meshcost/time.h"

/* What every sheet is computed from, borrowed. */
struct mc_report_ctx {
    struct mc_store *store;
    const struct mc_config *cfg;
    const struct mc_catalog *cat;
    const struct mc_month *month;    /* as of month->as_of */
    const struct mc_sunset *sunset;  /* as of the same day */
    const struct mc_pseudonym *pseudo; /* users = pseudonymous, else NULL */
    char period[8];                  /* "2026-10" */
};

/* The report's as-of day for a month: its last day, or today inside it
 * (the day before it for a month still to come). */
mc_day mc_report_as_of(mc_day first, mc_day end, mc_day today);

/* Writes DIR/YYYY-MM/: showback-<domain>.xlsx for every domain of the
 * catalog, board.xlsx, allocations.csv, sunset-candidates.csv; each file
 * through a temporary name renamed into place. */
mc_err mc_report_write(struct mc_store *s, const struct mc_config *cfg,
                       const struct mc_catalog *cat, mc_day first, mc_day end,
                       mc_day as_of, const char *dir, struct mc_error *err);

/* One domain's showback workbook at path. */
mc_err mc_report_showback(const struct mc_report_ctx *rc, const char *domain,
                          const char *path, struct mc_error *err);

/* The board workbook at path. */
mc_err mc_report_board(const struct mc_report_ctx *rc, const char *path,
                       struct mc_error *err);

#endif
