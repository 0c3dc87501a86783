/* attribute_snowflake.c — Snowflake compute per warehouse-hour (time
 * overlap), idle hours, cloud services per UTC day (the 10 % rule) and
 * storage per snapshot day (DESIGN 4.2, 4.3). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "meshcost/attribute.h"
#include "meshcost/hour_index.h"
#include "meshcost/money.h"
#include "meshcost/strmap.h"

#define SOURCE "snowflake"

struct dq { /* a query of the day */
    char *id;
    const char *wname, *role, *user, *tag, *hash; /* in queries.pool */
    int has_wid;
    int64_t wid;
    mc_ms start, end; /* execution window [start, end) */
    int64_t cs_nano;
    int resolved;
    struct mc_products prod;
    struct mc_attr_query aq; /* its groups for the Drivers sheet */
};

struct queries {
    struct dq *q;
    size_t n, cap;
    struct mc_strmap pool; /* names, tags and hashes repeat: kept once */
};

static void queries_free(struct queries *qs)
{
    for (size_t i = 0; i < qs->n; i++) {
        struct dq *q = &qs->q[i];
        free(q->id);
        mc_products_free(&q->prod);
        mc_attr_query_free(&q->aq);
    }
    free(qs->q);
    mc_strmap_free(&qs->pool);
}

static char *dup_col(sqlite3_stmt *st, int i, int *nomem)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    char *p;

    if (!s)
        return NULL;
    if (!(p = strdup(s)))
        *nomem = 1;
    return p;
}

/* The pool's copy of a column's text (NULL stays NULL). */
static const char *intern(struct queries *qs, sqlite3_stmt *st, int i,
                          int *nomem)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    struct mc_strmap_entry *e;

    if (!s)
        return NULL;
    if (!(e = mc_strmap_get(&qs->pool, s))) {
        *nomem = 1;
        return NULL;
    }
    return e->key;
}

static int add_query(struct queries *qs, sqlite3_stmt *st)
{
    struct dq *q;
    int nomem = 0;

    if (qs->n == qs->cap) {
        size_t cap = qs->cap ? qs->cap * 2 : 256;
        struct dq *p = realloc(qs->q, cap * sizeof *p);
        if (!p)
            return -1;
        qs->q = p;
        qs->cap = cap;
    }
    q = &qs->q[qs->n++];
    memset(q, 0, sizeof *q);
    q->id = dup_col(st, 0, &nomem);
    q->has_wid = sqlite3_column_type(st, 1) != SQLITE_NULL;
    q->wid = sqlite3_column_int64(st, 1);
    q->wname = intern(qs, st, 2, &nomem);
    q->role = intern(qs, st, 3, &nomem);
    q->user = intern(qs, st, 4, &nomem);
    q->tag = intern(qs, st, 5, &nomem);
    q->end = sqlite3_column_int64(st, 6);
    q->start = q->end - sqlite3_column_int64(st, 7);
    q->cs_nano = sqlite3_column_int64(st, 8);
    q->hash = intern(qs, st, 9, &nomem);
    return nomem ? -1 : 0;
}

/* Queries that executed during the day or ended in it, by query id. */
static mc_err load_queries(struct mc_attr_day *d, struct queries *qs,
                           struct mc_error *err)
{
    mc_ms d0 = (mc_ms)d->day * MC_MS_PER_DAY, d1 = d0 + MC_MS_PER_DAY;
    sqlite3_stmt *st = NULL;
    mc_err rc = MC_OK;
    int step;

    if (sqlite3_prepare_v2(
            mc_store_db(d->store),
            "SELECT query_id, warehouse_id, warehouse_name, role_name, "
            "user_name, query_tag, end_ms, exec_ms, cs_nano, param_hash "
            "FROM sf_query "
            "WHERE end_ms >= ?1 AND end_ms < ?2 + ?3 + 1 AND "
            "(end_ms < ?2 OR end_ms - exec_ms < ?2) ORDER BY query_id",
            -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(d->store, err, "loading queries");
    sqlite3_bind_int64(st, 1, d0);
    sqlite3_bind_int64(st, 2, d1);
    sqlite3_bind_int64(st, 3, d->max_exec_ms);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (add_query(qs, st)) {
            rc = mc_error_set(err, MC_ERR_NOMEM, "out of memory");
            break;
        }
    }
    if (rc == MC_OK && step != SQLITE_DONE)
        rc = mc_store_error(d->store, err, "loading queries");
    sqlite3_finalize(st);
    return rc;
}

/* Objects of a query's ACCESS_HISTORY of one kind. */
struct names {
    char **v;
    size_t n;
};

static void names_free(struct names *n)
{
    for (size_t i = 0; i < n->n; i++)
        free(n->v[i]);
    free(n->v);
}

static mc_err load_objects(struct mc_attr_day *d, const char *query_id,
                           struct names *base, struct names *mod,
                           struct mc_error *err)
{
    sqlite3_stmt *st = NULL;
    mc_err rc = MC_OK;
    int step;

