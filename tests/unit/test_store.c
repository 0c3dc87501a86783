/* test_store.c — schema, migrations, STRICT money, loads, restatement. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "meshcost/runs.h"
#include "meshcost/store.h"
#include "meshcost/store_schema.h"
#include "meshcost/time.h"

static int64_t scalar(struct mc_store *s, const char *sql)
{
    sqlite3_stmt *st;
    int64_t v;

    assert_int_equal(sqlite3_prepare_v2(mc_store_db(s), sql, -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void test_init_idempotent(void **state)
{
    char path[32] = "/tmp/mc-store-XXXXXX";
    char db[48], aux[64];
    struct mc_store *s = NULL;
    struct mc_error err;
    int fd = mkstemp(path);

    (void)state;
    assert_true(fd >= 0);
    close(fd);
    unlink(path);
    snprintf(db, sizeof db, "%s.db", path);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(mc_store_open(db, &s, &err), MC_OK);
        assert_int_equal(scalar(s, "PRAGMA user_version"),
                         mc_store_schema_version());
        assert_int_equal(scalar(s, "SELECT count(*) FROM sqlite_schema WHERE "
                                   "name = 'allocations'"),
                         1);
        mc_store_close(s);
    }
    assert_int_equal(mc_store_open(db, &s, &err), MC_OK);
    assert_int_equal(sqlite3_exec(mc_store_db(s), "PRAGMA user_version = 99",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    mc_store_close(s);
    assert_int_equal(mc_store_open(db, &s, &err), MC_ERR_CONFIG);
    assert_non_null(strstr(err.msg, "newer than this meshcost"));
    unlink(db);
    snprintf(aux, sizeof aux, "%s-wal", db);
    unlink(aux);
    snprintf(aux, sizeof aux, "%s-shm", db);
    unlink(aux);
}

static void test_strict_money(void **state)
{
    struct mc_store *s = NULL;
    struct mc_error err;

    (void)state;
    assert_int_equal(mc_store_open(":memory:", &s, &err), MC_OK);
    /* STRICT: a float or text amount is refused, never coerced */
    assert_int_not_equal(sqlite3_exec(mc_store_db(s),
                                      "INSERT INTO allocations VALUES "
                                      "('2026-10-01','p','snowflake',"
                                      "'compute','',1.5)",
                                      NULL, NULL, NULL),
                         SQLITE_OK);
    assert_int_equal(sqlite3_exec(mc_store_db(s),
                                  "INSERT INTO allocations VALUES "
                                  "('2026-10-01','p','snowflake',"
                                  "'compute','',15)",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    mc_store_close(s);
}

/* F14: a closed-month lookup that fails is an error, never "open". */
static void test_month_closed_error(void **state)
{
    struct mc_store *s = NULL;
    struct mc_error err = {0};
    int closed = -1;
    mc_day oct = mc_day_from_ymd(2026, 10, 15);

    (void)state;
    assert_int_equal(mc_store_open(":memory:", &s, &err), MC_OK);
    assert_int_equal(mc_month_closed(s, oct, &closed, &err), MC_OK);
    assert_int_equal(closed, 0);
    assert_int_equal(mc_month_close(s, "2026-10", &err), MC_OK);
    assert_int_equal(mc_month_closed(s, oct, &closed, &err), MC_OK);
    assert_int_equal(closed, 1);
    assert_int_equal(mc_month_closed(s, mc_day_from_ymd(2026, 11, 1),
                                     &closed, &err),
                     MC_OK);
    assert_int_equal(closed, 0);
    assert_int_equal(sqlite3_exec(mc_store_db(s), "DROP TABLE closed_months",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_not_equal(mc_month_closed(s, oct, &closed, &err), MC_OK);
    assert_non_null(strstr(err.msg, "closed months"));
    mc_store_close(s);
}

/* Migration 4 turns per-query costs into query groups: a query split over
 * two products of a domain counts once; one spanning midnight counts on
 * the day it started only; a BigQuery job groups by project, statement
 * type and user; _unallocated has the domain ''. */
static void test_migration_4(void **state)
{
    const char *db = "test_store_m4.db";
    struct mc_store *s = NULL;
    struct mc_error err = {0};
    sqlite3 *raw = NULL;
    sqlite3_stmt *st = NULL;
    const char *want[] = {
        "dom|2026-10-01|snowflake|h1|compute|1|700|WH",
        "|2026-10-01|snowflake|(no hash)|compute|1|5",
        "dom|2026-10-02|snowflake|h1|compute|0|50|WH",
        "dom|2026-10-02|bigquery|BigQuery pr SELECT by a@x|compute|1|9|pr|"
        "select 1",
    };
    size_t n = 0;

    (void)state;
    unlink(db);
    assert_int_equal(sqlite3_open(db, &raw), SQLITE_OK);
    for (int v = 0; v < 3; v++)
        for (const char *const *sql = mc_schema_migration(v); *sql; sql++)
            assert_int_equal(sqlite3_exec(raw, *sql, NULL, NULL, NULL),
                             SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(
            raw,
            "PRAGMA user_version = 3;"
            "INSERT INTO products(product_id, name, domain, status, line) "
            "VALUES ('p.a', 'A', 'dom', 'active', 2),"
            " ('p.b', 'B', 'dom', 'active', 3);"
            /* q1 ran 23:00 on the 1st to 01:00 on the 2nd */
            "INSERT INTO sf_query(query_id, load_id, start_ms, end_ms, "
            "exec_ms, warehouse_name, user_name, role_name, cs_nano, "
            "bytes_scanned, param_hash) VALUES ('q1', 1, 0, "
            "1790902800000, 7200000, 'WH', 'U', 'R', 0, 0, 'h1');"
            "INSERT INTO bq_job(project_id, job_id, load_id, user_email, "
            "statement_type, cache_hit, start_ms, end_ms, bytes_billed, "
            "slot_ms, query_text) VALUES ('pr', 'j1', 1, 'a@x', 'SELECT', "
            "0, 0, 0, 0, 0, 'select 1');"
            "INSERT INTO query_costs VALUES"
            " ('2026-10-01', 'q1', 'p.a', 'compute', 400),"
            " ('2026-10-01', 'q1', 'p.b', 'compute', 300),"
            " ('2026-10-02', 'q1', 'p.a', 'compute', 50),"
            " ('2026-10-02', 'pr:j1', 'p.b', 'compute', 9),"
            " ('2026-10-01', 'qx', '_unallocated', 'compute', 5);",
            NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(raw);
    assert_int_equal(mc_store_open(db, &s, &err), MC_OK);
    assert_int_equal(scalar(s, "SELECT count(*) FROM sqlite_master WHERE "
                               "name = 'query_costs'"),
                     0);
    assert_int_equal(sqlite3_prepare_v2(mc_store_db(s),
                                        "SELECT domain || '|' || day || '|' "
                                        "|| source || '|' || group_key || '|'"
                                        " || cost_kind || '|' || queries || "
                                        "'|' || amount || coalesce('|' || "
                                        "warehouse, '') || coalesce('|' || "
                                        "sample_text, '') FROM query_groups "
                                        "ORDER BY day, source DESC, domain "
                                        "DESC",
                                        -1, &st, NULL),
                     SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        assert_true(n < 4);
        assert_string_equal((const char *)sqlite3_column_text(st, 0),
                            want[n]);
        n++;
    }
    sqlite3_finalize(st);
    assert_int_equal(n, 4);
    assert_int_equal(scalar(s, "SELECT sum(amount) FROM "
                               "query_group_products WHERE product_id = "
                               "'p.a'"),
                     450);
    /* users and warehouses: q1 once (its start day), j1, qx */
    assert_int_equal(scalar(s, "SELECT sum(queries) FROM query_users WHERE "
                               "domain = 'dom' AND user_name = 'U' AND "
                               "role_name = 'R'"),
                     1);
    assert_int_equal(scalar(s, "SELECT sum(amount) FROM query_users WHERE "
                               "domain = 'dom' AND user_name = 'a@x'"),
                     9);
    assert_int_equal(scalar(s, "SELECT sum(queries) * 10000 + sum(amount) "
                               "FROM query_warehouses WHERE domain = 'dom' "
                               "AND warehouse = 'WH'"),
                     10750);
    assert_int_equal(scalar(s, "SELECT sum(queries) * 10000 + sum(amount) "
                               "FROM query_warehouses WHERE domain = '' AND "
                               "warehouse = ''"),
                     10005);
    mc_store_close(s);
    unlink(db);
}

static void put_query(struct mc_store *s, int64_t load, int64_t cs)
{
    struct mc_record r = {.kind = MC_REC_SF_QUERY};
    struct mc_error err;

    r.u.q.query_id = "q1";
    r.u.q.start_ms = 1000;
    r.u.q.end_ms = 2000;
    r.u.q.cs_nano = cs;
    assert_int_equal(mc_store_put(s, load, &r, &err), MC_OK);
}

static void test_loads_restate(void **state)
{
    struct mc_store *s = NULL;
    struct mc_error err;
    int64_t l1, l2;
    int known;

    (void)state;
    assert_int_equal(mc_store_open(":memory:", &s, &err), MC_OK);
    assert_int_equal(mc_store_begin(s, &err), MC_OK);
    assert_int_equal(mc_store_load_begin(s, "a.csv", "aa", "imp", "snowflake",
                                         &l1, &err),
                     MC_OK);
    put_query(s, l1, 5);
    assert_int_equal(mc_store_load_finish(s, l1, 1, 0, 0, &err), MC_OK);
    assert_int_equal(mc_store_commit(s, &err), MC_OK);
    assert_int_equal(mc_store_load_known(s, "aa", &known, &err), MC_OK);
    assert_true(known);
    assert_int_equal(mc_store_load_known(s, "bb", &known, &err), MC_OK);
    assert_false(known);
    /* a later load restates the query: one row, the new values */
    assert_int_equal(mc_store_begin(s, &err), MC_OK);
    assert_int_equal(mc_store_load_begin(s, "b.csv", "bb", "imp", "snowflake",
                                         &l2, &err),
                     MC_OK);
    put_query(s, l2, 7);
    mc_store_rollback(s); /* rolled back: nothing of it stays */
    assert_int_equal(scalar(s, "SELECT cs_nano FROM sf_query"), 5);
    assert_int_equal(scalar(s, "SELECT count(*) FROM loads"), 1);
    assert_int_equal(mc_store_begin(s, &err), MC_OK);
    assert_int_equal(mc_store_load_begin(s, "b.csv", "bb", "imp", "snowflake",
                                         &l2, &err),
                     MC_OK);
    put_query(s, l2, 7);
    assert_int_equal(mc_store_load_finish(s, l2, 1, 0, 0, &err), MC_OK);
    assert_int_equal(mc_store_commit(s, &err), MC_OK);
    assert_int_equal(scalar(s, "SELECT count(*) FROM sf_query"), 1);
    assert_int_equal(scalar(s, "SELECT cs_nano FROM sf_query"), 7);
    assert_int_equal(scalar(s, "SELECT load_id FROM sf_query"), l2);
    assert_int_equal(scalar(s, "SELECT count(*) FROM loads WHERE first_day "
                               "= '1970-01-01' AND status = 'loaded'"),
                     2);
    mc_store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_idempotent),
        cmocka_unit_test(test_strict_money),
        cmocka_unit_test(test_loads_restate),
        cmocka_unit_test(test_month_closed_error),
        cmocka_unit_test(test_migration_4),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
