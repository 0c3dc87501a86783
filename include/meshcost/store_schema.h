/* store_schema.h — the schema migrations (src/store_schema.c). */
#ifndef MESHCOST_STORE_SCHEMA_H
#define MESHCOST_STORE_SCHEMA_H

/* Number of migrations = the schema version this build writes. */
int mc_schema_count(void);

/* The SQL statements (NULL-terminated list of static strings) that bring
 * user_version from from_version to from_version + 1, or NULL. */
const char *const *mc_schema_migration(int from_version);

#endif
