/* test_budget.c — forecast, status thresholds, month to date (DESIGN 6.2). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "meshcost/budget.h"
#include "meshcost/usage.h"

#define USD(x) ((mc_money)(x) * 1000000)

static void test_forecast(void **state)
{
    (void)state;
    /* 7 days at 10.00: 70.00 over the last 7, 16 days left: +160.00 */
    assert_int_equal(mc_budget_forecast(USD(150), USD(70), 16), USD(310));
    assert_int_equal(mc_budget_forecast(USD(150), USD(70), 0), USD(150));
    /* 1.000000 / 7 x 3 = 0.428571428.. -> 0.428571 */
    assert_int_equal(mc_budget_forecast(0, 1000000, 3), 428571);
    /* half-even: 0.000007 / 7 x 1 = 0.000001 exactly; 0.000003/7*7 = 3 */
    assert_int_equal(mc_budget_forecast(0, 3, 7), 3);
}

static void test_status(void **state)
{
    (void)state;
    assert_int_equal(mc_budget_status(0, 0, USD(5)), MC_BUDGET_NONE);
    assert_int_equal(mc_budget_status(1, USD(100), USD(90)), MC_BUDGET_OK);
    assert_int_equal(mc_budget_status(1, USD(100), USD(90) + 1),
                     MC_BUDGET_AT_RISK);
    assert_int_equal(mc_budget_status(1, USD(100), USD(100)),
                     MC_BUDGET_AT_RISK);
    assert_int_equal(mc_budget_status(1, USD(100), USD(100) + 1),
                     MC_BUDGET_OVER);
    assert_int_equal(mc_budget_status(1, 0, 1), MC_BUDGET_OVER);
    assert_string_equal(mc_budget_status_text(MC_BUDGET_AT_RISK), "at risk");
    assert_string_equal(mc_budget_status_text(MC_BUDGET_NONE), "no budget");
    assert_int_equal(mc_cost_kind("storage"), MC_KIND_STORAGE);
    assert_int_equal(mc_cost_kind("billing"), MC_KIND_BILLING);
    assert_int_equal(mc_cost_kind("adjustment"), -1);
}

/* Month to date, last 7 days across the month start, days after as_of. */
static void test_month(void **state)
{
    const int pc[MC_PF__COUNT] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    const char *f[MC_PF__COUNT] = {"p.a", "A", "dom", "o", NULL, "active",
                                   "100.00"};
    struct mc_catalog *cat = mc_catalog_new();
    struct mc_store *s = NULL;
    struct mc_error err;
    struct mc_month m;
    int64_t v;
    char sql[200];

    (void)state;
    assert_int_equal(mc_store_open(":memory:", &s, &err), MC_OK);
    mc_catalog_add_product(cat, "p", 2, f, pc, NULL, NULL, &err);
    assert_int_equal(mc_catalog_check(cat, NULL, NULL), 0);
    assert_int_equal(mc_catalog_save(s, cat, "p", "a", &v, &err), MC_OK);
    /* 10.00 a day from Sep 24 to Oct 31, and 5.00 unallocated daily */
    for (int d = 20720; d <= 20757; d++) {
        char day[MC_DATE_BUFSZ];
        mc_date_format(d, day);
        snprintf(sql, sizeof sql,
                 "INSERT INTO allocations VALUES ('%s','p.a','snowflake',"
                 "'compute','',10000000),('%s','_unallocated','snowflake',"
                 "'idle','x',5000000)",
                 day, day);
        assert_int_equal(sqlite3_exec(mc_store_db(s), sql, 0, 0, 0),
                         SQLITE_OK);
    }
    assert_int_equal(mc_usage_prepare(s, cat, &err), MC_OK);
    /* as of Oct 3: 3 days counted, the last 7 reach into September */
    assert_int_equal(mc_month_compute(s, cat, 20727, 20758, 20729, &m, &err),
                     MC_OK);
    assert_int_equal(m.rows[0].mtd, USD(30));
    assert_int_equal(m.rows[0].last7, USD(70));
    assert_int_equal(m.rows[0].forecast, USD(30) + USD(280)); /* 28 left */
    assert_int_equal(m.rows[0].status, MC_BUDGET_OVER);
    assert_int_equal(m.rows[0].daily[2], USD(10));
    assert_int_equal(m.rows[0].daily[3], 0); /* after as_of */
    assert_int_equal(m.rows[0].by_kind[MC_KIND_COMPUTE], USD(30));
    assert_int_equal(m.rows[0].by_source[MC_SRC_SNOWFLAKE], USD(30));
    assert_int_equal(m.rows[0].by_source[MC_SRC_BIGQUERY], 0);
    assert_int_equal(m.unallocated, USD(15));
    assert_int_equal(m.unallocated_by_source[MC_SRC_SNOWFLAKE], USD(15));
    assert_int_equal(m.total, USD(45));
    mc_month_free(&m);
    mc_catalog_free(cat);
    mc_store_close(s);
}

