/* usage.h — who reads each data product (DESIGN 6.1): a read is a query
 * whose base objects include one of the product's tables, however its cost
 * was attributed; reads by the product's own pipeline identities (its role
 * and user assets) do not count. */
#ifndef MESHCOST_USAGE_H
#define MESHCOST_USAGE_H

#include <stdint.h>

#include "meshcost/catalog.h"
#include "meshcost/error.h"
#include "meshcost/store.h"
#include "meshcost/time.h"

struct mc_usage {
    int64_t reads;     /* distinct reading queries */
    int64_t consumers; /* distinct USER_NAME */
    int has_last;
    mc_day last_read;  /* UTC day of the latest read in the window */
};

/* Computes the reads of one UTC day (product_reads, usage_days), inside
 * the caller's transaction. */
mc_err mc_usage_day(struct mc_store *s, const struct mc_catalog *cat,
                    mc_day day, struct mc_error *err);

/* Computes, in a transaction of its own, the days with access or job data
 * whose reads are missing or of another catalog version. Call before
 * mc_usage_window(). */
mc_err mc_usage_prepare(struct mc_store *s, const struct mc_catalog *cat,
                        struct mc_error *err);

/* Usage of every product over UTC days [from, to] (inclusive), in catalog
 * order: out has mc_catalog_product_count(cat) entries. */
mc_err mc_usage_window(struct mc_store *s, const struct mc_catalog *cat,
                       mc_day from, mc_day to, struct mc_usage *out,
                       struct mc_error *err);

#endif
