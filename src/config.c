/* config.c — meshcost.ini over libinih, one table of settings. */
#include "meshcost/config.h"

#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

enum setting_type { T_STR, T_MONEY, T_INT, T_IDLE, T_QTEXT, T_CURRENCY,
                    T_BASIS, T_USERS, T_BQSTORE };

struct setting {
    const char *section;
    const char *key;
    enum setting_type type;
    size_t offset;
    size_t size; /* for strings */
    long min, max; /* for ints */
};

#define STR(sec, k, field)                                                 \
    {sec, k, T_STR, offsetof(struct mc_config, field),                     \
     sizeof(((struct mc_config *)0)->field), 0, 0}
#define MONEY(sec, k, field)                                               \
    {sec, k, T_MONEY, offsetof(struct mc_config, field), 0, 0, 0}
#define INT(sec, k, field, lo, hi)                                         \
    {sec, k, T_INT, offsetof(struct mc_config, field), 0, lo, hi}

static const struct setting settings[] = {
    STR("store", "path", store_path),
    MONEY("rates", "snowflake_credit", snowflake_credit),
    MONEY("rates", "snowflake_storage_tib_month", snowflake_storage_tib_month),
    MONEY("rates", "bigquery_on_demand_tib", bigquery_on_demand_tib),
    MONEY("rates", "bigquery_slot_hour", bigquery_slot_hour),
    MONEY("rates", "bigquery_slot_hour_enterprise",
          bigquery_slot_hour_enterprise),
    MONEY("rates", "bigquery_slot_hour_enterprise_plus",
          bigquery_slot_hour_enterprise_plus),
    MONEY("rates", "bigquery_active_logical_gib_month",
          bigquery_active_logical_gib_month),
    MONEY("rates", "bigquery_long_term_logical_gib_month",
          bigquery_long_term_logical_gib_month),
    MONEY("rates", "bigquery_active_physical_gib_month",
          bigquery_active_physical_gib_month),
    MONEY("rates", "bigquery_long_term_physical_gib_month",
          bigquery_long_term_physical_gib_month),
    MONEY("rates", "databricks_dbu", databricks_dbu),
    {"bigquery", "storage_billing", T_BQSTORE,
     offsetof(struct mc_config, bigquery_physical), 0, 0, 0},
    STR("attribution", "product_tag_key", product_tag_key),
    {"attribution", "idle", T_IDLE, offsetof(struct mc_config, idle), 0, 0, 0},
    {"report", "currency", T_CURRENCY, offsetof(struct mc_config, currency),
     sizeof(((struct mc_config *)0)->currency), 0, 0},
    STR("report", "out", report_out),
    {"report", "users", T_USERS, offsetof(struct mc_config,
                                          users_pseudonymous), 0, 0, 0},
    STR("report", "user_key", user_key),
    {"report", "query_text", T_QTEXT, offsetof(struct mc_config, query_text),
     0, 0, 0},
    MONEY("sunset", "min_monthly_cost", sunset_min_monthly_cost),
    INT("sunset", "min_consumers", sunset_min_consumers, 1, 1000000),
    INT("sunset", "idle_days", sunset_idle_days, 1, 3650),
    STR("nightly", "inbox", inbox),
    {"focus", "cost", T_BASIS, offsetof(struct mc_config, focus_billed), 0,
     0, 0},
    INT("nightly", "lookback_days", lookback_days, 0, 366),
    INT("nightly", "max_bad_rows", max_bad_rows, 0, 1000000000),
    INT("nightly", "max_bad_rows_billing", max_bad_rows_billing, 0,
        1000000000),
};