    if (!d->st_objects &&
        sqlite3_prepare_v3(mc_store_db(d->store),
                           "SELECT kind, object_name FROM sf_access_obj "
                           "WHERE query_id = ?",
                           -1, SQLITE_PREPARE_PERSISTENT, &d->st_objects,
                           NULL) != SQLITE_OK)
        return mc_store_error(d->store, err, "loading access history");
    st = d->st_objects;
    sqlite3_bind_text(st, 1, query_id, -1, SQLITE_STATIC);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *kind = (const char *)sqlite3_column_text(st, 0);
        struct names *n = strcmp(kind, "base") == 0 ? base : mod;
        char **v = realloc(n->v, (n->n + 1) * sizeof *v);
        if (!v || !(v[n->n] = strdup((const char *)sqlite3_column_text(st, 1)))) {
            if (v)
                n->v = v;
            rc = mc_error_set(err, MC_ERR_NOMEM, "out of memory");
            break;
        }
        n->v = v;
        n->n++;
    }
    if (rc == MC_OK && step != SQLITE_DONE)
        rc = mc_store_error(d->store, err, "loading access history");
    sqlite3_reset(st);
    return rc;
}

static mc_err resolve(struct mc_attr_day *d, struct dq *q,
                      struct mc_error *err)
{
    struct names base = {0}, mod = {0};
    struct mc_query_facts f = {0};
    mc_err rc;

    if (q->resolved)
        return MC_OK;
    if ((rc = load_objects(d, q->id, &base, &mod, err)) == MC_OK) {
        f.query_tag = q->tag;
        f.role_name = q->role;
        f.user_name = q->user;
        f.warehouse_name = q->wname;
        f.modified = (const char *const *)mod.v;
        f.n_modified = mod.n;
        f.base = (const char *const *)base.v;
        f.n_base = base.n;
        rc = mc_resolve_query(d->cat, d->cfg->product_tag_key, &f, &q->prod,
                              err);
        q->resolved = rc == MC_OK;
    }
    names_free(&base);
    names_free(&mod);
    return rc;
}

/* The query's groups: by parameterized hash, user, role, warehouse. */
static struct mc_attr_query *query(const struct mc_attr_day *d, struct dq *q)
{
    q->aq.count = mc_attr_counts_on(d, q->start);
    q->aq.group = q->hash;
    q->aq.user = q->user;
    q->aq.role = q->role;
    q->aq.warehouse = q->wname;
    return &q->aq;
}

/* Splits amount over queries idx[0..n) by weights w and books each share
 * to the query's products. */
static mc_err book_queries(struct mc_attr_day *d, struct queries *qs,
                           const size_t *idx, const int64_t *w, size_t n,
                           const char *kind, mc_money amount,
                           struct mc_error *err)
{
    mc_money *parts = malloc((n ? n : 1) * sizeof *parts);
    mc_err rc;

    if (!parts)
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    rc = mc_split(amount, w, n, parts, err);
    for (size_t i = 0; i < n && rc == MC_OK; i++) {
        struct dq *q = &qs->q[idx[i]];
        if ((rc = resolve(d, q, err)) == MC_OK)
            rc = mc_attr_book(d, SOURCE, kind, parts[i], &q->prod, query(d, q),
                              err);
    }
    free(parts);
    return rc;
}

struct meter {
    int has_wid;
    int64_t wid;
    char *wname;
    mc_ms hour;
    int64_t compute_nano, cs_nano;
};

static int same_warehouse(const struct meter *m, const struct dq *q)
{
    if (!q->wname)
        return 0;
    if (m->has_wid && q->has_wid)
        return m->wid == q->wid;
    return strcasecmp(m->wname, q->wname) == 0;
}

