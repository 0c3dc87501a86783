/* catalog_internal.h — the catalog's private parts (src/catalog*.c). */
#ifndef MESHCOST_CATALOG_INTERNAL_H
#define MESHCOST_CATALOG_INTERNAL_H

#include "meshcost/catalog.h"

struct mc_catalog {
    struct mc_product *products; /* sorted by id after check/load */
    size_t n_products, cap_products;
    struct mc_asset *assets;
    size_t n_assets, cap_assets;
    long problems;
    char *products_file, *assets_file; /* first file seen, for messages */
    int64_t version;
    /* mc_catalog_match results by (class, name), cleared whenever the
     * assets change: names repeat (a table is read by millions of
     * queries) and matching is a scan of every asset's glob. */
    struct match_memo *memo;
};

/* Forgets the remembered matches (the assets changed). */
void mc_catalog_memo_clear(struct mc_catalog *cat);

/* strdup that maps NULL to "" (NULL only when out of memory). */
char *mc_strdup0(const char *s);

/* Sorts products by id (bytewise). */
void mc_catalog_sort(struct mc_catalog *cat);

#endif
