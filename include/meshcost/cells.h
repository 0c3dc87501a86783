/* cells.h — exact values on (day, product, item) cells, rounded once.
 * A "whole" (a FOCUS scope, a day of BigQuery jobs, a day of Databricks
 * usage) collects exact values as integer numerators over a denominator
 * per micro-unit. Its total is round_half_even(sum / den); each cell gets
 * floor(value / den) and the cells with the largest remainders one
 * micro-unit more, ties by day, product id, then item, so the cells add
 * up exactly to the rounded total (DESIGN 4: rounded once, then split). */
#ifndef MESHCOST_CELLS_H
#define MESHCOST_CELLS_H

#include <stddef.h>

#include "meshcost/error.h"
#include "meshcost/money.h"
#include "meshcost/resolve.h"
#include "meshcost/time.h"

struct mc_cell {
    mc_day day;
    const char *product; /* borrowed: catalog id or MC_UNALLOCATED */
    const char *reason;  /* borrowed: "" or a static reason */
    char *item;          /* owned copy, or NULL */
    mc_i128 value;       /* exact, in 1/den micro-units */
    mc_money micro;      /* after mc_cells_distribute */
};

struct mc_cells {
    struct mc_cell *v;
    size_t n, cap;
    size_t *slot; /* open addressing over v, index + 1 (0 = empty) */
    size_t nslot;
};

/* Adds value to the cell (day, product, item), creating it. */
mc_err mc_cells_add(struct mc_cells *c, mc_day day, const char *product,
                    const char *reason, const char *item, mc_i128 value,
                    struct mc_error *err);

/* Splits value evenly over p's products in value units (each gets
 * value / n, the first value % n one unit more; a negative value is split
 * as the negation of -value) and adds the parts. */
mc_err mc_cells_add_split(struct mc_cells *c, mc_day day,
                          const struct mc_products *p, const char *item,
                          mc_i128 value, struct mc_error *err);

/* Sets every cell's micro from the rounded total of all cells. */
mc_err mc_cells_distribute(struct mc_cells *c, mc_i128 den,
                           struct mc_error *err);

void mc_cells_free(struct mc_cells *c);

#endif
