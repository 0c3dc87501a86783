#!/bin/bash
# End-to-end error paths of the CLI: usage, config, catalog and ingest
# errors each give the documented exit code and a FILE:LINE message, and
# nothing half-done stays behind.
# usage: test_cli_errors.sh MESHCOST_BINARY SOURCE_DIR
set -u
BIN=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export TZ=Asia/Kolkata LC_ALL=C
fails=0 passes=0

M() { "$BIN" --db "$T/m.db" "$@"; }

# expect CODE PATTERN -- command...: exit code and a stderr line matching.
expect() {
    local code=$1 pattern=$2
    shift 3
    "$@" >"$T/out" 2>"$T/err"
    local got=$?
    if [ "$got" -ne "$code" ] || ! grep -Eq -- "$pattern" "$T/err"; then
        echo "FAIL: $* -> exit $got (want $code), stderr:"
        sed 's/^/    /' "$T/err"
        echo "    (wanted a line matching: $pattern)"
        fails=$((fails + 1))
    else
        passes=$((passes + 1))
    fi
}

check() { # check DESCRIPTION CONDITION...
    local what=$1
    shift
    if "$@"; then passes=$((passes + 1)); else
        echo "FAIL: $what"; fails=$((fails + 1)); fi
}

sql() { sqlite3 "$T/m.db" "$1"; }

# --- usage and config ----------------------------------------------------
expect 64 "unknown command 'bogus'" -- M bogus
expect 64 "unknown option '--frobnicate'" -- M --frobnicate init
expect 64 "needs --period" -- M export allocations
expect 64 "expected YYYY-MM" -- M export allocations --period 2026-13
expect 64 "expected a date" -- M attribute --from yesterday
"$BIN" --help | grep -q '^usage: meshcost'
check "--help prints usage on stdout" test $? -eq 0
"$BIN" ingest --help | grep -q 'usage: meshcost ingest'
check "COMMAND --help prints its usage" test $? -eq 0
M formats >/dev/full 2>"$T/err"
check "formats to a full stdout exits 74" test $? -eq 74
check "formats to a full stdout says so" grep -q "cannot write" "$T/err"
printf '[rates]\nsnowflake_credit = 3.00\nsnowflake_credits = 2\n' >"$T/bad.ini"
expect 78 "bad.ini:3: unknown setting \[rates\] snowflake_credits" -- \
    M --config "$T/bad.ini" init
expect 78 "cannot open" -- M --config "$T/missing.ini" init

# --- catalog -------------------------------------------------------------
M init >"$T/out" 2>"$T/err"
check "init is quiet" test ! -s "$T/out" -a ! -s "$T/err"
cat >"$T/products.csv" <<'CSV'
product_id,name,domain,owner,owner_email,status,monthly_budget,currency,depends_on,tags
a.one,"One, the first",dom,Ann,ann@example.org,active,100.00,USD,,
b.two,Two,dom,Bob,bob@example.org,active,200.00,USD,a.one,
CSV
cat >"$T/assets.csv" <<'CSV'
product_id,kind,pattern
a.one,table,DB.ONE.*
b.two,role,TWO_ETL
CSV
M catalog import "$T/products.csv" "$T/assets.csv"
check "catalog import succeeds" test $? -eq 0
v1=$(sql "SELECT max(version) FROM catalog_versions")

bad_catalog() { # bad_catalog PATTERN products-line-3 [assets-line-4]
    local pattern=$1
    mkdir -p "$T/bad"
    head -3 "$T/products.csv" >"$T/bad/products.csv"
    printf '%s\n' "$2" >>"$T/bad/products.csv"
    cp "$T/assets.csv" "$T/bad/assets.csv"
    [ -n "${3:-}" ] && printf '%s\n' "$3" >>"$T/bad/assets.csv"
    expect 65 "$pattern" -- M catalog import "$T/bad"
}
bad_catalog "products.csv:4:1: duplicate product id 'a.one' \(first on line 2\)" \
    "a.one,Again,dom,,,active,,,,"
bad_catalog "products.csv:4:6: bad status 'alive'" "c.three,C,dom,,,alive,,,,"
bad_catalog "products.csv:4:7: bad monthly_budget '1,5'" \
    'c.three,C,dom,,,active,"1,5",,,'
bad_catalog "products.csv:4:9: c.three depends on unknown product 'zzz'" \
    "c.three,C,dom,,,active,,,zzz,"
bad_catalog "products.csv:[0-9]+:9: dependency cycle" \
    "c.three,C,dom,,,active,,,c.three,"
bad_catalog "assets.csv:4:1: unknown product 'ghost'" \
    "c.three,C,dom,,,active,,,," "ghost,table,X.Y.Z"
bad_catalog "assets.csv:4:3: 'db.one' \(c.three\) and line 2 'DB.ONE.\*' \(a.one\) can match the same name with equal specificity" \
    "c.three,C,dom,,,active,,,," "c.three,schema,db.one"
check "a rejected catalog changes nothing" \
    test "$(sql "SELECT max(version) FROM catalog_versions")" = "$v1"
check "the old catalog stays" \
    test "$(sql "SELECT group_concat(product_id) FROM products")" = "a.one,b.two"