static void job(struct mc_store *s, const char *id, const char *user,
                mc_day day, const char *stmt, const char *read)
{
    struct mc_record r = {.kind = MC_REC_BQ_JOB};
    struct mc_error err;

    r.u.bj.project_id = "proj";
    r.u.bj.job_id = id;
    r.u.bj.user_email = user;
    r.u.bj.statement_type = stmt;
    r.u.bj.start_ms = (mc_ms)day * MC_MS_PER_DAY + 1000;
    r.u.bj.end_ms = r.u.bj.start_ms + 1000;
    r.u.bj.tables_read = read;
    assert_int_equal(mc_store_put(s, 1, &r, &err), MC_OK);
}

/* BigQuery jobs reading a product's tables are reads of it, like
 * Snowflake queries: not by its own identities, not SCRIPT parents. */
static void test_bigquery_reads(void **state)
{
    const int pc[MC_PF__COUNT] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    const int ac[MC_AF__COUNT] = {1, 2, 3};
    const char *f[MC_PF__COUNT] = {"p.a", "A", "dom", "o", NULL, "active"};
    const char *a1[MC_AF__COUNT] = {"p.a", "bq_table", "proj.ds.*"};
    const char *a2[MC_AF__COUNT] = {"p.a", "user", "own@x.org"};
    struct mc_catalog *cat = mc_catalog_new();
    struct mc_store *s = NULL;
    struct mc_usage u[1];
    struct mc_error err;
    int64_t v;

    (void)state;
    assert_int_equal(mc_store_open(":memory:", &s, &err), MC_OK);
    mc_catalog_add_product(cat, "p", 2, f, pc, NULL, NULL, &err);
    mc_catalog_add_asset(cat, "a", 2, a1, ac, NULL, NULL, &err);
    mc_catalog_add_asset(cat, "a", 3, a2, ac, NULL, NULL, &err);
    assert_int_equal(mc_catalog_check(cat, NULL, NULL), 0);
    assert_int_equal(mc_catalog_save(s, cat, "p", "a", &v, &err), MC_OK);
    job(s, "j1", "ana@x.org", 20728, "SELECT", "proj.ds.t");
    job(s, "j2", "bo@x.org", 20729, "SELECT", "other.ds.t\nproj.ds.u");
    job(s, "j3", "ana@x.org", 20729, "SELECT", "proj.ds.t\nproj.ds.u");
    job(s, "j4", "own@x.org", 20729, "INSERT", "proj.ds.t");
    job(s, "j5", "ana@x.org", 20729, "SCRIPT", "proj.ds.t");
    job(s, "j6", "cy@x.org", 20740, "SELECT", "proj.ds.t"); /* later */
    job(s, "j7", "dee@x.org", 20729, "SELECT", "other.ds.x"); /* unmapped */
    assert_int_equal(mc_usage_prepare(s, cat, &err), MC_OK);
    assert_int_equal(mc_usage_window(s, cat, 20727, 20730, u, &err), MC_OK);
    assert_int_equal(u[0].reads, 3);
    assert_int_equal(u[0].consumers, 2);
    assert_true(u[0].has_last);
    assert_int_equal(u[0].last_read, 20729);
    /* a new catalog version maps other.ds.* too: the kept reads of every
     * day are recomputed before the next window */
    {
        const char *a3[MC_AF__COUNT] = {"p.a", "bq_table", "other.ds.*"};
        struct mc_catalog *cat2 = mc_catalog_new();
        mc_catalog_add_product(cat2, "p", 2, f, pc, NULL, NULL, &err);
        mc_catalog_add_asset(cat2, "a", 2, a1, ac, NULL, NULL, &err);
        mc_catalog_add_asset(cat2, "a", 3, a2, ac, NULL, NULL, &err);
        mc_catalog_add_asset(cat2, "a", 4, a3, ac, NULL, NULL, &err);
        assert_int_equal(mc_catalog_check(cat2, NULL, NULL), 0);
        assert_int_equal(mc_catalog_save(s, cat2, "p", "a", &v, &err), MC_OK);
        assert_int_equal(mc_usage_prepare(s, cat2, &err), MC_OK);
        assert_int_equal(mc_usage_window(s, cat2, 20727, 20730, u, &err),
                         MC_OK);
        assert_int_equal(u[0].reads, 4);
        assert_int_equal(u[0].consumers, 3);
        mc_catalog_free(cat2);
    }
    mc_catalog_free(cat);
    mc_store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forecast),
        cmocka_unit_test(test_status),
        cmocka_unit_test(test_month),
        cmocka_unit_test(test_bigquery_reads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
