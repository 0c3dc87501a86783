/* importer_util.c — column lookup and typed conversion for importers. */
#include "meshcost/importer_util.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>


#include "meshcost/json.h"
#include "meshcost/money.h"

#define MAX_JSON (16L * 1024 * 1024)

mc_err mc_imp_columns(const struct mc_csv_row *header,
                      const struct mc_column *cols, int n, int *idx,
                      struct mc_error *err)
{
    for (int i = 0; i < n; i++) {
        idx[i] = mc_csv_col(header, cols[i].name);
        if (idx[i] < 0 && cols[i].required)
            return mc_error_set(err, MC_ERR_INPUT, "missing column '%s'",
                                cols[i].name);
    }
    return MC_OK;
}

mc_err mc_imp_open(void **out, size_t size, const struct mc_csv_row *header,
                   const struct mc_column *cols, int n, struct mc_error *err)
{
    struct mc_imp_cols *st;
    mc_err rc;

    if (n > MC_IMP_MAX_COLS || size < sizeof *st)
        return mc_error_set(err, MC_ERR_INTERNAL, "importer state too small");
    if (!(st = calloc(1, size)))
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    if ((rc = mc_imp_columns(header, cols, n, st->idx, err)) != MC_OK) {
        free(st);
        return rc;
    }
    st->width = header->n;
    *out = st;
    return MC_OK;
}

int mc_imp_score(const struct mc_csv_row *header, const char *const *need,
                 const char *const *also, int base)
{
    int score = base;

    for (; *need; need++)
        if (mc_csv_col(header, *need) < 0)
            return 0;
    for (; also && *also; also++)
        score += mc_csv_col(header, *also) >= 0;
    return score > 100 ? 100 : score;
}

mc_err mc_imp_width(const struct mc_csv_row *row, size_t width,
                    struct mc_error *err)
{
    if (row->n != width)
        return mc_error_set(err, MC_ERR_INPUT,
                            "expected %zu fields, found %zu", width, row->n);
    /* a NUL inside a field would silently cut it (ids would collide) */
    for (size_t i = 0; i < row->n; i++)
        if (row->field[i] && memchr(row->field[i], '\0', row->len[i]))
            return mc_error_set(err, MC_ERR_INPUT,
                                "field %zu contains a NUL byte", i + 1);
    return MC_OK;
}

mc_err mc_imp_text(const struct mc_csv_row *row, int idx, const char *name,
                   int required, const char **out, struct mc_error *err)
{
    *out = mc_csv_get(row, idx);
    if (!*out && required)
        return mc_error_set(err, MC_ERR_INPUT, "%s: missing", name);
    return MC_OK;
}

mc_err mc_imp_time(const struct mc_csv_row *row, int idx, const char *name,
                   int required, mc_ms *out, int *present,
                   struct mc_error *err)
{
    const char *s = mc_csv_get(row, idx);
    struct mc_error perr;

    if (present)
        *present = s != NULL;
    if (!s)
        return required ? mc_error_set(err, MC_ERR_INPUT, "%s: missing", name)
                        : MC_OK;
    if (mc_time_parse(s, out, &perr) != MC_OK)
        return mc_error_set(err, MC_ERR_INPUT,
                            "%s: not a timestamp: '%.40s'", name, s);
    /* usage and billing data of this century only: a year-1 or year-9999
     * date would make attribution walk millions of empty days */
    if (*out < MC_IMP_MIN_MS || *out >= MC_IMP_MAX_MS)
        return mc_error_set(err, MC_ERR_INPUT,
                            "%s: '%.40s' is outside 2000-01-01..2099-12-31",
                            name, s);
    return MC_OK;
}

mc_err mc_imp_int(const struct mc_csv_row *row, int idx, const char *name,
                  int required, int64_t dflt, int64_t *out, int *present,
                  struct mc_error *err)
{
    const char *s = mc_csv_get(row, idx);
    struct mc_error perr;
    int64_t milli;

