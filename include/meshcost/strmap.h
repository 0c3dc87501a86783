/* strmap.h — a string-keyed map of sums, for summing millions of rows in
 * memory into the few keys they land on (open addressing, FNV-1a). */
#ifndef MESHCOST_STRMAP_H
#define MESHCOST_STRMAP_H

#include <stddef.h>
#include <stdint.h>

struct mc_strmap_entry {
    char *key;  /* NULL: an empty slot */
    int64_t a, b;
    char *text[2]; /* owned, or NULL */
};

struct mc_strmap {
    struct mc_strmap_entry *slot;
    size_t nslot, used;
};

/* The entry of key, added (zeroed, key copied) if new; NULL when out of
 * memory (the map is unchanged). */
struct mc_strmap_entry *mc_strmap_get(struct mc_strmap *m, const char *key);

/* Keeps the bytewise smallest of e->text[i] and text (copied; NULL and ""
 * are no text); -1 when out of memory. */
int mc_strmap_min_text(struct mc_strmap_entry *e, int i, const char *text);

void mc_strmap_free(struct mc_strmap *m);

#endif
