/* test_catalog.c — catalog rows, whole-catalog checks, globs, specificity,
 * saving and loading. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "meshcost/catalog.h"

struct msgs {
    char text[16][512];
    int n;
};

static void collect(void *ctx, const char *msg)
{
    struct msgs *m = ctx;

    if (m->n < 16)
        snprintf(m->text[m->n++], sizeof m->text[0], "%s", msg);
}

static const int pcols[MC_PF__COUNT] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
static const int acols[MC_AF__COUNT] = {1, 2, 3};

static void product(struct mc_catalog *cat, struct msgs *m, long line,
                    const char *id, const char *status, const char *budget,
                    const char *deps)
{
    const char *f[MC_PF__COUNT] = {id,     "Name",  "dom", "Owner", "o@x",
                                   status, budget, "USD", deps,    NULL};
    struct mc_error err;

    assert_int_equal(mc_catalog_add_product(cat, "products.csv", line, f,
                                            pcols, collect, m, &err),
                     MC_OK);
}

static void asset(struct mc_catalog *cat, struct msgs *m, long line,
                  const char *id, const char *kind, const char *pattern)
{
    const char *f[MC_AF__COUNT] = {id, kind, pattern};
    struct mc_error err;

    assert_int_equal(mc_catalog_add_asset(cat, "assets.csv", line, f, acols,
                                          collect, m, &err),
                     MC_OK);
}

static void test_glob(void **state)
{
    (void)state;
    assert_true(mc_glob_match("DB.S.*", "db.s.t", 1));
    assert_false(mc_glob_match("DB.S.*", "db.s.t", 0));
    assert_true(mc_glob_match("*", "", 1));
    assert_true(mc_glob_match("A*B*C", "AxxBCyyC", 0));
    assert_false(mc_glob_match("A*B*C", "AxxBCyyD", 0));
    assert_true(mc_glob_match("DB.*.*", "DB.X.Y", 0));
    assert_true(mc_glob_match("DB.*.*", "DB.X.Y.Z", 0)); /* * spans dots */
    assert_false(mc_glob_match("DB.*.*", "DB.X", 0));
    assert_false(mc_glob_match("ABC", "AB", 0));
}

static void test_overlap(void **state)
{
    (void)state;
    assert_true(mc_glob_overlap("A.*.T", "A.B.*", 0));
    assert_true(mc_glob_overlap("X*", "*Y", 0));
    assert_false(mc_glob_overlap("DB.S*", "DB.X*", 0));
    assert_false(mc_glob_overlap("A*B", "A*C", 0));
    assert_true(mc_glob_overlap("ab*", "AB*", 1));
    assert_false(mc_glob_overlap("ab*", "AB*", 0));
    assert_true(mc_glob_overlap("abc", "ABC", 1));
}

static void test_row_errors(void **state)
{
    struct mc_catalog *cat = mc_catalog_new();
    struct msgs m = {0};

    (void)state;
    product(cat, &m, 2, "a", "active", "10.00", NULL);
    product(cat, &m, 3, "a", "active", "10.00", NULL);
    product(cat, &m, 4, "b", "alive", "10.00", NULL);
    product(cat, &m, 5, "c", "active", "12,00", NULL);
    asset(cat, &m, 2, "a", "view", "X.Y.Z");
    assert_int_equal(m.n, 4);
    assert_string_equal(m.text[0], "products.csv:3:1: duplicate product id "
                                   "'a' (first on line 2)");
    assert_non_null(strstr(m.text[1], "products.csv:4:6: bad status 'alive'"));
    assert_non_null(
        strstr(m.text[2], "products.csv:5:7: bad monthly_budget '12,00'"));
    assert_non_null(strstr(m.text[3], "assets.csv:2:2: bad kind 'view'"));
    assert_int_equal(mc_catalog_check(cat, collect, &m), 4);
    mc_catalog_free(cat);
}

static void test_whole_errors(void **state)
{
    struct mc_catalog *cat = mc_catalog_new();
    struct msgs m = {0};

    (void)state;
    product(cat, &m, 2, "a", "active", "", "b");
    product(cat, &m, 3, "b", "active", "", "c");
    product(cat, &m, 4, "c", "active", "", "a");
    product(cat, &m, 5, "d", "active", "", "ghost");
    asset(cat, &m, 2, "nobody", "table", "X.Y.Z");
    asset(cat, &m, 3, "a", "table", "DB.S.*");
    asset(cat, &m, 4, "b", "schema", "db.s"); /* same names, same rank */
    asset(cat, &m, 5, "c", "table", "DB.S.T"); /* exact: more specific */
    asset(cat, &m, 6, "d", "role", "ETL");
    asset(cat, &m, 7, "d", "role", "ETL"); /* same product: fine */
    assert_true(mc_catalog_check(cat, collect, &m) >= 5);
    assert_string_equal(m.text[0],
                        "assets.csv:2:1: unknown product 'nobody'");
    assert_string_equal(m.text[1], "products.csv:5:9: d depends on unknown "
                                   "product 'ghost'");
    assert_non_null(strstr(m.text[2], "dependency cycle through a"));
    assert_non_null(strstr(m.text[m.n - 1],
                           "assets.csv:4:3: 'db.s' (b) and line 3 'DB.S.*' "
                           "(a) can match the same name with equal "
                           "specificity"));
    mc_catalog_free(cat);
}

