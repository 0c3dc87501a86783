/* store_schema.c — the whole schema, in one place, as numbered migrations.
 * Migration i brings PRAGMA user_version from i to i+1. Never edit a
 * migration that has shipped: append a new one. */
#include <stddef.h>

#include "meshcost/store_schema.h"

/* 0 -> 1: the initial schema, in parts (C limits one literal's length). */
static const char *const v1[] = {
    "CREATE TABLE meta("
    "  key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;"

    /* One row per file we tried to load. A file's identity is the sha256
     * of its bytes; a successful load of the same bytes is never redone. */
    "CREATE TABLE loads("
    "  load_id INTEGER PRIMARY KEY,"
    "  path TEXT NOT NULL,"
    "  sha256 TEXT NOT NULL,"
    "  importer TEXT NOT NULL,"
    "  source TEXT NOT NULL,"
    "  loaded_at TEXT NOT NULL,"
    "  rows INTEGER NOT NULL DEFAULT 0,"
    "  rejects INTEGER NOT NULL DEFAULT 0,"
    "  status TEXT NOT NULL DEFAULT 'loading'"
    "    CHECK (status IN ('loading', 'loaded', 'rejected')),"
    "  first_day TEXT, last_day TEXT) STRICT;"
    "CREATE UNIQUE INDEX loads_sha256 ON loads(sha256)"
    "  WHERE status = 'loaded';"
    "CREATE TABLE rejects("
    "  load_id INTEGER NOT NULL REFERENCES loads(load_id),"
    "  line INTEGER NOT NULL,"
    "  reason TEXT NOT NULL,"
    "  excerpt TEXT) STRICT;"
    "CREATE INDEX rejects_load ON rejects(load_id);"

    ,
    /* Snowflake raw facts; natural keys per DESIGN 4.5.4. */
    "CREATE TABLE sf_query("
    "  query_id TEXT PRIMARY KEY,"
    "  load_id INTEGER NOT NULL,"
    "  start_ms INTEGER NOT NULL,"
    "  end_ms INTEGER NOT NULL,"
    "  exec_ms INTEGER NOT NULL,"
    "  warehouse_id INTEGER,"
    "  warehouse_name TEXT,"
    "  warehouse_size TEXT,"
    "  user_name TEXT,"
    "  role_name TEXT,"
    "  query_tag TEXT,"
    "  query_type TEXT,"
    "  execution_status TEXT,"
    "  cs_nano INTEGER NOT NULL,"
    "  bytes_scanned INTEGER NOT NULL,"
    "  query_hash TEXT,"
    "  param_hash TEXT,"
    "  query_text TEXT) STRICT;"
    "CREATE INDEX sf_query_end ON sf_query(end_ms);"
    "CREATE TABLE sf_access("
    "  query_id TEXT PRIMARY KEY,"
    "  load_id INTEGER NOT NULL,"
    "  start_ms INTEGER,"
    "  user_name TEXT) STRICT;"
    "CREATE TABLE sf_access_obj("
    "  query_id TEXT NOT NULL,"
    "  kind TEXT NOT NULL CHECK (kind IN ('base', 'modified')),"
    "  object_name TEXT NOT NULL,"
    "  PRIMARY KEY (query_id, kind, object_name)) STRICT, WITHOUT ROWID;"
    "CREATE TABLE sf_meter("
    "  warehouse_key TEXT NOT NULL,"
    "  hour_ms INTEGER NOT NULL,"
    "  warehouse_id INTEGER,"
    "  warehouse_name TEXT NOT NULL,"
    "  compute_nano INTEGER NOT NULL,"
    "  cs_nano INTEGER NOT NULL,"
    "  load_id INTEGER NOT NULL,"
    "  PRIMARY KEY (warehouse_key, hour_ms)) STRICT;"
    "CREATE INDEX sf_meter_hour ON sf_meter(hour_ms);"
    "CREATE TABLE sf_query_attr("
    "  query_id TEXT PRIMARY KEY,"
    "  load_id INTEGER NOT NULL,"
    "  warehouse_id INTEGER,"
    "  warehouse_name TEXT NOT NULL,"
    "  start_ms INTEGER NOT NULL,"
    "  end_ms INTEGER NOT NULL,"
    "  credits_nano INTEGER NOT NULL) STRICT;"
    "CREATE INDEX sf_query_attr_end ON sf_query_attr(end_ms);"
    "CREATE TABLE sf_meter_daily("
    "  usage_day TEXT NOT NULL,"
    "  service_type TEXT NOT NULL,"
    "  cs_nano INTEGER NOT NULL,"
    "  adjustment_nano INTEGER NOT NULL,"
    "  load_id INTEGER NOT NULL,"
    "  PRIMARY KEY (usage_day, service_type)) STRICT;"
    "CREATE TABLE sf_rate("
    "  rate_day TEXT NOT NULL,"
    "  usage_type TEXT NOT NULL,"
    "  currency TEXT NOT NULL,"
    "  rate INTEGER NOT NULL,"
    "  load_id INTEGER NOT NULL,"
    "  PRIMARY KEY (rate_day, usage_type)) STRICT;"
    "CREATE TABLE sf_storage("
    "  snapshot_day TEXT NOT NULL,"
    "  table_id INTEGER NOT NULL,"
    "  table_fqn TEXT NOT NULL,"
    "  bytes INTEGER NOT NULL,"
    "  deleted INTEGER NOT NULL,"
    "  load_id INTEGER NOT NULL,"
    "  PRIMARY KEY (snapshot_day, table_id)) STRICT;"

    /* FOCUS billing lines; a load replaces its scopes (provider, billing
     * account, billing period). Amounts in 1e-11 of the billing currency.*/
    "CREATE TABLE focus_line("
    "  line_id INTEGER PRIMARY KEY,"
    "  scope TEXT NOT NULL,"
    "  load_id INTEGER NOT NULL,"
    "  charge_start_ms INTEGER NOT NULL,"
    "  charge_end_ms INTEGER NOT NULL,"
    "  effective INTEGER NOT NULL,"
    "  billed INTEGER NOT NULL,"
    "  currency TEXT NOT NULL,"
    "  resource_id TEXT,"
    "  tags TEXT,"
    "  service TEXT,"
    "  category TEXT) STRICT;"
    "CREATE INDEX focus_line_scope ON focus_line(scope);"
    "CREATE INDEX focus_line_charge ON focus_line(charge_start_ms);"
    ,
    /* The catalog: replaced as a whole by each import, versioned. */
    "CREATE TABLE catalog_versions("
    "  version INTEGER PRIMARY KEY,"
    "  imported_at TEXT NOT NULL,"
    "  products_file TEXT NOT NULL,"
    "  assets_file TEXT NOT NULL,"
    "  products INTEGER NOT NULL,"
    "  assets INTEGER NOT NULL) STRICT;"
    "CREATE TABLE products("
    "  product_id TEXT PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  domain TEXT NOT NULL,"
    "  owner TEXT,"
    "  owner_email TEXT,"
    "  status TEXT NOT NULL CHECK (status IN"
    "    ('active', 'deprecated', 'archived', 'protected')),"
    "  monthly_budget INTEGER,"
    "  currency TEXT,"
    "  tags TEXT,"
    "  line INTEGER NOT NULL) STRICT;"
    "CREATE TABLE product_deps("
    "  product_id TEXT NOT NULL,"
    "  depends_on TEXT NOT NULL,"
    "  PRIMARY KEY (product_id, depends_on)) STRICT;"
    "CREATE TABLE assets("
    "  product_id TEXT NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  pattern TEXT NOT NULL,"
    "  line INTEGER NOT NULL) STRICT;"

    ,
    /* Attribution results. amount: micro-units; reason: why a cost went to
     * _unallocated ('' for products). source_totals: the wholes that were
     * split, for the conservation check and the Reconciliation sheet. */
    "CREATE TABLE allocations("
    "  day TEXT NOT NULL,"
    "  product_id TEXT NOT NULL,"
    "  source TEXT NOT NULL,"
    "  cost_kind TEXT NOT NULL,"
    "  reason TEXT NOT NULL,"
    "  amount INTEGER NOT NULL,"
    "  PRIMARY KEY (day, product_id, source, cost_kind, reason)) STRICT;"
    "CREATE TABLE source_totals("
    "  day TEXT NOT NULL,"
    "  source TEXT NOT NULL,"
    "  cost_kind TEXT NOT NULL,"
    "  amount INTEGER NOT NULL,"
    "  PRIMARY KEY (day, source, cost_kind)) STRICT;"
    "CREATE TABLE query_costs("
    "  day TEXT NOT NULL,"
    "  query_id TEXT NOT NULL,"
    "  product_id TEXT NOT NULL,"
    "  cost_kind TEXT NOT NULL,"
    "  amount INTEGER NOT NULL,"
    "  PRIMARY KEY (day, query_id, product_id, cost_kind)) STRICT,"
    "  WITHOUT ROWID;"
    /* Storage cost per table: each product's share split by bytes. */
    "CREATE TABLE table_costs("
    "  day TEXT NOT NULL,"
    "  table_id INTEGER NOT NULL,"
    "  table_fqn TEXT NOT NULL,"
    "  product_id TEXT NOT NULL,"
    "  bytes INTEGER NOT NULL,"
    "  amount INTEGER NOT NULL,"
    "  PRIMARY KEY (day, table_id)) STRICT;"
    ,
    "CREATE TABLE attributed_days("
    "  day TEXT PRIMARY KEY,"
    "  catalog_version INTEGER NOT NULL) STRICT;"
    "CREATE TABLE runs("
    "  run_id INTEGER PRIMARY KEY,"
    "  command TEXT NOT NULL,"
    "  run_date TEXT,"
    "  started_at TEXT NOT NULL,"
    "  finished_at TEXT,"
    "  exit_code INTEGER,"
    "  summary TEXT) STRICT;"
    /* Late data for a closed month: the change it would have made, booked
     * on the first day of the first open month after it. */
    "CREATE TABLE adjustments("
    "  booked_day TEXT NOT NULL,"
    "  orig_day TEXT NOT NULL,"
    "  product_id TEXT NOT NULL,"
    "  source TEXT NOT NULL,"
    "  cost_kind TEXT NOT NULL,"
    "  reason TEXT NOT NULL,"
    "  amount INTEGER NOT NULL) STRICT;"
    "CREATE INDEX adjustments_booked ON adjustments(booked_day);"
    /* Months frozen by `close`: their allocations never change again. */
    "CREATE TABLE closed_months("
    "  period TEXT PRIMARY KEY,"
    "  closed_at TEXT NOT NULL) STRICT;",
    NULL,
};

