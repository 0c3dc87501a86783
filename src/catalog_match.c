/* catalog_match.c — globs, specificity, whole-catalog checks, lookups. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "meshcost/catalog.h"
#include "meshcost/catalog_internal.h"

static int ceq(char a, char b, int nocase)
{
    if (nocase)
        return tolower((unsigned char)a) == tolower((unsigned char)b);
    return a == b;
}

int mc_glob_match(const char *p, const char *s, int nocase)
{
    const char *star = NULL, *resume = NULL;

    /* Greedy with backtracking to the last star: linear in practice. */
    while (*s) {
        if (*p == '*') {
            star = p++;
            resume = s;
        } else if (*p && ceq(*p, *s, nocase)) {
            p++, s++;
        } else if (star) {
            p = star + 1;
            s = ++resume;
        } else {
            return 0;
        }
    }
    while (*p == '*')
        p++;
    return *p == '\0';
}

struct overlap {
    const char *p, *q;
    size_t n, m;
    unsigned char *seen; /* (n+1) x (m+1) visited states */
    int nocase;
};

static int overlap_at(struct overlap *o, size_t i, size_t j)
{
    unsigned char *seen = &o->seen[i * (o->m + 1) + j];

    if (*seen)
        return 0; /* explored already without success */
    *seen = 1;
    if (i == o->n && j == o->m)
        return 1;
    if (i < o->n && o->p[i] == '*') {
        if (overlap_at(o, i + 1, j))
            return 1;
        return j < o->m && overlap_at(o, i, j + 1);
    }
    if (j < o->m && o->q[j] == '*') {
        if (overlap_at(o, i, j + 1))
            return 1;
        return i < o->n && overlap_at(o, i + 1, j);
    }
    return i < o->n && j < o->m && ceq(o->p[i], o->q[j], o->nocase) &&
           overlap_at(o, i + 1, j + 1);
}

int mc_glob_overlap(const char *p, const char *q, int nocase)
{
    struct overlap o = {p, q, strlen(p), strlen(q), NULL, nocase};
    int r;

    o.seen = calloc((o.n + 1) * (o.m + 1), 1);
    if (!o.seen)
        return 1; /* cannot tell: assume the worst */
    r = overlap_at(&o, 0, 0);
    free(o.seen);
    return r;
}

static int cmp_product(const void *a, const void *b)
{
    return strcmp(((const struct mc_product *)a)->id,
                  ((const struct mc_product *)b)->id);
}

void mc_catalog_sort(struct mc_catalog *cat)
{
    if (cat->n_products > 1)
        qsort(cat->products, cat->n_products, sizeof *cat->products,
              cmp_product);
}

const struct mc_product *mc_catalog_product(const struct mc_catalog *cat,
                                            const char *id)
{
    struct mc_product key;

    if (!id || !cat->n_products)
        return NULL;
    key.id = (char *)id;
    return bsearch(&key, cat->products, cat->n_products, sizeof key,
                   cmp_product);
}

size_t mc_catalog_product_count(const struct mc_catalog *cat)
{
    return cat->n_products;
}

const struct mc_product *mc_catalog_product_at(const struct mc_catalog *cat,
                                               size_t i)
{
    return i < cat->n_products ? &cat->products[i] : NULL;
}

int64_t mc_catalog_version(const struct mc_catalog *cat)
{
    return cat->version;
}

