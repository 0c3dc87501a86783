/* resolve.c — query -> data products, the precedence of DESIGN 4.1. */
#include "meshcost/resolve.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meshcost/json.h"

static int json_pairs(const char *tag,
                      int (*fn)(void *, const char *, const char *),
                      void *ctx, int *parsed)
{
    json_error_t jerr;
    int nomem;
    json_t *root = mc_json_loadb(tag, strlen(tag), JSON_REJECT_DUPLICATES,
                                 &jerr, &nomem);
    const char *key;
    json_t *value;
    int r = 0;

    if (nomem)
        return -1;
    *parsed = root && json_is_object(root);
    if (*parsed) {
        json_object_foreach(root, key, value) {
            if (json_is_string(value) &&
                (r = fn(ctx, key, json_string_value(value))) != 0)
                break;
        }
    }
    json_decref(root);
    return r;
}

static int text_pairs(const char *tag,
                      int (*fn)(void *, const char *, const char *),
                      void *ctx)
{
    char *buf = strdup(tag), *save = NULL, *pair;
    int r = 0;

    if (!buf)
        return -1;
    for (pair = strtok_r(buf, ";,", &save); pair && !r;
         pair = strtok_r(NULL, ";,", &save)) {
        char *eq = strchr(pair, '='), *k = pair, *v, *e;
        if (!eq)
            continue;
        *eq = '\0';
        v = eq + 1;
        while (isspace((unsigned char)*k))
            k++;
        for (e = eq; e > k && isspace((unsigned char)e[-1]); e--)
            e[-1] = '\0';
        while (isspace((unsigned char)*v))
            v++;
        for (e = v + strlen(v); e > v && isspace((unsigned char)e[-1]); e--)
            e[-1] = '\0';
        if (*k)
            r = fn(ctx, k, v);
    }
    free(buf);
    return r;
}

int mc_tag_pairs(const char *tag,
                 int (*fn)(void *ctx, const char *key, const char *value),
                 void *ctx)
{
    const char *p = tag;
    int parsed = 0, r;

    if (!tag)
        return 0;
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '{') {
        r = json_pairs(p, fn, ctx, &parsed);
        if (parsed || r < 0)
            return r;
    }
    return text_pairs(tag, fn, ctx);
}

/* A growing set of product ids. */
struct set {
    const char **ids;
    size_t n, cap;
    int nomem;
};

static void set_add(struct set *s, const char *id)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->ids[i], id) == 0)
            return;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 4;
        const char **p = realloc(s->ids, cap * sizeof *p);
        if (!p) {
            s->nomem = 1;
            return;
        }
        s->ids = p;
        s->cap = cap;
    }
    s->ids[s->n++] = id;
}

