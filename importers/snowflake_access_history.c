/* snowflake_access_history.c — ACCESS_HISTORY
 * (reference/warehouse-formats.md 1.5): which tables a query read (base
 * objects, views resolved) and wrote. JSON arrays inside CSV fields. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "meshcost/importer.h"
#include "meshcost/importer_util.h"
#include "meshcost/json.h"

#define MAX_JSON (16L * 1024 * 1024)

enum { C_ID, C_START, C_USER, C_BASE, C_MOD, C__COUNT };

static const struct mc_column columns[C__COUNT] = {
    [C_ID] = {"QUERY_ID", 1},
    [C_START] = {"QUERY_START_TIME", 0},
    [C_USER] = {"USER_NAME", 0},
    [C_BASE] = {"BASE_OBJECTS_ACCESSED", 1},
    [C_MOD] = {"OBJECTS_MODIFIED", 0},
};

struct names {
    char **v;
    size_t n, cap;
};

struct state {
    struct mc_imp_cols c; /* first: see mc_imp_open */
    struct names base, mod;
};

static const char *const table_like[] = {"Table", "External table",
                                         "Materialized view",
                                         "Dynamic table", NULL};

static void names_clear(struct names *n)
{
    for (size_t i = 0; i < n->n; i++)
        free(n->v[i]);
    n->n = 0;
}

static int names_add(struct names *n, const char *s)
{
    for (size_t i = 0; i < n->n; i++)
        if (strcmp(n->v[i], s) == 0)
            return 0;
    if (n->n == n->cap) {
        size_t cap = n->cap ? n->cap * 2 : 8;
        char **v = realloc(n->v, cap * sizeof *v);
        if (!v)
            return -1;
        n->v = v;
        n->cap = cap;
    }
    if (!(n->v[n->n] = strdup(s)))
        return -1;
    n->n++;
    return 0;
}

static int is_table_like(const char *domain)
{
    for (int i = 0; domain && table_like[i]; i++)
        if (strcasecmp(domain, table_like[i]) == 0)
            return 1;
    return 0;
}

/* Adds the table-like objectNames of a JSON array field. */
static mc_err objects(const struct mc_csv_row *row, int idx, const char *col,
                      struct names *out, struct mc_error *err)
{
    const char *s = mc_csv_get(row, idx);
    json_error_t jerr;
    json_t *root, *el;
    size_t i;
    mc_err rc = MC_OK;
    int nomem;

    if (!s)
        return MC_OK;
    if ((long)row->len[idx] > MAX_JSON)
        return mc_error_set(err, MC_ERR_INPUT, "%s: JSON larger than 16 MiB",
                            col);
    root = mc_json_loadb(s, row->len[idx], 0, &jerr, &nomem);
    if (nomem)
        return mc_error_set(err, MC_ERR_NOMEM, "%s: out of memory", col);
    if (!root)
        return mc_error_set(err, MC_ERR_INPUT, "%s: bad JSON at %d: %s", col,
                            jerr.position, jerr.text);
    if (!json_is_array(root)) {
        json_decref(root);
        return mc_error_set(err, MC_ERR_INPUT, "%s: not a JSON array", col);
    }
    json_array_foreach(root, i, el) {
        const char *domain = json_string_value(json_object_get(el, "objectDomain"));
        const char *name = json_string_value(json_object_get(el, "objectName"));
        if (name && is_table_like(domain) && names_add(out, name)) {
            rc = mc_error_set(err, MC_ERR_NOMEM, "out of memory");
            break;
        }
    }
    json_decref(root);
    return rc;
}

static int detect(const struct mc_csv_row *h)
{
    static const char *const need[] = {"QUERY_ID", "BASE_OBJECTS_ACCESSED",
                                       NULL};
    static const char *const also[] = {"DIRECT_OBJECTS_ACCESSED",
                                       "OBJECTS_MODIFIED", "QUERY_START_TIME",
                                       "OBJECT_MODIFIED_BY_DDL", NULL};

    return mc_imp_score(h, need, also, 70);
}

static mc_err open_ah(void **out, const struct mc_csv_row *h,
                      const struct mc_import_ctx *ctx, struct mc_error *err)
{
    (void)ctx;
    return mc_imp_open(out, sizeof(struct state), h, columns, C__COUNT, err);
}

static mc_err convert(void *state, const struct mc_csv_row *row,
                      struct mc_record *out, struct mc_error *err)
{
    struct state *st = state;
    struct mc_sf_access *a = &out->u.a;
    mc_err rc;

    out->kind = MC_REC_SF_ACCESS;
    names_clear(&st->base);
    names_clear(&st->mod);
    if ((rc = mc_imp_width(row, st->c.width, err)) ||
        (rc = mc_imp_text(row, st->c.idx[C_ID], "QUERY_ID", 1, &a->query_id,
                          err)) ||
        (rc = mc_imp_time(row, st->c.idx[C_START], "QUERY_START_TIME", 0,
                          &a->start_ms, &a->has_start, err)) ||
        (rc = objects(row, st->c.idx[C_BASE], "BASE_OBJECTS_ACCESSED",
                      &st->base, err)) ||
        (rc = objects(row, st->c.idx[C_MOD], "OBJECTS_MODIFIED", &st->mod,
                      err)))
        return rc;
    a->user_name = mc_csv_get(row, st->c.idx[C_USER]);
    a->base = (const char *const *)st->base.v;
    a->n_base = st->base.n;
    a->modified = (const char *const *)st->mod.v;
    a->n_modified = st->mod.n;
    return MC_OK;
}

static void close_ah(void *state)
{
    struct state *st = state;

    names_clear(&st->base);
    names_clear(&st->mod);
    free(st->base.v);
    free(st->mod.v);
    free(st);
}

const struct mc_importer mc_importer_snowflake_access_history = {
    .name = "snowflake.access_history",
    .source = "snowflake",
    .summary = "Snowflake ACCESS_HISTORY (QUERY_ID, BASE_OBJECTS_ACCESSED, "
               "OBJECTS_MODIFIED as JSON)",
    .detect = detect,
    .open = open_ah,
    .convert = convert,
    .close = close_ah,
};
