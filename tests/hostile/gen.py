#!/usr/bin/python3
"""Writes the hostile input files of tests/hostile/run.sh into OUTDIR.

usage: gen.py OUTDIR SRCDIR

Every usage file starts from a real header and a real row of the sample
month (samples/inbox), so it is detected as the right format and only the
hostile part differs. One file (or folder, for the catalog) per case; the
case list with the commands to run is printed as lines
    NAME<TAB>KIND<TAB>PATH<TAB>DESCRIPTION
where KIND is `usage` (ingest, then attribute and report of the month if
the file loaded) or `catalog` (catalog import, then attribute and report).
"""
import csv
import io
import os
import sys

out, src = sys.argv[1], sys.argv[2]
inbox = os.path.join(src, "samples", "inbox")
os.makedirs(out, exist_ok=True)
cases = []


def sample(name):
    """(header, first data row) of a plain sample file."""
    with open(os.path.join(inbox, name), newline="") as f:
        r = csv.reader(f)
        return next(r), next(r)


QH, QROW = sample("query_history_2026-10-04.csv")
AH, AROW = sample("access_history_2026-10-04.csv")
WH, WROW = sample("warehouse_metering_history_2026-10-15.csv")
SH, SROW = sample("table_storage_metrics_2026-10-01.csv")


def line(fields):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(fields)
    return buf.getvalue().encode()


def write(name, header, rows, desc, raw_rows=()):
    """rows: lists of str (CSV-quoted); raw_rows: bytes lines as they are."""
    path = os.path.join(out, name)
    with open(path, "wb") as f:
        f.write(line(header))
        for r in rows:
            f.write(line(r))
        for b in raw_rows:
            f.write(b)
    cases.append((name.split(".")[0], "usage", path, desc))


def q(**changes):
    """The sample query row with some columns changed (a new QUERY_ID)."""
    row = list(QROW)
    for k, v in changes.items():
        row[QH.index(k)] = v
    return row


def qid(n):
    return "01bfffff-0306-7b3e-0000-%012d" % n


