/* catalog_store.c — saving a catalog as a new version and loading it. */
#include <stdlib.h>
#include <string.h>

#include "meshcost/catalog.h"
#include "meshcost/catalog_internal.h"
#include "meshcost/store_internal.h"

static void bind_opt(sqlite3_stmt *st, int i, const char *s)
{
    if (s && *s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static mc_err run(struct mc_store *s, sqlite3_stmt *st, struct mc_error *err)
{
    int rc = sqlite3_step(st);

    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return mc_store_error(s, err, "saving catalog");
    return MC_OK;
}

static mc_err save_products(struct mc_store *s, struct mc_catalog *cat,
                            struct mc_error *err)
{
    sqlite3 *db = mc_store_db(s);
    sqlite3_stmt *p = NULL, *d = NULL;
    mc_err rc = MC_OK;

    if (sqlite3_prepare_v2(db,
                           "INSERT INTO products(product_id, name, domain, "
                           "owner, owner_email, status, monthly_budget, "
                           "currency, tags, line) VALUES (?,?,?,?,?,?,?,?,?,?)",
                           -1, &p, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "INSERT OR IGNORE INTO product_deps(product_id, "
                           "depends_on) VALUES (?,?)",
                           -1, &d, NULL) != SQLITE_OK) {
        rc = mc_store_error(s, err, "saving catalog");
        goto out;
    }
    for (size_t i = 0; i < cat->n_products && rc == MC_OK; i++) {
        const struct mc_product *x = &cat->products[i];
        sqlite3_clear_bindings(p);
        bind_opt(p, 1, x->id), bind_opt(p, 2, x->name);
        bind_opt(p, 3, x->domain), bind_opt(p, 4, x->owner);
        bind_opt(p, 5, x->owner_email), bind_opt(p, 6, x->status);
        if (x->has_budget)
            sqlite3_bind_int64(p, 7, x->budget);
        bind_opt(p, 8, x->currency), bind_opt(p, 9, x->tags);
        sqlite3_bind_int64(p, 10, x->line);
        rc = run(s, p, err);
        for (size_t k = 0; k < x->n_deps && rc == MC_OK; k++) {
            bind_opt(d, 1, x->id), bind_opt(d, 2, x->deps[k]);
            rc = run(s, d, err);
        }
    }
out:
    sqlite3_finalize(p);
    sqlite3_finalize(d);
    return rc;
}

static mc_err save_assets(struct mc_store *s, struct mc_catalog *cat,
                          struct mc_error *err)
{
    sqlite3_stmt *a = NULL;
    mc_err rc = MC_OK;

    if (sqlite3_prepare_v2(mc_store_db(s),
                           "INSERT INTO assets(product_id, kind, pattern, "
                           "line) VALUES (?,?,?,?)",
                           -1, &a, NULL) != SQLITE_OK)
        return mc_store_error(s, err, "saving catalog");
    for (size_t i = 0; i < cat->n_assets && rc == MC_OK; i++) {
        const struct mc_asset *x = &cat->assets[i];
        bind_opt(a, 1, x->product_id), bind_opt(a, 2, x->kind);
        bind_opt(a, 3, x->pattern);
        sqlite3_bind_int64(a, 4, x->line);
        rc = run(s, a, err);
    }
    sqlite3_finalize(a);
    return rc;
}

static mc_err save_version(struct mc_store *s, struct mc_catalog *cat,
                           const char *pf, const char *af, int64_t *version,
                           struct mc_error *err)
{
    sqlite3_stmt *v = NULL;
    char now[32];
    mc_err rc = MC_OK;

    mc_store_now(now, sizeof now);
    if (sqlite3_prepare_v2(mc_store_db(s),
                           "INSERT INTO catalog_versions(imported_at, "
                           "products_file, assets_file, products, assets) "
                           "VALUES (?,?,?,?,?)",
                           -1, &v, NULL) != SQLITE_OK)
        return mc_store_error(s, err, "saving catalog");
    bind_opt(v, 1, now), bind_opt(v, 2, pf), bind_opt(v, 3, af);
    sqlite3_bind_int64(v, 4, (int64_t)cat->n_products);
    sqlite3_bind_int64(v, 5, (int64_t)cat->n_assets);
    rc = run(s, v, err);
    sqlite3_finalize(v);
    if (rc == MC_OK)
        *version = sqlite3_last_insert_rowid(mc_store_db(s));
    return rc;
}

mc_err mc_catalog_save(struct mc_store *s, struct mc_catalog *cat,
                       const char *products_file, const char *assets_file,
                       int64_t *version, struct mc_error *err)
{
    mc_err rc;

    if ((rc = mc_store_begin(s, err)) != MC_OK)
        return rc;
    if ((rc = mc_store_exec(s, "DELETE FROM products; DELETE FROM "
                               "product_deps; DELETE FROM assets;",
                            err)) != MC_OK ||
        (rc = save_products(s, cat, err)) != MC_OK ||
        (rc = save_assets(s, cat, err)) != MC_OK ||
        (rc = save_version(s, cat, products_file, assets_file, version,
                           err)) != MC_OK ||
        (rc = mc_store_commit(s, err)) != MC_OK) {
        mc_store_rollback(s);
        return rc;
    }
    cat->version = *version;
    return MC_OK;
}

static const char *col(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

static mc_err load_products(struct mc_store *s, struct mc_catalog *cat,
                            struct mc_error *err)
{
    sqlite3_stmt *st = NULL;
    const char *f[MC_PF__COUNT];
    int cols[MC_PF__COUNT] = {0};
    char budget[MC_MONEY_BUFSZ];
    mc_err rc = MC_OK;
    int step;

    if (sqlite3_prepare_v2(mc_store_db(s),
                           "SELECT product_id, name, domain, owner, "
                           "owner_email, status, monthly_budget, currency, "
                           "(SELECT group_concat(depends_on, ';') FROM "
                           "product_deps d WHERE d.product_id = p.product_id), "
                           "tags, line FROM products p ORDER BY product_id",
                           -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(s, err, "loading catalog");
    while (rc == MC_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < MC_PF__COUNT; i++)
            f[i] = col(st, i);
        f[MC_PF_BUDGET] = NULL;
        if (sqlite3_column_type(st, MC_PF_BUDGET) != SQLITE_NULL) {
            mc_money_format(sqlite3_column_int64(st, MC_PF_BUDGET), budget);
            f[MC_PF_BUDGET] = budget;
        }
        rc = mc_catalog_add_product(cat, "products", sqlite3_column_int(st, 10),
                                    f, cols, NULL, NULL, err);
    }
    if (rc == MC_OK && step != SQLITE_DONE)
        rc = mc_store_error(s, err, "loading catalog");
    sqlite3_finalize(st);
    return rc;
}

static mc_err load_assets(struct mc_store *s, struct mc_catalog *cat,
                          struct mc_error *err)
{
    sqlite3_stmt *st = NULL;
    const char *f[MC_AF__COUNT];
    int cols[MC_AF__COUNT] = {0};
    mc_err rc = MC_OK;
    int step;

    if (sqlite3_prepare_v2(mc_store_db(s),
                           "SELECT product_id, kind, pattern, line FROM assets "
                           "ORDER BY rowid",
                           -1, &st, NULL) != SQLITE_OK)
        return mc_store_error(s, err, "loading catalog");
    while (rc == MC_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < MC_AF__COUNT; i++)
            f[i] = col(st, i);
        rc = mc_catalog_add_asset(cat, "assets", sqlite3_column_int(st, 3), f,
                                  cols, NULL, NULL, err);
    }
    if (rc == MC_OK && step != SQLITE_DONE)
        rc = mc_store_error(s, err, "loading catalog");
    sqlite3_finalize(st);
    return rc;
}

mc_err mc_catalog_load(struct mc_store *s, struct mc_catalog **out,
                       struct mc_error *err)
{
    struct mc_catalog *cat = mc_catalog_new();
    sqlite3_stmt *st = NULL;
    mc_err rc;

    if (!cat)
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    if ((rc = load_products(s, cat, err)) != MC_OK ||
        (rc = load_assets(s, cat, err)) != MC_OK)
        goto out;
    mc_catalog_sort(cat);
    if (sqlite3_prepare_v2(mc_store_db(s),
                           "SELECT coalesce(max(version), 0) FROM "
                           "catalog_versions",
                           -1, &st, NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW) {
        rc = mc_store_error(s, err, "loading catalog");
        goto out;
    }
    cat->version = sqlite3_column_int64(st, 0);
out:
    sqlite3_finalize(st);
    if (rc != MC_OK) {
        mc_catalog_free(cat);
        return rc;
    }
    *out = cat;
    return MC_OK;
}
