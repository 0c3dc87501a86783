/* catalog_csv.h — reads products.csv / assets.csv into a catalog
 * (importers/catalog_csv.c). Columns by name, any order. */
#ifndef MESHCOST_CATALOG_CSV_H
#define MESHCOST_CATALOG_CSV_H

#include "meshcost/catalog.h"
#include "meshcost/error.h"

enum mc_catalog_file { MC_CATALOG_UNKNOWN, MC_CATALOG_PRODUCTS,
                       MC_CATALOG_ASSETS };

/* Which catalog file path is, from its header. MC_ERR_NOINPUT if it cannot
 * be read. */
mc_err mc_catalog_csv_kind(const char *path, enum mc_catalog_file *kind,
                           struct mc_error *err);

/* Adds every row of path (of the given kind) to cat; row problems go to
 * report as "FILE:LINE:COL: what" and are counted by the catalog. A file
 * that cannot be read or parsed (or lacks a required column) returns
 * MC_ERR_NOINPUT / MC_ERR_INPUT. */
mc_err mc_catalog_csv_read(struct mc_catalog *cat, const char *path,
                           enum mc_catalog_file kind,
                           mc_catalog_report_fn report, void *ctx,
                           struct mc_error *err);

#endif