# --- ingest --------------------------------------------------------------
QH='QUERY_ID,QUERY_TEXT,DATABASE_NAME,SCHEMA_NAME,QUERY_TYPE,SESSION_ID,USER_NAME,ROLE_NAME,WAREHOUSE_ID,WAREHOUSE_NAME,WAREHOUSE_SIZE,WAREHOUSE_TYPE,CLUSTER_NUMBER,QUERY_TAG,EXECUTION_STATUS,ERROR_CODE,ERROR_MESSAGE,START_TIME,END_TIME,TOTAL_ELAPSED_TIME,BYTES_SCANNED,PERCENTAGE_SCANNED_FROM_CACHE,ROWS_PRODUCED,COMPILATION_TIME,EXECUTION_TIME,QUEUED_PROVISIONING_TIME,QUEUED_REPAIR_TIME,QUEUED_OVERLOAD_TIME,TRANSACTION_BLOCKED_TIME,LIST_EXTERNAL_FILES_TIME,CREDITS_USED_CLOUD_SERVICES,QUERY_LOAD_PERCENT,QUERY_ACCELERATION_BYTES_SCANNED,QUERY_HASH,QUERY_PARAMETERIZED_HASH,IS_CLIENT_GENERATED_STATEMENT'
row() { # row ID END_TIME EXECUTION_TIME
    printf '"%s","select 1, ''a''",DB,ONE,SELECT,1,"ANN","ANALYST",17,"BI_WH","Medium","STANDARD",1,"","SUCCESS",,,2026-10-01 09:00:00.000 -0700,%s,1000,0,0,1,0,%s,0,0,0,0,0,0.000100,100,0,"h","ph",false\n' "$1" "$2" "$3"
}
{ echo "$QH"; row q1 "2026-10-01 09:00:01.000 -0700" 900
  row q2 "2026-10-01 09:00:02.000 -0700" 800; } >"$T/good.csv"
{ echo "$QH"; row q3 "2026-10-01 09:00:01.000 -0700" 900
  row q4 "not a time" 800
  row q5 "2026-10-01 09:00:03.000 -0700" 900; } >"$T/badrow.csv"
M ingest "$T/good.csv" >"$T/out" 2>"$T/err"
check "ingest is quiet and succeeds" test $? -eq 0 -a ! -s "$T/err" -a ! -s "$T/out"
check "two queries loaded" test "$(sql "SELECT count(*) FROM sf_query")" = 2
printf '[nightly]\nmax_bad_rows = 0\n' >"$T/strict.ini"
expect 65 "badrow.csv:3: .*END_TIME" -- \
    M --config "$T/strict.ini" ingest "$T/badrow.csv"
check "over tolerance, a file with a bad row loads nothing" \
    test "$(sql "SELECT count(*) FROM sf_query")" = 2
check "the rejected file and its row are recorded" \
    test "$(sql "SELECT status || ':' || line FROM loads JOIN rejects USING (load_id)")" = "rejected:3"
# within the default tolerance (10 bad rows for usage logs) the rest loads
M ingest "$T/badrow.csv" >"$T/out" 2>"$T/err"
check "within tolerance: exit 0 and quiet" test $? -eq 0 -a ! -s "$T/err"
check "within tolerance: the good rows load" \
    test "$(sql "SELECT count(*) FROM sf_query")" = 4
check "within tolerance: the bad row is kept with the load" \
    test "$(sql "SELECT count(*) FROM loads JOIN rejects USING (load_id) WHERE status = 'loaded' AND line = 3 AND excerpt = 'q4'")" = 1
cp "$T/good.csv" "$T/same-content.csv"
M -v ingest "$T/same-content.csv" 2>"$T/err"
check "the same content under another name is skipped" \
    grep -q "already loaded" "$T/err"
check "no second load of it" \
    test "$(sql "SELECT count(*) FROM loads WHERE status = 'loaded'")" = 2
printf 'FOO,BAR\n1,2\n' >"$T/unknown.csv"
expect 65 "unknown.csv:1: no importer recognises this header: 'FOO,BAR'" -- \
    M ingest "$T/unknown.csv"
: >"$T/empty.csv"
expect 65 "empty.csv: empty file" -- M ingest "$T/empty.csv"
expect 66 "missing.csv" -- M ingest "$T/missing.csv"
gzip -c "$T/good.csv" | head -c 200 >"$T/trunc.csv.gz"
expect 65 "trunc.csv.gz" -- M ingest "$T/trunc.csv.gz"
head -c 3000 /bin/sh >"$T/binary.csv"
expect 65 "binary.csv:1: binary data, not a CSV file" -- M ingest "$T/binary.csv"
{ echo "$QH"; row q9 "2026-10-02 09:00:01.000 -0700" 900; } | gzip >"$T/ok2.csv.gz"
expect 65 "empty.csv" -- M ingest "$T/empty.csv" "$T/ok2.csv.gz"
check "the good file of a mixed run still loads" \
    test "$(sql "SELECT count(*) FROM sf_query WHERE query_id = 'q9'")" = 1

# --- attribute and export --------------------------------------------------
M attribute --from 2026-10-01 --to 2026-10-03 >"$T/out" 2>"$T/err"
check "attribute is quiet and succeeds" test $? -eq 0 -a ! -s "$T/err"
M export allocations --period 2026-10 >"$T/alloc.csv"
check "export has the header" \
    test "$(head -1 "$T/alloc.csv")" = "date,product_id,domain,source,cost_kind,amount,currency"

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
