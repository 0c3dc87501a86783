/* test_hour_index.c — which queries a warehouse-hour meter sees: by id
 * when both sides have one, else by name (any case); ascending order;
 * only the hours a query overlaps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "meshcost/hour_index.h"

#define H MC_MS_PER_HOUR
#define D0 ((mc_ms)20727 * MC_MS_PER_DAY)

static const struct mc_hq qs[] = {
    {"WH_A", 1, 7, D0 + 10 * H, D0 + 12 * H},        /* 0: id 7, hours 10, 11 */
    {"wh_a", 0, 0, D0 + 10 * H + 5, D0 + 10 * H + 9}, /* 1: no id, hour 10 */
    {"OTHER", 1, 7, D0 + 10 * H, D0 + 10 * H + 1},   /* 2: id 7, other name */
    {"WH_A", 1, 8, D0 + 10 * H, D0 + 11 * H},        /* 3: id 8 */
    {NULL, 0, 0, D0 + 10 * H, D0 + 11 * H},          /* 4: cloud services */
    {"WH_A", 0, 0, D0 - H, D0 + H / 2},              /* 5: from yesterday */
    {"WH_A", 0, 0, D0 + 10 * H, D0 + 10 * H},        /* 6: zero length */
};

static void get(void *ctx, size_t i, struct mc_hq *q)
{
    (void)ctx;
    *q = qs[i];
}

static void test_find(void **state)
{
    struct mc_hour_index *x;
    struct mc_error err;
    size_t out[8], n;

    (void)state;
    assert_int_equal(mc_hour_index_build(&x, 7, get, NULL, D0, &err), MC_OK);
    /* a meter with id 7: the id-7 queries and the unnamed-id ones by name */
    n = mc_hour_index_find(x, 1, 7, "Wh_A", D0 + 10 * H, out);
    assert_int_equal(n, 3);
    assert_int_equal(out[0], 0);
    assert_int_equal(out[1], 1);
    assert_int_equal(out[2], 2);
    /* without an id: every query of that name, whatever its id */
    n = mc_hour_index_find(x, 0, 0, "WH_A", D0 + 10 * H, out);
    assert_int_equal(n, 3);
    assert_int_equal(out[0], 0);
    assert_int_equal(out[1], 1);
    assert_int_equal(out[2], 3);
    /* hour 11: only query 0 still runs */
    n = mc_hour_index_find(x, 1, 7, "WH_A", D0 + 11 * H, out);
    assert_int_equal(n, 1);
    assert_int_equal(out[0], 0);
    /* hour 0: the query from yesterday */
    n = mc_hour_index_find(x, 0, 0, "wh_a", D0, out);
    assert_int_equal(n, 1);
    assert_int_equal(out[0], 5);
    /* unknown warehouse, hour outside the day */
    assert_int_equal(mc_hour_index_find(x, 0, 0, "NONE", D0 + 10 * H, out),
                     0);
    assert_int_equal(mc_hour_index_find(x, 1, 7, "WH_A", D0 - H, out), 0);
    mc_hour_index_free(x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_find),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
