/* test_cells.c — exact values rounded once and handed out by largest
 * remainder: sums, ties, negative values, even splits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "meshcost/cells.h"

static const struct mc_cell *find(const struct mc_cells *c, mc_day day,
                                  const char *product, const char *item)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->v[i].day == day && strcmp(c->v[i].product, product) == 0 &&
            ((!item && !c->v[i].item) ||
             (item && c->v[i].item && strcmp(c->v[i].item, item) == 0)))
            return &c->v[i];
    fail_msg("no cell %s/%s", product, item ? item : "-");
    return NULL;
}

/* three thirds of a micro-unit: 1 micro in all, to the first by id */
static void test_thirds(void **state)
{
    struct mc_cells c = {0};
    struct mc_error err;

    (void)state;
    assert_int_equal(mc_cells_add(&c, 1, "p.b", "", "x", 1, &err), MC_OK);
    assert_int_equal(mc_cells_add(&c, 1, "p.a", "", "x", 1, &err), MC_OK);
    assert_int_equal(mc_cells_add(&c, 1, "p.c", "", "x", 1, &err), MC_OK);
    assert_int_equal(mc_cells_distribute(&c, 3, &err), MC_OK);
    assert_int_equal(find(&c, 1, "p.a", "x")->micro, 1);
    assert_int_equal(find(&c, 1, "p.b", "x")->micro, 0);
    assert_int_equal(find(&c, 1, "p.c", "x")->micro, 0);
    mc_cells_free(&c);
}

/* values accumulate per cell; negative values floor toward -inf and the
 * total is rounded half to even once */
static void test_signed(void **state)
{
    struct mc_cells c = {0};
    struct mc_error err;

    (void)state;
    mc_cells_add(&c, 2, "p.a", "", NULL, 250, &err);
    mc_cells_add(&c, 2, "p.a", "", NULL, 100, &err);  /* 3.5 */
    mc_cells_add(&c, 2, "p.b", "", NULL, -150, &err); /* -1.5 */
    assert_int_equal(c.n, 2);
    assert_int_equal(mc_cells_distribute(&c, 100, &err), MC_OK);
    /* sum 2.0 exactly: floors 3 and -2, one unit to the larger remainder
     * (p.a .5 vs p.b .5 -> tie -> p.a by id) */
    assert_int_equal(find(&c, 2, "p.a", NULL)->micro, 4);
    assert_int_equal(find(&c, 2, "p.b", NULL)->micro, -2);
    mc_cells_free(&c);
}

/* an even split in value units: 10 over 3 products = 4, 3, 3 */
static void test_split(void **state)
{
    const char *ids[] = {"p.a", "p.b", "p.c"};
    struct mc_products p = {ids, 3, "", 1};
    struct mc_cells c = {0};
    struct mc_error err;

    (void)state;
    assert_int_equal(mc_cells_add_split(&c, 3, &p, "j", 10, &err), MC_OK);
    assert_int_equal(mc_cells_add_split(&c, 3, &p, "k", -10, &err), MC_OK);
    assert_true(find(&c, 3, "p.a", "j")->value == 4);
    assert_true(find(&c, 3, "p.c", "j")->value == 3);
    assert_true(find(&c, 3, "p.a", "k")->value == -4);
    assert_true(find(&c, 3, "p.b", "k")->value == -3);
    mc_cells_free(&c);
}

/* many cells: the hash table grows, every cell is found again, and the
 * parts always add up to the rounded total */
static void test_many(void **state)
{
    struct mc_cells c = {0};
    struct mc_error err;
    char item[32];
    mc_money sum = 0;

    (void)state;
    for (int i = 0; i < 5000; i++) {
        snprintf(item, sizeof item, "q%d", i);
        assert_int_equal(mc_cells_add(&c, i % 3, "p", "", item, 7, &err),
                         MC_OK);
        assert_int_equal(mc_cells_add(&c, i % 3, "p", "", item, 6, &err),
                         MC_OK);
    }
    assert_int_equal(c.n, 5000);
    assert_int_equal(mc_cells_distribute(&c, 100, &err), MC_OK);
    for (size_t i = 0; i < c.n; i++)
        sum += c.v[i].micro;
    assert_int_equal(sum, 650); /* 5000 x 13 / 100 */
    mc_cells_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_thirds),
        cmocka_unit_test(test_signed),
        cmocka_unit_test(test_split),
        cmocka_unit_test(test_many),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