static int64_t overlap_ms(const struct dq *q, mc_ms a, mc_ms b)
{
    mc_ms lo = q->start > a ? q->start : a, hi = q->end < b ? q->end : b;

    return hi > lo ? hi - lo : 0;
}

static mc_err book_idle(struct mc_attr_day *d, const struct meter *m,
                        mc_money cost, struct mc_error *err)
{
    struct mc_products p = {0};
    mc_err rc;

    if (d->cfg->idle == MC_IDLE_OWNER)
        rc = mc_resolve_owner(d->cat, MC_MATCH_WAREHOUSE, m->wname,
                              "idle warehouse", &p, err);
    else
        rc = mc_resolve_owner(d->cat, MC_MATCH__COUNT, NULL,
                              "idle warehouse", &p, err);
    if (rc == MC_OK)
        rc = mc_attr_book(d, SOURCE, "idle", cost, &p, NULL, err);
    mc_products_free(&p);
    if (rc == MC_OK)
        rc = mc_attr_total(d, SOURCE, "idle", cost, err);
    return rc;
}

/* ---- QUERY_ATTRIBUTION_HISTORY: per-query credits for covered days ---- */

struct qa {
    char *id, *wname;
    int has_wid;
    int64_t wid;
    mc_ms start, end;
    int64_t credits;
    struct mc_attr_query aq; /* when QUERY_HISTORY lacks the query */
};

struct qas {
    struct qa *v;
    size_t n;
    int covered; /* a QAH load covers the day */
};

static void qas_free(struct qas *a)
{
    for (size_t i = 0; i < a->n; i++) {
        free(a->v[i].id), free(a->v[i].wname);
        mc_attr_query_free(&a->v[i].aq);
    }
    free(a->v);
}

static mc_err load_qah(struct mc_attr_day *d, struct qas *a,
                       struct mc_error *err)
{
    mc_ms d0 = (mc_ms)d->day * MC_MS_PER_DAY;
    sqlite3_stmt *st = NULL;
    mc_err rc = MC_OK;
    int step, nomem = 0;

    if (sqlite3_prepare_v2(mc_store_db(d->store),
                           "SELECT EXISTS (SELECT 1 FROM loads WHERE importer "
                           "= 'snowflake.query_attribution' AND status = "
                           "'loaded' AND first_day <= ?1 AND last_day >= ?1)",
                           -1, &st, NULL) != SQLITE_OK ||
        (sqlite3_bind_text(st, 1, d->date, -1, SQLITE_STATIC),
         sqlite3_step(st) != SQLITE_ROW)) {
        sqlite3_finalize(st);
        return mc_store_error(d->store, err, "query attribution");
    }
    a->covered = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (!a->covered)
        return MC_OK;
    if (sqlite3_prepare_v2(mc_store_db(d->store),
                           "SELECT query_id, warehouse_id, warehouse_name, "
                           "start_ms, end_ms, credits_nano FROM sf_query_attr "
                           "WHERE end_ms >= ?1 AND start_ms < ?2 ORDER BY "
                           "query_id",
                           -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(d->store, err, "query attribution");
    sqlite3_bind_int64(st, 1, d0);
    sqlite3_bind_int64(st, 2, d0 + MC_MS_PER_DAY);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        struct qa *p = realloc(a->v, (a->n + 1) * sizeof *p), *x;
        if (!p) {
            nomem = 1;
            break;
        }
        a->v = p;
        x = &a->v[a->n++];
        memset(x, 0, sizeof *x);
        x->id = dup_col(st, 0, &nomem);
        x->has_wid = sqlite3_column_type(st, 1) != SQLITE_NULL;
        x->wid = sqlite3_column_int64(st, 1);
        x->wname = dup_col(st, 2, &nomem);
        x->start = sqlite3_column_int64(st, 3);
        x->end = sqlite3_column_int64(st, 4);
        x->credits = sqlite3_column_int64(st, 5);
        x->aq.warehouse = x->wname;
        x->aq.count = mc_attr_counts_on(d, x->start);
    }
    if (nomem)
        rc = mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    else if (step != SQLITE_DONE)
        rc = mc_store_error(d->store, err, "query attribution");
    sqlite3_finalize(st);
    return rc;
}

static mc_ms hour_floor(mc_ms t)
{
    mc_ms r = t % MC_MS_PER_HOUR;

    return r < 0 ? t - r - MC_MS_PER_HOUR : t - r;
}

/* The part of a query's attributed credits that falls in the hour: its
 * credits split over its hours by milliseconds (largest remainder). */
static mc_err qa_share(const struct qa *a, mc_ms hour, int64_t *share,
                       struct mc_error *err)
{
    mc_ms h0 = hour_floor(a->start);
    mc_ms h1 = a->end > a->start ? hour_floor(a->end - 1) : h0;
    size_t n = (size_t)((h1 - h0) / MC_MS_PER_HOUR + 1), k;
    int64_t *w;
    mc_money *parts;
    mc_err rc = MC_OK;