static void test_specificity(void **state)
{
    struct mc_catalog *cat = mc_catalog_new();
    struct msgs m = {0};
    const struct mc_asset *a;

    (void)state;
    product(cat, &m, 2, "db", "active", "", NULL);
    product(cat, &m, 3, "sch", "active", "", NULL);
    product(cat, &m, 4, "tab", "active", "", NULL);
    product(cat, &m, 5, "glob", "active", "", NULL);
    product(cat, &m, 6, "tag", "active", "", NULL);
    asset(cat, &m, 2, "db", "database", "PLANT");
    asset(cat, &m, 3, "sch", "schema", "PLANT.SCRAP");
    asset(cat, &m, 4, "tab", "table", "PLANT.SCRAP.EVENTS");
    asset(cat, &m, 5, "glob", "table", "PLANT.SCRAP.EV*");
    asset(cat, &m, 6, "tag", "tag", "team=Red");
    assert_int_equal(mc_catalog_check(cat, collect, &m), 0);
    a = mc_catalog_match(cat, MC_MATCH_OBJECT, "plant.scrap.events");
    assert_string_equal(a->product_id, "tab"); /* exact beats any glob */
    a = mc_catalog_match(cat, MC_MATCH_OBJECT, "PLANT.SCRAP.EVENTS_OLD");
    assert_string_equal(a->product_id, "glob"); /* longer literal prefix */
    a = mc_catalog_match(cat, MC_MATCH_OBJECT, "PLANT.SCRAP.BINS");
    assert_string_equal(a->product_id, "sch");
    a = mc_catalog_match(cat, MC_MATCH_OBJECT, "PLANT.QA.BINS");
    assert_string_equal(a->product_id, "db");
    assert_null(mc_catalog_match(cat, MC_MATCH_OBJECT, "PLANT.QA"));
    assert_null(mc_catalog_match(cat, MC_MATCH_TAG, "team=red"));
    assert_non_null(mc_catalog_match(cat, MC_MATCH_TAG, "team=Red"));
    assert_null(mc_catalog_match(cat, MC_MATCH_ROLE, "PLANT.SCRAP.EVENTS"));
    mc_catalog_free(cat);
}

static void test_save_load(void **state)
{
    struct mc_catalog *cat = mc_catalog_new(), *back = NULL;
    struct mc_store *s = NULL;
    struct mc_error err;
    struct msgs m = {0};
    int64_t v1, v2;
    const struct mc_product *p;

    (void)state;
    assert_int_equal(mc_store_open(":memory:", &s, &err), MC_OK);
    product(cat, &m, 2, "b.two", "protected", "2500.50", "a.one");
    product(cat, &m, 3, "a.one", "active", "", NULL);
    asset(cat, &m, 2, "a.one", "table", "DB.S.*");
    assert_int_equal(mc_catalog_check(cat, collect, &m), 0);
    assert_int_equal(mc_catalog_save(s, cat, "p.csv", "a.csv", &v1, &err),
                     MC_OK);
    assert_int_equal(mc_catalog_save(s, cat, "p.csv", "a.csv", &v2, &err),
                     MC_OK);
    assert_int_equal(v2, v1 + 1);
    assert_int_equal(mc_catalog_load(s, &back, &err), MC_OK);
    assert_int_equal(mc_catalog_version(back), v2);
    assert_int_equal(mc_catalog_product_count(back), 2);
    assert_string_equal(mc_catalog_product_at(back, 0)->id, "a.one");
    p = mc_catalog_product(back, "b.two");
    assert_non_null(p);
    assert_true(p->has_budget);
    assert_int_equal(p->budget, 2500500000LL);
    assert_int_equal(p->n_deps, 1);
    assert_string_equal(p->deps[0], "a.one");
    assert_false(mc_catalog_product(back, "a.one")->has_budget);
    assert_string_equal(
        mc_catalog_match(back, MC_MATCH_OBJECT, "db.s.x")->product_id,
        "a.one");
    mc_catalog_free(back);
    mc_catalog_free(cat);
    mc_store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_glob),         cmocka_unit_test(test_overlap),
        cmocka_unit_test(test_row_errors),   cmocka_unit_test(test_whole_errors),
        cmocka_unit_test(test_specificity),  cmocka_unit_test(test_save_load),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
