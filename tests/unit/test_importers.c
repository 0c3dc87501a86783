/* test_importers.c — detection and conversion of each Snowflake importer,
 * from fixture files in the real layouts, from fmemopen buffers, and over
 * every sample file. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "meshcost/importer.h"

/* An opened file: reader, importer and its state. */
struct src {
    FILE *fp;
    struct mc_csv *c;
    const struct mc_importer *imp;
    void *st;
};

static void open_src(struct src *s, const char *path, const char *text,
                     const char *want, const struct mc_import_ctx *ctx)
{
    struct mc_import_ctx plain = {path, 0, 0, NULL};
    const struct mc_csv_row *h;
    struct mc_error err;

    memset(s, 0, sizeof *s);
    if (text) {
        s->fp = fmemopen((void *)text, strlen(text), "r");
        assert_int_equal(mc_csv_open_stream(s->fp, path, &s->c, &err), MC_OK);
    } else {
        assert_int_equal(mc_csv_open(path, &s->c, &err), MC_OK);
    }
    assert_int_equal(mc_csv_next(s->c, &h, &err), 1);
    s->imp = mc_importer_detect(h, NULL);
    assert_non_null(s->imp);
    assert_string_equal(s->imp->name, want);
    if (s->imp->open(&s->st, h, ctx ? ctx : &plain, &err) != MC_OK)
        fail_msg("open: %s", err.msg);
}

/* Converts the next row; returns the mc_err and leaves reason in err. */
static mc_err next(struct src *s, struct mc_record *rec, struct mc_error *err)
{
    const struct mc_csv_row *row;

    assert_int_equal(mc_csv_next(s->c, &row, err), 1);
    memset(rec, 0, sizeof *rec);
    return s->imp->convert(s->st, row, rec, err);
}

static void close_src(struct src *s)
{
    s->imp->close(s->st);
    mc_csv_close(s->c);
    if (s->fp)
        fclose(s->fp);
}

static const struct mc_importer *by_name(const char *name)
{
    for (size_t i = 0; mc_importers[i]; i++)
        if (strcmp(mc_importers[i]->name, name) == 0)
            return mc_importers[i];
    fail_msg("no importer %s", name);
    return NULL;
}

static void test_query_history(void **state)
{
    struct src s;
    struct mc_record r;
    struct mc_error err;

    (void)state;
    open_src(&s, MC_TEST_DATA_DIR "/query_history.csv", NULL,
             "snowflake.query_history", NULL);
    assert_int_equal(next(&s, &r, &err), MC_OK);
    assert_int_equal(r.kind, MC_REC_SF_QUERY);
    assert_string_equal(r.u.q.query_id, "01b4a6f2-0306-7b3e-0000-2d8d0c91a7f2");
    assert_int_equal(r.u.q.start_ms, 1715677987481LL);
    assert_int_equal(r.u.q.end_ms, 1715677999927LL);
    assert_int_equal(r.u.q.execution_ms, 11892);
    assert_int_equal(r.u.q.cs_nano, 123000);
    assert_true(r.u.q.has_warehouse_id);
    assert_int_equal(r.u.q.warehouse_id, 17);
    assert_string_equal(r.u.q.warehouse_name, "BI_WH");
    assert_string_equal(r.u.q.query_tag,
                        "{\"dashboard_id\": \"412\", \"team\": \"finance\"}");
    assert_string_equal(r.u.q.query_parameterized_hash,
                        "c5d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5");
    assert_int_equal(next(&s, &r, &err), MC_OK); /* cloud services only */
    assert_null(r.u.q.warehouse_name);
    assert_false(r.u.q.has_warehouse_id);
    assert_int_equal(r.u.q.cs_nano, 9000);
    assert_int_equal(next(&s, &r, &err), MC_OK); /* -0700, E-notation */
    assert_string_equal(r.u.q.query_text,
                        "merge into marts.orders t\nusing (select * from "
                        "raw.orders where note = 'a, \"quoted\" note') s\n"
                        "on t.id = s.id");
    assert_int_equal(r.u.q.start_ms, 1715680770000LL);
    assert_int_equal(r.u.q.end_ms, 1715680870500LL);
    assert_int_equal(r.u.q.execution_ms, 100000);
    assert_int_equal(r.u.q.bytes_scanned, 5100000000LL);
    assert_int_equal(r.u.q.cs_nano, 1500000);
    close_src(&s);
}

