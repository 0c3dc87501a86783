#!/usr/bin/python3
"""Reads the month's report folder back with a real xlsx reader (openpyxl)
and checks it against the allocations export and the catalog.
usage: check_workbooks.py REPORT_DIR CATALOG_DIR EXPORT_CSV"""
import csv
import os
import sys
from collections import defaultdict
from decimal import Decimal

import openpyxl

SHOWBACK = ["Summary", "Daily", "Drivers", "Storage", "Reconciliation",
            "About"]
BOARD = ["Domains", "Sunset candidates", "Hot products", "Governance",
         "Unallocated"]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def header_row(ws, first):
    for row in ws.iter_rows(min_row=1, max_row=10):
        if row[0].value == first:
            return row[0].row
    raise AssertionError("%s: no header %r" % (ws.title, first))


def main(out, catalog, export):
    alloc = list(csv.DictReader(open(export)))
    check(open(os.path.join(out, "allocations.csv")).read() ==
          open(export).read(), "allocations.csv differs from the export")
    per_product = defaultdict(Decimal)
    for r in alloc:
        per_product[r["product_id"]] += Decimal(r["amount"])
    products = list(csv.DictReader(open(os.path.join(catalog,
                                                     "products.csv"))))
    domains = sorted({p["domain"] for p in products})
    check(not [f for f in os.listdir(out) if ".tmp" in f],
          "temporary files left behind")
    for d in domains:
        path = os.path.join(out, "showback-%s.xlsx" % d)
        check(os.path.exists(path), "missing " + path)
        if not os.path.exists(path):
            continue
        wb = openpyxl.load_workbook(path)
        check(wb.sheetnames == SHOWBACK, "%s sheets %s" % (d, wb.sheetnames))
        ws = wb["Summary"]
        h = header_row(ws, "Product")
        cols = [c.value for c in ws[h]]
        mtd, pid = cols.index("Month to date"), cols.index("Product ID")
        seen = set()
        for row in ws.iter_rows(min_row=h + 1, values_only=True):
            if row[0] in (None, "Total"):
                break
            seen.add(row[pid])
            want = per_product.get(row[pid], Decimal(0))
            check(abs(Decimal(str(row[mtd])) - want) < Decimal("0.000001"),
                  "%s %s: Summary %s != allocations %s"
                  % (d, row[pid], row[mtd], want))
        mine = {p["product_id"] for p in products if p["domain"] == d}
        check(seen == mine, "%s Summary products %s != %s" % (d, seen, mine))
        check(len(ws._charts) == 1, "%s Summary has no chart" % d)
        check(len(wb["Daily"]._charts) == 2, "%s Daily charts" % d)
        check(ws.freeze_panes is not None, "%s Summary not frozen" % d)
        rec = wb["Reconciliation"]
        h = header_row(rec, "Source")
        rows = []
        for r in rec.iter_rows(min_row=h + 1, values_only=True):
            if r[0] == "Total":
                break
            rows.append(r)
        check(len(rows) >= 2, "%s Reconciliation empty" % d)
        for r in rows:
            check(r[6] == 0, "%s Reconciliation %s %s difference %s"
                  % (d, r[0], r[1], r[6]))
        about = [c.value for c in wb["About"]["B"] if c.value]
        check(d in about, "%s About does not name the domain" % d)
    wb = openpyxl.load_workbook(os.path.join(out, "board.xlsx"))
    check(wb.sheetnames == BOARD, "board sheets %s" % wb.sheetnames)
    ws = wb["Sunset candidates"]
    h = header_row(ws, "Rank")
    listed = [r[2] for r in ws.iter_rows(min_row=h + 1, values_only=True)
              if r[0]]
    want = [r["product_id"] for r in csv.DictReader(
        open(os.path.join(out, "sunset-candidates.csv")))]
    check(listed == want, "board sunset %s != csv %s" % (listed, want))
    dv = ws.data_validations.dataValidation
    check(any('"Keep,Review,Archive"' in (v.formula1 or "") for v in dv),
          "no Keep/Review/Archive drop-down")
    dom = wb["Domains"]
    h = header_row(dom, "Domain")
    listed = [r[0] for r in dom.iter_rows(min_row=h + 1, values_only=True)
              if r[0] and not r[0].startswith("Unallocated")]
    check(listed == domains, "Domains sheet %s" % listed)
    for f in failures:
        print("FAIL:", f)
    print("%d passed, %d failed" % (1 if not failures else 0, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
