/* strmap.c — a string-keyed map of sums. */
#include "meshcost/strmap.h"

#include <stdlib.h>
#include <string.h>

static size_t hash(const char *k)
{
    uint64_t h = 1469598103934665603ULL;

    for (; *k; k++)
        h = (h ^ (unsigned char)*k) * 1099511628211ULL;
    return (size_t)(h ^ (h >> 31));
}

static int grow(struct mc_strmap *m)
{
    size_t n = m->nslot ? m->nslot * 2 : 256;
    struct mc_strmap_entry *s = calloc(n, sizeof *s);

    if (!s)
        return -1;
    for (size_t i = 0; i < m->nslot; i++) {
        size_t j;
        if (!m->slot[i].key)
            continue;
        for (j = hash(m->slot[i].key) & (n - 1); s[j].key;
             j = (j + 1) & (n - 1))
            ;
        s[j] = m->slot[i];
    }
    free(m->slot);
    m->slot = s;
    m->nslot = n;
    return 0;
}

struct mc_strmap_entry *mc_strmap_get(struct mc_strmap *m, const char *key)
{
    size_t j;

    if (2 * (m->used + 1) > m->nslot && grow(m))
        return NULL;
    for (j = hash(key) & (m->nslot - 1); m->slot[j].key;
         j = (j + 1) & (m->nslot - 1))
        if (strcmp(m->slot[j].key, key) == 0)
            return &m->slot[j];
    if (!(m->slot[j].key = strdup(key)))
        return NULL;
    m->used++;
    return &m->slot[j];
}

int mc_strmap_min_text(struct mc_strmap_entry *e, int i, const char *text)
{
    char *t;

    if (!text || !*text || (e->text[i] && strcmp(e->text[i], text) <= 0))
        return 0;
    if (!(t = strdup(text)))
        return -1;
    free(e->text[i]);
    e->text[i] = t;
    return 0;
}

void mc_strmap_free(struct mc_strmap *m)
{
    for (size_t i = 0; i < m->nslot; i++) {
        free(m->slot[i].key);
        free(m->slot[i].text[0]);
        free(m->slot[i].text[1]);
    }
    free(m->slot);
    memset(m, 0, sizeof *m);
}
