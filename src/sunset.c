/* sunset.c — usage evidence per product and the sunset rules. */
#include "meshcost/sunset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meshcost/money.h"

/* Temporary mapping tables: object names and pipeline identities to the
 * product their most specific asset names. */
static const char setup_sql[] =
    "CREATE TEMP TABLE IF NOT EXISTS sunset_obj(object_name TEXT PRIMARY "
    "  KEY, product_id TEXT NOT NULL);"
    "CREATE TEMP TABLE IF NOT EXISTS sunset_ident(kind TEXT, name TEXT, "
    "  product_id TEXT, PRIMARY KEY (kind, name));"
    "DELETE FROM sunset_obj; DELETE FROM sunset_ident;";

static mc_err map_names(struct mc_store *s, const struct mc_catalog *cat,
                        const char *select, const char *insert,
                        enum mc_match_class cls, struct mc_error *err)
{
    sqlite3_stmt *sel = NULL, *ins = NULL;
    mc_err rc = MC_OK;
    int step;

    if (sqlite3_prepare_v2(mc_store_db(s), select, -1, &sel, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v2(mc_store_db(s), insert, -1, &ins, NULL) !=
            SQLITE_OK) {
        rc = mc_store_error(s, err, "sunset");
        goto out;
    }
    while ((step = sqlite3_step(sel)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(sel, 0);
        const struct mc_asset *a = mc_catalog_match(cat, cls, name);
        if (!a)
            continue;
        sqlite3_bind_text(ins, 1, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 2, a->product_id, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(ins) != SQLITE_DONE) {
            rc = mc_store_error(s, err, "sunset");
            goto out;
        }
        sqlite3_reset(ins);
    }
    if (step != SQLITE_DONE)
        rc = mc_store_error(s, err, "sunset");
out:
    sqlite3_finalize(sel);
    sqlite3_finalize(ins);
    return rc;
}

static mc_err build_maps(struct mc_store *s, const struct mc_catalog *cat,
                         struct mc_error *err)
{
    mc_err rc;

    if ((rc = mc_store_exec(s, setup_sql, err)) != MC_OK ||
        (rc = map_names(s, cat,
                        "SELECT DISTINCT object_name FROM sf_access_obj "
                        "WHERE kind = 'base'",
                        "INSERT INTO sunset_obj VALUES (?, ?)",
                        MC_MATCH_OBJECT, err)) != MC_OK ||
        (rc = map_names(s, cat,
                        "SELECT DISTINCT role_name FROM sf_query WHERE "
                        "role_name IS NOT NULL",
                        "INSERT INTO sunset_ident VALUES ('role', ?, ?)",
                        MC_MATCH_ROLE, err)) != MC_OK)
        return rc;
    return map_names(s, cat,
                     "SELECT DISTINCT user_name FROM sf_query WHERE user_name "
                     "IS NOT NULL UNION SELECT DISTINCT user_name FROM "
                     "sf_access WHERE user_name IS NOT NULL",
                     "INSERT INTO sunset_ident VALUES ('user', ?, ?)",
                     MC_MATCH_USER, err);
}

/* Reads per product: queries whose base objects include one of its tables,
 * at or before the end of D, not issued by its own role or user. */
static const char reads_sql[] =
    "WITH r AS ("
    "  SELECT DISTINCT m.product_id, o.query_id,"
    "    coalesce(q.user_name, a.user_name) AS user_name,"
    "    coalesce(q.start_ms, a.start_ms) AS t"
    "  FROM sf_access_obj o"
    "  JOIN temp.sunset_obj m ON m.object_name = o.object_name"
    "  JOIN sf_access a ON a.query_id = o.query_id"
    "  LEFT JOIN sf_query q ON q.query_id = o.query_id"
    "  WHERE o.kind = 'base' AND coalesce(q.start_ms, a.start_ms) < ?1"
    "    AND NOT EXISTS (SELECT 1 FROM temp.sunset_ident i"
    "      WHERE i.product_id = m.product_id AND ("
    "        (i.kind = 'role' AND i.name = q.role_name) OR"
    "        (i.kind = 'user' AND i.name ="
    "           coalesce(q.user_name, a.user_name)))))"
    "SELECT product_id,"
    "  count(DISTINCT CASE WHEN t >= ?2 THEN query_id END),"
    "  count(DISTINCT CASE WHEN t >= ?3 THEN query_id END),"
    "  count(DISTINCT CASE WHEN t >= ?2 THEN user_name END),"
    "  max(t)"
    "FROM r GROUP BY product_id";

static struct mc_sunset_row *row_of(struct mc_sunset *out, const char *id)
{
    for (size_t i = 0; i < out->n; i++)
        if (strcmp(out->rows[i].product->id, id) == 0)
            return &out->rows[i];
    return NULL;
}

static mc_err read_usage(struct mc_store *s, const struct mc_config *cfg,
                         struct mc_sunset *out, struct mc_error *err)
{
    mc_ms end = ((mc_ms)out->as_of + 1) * MC_MS_PER_DAY;
    sqlite3_stmt *st = NULL;
    mc_err rc = MC_OK;
    int step;

    if (sqlite3_prepare_v2(mc_store_db(s), reads_sql, -1, &st, NULL) !=
        SQLITE_OK)
        return mc_store_error(s, err, "sunset reads");
    sqlite3_bind_int64(st, 1, end);
    sqlite3_bind_int64(st, 2, end - 30 * MC_MS_PER_DAY);
    sqlite3_bind_int64(st, 3, end - (mc_ms)cfg->sunset_idle_days *
                                        MC_MS_PER_DAY);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        struct mc_sunset_row *r =
            row_of(out, (const char *)sqlite3_column_text(st, 0));
        if (!r)
            continue;
        r->reads_30d = sqlite3_column_int64(st, 1);
        r->reads_90d = sqlite3_column_int64(st, 2);
        r->consumers_30d = sqlite3_column_int64(st, 3);
        mc_date_format(mc_day_of(sqlite3_column_int64(st, 4)), r->last_read);
    }
    if (step != SQLITE_DONE)
        rc = mc_store_error(s, err, "sunset reads");
    sqlite3_finalize(st);
    return rc;
}

static mc_err read_costs(struct mc_store *s, struct mc_sunset *out,
                         struct mc_error *err)
{
    char d1[MC_DATE_BUFSZ], d2[MC_DATE_BUFSZ];
    sqlite3_stmt *st = NULL;
    mc_err rc = MC_OK;
    int step;