static void expect_reject(const char *text, const char *want_importer,
                          const char *reason)
{
    struct src s;
    struct mc_record r;
    struct mc_error err = {0};

    open_src(&s, "mem.csv", text, want_importer, NULL);
    assert_int_equal(next(&s, &r, &err), MC_ERR_INPUT);
    assert_string_equal(err.msg, reason);
    close_src(&s);
}

#define QH "QUERY_ID,QUERY_TEXT,START_TIME,END_TIME,EXECUTION_TIME," \
           "WAREHOUSE_NAME,CREDITS_USED_CLOUD_SERVICES\n"

static void test_query_history_rejects(void **state)
{
    (void)state;
    expect_reject(QH "q,x,2024-05-14 09:00:00,nope,1,W,0\n",
                  "snowflake.query_history",
                  "END_TIME: not a timestamp: 'nope'");
    expect_reject(QH "q,x,2024-05-14 09:00:00,2024-05-14 08:00:00,1,W,0\n",
                  "snowflake.query_history", "END_TIME before START_TIME");
    expect_reject(QH "q,x,2024-05-14 09:00:00,2024-05-14 09:00:01,-5,W,0\n",
                  "snowflake.query_history", "EXECUTION_TIME: negative");
    expect_reject(QH "q,x,2024-05-14 09:00:00,2024-05-14 09:00:01,1.5,W,0\n",
                  "snowflake.query_history",
                  "EXECUTION_TIME: not a whole number: '1.5'");
    expect_reject(QH ",x,2024-05-14 09:00:00,2024-05-14 09:00:01,1,W,0\n",
                  "snowflake.query_history", "QUERY_ID: missing");
    expect_reject(QH "q,x,2024-05-14 09:00:00,2024-05-14 09:00:01,1,W\n",
                  "snowflake.query_history", "expected 7 fields, found 6");
    expect_reject(QH "q,x,2024-05-14 09:00:00,2024-05-14 09:00:01,1,W,1e400\n",
                  "snowflake.query_history",
                  "CREDITS_USED_CLOUD_SERVICES: out of range: '1e400'");
}

/* A NUL byte inside a field would cut it silently; dates far outside
 * this century would make attribution walk millions of days. */
static void test_hostile_fields(void **state)
{
    static const char text[] = QH "q1,select 1,2026-10-01 10:00:00 -0700,"
                                  "2026-10-01 10:00:01 -0700,1000,W\0X,0\n";
    struct src s;
    struct mc_record r;
    struct mc_error err;

    (void)state;
    memset(&s, 0, sizeof s);
    s.fp = fmemopen((void *)text, sizeof text - 1, "r");
    assert_int_equal(mc_csv_open_stream(s.fp, "mem.csv", &s.c, &err), MC_OK);
    {
        const struct mc_csv_row *h;
        struct mc_import_ctx ctx = {"mem.csv", 0, 0, NULL};
        assert_int_equal(mc_csv_next(s.c, &h, &err), 1);
        s.imp = mc_importer_detect(h, NULL);
        assert_int_equal(s.imp->open(&s.st, h, &ctx, &err), MC_OK);
    }
    assert_int_equal(next(&s, &r, &err), MC_ERR_INPUT);
    assert_string_equal(err.msg, "field 6 contains a NUL byte");
    close_src(&s);
    expect_reject(QH "q1,x,9999-12-31 10:00:00 -0700,9999-12-31 10:00:01 "
                  "-0700,1000,W,0\n", "snowflake.query_history",
                  "START_TIME: '9999-12-31 10:00:00 -0700' is outside "
                  "2000-01-01..2099-12-31");
    expect_reject(QH "q1,x,0001-01-01 10:00:00 -0700,2026-10-01 10:00:01 "
                  "-0700,1000,W,0\n", "snowflake.query_history",
                  "START_TIME: '0001-01-01 10:00:00 -0700' is outside "
                  "2000-01-01..2099-12-31");
}