/* 1 -> 2: BigQuery and Databricks. */
static const char *const v2[] = {
    /* INFORMATION_SCHEMA.JOBS; the latest load of a job wins. Tables are
     * project.dataset.table names separated by newlines. */
    "CREATE TABLE bq_job("
    "  project_id TEXT NOT NULL,"
    "  job_id TEXT NOT NULL,"
    "  load_id INTEGER NOT NULL,"
    "  parent_job_id TEXT,"
    "  user_email TEXT,"
    "  statement_type TEXT,"
    "  reservation_id TEXT,"
    "  edition TEXT,"
    "  error_reason TEXT,"
    "  cache_hit INTEGER NOT NULL,"
    "  start_ms INTEGER NOT NULL,"
    "  end_ms INTEGER NOT NULL,"
    "  bytes_billed INTEGER NOT NULL,"
    "  slot_ms INTEGER NOT NULL,"
    "  labels TEXT,"
    "  tables_read TEXT,"
    "  table_written TEXT,"
    "  query_text TEXT,"
    "  PRIMARY KEY (project_id, job_id)) STRICT;"
    "CREATE INDEX bq_job_end ON bq_job(end_ms);"
    /* TABLE_STORAGE snapshots: bytes per storage class. */
    "CREATE TABLE bq_storage("
    "  snapshot_day TEXT NOT NULL,"
    "  table_fqn TEXT NOT NULL,"
    "  load_id INTEGER NOT NULL,"
    "  active_logical INTEGER NOT NULL,"
    "  long_term_logical INTEGER NOT NULL,"
    "  active_physical INTEGER NOT NULL,"
    "  long_term_physical INTEGER NOT NULL,"
    "  fail_safe_physical INTEGER NOT NULL,"
    "  deleted INTEGER NOT NULL,"
    "  PRIMARY KEY (snapshot_day, table_fqn)) STRICT;"
    /* system.billing.usage; quantity = qty_units + qty_atto / 1e18 (same
     * sign). resources: usage_metadata ids separated by newlines. */
    "CREATE TABLE dbx_usage("
    "  record_id TEXT PRIMARY KEY,"
    "  load_id INTEGER NOT NULL,"
    "  workspace_id TEXT,"
    "  sku_name TEXT NOT NULL,"
    "  cloud TEXT NOT NULL,"
    "  start_ms INTEGER NOT NULL,"
    "  end_ms INTEGER NOT NULL,"
    "  usage_unit TEXT,"
    "  usage_type TEXT,"
    "  record_type TEXT,"
    "  qty_units INTEGER NOT NULL,"
    "  qty_atto INTEGER NOT NULL,"
    "  custom_tags TEXT,"
    "  resources TEXT,"
    "  run_as TEXT,"
    "  origin TEXT) STRICT;"
    "CREATE INDEX dbx_usage_start ON dbx_usage(start_ms);"
    /* system.billing.list_prices: price at 1e-9 per unit. */
    "CREATE TABLE dbx_price("
    "  sku_name TEXT NOT NULL COLLATE NOCASE,"
    "  cloud TEXT NOT NULL COLLATE NOCASE,"
    "  start_ms INTEGER NOT NULL,"
    "  end_ms INTEGER,"
    "  currency TEXT NOT NULL,"
    "  usage_unit TEXT,"
    "  price INTEGER NOT NULL,"
    "  load_id INTEGER NOT NULL,"
    "  PRIMARY KEY (sku_name, cloud, start_ms)) STRICT;",
    NULL,
};