void mc_config_defaults(struct mc_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    strcpy(cfg->store_path, "meshcost.db");
    cfg->snowflake_credit = 3 * MC_MICRO;
    cfg->snowflake_storage_tib_month = 23 * MC_MICRO;
    cfg->bigquery_on_demand_tib = 6250000;
    cfg->bigquery_slot_hour = 40000;
    cfg->bigquery_slot_hour_enterprise = 60000;
    cfg->bigquery_slot_hour_enterprise_plus = 100000;
    cfg->bigquery_active_logical_gib_month = 20000;
    cfg->bigquery_long_term_logical_gib_month = 10000;
    cfg->bigquery_active_physical_gib_month = 40000;
    cfg->bigquery_long_term_physical_gib_month = 20000;
    cfg->databricks_dbu = -1;
    strcpy(cfg->product_tag_key, "data_product");
    cfg->idle = MC_IDLE_OWNER;
    strcpy(cfg->currency, "USD");
    strcpy(cfg->report_out, "reports");
    strcpy(cfg->user_key, "meshcost.key");
    cfg->query_text = MC_QT_REDACTED;
    cfg->sunset_min_monthly_cost = 10 * MC_MICRO;
    cfg->sunset_min_consumers = 2;
    cfg->sunset_idle_days = 90;
    strcpy(cfg->inbox, "inbox");
    cfg->lookback_days = 3;
    cfg->max_bad_rows = 10;
    cfg->max_bad_rows_billing = 0;
}

/* libinih's handler has no line number in Debian's build: the reader
 * counts the lines it hands out. */
struct load_state {
    struct mc_config *cfg;
    struct mc_error *err;
    FILE *fp;
    int lineno;
    int failed;
};

static char *read_line(char *str, int num, void *stream)
{
    struct load_state *st = stream;
    char *line = fgets(str, num, st->fp);

    if (line)
        st->lineno++;
    return line;
}

static int set_enum(int *out, const char *value, const char *const *names)
{
    for (int i = 0; names[i]; i++) {
        if (strcmp(value, names[i]) == 0) {
            *out = i;
            return 0;
        }
    }
    return -1;
}

