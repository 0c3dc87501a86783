/* test_sunset.c — the sunset rules of DESIGN 6.1 on hand-made evidence.
 * As of D = 2026-10-31 (day 20757). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "meshcost/sunset.h"

#define D 20757
#define DAYMS 86400000LL

static struct mc_store *s;
static struct mc_catalog *cat;
static struct mc_config cfg;

static void product(const char *id, const char *status, const char *deps)
{
    const int pc[MC_PF__COUNT] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    const char *f[MC_PF__COUNT] = {id, "Name", "dom", "Owner", NULL, status,
                                   NULL, NULL, deps};
    struct mc_error err;

    assert_int_equal(
        mc_catalog_add_product(cat, "p", 2, f, pc, NULL, NULL, &err), MC_OK);
}

static void asset(const char *id, const char *kind, const char *pattern)
{
    const int ac[MC_AF__COUNT] = {1, 2, 3};
    const char *f[MC_AF__COUNT] = {id, kind, pattern};
    struct mc_error err;

    assert_int_equal(mc_catalog_add_asset(cat, "a", 2, f, ac, NULL, NULL, &err),
                     MC_OK);
}

/* A query by user/role reading table on day (relative to D). */
static void read_at(const char *qid, int day, const char *user,
                    const char *role, const char *table)
{
    const char *base[1] = {table};
    struct mc_record q = {.kind = MC_REC_SF_QUERY};
    struct mc_record a = {.kind = MC_REC_SF_ACCESS};
    struct mc_error err;

    q.u.q.query_id = qid;
    q.u.q.start_ms = (D + day) * DAYMS + 3600000;
    q.u.q.end_ms = q.u.q.start_ms + 1000;
    q.u.q.user_name = user;
    q.u.q.role_name = role;
    assert_int_equal(mc_store_put(s, 1, &q, &err), MC_OK);
    a.u.a.query_id = qid;
    a.u.a.has_start = 1;
    a.u.a.start_ms = q.u.q.start_ms;
    a.u.a.user_name = user;
    a.u.a.base = base;
    a.u.a.n_base = 1;
    assert_int_equal(mc_store_put(s, 1, &a, &err), MC_OK);
}

static void cost(const char *id, const char *day, const char *amount)
{
    char sql[256];

    snprintf(sql, sizeof sql,
             "INSERT INTO allocations VALUES ('%s','%s','snowflake',"
             "'storage','',%s)",
             day, id, amount);
    assert_int_equal(sqlite3_exec(mc_store_db(s), sql, NULL, NULL, NULL),
                     SQLITE_OK);
}

static int setup(void **state)
{
    struct mc_error err;
    int64_t v;

    (void)state;
    mc_config_defaults(&cfg);
    if (mc_store_open(":memory:", &s, &err) != MC_OK)
        return -1;
    cat = mc_catalog_new();
    product("s.pipe", "active", NULL);      /* read only by its own role */
    product("s.single", "active", NULL);    /* one consumer */
    product("s.feeder", "deprecated", NULL); /* unread, feeds an active one */
    product("s.popular", "active", "s.feeder");
    product("s.protected", "protected", NULL);
    product("s.cheap", "active", NULL);     /* under the cost threshold */
    product("s.old", "active", NULL);       /* last read 100 days ago */
    product("s.late", "active", NULL);      /* read only after D */
    asset("s.pipe", "schema", "DB.PIPE");
    asset("s.pipe", "role", "PIPE_ETL");
    asset("s.single", "table", "DB.SINGLE.T");
    asset("s.feeder", "table", "DB.FEED.T");
    asset("s.popular", "table", "DB.POP.T");
    asset("s.protected", "table", "DB.PROT.T");
    asset("s.old", "table", "DB.OLD.T");
    asset("s.late", "table", "DB.LATE.T");
    if (mc_catalog_check(cat, NULL, NULL) ||
        mc_catalog_save(s, cat, "p", "a", &v, &err))
        return -1;
    read_at("r1", -3, "ETL", "PIPE_ETL", "DB.PIPE.X");
    read_at("r2", -2, "U1", "ANALYST", "DB.SINGLE.T");
    read_at("r3", -40, "U1", "ANALYST", "DB.SINGLE.T");
    read_at("r4", -1, "U1", "ANALYST", "db.pop.t");
    read_at("r5", 0, "U2", "ANALYST", "DB.POP.T");
    read_at("r6", -100, "U3", "ANALYST", "DB.OLD.T");
    read_at("r7", 1, "U3", "ANALYST", "DB.LATE.T");
    cost("s.pipe", "2026-10-05", "30000000");
    cost("s.single", "2026-10-02", "20000000");
    cost("s.feeder", "2026-10-31", "50000000");
    cost("s.popular", "2026-10-10", "100000000");
    cost("s.protected", "2026-10-10", "100000000");
    cost("s.cheap", "2026-10-10", "5000000");
    cost("s.cheap", "2026-10-01", "100000000"); /* D-30: outside */
    cost("s.old", "2026-10-20", "15000000");
    cost("s.late", "2026-10-20", "12000000");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    mc_catalog_free(cat);
    mc_store_close(s);
    return 0;
}

static void test_candidates(void **state)
{
    struct mc_sunset su;
    struct mc_error err;
    static const char *const want[][2] = {
        {"s.feeder", "no reads in 90 days; feeds s.popular"},
        {"s.pipe", "no reads in 90 days"},
        {"s.single", "1 consumer in 30 days"},
        {"s.old", "no reads in 90 days"},
        {"s.late", "no reads in 90 days"},
    };

    (void)state;
    assert_int_equal(mc_sunset_compute(s, &cfg, cat, D, &su, &err), MC_OK);
    assert_int_equal(su.n_candidates, 5);
    for (size_t i = 0; i < 5; i++) {
        assert_string_equal(su.rows[i].product->id, want[i][0]);
        assert_string_equal(su.rows[i].reason, want[i][1]);
    }
    assert_int_equal(su.rows[0].monthly_cost, 50000000);
    assert_string_equal(su.rows[0].active_dependents, "s.popular");
    assert_int_equal(mc_sunset_annual(&su.rows[0]), 608333333);
    /* s.single: two reads, one in the last 30 days, by one user */
    assert_int_equal(su.rows[2].reads_30d, 1);
    assert_int_equal(su.rows[2].reads_90d, 2);
    assert_int_equal(su.rows[2].consumers_30d, 1);
    assert_string_equal(su.rows[2].last_read, "2026-10-29");
    assert_string_equal(su.rows[3].last_read, "2026-07-23");
    assert_string_equal(su.rows[4].last_read, "");
    /* the rest: not candidates */
    for (size_t i = 5; i < su.n; i++)
        assert_false(su.rows[i].candidate);
    mc_sunset_free(&su);
}

static void test_thresholds(void **state)
{
    struct mc_sunset su;
    struct mc_error err;

    (void)state;
    cfg.sunset_min_consumers = 1;
    cfg.sunset_min_monthly_cost = 16000000;
    assert_int_equal(mc_sunset_compute(s, &cfg, cat, D, &su, &err), MC_OK);
    assert_int_equal(su.n_candidates, 2); /* feeder, pipe */
    assert_string_equal(su.rows[1].product->id, "s.pipe");
    mc_sunset_free(&su);
    mc_config_defaults(&cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_candidates),
        cmocka_unit_test(test_thresholds),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