    if (present)
        *present = s != NULL;
    *out = dflt;
    if (!s)
        return required ? mc_error_set(err, MC_ERR_INPUT, "%s: missing", name)
                        : MC_OK;
    /* Any notation ("12446", "1.2446E4") of a whole number: a fraction
     * shows at scale 3 (values too large for that are whole anyway). */
    if (mc_decimal_parse(s, 0, out, &perr) != MC_OK ||
        (strpbrk(s, ".eE") &&
         mc_decimal_parse(s, 3, &milli, &perr) == MC_OK &&
         milli != *out * 1000)) {
        *out = dflt;
        return mc_error_set(err, MC_ERR_INPUT,
                            "%s: not a whole number: '%.40s'", name, s);
    }
    return MC_OK;
}

mc_err mc_imp_decimal(const struct mc_csv_row *row, int idx, const char *name,
                      int scale, int64_t *out, struct mc_error *err)
{
    const char *s = mc_csv_get(row, idx);
    struct mc_error perr;

    *out = 0;
    if (!s)
        return MC_OK;
    if (mc_decimal_parse(s, scale, out, &perr) != MC_OK)
        return mc_error_set(err, MC_ERR_INPUT, "%s: %s", name, perr.msg);
    return MC_OK;
}

mc_err mc_imp_bool(const struct mc_csv_row *row, int idx, const char *name,
                   int *out, struct mc_error *err)
{
    static const char *const yes[] = {"true", "yes", "1", "t", "y", NULL};
    static const char *const no[] = {"false", "no", "0", "f", "n", NULL};
    const char *s = mc_csv_get(row, idx);

    *out = 0;
    if (!s)
        return MC_OK;
    for (int i = 0; yes[i]; i++) {
        if (strcasecmp(s, yes[i]) == 0) {
            *out = 1;
            return MC_OK;
        }
        if (strcasecmp(s, no[i]) == 0)
            return MC_OK;
    }
    return mc_error_set(err, MC_ERR_INPUT, "%s: not a boolean: '%.20s'", name,
                        s);
}

mc_err mc_imp_snapshot_day(const struct mc_import_ctx *ctx, mc_day *day,
                           struct mc_error *err)
{
    const char *base = ctx->path ? strrchr(ctx->path, '/') : NULL;

    base = base ? base + 1 : ctx->path;
    if ((base && mc_date_find(base, day)) || ctx->has_as_of) {
        if (!(base && mc_date_find(base, day)))
            *day = ctx->as_of; /* else the name says when it was taken */
        if ((mc_ms)*day * MC_MS_PER_DAY < MC_IMP_MIN_MS ||
            (mc_ms)*day * MC_MS_PER_DAY >= MC_IMP_MAX_MS)
            return mc_error_set(err, MC_ERR_INPUT,
                                "snapshot date outside "
                                "2000-01-01..2099-12-31");
        return MC_OK;
    }
    return mc_error_set(err, MC_ERR_INPUT,
                        "no snapshot date: put YYYY-MM-DD in the file name "
                        "or use --as-of");
}

void mc_imp_buf_reset(struct mc_imp_buf *b)
{
    b->n = 0;
    if (b->p)
        b->p[0] = '\0';
}

int mc_imp_buf_add(struct mc_imp_buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        char *p;
        while (cap < b->n + n + 1)
            cap *= 2;
        if (!(p = realloc(b->p, cap)))
            return -1;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
    return 0;
}

void mc_imp_buf_free(struct mc_imp_buf *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

mc_err mc_imp_json(const struct mc_csv_row *row, int idx, const char *name,
                   json_t **out, struct mc_error *err)
{
    const char *s = mc_csv_get(row, idx);
    json_error_t jerr;
    int nomem;

    *out = NULL;
    if (!s)
        return MC_OK;
    if ((long)row->len[idx] > MAX_JSON)
        return mc_error_set(err, MC_ERR_INPUT, "%s: JSON larger than 16 MiB",
                            name);
    *out = mc_json_loadb(s, row->len[idx], 0, &jerr, &nomem);
    if (nomem)
        return mc_error_set(err, MC_ERR_NOMEM, "%s: out of memory", name);
    if (!*out)
        return mc_error_set(err, MC_ERR_INPUT, "%s: bad JSON at %d: %s",
                            name, jerr.position, jerr.text);
    return MC_OK;
}