static void test_metering(void **state)
{
    struct src s;
    struct mc_record r;
    struct mc_error err;

    (void)state;
    open_src(&s, MC_TEST_DATA_DIR "/warehouse_metering_history.csv", NULL,
             "snowflake.warehouse_metering", NULL);
    assert_int_equal(next(&s, &r, &err), MC_OK);
    assert_int_equal(r.kind, MC_REC_SF_METER);
    assert_int_equal(r.u.m.hour_ms, 1715677200000LL);
    assert_int_equal(r.u.m.compute_nano, 3266666667LL);
    assert_int_equal(r.u.m.cs_nano, 17894444);
    assert_int_equal(r.u.m.warehouse_id, 17);
    assert_int_equal(next(&s, &r, &err), MC_OK);
    assert_string_equal(r.u.m.warehouse_name, "CLOUD_SERVICES_ONLY");
    assert_int_equal(r.u.m.compute_nano, 0);
    assert_int_equal(r.u.m.cs_nano, 2310556);
    assert_int_equal(next(&s, &r, &err), MC_OK); /* -0700 hour = 09:00Z */
    assert_int_equal(r.u.m.hour_ms, 1715677200000LL);
    assert_int_equal(r.u.m.compute_nano, 8000000000LL);
    close_src(&s);
    expect_reject("START_TIME,END_TIME,WAREHOUSE_NAME,CREDITS_USED_COMPUTE\n"
                  "2024-05-14 09:00:00 +0530,2024-05-14 10:00:00 +0530,W,1\n",
                  "snowflake.warehouse_metering",
                  "START_TIME: not on a UTC hour");
    expect_reject("START_TIME,END_TIME,WAREHOUSE_NAME,CREDITS_USED_COMPUTE\n"
                  "2024-05-14 09:00:00,2024-05-14 10:00:00,W,-1\n",
                  "snowflake.warehouse_metering", "negative credits");
}

static void test_access_history(void **state)
{
    struct src s;
    struct mc_record r;
    struct mc_error err;

    (void)state;
    open_src(&s, MC_TEST_DATA_DIR "/access_history.csv", NULL,
             "snowflake.access_history", NULL);
    assert_int_equal(next(&s, &r, &err), MC_OK);
    assert_int_equal(r.kind, MC_REC_SF_ACCESS);
    assert_true(r.u.a.has_start);
    assert_int_equal(r.u.a.start_ms, 1715677987481LL);
    assert_int_equal(r.u.a.n_base, 2); /* Table == table; no View, Stage */
    assert_string_equal(r.u.a.base[0], "ANALYTICS.FINANCE.FCT_REVENUE");
    assert_string_equal(r.u.a.base[1], "ANALYTICS.FINANCE.MV_DAILY");
    assert_int_equal(r.u.a.n_modified, 0);
    assert_int_equal(next(&s, &r, &err), MC_OK);
    assert_int_equal(r.u.a.n_base, 1);
    assert_int_equal(r.u.a.n_modified, 1);
    assert_string_equal(r.u.a.modified[0], "ANALYTICS.MARTS.FCT_ORDERS");
    close_src(&s);
}

static void test_access_history_rejects(void **state)
{
    char *deep = malloc(200100);
    struct src s;
    struct mc_record r;
    struct mc_error err = {0};

    (void)state;
    expect_reject("QUERY_ID,BASE_OBJECTS_ACCESSED\nq,\"[{\"\"a\"\":\"\n",
                  "snowflake.access_history",
                  "BASE_OBJECTS_ACCESSED: bad JSON at 6: unexpected token "
                  "near end of file");
    expect_reject("QUERY_ID,BASE_OBJECTS_ACCESSED\nq,\"{}\"\n",
                  "snowflake.access_history",
                  "BASE_OBJECTS_ACCESSED: not a JSON array");
    /* 100000 nested arrays: rejected, not a stack overflow */
    strcpy(deep, "QUERY_ID,BASE_OBJECTS_ACCESSED\nq,");
    memset(deep + strlen(deep), '[', 100000);
    strcpy(deep + strlen(deep) - 0, "\n");
    open_src(&s, "deep.csv", deep, "snowflake.access_history", NULL);
    assert_int_equal(next(&s, &r, &err), MC_ERR_INPUT);
    assert_non_null(strstr(err.msg, "BASE_OBJECTS_ACCESSED: bad JSON"));
    close_src(&s);
    free(deep);
}