static int set_value(const struct setting *s, void *field, const char *value,
                     char *why, size_t whysz)
{
    static const char *const idle_names[] = {"owner", "unallocated", NULL};
    static const char *const qt_names[] = {"redacted", "full", "none", NULL};
    static const char *const basis_names[] = {"effective", "billed", NULL};
    static const char *const users_names[] = {"raw", "pseudonymous", NULL};
    static const char *const bq_names[] = {"logical", "physical", NULL};
    struct mc_error perr;
    int64_t v;

    switch (s->type) {
    case T_STR:
        if (value[0] == '\0' || strlen(value) >= s->size) {
            snprintf(why, whysz, "must be 1 to %zu characters", s->size - 1);
            return -1;
        }
        memcpy(field, value, strlen(value) + 1);
        return 0;
    case T_CURRENCY:
        if (strlen(value) != 3 || strspn(value, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3) {
            snprintf(why, whysz, "must be a 3-letter ISO 4217 code");
            return -1;
        }
        memcpy(field, value, 4);
        return 0;
    case T_MONEY:
        if (mc_decimal_parse(value, MC_MICRO_SCALE, &v, &perr) != MC_OK ||
            v < 0) {
            snprintf(why, whysz, "must be a non-negative decimal");
            return -1;
        }
        *(mc_money *)field = v;
        return 0;
    case T_INT:
        if (mc_decimal_parse(value, 0, &v, &perr) != MC_OK ||
            strchr(value, '.') || v < s->min || v > s->max) {
            snprintf(why, whysz, "must be a whole number from %ld to %ld",
                     s->min, s->max);
            return -1;
        }
        *(int *)field = (int)v;
        return 0;
    case T_IDLE:
        if (set_enum(field, value, idle_names) == 0)
            return 0;
        snprintf(why, whysz, "must be owner or unallocated");
        return -1;
    case T_QTEXT:
        if (set_enum(field, value, qt_names) == 0)
            return 0;
        snprintf(why, whysz, "must be redacted, full or none");
        return -1;
    case T_USERS:
        if (set_enum(field, value, users_names) == 0)
            return 0;
        snprintf(why, whysz, "must be raw or pseudonymous");
        return -1;
    case T_BQSTORE:
        if (set_enum(field, value, bq_names) == 0)
            return 0;
        snprintf(why, whysz, "must be logical or physical");
        return -1;
    case T_BASIS:
        if (set_enum(field, value, basis_names) == 0)
            return 0;
        snprintf(why, whysz, "must be effective or billed");
        return -1;
    }
    return -1;
}

int64_t mc_config_fx(const struct mc_config *cfg, const char *code)
{
    for (int i = 0; i < cfg->n_fx; i++)
        if (strcmp(cfg->fx[i].code, code) == 0)
            return cfg->fx[i].rate_nano;
    return 0;
}

/* [fx] CODE = rate: a 3-letter code and a positive decimal. */
static int fx_entry(struct load_state *st, const char *key, const char *value,
                    int lineno)
{
    struct mc_config *cfg = st->cfg;
    struct mc_error perr;
    int64_t rate;

    if (strlen(key) != 3 || strspn(key, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3 ||
        mc_decimal_parse(value, MC_NANO_SCALE, &rate, &perr) != MC_OK ||
        rate <= 0 || cfg->n_fx == MC_CONFIG_FX_MAX ||
        mc_config_fx(cfg, key)) {
        mc_error_set(st->err, MC_ERR_CONFIG,
                     "%s:%d: [fx] %.20s = '%.40s': expected a new 3-letter "
                     "currency code and a positive rate (units of the report "
                     "currency per unit)",
                     cfg->path, lineno, key, value);
        st->failed = 1;
        return 0;
    }
    memcpy(cfg->fx[cfg->n_fx].code, key, 4);
    cfg->fx[cfg->n_fx++].rate_nano = rate;
    return 1;
}

static int on_entry(void *user, const char *section, const char *key,
                    const char *value)
{
    struct load_state *st = user;
    int lineno = st->lineno;
    char why[128];

    if (st->failed)
        return 0;
    if (strcmp(section, "fx") == 0)
        return fx_entry(st, key, value, lineno);
    for (size_t i = 0; i < sizeof settings / sizeof settings[0]; i++) {
        const struct setting *s = &settings[i];
        if (strcmp(s->section, section) != 0 || strcmp(s->key, key) != 0)
            continue;
        if (set_value(s, (char *)st->cfg + s->offset, value, why,
                      sizeof why) == 0)
            return 1;
        mc_error_set(st->err, MC_ERR_CONFIG, "%s:%d: [%s] %s = '%.40s': %s",
                     st->cfg->path, lineno, section, key, value, why);
        st->failed = 1;
        return 0;
    }
    mc_error_set(st->err, MC_ERR_CONFIG, "%s:%d: unknown setting [%s] %s",
                 st->cfg->path, lineno, section, key);
    st->failed = 1;
    return 0;
}

/* A relative path in the file is relative to the file's folder, so a
 * deployment's meshcost.ini works from any working directory (cron). */
static mc_err rebase(char *field, size_t size, const char *path,
                     struct mc_error *err)
{
    const char *slash = strrchr(path, '/');
    char joined[MC_CONFIG_STR * 2];
    int n;

    if (field[0] == '/' || !slash)
        return MC_OK;
    n = snprintf(joined, sizeof joined, "%.*s/%s", (int)(slash - path), path,
                 field);
    if (n < 0 || (size_t)n >= size)
        return mc_error_set(err, MC_ERR_CONFIG, "%s: path too long: %s",
                            path, field);
    memcpy(field, joined, (size_t)n + 1);
    return MC_OK;
}

mc_err mc_config_load(struct mc_config *cfg, const char *path,
                      struct mc_error *err)
{
    struct load_state st = {cfg, err, NULL, 0, 0};
    int rc;

    if (strlen(path) >= sizeof cfg->path)
        return mc_error_set(err, MC_ERR_CONFIG, "config path too long");
    strcpy(cfg->path, path);
    st.fp = fopen(path, "r");
    if (!st.fp)
        return mc_error_set(err, errno == ENOMEM ? MC_ERR_NOMEM
                                                 : MC_ERR_NOINPUT,
                            "cannot open '%s': %s", path, strerror(errno));
    rc = ini_parse_stream(read_line, &st, on_entry, &st);
    fclose(st.fp);
    if (st.failed)
        return MC_ERR_CONFIG;
    if (rc != 0)
        return mc_error_set(err, MC_ERR_CONFIG, "%s:%d: syntax error", path,
                            rc > 0 ? rc : 0);
    if (rebase(cfg->store_path, sizeof cfg->store_path, path, err) ||
        rebase(cfg->report_out, sizeof cfg->report_out, path, err) ||
        rebase(cfg->inbox, sizeof cfg->inbox, path, err) ||
        rebase(cfg->user_key, sizeof cfg->user_key, path, err))
        return MC_ERR_CONFIG;
    return MC_OK;
}