static void report(mc_catalog_report_fn fn, void *ctx,
                   struct mc_catalog *cat, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void report(mc_catalog_report_fn fn, void *ctx,
                   struct mc_catalog *cat, const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cat->problems++;
    if (fn)
        fn(ctx, msg);
}

/* Order assets so that possible equal-specificity overlaps are adjacent:
 * by class, specificity and (case-folded) literal prefix. */
static int cmp_asset_group(const void *a, const void *b)
{
    const struct mc_asset *x = a, *y = b;
    size_t n;

    if (x->cls != y->cls)
        return x->cls < y->cls ? -1 : 1;
    if (x->specificity != y->specificity)
        return x->specificity < y->specificity ? -1 : 1;
    n = x->specificity == INT32_MAX ? (size_t)-1 : (size_t)x->specificity;
    if (x->cls == MC_MATCH_TAG)
        return strncmp(x->expanded, y->expanded, n);
    return strncasecmp(x->expanded, y->expanded, n);
}

static void check_overlaps(struct mc_catalog *cat, const char *afile,
                           mc_catalog_report_fn fn, void *ctx)
{
    size_t i = 0, j, k;

    mc_catalog_memo_clear(cat);
    if (cat->n_assets > 1)
        qsort(cat->assets, cat->n_assets, sizeof *cat->assets,
              cmp_asset_group);
    while (i < cat->n_assets) {
        for (j = i + 1; j < cat->n_assets &&
                        cmp_asset_group(&cat->assets[i], &cat->assets[j]) == 0;
             j++)
            ;
        for (size_t x = i; x < j; x++) {
            for (k = x + 1; k < j; k++) {
                const struct mc_asset *a = &cat->assets[x], *b = &cat->assets[k];
                const struct mc_asset *lo = a->line < b->line ? a : b;
                const struct mc_asset *hi = lo == a ? b : a;
                if (strcmp(a->product_id, b->product_id) == 0 ||
                    !mc_glob_overlap(a->expanded, b->expanded,
                                     a->cls != MC_MATCH_TAG))
                    continue;
                report(fn, ctx, cat,
                       "%s:%ld:%d: '%s' (%s) and line %ld '%s' (%s) can match "
                       "the same name with equal specificity",
                       afile, hi->line, hi->col_pattern, hi->pattern,
                       hi->product_id, lo->line, lo->pattern, lo->product_id);
            }
        }
        i = j;
    }
}

/* Depth-first search for dependency cycles; state 1 = on the path. */
static int dfs(struct mc_catalog *cat, size_t i, unsigned char *state)
{
    struct mc_product *p = &cat->products[i];

    if (state[i] == 1)
        return 1;
    if (state[i] == 2)
        return 0;
    state[i] = 1;
    for (size_t d = 0; d < p->n_deps; d++) {
        const struct mc_product *q = mc_catalog_product(cat, p->deps[d]);
        if (q && dfs(cat, (size_t)(q - cat->products), state))
            return 1;
    }
    state[i] = 2;
    return 0;
}

static void check_deps(struct mc_catalog *cat, const char *pfile,
                       mc_catalog_report_fn fn, void *ctx)
{
    unsigned char *state = calloc(cat->n_products + 1, 1);

    for (size_t i = 0; i < cat->n_products; i++) {
        struct mc_product *p = &cat->products[i];
        for (size_t d = 0; d < p->n_deps; d++) {
            if (!mc_catalog_product(cat, p->deps[d]))
                report(fn, ctx, cat,
                       "%s:%ld:%d: %s depends on unknown product '%s'", pfile,
                       p->line, p->col_deps, p->id, p->deps[d]);
            else if (strcmp(p->deps[d], p->id) == 0)
                report(fn, ctx, cat, "%s:%ld:%d: %s depends on itself",
                       pfile, p->line, p->col_deps, p->id);
        }
    }
    for (size_t i = 0; state && i < cat->n_products; i++) {
        memset(state, 0, cat->n_products);
        if (dfs(cat, i, state))
            report(fn, ctx, cat,
                   "%s:%ld:%d: dependency cycle through %s", pfile,
                   cat->products[i].line, cat->products[i].col_deps,
                   cat->products[i].id);
    }
    free(state);
}

long mc_catalog_check(struct mc_catalog *cat, mc_catalog_report_fn fn,
                      void *ctx)
{
    mc_catalog_sort(cat);
    for (size_t i = 0; i < cat->n_assets; i++) {
        const struct mc_asset *a = &cat->assets[i];
        if (!mc_catalog_product(cat, a->product_id))
            report(fn, ctx, cat, "%s:%ld:%d: unknown product '%s'",
                   cat->assets_file ? cat->assets_file : "assets.csv",
                   a->line, a->col_product, a->product_id);
    }
    check_deps(cat, cat->products_file ? cat->products_file : "products.csv",
               fn, ctx);
    check_overlaps(cat, cat->assets_file ? cat->assets_file : "assets.csv",
                   fn, ctx);
    return cat->problems;
}

/* Remembered matches: open addressing on (class, name). Bounded: once
 * full, further names are matched without being remembered. */
#define MEMO_SLOTS (1u << 18)
#define MEMO_MAX (MEMO_SLOTS / 2)

struct memo_entry {
    char *name; /* NULL = empty slot */
    int cls;
    const struct mc_asset *asset;
};

struct match_memo {
    struct memo_entry *slot;
    size_t used;
};

void mc_catalog_memo_clear(struct mc_catalog *cat)
{
    struct match_memo *m = cat->memo;

    if (!m)
        return;
    for (size_t i = 0; i < MEMO_SLOTS; i++)
        free(m->slot[i].name);
    free(m->slot);
    free(m);
    cat->memo = NULL;
}

static size_t memo_hash(int cls, const char *name)
{
    uint64_t h = 1469598103934665603ULL ^ (uint64_t)cls;

    for (; *name; name++)
        h = (h ^ (unsigned char)*name) * 1099511628211ULL;
    return (size_t)(h ^ (h >> 32)) & (MEMO_SLOTS - 1);
}

static const struct mc_asset *match_scan(const struct mc_catalog *cat,
                                         enum mc_match_class cls,
                                         const char *name);

const struct mc_asset *mc_catalog_match(const struct mc_catalog *cat,
                                        enum mc_match_class cls,
                                        const char *name)
{
    struct mc_catalog *c = (struct mc_catalog *)cat; /* the memo only */
    struct memo_entry *e;
    const struct mc_asset *a;
    size_t i;

    if (!name || !*name)
        return NULL;
    if (!c->memo && (c->memo = calloc(1, sizeof *c->memo)) &&
        !(c->memo->slot = calloc(MEMO_SLOTS, sizeof *c->memo->slot))) {
        free(c->memo);
        c->memo = NULL;
    }
    if (!c->memo)
        return match_scan(cat, cls, name);
    for (i = memo_hash((int)cls, name); (e = &c->memo->slot[i])->name;
         i = (i + 1) & (MEMO_SLOTS - 1))
        if (e->cls == (int)cls && strcmp(e->name, name) == 0)
            return e->asset;
    a = match_scan(cat, cls, name);
    if (c->memo->used < MEMO_MAX && (e->name = strdup(name))) {
        e->cls = (int)cls;
        e->asset = a;
        c->memo->used++;
    }
    return a;
}

static const struct mc_asset *match_scan(const struct mc_catalog *cat,
                                         enum mc_match_class cls,
                                         const char *name)
{
    const struct mc_asset *best = NULL;

    for (size_t i = 0; i < cat->n_assets; i++) {
        const struct mc_asset *a = &cat->assets[i];
        if (a->cls != cls ||
            !mc_glob_match(a->expanded, name, cls != MC_MATCH_TAG))
            continue;
        if (!best || a->specificity > best->specificity ||
            (a->specificity == best->specificity &&
             strcmp(a->product_id, best->product_id) < 0))
            best = a;
    }
    return best;
}

void mc_catalog_each_asset(const struct mc_catalog *cat, const char *product,
                           void (*fn)(void *ctx, const struct mc_asset *a),
                           void *ctx)
{
    for (size_t i = 0; i < cat->n_assets; i++)
        if (strcmp(cat->assets[i].product_id, product) == 0)
            fn(ctx, &cat->assets[i]);
}
