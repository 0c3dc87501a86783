/* catalog_csv.c — the catalog's two CSV files into mc_catalog rows. */
#include "meshcost/catalog_csv.h"

#include <string.h>

#include "meshcost/csv.h"

static const char *const product_cols[MC_PF__COUNT] = {
    "product_id", "name",     "domain",     "owner", "owner_email",
    "status",     "monthly_budget", "currency", "depends_on", "tags"};
static const int product_required[MC_PF__COUNT] = {
    [MC_PF_ID] = 1, [MC_PF_DOMAIN] = 1, [MC_PF_STATUS] = 1};
static const char *const asset_cols[MC_AF__COUNT] = {"product_id", "kind",
                                                     "pattern"};

mc_err mc_catalog_csv_kind(const char *path, enum mc_catalog_file *kind,
                           struct mc_error *err)
{
    struct mc_csv *c = NULL;
    const struct mc_csv_row *h;
    mc_err rc;
    int r;

    *kind = MC_CATALOG_UNKNOWN;
    if ((rc = mc_csv_open(path, &c, err)) != MC_OK)
        return rc;
    r = mc_csv_next(c, &h, err);
    if (r < 0) {
        rc = err->code;
    } else if (r > 0) {
        if (mc_csv_col(h, "kind") >= 0 && mc_csv_col(h, "pattern") >= 0)
            *kind = MC_CATALOG_ASSETS;
        else if (mc_csv_col(h, "product_id") >= 0 &&
                 mc_csv_col(h, "domain") >= 0)
            *kind = MC_CATALOG_PRODUCTS;
    }
    mc_csv_close(c);
    return rc;
}

/* Resolves the columns of a header: cols[i] = 1-based column or 0. */
static mc_err map_columns(const struct mc_csv_row *h, const char *path,
                          const char *const *names, const int *required,
                          int n, int *idx, int *cols, struct mc_error *err)
{
    for (int i = 0; i < n; i++) {
        idx[i] = mc_csv_col(h, names[i]);
        cols[i] = idx[i] + 1;
        if (idx[i] < 0 && (!required || required[i]))
            return mc_error_set(err, MC_ERR_INPUT,
                                "%s:1: missing column '%s'", path, names[i]);
    }
    return MC_OK;
}

mc_err mc_catalog_csv_read(struct mc_catalog *cat, const char *path,
                           enum mc_catalog_file kind,
                           mc_catalog_report_fn report, void *ctx,
                           struct mc_error *err)
{
    int n = kind == MC_CATALOG_PRODUCTS ? MC_PF__COUNT : MC_AF__COUNT;
    const char *const *names = kind == MC_CATALOG_PRODUCTS ? product_cols
                                                             : asset_cols;
    int idx[MC_PF__COUNT], cols[MC_PF__COUNT];
    const char *f[MC_PF__COUNT];
    const struct mc_csv_row *row;
    struct mc_csv *c = NULL;
    mc_err rc;
    int r;

    if ((rc = mc_csv_open(path, &c, err)) != MC_OK)
        return rc;
    if ((r = mc_csv_next(c, &row, err)) <= 0) {
        rc = r < 0 ? err->code
                   : mc_error_set(err, MC_ERR_INPUT, "%s: empty file", path);
        goto out;
    }
    if ((rc = map_columns(row, path, names,
                          kind == MC_CATALOG_PRODUCTS ? product_required : NULL,
                          n, idx, cols, err)) != MC_OK)
        goto out;
    while (rc == MC_OK && (r = mc_csv_next(c, &row, err)) > 0) {
        for (int i = 0; i < n; i++)
            f[i] = mc_csv_get(row, idx[i]);
        if (kind == MC_CATALOG_PRODUCTS)
            rc = mc_catalog_add_product(cat, path, row->line, f, cols, report,
                                        ctx, err);
        else
            rc = mc_catalog_add_asset(cat, path, row->line, f, cols, report,
                                      ctx, err);
    }
    if (rc == MC_OK && r < 0)
        rc = err->code;
out:
    mc_csv_close(c);
    return rc;
}