    *share = 0;
    if (hour < h0 || hour > h1)
        return MC_OK;
    w = malloc(n * sizeof *w);
    parts = malloc(n * sizeof *parts);
    if (!w || !parts) {
        rc = mc_error_set(err, MC_ERR_NOMEM, "out of memory");
        goto out;
    }
    for (k = 0; k < n; k++) {
        mc_ms lo = h0 + (mc_ms)k * MC_MS_PER_HOUR, hi = lo + MC_MS_PER_HOUR;
        mc_ms x = a->start > lo ? a->start : lo, y = a->end < hi ? a->end : hi;
        w[k] = a->end > a->start ? (y > x ? y - x : 0) : 1;
    }
    if ((rc = mc_split(a->credits, w, n, parts, err)) == MC_OK)
        *share = parts[(hour - h0) / MC_MS_PER_HOUR];
out:
    free(w);
    free(parts);
    return rc;
}

static int cmp_dq_id(const void *key, const void *el)
{
    return strcmp(key, ((const struct dq *)el)->id);
}

/* Books one query's part of an hour with its products (from QUERY_HISTORY
 * when loaded, else the warehouse's owner). */
static mc_err book_qa(struct mc_attr_day *d, struct queries *qs,
                      struct qa *a, mc_money part,
                      struct mc_error *err)
{
    struct dq *q = qs->n ? bsearch(a->id, qs->q, qs->n, sizeof *qs->q,
                                   cmp_dq_id)
                         : NULL;
    struct mc_products p = {0};
    mc_err rc;

