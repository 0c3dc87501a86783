/* test_attribute.c — attribution on hand-computed cases (DESIGN 4.2, 4.3),
 * conservation, and the storage split. Price: 2.00 per credit, 23.00 per
 * TiB-month. Day 1 = 2026-10-01 (UTC). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "meshcost/attribute.h"

#define H (3600000LL)
#define DAY1 ((mc_ms)20727 * 86400000LL) /* 2026-10-01T00:00Z */

static struct mc_store *s;
static struct mc_catalog *cat;
static struct mc_config cfg;

static void put(const struct mc_record *r)
{
    struct mc_error err;

    assert_int_equal(mc_store_put(s, 1, r, &err), MC_OK);
}

static void meter(const char *wh, int64_t wid, mc_ms hour, int64_t compute,
                  int64_t cs)
{
    struct mc_record r = {.kind = MC_REC_SF_METER};

    r.u.m.hour_ms = hour;
    r.u.m.end_ms = hour + H;
    r.u.m.has_warehouse_id = wid > 0;
    r.u.m.warehouse_id = wid;
    r.u.m.warehouse_name = wh;
    r.u.m.compute_nano = compute;
    r.u.m.cs_nano = cs;
    put(&r);
}

static void query(const char *id, const char *wh, int64_t wid, mc_ms end,
                  int64_t exec, int64_t cs, const char *role,
                  const char *tag)
{
    struct mc_record r = {.kind = MC_REC_SF_QUERY};

    r.u.q.query_id = id;
    r.u.q.has_warehouse_id = wid > 0;
    r.u.q.warehouse_id = wid;
    r.u.q.warehouse_name = wh;
    r.u.q.start_ms = end - exec - 100;
    r.u.q.end_ms = end;
    r.u.q.execution_ms = exec;
    r.u.q.cs_nano = cs;
    r.u.q.role_name = role;
    r.u.q.user_name = "SOMEONE";
    r.u.q.query_tag = tag;
    r.u.q.query_parameterized_hash = id; /* a query group of its own */
    put(&r);
}

static void reads(const char *id, const char *t1, const char *t2)
{
    const char *base[2] = {t1, t2};
    struct mc_record r = {.kind = MC_REC_SF_ACCESS};

    r.u.a.query_id = id;
    r.u.a.base = base;
    r.u.a.n_base = t2 ? 2 : 1;
    put(&r);
}

static void storage(mc_day day, int64_t id, const char *fqn, int64_t bytes)
{
    struct mc_record r = {.kind = MC_REC_SF_STORAGE};

    r.u.s.snapshot_day = day;
    r.u.s.table_id = id;
    r.u.s.table_fqn = fqn;
    r.u.s.bytes = bytes;
    put(&r);
}

static int setup(void **state)
{
    static const char *const products[] = {"p.a", "p.b", "p.c", "p.wh"};
    static const char *const assets[][3] = {
        {"p.a", "table", "DB.S.A*"},  {"p.b", "table", "DB.S.B"},
        {"p.c", "role", "ROLE_C"},    {"p.wh", "warehouse", "OWNED_WH"},
        {"p.b", "tag", "team=blue"},  {"p.a", "resource", "res-a"},
        {"p.c", "resource", "res-c"},
        /* BigQuery and Databricks */
        {"p.a", "bq_table", "proj.ds.a*"}, {"p.b", "table", "PROJ.DS.B"},
        {"p.c", "user", "ana@x.org"},      {"p.wh", "project", "proj-x"},
        {"p.a", "resource", "job-1"},      {"p.c", "resource", "wh-9"},
    };
    const int pc[MC_PF__COUNT] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    const int ac[MC_AF__COUNT] = {1, 2, 3};
    struct mc_error err;
    int64_t v;

    (void)state;
    mc_config_defaults(&cfg);
    cfg.snowflake_credit = 2000000;
    if (mc_store_open(":memory:", &s, &err) != MC_OK)
        return -1;
    cat = mc_catalog_new();
    for (size_t i = 0; i < 4; i++) {
        const char *f[MC_PF__COUNT] = {products[i], "n", "dom", NULL, NULL,
                                       "active"};
        mc_catalog_add_product(cat, "p", 2, f, pc, NULL, NULL, &err);
    }
    for (size_t i = 0; i < sizeof assets / sizeof assets[0]; i++)
        mc_catalog_add_asset(cat, "a", 2, assets[i], ac, NULL, NULL, &err);
    if (mc_catalog_check(cat, NULL, NULL) ||
        mc_catalog_save(s, cat, "p", "a", &v, &err))
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    mc_catalog_free(cat);
    mc_store_close(s);
    return 0;
}

