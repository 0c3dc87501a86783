/* test_resolve.c — query -> products, each step of DESIGN 4.1. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "meshcost/resolve.h"

static struct mc_catalog *cat;

static int setup(void **state)
{
    static const char *const products[] = {"p.mod", "p.read", "p.read2",
                                           "p.role", "p.user", "p.wh",
                                           "p.tag", "p.named"};
    static const char *const assets[][3] = {
        {"p.mod", "table", "DB.MART.*"},    {"p.read", "table", "DB.RAW.A*"},
        {"p.read2", "table", "DB.RAW.B"},   {"p.role", "role", "ETL_ROLE"},
        {"p.user", "user", "ANA"},          {"p.wh", "warehouse", "BI_WH"},
        {"p.tag", "tag", "team=red"},
    };
    const int pcols[MC_PF__COUNT] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    const int acols[MC_AF__COUNT] = {1, 2, 3};
    struct mc_error err;

    (void)state;
    cat = mc_catalog_new();
    for (size_t i = 0; i < sizeof products / sizeof products[0]; i++) {
        const char *f[MC_PF__COUNT] = {products[i], "n", "d", NULL, NULL,
                                       "active"};
        if (mc_catalog_add_product(cat, "p", (long)i + 2, f, pcols, NULL,
                                   NULL, &err))
            return -1;
    }
    for (size_t i = 0; i < sizeof assets / sizeof assets[0]; i++)
        if (mc_catalog_add_asset(cat, "a", (long)i + 2, assets[i], acols,
                                 NULL, NULL, &err))
            return -1;
    return mc_catalog_check(cat, NULL, NULL) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    mc_catalog_free(cat);
    return 0;
}

static const char *const mod[] = {"db.mart.orders"};
static const char *const read2[] = {"DB.RAW.A1", "DB.RAW.B", "DB.RAW.A2",
                                    "TMP.X.Y"};

static void expect(const struct mc_query_facts *q, int step, const char *ids,
                   const char *reason)
{
    struct mc_products p = {0};
    struct mc_error err;
    char got[256] = "";

    assert_int_equal(mc_resolve_query(cat, "data_product", q, &p, &err),
                     MC_OK);
    for (size_t i = 0; i < p.n; i++) {
        if (i)
            strcat(got, ";");
        strcat(got, p.ids[i]);
    }
    assert_string_equal(got, ids);
    assert_string_equal(p.reason, reason);
    assert_int_equal(p.step, step);
    mc_products_free(&p);
}

static void test_steps(void **state)
{
    struct mc_query_facts q = {0};

    (void)state;
    q.role_name = "ETL_ROLE";
    q.user_name = "ANA";
    q.warehouse_name = "bi_wh";
    q.modified = mod;
    q.n_modified = 1;
    q.base = read2;
    q.n_base = 4;
    q.query_tag = "{\"data_product\": \"p.named\", \"team\": \"red\"}";
    expect(&q, 1, "p.named", "");
    q.query_tag = " team = red ; data_product=p.named";
    expect(&q, 1, "p.named", "");
    q.query_tag = "data_product=p.ghost";
    expect(&q, 1, "_unallocated", "unknown product tag");
    q.query_tag = "{\"team\": \"red\"}";
    expect(&q, 2, "p.tag", "");
    q.query_tag = "team=Red"; /* tags are case-sensitive */
    expect(&q, 3, "p.mod", "");
    q.n_modified = 0;
    expect(&q, 4, "p.read;p.read2", ""); /* two products, even split */
    q.n_base = 0;
    expect(&q, 5, "p.role", "");
    q.role_name = "OTHER";
    expect(&q, 5, "p.user", "");
    q.user_name = NULL;
    expect(&q, 6, "p.wh", "");
    q.warehouse_name = "ADHOC_WH";
    expect(&q, 7, "_unallocated", "no catalog match");
    q.query_tag = "{not json";
    expect(&q, 7, "_unallocated", "no catalog match");
}

static int count(void *ctx, const char *k, const char *v)
{
    (void)k, (void)v;
    ++*(int *)ctx;
    return 0;
}

static void test_tag_pairs(void **state)
{
    int n = 0;

    (void)state;
    mc_tag_pairs("a=1, b=2;c=3;junk;=x", count, &n);
    assert_int_equal(n, 3);
    n = 0;
    mc_tag_pairs("{\"a\": \"1\", \"b\": 2, \"c\": {\"d\": \"e\"}}", count,
                 &n);
    assert_int_equal(n, 1); /* only string members */
    n = 0;
    mc_tag_pairs(NULL, count, &n);
    assert_int_equal(n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_steps),
        cmocka_unit_test(test_tag_pairs),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
