-- attribute.sql — the benchmark's DuckDB peer of meshcost: DESIGN §4.1-4.3
-- for the Snowflake sources (QUERY_HISTORY, ACCESS_HISTORY,
-- WAREHOUSE_METERING_HISTORY, TABLE_STORAGE_METRICS), from the CSV files
-- straight to the rows of `meshcost export allocations --period P`.
--
-- run.mjs replaces the {{...}} placeholders (paths, prices in micro-units,
-- the tag key, the idle policy, the period), runs the statements in order
-- (they are separated by a ';' at the end of a line) and writes the rows of
-- the last one as CSV.
--
-- Money is integer micro-units, credits integer nano-credits; every whole
-- (a warehouse-hour, a day's billable cloud services, a day's storage) is
-- rounded once half-to-even and split by largest remainder, ties by query id
-- or product id (bytewise: DuckDB's default collation is binary). Products
-- of one query share its part evenly (largest remainder, ties by product id).
-- Products of equal weight are never favoured by hash order: every tie is
-- broken explicitly.

-- round_half_even(n / d) for n >= 0, d > 0 (HUGEINT: products overflow int64)
CREATE MACRO div_even(n, d) AS
    (n // d) + CASE WHEN 2 * (n % d) > d OR (2 * (n % d) = d AND (n // d) % 2 = 1)
                    THEN 1 ELSE 0 END;

-- whitespace as C's isspace() and Python's str.strip() see it (ASCII)
CREATE MACRO ws() AS ' ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13);

-- a catalog glob as a LIKE pattern: '*' is the only wildcard
CREATE MACRO like_pat(p) AS
    replace(replace(replace(replace(p, '\', '\\'), '%', '\%'), '_', '\_'), '*', '%');

------------------------------------------------------------------ catalog
CREATE TABLE products AS
SELECT product_id, domain
FROM read_csv('{{CATALOG}}/products.csv', header = true, auto_detect = false,
              delim = ',', quote = '"', escape = '"', nullstr = '',
              columns = {'product_id': 'VARCHAR', 'name': 'VARCHAR',
                         'domain': 'VARCHAR', 'owner': 'VARCHAR',
                         'owner_email': 'VARCHAR', 'status': 'VARCHAR',
                         'monthly_budget': 'VARCHAR', 'currency': 'VARCHAR',
                         'depends_on': 'VARCHAR', 'tags': 'VARCHAR'});

-- kinds table/schema/database are one class ("object"): a schema pattern
-- DB.S means DB.S.*, a database pattern DB means DB.*.*. Specificity: the
-- literal characters before the first '*'; an exact name beats any glob.
CREATE TABLE assets AS
SELECT product_id, cls, full_pat,
       CASE WHEN strpos(full_pat, '*') > 0 THEN strpos(full_pat, '*') - 1
            ELSE 1000000000 END AS spec,
       like_pat(full_pat) AS pat
FROM (SELECT product_id,
             CASE WHEN kind IN ('table', 'schema', 'database') THEN 'object'
                  ELSE kind END AS cls,
             pattern || CASE kind WHEN 'schema' THEN '.*'
                                  WHEN 'database' THEN '.*.*' ELSE '' END
                 AS full_pat
      FROM read_csv('{{CATALOG}}/assets.csv', header = true,
                    auto_detect = false, delim = ',', quote = '"',
                    escape = '"', nullstr = '',
                    columns = {'product_id': 'VARCHAR', 'kind': 'VARCHAR',
                               'pattern': 'VARCHAR'}));

------------------------------------------------------------------ facts
-- QUERY_HISTORY: only the columns the attribution reads are converted; the
-- others stay VARCHAR (never parsed). Timestamps carry the session offset
-- (-0700): the TIMESTAMP columns are read with %z, i.e. converted to UTC.
-- De-duplicated by QUERY_ID: the last row loaded wins.
CREATE TABLE q_raw AS
SELECT query_id AS id,
       warehouse_id AS wid,
       warehouse_name AS wh,
       upper(warehouse_name) AS whu,
       role_name AS role,
       user_name AS usr,
       query_tag AS tag,
       epoch_ms(end_time) AS end_ms,
       epoch_ms(end_time) - coalesce(execution_time, 0) AS start_ms,
       CAST(coalesce(credits_used_cloud_services, 0) * 1000000000 AS BIGINT) AS cs
FROM read_csv('{{INBOX}}/query_history*.csv', header = true,
              auto_detect = false, delim = ',', quote = '"', escape = '"',
              nullstr = ['', 'NULL', '\N'],
              timestampformat = '%Y-%m-%d %H:%M:%S.%g %z',
              columns = {
    'QUERY_ID': 'VARCHAR', 'QUERY_TEXT': 'VARCHAR', 'DATABASE_ID': 'VARCHAR',
    'DATABASE_NAME': 'VARCHAR', 'SCHEMA_ID': 'VARCHAR', 'SCHEMA_NAME': 'VARCHAR',
    'QUERY_TYPE': 'VARCHAR', 'SESSION_ID': 'VARCHAR', 'USER_NAME': 'VARCHAR',
    'ROLE_NAME': 'VARCHAR', 'WAREHOUSE_ID': 'BIGINT', 'WAREHOUSE_NAME': 'VARCHAR',
    'WAREHOUSE_SIZE': 'VARCHAR', 'WAREHOUSE_TYPE': 'VARCHAR',
    'CLUSTER_NUMBER': 'VARCHAR', 'QUERY_TAG': 'VARCHAR',
    'EXECUTION_STATUS': 'VARCHAR', 'ERROR_CODE': 'VARCHAR',
    'ERROR_MESSAGE': 'VARCHAR', 'START_TIME': 'TIMESTAMP', 'END_TIME': 'TIMESTAMP',
    'TOTAL_ELAPSED_TIME': 'VARCHAR', 'BYTES_SCANNED': 'VARCHAR',
    'PERCENTAGE_SCANNED_FROM_CACHE': 'VARCHAR', 'BYTES_WRITTEN': 'VARCHAR',
    'BYTES_WRITTEN_TO_RESULT': 'VARCHAR', 'BYTES_READ_FROM_RESULT': 'VARCHAR',
    'ROWS_PRODUCED': 'VARCHAR', 'ROWS_INSERTED': 'VARCHAR', 'ROWS_UPDATED': 'VARCHAR',
    'ROWS_DELETED': 'VARCHAR', 'ROWS_UNLOADED': 'VARCHAR', 'BYTES_DELETED': 'VARCHAR',
    'PARTITIONS_SCANNED': 'VARCHAR', 'PARTITIONS_TOTAL': 'VARCHAR',
    'BYTES_SPILLED_TO_LOCAL_STORAGE': 'VARCHAR',
    'BYTES_SPILLED_TO_REMOTE_STORAGE': 'VARCHAR',
    'BYTES_SENT_OVER_THE_NETWORK': 'VARCHAR', 'COMPILATION_TIME': 'VARCHAR',
    'EXECUTION_TIME': 'BIGINT', 'QUEUED_PROVISIONING_TIME': 'VARCHAR',
    'QUEUED_REPAIR_TIME': 'VARCHAR', 'QUEUED_OVERLOAD_TIME': 'VARCHAR',
    'TRANSACTION_BLOCKED_TIME': 'VARCHAR', 'OUTBOUND_DATA_TRANSFER_CLOUD': 'VARCHAR',
    'OUTBOUND_DATA_TRANSFER_REGION': 'VARCHAR',
    'OUTBOUND_DATA_TRANSFER_BYTES': 'VARCHAR', 'INBOUND_DATA_TRANSFER_CLOUD': 'VARCHAR',
    'INBOUND_DATA_TRANSFER_REGION': 'VARCHAR', 'INBOUND_DATA_TRANSFER_BYTES': 'VARCHAR',
    'LIST_EXTERNAL_FILES_TIME': 'VARCHAR',
    'CREDITS_USED_CLOUD_SERVICES': 'DECIMAL(38,9)', 'RELEASE_VERSION': 'VARCHAR',
    'EXTERNAL_FUNCTION_TOTAL_INVOCATIONS': 'VARCHAR',
    'EXTERNAL_FUNCTION_TOTAL_SENT_ROWS': 'VARCHAR',
    'EXTERNAL_FUNCTION_TOTAL_RECEIVED_ROWS': 'VARCHAR',
    'EXTERNAL_FUNCTION_TOTAL_SENT_BYTES': 'VARCHAR',
    'EXTERNAL_FUNCTION_TOTAL_RECEIVED_BYTES': 'VARCHAR',
    'QUERY_LOAD_PERCENT': 'VARCHAR', 'IS_CLIENT_GENERATED_STATEMENT': 'VARCHAR',
    'QUERY_ACCELERATION_BYTES_SCANNED': 'VARCHAR',
    'QUERY_ACCELERATION_PARTITIONS_SCANNED': 'VARCHAR',
    'QUERY_ACCELERATION_UPPER_LIMIT_SCALE_FACTOR': 'VARCHAR',
    'TRANSACTION_ID': 'VARCHAR', 'CHILD_QUERIES_WAIT_TIME': 'VARCHAR',
    'ROLE_TYPE': 'VARCHAR', 'QUERY_HASH': 'VARCHAR', 'QUERY_HASH_VERSION': 'VARCHAR',
    'QUERY_PARAMETERIZED_HASH': 'VARCHAR',
    'QUERY_PARAMETERIZED_HASH_VERSION': 'VARCHAR', 'SECONDARY_ROLE_STATS': 'VARCHAR',
    'ROWS_WRITTEN_TO_RESULT': 'VARCHAR', 'QUERY_RETRY_TIME': 'VARCHAR',
    'QUERY_RETRY_CAUSE': 'VARCHAR', 'FAULT_HANDLING_TIME': 'VARCHAR',
    'USER_TYPE': 'VARCHAR', 'USER_DATABASE_NAME': 'VARCHAR',
    'USER_DATABASE_ID': 'VARCHAR', 'USER_SCHEMA_NAME': 'VARCHAR',
    'USER_SCHEMA_ID': 'VARCHAR'});

-- rowid = load order (files in name order, rows in file order): the last
-- row of a QUERY_ID wins, as a later load restates an earlier one.
CREATE TABLE q_sorted AS
SELECT * FROM q_raw
WHERE rowid IN (SELECT max(rowid) FROM q_raw GROUP BY id)
ORDER BY id;

-- qn numbers the queries in bytewise QUERY_ID order (the table was written
-- sorted; rowid keeps that order): every tie "by query id" below uses it.
CREATE TABLE q AS SELECT rowid AS qn, * FROM q_sorted;

SELECT CASE WHEN count(*) > 0 THEN error('q is not in QUERY_ID order') END
FROM (SELECT id < lag(id) OVER (ORDER BY qn) AS bad FROM q) WHERE bad;

DROP TABLE q_raw;

DROP TABLE q_sorted;

-- A TIMESTAMP that does not parse must stop the run, never become NULL.
SELECT CASE WHEN count(*) FILTER (WHERE end_ms IS NULL) > 0
            THEN error('QUERY_HISTORY: END_TIME missing or not understood') END
FROM q;

-- ACCESS_HISTORY: table-like objects (Table, External table, Materialized
-- view, Dynamic table; any case) of BASE_OBJECTS_ACCESSED and
-- OBJECTS_MODIFIED. DIRECT_OBJECTS_ACCESSED and OBJECT_MODIFIED_BY_DDL are
-- not used.
CREATE TABLE ah_raw AS
SELECT query_id, base_objects_accessed AS base, objects_modified AS modified
FROM read_csv('{{INBOX}}/access_history*.csv', header = true,
              auto_detect = false, delim = ',', quote = '"', escape = '"',
              nullstr = ['', 'NULL', '\N'],
              columns = {'QUERY_ID': 'VARCHAR', 'QUERY_START_TIME': 'VARCHAR',
                         'USER_NAME': 'VARCHAR',
                         'DIRECT_OBJECTS_ACCESSED': 'VARCHAR',
                         'BASE_OBJECTS_ACCESSED': 'VARCHAR',
                         'OBJECTS_MODIFIED': 'VARCHAR',
                         'OBJECT_MODIFIED_BY_DDL': 'VARCHAR',
                         'POLICIES_REFERENCED': 'VARCHAR',
                         'PARENT_QUERY_ID': 'VARCHAR', 'ROOT_QUERY_ID': 'VARCHAR'});

CREATE TABLE ah AS
SELECT * FROM ah_raw
WHERE rowid IN (SELECT max(rowid) FROM ah_raw GROUP BY query_id);

DROP TABLE ah_raw;

CREATE TABLE ah_obj AS
WITH o AS (
    SELECT query_id, 'base' AS kind,
           unnest(json_transform(base, '[{"objectDomain":"VARCHAR","objectName":"VARCHAR"}]')) AS x
    FROM ah WHERE base IS NOT NULL
    UNION ALL
    SELECT query_id, 'mod' AS kind,
           unnest(json_transform(modified, '[{"objectDomain":"VARCHAR","objectName":"VARCHAR"}]')) AS x
    FROM ah WHERE modified IS NOT NULL)
SELECT DISTINCT q.qn, o.kind, o.x.objectName AS name
FROM o JOIN q ON q.id = o.query_id
WHERE lower(o.x.objectDomain) IN ('table', 'external table', 'materialized view', 'dynamic table')
  AND o.x.objectName IS NOT NULL;

-- WAREHOUSE_METERING_HISTORY: one row per (warehouse, hour), the last
-- row loaded wins.
CREATE TABLE meters_raw AS
SELECT warehouse_id AS wid, warehouse_name AS wh, upper(warehouse_name) AS whu,
       epoch_ms(start_time) AS hour_ms,
       CAST(epoch_ms(start_time) // 86400000 AS BIGINT) AS dayn,
       CAST(coalesce(credits_used_compute, 0) * 1000000000 AS BIGINT) AS compute,
       CAST(coalesce(credits_used_cloud_services, 0) * 1000000000 AS BIGINT) AS cs
FROM read_csv('{{INBOX}}/warehouse_metering_history*.csv', header = true,
              auto_detect = false, delim = ',', quote = '"', escape = '"',
              nullstr = ['', 'NULL', '\N'],
              timestampformat = '%Y-%m-%d %H:%M:%S.%g %z',
              columns = {'START_TIME': 'TIMESTAMP', 'END_TIME': 'TIMESTAMP',
                         'WAREHOUSE_ID': 'BIGINT', 'WAREHOUSE_NAME': 'VARCHAR',
                         'CREDITS_USED': 'DECIMAL(38,9)',
                         'CREDITS_USED_COMPUTE': 'DECIMAL(38,9)',
                         'CREDITS_USED_CLOUD_SERVICES': 'DECIMAL(38,9)',
                         'CREDITS_ATTRIBUTED_COMPUTE_QUERIES': 'DECIMAL(38,9)'});

CREATE TABLE meters AS
SELECT row_number() OVER (ORDER BY hour_ms, whu) AS mkey, *
FROM meters_raw
WHERE rowid IN (SELECT max(rowid) FROM meters_raw GROUP BY whu, hour_ms);

SELECT CASE WHEN count(*) FILTER (WHERE hour_ms IS NULL OR hour_ms % 3600000 <> 0) > 0
            THEN error('WAREHOUSE_METERING_HISTORY: START_TIME missing or not on the hour') END
FROM meters;

-- TABLE_STORAGE_METRICS: the snapshot day is the first YYYY-MM-DD of the
-- file name; one row per (day, table ID), the last row loaded wins.
CREATE TABLE storage_raw AS
SELECT regexp_extract(regexp_extract(filename, '[^/]*$'),
                      '[0-9]{4}-[0-9]{2}-[0-9]{2}') AS day,
       id,
       coalesce(table_catalog, '?') || '.' || coalesce(table_schema, '?') || '.' ||
           coalesce(table_name, '?') AS fqn,
       CAST(coalesce(active_bytes, 0) AS HUGEINT) + coalesce(time_travel_bytes, 0) +
           coalesce(failsafe_bytes, 0) + coalesce(retained_for_clone_bytes, 0) AS bytes
FROM read_csv('{{INBOX}}/table_storage_metrics*.csv', header = true,
              auto_detect = false, delim = ',', quote = '"', escape = '"',
              nullstr = ['', 'NULL', '\N'], filename = true,
              columns = {'ID': 'BIGINT', 'TABLE_NAME': 'VARCHAR',
                         'TABLE_SCHEMA_ID': 'VARCHAR', 'TABLE_SCHEMA': 'VARCHAR',
                         'TABLE_CATALOG_ID': 'VARCHAR', 'TABLE_CATALOG': 'VARCHAR',
                         'CLONE_GROUP_ID': 'VARCHAR', 'IS_TRANSIENT': 'VARCHAR',
                         'ACTIVE_BYTES': 'BIGINT', 'TIME_TRAVEL_BYTES': 'BIGINT',
                         'FAILSAFE_BYTES': 'BIGINT',
                         'RETAINED_FOR_CLONE_BYTES': 'BIGINT',
                         'DELETED': 'VARCHAR', 'TABLE_CREATED': 'VARCHAR',
                         'TABLE_DROPPED': 'VARCHAR',
                         'TABLE_ENTERED_FAILSAFE': 'VARCHAR',
                         'SCHEMA_CREATED': 'VARCHAR', 'SCHEMA_DROPPED': 'VARCHAR',
                         'CATALOG_CREATED': 'VARCHAR', 'CATALOG_DROPPED': 'VARCHAR',
                         'COMMENT': 'VARCHAR', 'INSTANCE_ID': 'VARCHAR'});

SELECT CASE WHEN count(*) FILTER (WHERE day = '') > 0
            THEN error('TABLE_STORAGE_METRICS: no YYYY-MM-DD in the file name') END
FROM storage_raw;

CREATE TABLE storage AS
SELECT day, id, fqn, bytes FROM storage_raw
WHERE rowid IN (SELECT max(rowid) FROM storage_raw GROUP BY day, id);

------------------------------------------------------------------ matching
-- The best asset of a class for each distinct name: highest specificity,
-- then the lowest product id. Warehouse identifiers compare
-- case-insensitively (ASCII lower case on both sides), tags (key=value)
-- case-sensitively. Exact names are a hash join; only the globs need LIKE.
CREATE TABLE asset_keys AS
SELECT product_id, cls, spec, full_pat,
       CASE WHEN cls = 'tag' THEN full_pat ELSE lower(full_pat) END AS key,
       CASE WHEN cls = 'tag' THEN pat ELSE lower(pat) END AS lpat
FROM assets;

CREATE TABLE names AS
SELECT 'object' AS cls, name FROM ah_obj
UNION SELECT 'object', fqn FROM storage
UNION SELECT 'role', role FROM q WHERE role IS NOT NULL
UNION SELECT 'user', usr FROM q WHERE usr IS NOT NULL
UNION SELECT 'warehouse', wh FROM q WHERE wh IS NOT NULL
UNION SELECT 'warehouse', wh FROM meters WHERE wh IS NOT NULL;

CREATE TABLE id_match AS
WITH n AS (SELECT cls, name, lower(name) AS key FROM names),
hits AS (
    SELECT n.cls, n.name, a.product_id, a.spec
    FROM n JOIN asset_keys a ON a.cls = n.cls AND a.spec = 1000000000 AND a.key = n.key
    UNION ALL
    SELECT n.cls, n.name, a.product_id, a.spec
    FROM n JOIN asset_keys a ON a.cls = n.cls AND a.spec < 1000000000
                            AND n.key LIKE a.lpat ESCAPE '\')
SELECT cls, name, product_id AS product FROM hits
QUALIFY row_number() OVER (PARTITION BY cls, name ORDER BY spec DESC, product_id) = 1;

CREATE TABLE obj_match AS
SELECT name, product FROM id_match WHERE cls = 'object';

------------------------------------------------------------------ tags
-- key=value pairs of a query tag, in order. A tag that is a JSON object
-- (after leading whitespace) gives its string-valued members; any other tag
-- is split on ';' and ',' into key=value parts (whitespace trimmed, empty
-- keys dropped).
CREATE TABLE tagpairs AS
WITH t AS (
    SELECT qn, tag,
           CASE WHEN ltrim(tag, ws()) LIKE '{%' AND json_valid(tag)
                THEN json_type(tag) = 'OBJECT' ELSE false END AS is_json
    FROM q WHERE tag IS NOT NULL),
j AS (
    SELECT t.qn, e.key AS k, e.value ->> '$' AS v, e.id AS pos
    FROM t, json_each(CASE WHEN t.is_json THEN t.tag ELSE '{}' END) e
    WHERE t.is_json AND e.type = 'VARCHAR'),
parts AS (
    SELECT qn, unnest(p) AS part, unnest(range(len(p))) AS pos
    FROM (SELECT qn, regexp_split_to_array(tag, '[;,]') AS p FROM t WHERE NOT is_json)),
x AS (
    SELECT qn, trim(part[1:strpos(part, '=') - 1], ws()) AS k,
           trim(part[strpos(part, '=') + 1:], ws()) AS v, pos
    FROM parts WHERE strpos(part, '=') > 0)
SELECT qn, k, v, pos FROM j
UNION ALL
SELECT qn, k, v, pos FROM x WHERE k <> '';

CREATE TABLE tag_match AS
WITH n AS (SELECT DISTINCT k || '=' || v AS name FROM tagpairs),
hits AS (
    SELECT n.name, a.product_id, a.spec
    FROM n JOIN asset_keys a ON a.cls = 'tag' AND a.spec = 1000000000 AND a.key = n.name
    UNION ALL
    SELECT n.name, a.product_id, a.spec
    FROM n JOIN asset_keys a ON a.cls = 'tag' AND a.spec < 1000000000
                            AND n.name LIKE a.lpat ESCAPE '\')
SELECT name, product_id AS product FROM hits
QUALIFY row_number() OVER (PARTITION BY name ORDER BY spec DESC, product_id) = 1;

------------------------------------------------------------------ §4.1
-- Candidates per query and step; the first step with a product wins.
CREATE TABLE qp AS
WITH named AS (
    SELECT qn, arg_min(v, pos) AS v FROM tagpairs WHERE k = '{{TAG_KEY}}' GROUP BY qn),
cand AS (
    SELECT n.qn, 1 AS step,
           CASE WHEN p.product_id IS NOT NULL THEN n.v ELSE '_unallocated' END AS product
    FROM named n LEFT JOIN products p ON p.product_id = n.v
    UNION ALL
    SELECT tp.qn, 2, m.product FROM tagpairs tp JOIN tag_match m ON m.name = tp.k || '=' || tp.v
    UNION ALL
    SELECT o.qn, CASE o.kind WHEN 'mod' THEN 3 ELSE 4 END, m.product
    FROM ah_obj o JOIN obj_match m ON m.name = o.name
    UNION ALL
    SELECT q.qn, 5, m.product FROM q JOIN id_match m ON m.cls = 'role' AND m.name = q.role
    UNION ALL
    SELECT q.qn, 6, m.product FROM q JOIN id_match m ON m.cls = 'user' AND m.name = q.usr
    UNION ALL
    SELECT q.qn, 7, m.product FROM q JOIN id_match m ON m.cls = 'warehouse' AND m.name = q.wh
    UNION ALL
    SELECT qn, 8, '_unallocated' FROM q),
best AS (
    SELECT DISTINCT qn, product FROM cand
    QUALIFY step = min(step) OVER (PARTITION BY qn))
SELECT qn, product,
       count(*) OVER (PARTITION BY qn) AS n,
       row_number() OVER (PARTITION BY qn ORDER BY product) - 1 AS pidx
FROM best;

------------------------------------------------------------------ §4.2 compute
-- The hour's cost, rounded once.
CREATE TABLE mcost AS
SELECT mkey, wh, hour_ms, dayn,
       CAST(div_even(CAST(compute AS HUGEINT) * {{CREDIT_MICRO}}, 1000000000) AS BIGINT) AS cost
FROM meters WHERE compute > 0;

-- Each query's execution window [END - EXECUTION_TIME, END) cut into the
-- hours it touches, matched to the meter of that warehouse-hour: by
-- WAREHOUSE_ID when both have it, else by name (case-insensitive).
CREATE TABLE pairs AS
WITH qh AS (
    SELECT qn, wid, whu, start_ms, end_ms,
           unnest(range(start_ms - start_ms % 3600000, end_ms, 3600000)) AS hour_ms
    FROM q WHERE wh IS NOT NULL AND end_ms > start_ms)
SELECT m.mkey, qh.qn,
       least(qh.end_ms, qh.hour_ms + 3600000) - greatest(qh.start_ms, qh.hour_ms) AS w
FROM qh JOIN meters m ON m.hour_ms = qh.hour_ms AND m.wid = qh.wid
WHERE m.compute > 0
UNION ALL
SELECT m.mkey, qh.qn,
       least(qh.end_ms, qh.hour_ms + 3600000) - greatest(qh.start_ms, qh.hour_ms)
FROM qh JOIN meters m ON m.hour_ms = qh.hour_ms AND m.whu = qh.whu
WHERE m.compute > 0 AND (m.wid IS NULL OR qh.wid IS NULL);

-- Largest remainder over the queries of each hour, ties by query id (qn).
CREATE TABLE qshare AS
WITH x AS (
    SELECT p.mkey, c.dayn, c.cost, p.qn, p.w,
           CAST(c.cost AS HUGEINT) * p.w AS cw,
           sum(p.w) OVER (PARTITION BY p.mkey) AS wsum
    FROM pairs p JOIN mcost c USING (mkey)),
y AS (
    SELECT *, CAST(cw // wsum AS BIGINT) AS base, CAST(cw % wsum AS BIGINT) AS rem FROM x),
z AS (
    SELECT *, cost - sum(base) OVER (PARTITION BY mkey) AS leftover,
           row_number() OVER (PARTITION BY mkey ORDER BY rem DESC, qn) AS rk
    FROM y)
SELECT dayn, qn, 'compute' AS kind,
       CAST(base + CASE WHEN rk <= leftover THEN 1 ELSE 0 END AS BIGINT) AS amount
FROM z;

-- Idle hours: no query executed in them. Policy owner: the warehouse's
-- product, else _unallocated; policy unallocated: _unallocated.
CREATE TABLE idle AS
SELECT c.dayn,
       CASE WHEN {{IDLE_OWNER}} THEN coalesce(m.product, '_unallocated')
            ELSE '_unallocated' END AS product,
       'idle' AS kind, c.cost AS amount
FROM mcost c
LEFT JOIN id_match m ON m.cls = 'warehouse' AND m.name = c.wh
WHERE c.mkey NOT IN (SELECT mkey FROM pairs);

------------------------------------------------------------------ cloud services
-- Per UTC day: billable = max(0, ΣCS − 10 % × Σcompute) over all meter rows
-- of the day, costed once (tenths of nano-credits × price / 10^10), split
-- over the queries ending that day by their CREDITS_USED_CLOUD_SERVICES.
CREATE TABLE cs_day AS
SELECT dayn,
       CAST(div_even((10 * CAST(sum(cs) AS HUGEINT) - sum(compute)) * {{CREDIT_MICRO}},
                     10000000000) AS BIGINT) AS cost
FROM meters GROUP BY dayn
HAVING 10 * CAST(sum(cs) AS HUGEINT) - sum(compute) > 0;

CREATE TABLE csshare AS
WITH x AS (
    SELECT d.dayn, d.cost, q.qn, q.cs AS w,
           CAST(d.cost AS HUGEINT) * q.cs AS cw,
           sum(q.cs) OVER (PARTITION BY d.dayn) AS wsum
    FROM cs_day d JOIN q ON q.end_ms // 86400000 = d.dayn AND q.cs > 0
    WHERE d.cost > 0),
y AS (SELECT *, CAST(cw // wsum AS BIGINT) AS base, CAST(cw % wsum AS BIGINT) AS rem FROM x),
z AS (
    SELECT *, cost - sum(base) OVER (PARTITION BY dayn) AS leftover,
           row_number() OVER (PARTITION BY dayn ORDER BY rem DESC, qn) AS rk
    FROM y)
SELECT dayn, qn, 'cloud_services' AS kind,
       CAST(base + CASE WHEN rk <= leftover THEN 1 ELSE 0 END AS BIGINT) AS amount
FROM z;

CREATE TABLE cs_unsplit AS
SELECT dayn, '_unallocated' AS product, 'cloud_services' AS kind, cost AS amount
FROM cs_day
WHERE cost > 0 AND dayn NOT IN (SELECT DISTINCT dayn FROM csshare);

------------------------------------------------------------------ §4.3 storage
-- Per snapshot day: cost = round_half_even(Σbytes / 2^40 × price / days in
-- the month), split over products (unmapped tables: _unallocated) by bytes,
-- ties by product id.
CREATE TABLE stor AS
WITH per AS (
    SELECT s.day, coalesce(m.product, '_unallocated') AS product, sum(s.bytes) AS bytes
    FROM storage s LEFT JOIN obj_match m ON m.name = s.fqn
    GROUP BY ALL),
tot AS (
    SELECT day, sum(bytes) AS total,
           day(last_day(CAST(day AS DATE))) AS ndays
    FROM per GROUP BY day HAVING sum(bytes) > 0),
c AS (
    SELECT day, div_even(total * {{STORAGE_MICRO}},
                         CAST(ndays AS HUGEINT) * 1099511627776) AS cost, total
    FROM tot),
x AS (
    SELECT per.day, per.product, c.cost, per.bytes * c.cost AS cw, c.total AS wsum
    FROM per JOIN c USING (day)),
y AS (SELECT *, CAST(cw // wsum AS BIGINT) AS base, CAST(cw % wsum AS BIGINT) AS rem FROM x),
z AS (
    SELECT *, cost - sum(base) OVER (PARTITION BY day) AS leftover,
           row_number() OVER (PARTITION BY day ORDER BY rem DESC, product) AS rk
    FROM y)
SELECT CAST(CAST(day AS DATE) - DATE '1970-01-01' AS BIGINT) AS dayn, product,
       'storage' AS kind,
       CAST(base + CASE WHEN rk <= leftover THEN 1 ELSE 0 END AS BIGINT) AS amount
FROM z;

------------------------------------------------------------------ export
-- A query's share goes to its products evenly (largest remainder, ties by
-- product id); then one row per (date, product, source, cost kind), zero
-- rows dropped, sorted bytewise, amounts with 6 decimals.
CREATE TABLE alloc AS
WITH qparts AS (
    SELECT dayn, qn, kind, amount FROM qshare
    UNION ALL SELECT dayn, qn, kind, amount FROM csshare),
booked AS (
    SELECT s.dayn, p.product, s.kind,
           s.amount // p.n + CASE WHEN p.pidx < s.amount % p.n THEN 1 ELSE 0 END AS amount
    FROM qparts s JOIN qp p USING (qn)
    UNION ALL SELECT dayn, product, kind, amount FROM idle
    UNION ALL SELECT dayn, product, kind, amount FROM cs_unsplit
    UNION ALL SELECT dayn, product, kind, amount FROM stor)
SELECT strftime(DATE '1970-01-01' + CAST(dayn AS INTEGER), '%Y-%m-%d') AS date,
       product, kind, sum(amount) AS amount
FROM booked GROUP BY ALL;

SELECT a.date, a.product AS product_id,
       CASE WHEN a.product = '_unallocated' THEN '' ELSE coalesce(p.domain, '') END AS domain,
       'snowflake' AS source, a.kind AS cost_kind,
       CASE WHEN a.amount < 0 THEN '-' ELSE '' END ||
           CAST(abs(a.amount) // 1000000 AS VARCHAR) || '.' ||
           lpad(CAST(abs(a.amount) % 1000000 AS VARCHAR), 6, '0') AS amount,
       '{{CURRENCY}}' AS currency
FROM alloc a LEFT JOIN products p ON p.product_id = a.product
WHERE a.amount <> 0 AND a.date LIKE '{{PERIOD}}-%'
ORDER BY a.date, a.product, source, a.kind;
