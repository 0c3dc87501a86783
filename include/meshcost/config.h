/* config.h — meshcost.ini (INI, parsed with libinih). Every setting has a
 * default; unknown sections/keys and bad values are errors naming
 * file:line and the key (MC_ERR_CONFIG -> exit 78). */
#ifndef MESHCOST_CONFIG_H
#define MESHCOST_CONFIG_H

#include <stdint.h>

#include "meshcost/error.h"
#include "meshcost/money.h"

enum mc_idle_policy { MC_IDLE_OWNER, MC_IDLE_UNALLOCATED };
enum mc_query_text { MC_QT_REDACTED, MC_QT_FULL, MC_QT_NONE };

#define MC_CONFIG_STR 256
#define MC_CONFIG_FX_MAX 32

struct mc_config {
    char path[MC_CONFIG_STR];          /* file read, "" if defaults only */
    /* [store] */
    char store_path[MC_CONFIG_STR];    /* path = meshcost.db */
    /* [rates] (money per unit, micro-units) */
    mc_money snowflake_credit;            /* 3.00 per credit */
    mc_money snowflake_storage_tib_month; /* 23.00 per TiB-month */
    mc_money bigquery_on_demand_tib;      /* 6.25 per TiB billed */
    mc_money bigquery_slot_hour;          /* 0.04 (Standard edition) */
    mc_money bigquery_slot_hour_enterprise;      /* 0.06 */
    mc_money bigquery_slot_hour_enterprise_plus; /* 0.10 */
    mc_money bigquery_active_logical_gib_month;     /* 0.02 */
    mc_money bigquery_long_term_logical_gib_month;  /* 0.01 */
    mc_money bigquery_active_physical_gib_month;    /* 0.04 */
    mc_money bigquery_long_term_physical_gib_month; /* 0.02 */
    mc_money databricks_dbu;   /* fallback list price; -1: none (a SKU
                                  without a list price is an error) */
    /* [bigquery] */
    int bigquery_physical;     /* storage_billing = logical (0) | physical */
    /* [attribution] */
    char product_tag_key[64];          /* data_product */
    enum mc_idle_policy idle;          /* owner */
    /* [report] */
    char currency[8];                  /* USD */
    char report_out[MC_CONFIG_STR];    /* reports */
    enum mc_query_text query_text;     /* redacted */
    int users_pseudonymous;            /* users = raw (0) | pseudonymous */
    char user_key[MC_CONFIG_STR];      /* user_key = meshcost.key */
    /* [sunset] */
    mc_money sunset_min_monthly_cost;  /* 10.00 */
    int sunset_min_consumers;          /* 2 */
    int sunset_idle_days;              /* 90 */
    /* [nightly] */
    char inbox[MC_CONFIG_STR];         /* inbox */
    int lookback_days;                 /* 3 */
    int max_bad_rows;                  /* 10: usage logs */
    int max_bad_rows_billing;          /* 0: billing files (FOCUS) */
    /* [focus] */
    int focus_billed;                  /* cost = effective (0) | billed */
    /* [fx]: CODE = rate, report-currency units per unit of CODE (scaled
     * by 10^9); none by default: other currencies are rejected. */
    struct {
        char code[4];
        int64_t rate_nano;
    } fx[MC_CONFIG_FX_MAX];
    int n_fx;
};

/* The [fx] rate of a currency (10^9 scale) or 0 if none. */
int64_t mc_config_fx(const struct mc_config *cfg, const char *code);

/* Fills cfg with the defaults. */
void mc_config_defaults(struct mc_config *cfg);

/* Reads path over the defaults already in cfg. Relative paths ([store]
 * path, [report] out, [nightly] inbox) are taken relative to the folder of
 * the file, so a deployment's meshcost.ini works from any directory.
 * MC_ERR_NOINPUT if the file cannot be opened; MC_ERR_CONFIG with
 * "FILE:LINE: ..." for a bad line, unknown key or bad value. */
mc_err mc_config_load(struct mc_config *cfg, const char *path,
                      struct mc_error *err);

#endif