static void test_table_storage(void **state)
{
    struct mc_import_ctx as_of = {"x/tsm.csv", 1, 20000, NULL};
    const struct mc_csv_row *h;
    struct mc_error err;
    struct mc_record r;
    struct src s;
    void *st;

    (void)state;
    open_src(&s, MC_TEST_DATA_DIR "/table_storage_metrics_2024-05-14.csv",
             NULL, "snowflake.table_storage", NULL);
    assert_int_equal(next(&s, &r, &err), MC_OK);
    assert_int_equal(r.kind, MC_REC_SF_STORAGE);
    assert_int_equal(r.u.s.snapshot_day, 19857); /* from the file name */
    assert_int_equal(r.u.s.table_id, 66564);
    assert_string_equal(r.u.s.table_fqn, "ANALYTICS.FINANCE.FCT_REVENUE");
    assert_int_equal(r.u.s.bytes, 274877906944LL);
    assert_false(r.u.s.deleted);
    assert_int_equal(next(&s, &r, &err), MC_OK);
    assert_true(r.u.s.deleted);
    assert_int_equal(r.u.s.bytes, 0);
    close_src(&s);
    /* no date in the name: --as-of, else the file is refused */
    open_src(&s, "x/tsm.csv", "ID,TABLE_NAME,TABLE_SCHEMA,TABLE_CATALOG,"
             "ACTIVE_BYTES\n1,T,S,D,5\n", "snowflake.table_storage", &as_of);
    assert_int_equal(next(&s, &r, &err), MC_OK);
    assert_int_equal(r.u.s.snapshot_day, 20000);
    assert_int_equal(r.u.s.bytes, 5);
    close_src(&s);
    as_of.has_as_of = 0;
    s.fp = fmemopen("ID,TABLE_NAME,TABLE_SCHEMA,TABLE_CATALOG,ACTIVE_BYTES\n",
                    54, "r");
    assert_int_equal(mc_csv_open_stream(s.fp, "tsm.csv", &s.c, &err), MC_OK);
    assert_int_equal(mc_csv_next(s.c, &h, &err), 1);
    assert_int_equal(by_name("snowflake.table_storage")->open(&st, h, &as_of,
                                                              &err),
                     MC_ERR_INPUT);
    assert_string_equal(err.msg, "no snapshot date: put YYYY-MM-DD in the "
                                 "file name or use --as-of");
    mc_csv_close(s.c);
    fclose(s.fp);
}

#define FOCUS_H "BilledCost,EffectiveCost,BillingAccountId,BillingCurrency," \
    "BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd," \
    "ProviderName,ResourceId,Tags\n"

static void test_focus(void **state)
{
    struct mc_config cfg;
    struct mc_import_ctx ctx = {"f.csv", 0, 0, &cfg};
    const char *text =
        FOCUS_H
        "\"1.5E-3\",-0.00000000001,A1,USD,2024-09-01T00:00:00Z,"
        "2024-10-01T00:00:00Z,2024-09-18 22:00:00,2024-09-19 02:00:00,AWS,"
        "NULL,\"{\"\"org\"\": \"\"x\"\"}\"\n"
        "1,1,A1,EUR,2024-09-01,2024-10-01,2024-09-18,2024-09-18,AWS,r1,\n"
        "\"$10,000.00 \",1,A1,USD,2024-09-01,2024-10-01,2024-09-18,"
        "2024-09-18,AWS,r1,\n"
        "1,1,A1,USD,5/1/25,2024-10-01,2024-09-18,2024-09-18,AWS,r1,\n"
        "1,1,A1,USD,2024-09-01,2024-10-01,2024-09-19,2024-09-18,AWS,r1,\n";
    struct src s;
    struct mc_record r;
    struct mc_error err;
    const struct mc_csv_row *h;
    void *st;

    (void)state;
    mc_config_defaults(&cfg);
    s.fp = fmemopen((void *)text, strlen(text), "r");
    assert_int_equal(mc_csv_open_stream(s.fp, "f.csv", &s.c, &err), MC_OK);
    assert_int_equal(mc_csv_next(s.c, &h, &err), 1);
    s.imp = mc_importer_detect(h, NULL);
    assert_string_equal(s.imp->name, "focus");
    assert_int_equal(s.imp->open(&st, h, &ctx, &err), MC_OK);
    s.st = st;
    assert_int_equal(next(&s, &r, &err), MC_OK);
    assert_int_equal(r.u.f.billed, 150000000);   /* 1.5E-3 at 1e-11 */
    assert_int_equal(r.u.f.effective, -1);       /* negative kept */
    assert_int_equal(r.u.f.charge_end - r.u.f.charge_start, 4 * 3600000);
    assert_null(r.u.f.resource_id);
    assert_string_equal(r.u.f.tags, "{\"org\": \"x\"}");
    assert_int_equal(next(&s, &r, &err), MC_ERR_INPUT);
    assert_string_equal(err.msg, "BillingCurrency EUR is not the report "
                                 "currency USD and [fx] has no rate for it");
    assert_int_equal(next(&s, &r, &err), MC_ERR_INPUT);
    assert_string_equal(err.msg,
                        "BilledCost: not a number: '$10,000.00 '");
    assert_int_equal(next(&s, &r, &err), MC_ERR_INPUT);
    assert_string_equal(err.msg,
                        "BillingPeriodStart: not a timestamp: '5/1/25'");
    assert_int_equal(next(&s, &r, &err), MC_ERR_INPUT);
    assert_string_equal(err.msg, "ChargePeriodEnd before ChargePeriodStart");
    close_src(&s);
}

