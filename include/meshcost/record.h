/* record.h — normalised input rows: what an importer produces from one CSV
 * row and the store keeps. All times are UTC epoch ms; credits are
 * nano-credits; bytes are bytes. String pointers are borrowed from the
 * importer and valid until its next convert() call; NULL means null. */
#ifndef MESHCOST_RECORD_H
#define MESHCOST_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "meshcost/money.h"
#include "meshcost/time.h"

enum mc_record_kind {
    MC_REC_NONE = 0,      /* row carries nothing to store (skipped) */
    MC_REC_SF_QUERY,      /* Snowflake QUERY_HISTORY */
    MC_REC_SF_METER,      /* Snowflake WAREHOUSE_METERING_HISTORY */
    MC_REC_SF_ACCESS,     /* Snowflake ACCESS_HISTORY */
    MC_REC_SF_STORAGE,    /* Snowflake TABLE_STORAGE_METRICS */
    MC_REC_FOCUS,         /* a FOCUS 1.0-1.2 billing line */
    MC_REC_SF_METER_DAILY, /* Snowflake METERING_DAILY_HISTORY */
    MC_REC_SF_RATE,       /* Snowflake RATE_SHEET_DAILY */
    MC_REC_SF_QUERY_ATTR  /* Snowflake QUERY_ATTRIBUTION_HISTORY */
};

/* FOCUS amounts keep 11 decimals (what providers write), in int64 units
 * of 1e-11: lines up to 92 million in the billing currency. */
#define MC_FOCUS_SCALE 11

struct mc_sf_query {
    const char *query_id;       /* required */
    const char *query_text;
    const char *query_type;
    const char *user_name;
    const char *role_name;
    int has_warehouse_id;
    int64_t warehouse_id;
    const char *warehouse_name; /* NULL: ran in cloud services only */
    const char *warehouse_size;
    const char *query_tag;
    const char *execution_status;
    const char *query_hash;
    const char *query_parameterized_hash;
    mc_ms start_ms;             /* START_TIME, required */
    mc_ms end_ms;               /* END_TIME, required, >= start_ms */
    int64_t execution_ms;       /* EXECUTION_TIME (0 if null), >= 0 */
    int64_t cs_nano;            /* CREDITS_USED_CLOUD_SERVICES (0 if null) */
    int64_t bytes_scanned;      /* 0 if null */
};

struct mc_sf_meter {
    mc_ms hour_ms;              /* START_TIME, must be on the hour */
    mc_ms end_ms;               /* END_TIME */
    int has_warehouse_id;
    int64_t warehouse_id;
    const char *warehouse_name; /* required */
    int64_t compute_nano;       /* CREDITS_USED_COMPUTE */
    int64_t cs_nano;            /* CREDITS_USED_CLOUD_SERVICES */
};

struct mc_sf_access {
    const char *query_id;       /* required */
    int has_start;
    mc_ms start_ms;             /* QUERY_START_TIME */
    const char *user_name;
    /* Table-like objects (Table, External table, Materialized view,
     * Dynamic table; case-insensitive) of BASE_OBJECTS_ACCESSED and of
     * OBJECTS_MODIFIED, by objectName, de-duplicated within the row. */
    const char *const *base;
    size_t n_base;
    const char *const *modified;
    size_t n_modified;
};

struct mc_sf_storage {
    mc_day snapshot_day;        /* from the file name or --as-of */
    int64_t table_id;           /* ID */
    const char *table_fqn;      /* TABLE_CATALOG.TABLE_SCHEMA.TABLE_NAME */
    int64_t bytes;              /* active + time travel + failsafe + clone */
    int deleted;
};

struct mc_focus_line {
    const char *provider;          /* ProviderName */
    const char *billing_account;   /* BillingAccountId */
    mc_ms period_start, period_end; /* BillingPeriodStart/End */
    mc_ms charge_start, charge_end; /* ChargePeriodStart/End, UTC */
    int64_t effective, billed;     /* EffectiveCost, BilledCost (1e-11) */
    const char *currency;          /* BillingCurrency */
    const char *resource_id;
    const char *tags;              /* JSON object text */
    const char *service;           /* ServiceName */
    const char *category;          /* ChargeCategory */
};

struct mc_sf_meter_daily {
    mc_day day;                  /* USAGE_DATE (UTC) */
    const char *service_type;    /* SERVICE_TYPE */
    int64_t cs_nano;             /* CREDITS_USED_CLOUD_SERVICES */
    int64_t adjustment_nano;     /* CREDITS_ADJUSTMENT_CLOUD_SERVICES (<= 0) */
};

struct mc_sf_rate {
    mc_day day;                  /* DATE (UTC) */
    const char *usage_type;      /* compute, cloud services, storage, ... */
    const char *currency;
    mc_money rate;               /* EFFECTIVE_RATE per credit / TB-month */
};

struct mc_sf_query_attr {
    const char *query_id;
    int has_warehouse_id;
    int64_t warehouse_id;
    const char *warehouse_name;
    mc_ms start_ms, end_ms;      /* execution window */
    int64_t credits_nano;        /* CREDITS_ATTRIBUTED_COMPUTE */
};

struct mc_record {
    enum mc_record_kind kind;
    union {
        struct mc_sf_query q;
        struct mc_sf_meter m;
        struct mc_sf_access a;
        struct mc_sf_storage s;
        struct mc_focus_line f;
        struct mc_sf_meter_daily md;
        struct mc_sf_rate r;
        struct mc_sf_query_attr qa;
    } u;
};

#endif
