/* store_schema.h — the schema migrations (src/store_schema.c). */
#ifndef MESHCOST_STORE_SCHEMA_H
#define MESHCOST_STORE_SCHEMA_H

/* Number of migrations = the schema version this build writes. */
int mc_schema_count(void);

/* SQL that brings user_version from from_version to from_version + 1
 * (static string), or NULL. */
const char *mc_schema_migration(int from_version);

#endif