static void test_daily_views(void **state)
{
    struct src s;
    struct mc_record r;
    struct mc_error err;

    (void)state;
    open_src(&s, "mdh.csv",
             "SERVICE_TYPE,USAGE_DATE,CREDITS_USED_COMPUTE,"
             "CREDITS_USED_CLOUD_SERVICES,CREDITS_USED,"
             "CREDITS_ADJUSTMENT_CLOUD_SERVICES,CREDITS_BILLED\n"
             "\"WAREHOUSE_METERING\",2024-05-15,120.5,15.2043,135.7043,"
             "-12.05,123.6543\n"
             "\"WAREHOUSE_METERING\",2024-05-15,1,1,2,-3,0\n",
             "snowflake.metering_daily", NULL);
    assert_int_equal(next(&s, &r, &err), MC_OK);
    assert_int_equal(r.kind, MC_REC_SF_METER_DAILY);
    assert_int_equal(r.u.md.day, 19858);
    assert_int_equal(r.u.md.cs_nano, 15204300000LL);
    assert_int_equal(r.u.md.adjustment_nano, -12050000000LL);
    assert_int_equal(next(&s, &r, &err), MC_ERR_INPUT);
    close_src(&s);
    open_src(&s, "rsd.csv",
             "DATE,ORGANIZATION_NAME,USAGE_TYPE,CURRENCY,EFFECTIVE_RATE,"
             "SERVICE_TYPE\n2024-05-14,\"ACME\",\"compute\",\"USD\",2.56,"
             "\"WAREHOUSE_METERING\"\n",
             "snowflake.rate_sheet_daily", NULL);
    assert_int_equal(next(&s, &r, &err), MC_OK);
    assert_int_equal(r.kind, MC_REC_SF_RATE);
    assert_string_equal(r.u.r.usage_type, "compute");
    assert_int_equal(r.u.r.rate, 2560000);
    close_src(&s);
    open_src(&s, "qah.csv",
             "QUERY_ID,PARENT_QUERY_ID,ROOT_QUERY_ID,WAREHOUSE_ID,"
             "WAREHOUSE_NAME,QUERY_HASH,QUERY_PARAMETERIZED_HASH,QUERY_TAG,"
             "USER_NAME,START_TIME,END_TIME,CREDITS_ATTRIBUTED_COMPUTE,"
             "CREDITS_USED_QUERY_ACCELERATION\n"
             "\"q1\",,,17,\"BI_WH\",\"h\",\"p\",\"\",\"LOOKER_SVC\","
             "2024-05-14 09:13:07.792 +0000,2024-05-14 09:13:19.927 +0000,"
             "0.013215,\n",
             "snowflake.query_attribution", NULL);
    assert_int_equal(next(&s, &r, &err), MC_OK);
    assert_int_equal(r.kind, MC_REC_SF_QUERY_ATTR);
    assert_int_equal(r.u.qa.credits_nano, 13215000);
    assert_int_equal(r.u.qa.warehouse_id, 17);
    assert_int_equal(r.u.qa.end_ms - r.u.qa.start_ms, 12135);
    close_src(&s);
}

static void test_detection(void **state)
{
    static const struct {
        const char *header;
        const char *want; /* NULL: nobody's */
    } cases[] = {
        {"query_id,query_text,start_time,end_time,execution_time,"
         "warehouse_name", "snowflake.query_history"},
        {"QUERY_ID,BASE_OBJECTS_ACCESSED", "snowflake.access_history"},
        {"START_TIME,END_TIME,WAREHOUSE_NAME,CREDITS_USED_COMPUTE",
         "snowflake.warehouse_metering"},
        /* QUERY_ATTRIBUTION_HISTORY-like: has QUERY_ID, not metering */
        {"QUERY_ID,START_TIME,END_TIME,WAREHOUSE_NAME,"
         "CREDITS_USED_COMPUTE", NULL},
        {"ID,TABLE_NAME,TABLE_SCHEMA,TABLE_CATALOG,ACTIVE_BYTES",
         "snowflake.table_storage"},
        {"FOO,BAR", NULL},
    };
    struct mc_error err;

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct mc_csv_row *h;
        const struct mc_importer *imp;
        struct mc_csv *c;
        FILE *fp = fmemopen((void *)cases[i].header,
                            strlen(cases[i].header), "r");
        assert_int_equal(mc_csv_open_stream(fp, "h.csv", &c, &err), MC_OK);
        assert_int_equal(mc_csv_next(c, &h, &err), 1);
        imp = mc_importer_detect(h, NULL);
        if (cases[i].want)
            assert_string_equal(imp ? imp->name : "(none)", cases[i].want);
        else
            assert_null(imp);
        mc_csv_close(c);
        fclose(fp);
    }
}