static int cmp_id(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static mc_err finish(struct set *s, const char *reason, int step,
                     struct mc_products *out, struct mc_error *err)
{
    if (s->nomem) {
        free(s->ids);
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    }
    if (s->n > 1)
        qsort(s->ids, s->n, sizeof *s->ids, cmp_id);
    out->ids = s->ids;
    out->n = s->n;
    out->reason = reason;
    out->step = step;
    return MC_OK;
}

static mc_err unallocated(struct set *s, const char *reason, int step,
                          struct mc_products *out, struct mc_error *err)
{
    s->n = 0;
    set_add(s, MC_UNALLOCATED);
    return finish(s, reason, step, out, err);
}

struct tag_scan {
    const struct mc_catalog *cat;
    const char *key;
    char *product; /* copy of the product key's value, if present */
    struct set *set;
};

static int find_product_key(void *ctx, const char *k, const char *v)
{
    struct tag_scan *t = ctx;

    if (strcmp(k, t->key) != 0)
        return 0;
    if (!(t->product = strdup(v)))
        t->set->nomem = 1;
    return 1;
}

static int match_tag_pair(void *ctx, const char *k, const char *v)
{
    struct tag_scan *t = ctx;
    size_t n = strlen(k) + strlen(v) + 2;
    char *kv = malloc(n);
    const struct mc_asset *a;

    if (!kv) {
        t->set->nomem = 1;
        return 1;
    }
    snprintf(kv, n, "%s=%s", k, v);
    a = mc_catalog_match(t->cat, MC_MATCH_TAG, kv);
    free(kv);
    if (a)
        set_add(t->set, mc_catalog_product(t->cat, a->product_id)->id);
    return 0;
}

static void add_matches(const struct mc_catalog *cat, enum mc_match_class cls,
                        const char *const *names, size_t n, struct set *s)
{
    for (size_t i = 0; i < n; i++) {
        const struct mc_asset *a = mc_catalog_match(cat, cls, names[i]);
        if (a)
            set_add(s, mc_catalog_product(cat, a->product_id)->id);
    }
}

/* Tables: BigQuery names try bq_table assets before table assets. */
static void add_tables(const struct mc_catalog *cat, int bigquery,
                       const char *const *names, size_t n, struct set *s)
{
    for (size_t i = 0; i < n; i++) {
        const struct mc_asset *a = NULL;
        if (bigquery)
            a = mc_catalog_match(cat, MC_MATCH_BQ_TABLE, names[i]);
        if (!a)
            a = mc_catalog_match(cat, MC_MATCH_OBJECT, names[i]);
        if (a)
            set_add(s, mc_catalog_product(cat, a->product_id)->id);
    }
}

mc_err mc_resolve_query(const struct mc_catalog *cat, const char *tag_key,
                        const struct mc_query_facts *q,
                        struct mc_products *out, struct mc_error *err)
{
    struct set s = {0};
    struct tag_scan t = {cat, tag_key, NULL, &s};
    const struct mc_product *p;
    int r;

    /* 1. the tag names a product */
    if ((r = mc_tag_pairs(q->query_tag, find_product_key, &t)) < 0)
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    if (r) {
        p = t.product ? mc_catalog_product(cat, t.product) : NULL;
        free(t.product);
        if (!p)
            return unallocated(&s, "unknown product tag", 1, out, err);
        set_add(&s, p->id);
        return finish(&s, "", 1, out, err);
    }
    /* 2. any key=value pair matches a tag asset */
    if (mc_tag_pairs(q->query_tag, match_tag_pair, &t) < 0)
        s.nomem = 1;
    if (s.n || s.nomem)
        return finish(&s, "", 2, out, err);
    /* 3. objects modified (or the resources that ran); 4. objects read */
    add_tables(cat, q->bigquery, q->modified, q->n_modified, &s);
    add_matches(cat, MC_MATCH_RESOURCE, q->resources, q->n_resources, &s);
    if (s.n || s.nomem)
        return finish(&s, "", 3, out, err);
    add_tables(cat, q->bigquery, q->base, q->n_base, &s);
    if (s.n || s.nomem)
        return finish(&s, "", 4, out, err);
    /* 5. role, then user; 6. warehouse */
    add_matches(cat, MC_MATCH_ROLE, &q->role_name, 1, &s);
    if (!s.n)
        add_matches(cat, MC_MATCH_USER, &q->user_name, 1, &s);
    if (s.n || s.nomem)
        return finish(&s, "", 5, out, err);
    add_matches(cat, MC_MATCH_WAREHOUSE, &q->warehouse_name, 1, &s);
    if (!s.n)
        add_matches(cat, MC_MATCH_PROJECT, &q->project, 1, &s);
    if (s.n || s.nomem)
        return finish(&s, "", 6, out, err);
    return unallocated(&s, "no catalog match", 7, out, err);
}

mc_err mc_resolve_tags(const struct mc_catalog *cat, const char *tags,
                       struct mc_products *out, struct mc_error *err)
{
    struct set s = {0};
    struct tag_scan t = {cat, NULL, NULL, &s};

    if (mc_tag_pairs(tags, match_tag_pair, &t) < 0)
        s.nomem = 1;
    return finish(&s, "", 2, out, err);
}

mc_err mc_resolve_owner(const struct mc_catalog *cat, enum mc_match_class cls,
                        const char *name, const char *reason,
                        struct mc_products *out, struct mc_error *err)
{
    struct set s = {0};

    add_matches(cat, cls, &name, 1, &s);
    if (s.n || s.nomem)
        return finish(&s, "", 6, out, err);
    return unallocated(&s, reason, 7, out, err);
}

void mc_products_free(struct mc_products *p)
{
    free(p->ids);
    p->ids = NULL;
    p->n = 0;
}