    mc_date_format(out->as_of - 29, d1);
    mc_date_format(out->as_of, d2);
    if (sqlite3_prepare_v2(mc_store_db(s),
                           "SELECT product_id, sum(amount) FROM allocations "
                           "WHERE day >= ? AND day <= ? GROUP BY product_id",
                           -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(s, err, "sunset costs");
    sqlite3_bind_text(st, 1, d1, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, d2, -1, SQLITE_STATIC);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        struct mc_sunset_row *r =
            row_of(out, (const char *)sqlite3_column_text(st, 0));
        if (r)
            r->monthly_cost = sqlite3_column_int64(st, 1);
    }
    if (step != SQLITE_DONE)
        rc = mc_store_error(s, err, "sunset costs");
    sqlite3_finalize(st);
    return rc;
}

/* "a;b": active products that list id among their dependencies. */
static char *dependents(const struct mc_catalog *cat, const char *id)
{
    size_t len = 1, n = mc_catalog_product_count(cat);
    char *s;

    for (size_t i = 0; i < n; i++)
        len += strlen(mc_catalog_product_at(cat, i)->id) + 1;
    if (!(s = calloc(len, 1)))
        return NULL;
    for (size_t i = 0; i < n; i++) {
        const struct mc_product *p = mc_catalog_product_at(cat, i);
        if (strcmp(p->status, "active") != 0)
            continue;
        for (size_t d = 0; d < p->n_deps; d++) {
            if (strcmp(p->deps[d], id) == 0) {
                if (*s)
                    strcat(s, ";");
                strcat(s, p->id);
                break;
            }
        }
    }
    return s;
}

static void apply_rules(const struct mc_config *cfg, struct mc_sunset_row *r)
{
    const char *status = r->product->status;
    int eligible = strcmp(status, "active") == 0 ||
                   strcmp(status, "deprecated") == 0;
    int unread = r->reads_90d == 0;
    int few = r->consumers_30d < cfg->sunset_min_consumers;
    int n;

    r->candidate = eligible && (unread || few) &&
                   r->monthly_cost >= cfg->sunset_min_monthly_cost;
    if (!r->candidate)
        return;
    if (unread)
        n = snprintf(r->reason, sizeof r->reason, "no reads in %d days",
                     cfg->sunset_idle_days);
    else
        n = snprintf(r->reason, sizeof r->reason, "%lld consumer%s in 30 days",
                     (long long)r->consumers_30d,
                     r->consumers_30d == 1 ? "" : "s");
    if (*r->active_dependents && n > 0 && (size_t)n < sizeof r->reason)
        snprintf(r->reason + n, sizeof r->reason - (size_t)n, "; feeds %s",
                 r->active_dependents);
}

static int cmp_rank(const void *a, const void *b)
{
    const struct mc_sunset_row *x = a, *y = b;

    if (x->candidate != y->candidate)
        return x->candidate ? -1 : 1;
    if (x->monthly_cost != y->monthly_cost)
        return x->monthly_cost > y->monthly_cost ? -1 : 1;
    return strcmp(x->product->id, y->product->id);
}

mc_err mc_sunset_compute(struct mc_store *s, const struct mc_config *cfg,
                         const struct mc_catalog *cat, mc_day as_of,
                         struct mc_sunset *out, struct mc_error *err)
{
    size_t n = mc_catalog_product_count(cat);
    mc_err rc;

    memset(out, 0, sizeof *out);
    out->as_of = as_of;
    if (!(out->rows = calloc(n ? n : 1, sizeof *out->rows)))
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        out->rows[i].product = mc_catalog_product_at(cat, i);
        out->rows[i].active_dependents = dependents(cat, out->rows[i].product->id);
        out->n++;
        if (!out->rows[i].active_dependents) {
            mc_sunset_free(out);
            return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
        }
    }
    if ((rc = build_maps(s, cat, err)) != MC_OK ||
        (rc = read_usage(s, cfg, out, err)) != MC_OK ||
        (rc = read_costs(s, out, err)) != MC_OK) {
        mc_sunset_free(out);
        return rc;
    }
    for (size_t i = 0; i < n; i++) {
        apply_rules(cfg, &out->rows[i]);
        out->n_candidates += (size_t)out->rows[i].candidate;
    }
    qsort(out->rows, n, sizeof *out->rows, cmp_rank);
    return MC_OK;
}

void mc_sunset_free(struct mc_sunset *sunset)
{
    for (size_t i = 0; i < sunset->n; i++)
        free(sunset->rows[i].active_dependents);
    free(sunset->rows);
    memset(sunset, 0, sizeof *sunset);
}

mc_money mc_sunset_annual(const struct mc_sunset_row *row)
{
    return mc_muldiv(row->monthly_cost, 365, 30);
}
