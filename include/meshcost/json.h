/* json.h — jansson parsing that tells out of memory from bad JSON.
 *
 * jansson reports a failed allocation as a syntax error, and its lexer
 * drops a byte when a string buffer cannot grow (the text then parses,
 * wrongly). mc_json_loadb installs counting allocation functions and
 * voids any parse during which an allocation failed. */
#ifndef MESHCOST_JSON_H
#define MESHCOST_JSON_H

#include <jansson.h>
#include <stddef.h>

/* json_loadb with the same arguments; returns NULL with *nomem = 1 when
 * an allocation failed during the parse (the partial value is freed),
 * NULL with *nomem = 0 for bad JSON (details in jerr). */
json_t *mc_json_loadb(const char *buf, size_t len, size_t flags,
                      json_error_t *jerr, int *nomem);

#endif
