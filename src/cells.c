/* cells.c — exact values rounded once and handed out by largest
 * remainder (see cells.h). */
#include "meshcost/cells.h"

#include <stdlib.h>
#include <string.h>

static size_t hash(mc_day day, const char *product, const char *item)
{
    uint64_t h = 1469598103934665603ULL ^ (uint64_t)day;

    for (const char *p = product; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    h = (h ^ 0xff) * 1099511628211ULL;
    for (const char *p = item ? item : ""; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    return (size_t)(h ^ (h >> 29));
}

static int same(const struct mc_cell *x, mc_day day, const char *product,
                const char *item)
{
    if (x->day != day || strcmp(x->product, product) != 0)
        return 0;
    if (!x->item || !item)
        return !x->item && !item;
    return strcmp(x->item, item) == 0;
}

static mc_err rehash(struct mc_cells *c, struct mc_error *err)
{
    size_t n = c->nslot ? c->nslot * 2 : 256;
    size_t *s = calloc(n, sizeof *s);

    if (!s)
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < c->n; i++) {
        const struct mc_cell *x = &c->v[i];
        size_t j = hash(x->day, x->product, x->item) & (n - 1);
        while (s[j])
            j = (j + 1) & (n - 1);
        s[j] = i + 1;
    }
    free(c->slot);
    c->slot = s;
    c->nslot = n;
    return MC_OK;
}

mc_err mc_cells_add(struct mc_cells *c, mc_day day, const char *product,
                    const char *reason, const char *item, mc_i128 value,
                    struct mc_error *err)
{
    size_t j;
    mc_err rc;

    if (2 * (c->n + 1) > c->nslot && (rc = rehash(c, err)) != MC_OK)
        return rc;
    for (j = hash(day, product, item) & (c->nslot - 1); c->slot[j];
         j = (j + 1) & (c->nslot - 1)) {
        struct mc_cell *x = &c->v[c->slot[j] - 1];
        if (same(x, day, product, item)) {
            if (__builtin_add_overflow(x->value, value, &x->value))
                return mc_error_set(err, MC_ERR_INPUT, "amounts overflow");
            return MC_OK;
        }
    }
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        struct mc_cell *p = realloc(c->v, cap * sizeof *p);
        if (!p)
            return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
        c->v = p;
        c->cap = cap;
    }
    c->v[c->n] = (struct mc_cell){day, product, reason, NULL, value, 0};
    if (item && !(c->v[c->n].item = strdup(item)))
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    c->slot[j] = ++c->n;
    return MC_OK;
}

mc_err mc_cells_add_split(struct mc_cells *c, mc_day day,
                          const struct mc_products *p, const char *item,
                          mc_i128 value, struct mc_error *err)
{
    mc_i128 mag = value < 0 ? -value : value;
    mc_i128 each = mag / (mc_i128)p->n, extra = mag % (mc_i128)p->n;
    mc_err rc = MC_OK;

    for (size_t i = 0; i < p->n && rc == MC_OK; i++) {
        mc_i128 part = each + ((mc_i128)i < extra ? 1 : 0);
        rc = mc_cells_add(c, day, p->ids[i], p->reason, item,
                          value < 0 ? -part : part, err);
    }
    return rc;
}

struct order {
    struct mc_cell *cell;
    mc_i128 rem;
};

static int cmp_rem(const void *x, const void *y)
{
    const struct order *a = x, *b = y;
    int r;

    if (a->rem != b->rem)
        return a->rem > b->rem ? -1 : 1;
    if (a->cell->day != b->cell->day)
        return a->cell->day < b->cell->day ? -1 : 1;
    if ((r = strcmp(a->cell->product, b->cell->product)) != 0)
        return r;
    if (!a->cell->item || !b->cell->item)
        return !a->cell->item ? (b->cell->item ? -1 : 0) : 1;
    return strcmp(a->cell->item, b->cell->item);
}

mc_err mc_cells_distribute(struct mc_cells *c, mc_i128 den,
                           struct mc_error *err)
{
    struct order *o;
    mc_i128 sum = 0, floors = 0, k;

    if (c->n == 0)
        return MC_OK;
    if (!(o = malloc(c->n * sizeof *o)))
        return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < c->n; i++) {
        struct mc_cell *x = &c->v[i];
        mc_i128 q = x->value / den, r = x->value % den;
        if (r < 0)
            q--, r += den; /* floor */
        x->micro = (mc_money)q;
        o[i] = (struct order){x, r};
        if (__builtin_add_overflow(sum, x->value, &sum)) {
            free(o);
            return mc_error_set(err, MC_ERR_INPUT, "amounts overflow");
        }
        floors += q;
    }
    k = mc_div_round(sum, den) - floors; /* 0 <= k <= n */
    if (k > 0) {
        qsort(o, c->n, sizeof *o, cmp_rem);
        for (size_t i = 0; i < c->n && k > 0; i++, k--)
            o[i].cell->micro++;
    }
    free(o);
    return MC_OK;
}

void mc_cells_free(struct mc_cells *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->v[i].item);
    free(c->v);
    free(c->slot);
    memset(c, 0, sizeof *c);
}