static void test_missing_column(void **state)
{
    const char *text = "QUERY_ID,QUERY_TEXT,START_TIME,END_TIME,"
                       "WAREHOUSE_NAME,EXECUTION_TIME\n";
    struct mc_import_ctx ctx = {"m.csv", 0, 0, NULL};
    const struct mc_csv_row *h;
    struct mc_error err;
    struct mc_csv *c;
    void *st;
    FILE *fp = fmemopen((void *)text, strlen(text), "r");

    (void)state;
    assert_int_equal(mc_csv_open_stream(fp, "m.csv", &c, &err), MC_OK);
    assert_int_equal(mc_csv_next(c, &h, &err), 1);
    assert_int_equal(by_name("snowflake.query_history")->open(&st, h, &ctx,
                                                              &err),
                     MC_ERR_INPUT);
    assert_string_equal(err.msg,
                        "missing column 'CREDITS_USED_CLOUD_SERVICES'");
    mc_csv_close(c);
    fclose(fp);
}

/* Every sample file is recognised and loads without a single reject. */
static void test_sample_files(void **state)
{
    DIR *d = opendir(MC_SAMPLES_DIR "/inbox");
    struct dirent *e;
    int files = 0;
    long kinds[MC_REC_DBX_PRICE + 1] = {0};

    (void)state;
    assert_non_null(d);
    while ((e = readdir(d))) {
        char path[512];
        const struct mc_csv_row *h, *row;
        const struct mc_importer *imp;
        struct mc_import_ctx ctx = {path, 0, 0, NULL};
        struct mc_record rec;
        struct mc_error err;
        struct mc_csv *c;
        void *st;
        int rc;
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/inbox/%s", MC_SAMPLES_DIR, e->d_name);
        assert_int_equal(mc_csv_open(path, &c, &err), MC_OK);
        assert_int_equal(mc_csv_next(c, &h, &err), 1);
        imp = mc_importer_detect(h, NULL);
        assert_non_null(imp);
        assert_int_equal(imp->open(&st, h, &ctx, &err), MC_OK);
        while ((rc = mc_csv_next(c, &row, &err)) == 1) {
            memset(&rec, 0, sizeof rec);
            if (imp->convert(st, row, &rec, &err) != MC_OK)
                fail_msg("%s:%ld: %s", path, row->line, err.msg);
            kinds[rec.kind]++;
        }
        assert_int_equal(rc, 0);
        imp->close(st);
        mc_csv_close(c);
        files++;
    }
    closedir(d);
    assert_int_equal(files, 219);
    for (int k = MC_REC_SF_QUERY; k <= MC_REC_SF_STORAGE; k++)
        assert_true(kinds[k] > 0);
    for (int k = MC_REC_BQ_JOB; k <= MC_REC_DBX_PRICE; k++)
        assert_true(kinds[k] > 0);
    assert_true(kinds[MC_REC_FOCUS] > 0);
}

static void test_bigquery_jobs(void **state)
{
    struct src s;
    struct mc_record r;
    struct mc_error err;

    (void)state;
    open_src(&s, MC_TEST_DATA_DIR "/bigquery_jobs.csv", NULL, "bigquery.jobs",
             NULL);
    assert_int_equal(next(&s, &r, &err), MC_OK);
    assert_int_equal(r.kind, MC_REC_BQ_JOB);
    assert_string_equal(r.u.bj.project_id, "acme-analytics");
    assert_string_equal(r.u.bj.job_id, "bquxjob_5c1f2e3a_18f7a9b2c3d");
    assert_int_equal(r.u.bj.end_ms, 1715703161087LL); /* 16:12:41.087 UTC */
    assert_int_equal(r.u.bj.bytes_billed, 52429848576LL);
    assert_int_equal(r.u.bj.slot_ms, 1893211);
    assert_null(r.u.bj.reservation_id);
    assert_false(r.u.bj.cache_hit);
    assert_string_equal(r.u.bj.labels, "{\"looker-context-user_id\":\"42\"}");
    assert_string_equal(r.u.bj.tables_read, "acme-analytics.finance.fct_revenue");
    assert_null(r.u.bj.table_written); /* anonymous result dataset */
    assert_int_equal(next(&s, &r, &err), MC_OK);
    assert_string_equal(r.u.bj.reservation_id, "acme-admin:US.prod-etl");
    assert_string_equal(r.u.bj.edition, "ENTERPRISE");
    assert_string_equal(r.u.bj.statement_type, "CREATE_TABLE_AS_SELECT");
    assert_string_equal(r.u.bj.tables_read,
                        "acme-etl.raw_shop.orders\nacme-etl.raw_shop.customers");
    assert_string_equal(r.u.bj.table_written, "acme-etl.marts.fct_orders");
    close_src(&s);
}