/* 2 -> 3: query text once per parameterized hash (the Drivers sheet shows
 * one example per hash), not once per query: at millions of queries a day
 * the text was most of the database and of the ingest time. The example
 * kept is the smallest text (bytewise), so it does not depend on the
 * order files were loaded in. Queries without a hash share the key ''. */
static const char *const v3[] = {
    "CREATE TABLE sf_query_text("
    "  param_hash TEXT PRIMARY KEY,"
    "  query_text TEXT NOT NULL) STRICT, WITHOUT ROWID;"
    "INSERT INTO sf_query_text(param_hash, query_text)"
    "  SELECT coalesce(param_hash, ''), min(query_text) FROM sf_query"
    "  WHERE query_text IS NOT NULL GROUP BY 1;"
    "UPDATE sf_query SET query_text = NULL WHERE query_text IS NOT NULL;"
    /* the showback of one domain reads its products' query costs */
    "CREATE INDEX query_costs_product ON query_costs(product_id, day);",
    NULL,
};

/* 4: query costs grouped as the Drivers sheet and the board show them
 * (per day and domain: by source, group and cost kind; by product; by user
 * and role; by warehouse or project) instead of one row per query, product
 * and cost kind: at millions of queries a day query_costs was the largest
 * table and most of the time of attribute and report. A query counts once
 * in each domain it is charged to, on the day its execution started or the
 * first of a month (so once in a month's report), in the row of the first
 * kind charged. Existing query costs are converted; products no longer in
 * the catalog (and _unallocated) have the domain ''. Reads per product
 * and user are kept per day the same way (product_reads). */
