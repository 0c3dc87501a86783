/* catalog.c — building, checking and matching the catalog in memory. */
#include "meshcost/catalog.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meshcost/catalog_internal.h"

static const struct {
    const char *kind;
    enum mc_match_class cls;
    const char *suffix; /* appended to the pattern to match object names */
} asset_kinds[] = {
    {"table", MC_MATCH_OBJECT, ""},       {"schema", MC_MATCH_OBJECT, ".*"},
    {"database", MC_MATCH_OBJECT, ".*.*"}, {"warehouse", MC_MATCH_WAREHOUSE, ""},
    {"role", MC_MATCH_ROLE, ""},          {"user", MC_MATCH_USER, ""},
    {"tag", MC_MATCH_TAG, ""},            {"resource", MC_MATCH_RESOURCE, ""},
    {"bq_table", MC_MATCH_BQ_TABLE, ""},  {"project", MC_MATCH_PROJECT, ""},
};

static const char *const statuses[] = {"active", "deprecated", "archived",
                                       "protected"};

char *mc_strdup0(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    char *p = malloc(n + 1);

    if (p) {
        if (n)
            memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

static void report_at(mc_catalog_report_fn report, void *ctx,
                      struct mc_catalog *cat, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void report_at(mc_catalog_report_fn report, void *ctx,
                      struct mc_catalog *cat, const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cat->problems++;
    if (report)
        report(ctx, msg);
}

struct mc_catalog *mc_catalog_new(void)
{
    return calloc(1, sizeof(struct mc_catalog));
}

static void product_free(struct mc_product *p)
{
    free(p->id), free(p->name), free(p->domain), free(p->owner);
    free(p->owner_email), free(p->status), free(p->currency), free(p->tags);
    for (size_t i = 0; i < p->n_deps; i++)
        free(p->deps[i]);
    free(p->deps);
}

void mc_catalog_free(struct mc_catalog *cat)
{
    if (!cat)
        return;
    for (size_t i = 0; i < cat->n_products; i++)
        product_free(&cat->products[i]);
    for (size_t i = 0; i < cat->n_assets; i++) {
        free(cat->assets[i].product_id), free(cat->assets[i].kind);
        free(cat->assets[i].pattern), free(cat->assets[i].expanded);
    }
    free(cat->products);
    free(cat->assets);
    free(cat->products_file);
    free(cat->assets_file);
    mc_catalog_memo_clear(cat);
    free(cat);
}

static int grow(void **items, size_t *cap, size_t n, size_t size)
{
    void *p;
    size_t ncap;

    if (n < *cap)
        return 0;
    ncap = *cap ? *cap * 2 : 16;
    p = realloc(*items, ncap * size);
    if (!p)
        return -1;
    *items = p;
    *cap = ncap;
    return 0;
}

static int split_deps(struct mc_product *p, const char *list)
{
    const char *s = list ? list : "";

    while (*s) {
        size_t n = strcspn(s, ";");
        const char *a = s, *b = s + n;
        while (a < b && isspace((unsigned char)*a))
            a++;
        while (b > a && isspace((unsigned char)b[-1]))
            b--;
        if (b > a) {
            char **d = realloc(p->deps, (p->n_deps + 1) * sizeof *d);
            if (!d)
                return -1;
            p->deps = d;
            if (!(d[p->n_deps] = malloc((size_t)(b - a) + 1)))
                return -1;
            memcpy(d[p->n_deps], a, (size_t)(b - a));
            d[p->n_deps++][b - a] = '\0';
        }
        s += n + (s[n] == ';');
    }
    return 0;
}

static int valid_status(const char *s)
{
    for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
        if (s && strcmp(s, statuses[i]) == 0)
            return 1;
    return 0;
}

/* Row-level checks of a product; returns 0 if fine (problems reported). */
static int check_product_row(struct mc_catalog *cat, const char *file,
                             long line, const char *const *f,
                             const int *cols, mc_catalog_report_fn report,
                             void *ctx, int64_t *budget)
{
    struct mc_error perr;
    int bad = 0;

    if (!f[MC_PF_ID] || !*f[MC_PF_ID]) {
        report_at(report, ctx, cat, "%s:%ld:%d: product_id is empty", file,
                  line, cols[MC_PF_ID]);
        return -1;
    }
    if (!f[MC_PF_DOMAIN] || !*f[MC_PF_DOMAIN]) {
        report_at(report, ctx, cat, "%s:%ld:%d: domain is empty", file, line,
                  cols[MC_PF_DOMAIN]);
        bad = -1;
    }
    if (!valid_status(f[MC_PF_STATUS])) {
        report_at(report, ctx, cat,
                  "%s:%ld:%d: bad status '%.40s' (active, deprecated, "
                  "archived or protected)",
                  file, line, cols[MC_PF_STATUS],
                  f[MC_PF_STATUS] ? f[MC_PF_STATUS] : "");
        bad = -1;
    }
    *budget = -1;
    if (f[MC_PF_BUDGET] && *f[MC_PF_BUDGET] &&
        (mc_decimal_parse(f[MC_PF_BUDGET], MC_MICRO_SCALE, budget, &perr) !=
             MC_OK ||
         *budget < 0)) {
        report_at(report, ctx, cat,
                  "%s:%ld:%d: bad monthly_budget '%.40s' (a non-negative "
                  "decimal such as 1800.00)",
                  file, line, cols[MC_PF_BUDGET], f[MC_PF_BUDGET]);
        bad = -1;
    }
    return bad;
}

mc_err mc_catalog_add_product(struct mc_catalog *cat, const char *file,
                              long line, const char *const *f,
                              const int *cols, mc_catalog_report_fn report,
                              void *ctx, struct mc_error *err)
{
    struct mc_product *p;
    int64_t budget;

    if (!cat->products_file && !(cat->products_file = mc_strdup0(file)))
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    if (check_product_row(cat, file, line, f, cols, report, ctx, &budget))
        return MC_OK;
    for (size_t i = 0; i < cat->n_products; i++) {
        if (strcmp(cat->products[i].id, f[MC_PF_ID]) == 0) {
            report_at(report, ctx, cat,
                      "%s:%ld:%d: duplicate product id '%s' (first on line "
                      "%ld)",
                      file, line, cols[MC_PF_ID], f[MC_PF_ID],
                      cat->products[i].line);
            return MC_OK;
        }
    }
    if (grow((void **)&cat->products, &cat->cap_products, cat->n_products,
             sizeof *p))
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    p = &cat->products[cat->n_products++];
    memset(p, 0, sizeof *p);
    p->id = mc_strdup0(f[MC_PF_ID]);
    p->name = mc_strdup0(f[MC_PF_NAME] ? f[MC_PF_NAME] : f[MC_PF_ID]);
    p->domain = mc_strdup0(f[MC_PF_DOMAIN]);
    p->owner = mc_strdup0(f[MC_PF_OWNER]);
    p->owner_email = mc_strdup0(f[MC_PF_OWNER_EMAIL]);
    p->status = mc_strdup0(f[MC_PF_STATUS]);
    p->currency = mc_strdup0(f[MC_PF_CURRENCY]);
    p->tags = mc_strdup0(f[MC_PF_TAGS]);
    p->has_budget = budget >= 0;
    p->budget = budget >= 0 ? budget : 0;
    p->line = line;
    p->col_deps = cols[MC_PF_DEPENDS_ON];
    if (!p->id || !p->name || !p->domain || !p->owner || !p->owner_email ||
        !p->status || !p->currency || !p->tags ||
        split_deps(p, f[MC_PF_DEPENDS_ON]))
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    return MC_OK;
}

static int literal_prefix(const char *pattern)
{
    const char *star = strchr(pattern, '*');

    return star ? (int)(star - pattern) : INT32_MAX;
}

mc_err mc_catalog_add_asset(struct mc_catalog *cat, const char *file,
                            long line, const char *const *f, const int *cols,
                            mc_catalog_report_fn report, void *ctx,
                            struct mc_error *err)
{
    const char *kind = f[MC_AF_KIND] ? f[MC_AF_KIND] : "";
    const char *pattern = f[MC_AF_PATTERN];
    struct mc_asset *a;
    size_t k, nk = sizeof asset_kinds / sizeof asset_kinds[0];

    if (!cat->assets_file && !(cat->assets_file = mc_strdup0(file)))
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    for (k = 0; k < nk && strcmp(asset_kinds[k].kind, kind) != 0; k++)
        ;
    if (k == nk) {
        report_at(report, ctx, cat,
                  "%s:%ld:%d: bad kind '%.40s' (table, schema, database, "
                  "warehouse, role, user, tag, resource, bq_table or "
                  "project)",
                  file, line, cols[MC_AF_KIND], kind);
        return MC_OK;
    }
    if (!pattern || !*pattern || !f[MC_AF_PRODUCT]) {
        report_at(report, ctx, cat, "%s:%ld:%d: %s is empty", file, line,
                  cols[pattern ? MC_AF_PRODUCT : MC_AF_PATTERN],
                  pattern ? "product_id" : "pattern");
        return MC_OK;
    }
    if (grow((void **)&cat->assets, &cat->cap_assets, cat->n_assets,
             sizeof *a))
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    mc_catalog_memo_clear(cat);
    a = &cat->assets[cat->n_assets++];
    memset(a, 0, sizeof *a);
    a->product_id = mc_strdup0(f[MC_AF_PRODUCT]);
    a->kind = mc_strdup0(kind);
    a->pattern = mc_strdup0(pattern);
    a->expanded = malloc(strlen(pattern) + strlen(asset_kinds[k].suffix) + 1);
    if (!a->product_id || !a->kind || !a->pattern || !a->expanded)
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    strcat(strcpy(a->expanded, pattern), asset_kinds[k].suffix);
    a->cls = asset_kinds[k].cls;
    a->specificity = literal_prefix(a->expanded);
    a->line = line;
    a->col_product = cols[MC_AF_PRODUCT];
    a->col_pattern = cols[MC_AF_PATTERN];
    return MC_OK;
}