#define BQ_H "job_id,project_id,state,end_time,total_bytes_billed," \
             "total_slot_ms,cache_hit,labels_json\n"

static void test_bigquery_rejects(void **state)
{
    struct src s;
    struct mc_record r;
    struct mc_error err;

    (void)state;
    /* a running job is skipped, not rejected: a later export has it */
    open_src(&s, "mem.csv", BQ_H "j,p,RUNNING,,,,,\n"
             "j,p,DONE,2026-10-01 00:00:00.000000 UTC,0,0,true,"
             "\"{\"\"a\"\":\"\"b\"\"}\"\n", "bigquery.jobs", NULL);
    assert_int_equal(next(&s, &r, &err), MC_OK);
    assert_int_equal(r.kind, MC_REC_NONE);
    assert_int_equal(next(&s, &r, &err), MC_OK);
    assert_true(r.u.bj.cache_hit);
    assert_string_equal(r.u.bj.labels, "{\"a\":\"b\"}");
    close_src(&s);
    expect_reject(BQ_H "j,p,DONE,,1,1,false,\n", "bigquery.jobs",
                  "end_time: missing");
    expect_reject(BQ_H "j,p,DONE,2026-10-01 00:00:00 UTC,-5,0,false,\n",
                  "bigquery.jobs", "total_bytes_billed: negative");
    expect_reject(BQ_H "j,p,DONE,2026-10-01 00:00:00 UTC,1,0,false,"
                  "\"[{\"\"k\"\":1}]\"\n", "bigquery.jobs",
                  "labels_json: element 1 is not {\"key\":...,\"value\":...}");
    expect_reject(BQ_H "j,p,DONE,2026-10-01 00:00:00 UTC,1,0,maybe,\n",
                  "bigquery.jobs", "cache_hit: not a boolean: 'maybe'");
}

static void test_bigquery_storage(void **state)
{
    struct src s;
    struct mc_record r;
    struct mc_error err;

    (void)state;
    open_src(&s, MC_TEST_DATA_DIR "/bigquery_table_storage_2024-05-14.csv",
             NULL, "bigquery.table_storage", NULL);
    assert_int_equal(next(&s, &r, &err), MC_OK);
    assert_int_equal(r.kind, MC_REC_BQ_STORAGE);
    assert_int_equal(r.u.bs.snapshot_day, 19857);
    assert_string_equal(r.u.bs.table_fqn, "acme-etl.marts.fct_orders");
    assert_int_equal(r.u.bs.active_logical, 402975273204LL);
    assert_int_equal(r.u.bs.long_term_logical, 805950546410LL);
    assert_int_equal(r.u.bs.active_physical, 84825604096LL);
    assert_int_equal(r.u.bs.long_term_physical, 147102629888LL);
    assert_int_equal(r.u.bs.fail_safe_physical, 4294967296LL);
    assert_false(r.u.bs.deleted);
    close_src(&s);
}

static void test_databricks_usage(void **state)
{
    const mc_i128 e18 = (mc_i128)1000000000 * 1000000000;
    struct src s;
    struct mc_record r;
    struct mc_error err;

    (void)state;
    open_src(&s, MC_TEST_DATA_DIR "/databricks_usage.csv", NULL,
             "databricks.usage", NULL);
    assert_int_equal(next(&s, &r, &err), MC_OK);
    assert_int_equal(r.kind, MC_REC_DBX_USAGE);
    assert_string_equal(r.u.du.record_id,
                        "3b6f1d2e-8c4a-4f0b-9e7d-2a1c5b6d7e8f");
    assert_string_equal(r.u.du.sku_name, "PREMIUM_JOBS_COMPUTE");
    assert_int_equal(r.u.du.start_ms, 1715652000000LL); /* 02:00 UTC */
    assert_true(r.u.du.quantity == 3 * e18 + 512345678901234567LL);
    assert_string_equal(r.u.du.resources,
                        "384370635751593\n0514-020001-abcd1234");
    assert_string_equal(r.u.du.run_as, "svc-etl@acme.com");
    assert_non_null(strstr(r.u.du.custom_tags, "customer_360"));
    assert_string_equal(r.u.du.record_type, "ORIGINAL");
    assert_int_equal(next(&s, &r, &err), MC_OK);
    assert_string_equal(r.u.du.resources, "4fe2a1b3c9d07e56");
    assert_null(r.u.du.run_as);
    assert_true(r.u.du.quantity == 11 * e18 + 250000000000000000LL);
    close_src(&s);
}

