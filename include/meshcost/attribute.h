/* attribute.h — allocations: every cost of a UTC day split over data
 * products (DESIGN 4), with the conservation check of DESIGN 4.5.1. */
#ifndef MESHCOST_ATTRIBUTE_H
#define MESHCOST_ATTRIBUTE_H

#include <stdint.h>

#include "meshcost/catalog.h"
#include "meshcost/config.h"
#include "meshcost/error.h"
#include "meshcost/resolve.h"
#include "meshcost/store.h"
#include "meshcost/time.h"

struct mc_attr_stats {
    int64_t days;        /* days recomputed */
    int64_t wholes;      /* costs split (hours, days, snapshots) */
    int64_t queries;     /* queries given a cost */
    mc_money total;      /* sum of the wholes */
};

/* Recomputes the allocations of UTC days [from, to) in one transaction:
 * removes the days' previous allocations, source totals and query costs,
 * computes them again from the raw facts with cfg's rates and policies and
 * the catalog cat, and checks conservation (a failure rolls everything
 * back and returns MC_ERR_INTERNAL). Days of closed months are left as
 * they are. stats may be NULL. */
mc_err mc_attribute(struct mc_store *s, const struct mc_config *cfg,
                    const struct mc_catalog *cat, mc_day from, mc_day to,
                    struct mc_attr_stats *stats, struct mc_error *err);

/* Recomputes one day inside the caller's transaction (closed or not) and
 * checks its conservation. */
mc_err mc_attribute_day_unlocked(struct mc_store *s,
                                 const struct mc_config *cfg,
                                 const struct mc_catalog *cat, mc_day day,
                                 struct mc_error *err);

/* Late data for a day of a closed month: recomputes the day, books the
 * difference from its frozen allocations as adjustments on book_day (the
 * first day of the first open month after it), and restores the frozen
 * day. Checks that the adjustments add up to the change of the source
 * totals. */
mc_err mc_attribute_adjust(struct mc_store *s, const struct mc_config *cfg,
                           const struct mc_catalog *cat, mc_day day,
                           mc_day book_day, struct mc_error *err);

/* Conservation: for every day in [from, to), source and cost kind, the sum
 * of allocations (with _unallocated) equals the source total. Returns
 * MC_ERR_INTERNAL naming the first mismatch. */
mc_err mc_attribute_check(struct mc_store *s, mc_day from, mc_day to,
                          struct mc_error *err);

/* The range of UTC days with any raw fact, for "attribute" without dates.
 * *found = 0 if the store holds no facts. */
mc_err mc_attribute_span(struct mc_store *s, mc_day *from, mc_day *to,
                         int *found, struct mc_error *err);

/* --- for the per-source modules (src/attribute_*.c) --- */

struct mc_attr_sums;
struct mc_attr_groups;

/* One day's attribution in progress. */
struct mc_attr_day {
    struct mc_store *store;
    const struct mc_config *cfg;
    const struct mc_catalog *cat;
    mc_day day;
    char date[MC_DATE_BUFSZ];
    struct mc_attr_stats *stats;
    int64_t max_exec_ms;       /* longest query execution in the store */
    mc_money price_credit, price_cs, price_storage; /* of the day */
    sqlite3_stmt *st_alloc, *st_total; /* booking statements */
    sqlite3_stmt *st_objects; /* a query's access objects (lazily) */
    struct mc_attr_sums *sums; /* the day's allocations, summed in memory */
    struct mc_attr_groups *groups; /* the day's query groups (Drivers) */
};

/* A query as the Drivers sheet and the board group its cost: per day,
 * domain, source, group (Snowflake: parameterized hash; BigQuery:
 * project, statement type and user), user, role and warehouse (or
 * project). Each query counts once in each domain it is charged to: the
 * caller keeps one of these per query over all the bookings of its cost
 * (zero it first; mc_attr_query_free releases what booking added). */