/* Sum of allocations for a product and cost kind over all days. */
static int64_t alloc(const char *product, const char *kind)
{
    sqlite3_stmt *st;
    int64_t v;

    sqlite3_prepare_v2(mc_store_db(s),
                       "SELECT coalesce(sum(amount), 0) FROM allocations "
                       "WHERE product_id = ? AND cost_kind = ?",
                       -1, &st, NULL);
    sqlite3_bind_text(st, 1, product, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Cost of a query group (a query with its id as parameterized hash, or a
 * BigQuery "BigQuery project statement by user") of one cost kind. */
static int64_t qcost(const char *group, const char *kind)
{
    sqlite3_stmt *st;
    int64_t v;

    sqlite3_prepare_v2(mc_store_db(s),
                       "SELECT coalesce(sum(amount), 0) FROM query_groups "
                       "WHERE group_key = ? AND cost_kind = ?",
                       -1, &st, NULL);
    sqlite3_bind_text(st, 1, group, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* "queries|amount" of a group in a domain ('' for _unallocated), and its
 * products "id=amount,..." by id. */
static const char *qgroup(const char *domain, const char *group)
{
    static char buf[256];
    sqlite3_stmt *st;
    size_t n;

    sqlite3_prepare_v2(mc_store_db(s),
                       "SELECT coalesce(sum(queries), 0), coalesce(sum("
                       "amount), 0), (SELECT group_concat(product_id || '=' "
                       "|| amount, ',') FROM (SELECT product_id, sum(amount)"
                       " AS amount FROM query_group_products WHERE domain = "
                       "?1 AND group_key = ?2 GROUP BY 1 ORDER BY 1)) FROM "
                       "query_groups WHERE domain = ?1 AND group_key = ?2",
                       -1, &st, NULL);
    sqlite3_bind_text(st, 1, domain, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, group, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    n = (size_t)snprintf(buf, sizeof buf, "%lld|%lld|%s",
                         (long long)sqlite3_column_int64(st, 0),
                         (long long)sqlite3_column_int64(st, 1),
                         sqlite3_column_text(st, 2)
                             ? (const char *)sqlite3_column_text(st, 2)
                             : "");
    (void)n;
    sqlite3_finalize(st);
    return buf;
}

static int64_t table_cost(const char *fqn)
{
    sqlite3_stmt *st;
    int64_t v;

    sqlite3_prepare_v2(mc_store_db(s),
                       "SELECT coalesce(sum(amount), 0) FROM table_costs "
                       "WHERE table_fqn = ?",
                       -1, &st, NULL);
    sqlite3_bind_text(st, 1, fqn, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void run(mc_day from, mc_day to)
{
    struct mc_error err = {0};

    if (mc_attribute(s, &cfg, cat, from, to, NULL, &err) != MC_OK)
        fail_msg("attribute: %s", err.msg);
}

/* The scenario of the file comment, loaded once. */
static void load_month(void)
{
    meter("W1", 1, DAY1 + 10 * H, 1000000000, 500000000);
    meter("W1", 1, DAY1 + 11 * H, 1000000000, 0);
    meter("W1", 1, DAY1 + 12 * H, 1000000000, 0);
    meter("W1", 1, DAY1 + 13 * H, 500000000, 0);   /* idle, unowned */
    meter("OWNED_WH", 7, DAY1 + 13 * H, 250000000, 0); /* idle, owned */
    meter("W1", 1, DAY1 + 14 * H, 500000500, 0);   /* 1.000001 */
    meter("CLOUD_SERVICES_ONLY", 0, DAY1, 0, 100000000);
    /* q1 spans hours 10 and 11; q2 shares hour 10 with it */
    query("q1", "W1", 0, DAY1 + 11 * H + H / 2, H, 3000000, NULL, NULL);
    reads("q1", "DB.S.A1", NULL);
    query("q2", "w1", 0, DAY1 + 10 * H + H / 2, H / 2, 1000000, NULL, NULL);
    reads("q2", "DB.S.B", NULL);
    /* three concurrent queries share hour 12 evenly: 666667/666667/666666 */
    query("q3", "W1", 0, DAY1 + 12 * H + 1000, 1000, 0, "ROLE_C", NULL);
    query("q4", "W1", 0, DAY1 + 12 * H + 2500, 1000, 0, NULL,
          "data_product=p.b");
    query("q5", "W1", 0, DAY1 + 12 * H + 9000, 1000, 0, "NOBODY", NULL);
    /* reads two products: 1000001 split 500001 (p.a) / 500000 (p.b) */
    query("q6", "W1", 0, DAY1 + 14 * H + 5000, 5000, 0, NULL, NULL);
    reads("q6", "DB.S.B", "DB.S.A9");
    /* another warehouse with the same name but another id: no match */
    query("q7", "W1", 99, DAY1 + 10 * H + H / 2, H / 2, 0, NULL, NULL);
    /* day 2: q8 runs across midnight; hour 0 is its alone */
    meter("W1", 1, DAY1 + 24 * H, 100000000, 0);
    meter("W1", 1, DAY1 + 34 * H, 1000000000, 50000000); /* CS < 10 % */
    query("q8", "W1", 0, DAY1 + 24 * H + H / 2, H, 0, NULL, NULL);
    reads("q8", "DB.S.B", NULL);
    /* day 3: cloud services with no query to split them by */
    meter("W1", 1, DAY1 + 53 * H, 100000000, 100000000);
    storage(20727, 1, "DB.S.A1", 1LL << 40);
    storage(20727, 2, "UNMAPPED.X.Y", 1LL << 40);
}

static void test_compute(void **state)
{
    (void)state;
    load_month();
    run(20727, 20730);
    assert_int_equal(qcost("q1", "compute"), 3000000);
    assert_int_equal(qcost("q2", "compute"), 1000000);
    assert_int_equal(qcost("q3", "compute"), 666667);
    assert_int_equal(qcost("q4", "compute"), 666667);
    assert_int_equal(qcost("q5", "compute"), 666666);
    assert_int_equal(qcost("q7", "compute"), 0);
    assert_int_equal(qcost("q8", "compute"), 200000);
    assert_int_equal(alloc("p.a", "compute"), 3000000 + 500001);
    assert_int_equal(alloc("p.b", "compute"),
                     1000000 + 666667 + 500000 + 200000);
    assert_int_equal(alloc("p.c", "compute"), 666667);
    assert_int_equal(alloc("_unallocated", "compute"), 666666);
    /* query groups: q6 reads two products of one domain: one query, both
     * products; q5 is unallocated (domain ''); q1 was charged compute and
     * cloud services and counts once */
    assert_string_equal(qgroup("dom", "q6"), "1|1000001|p.a=500001,p.b=500000");
    assert_string_equal(qgroup("", "q5"), "1|666666|_unallocated=666666");
    assert_string_equal(qgroup("dom", "q5"), "0|0|");
    assert_string_equal(qgroup("dom", "q1"),
                        "1|3262500|p.a=3262500");
}

static void test_idle(void **state)
{
    (void)state;
    assert_int_equal(alloc("p.wh", "idle"), 500000);
    assert_int_equal(alloc("_unallocated", "idle"),
                     1000000 + 2000000 + 200000);
}

static void test_cloud_services(void **state)
{
    (void)state;
    /* day 1: 10 x 0.6 - 4.2500005 credits = 1.7499995 tenths -> 0.35 */
    assert_int_equal(qcost("q1", "cloud_services"), 262500);
    assert_int_equal(alloc("p.a", "cloud_services"), 262500);
    assert_int_equal(alloc("p.b", "cloud_services"), 87500);
    /* day 2 is under 10 %: nothing; day 3 has nobody to split by */
    assert_int_equal(alloc("_unallocated", "cloud_services"), 180000);
}

static void test_storage(void **state)
{
    (void)state;
    /* 2 TiB x 23.00 / 31 days = 1.483871 (half-even), split by bytes */
    assert_int_equal(alloc("_unallocated", "storage"), 741936);
    assert_int_equal(alloc("p.a", "storage"), 741935);
    assert_int_equal(table_cost("DB.S.A1"), 741935);
    assert_int_equal(table_cost("UNMAPPED.X.Y"), 741936);
}

static void test_rerun_and_policy(void **state)
{
    int64_t before = alloc("p.b", "compute");

    (void)state;
    run(20727, 20730); /* recomputing never double counts */
    assert_int_equal(alloc("p.b", "compute"), before);
    cfg.idle = MC_IDLE_UNALLOCATED;
    run(20727, 20730);
    assert_int_equal(alloc("p.wh", "idle"), 0);
    assert_int_equal(alloc("_unallocated", "idle"), 3700000);
    cfg.idle = MC_IDLE_OWNER;
    run(20727, 20730);
}

static void focus(const char *scope_account, mc_ms start, mc_ms end,
                  int64_t effective, const char *tags, const char *res)
{
    struct mc_record r = {.kind = MC_REC_FOCUS};

    r.u.f.provider = "AWS";
    r.u.f.billing_account = scope_account;
    r.u.f.period_start = DAY1;
    r.u.f.period_end = DAY1 + 31 * 24 * H;
    r.u.f.charge_start = start;
    r.u.f.charge_end = end;
    r.u.f.effective = effective;
    r.u.f.billed = effective;
    r.u.f.currency = "USD";
    r.u.f.tags = tags;
    r.u.f.resource_id = res;
    put(&r);
}

/* FOCUS: a line over midnight splits by hours; the scope's total is
 * rounded once and handed out by largest remainder. */
static void test_focus(void **state)
{
    (void)state;
    /* 4.00 from 22:00 on day 1 to 02:00 on day 2: 2.00 a day, to p.b
     * through its tag asset team=blue */
    focus("F1", DAY1 + 22 * H, DAY1 + 26 * H, 400000000000LL,
          "{\"team\": \"blue\"}", NULL);
    /* three lines of 0.0000004 (1e-11 units: 40000): 1.2 micro, one
     * rounded whole = 1 micro, to the first cell by remainder */
    focus("F2", DAY1, DAY1 + H, 40000, NULL, "res-a");
    focus("F2", DAY1, DAY1 + H, 40000, NULL, "res-c");
    focus("F2", DAY1, DAY1 + H, 40000, NULL, "unknown");
    run(20727, 20730);
    assert_int_equal(alloc("p.b", "billing"), 4000000);
    assert_int_equal(alloc("p.a", "billing") + alloc("p.c", "billing") +
                         alloc("_unallocated", "billing"),
                     1);
}

static void test_conservation(void **state)
{
    struct mc_error err = {0};

    (void)state;
    assert_int_equal(mc_attribute_check(s, 20727, 20730, &err), MC_OK);
    assert_int_equal(sqlite3_exec(mc_store_db(s),
                                  "UPDATE allocations SET amount = amount + 1 "
                                  "WHERE product_id = 'p.c'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(mc_attribute_check(s, 20727, 20730, &err),
                     MC_ERR_INTERNAL);
    assert_string_equal(err.msg, "conservation failed on 2026-10-01 for "
                                 "snowflake compute: source total 7.000001, "
                                 "allocated 7.000002");
    run(20727, 20730); /* recomputing repairs it */
    assert_int_equal(mc_attribute_check(s, 20727, 20730, &err), MC_OK);
}

static void daily_row(const char *type, mc_day day, int64_t cs, int64_t adj)
{
    struct mc_record r = {.kind = MC_REC_SF_METER_DAILY};

    r.u.md.day = day;
    r.u.md.service_type = type;
    r.u.md.cs_nano = cs;
    r.u.md.adjustment_nano = adj;
    put(&r);
}

static void rate(mc_day day, const char *usage, mc_money price)
{
    struct mc_record r = {.kind = MC_REC_SF_RATE};

    r.u.r.day = day;
    r.u.r.usage_type = usage;
    r.u.r.currency = "USD";
    r.u.r.rate = price;
    put(&r);
}

/* METERING_DAILY_HISTORY replaces the 10 % rule; RATE_SHEET_DAILY prices
 * carry forward, prefer the plain usage type, and a day before the first
 * rate has no price (an error, never zero). */
static void test_daily_views(void **state)
{
    struct mc_error err = {0};

    (void)state;
    /* day 3: used 0.10, adjustment -0.05 -> 0.05 billed x 2.00 = 0.10 */
    daily_row("WAREHOUSE_METERING", 20729, 100000000, -50000000);
    daily_row("AUTO_CLUSTERING", 20729, 900000000, 0); /* not warehouses */
    run(20727, 20730);
    assert_int_equal(alloc("_unallocated", "cloud_services"), 100000);
    /* rates from day 2 only: day 1 has compute and no price */
    rate(20728, "overage-compute", 9000000);
    rate(20728, "compute", 2500000);
    assert_int_equal(mc_attribute(s, &cfg, cat, 20727, 20730, NULL, &err),
                     MC_ERR_INPUT);
    assert_string_equal(err.msg, "no RATE_SHEET_DAILY rate for compute on "
                                 "or before 2026-10-01");
    rate(20700, "compute", 2000000);
    run(20727, 20730);
    assert_int_equal(qcost("q1", "compute"), 3000000);  /* day 1: 2.00 */
    assert_int_equal(qcost("q8", "compute"), 250000);   /* day 2: 2.50 */
    /* day 3 carries day 2's 2.50: its idle 0.1 credit = 0.25 */
    assert_int_equal(alloc("_unallocated", "idle"),
                     1000000 + 2500000 + 250000);
}

static int64_t day_alloc(const char *product, const char *kind,
                         const char *day)
{
    sqlite3_stmt *st;
    int64_t v;

    sqlite3_prepare_v2(mc_store_db(s),
                       "SELECT coalesce(sum(amount), 0) FROM allocations "
                       "WHERE product_id = ? AND cost_kind = ? AND day = ?",
                       -1, &st, NULL);
    sqlite3_bind_text(st, 1, product, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, day, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* QUERY_ATTRIBUTION_HISTORY: on a day a QAH load covers, the hour's cost
 * follows the attributed credits and the rest of the hour is idle. */
static void test_query_attribution(void **state)
{
    mc_ms h10 = DAY1 + 4 * 24 * H + 10 * H; /* 2026-10-05 10:00 */
    struct mc_record r = {.kind = MC_REC_SF_QUERY_ATTR};
    struct mc_error err;
    int64_t load;

    (void)state;
    meter("W1", 1, h10, 1000000000, 0); /* 1 credit x 2.50 (rate sheet) */
    query("qa1", "W1", 0, h10 + H / 2, H / 2, 0, NULL, NULL);
    reads("qa1", "DB.S.A1", NULL);
    /* before QAH: by overlap, qa1 alone -> all 2.50 to p.a */
    run(20731, 20732);
    assert_int_equal(day_alloc("p.a", "compute", "2026-10-05"), 2500000);
    assert_int_equal(mc_store_begin(s, &err), MC_OK);
    assert_int_equal(mc_store_load_begin(s, "qah_2026-10-05.csv", "qah",
                                         "snowflake.query_attribution",
                                         "snowflake", &load, &err),
                     MC_OK);
    r.u.qa.query_id = "qa1";
    r.u.qa.warehouse_name = "W1";
    r.u.qa.start_ms = h10;
    r.u.qa.end_ms = h10 + H / 2;
    r.u.qa.credits_nano = 300000000;
    assert_int_equal(mc_store_put(s, load, &r, &err), MC_OK);
    r.u.qa.query_id = "qa2"; /* not in QUERY_HISTORY */
    r.u.qa.end_ms = h10 + 2 * H / 3;
    r.u.qa.credits_nano = 200000000;
    assert_int_equal(mc_store_put(s, load, &r, &err), MC_OK);
    assert_int_equal(mc_store_load_finish(s, load, 2, 0, 0, &err), MC_OK);
    assert_int_equal(mc_store_commit(s, &err), MC_OK);
    run(20731, 20732);
    /* 0.3 / 0.2 / idle 0.5 of 2.50 */
    assert_int_equal(qcost("qa1", "compute"), 750000);
    assert_int_equal(qcost("(no hash)", "compute"), 500000); /* qa2 */
    assert_int_equal(day_alloc("p.a", "compute", "2026-10-05"), 750000);
    assert_int_equal(day_alloc("_unallocated", "compute", "2026-10-05"),
                     500000);
    assert_int_equal(day_alloc("_unallocated", "idle", "2026-10-05"),
                     1250000);
}

/* --- BigQuery and Databricks, on days of their own (2026-10-14..) --- */

#define DAYB ((mc_ms)20740 * 86400000LL)
#define TIB_BYTES 1099511627776LL
#define MIB10 10485760LL

static int64_t src_alloc(const char *product, const char *source,
                         const char *kind)
{
    sqlite3_stmt *st;
    int64_t v;

    sqlite3_prepare_v2(mc_store_db(s),
                       "SELECT coalesce(sum(amount), 0) FROM allocations "
                       "WHERE product_id = ? AND source = ? AND "
                       "cost_kind = ?",
                       -1, &st, NULL);
    sqlite3_bind_text(st, 1, product, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, source, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void bq_job(const char *id, mc_ms end, int64_t bytes, int64_t slot_ms,
                   const char *reservation, const char *edition,
                   const char *stmt, int cache, const char *labels,
                   const char *read, const char *user, const char *project)
{
    struct mc_record r = {.kind = MC_REC_BQ_JOB};

    r.u.bj.project_id = project;
    r.u.bj.job_id = id;
    r.u.bj.user_email = user;
    r.u.bj.statement_type = stmt;
    r.u.bj.reservation_id = reservation;
    r.u.bj.edition = edition;
    r.u.bj.cache_hit = cache;
    r.u.bj.start_ms = end - 1000;
    r.u.bj.end_ms = end;
    r.u.bj.bytes_billed = bytes;
    r.u.bj.slot_ms = slot_ms;
    r.u.bj.labels = labels;
    r.u.bj.tables_read = read;
    put(&r);
}

static void test_bigquery(void **state)
{
    (void)state;
    /* 1 TiB on demand = 6.25, to p.c by its label */
    bq_job("j1", DAYB + H, TIB_BYTES, 0, NULL, NULL, "SELECT", 0,
           "{\"data_product\":\"p.c\"}", NULL, NULL, "other");
    /* one Enterprise slot-hour = 0.06, reads two products: 0.03 each */
    bq_job("j2", DAYB + 2 * H, 0, 3600000, "adm:US.r", "ENTERPRISE",
           "INSERT", 0, NULL, "proj.ds.a1\nproj.ds.b", NULL, "other");
    /* a SCRIPT parent and a cache hit cost nothing */
    bq_job("j3", DAYB + 3 * H, TIB_BYTES, 0, NULL, NULL, "SCRIPT", 0,
           "{\"data_product\":\"p.a\"}", NULL, NULL, "other");
    bq_job("j4", DAYB + 3 * H, TIB_BYTES, 0, NULL, NULL, "SELECT", 1,
           "{\"data_product\":\"p.a\"}", NULL, NULL, "other");
    /* three jobs of 10 MiB: 59.6046 micro each, 178.81 rounded once to
     * 179: floors 59, the two extra micro-units by remainder (all equal)
     * to the first ids: _unallocated, then p.c */
    bq_job("j5", DAYB + 4 * H, MIB10, 0, NULL, NULL, "SELECT", 0, NULL,
           NULL, NULL, "proj-x");
    bq_job("j6", DAYB + 4 * H, MIB10, 0, NULL, NULL, "SELECT", 0, NULL,
           NULL, "ana@x.org", "other");
    bq_job("j7", DAYB + 4 * H, MIB10, 0, NULL, NULL, "SELECT", 0, NULL,
           NULL, NULL, "other");
    /* ends after midnight: the next day's */
    bq_job("j8", DAYB + 24 * H + 5, TIB_BYTES, 0, NULL, NULL, "SELECT", 0,
           "{\"data_product\":\"p.a\"}", NULL, NULL, "other");
    run(20740, 20742);
    assert_int_equal(src_alloc("p.c", "bigquery", "compute"), 6250060);
    assert_int_equal(src_alloc("p.a", "bigquery", "compute"),
                     30000 + 6250000);
    assert_int_equal(src_alloc("p.b", "bigquery", "compute"), 30000);
    assert_int_equal(src_alloc("p.wh", "bigquery", "compute"), 59);
    assert_int_equal(src_alloc("_unallocated", "bigquery", "compute"), 60);
    /* groups: project, statement type, user; j1 (p.c) and j8 (p.a, the
     * next day) in the domain, j7 unallocated; j3 a SCRIPT: nothing */
    assert_string_equal(qgroup("dom", "BigQuery other SELECT by ?"),
                        "2|12500000|p.a=6250000,p.c=6250000");
    assert_string_equal(qgroup("", "BigQuery other SELECT by ?"),
                        "1|60|_unallocated=60");
    assert_int_equal(qcost("BigQuery other SCRIPT by ?", "compute"), 0);
    assert_int_equal(qcost("BigQuery other SELECT by ana@x.org", "compute"),
                     60);
}

static void bq_table(mc_day day, const char *fqn, int64_t al, int64_t ll,
                     int64_t ap, int64_t lp, int64_t fs)
{
    struct mc_record r = {.kind = MC_REC_BQ_STORAGE};

    r.u.bs.snapshot_day = day;
    r.u.bs.table_fqn = fqn;
    r.u.bs.active_logical = al;
    r.u.bs.long_term_logical = ll;
    r.u.bs.active_physical = ap;
    r.u.bs.long_term_physical = lp;
    r.u.bs.fail_safe_physical = fs;
    put(&r);
}

static void test_bigquery_storage(void **state)
{
    const int64_t gib = 1073741824LL;
    struct mc_config keep = cfg;

    (void)state;
    /* logical: 31 GiB active x 0.02 / 31 days = 0.02 to p.a; 1 GiB long
     * term x 0.01 / 31 = 322.58 micro, unmapped; one rounding: 20323 */
    bq_table(20743, "proj.ds.a1", 31 * gib, 0, 2 * gib, 0, 0);
    bq_table(20743, "else.ds.t", 0, gib, 0, 0, 0);
    run(20743, 20744);
    assert_int_equal(src_alloc("p.a", "bigquery", "storage"), 20000);
    assert_int_equal(src_alloc("_unallocated", "bigquery", "storage"), 323);
    assert_int_equal(table_cost("proj.ds.a1"), 20000);
    assert_int_equal(table_cost("else.ds.t"), 323);
    /* physical: (active + fail-safe) x 0.04, long term x 0.02: 2 GiB x
     * 0.04 / 31 = 2580.6 micro */
    cfg.bigquery_physical = 1;
    run(20743, 20744);
    assert_int_equal(src_alloc("p.a", "bigquery", "storage"), 2581);
    assert_int_equal(src_alloc("_unallocated", "bigquery", "storage"), 0);
    cfg = keep;
    run(20743, 20744);
}

static void dbx(const char *id, const char *sku, mc_ms start, mc_i128 qty,
                const char *type, const char *tags, const char *res,
                const char *run_as)
{
    struct mc_record r = {.kind = MC_REC_DBX_USAGE};

    r.u.du.record_id = id;
    r.u.du.sku_name = sku;
    r.u.du.cloud = "AWS";
    r.u.du.start_ms = start;
    r.u.du.end_ms = start + H;
    r.u.du.usage_type = type;
    r.u.du.quantity = qty;
    r.u.du.custom_tags = tags;
    r.u.du.resources = res;
    r.u.du.run_as = run_as;
    put(&r);
}

static void dbx_price(const char *sku, mc_ms from, mc_ms to, int64_t nano)
{
    struct mc_record r = {.kind = MC_REC_DBX_PRICE};

    r.u.dp.sku_name = sku;
    r.u.dp.cloud = "aws";
    r.u.dp.currency = "USD";
    r.u.dp.start_ms = from;
    r.u.dp.has_end = to > 0;
    r.u.dp.end_ms = to;
    r.u.dp.price = nano;
    put(&r);
}

static void test_databricks(void **state)
{
    const mc_i128 one = (mc_i128)1000000000 * 1000000000; /* 1e18 */
    const mc_ms day = DAYB + 5 * 24 * H; /* 2026-10-19 */
    struct mc_error err = {0};

    (void)state;
    /* 0.15 until 12:00, then 0.20 (the price valid at usage start) */
    dbx_price("JOBS", day - 30 * 24 * H, day + 12 * H, 150000000);
    dbx_price("JOBS", day + 12 * H, 0, 200000000);
    /* 1.000000000000000001 DBU x 0.15, by its tag */
    dbx("r1", "jobs", day + 2 * H, one + 1, "COMPUTE_TIME",
        "{\"data_product\":\"p.a\"}", NULL, NULL);
    /* 2 DBU x 0.20 = 0.40 over job-1 (p.a) and wh-9 (p.c), retracted and
     * restated as 3 DBU: net 0.60, 0.30 each */
    dbx("r2", "JOBS", day + 13 * H, 2 * one, "COMPUTE_TIME", NULL,
        "job-1\nwh-9", NULL);
    dbx("r3", "JOBS", day + 13 * H, -2 * one, "COMPUTE_TIME", NULL,
        "job-1\nwh-9", NULL);
    dbx("r4", "JOBS", day + 13 * H, 3 * one, "COMPUTE_TIME", NULL,
        "job-1\nwh-9", NULL);
    /* storage, by the run_as user */
    dbx("r5", "JOBS", day + 5 * H, 10 * one, "STORAGE_SPACE", NULL, NULL,
        "ana@x.org");
    run(20745, 20746);
    assert_int_equal(src_alloc("p.a", "databricks", "compute"), 450000);
    assert_int_equal(src_alloc("p.c", "databricks", "compute"), 300000);
    assert_int_equal(src_alloc("p.c", "databricks", "storage"), 1500000);
    /* a SKU without a price is an error, not a zero... */
    dbx("r6", "SQL", day + 24 * H, one / 2, NULL, NULL, NULL, NULL);
    assert_int_equal(mc_attribute(s, &cfg, cat, 20746, 20747, NULL, &err),
                     MC_ERR_INPUT);
    assert_string_equal(err.msg, "Databricks usage on 2026-10-20: no list "
                                 "price for SKU SQL on AWS; load "
                                 "system.billing.list_prices or set [rates] "
                                 "databricks_dbu");
    /* ...unless [rates] databricks_dbu gives one */
    cfg.databricks_dbu = 1000000;
    run(20746, 20747);
    cfg.databricks_dbu = -1;
    assert_int_equal(src_alloc("_unallocated", "databricks", "compute"),
                     500000);
    assert_int_equal(mc_attribute_check(s, 20740, 20747, &err), MC_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compute),
        cmocka_unit_test(test_idle),
        cmocka_unit_test(test_cloud_services),
        cmocka_unit_test(test_storage),
        cmocka_unit_test(test_rerun_and_policy),
        cmocka_unit_test(test_focus),
        cmocka_unit_test(test_conservation),
        cmocka_unit_test(test_daily_views),
        cmocka_unit_test(test_query_attribution),
        cmocka_unit_test(test_bigquery),
        cmocka_unit_test(test_bigquery_storage),
        cmocka_unit_test(test_databricks),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