#define DBX_H "record_id,sku_name,cloud,usage_start_time,usage_end_time," \
              "usage_quantity,usage_metadata\n"

static void test_databricks_rejects(void **state)
{
    (void)state;
    expect_reject(DBX_H "r,S,AWS,2026-10-01T01:00:00Z,2026-10-01T00:00:00Z,"
                  "1,\n", "databricks.usage",
                  "usage_end_time before usage_start_time");
    expect_reject(DBX_H "r,S,AWS,2026-10-01T00:00:00Z,2026-10-01T01:00:00Z,"
                  "1.5 DBU,\n", "databricks.usage",
                  "usage_quantity: not a number: '1.5 DBU'");
    expect_reject(DBX_H "r,S,AWS,2026-10-01T00:00:00Z,2026-10-01T01:00:00Z,"
                  "1,[1]\n", "databricks.usage",
                  "usage_metadata: not a JSON object");
    expect_reject(DBX_H ",S,AWS,2026-10-01T00:00:00Z,2026-10-01T01:00:00Z,"
                  "1,\n", "databricks.usage", "record_id: missing");
}

#define LP_H "price_start_time,price_end_time,sku_name,cloud,currency_code," \
             "pricing_default,pricing_effective_list_default\n"

static void test_databricks_prices(void **state)
{
    struct src s;
    struct mc_record r;
    struct mc_error err;

    (void)state;
    open_src(&s, MC_TEST_DATA_DIR "/databricks_list_prices.csv", NULL,
             "databricks.list_prices", NULL);
    assert_int_equal(next(&s, &r, &err), MC_OK);
    assert_int_equal(r.kind, MC_REC_DBX_PRICE);
    assert_string_equal(r.u.dp.sku_name, "PREMIUM_JOBS_COMPUTE");
    assert_false(r.u.dp.has_end);
    assert_int_equal(r.u.dp.price, 150000000);
    close_src(&s);
    /* the effective list price wins over the default */
    open_src(&s, "mem.csv", LP_H "2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,"
             "S,AWS,USD,0.55,0.5\n", "databricks.list_prices", NULL);
    assert_int_equal(next(&s, &r, &err), MC_OK);
    assert_true(r.u.dp.has_end);
    assert_int_equal(r.u.dp.price, 500000000);
    close_src(&s);
    expect_reject(LP_H "2026-10-01T00:00:00Z,,S,AWS,USD,,"
                  "0.1234567891\n", "databricks.list_prices",
                  "pricing_effective_list_default: more than 9 decimals are "
                  "not supported");
    expect_reject(LP_H "2026-10-01T00:00:00Z,,S,AWS,USD,,\n",
                  "databricks.list_prices", "no price: "
                  "pricing_effective_list_default and pricing_default are "
                  "empty");
    expect_reject(LP_H "2026-10-01T00:00:00Z,2026-09-01T00:00:00Z,S,AWS,USD,"
                  "1,\n", "databricks.list_prices",
                  "price_end_time not after price_start_time");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_query_history),
        cmocka_unit_test(test_query_history_rejects),
        cmocka_unit_test(test_hostile_fields),
        cmocka_unit_test(test_metering),
        cmocka_unit_test(test_access_history),
        cmocka_unit_test(test_access_history_rejects),
        cmocka_unit_test(test_table_storage),
        cmocka_unit_test(test_focus),
        cmocka_unit_test(test_daily_views),
        cmocka_unit_test(test_detection),
        cmocka_unit_test(test_missing_column),
        cmocka_unit_test(test_sample_files),
        cmocka_unit_test(test_bigquery_jobs),
        cmocka_unit_test(test_bigquery_rejects),
        cmocka_unit_test(test_bigquery_storage),
        cmocka_unit_test(test_databricks_usage),
        cmocka_unit_test(test_databricks_rejects),
        cmocka_unit_test(test_databricks_prices),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