# 1. one line of 100 MB (the QUERY_TEXT field), after a good row
big = os.path.join(out, "qh_line_100mb.csv")
with open(big, "wb") as f:
    f.write(line(QH))
    f.write(line(q(QUERY_ID=qid(1))))
    row = q(QUERY_ID=qid(2))
    i = QH.index("QUERY_TEXT")
    pre, post = line(row[:i])[:-1], line(row[i + 1:])[:-1]
    f.write(pre + b',"')
    chunk = b"select 1 union all " * 1024  # 19 KiB, no quotes
    for _ in range(100 * 1024 * 1024 // len(chunk)):
        f.write(chunk)
    f.write(b'",' + post + b"\n")
cases.append(("qh_line_100mb", "usage", big, "QUERY_HISTORY: a 100 MB line (QUERY_TEXT)"))

# 2. a row of 10^6 columns
wide = os.path.join(out, "qh_columns_1e6.csv")
with open(wide, "wb") as f:
    f.write(line(QH))
    f.write(line(q(QUERY_ID=qid(3))))
    f.write(line(q(QUERY_ID=qid(4)) + ["x"] * (10**6 - len(QH))))
cases.append(("qh_columns_1e6", "usage", wide, "QUERY_HISTORY: a row of 10^6 columns"))

# 3. NUL bytes inside fields (raw: csv cannot write them quoted differently)
nul_rows = []
for n, col in enumerate(["QUERY_TEXT", "USER_NAME", "ROLE_NAME", "QUERY_ID",
                         "WAREHOUSE_NAME", "QUERY_TAG"]):
    row = q(QUERY_ID=qid(10 + n))
    row[QH.index(col)] = row[QH.index(col)][:3] + "\0" + row[QH.index(col)][3:]
    nul_rows.append(line(row))
write("qh_nul_bytes.csv", QH, [q(QUERY_ID=qid(9))], "QUERY_HISTORY: NUL bytes in text fields, the id and the tag", nul_rows)

# 4. invalid UTF-8 in every text field that reaches a workbook
bad = [b"\xff\xfe", b"\xc0\xaf", b"\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80",
       b"\xe0\x80\xaf", b"\xef\xbf\xbf", b"\xe2\x82"]
raw = []
for n, seq in enumerate(bad):
    row = q(QUERY_ID=qid(20 + n))
    enc = [c.encode() for c in row]
    for col in ["QUERY_TEXT", "USER_NAME", "ROLE_NAME", "WAREHOUSE_NAME"]:
        enc[QH.index(col)] = enc[QH.index(col)][:4] + seq + enc[QH.index(col)][4:]
    raw.append(b",".join(b'"' + e.replace(b'"', b'""') + b'"' for e in enc) + b"\n")
write("qh_invalid_utf8.csv", QH, [q(QUERY_ID=qid(19))], "QUERY_HISTORY: invalid UTF-8 (bad bytes, overlong, surrogate, > U+10FFFF, U+FFFF, cut) in user, role, warehouse, text", raw)

# 5. JSON nested 100000 deep: QUERY_TAG (parsed by attribute) and
#    ACCESS_HISTORY's BASE_OBJECTS_ACCESSED (parsed by ingest)
deep_obj = '{"a":' * 100000 + "1" + "}" * 100000
deep_arr = "[" * 100000 + "]" * 100000
write("qh_json_deep.csv", QH, [q(QUERY_ID=qid(30), QUERY_TAG=deep_obj),
                               q(QUERY_ID=qid(31), QUERY_TAG=deep_arr)],
      "QUERY_HISTORY: QUERY_TAG = JSON nested 100000 deep (object and array)")
arow = list(AROW)
arow[AH.index("BASE_OBJECTS_ACCESSED")] = deep_arr
write("ah_json_deep.csv", AH, [arow], "ACCESS_HISTORY: BASE_OBJECTS_ACCESSED nested 100000 deep")

# 6. numbers of 400 digits in credit and byte columns
d400 = "9" * 400
write("qh_digits_400.csv", QH, [
    q(QUERY_ID=qid(40), BYTES_SCANNED=d400),
    q(QUERY_ID=qid(41), CREDITS_USED_CLOUD_SERVICES=d400),
    q(QUERY_ID=qid(42), CREDITS_USED_CLOUD_SERVICES="0." + "1" * 400),
    q(QUERY_ID=qid(43), EXECUTION_TIME=d400, TOTAL_ELAPSED_TIME=d400)],
    "QUERY_HISTORY: 400-digit BYTES_SCANNED, credits, times")
wrow = list(WROW)
for col in ["CREDITS_USED", "CREDITS_USED_COMPUTE"]:
    wrow[WH.index(col)] = d400 + ".5"
write("wm_digits_400.csv", WH, [wrow], "WAREHOUSE_METERING: 400-digit credits")
srow = list(SROW)
srow[SH.index("ACTIVE_BYTES")] = d400
write("tsm_digits_400_2026-10-20.csv", SH, [srow], "TABLE_STORAGE_METRICS: 400-digit ACTIVE_BYTES")

# 7. dates in year 0 and 9999
short = dict(TOTAL_ELAPSED_TIME="900", EXECUTION_TIME="500", COMPILATION_TIME="100",
             QUEUED_OVERLOAD_TIME="0")
write("qh_year_0_9999.csv", QH, [
    q(QUERY_ID=qid(50), START_TIME="0000-01-01 00:00:00.000 +0000", END_TIME="0000-01-01 00:00:01.000 +0000", **short),
    q(QUERY_ID=qid(51), START_TIME="9999-12-31 23:59:58.000 +0000", END_TIME="9999-12-31 23:59:59.000 +0000", **short),
    q(QUERY_ID=qid(52), START_TIME="9999-12-31 23:59:58.000 -0700", END_TIME="9999-12-31 23:59:59.000 -0700", **short),
    q(QUERY_ID=qid(53), START_TIME="0001-01-01 00:00:00.000 +0000", END_TIME="0001-01-01 00:00:01.000 +0000", **short)],
    "QUERY_HISTORY: START/END_TIME in year 0, 1 and 9999 (and past 9999 in UTC)")
rows = []
for start, end in [("0000-01-01 00:00:00.000 +0000", "0000-01-01 01:00:00.000 +0000"),
                   ("0001-01-01 00:00:00.000 +0000", "0001-01-01 01:00:00.000 +0000"),
                   ("9999-12-31 22:00:00.000 +0000", "9999-12-31 23:00:00.000 +0000"),
                   ("9999-12-31 23:00:00.000 +0000", "10000-01-01 00:00:00.000 +0000")]:
    w = list(WROW)
    w[WH.index("START_TIME")], w[WH.index("END_TIME")] = start, end
    rows.append(w)
write("wm_year_0_9999.csv", WH, rows, "WAREHOUSE_METERING: hours in year 0, 1 and 9999")

# 8. negative EXECUTION_TIME; 9. END_TIME before START_TIME
write("qh_negative_exec.csv", QH, [
    q(QUERY_ID=qid(60), EXECUTION_TIME="-24680"),
    q(QUERY_ID=qid(61), TOTAL_ELAPSED_TIME="-1", EXECUTION_TIME="-9223372036854775808")],
    "QUERY_HISTORY: negative EXECUTION_TIME (and INT64_MIN)")
write("qh_end_before_start.csv", QH, [
    q(QUERY_ID=qid(70), START_TIME="2026-10-03 18:47:26.189 -0700", END_TIME="2026-10-03 18:46:57.660 -0700"),
    q(QUERY_ID=qid(71), START_TIME="2026-10-04 00:00:00.000 +0000", END_TIME="2026-10-01 00:00:00.000 +0000")],
    "QUERY_HISTORY: END_TIME before START_TIME")

# 10. a catalog of 10^5 products in 20 domains, one schema asset each
cat = os.path.join(out, "catalog_1e5")
os.makedirs(cat, exist_ok=True)
with open(os.path.join(cat, "products.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["product_id", "name", "domain", "owner", "owner_email", "status",
                "monthly_budget", "currency", "depends_on", "tags"])
    for n in range(10**5):
        w.writerow(["p%06d.data" % n, "Product %d" % n, "domain-%02d" % (n % 20),
                    "Owner %d" % (n % 977), "owner%d@example.org" % (n % 977), "active",
                    "%d.00" % (100 + n % 900), "USD",
                    "p%06d.data" % (n - 1) if n % 10 else "", "tier%d" % (n % 3)])
with open(os.path.join(cat, "assets.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["product_id", "kind", "pattern"])
    for n in range(10**5):
        w.writerow(["p%06d.data" % n, "schema", "DB%03d.S%06d" % (n % 500, n)])
    # the sample month's real schemas, so costs do reach some products
    with open(os.path.join(src, "samples", "catalog", "assets.csv"), newline="") as g:
        r = csv.reader(g)
        next(r)
        for n, a in enumerate(r):
            w.writerow(["p%06d.data" % n, a[1], a[2]])
cases.append(("catalog_1e5", "catalog", cat, "catalog: 10^5 products (20 domains) and 10^5 assets"))

for c in cases:
    print("\t".join(c))