    if (q) {
        if ((rc = resolve(d, q, err)) != MC_OK)
            return rc;
        return mc_attr_book(d, SOURCE, "compute", part, &q->prod, query(d, q),
                            err);
    }
    if ((rc = mc_resolve_owner(d->cat, MC_MATCH_WAREHOUSE, a->wname,
                               "no catalog match", &p, err)) == MC_OK)
        rc = mc_attr_book(d, SOURCE, "compute", part, &p, &a->aq, err);
    mc_products_free(&p);
    return rc;
}

/* A warehouse-hour of a covered day: its cost split over the queries'
 * attributed credits and the rest of the hour (idle), largest remainder. */
static mc_err qah_hour(struct mc_attr_day *d, struct queries *qs,
                       struct qas *a, const struct meter *m,
                       mc_money cost, struct mc_error *err)
{
    size_t n = 0;
    int64_t *w = malloc((a->n + 1) * sizeof *w), sum = 0;
    size_t *idx = malloc((a->n + 1) * sizeof *idx);
    mc_money *parts = malloc((a->n + 1) * sizeof *parts);
    mc_err rc = MC_OK;

    if (!w || !idx || !parts) {
        rc = mc_error_set(err, MC_ERR_NOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < a->n && rc == MC_OK; i++) {
        const struct qa *x = &a->v[i];
        int same = m->has_wid && x->has_wid ? m->wid == x->wid
                                            : !strcasecmp(m->wname, x->wname);
        if (same && (rc = qa_share(x, m->hour, &w[n], err)) == MC_OK &&
            w[n] > 0)
            sum += w[n], idx[n++] = i;
    }
    if (rc != MC_OK)
        goto out;
    if (sum == 0) {
        rc = book_idle(d, m, cost, err);
        goto out;
    }
    w[n] = m->compute_nano > sum ? m->compute_nano - sum : 0; /* idle */
    if ((rc = mc_split(cost, w, n + 1, parts, err)) != MC_OK)
        goto out;
    for (size_t k = 0; k < n && rc == MC_OK; k++)
        rc = book_qa(d, qs, &a->v[idx[k]], parts[k], err);
    if (rc == MC_OK && parts[n])
        rc = book_idle(d, m, parts[n], err);
    if (rc == MC_OK)
        rc = mc_attr_total(d, SOURCE, "compute", cost - parts[n], err);
out:
    free(w);
    free(idx);
    free(parts);
    return rc;
}

/* One warehouse-hour: split its compute cost over the queries executing
 * in it by overlap, or book it as idle. idx/w are scratch (qs->n each). */
static mc_err compute_hour(struct mc_attr_day *d, struct queries *qs,
                           struct qas *a, const struct meter *m,
                           const struct mc_hour_index *hx, size_t *idx,
                           int64_t *w, struct mc_error *err)
{
    mc_money cost;
    size_t n = 0, nc;
    mc_err rc;

    if ((rc = mc_attr_need_price(d, d->price_credit, "compute", err)))
        return rc;
    cost = mc_muldiv(m->compute_nano, d->price_credit, MC_NANO);
    if (a->covered)
        return qah_hour(d, qs, a, m, cost, err);
    nc = mc_hour_index_find(hx, m->has_wid, m->wid, m->wname, m->hour, idx);
    for (size_t k = 0; k < nc; k++) {
        const struct dq *q = &qs->q[idx[k]];
        int64_t ms = overlap_ms(q, m->hour, m->hour + MC_MS_PER_HOUR);
        if (ms && same_warehouse(m, q)) {
            idx[n] = idx[k];
            w[n++] = ms;
        }
    }
    if (n == 0)
        return book_idle(d, m, cost, err);
    if ((rc = book_queries(d, qs, idx, w, n, "compute", cost, err)) != MC_OK)
        return rc;
    return mc_attr_total(d, SOURCE, "compute", cost, err);
}

/* The day's billed cloud-services credits from METERING_DAILY_HISTORY:
 * used + adjustment of the warehouse rows; *daily = 0 if none loaded. */
static mc_err billed_cs(struct mc_attr_day *d, int *daily, int64_t *billed,
                        struct mc_error *err)
{
    sqlite3_stmt *st = NULL;
    mc_err rc = MC_OK;

    if (sqlite3_prepare_v2(mc_store_db(d->store),
                           "SELECT count(*), coalesce(sum(cs_nano + "
                           "adjustment_nano), 0) FROM sf_meter_daily WHERE "
                           "usage_day = ? AND service_type IN "
                           "('WAREHOUSE_METERING', "
                           "'WAREHOUSE_METERING_READER')",
                           -1, &st, NULL) != SQLITE_OK ||
        (sqlite3_bind_text(st, 1, d->date, -1, SQLITE_STATIC),
         sqlite3_step(st) != SQLITE_ROW))
        rc = mc_store_error(d->store, err, "daily metering");
    else
        *daily = sqlite3_column_int(st, 0) > 0,
        *billed = sqlite3_column_int64(st, 1);
    sqlite3_finalize(st);
    return rc;
}

/* Cloud services of the day: billable = max(0, CS - 10 % of compute),
 * split over the queries ending that day by their cloud-services credits. */
static mc_err cloud_services(struct mc_attr_day *d, struct queries *qs,
                             int64_t cs, int64_t compute, size_t *idx,
                             int64_t *w, struct mc_error *err)
{
    mc_ms d0 = (mc_ms)d->day * MC_MS_PER_DAY;
    mc_i128 tenths = (mc_i128)cs * 10 - compute;
    struct mc_products un = {0};
    int64_t sum = 0;
    mc_money cost;
    size_t n = 0;
    mc_err rc;

    int64_t billed = 0;
    int daily = 0;
    mc_err e;

    /* METERING_DAILY_HISTORY's adjustment, when loaded, is the bill */
    if ((e = billed_cs(d, &daily, &billed, err)) != MC_OK)
        return e;
    if (daily)
        tenths = (mc_i128)billed * 10;
    if (tenths <= 0)
        return MC_OK;
    if ((e = mc_attr_need_price(d, d->price_cs, "cloud services", err)))
        return e;
    cost = mc_div_round(tenths * d->price_cs, 10 * MC_NANO);
    if (cost == 0)
        return MC_OK;
    for (size_t i = 0; i < qs->n; i++) {
        const struct dq *q = &qs->q[i];
        if (q->end >= d0 && q->end < d0 + MC_MS_PER_DAY && q->cs_nano > 0) {
            idx[n] = i;
            w[n++] = q->cs_nano;
            sum += q->cs_nano;
        }
    }
    if (n > 0 && sum > 0) {
        rc = book_queries(d, qs, idx, w, n, "cloud_services", cost, err);
    } else {
        rc = mc_resolve_owner(d->cat, MC_MATCH__COUNT, NULL,
                              "no queries to split cloud services by", &un,
                              err);
        if (rc == MC_OK)
            rc = mc_attr_book(d, SOURCE, "cloud_services", cost, &un, NULL,
                              err);
        mc_products_free(&un);
    }
    if (rc == MC_OK)
        rc = mc_attr_total(d, SOURCE, "cloud_services", cost, err);
    return rc;
}

static mc_err meters_of_day(struct mc_attr_day *d, struct queries *qs,
                            struct qas *a,
                            const struct mc_hour_index *hx, size_t *idx,
                            int64_t *w, struct mc_error *err)
{
    mc_ms d0 = (mc_ms)d->day * MC_MS_PER_DAY;
    sqlite3_stmt *st = NULL;
    int64_t cs = 0, compute = 0;
    mc_err rc = MC_OK;
    int step;

    if (sqlite3_prepare_v2(mc_store_db(d->store),
                           "SELECT warehouse_id, warehouse_name, hour_ms, "
                           "compute_nano, cs_nano FROM sf_meter WHERE "
                           "hour_ms >= ? AND hour_ms < ? ORDER BY "
                           "warehouse_key, hour_ms",
                           -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(d->store, err, "loading metering");
    sqlite3_bind_int64(st, 1, d0);
    sqlite3_bind_int64(st, 2, d0 + MC_MS_PER_DAY);
    while (rc == MC_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        struct meter m;
        m.has_wid = sqlite3_column_type(st, 0) != SQLITE_NULL;
        m.wid = sqlite3_column_int64(st, 0);
        m.wname = (char *)sqlite3_column_text(st, 1);
        m.hour = sqlite3_column_int64(st, 2);
        m.compute_nano = sqlite3_column_int64(st, 3);
        m.cs_nano = sqlite3_column_int64(st, 4);
        cs += m.cs_nano;
        compute += m.compute_nano;
        if (m.compute_nano > 0)
            rc = compute_hour(d, qs, a, &m, hx, idx, w, err);
    }
    if (rc == MC_OK && step != SQLITE_DONE)
        rc = mc_store_error(d->store, err, "loading metering");
    sqlite3_finalize(st);
    if (rc == MC_OK)
        rc = cloud_services(d, qs, cs, compute, idx, w, err);
    return rc;
}

static void hq_of(void *ctx, size_t i, struct mc_hq *out)
{
    const struct dq *q = &((const struct queries *)ctx)->q[i];

    out->wname = q->wname;
    out->has_wid = q->has_wid;
    out->wid = q->wid;
    out->start = q->start;
    out->end = q->end;
}

mc_err mc_attr_snowflake_day(struct mc_attr_day *d, struct mc_error *err)
{
    struct mc_hour_index *hx = NULL;
    struct queries qs = {0};
    struct qas a = {0};
    size_t *idx = NULL;
    int64_t *w = NULL;
    mc_err rc;

    if ((rc = mc_attr_prices(d, err)) != MC_OK ||
        (rc = load_queries(d, &qs, err)) != MC_OK ||
        (rc = load_qah(d, &a, err)) != MC_OK)
        goto out;
    idx = malloc((qs.n ? qs.n : 1) * sizeof *idx);
    w = malloc((qs.n ? qs.n : 1) * sizeof *w);
    if (!idx || !w) {
        rc = mc_error_set(err, MC_ERR_NOMEM, "out of memory");
        goto out;
    }
    if ((rc = mc_hour_index_build(&hx, qs.n, hq_of, &qs,
                                  (mc_ms)d->day * MC_MS_PER_DAY, err)) ||
        (rc = meters_of_day(d, &qs, &a, hx, idx, w, err)) != MC_OK)
        goto out;
    rc = mc_attr_snowflake_storage(d, err);
out:
    mc_hour_index_free(hx);
    free(idx);
    free(w);
    queries_free(&qs);
    qas_free(&a);
    return rc;
}
