/* hour_index.c — (warehouse key, hour) -> queries, as one sorted array of
 * entries: a query is entered once per hour of the day it overlaps, under
 * its warehouse id (if any) and under its upper-cased name. */
#include "meshcost/hour_index.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry {
    uint32_t key;  /* interned "I:<id>" or "N:<NAME>" */
    uint32_t hour; /* 0..23 of the day */
    uint32_t i;    /* query */
    uint32_t has_wid;
};

struct mc_hour_index {
    struct entry *e;
    size_t n, cap;
    char **keys; /* interned, by id */
    size_t nkeys;
    size_t *slot; /* open addressing: key id + 1 */
    size_t nslot;
    mc_ms d0;
};

static size_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;

    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return (size_t)(h ^ (h >> 29));
}

/* The id of key; create: add it if new (-1 if absent or out of memory). */
static long intern(struct mc_hour_index *x, const char *key, int create)
{
    size_t j;

    if (create && 2 * (x->nkeys + 1) > x->nslot) {
        size_t n = x->nslot ? x->nslot * 2 : 64;
        size_t *s = calloc(n, sizeof *s);
        if (!s)
            return -1;
        for (size_t k = 0; k < x->nkeys; k++) {
            for (j = hash(x->keys[k]) & (n - 1); s[j]; j = (j + 1) & (n - 1))
                ;
            s[j] = k + 1;
        }
        free(x->slot);
        x->slot = s;
        x->nslot = n;
    }
    if (!x->nslot)
        return -1;
    for (j = hash(key) & (x->nslot - 1); x->slot[j];
         j = (j + 1) & (x->nslot - 1))
        if (strcmp(x->keys[x->slot[j] - 1], key) == 0)
            return (long)(x->slot[j] - 1);
    if (!create)
        return -1;
    {
        char **k = realloc(x->keys, (x->nkeys + 1) * sizeof *k);
        if (!k)
            return -1;
        x->keys = k;
        if (!(k[x->nkeys] = strdup(key)))
            return -1;
        x->slot[j] = ++x->nkeys;
    }
    return (long)(x->nkeys - 1);
}

static void name_key(char *buf, size_t n, const char *name)
{
    size_t i = 2;

    buf[0] = 'N', buf[1] = ':';
    for (; *name && i + 1 < n; name++)
        buf[i++] = (char)toupper((unsigned char)*name);
    buf[i] = '\0';
}

static int push(struct mc_hour_index *x, uint32_t key, uint32_t hour,
                size_t i, int has_wid)
{
    if (x->n == x->cap) {
        size_t cap = x->cap ? x->cap * 2 : 1024;
        struct entry *e = realloc(x->e, cap * sizeof *e);
        if (!e)
            return -1;
        x->e = e;
        x->cap = cap;
    }
    x->e[x->n++] = (struct entry){key, hour, (uint32_t)i, (uint32_t)has_wid};
    return 0;
}

static int cmp_entry(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;

    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    if (x->hour != y->hour)
        return x->hour < y->hour ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

mc_err mc_hour_index_build(struct mc_hour_index **out, size_t n,
                           void (*get)(void *ctx, size_t i, struct mc_hq *q),
                           void *ctx, mc_ms d0, struct mc_error *err)
{
    struct mc_hour_index *x = calloc(1, sizeof *x);
    char key[300];

    *out = NULL;
    if (!x || n > UINT32_MAX)
        goto nomem;
    x->d0 = d0;
    for (size_t i = 0; i < n; i++) {
        struct mc_hq q;
        long kn, ki = -1;
        mc_ms a, b;
        get(ctx, i, &q);
        if (!q.wname || q.end <= q.start)
            continue;
        a = q.start > d0 ? q.start : d0;
        b = q.end < d0 + MC_MS_PER_DAY ? q.end : d0 + MC_MS_PER_DAY;
        if (b <= a)
            continue;
        name_key(key, sizeof key, q.wname);
        if ((kn = intern(x, key, 1)) < 0)
            goto nomem;
        if (q.has_wid) {
            snprintf(key, sizeof key, "I:%lld", (long long)q.wid);
            if ((ki = intern(x, key, 1)) < 0)
                goto nomem;
        }
        for (mc_ms h = (a - d0) / MC_MS_PER_HOUR; h * MC_MS_PER_HOUR + d0 < b;
             h++) {
            if (push(x, (uint32_t)kn, (uint32_t)h, i, q.has_wid) ||
                (ki >= 0 && push(x, (uint32_t)ki, (uint32_t)h, i, 1)))
                goto nomem;
        }
    }
    if (x->n > 1)
        qsort(x->e, x->n, sizeof *x->e, cmp_entry);
    *out = x;
    return MC_OK;
nomem:
    mc_hour_index_free(x);
    return mc_error_set(err, MC_ERR_NOMEM, "out of memory");
}

/* The entries of (key, hour): [*lo, *hi). */
static void range(const struct mc_hour_index *x, long key, uint32_t hour,
                  size_t *lo, size_t *hi)
{
    size_t a = 0, b = x->n;

    *lo = *hi = 0;
    if (key < 0)
        return;
    while (a < b) { /* first entry >= (key, hour) */
        size_t m = a + (b - a) / 2;
        const struct entry *e = &x->e[m];
        if (e->key < (uint32_t)key ||
            (e->key == (uint32_t)key && e->hour < hour))
            a = m + 1;
        else
            b = m;
    }
    *lo = a;
    while (a < x->n && x->e[a].key == (uint32_t)key && x->e[a].hour == hour)
        a++;
    *hi = a;
}

size_t mc_hour_index_find(const struct mc_hour_index *x, int has_wid,
                          int64_t wid, const char *wname, mc_ms hour,
                          size_t *out)
{
    struct mc_hour_index *mx = (struct mc_hour_index *)x;
    size_t a0, a1, b0 = 0, b1 = 0, n = 0;
    char key[300];
    uint32_t h;

    if (hour < x->d0 || hour >= x->d0 + MC_MS_PER_DAY || !wname)
        return 0;
    h = (uint32_t)((hour - x->d0) / MC_MS_PER_HOUR);
    name_key(key, sizeof key, wname);
    range(x, intern(mx, key, 0), h, &a0, &a1);
    if (!has_wid) { /* by name: every query of that name */
        for (size_t k = a0; k < a1; k++)
            out[n++] = x->e[k].i;
        return n;
    }
    /* by id for queries with an id, by name for those without */
    snprintf(key, sizeof key, "I:%lld", (long long)wid);
    range(x, intern(mx, key, 0), h, &b0, &b1);
    while (a0 < a1 || b0 < b1) {
        if (a0 < a1 && x->e[a0].has_wid) {
            a0++;
            continue;
        }
        if (b0 < b1 && (a0 >= a1 || x->e[b0].i < x->e[a0].i))
            out[n++] = x->e[b0++].i;
        else
            out[n++] = x->e[a0++].i;
    }
    return n;
}

void mc_hour_index_free(struct mc_hour_index *x)
{
    if (!x)
        return;
    for (size_t k = 0; k < x->nkeys; k++)
        free(x->keys[k]);
    free(x->keys);
    free(x->slot);
    free(x->e);
    free(x);
}
