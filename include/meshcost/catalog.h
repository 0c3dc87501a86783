/* catalog.h — data products and the assets that map warehouse objects and
 * identities to them (DESIGN 3). The catalog is built row by row by a
 * reader (importers/catalog_csv.c), checked as a whole, saved to the store
 * as a new version (replacing the previous one atomically), and loaded back
 * for attribution and reports. */
#ifndef MESHCOST_CATALOG_H
#define MESHCOST_CATALOG_H

#include <stddef.h>
#include <stdint.h>

#include "meshcost/error.h"
#include "meshcost/money.h"
#include "meshcost/store.h"

#define MC_UNALLOCATED "_unallocated"

/* Fields of products.csv, in this order in mc_catalog_add_product. */
enum mc_product_field {
    MC_PF_ID, MC_PF_NAME, MC_PF_DOMAIN, MC_PF_OWNER, MC_PF_OWNER_EMAIL,
    MC_PF_STATUS, MC_PF_BUDGET, MC_PF_CURRENCY, MC_PF_DEPENDS_ON, MC_PF_TAGS,
    MC_PF__COUNT
};

/* Fields of assets.csv. */
enum mc_asset_field { MC_AF_PRODUCT, MC_AF_KIND, MC_AF_PATTERN, MC_AF__COUNT };

/* What an asset pattern is matched against. table/schema/database patterns
 * all match object names DB.SCHEMA.TABLE (schema P means P.*, database P
 * means P.*.*). */
enum mc_match_class {
    MC_MATCH_OBJECT, MC_MATCH_WAREHOUSE, MC_MATCH_ROLE, MC_MATCH_USER,
    MC_MATCH_TAG, MC_MATCH_RESOURCE, MC_MATCH_BQ_TABLE, MC_MATCH_PROJECT,
    MC_MATCH__COUNT
};

struct mc_product {
    char *id, *name, *domain, *owner, *owner_email, *status, *currency, *tags;
    int has_budget;
    mc_money budget;
    char **deps; /* product ids this one is composed from */
    size_t n_deps;
    long line;     /* line in products.csv */
    int col_deps;  /* column of depends_on (for messages) */
};

struct mc_asset {
    char *product_id;
    char *kind;    /* as written: table, schema, ... */
    char *pattern; /* as written */
    char *expanded; /* the pattern matched (schema/database expanded) */
    enum mc_match_class cls;
    int specificity; /* INT32_MAX for an exact name */
    long line;
    int col_product, col_pattern;
};

struct mc_catalog; /* opaque */

/* Receives one catalog problem, already formatted "FILE:LINE:COL: what". */
typedef void (*mc_catalog_report_fn)(void *ctx, const char *msg);

/* An empty catalog. Free with mc_catalog_free(). NULL if out of memory. */
struct mc_catalog *mc_catalog_new(void);
void mc_catalog_free(struct mc_catalog *cat);

/* Adds one product row (fields in enum order, NULL = empty; copied).
 * cols[i] is the 1-based column of field i in the file (for messages).
 * A problem confined to the row (bad status or budget, empty id, duplicate
 * id) is reported through report with file:line:col and counted; returns
 * MC_ERR_NOMEM only. */
mc_err mc_catalog_add_product(struct mc_catalog *cat, const char *file,
                              long line, const char *const *fields,
                              const int *cols, mc_catalog_report_fn report,
                              void *ctx, struct mc_error *err);

/* Adds one asset row (fields in enum order; copied). Bad kind or empty
 * pattern is reported like above. */
mc_err mc_catalog_add_asset(struct mc_catalog *cat, const char *file,
                            long line, const char *const *fields,
                            const int *cols, mc_catalog_report_fn report,
                            void *ctx, struct mc_error *err);

/* Whole-catalog checks: assets of unknown products, dependencies on
 * unknown products, dependency cycles, two products matching the same name
 * with equal specificity (both lines named). Returns the number of problems
 * found so far, including those reported while adding rows. */
long mc_catalog_check(struct mc_catalog *cat, mc_catalog_report_fn report,
                      void *ctx);

/* Saves cat as a new catalog version inside one transaction, replacing the
 * previous catalog. *version gets the new version number. */
mc_err mc_catalog_save(struct mc_store *s, struct mc_catalog *cat,
                       const char *products_file, const char *assets_file,
                       int64_t *version, struct mc_error *err);

/* Loads the current catalog from the store (an empty catalog, version 0,
 * if none was imported). Free with mc_catalog_free(). */
mc_err mc_catalog_load(struct mc_store *s, struct mc_catalog **out,
                       struct mc_error *err);

/* Version of a loaded catalog (0 = none imported). */
int64_t mc_catalog_version(const struct mc_catalog *cat);

/* Products sorted by id (borrowed, valid while cat lives). */
size_t mc_catalog_product_count(const struct mc_catalog *cat);
const struct mc_product *mc_catalog_product_at(const struct mc_catalog *cat,
                                               size_t i);
const struct mc_product *mc_catalog_product(const struct mc_catalog *cat,
                                            const char *id);

/* The asset of the most specific pattern of class cls matching name, or
 * NULL. Object, warehouse, role, user, resource and BigQuery names match
 * case-insensitively; tags ("key=value") case-sensitively. */
const struct mc_asset *mc_catalog_match(const struct mc_catalog *cat,
                                        enum mc_match_class cls,
                                        const char *name);

/* Assets of a product with the given class (for sunset's pipeline
 * identities). Calls fn for each. */
void mc_catalog_each_asset(const struct mc_catalog *cat, const char *product,
                           void (*fn)(void *ctx, const struct mc_asset *a),
                           void *ctx);

/* Glob matching with '*' (any run of characters), exported for tests. */
int mc_glob_match(const char *pattern, const char *name, int nocase);
/* 1 if some string matches both globs. */
int mc_glob_overlap(const char *p, const char *q, int nocase);

#endif