struct mc_attr_query {
    const char *group;     /* NULL: "(no hash)" */
    const char *user, *role, *warehouse; /* NULL: "" */
    const char *text;      /* an example text (BigQuery), or NULL */
    int count;             /* counts in the groups' query counts this day
                            * (mc_attr_counts_on: a query spanning days
                            * counts once in a month's report) */
    const char **domains;  /* domains it has been counted in */
    size_t ndomains, cap;
};

void mc_attr_query_free(struct mc_attr_query *q);

/* 1 if a query whose execution started at start counts on d's day: the day
 * it started, or the first of a month for a query started before it. */
int mc_attr_counts_on(const struct mc_attr_day *d, mc_ms start);

/* Books amount of a source/cost kind to products, split evenly over
 * products->ids (largest remainder, ties by id). q (NULL if the cost is
 * not a query's) also adds each product's part to the day's query groups. */
mc_err mc_attr_book(struct mc_attr_day *d, const char *source,
                    const char *cost_kind, mc_money amount,
                    const struct mc_products *products,
                    struct mc_attr_query *q, struct mc_error *err);

/* Adds a product's part of a query's cost to the day's query groups. */
mc_err mc_attr_group_add(struct mc_attr_day *d, const char *source,
                         const char *kind, struct mc_attr_query *q,
                         const char *product, mc_money amount,
                         struct mc_error *err);

/* Writes the day's query groups (query_groups, query_group_products,
 * query_users, query_warehouses) and forgets them; mc_attr_groups_free
 * forgets them without writing; mc_attr_groups_clear deletes the day's
 * rows. */
mc_err mc_attr_groups_clear(struct mc_attr_day *d, struct mc_error *err);
mc_err mc_attr_groups_flush(struct mc_attr_day *d, struct mc_error *err);
void mc_attr_groups_free(struct mc_attr_day *d);

/* Splits a '\n'-separated list (stored table names, resource ids) in
 * place into at most max names; returns how many. */
size_t mc_attr_split_lines(char *s, const char **names, size_t max);

struct mc_cells;
/* Books the cells of c on d's day (after mc_cells_distribute) and adds
 * their sum to the day's source total; query_of (NULL for costs that are
 * not queries') gives the query of a cell's item for the query groups. */
mc_err mc_attr_book_cells(struct mc_attr_day *d, const char *source,
                          const char *cost_kind, const struct mc_cells *c,
                          struct mc_attr_query *(*query_of)(void *ctx,
                                                            const char *item),
                          void *ctx, struct mc_error *err);

/* Adds a whole (the amount that was split) to the day's source total. */
mc_err mc_attr_total(struct mc_attr_day *d, const char *source,
                     const char *cost_kind, mc_money amount,
                     struct mc_error *err);

/* Snowflake: compute, idle, cloud services and storage of one day. */
mc_err mc_attr_snowflake_day(struct mc_attr_day *d, struct mc_error *err);

/* Sets the day's Snowflake prices (rate sheet or [rates]); a price the
 * rate sheet lacks for the day is -1 (see mc_attr_need_price). */
mc_err mc_attr_prices(struct mc_attr_day *d, struct mc_error *err);

/* MC_ERR_INPUT naming the usage type and day if price is missing (-1). */
mc_err mc_attr_need_price(const struct mc_attr_day *d, mc_money price,
                          const char *usage, struct mc_error *err);

/* FOCUS billing lines of one day (source "focus", cost kind "billing"). */
mc_err mc_attr_focus_day(struct mc_attr_day *d, struct mc_error *err);

/* BigQuery jobs (compute) and table storage of one day. */
mc_err mc_attr_bigquery_day(struct mc_attr_day *d, struct mc_error *err);

/* Databricks billable usage of one day (compute and storage). */
mc_err mc_attr_databricks_day(struct mc_attr_day *d, struct mc_error *err);

/* Snowflake storage of one day (also per table, in table_costs). */
mc_err mc_attr_snowflake_storage(struct mc_attr_day *d, struct mc_error *err);

#endif
