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
    MC_REC_SF_QUERY_ATTR, /* Snowflake QUERY_ATTRIBUTION_HISTORY */
    MC_REC_BQ_JOB,        /* BigQuery INFORMATION_SCHEMA.JOBS */
    MC_REC_BQ_STORAGE,    /* BigQuery INFORMATION_SCHEMA.TABLE_STORAGE */
    MC_REC_DBX_USAGE,     /* Databricks system.billing.usage */
    MC_REC_DBX_PRICE      /* Databricks system.billing.list_prices */
};

/* Databricks quantities are decimal(38,18): kept at 1e-18 in 128 bits. */
#define MC_DBX_QTY_SCALE 18
/* Databricks prices: 1e-9 of the currency per unit. */
#define MC_DBX_PRICE_SCALE 9

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

struct mc_bq_job {
    const char *project_id;      /* required */
    const char *job_id;          /* required */
    const char *parent_job_id;
    const char *user_email;
    const char *statement_type;  /* SCRIPT parents are not billed */
    const char *reservation_id;  /* set: slot-ms pricing */
    const char *edition;
    const char *error_reason;
    int cache_hit;               /* 1 = served from cache: free */
    mc_ms start_ms, end_ms;      /* end_time required */
    int64_t bytes_billed;        /* total_bytes_billed (0 if null) */
    int64_t slot_ms;             /* total_slot_ms (0 if null) */
    const char *labels;          /* JSON object {"key":"value"} or NULL */
    const char *tables_read;     /* project.dataset.table, '\n'-separated */
    const char *table_written;   /* destination (anonymous ones dropped) */
    const char *query_text;
};

struct mc_bq_storage {
    mc_day snapshot_day;         /* from the file name or --as-of */
    const char *table_fqn;       /* project.dataset.table */
    int64_t active_logical, long_term_logical;
    int64_t active_physical, long_term_physical, fail_safe_physical;
    int deleted;
};

struct mc_dbx_usage {
    const char *record_id;       /* required, natural key */
    const char *workspace_id;
    const char *sku_name;        /* required */
    const char *cloud;           /* required */
    mc_ms start_ms, end_ms;      /* usage_start_time/usage_end_time, UTC */
    const char *usage_unit;
    const char *usage_type;      /* STORAGE_SPACE -> cost kind storage */
    const char *record_type;     /* ORIGINAL, RETRACTION, RESTATEMENT */
    mc_i128 quantity;            /* at 1e-18 */
    const char *custom_tags;     /* JSON object or NULL */
    const char *resources;       /* usage_metadata ids, '\n'-separated */
    const char *run_as;          /* identity_metadata.run_as */
    const char *product;         /* billing_origin_product */
};

struct mc_dbx_price {
    const char *sku_name, *cloud, *currency, *usage_unit;
    mc_ms start_ms;
    int has_end;
    mc_ms end_ms;                /* exclusive; open when !has_end */
    int64_t price;               /* at 1e-9 per unit: effective list */
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
        struct mc_bq_job bj;
        struct mc_bq_storage bs;
        struct mc_dbx_usage du;
        struct mc_dbx_price dp;
    } u;
};

#endif
