/* resolve.h — which data products a query belongs to (DESIGN 4.1). */
#ifndef MESHCOST_RESOLVE_H
#define MESHCOST_RESOLVE_H

#include <stddef.h>

#include "meshcost/catalog.h"
#include "meshcost/error.h"

/* The products a cost is attributed to: distinct ids sorted bytewise, or
 * the single id MC_UNALLOCATED with a reason. ids are borrowed from the
 * catalog (or are static strings). */
struct mc_products {
    const char **ids;
    size_t n;
    const char *reason; /* "" for products */
    int step;           /* the precedence step that decided (1..7) */
};

/* What resolution looks at, borrowed. */
struct mc_query_facts {
    const char *query_tag;
    const char *role_name;
    const char *user_name;
    const char *warehouse_name;
    const char *const *modified; /* table-like OBJECTS_MODIFIED */
    size_t n_modified;
    const char *const *base;     /* table-like BASE_OBJECTS_ACCESSED */
    size_t n_base;
    /* BigQuery: tables are project.dataset.table, matched by bq_table
     * assets, else table assets; the job's project by project assets,
     * after the warehouse step. */
    int bigquery;
    const char *project;
    /* Databricks: usage_metadata ids (job, warehouse, cluster, ...)
     * matched by resource assets, in the step of objects modified. */
    const char *const *resources;
    size_t n_resources;
};

/* Resolves a query by the precedence of DESIGN 4.1: product tag, tag
 * assets, objects modified, objects read, role then user, warehouse, else
 * _unallocated ("no catalog match"; "unknown product tag" when the tag
 * names an unknown product). out->ids is allocated (free with
 * mc_products_free). */
mc_err mc_resolve_query(const struct mc_catalog *cat, const char *tag_key,
                        const struct mc_query_facts *q,
                        struct mc_products *out, struct mc_error *err);

/* The products whose tag assets match a key=value pair of tags (a JSON
 * object's string members, or key=value text); out->n = 0 if none.
 * Free with mc_products_free. */
mc_err mc_resolve_tags(const struct mc_catalog *cat, const char *tags,
                       struct mc_products *out, struct mc_error *err);

/* The one product owning a name of a class (e.g. a warehouse for idle
 * time), or _unallocated with the given reason. */
mc_err mc_resolve_owner(const struct mc_catalog *cat, enum mc_match_class cls,
                        const char *name, const char *reason,
                        struct mc_products *out, struct mc_error *err);

void mc_products_free(struct mc_products *p);

/* key=value pairs of a query tag: a JSON object's string members, or a
 * text of pairs separated by ';' or ',' (whitespace trimmed). Calls fn for
 * each pair in order; stops early if fn returns non-zero (and returns
 * that value; fn must not return a negative value). Returns -1 when out of
 * memory (a tag that could not be read is not a tag without pairs). */
int mc_tag_pairs(const char *tag,
                 int (*fn)(void *ctx, const char *key, const char *value),
                 void *ctx);

#endif
