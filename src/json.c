/* json.c — jansson parsing that tells out of memory from bad JSON. */
#include "meshcost/json.h"

#include <stdlib.h>

static unsigned long failures; /* allocations jansson could not get */

static void *counting_malloc(size_t n)
{
    void *p = malloc(n);

    if (!p)
        failures++;
    return p;
}

json_t *mc_json_loadb(const char *buf, size_t len, size_t flags,
                      json_error_t *jerr, int *nomem)
{
    static int installed;
    unsigned long before;
    json_t *root;

    if (!installed) {
        json_set_alloc_funcs(counting_malloc, free);
        installed = 1;
    }
    before = failures;
    root = json_loadb(buf, len, flags, jerr);
    *nomem = failures != before;
    if (*nomem) {
        json_decref(root);
        root = NULL;
    }
    return root;
}