static const char *const v4[] = {
    "CREATE TABLE query_groups("
    "  day TEXT NOT NULL,"
    "  domain TEXT NOT NULL,"
    "  source TEXT NOT NULL,"
    "  group_key TEXT NOT NULL,"
    "  cost_kind TEXT NOT NULL,"
    "  queries INTEGER NOT NULL,"
    "  amount INTEGER NOT NULL,"
    "  warehouse TEXT,"
    "  sample_text TEXT,"
    "  PRIMARY KEY (domain, day, source, group_key, cost_kind)) STRICT,"
    "  WITHOUT ROWID;"
    "CREATE TABLE query_group_products("
    "  day TEXT NOT NULL,"
    "  domain TEXT NOT NULL,"
    "  source TEXT NOT NULL,"
    "  group_key TEXT NOT NULL,"
    "  product_id TEXT NOT NULL,"
    "  amount INTEGER NOT NULL,"
    "  PRIMARY KEY (domain, day, source, group_key, product_id)) STRICT,"
    "  WITHOUT ROWID;"
    "CREATE TABLE query_users("
    "  day TEXT NOT NULL,"
    "  domain TEXT NOT NULL,"
    "  user_name TEXT NOT NULL,"
    "  role_name TEXT NOT NULL,"
    "  queries INTEGER NOT NULL,"
    "  amount INTEGER NOT NULL,"
    "  PRIMARY KEY (domain, day, user_name, role_name)) STRICT,"
    "  WITHOUT ROWID;"
    "CREATE TABLE query_warehouses("
    "  day TEXT NOT NULL,"
    "  domain TEXT NOT NULL,"
    "  warehouse TEXT NOT NULL,"
    "  queries INTEGER NOT NULL,"
    "  amount INTEGER NOT NULL,"
    "  PRIMARY KEY (domain, day, warehouse)) STRICT, WITHOUT ROWID;"
    "CREATE TEMP VIEW qc_facts AS SELECT c.day, coalesce(p.domain, '') AS"
    "  domain, CASE WHEN q.query_id IS NULL AND b.job_id IS NOT NULL THEN"
    "  'bigquery' ELSE 'snowflake' END AS source,"
    "  CASE WHEN q.query_id IS NULL AND b.job_id IS NOT NULL THEN"
    "  'BigQuery ' || b.project_id || ' ' || coalesce(b.statement_type, '')"
    "  || ' by ' || coalesce(b.user_email, '?') ELSE"
    "  coalesce(q.param_hash, '(no hash)') END AS group_key,"
    "  coalesce(q.user_name, b.user_email, '') AS user_name,"
    "  coalesce(q.role_name, '') AS role_name,"
    "  coalesce(q.warehouse_name, b.project_id, '') AS warehouse,"
    "  c.cost_kind, min(c.cost_kind) OVER (PARTITION BY c.day,"
    "  coalesce(p.domain, ''), c.query_id) AS first_kind,"
    "  q.query_id IS NULL OR q.end_ms - q.exec_ms >= unixepoch(c.day) * 1000"
    "  OR substr(c.day, 9) = '01' AS counts,"
    "  c.query_id, c.product_id, c.amount, b.query_text"
    "  FROM query_costs c LEFT JOIN products p USING (product_id)"
    "  LEFT JOIN sf_query q ON q.query_id = c.query_id"
    "  LEFT JOIN bq_job b ON q.query_id IS NULL"
    "  AND b.project_id = substr(c.query_id, 1, instr(c.query_id, ':') - 1)"
    "  AND b.job_id = substr(c.query_id, instr(c.query_id, ':') + 1);"
    "INSERT INTO query_groups SELECT day, domain, source, group_key,"
    "  cost_kind, count(DISTINCT CASE WHEN cost_kind = first_kind AND"
    "  counts THEN query_id END), sum(amount), min(nullif(warehouse, '')),"
    "  min(query_text) FROM temp.qc_facts GROUP BY 1, 2, 3, 4, 5"
    "  HAVING sum(amount) != 0;"
    "INSERT INTO query_group_products SELECT day, domain, source, group_key,"
    "  product_id, sum(amount) FROM temp.qc_facts GROUP BY 1, 2, 3, 4, 5"
    "  HAVING sum(amount) != 0;"
    "INSERT INTO query_users SELECT day, domain, user_name, role_name,"
    "  count(DISTINCT CASE WHEN counts THEN query_id END), sum(amount)"
    "  FROM temp.qc_facts GROUP BY 1, 2, 3, 4 HAVING sum(amount) != 0;"
    "INSERT INTO query_warehouses SELECT day, domain, warehouse,"
    "  count(DISTINCT CASE WHEN counts THEN query_id END), sum(amount)"
    "  FROM temp.qc_facts GROUP BY 1, 2, 3 HAVING sum(amount) != 0;"
    "DROP VIEW temp.qc_facts;"
    "DROP TABLE query_costs;"
    /* who read each product, per day and user (attribute computes it;
     * reports count reads and consumers over windows of days) */
    "CREATE TABLE product_reads("
    "  day TEXT NOT NULL,"
    "  product_id TEXT NOT NULL,"
    "  user_name TEXT NOT NULL,"
    "  reads INTEGER NOT NULL,"
    "  last_ms INTEGER NOT NULL,"
    "  PRIMARY KEY (day, product_id, user_name)) STRICT, WITHOUT ROWID;"
    "CREATE INDEX sf_access_start ON sf_access(start_ms);"
    "CREATE INDEX bq_job_start ON bq_job(start_ms);"
    /* the catalog version each day's reads were computed with */
    "CREATE TABLE usage_days("
    "  day TEXT PRIMARY KEY,"
    "  catalog_version INTEGER NOT NULL) STRICT, WITHOUT ROWID;",
    NULL,
};

static const char *const *const migrations[] = {v1, v2, v3, v4};

int mc_schema_count(void)
{
    return (int)(sizeof migrations / sizeof migrations[0]);
}

const char *const *mc_schema_migration(int from_version)
{
    if (from_version < 0 || from_version >= mc_schema_count())
        return 0;
    return migrations[from_version];
}
