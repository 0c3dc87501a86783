/* sunset.h — sunset candidates (DESIGN 6.1): products nobody reads or too
 * few people read, that still cost money. */
#ifndef MESHCOST_SUNSET_H
#define MESHCOST_SUNSET_H

#include <stddef.h>
#include <stdint.h>

#include "meshcost/catalog.h"
#include "meshcost/config.h"
#include "meshcost/error.h"
#include "meshcost/store.h"
#include "meshcost/time.h"

struct mc_sunset_row {
    const struct mc_product *product; /* borrowed from the catalog */
    mc_money monthly_cost;            /* every kind over [D-29, D] */
    int64_t reads_30d, reads_90d;     /* distinct reading queries */
    int64_t consumers_30d;            /* distinct USER_NAME */
    char last_read[MC_DATE_BUFSZ];    /* "" if never read */
    char *active_dependents;          /* "a;b" or "" */
    char reason[256];
    int candidate;                    /* meets the rules */
};

struct mc_sunset {
    mc_day as_of;
    struct mc_sunset_row *rows; /* every product; candidates first, ranked */
    size_t n;                   /* rows */
    size_t n_candidates;        /* rows[0..n_candidates) are candidates */
};

/* Computes usage and cost evidence for every product of cat as of D and
 * ranks the candidates by annualised cost (30-day cost x 365 / 30), then
 * product id. Free with mc_sunset_free(). */
mc_err mc_sunset_compute(struct mc_store *s, const struct mc_config *cfg,
                         const struct mc_catalog *cat, mc_day as_of,
                         struct mc_sunset *out, struct mc_error *err);
void mc_sunset_free(struct mc_sunset *sunset);

/* Annualised cost of a row: monthly_cost * 365 / 30, half-even. */
mc_money mc_sunset_annual(const struct mc_sunset_row *row);

#endif
