#!/usr/bin/python3
"""An independent implementation of meshcost's numbers (DESIGN 4.1-4.4,
5.1), written from the design, not from the C code, to check the export of
the sample month to the micro-unit. Integers only: no floats touch money.

Sources: Snowflake (compute, idle, cloud services, storage), BigQuery JOBS
and TABLE_STORAGE, Databricks billing usage priced by list_prices, FOCUS.
The non-Snowflake sources use the "cells" method: a whole (a UTC day of
BigQuery jobs, a storage snapshot, a Databricks day and cost kind, a FOCUS
scope) sums exact values (integer numerators over a denominator D per
micro-unit), is rounded once half-to-even, and its cells (day, product,
item) get their floors plus one micro for the largest remainders (ties: day,
product id, item key ascending).

usage: reference.py --samples DIR [--period 2026-10] [--totals]
  prints the expected `meshcost export allocations` CSV on stdout;
  --totals prints instead the source totals computed straight from the
  inputs (no splitting): Snowflake per cost kind (`kind,amount`), the other
  sources per source and kind (`source,kind,amount`), and `total,amount`.
"""
import argparse
import configparser
import csv
import gzip
import json
import os
import re
import sys
from datetime import datetime, timezone, timedelta

H = 3_600_000
DAY = 86_400_000
TABLE_LIKE = {"table", "external table", "materialized view",
              "dynamic table"}


def dec(s, scale):
    """Decimal text (E-notation allowed) -> int at 10^scale, half-even."""
    s = s.strip()
    m = re.fullmatch(r"([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?", s)
    if not m or not (m.group(2) or m.group(3)):
        raise ValueError("not a number: %r" % s)
    sign = -1 if m.group(1) == "-" else 1
    digits = (m.group(2) or "") + (m.group(3) or "")
    exp = int(m.group(4) or 0) - len(m.group(3) or "") + scale
    n = int(digits or "0")
    if exp >= 0:
        return sign * n * 10 ** exp
    return sign * div_even(n, 10 ** -exp)


def div_even(num, den):
    """round_half_even(num / den) for den > 0, any sign of num."""
    q, r = divmod(num, den)
    if 2 * r > den or (2 * r == den and q % 2 == 1):
        q += 1
    return q


def ts(s):
    """'2026-10-01 09:13:07.481 -0700' (and variants) -> UTC epoch ms."""
    s = s.strip()
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d)(?::(\d\d)"
                     r"(?:\.(\d+))?)?)? ?(Z|UTC|[+-]\d\d(?::?\d\d)?)?", s)
    if not m:
        raise ValueError("not a timestamp: %r" % s)
    y, mo, d, hh, mi, ss, frac, zone = m.groups()
    ms = int(((frac or "") + "000")[:3])
    t = datetime(int(y), int(mo), int(d), int(hh or 0), int(mi or 0),
                 int(ss or 0), ms * 1000, tzinfo=timezone.utc)
    off = 0
    if zone and zone not in ("Z", "UTC"):
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        off = sign * (int(digits[:2]) * 60 + int(digits[2:4] or 0))
    epoch = datetime(1970, 1, 1, tzinfo=timezone.utc)
    return (t - epoch) // timedelta(milliseconds=1) - off * 60_000


def day_of(ms):
    return (datetime(1970, 1, 1) + timedelta(days=ms // DAY)).strftime(
        "%Y-%m-%d")


def null(v):
    return v is None or v == "" or v == "NULL" or v == "\\N"


def rows(path):
    opener = gzip.open if open(path, "rb").read(2) == b"\x1f\x8b" else open
    with opener(path, "rt", newline="", encoding="utf-8") as f:
        r = csv.reader(f)
        header = [h.strip().upper() for h in next(r)]
        for row in r:
            yield {h: (None if null(v) else v) for h, v in zip(header, row)}


def days_in_month(day):
    y, mo = int(day[:4]), int(day[5:7])
    return (datetime(y + mo // 12, mo % 12 + 1, 1) - datetime(y, mo, 1)).days


def split(total, weights):
    """Largest remainder; ties to the lower index."""
    W = sum(weights)
    neg = total < 0
    t = -total if neg else total
    parts = [t * w // W for w in weights]
    rem = sorted(range(len(weights)),
                 key=lambda i: (-(t * weights[i] % W), i))
    for i in rem[:t - sum(parts)]:
        parts[i] += 1
    return [-p for p in parts] if neg else parts


# ---------------------------------------------------------------- catalog
def glob_re(pattern):
    return "^" + ".*".join(re.escape(p) for p in pattern.split("*")) + "$"


class Catalog:
    def __init__(self, folder):
        self.products = {r["PRODUCT_ID"]: r for r in
                         rows(os.path.join(folder, "products.csv"))}
        self.assets = []
        suffix = {"table": "", "schema": ".*", "database": ".*.*"}
        for r in rows(os.path.join(folder, "assets.csv")):
            kind, pat = r["KIND"], r["PATTERN"]
            cls = "object" if kind in suffix else kind
            full = pat + suffix.get(kind, "")
            spec = full.index("*") if "*" in full else 10**9
            flags = 0 if kind == "tag" else re.IGNORECASE
            self.assets.append((cls, re.compile(glob_re(full), flags), spec,
                                r["PRODUCT_ID"]))

    def match(self, cls, name):
        if not name:
            return None
        best = None
        for c, rx, spec, pid in self.assets:
            if c == cls and rx.match(name):
                if best is None or spec > best[0] or \
                        (spec == best[0] and pid < best[1]):
                    best = (spec, pid)
        return best[1] if best else None


def tag_pairs(tag):
    if not tag:
        return []
    if tag.lstrip().startswith("{"):
        try:
            obj = json.loads(tag)
            if isinstance(obj, dict):
                return [(k, v) for k, v in obj.items() if isinstance(v, str)]
        except ValueError:
            pass
    out = []
    for part in re.split("[;,]", tag):
        if "=" in part:
            k, v = part.split("=", 1)
            if k.strip():
                out.append((k.strip(), v.strip()))
    return out


def resolve(cat, key, q, access):
    """DESIGN 4.1 -> (sorted product ids, reason)."""
    pairs = tag_pairs(q["tag"])
    named = [v for k, v in pairs if k == key]
    if named:
        v = named[0]
        if v in cat.products:
            return [v], ""
        return ["_unallocated"], "unknown product tag"
    found = {cat.match("tag", "%s=%s" % kv) for kv in pairs} - {None}
    if not found:
        base, modified = access.get(q["id"], ([], []))
        found = {cat.match("object", n) for n in modified} - {None}
        if not found:
            found = {cat.match("object", n) for n in base} - {None}
    if not found:
        found = {cat.match("role", q["role"])} - {None} or \
            {cat.match("user", q["user"])} - {None}
    if not found:
        found = {cat.match("warehouse", q["wh"])} - {None}
    if not found:
        return ["_unallocated"], "no catalog match"
    return sorted(found), ""


def load(samples):
    """Facts by natural key, files in sorted name order (later wins)."""
    queries, access, meters, storage = {}, {}, {}, {}
    more = Facts()
    inbox = os.path.join(samples, "inbox")
    for name in sorted(os.listdir(inbox)):
        path = os.path.join(inbox, name)
        focus = {}
        for r in rows(path):
            if more.add(name, r, focus):
                continue
            if "BASE_OBJECTS_ACCESSED" in r:
                objs = []
                for col in ("BASE_OBJECTS_ACCESSED", "OBJECTS_MODIFIED"):
                    items = json.loads(r.get(col) or "[]")
                    objs.append([o["objectName"] for o in items
                                 if str(o.get("objectDomain", "")).lower()
                                 in TABLE_LIKE and "objectName" in o])
                access[r["QUERY_ID"]] = tuple(objs)
            elif "QUERY_TEXT" in r:
                end = ts(r["END_TIME"])
                queries[r["QUERY_ID"]] = dict(
                    id=r["QUERY_ID"], end=end,
                    start=end - int(r["EXECUTION_TIME"] or 0),
                    wid=r.get("WAREHOUSE_ID"), wh=r["WAREHOUSE_NAME"],
                    role=r["ROLE_NAME"], user=r["USER_NAME"],
                    tag=r["QUERY_TAG"],
                    cs=dec(r["CREDITS_USED_CLOUD_SERVICES"] or "0", 9))
            elif "CREDITS_USED_COMPUTE" in r:
                meters[(r["WAREHOUSE_NAME"].upper(), ts(r["START_TIME"]))] = \
                    dict(wid=r.get("WAREHOUSE_ID"), wh=r["WAREHOUSE_NAME"],
                         hour=ts(r["START_TIME"]),
                         compute=dec(r["CREDITS_USED_COMPUTE"] or "0", 9),
                         cs=dec(r["CREDITS_USED_CLOUD_SERVICES"] or "0", 9))
            elif "ACTIVE_BYTES" in r:
                day = re.search(r"\d{4}-\d\d-\d\d", name).group(0)
                b = sum(int(r.get(c) or 0) for c in (
                    "ACTIVE_BYTES", "TIME_TRAVEL_BYTES", "FAILSAFE_BYTES",
                    "RETAINED_FOR_CLONE_BYTES"))
                fqn = ".".join(r.get(c) or "?" for c in (
                    "TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME"))
                storage[(day, int(r["ID"]))] = (fqn, b)
        more.focus.update(focus)  # a file replaces its whole scopes
    return queries, access, meters, storage, more


def same_warehouse(m, q):
    if not q["wh"]:
        return False
    if m["wid"] and q["wid"]:
        return int(m["wid"]) == int(q["wid"])
    return m["wh"].upper() == q["wh"].upper()


class Books:
    def __init__(self):
        self.alloc = {}   # (day, product, source, kind) -> micro
        self.totals = {}  # Snowflake: (day, kind) -> micro

    def book(self, day, kind, amount, products, source="snowflake"):
        for pid, part in zip(products, split(amount, [1] * len(products))):
            k = (day, pid, source, kind)
            self.alloc[k] = self.alloc.get(k, 0) + part

    def total(self, day, kind, amount):
        self.totals[(day, kind)] = self.totals.get((day, kind), 0) + amount


def attribute(cat, cfg, facts):
    queries, access, meters, storage = facts[:4]
    price = dec(cfg.get("rates", "snowflake_credit", fallback="3.00"), 6)
    sprice = dec(cfg.get("rates", "snowflake_storage_tib_month",
                         fallback="23.00"), 6)
    key = cfg.get("attribution", "product_tag_key", fallback="data_product")
    idle_owner = cfg.get("attribution", "idle", fallback="owner") == "owner"
    books = Books()
    prods = {}

    def products(q):
        if q["id"] not in prods:
            prods[q["id"]] = resolve(cat, key, q, access)[0]
        return prods[q["id"]]

    by_id = sorted(queries.values(), key=lambda q: q["id"].encode())
    day_cs, day_compute = {}, {}
    for m in meters.values():
        day = day_of(m["hour"])
        day_cs[day] = day_cs.get(day, 0) + m["cs"]
        day_compute[day] = day_compute.get(day, 0) + m["compute"]
        if m["compute"] <= 0:
            continue
        cost = div_even(m["compute"] * price, 10**9)
        h0, h1 = m["hour"], m["hour"] + H
        busy = [(q, min(q["end"], h1) - max(q["start"], h0)) for q in by_id
                if same_warehouse(m, q) and
                min(q["end"], h1) - max(q["start"], h0) > 0]
        if not busy:
            owner = cat.match("warehouse", m["wh"]) if idle_owner else None
            books.book(day, "idle", cost, [owner or "_unallocated"])
            books.total(day, "idle", cost)
            continue
        for (q, _), part in zip(busy, split(cost, [w for _, w in busy])):
            books.book(day, "compute", part, products(q))
        books.total(day, "compute", cost)
    for day in sorted(day_cs):
        tenths = 10 * day_cs[day] - day_compute[day]
        if tenths <= 0:
            continue
        cost = div_even(tenths * price, 10**10)
        if cost == 0:
            continue
        ending = [q for q in by_id if day_of(q["end"]) == day and q["cs"] > 0]
        if ending:
            for q, part in zip(ending, split(cost, [q["cs"] for q in ending])):
                books.book(day, "cloud_services", part, products(q))
        else:
            books.book(day, "cloud_services", cost, ["_unallocated"])
        books.total(day, "cloud_services", cost)
    snap = {}
    for (day, _), (fqn, b) in storage.items():
        pid = cat.match("object", fqn) or "_unallocated"
        per = snap.setdefault(day, {})
        per[pid] = per.get(pid, 0) + b
    for day, per in snap.items():
        ndays = days_in_month(day)
        total = sum(per.values())
        if total == 0:
            continue
        cost = div_even(total * sprice, ndays << 40)
        ids = sorted(per, key=str.encode)
        for pid, part in zip(ids, split(cost, [per[i] for i in ids])):
            books.book(day, "storage", part, [pid])
        books.total(day, "storage", cost)
    return books


# ------------------------------------------- BigQuery, Databricks, FOCUS
DBX_RESOURCE_KEYS = ("job_id", "warehouse_id", "cluster_id",
                     "dlt_pipeline_id", "endpoint_id", "notebook_id",
                     "app_id", "instance_pool_id")
BQ_DEN = (1 << 40) * 3_600_000   # job value units per micro-unit
DBX_DEN = 10 ** 21               # 1e-18 quantity x 1e-9 price -> micro
FOCUS_DEN = 10 ** 5              # 1e-11 currency -> micro


class Facts:
    """The non-Snowflake inputs by natural key, later loads replacing."""

    def __init__(self):
        self.bq_jobs = {}      # (project_id, job_id) -> row
        self.bq_storage = {}   # (snapshot day, project.dataset.table) -> row
        self.dbx_usage = {}    # record_id -> row
        self.dbx_prices = []   # rows, in load order
        self.focus = {}        # (provider, account, period start) -> rows

    def add(self, name, r, focus):
        if "JOB_ID" in r and "TOTAL_SLOT_MS" in r:
            self.bq_jobs[(r["PROJECT_ID"], r["JOB_ID"])] = r
        elif "ACTIVE_LOGICAL_BYTES" in r:
            day = re.search(r"\d{4}-\d\d-\d\d", name).group(0)
            fqn = "%s.%s.%s" % (r["PROJECT_ID"], r["TABLE_SCHEMA"],
                                r["TABLE_NAME"])
            self.bq_storage[(day, fqn)] = r
        elif "RECORD_ID" in r and "USAGE_QUANTITY" in r:
            self.dbx_usage[r["RECORD_ID"]] = r
        elif "PRICING_DEFAULT" in r:
            self.dbx_prices.append(r)
        elif "EFFECTIVECOST" in r and "CHARGEPERIODSTART" in r:
            scope = (r["PROVIDERNAME"], r["BILLINGACCOUNTID"],
                     ts(r["BILLINGPERIODSTART"]))
            focus.setdefault(scope, []).append(r)
        else:
            return False
        return True


class Rates:
    def __init__(self, cfg):
        def rate(name, default):
            return dec(cfg.get("rates", name, fallback=default), 6)
        self.on_demand = rate("bigquery_on_demand_tib", "6.25")
        self.slot = {"": rate("bigquery_slot_hour", "0.04"),
                     "ENTERPRISE": rate("bigquery_slot_hour_enterprise",
                                        "0.06"),
                     "ENTERPRISE_PLUS": rate(
                         "bigquery_slot_hour_enterprise_plus", "0.10")}
        self.al = rate("bigquery_active_logical_gib_month", "0.02")
        self.ll = rate("bigquery_long_term_logical_gib_month", "0.01")
        self.ap = rate("bigquery_active_physical_gib_month", "0.04")
        self.lp = rate("bigquery_long_term_physical_gib_month", "0.02")
        self.physical = cfg.get("bigquery", "storage_billing",
                                fallback="logical").strip().lower() == \
            "physical"
        dbu = cfg.get("rates", "databricks_dbu", fallback="").strip()
        self.dbu = dec(dbu, 9) if dbu else None
        self.billed = cfg.get("focus", "cost", fallback="effective") \
            .strip().lower() == "billed"
        self.currency = cfg.get("report", "currency", fallback="USD")


def distribute(cells, den):
    """The cells method: {(day, product, item): value} -> ({key: micro},
    whole's micro total)."""
    total = div_even(sum(cells.values()), den)
    out, order = {}, []
    for key, v in cells.items():
        q = v // den  # floor, also for negative values
        out[key] = q
        order.append((-(v - q * den), key[0], key[1].encode(),
                      key[2].encode(), key))
    k = total - sum(out.values())
    assert 0 <= k <= len(cells), (k, len(cells))
    order.sort()
    for o in order[:k]:
        out[o[-1]] += 1
    assert sum(out.values()) == total
    return out, total


def spread(cells, day, item, value, products):
    """An item's value over its products: evenly in value units, the
    first products (bytewise) one unit more."""
    products = sorted(products, key=str.encode)
    for pid, part in zip(products, split(value, [1] * len(products))):
        k = (day, pid, item)
        cells[k] = cells.get(k, 0) + part


def int0(v):
    return int(v) if v not in (None, "") else 0


def tag_products(cat, key, pairs):
    """Steps 1-2: a product key names a product (unknown: unallocated),
    else any key=value matching a tag asset; None when neither."""
    named = [v for k, v in pairs if k == key]
    if named:
        return [named[0]] if named[0] in cat.products else ["_unallocated"]
    found = {cat.match("tag", "%s=%s" % kv) for kv in pairs} - {None}
    return sorted(found) if found else None


def table_product(cat, fqn):
    return cat.match("bq_table", fqn) or cat.match("object", fqn)


def json_or(text, default):
    try:
        return json.loads(text) if text else default
    except ValueError:
        return default


def bq_tables(v):
    """Names project.dataset.table of a referenced/destination JSON value
    (an object or an array of objects), anonymous datasets skipped."""
    items = v if isinstance(v, list) else [v] if isinstance(v, dict) else []
    out = []
    for t in items:
        if not isinstance(t, dict):
            continue
        p, d, n = t.get("project_id"), t.get("dataset_id"), t.get("table_id")
        if p and d and n and not d.startswith("_"):
            out.append("%s.%s.%s" % (p, d, n))
    return out


def bq_job_products(cat, key, j):
    labels = json_or(j.get("LABELS_JSON"), [])
    pairs = [(x.get("key"), x.get("value") or "") for x in labels
             if isinstance(x, dict) and isinstance(x.get("key"), str)] \
        if isinstance(labels, list) else []
    found = tag_products(cat, key, pairs)
    if found:
        return found
    for col in ("DESTINATION_TABLE_JSON", "REFERENCED_TABLES_JSON"):
        names = bq_tables(json_or(j.get(col), None))
        found = {table_product(cat, n) for n in names} - {None}
        if found:
            return sorted(found)
    for cls, col in (("user", "USER_EMAIL"), ("project", "PROJECT_ID")):
        pid = cat.match(cls, j.get(col))
        if pid:
            return [pid]
    return ["_unallocated"]


def bq_job_value(rates, j):
    """-> (day, value in 1/BQ_DEN micro) or None when not billed."""
    if (j.get("STATE") or "").upper() != "DONE" or \
            (j.get("STATEMENT_TYPE") or "").upper() == "SCRIPT" or \
            (j.get("CACHE_HIT") or "").lower() == "true" or \
            not j.get("END_TIME"):
        return None
    if j.get("RESERVATION_ID"):
        price = rates.slot.get((j.get("EDITION") or "").upper(),
                               rates.slot[""])
        value = int0(j.get("TOTAL_SLOT_MS")) * price * (1 << 40)
    else:
        value = int0(j.get("TOTAL_BYTES_BILLED")) * rates.on_demand * \
            3_600_000
    if value == 0:
        return None
    return day_of(ts(j["END_TIME"])), value


def bq_storage_value(rates, r):
    """Value in 1/(2^30 x days in month) micro."""
    if rates.physical:
        return (int0(r.get("ACTIVE_PHYSICAL_BYTES")) +
                int0(r.get("FAIL_SAFE_PHYSICAL_BYTES"))) * rates.ap + \
            int0(r.get("LONG_TERM_PHYSICAL_BYTES")) * rates.lp
    return int0(r.get("ACTIVE_LOGICAL_BYTES")) * rates.al + \
        int0(r.get("LONG_TERM_LOGICAL_BYTES")) * rates.ll


class PriceList:
    def __init__(self, rows, fallback):
        self.rows = []
        for r in rows:
            price = r.get("PRICING_EFFECTIVE_LIST_DEFAULT") or \
                r.get("PRICING_DEFAULT")
            if price is None:
                continue
            end = r.get("PRICE_END_TIME")
            self.rows.append(((r["SKU_NAME"] or "").upper(),
                              (r["CLOUD"] or "").upper(),
                              ts(r["PRICE_START_TIME"]),
                              ts(end) if end else None, dec(price, 9)))
        self.fallback = fallback

    def price(self, sku, cloud, at):
        best = None
        for s, c, a, b, p in self.rows:
            if s == (sku or "").upper() and c == (cloud or "").upper() and \
                    a <= at and (b is None or at < b) and \
                    (best is None or a > best[0]):
                best = (a, p)
        if best:
            return best[1]
        if self.fallback is None:
            sys.exit("reference.py: no Databricks price for %s on %s at %s"
                     % (sku, cloud, at))
        return self.fallback


def dbx_kind(u):
    return "storage" if (u.get("USAGE_TYPE") or "").upper() == \
        "STORAGE_SPACE" else "compute"


def dbx_value(prices, u):
    """-> (day, kind, value in 1/DBX_DEN micro)."""
    start = ts(u["USAGE_START_TIME"])
    q = dec(u["USAGE_QUANTITY"] or "0", 18)
    return day_of(start), dbx_kind(u), \
        q * prices.price(u.get("SKU_NAME"), u.get("CLOUD"), start)


def dbx_products(cat, key, u):
    found = tag_products(cat, key, tag_pairs(u.get("CUSTOM_TAGS")))
    if found:
        return found
    meta = json_or(u.get("USAGE_METADATA"), {})
    meta = meta if isinstance(meta, dict) else {}
    found = {cat.match("resource", meta.get(k)) for k in DBX_RESOURCE_KEYS
             if isinstance(meta.get(k), str)} - {None}
    if found:
        return sorted(found)
    ident = json_or(u.get("IDENTITY_METADATA"), {})
    run_as = ident.get("run_as") if isinstance(ident, dict) else None
    pid = cat.match("user", run_as) if isinstance(run_as, str) else None
    return [pid] if pid else ["_unallocated"]


def focus_value(rates, r):
    """A line's amount in 1e-11 units of the report currency."""
    if r["BILLINGCURRENCY"] != rates.currency:
        sys.exit("reference.py: FOCUS line in %s, no [fx] support"
                 % r["BILLINGCURRENCY"])
    return dec(r["BILLEDCOST" if rates.billed else "EFFECTIVECOST"], 11)


def focus_days(r):
    """[(day, ms weight)] of the line's charge period."""
    a, b = ts(r["CHARGEPERIODSTART"]), ts(r["CHARGEPERIODEND"])
    if b <= a:
        return [(day_of(a), 1)]
    out = []
    lo = a - a % DAY
    while lo < b:
        out.append((day_of(lo), min(b, lo + DAY) - max(a, lo)))
        lo += DAY
    return out


def focus_products(cat, r):
    found = {cat.match("tag", "%s=%s" % kv)
             for kv in tag_pairs(r.get("TAGS"))} - {None}
    if found:
        return sorted(found)
    return [cat.match("resource", r.get("RESOURCEID")) or "_unallocated"]


def attribute_more(cat, cfg, more, books):
    """Books the cells of every whole (each checked: Σ cells = its rounded
    total); returns [(source, kind, days, total)] of the wholes."""
    rates = Rates(cfg)
    key = cfg.get("attribution", "product_tag_key", fallback="data_product")
    wholes = {}  # (source, kind, whole id) -> (den, cells)

    def cells_of(source, kind, whole, den):
        return wholes.setdefault((source, kind, whole), (den, {}))[1]

    for (project, job), j in more.bq_jobs.items():
        dv = bq_job_value(rates, j)
        if dv:
            spread(cells_of("bigquery", "compute", dv[0], BQ_DEN), dv[0],
                   "%s:%s" % (project, job), dv[1],
                   bq_job_products(cat, key, j))
    for (day, fqn), r in more.bq_storage.items():
        value = bq_storage_value(rates, r)
        if value:
            spread(cells_of("bigquery", "storage", day,
                            (1 << 30) * days_in_month(day)), day, fqn,
                   value, [table_product(cat, fqn) or "_unallocated"])
    prices = PriceList(more.dbx_prices, rates.dbu)
    for rid, u in more.dbx_usage.items():
        day, kind, value = dbx_value(prices, u)
        if value:
            spread(cells_of("databricks", kind, day, DBX_DEN), day, rid,
                   value, dbx_products(cat, key, u))
    for scope, lines in more.focus.items():
        cells = cells_of("focus", "billing", scope, FOCUS_DEN)
        for r in lines:
            days = focus_days(r)
            products = focus_products(cat, r)
            for (day, _), part in zip(days, split(focus_value(rates, r),
                                                  [w for _, w in days])):
                spread(cells, day, "", part, products)
    out = []
    for (source, kind, _), (den, cells) in sorted(wholes.items(),
                                                   key=repr):
        micro, total = distribute(cells, den)
        for (day, pid, _), v in micro.items():
            k = (day, pid, source, kind)
            books.alloc[k] = books.alloc.get(k, 0) + v
        out.append((source, kind, {d for d, _, _ in cells}, total))
    return out


def input_totals(cfg, more, period):
    """Σ per whole of round_half_even(Σ value / D), straight from the
    inputs, wholes of the period: (source, kind) -> micro."""
    rates = Rates(cfg)
    sums = {}

    def add(source, kind, whole, value, den):
        k = (source, kind, whole, den)
        sums[k] = sums.get(k, 0) + value
    for j in more.bq_jobs.values():
        dv = bq_job_value(rates, j)
        if dv:
            add("bigquery", "compute", dv[0], dv[1], BQ_DEN)
    for (day, _), r in more.bq_storage.items():
        add("bigquery", "storage", day, bq_storage_value(rates, r),
            (1 << 30) * days_in_month(day))
    prices = PriceList(more.dbx_prices, rates.dbu)
    for u in more.dbx_usage.values():
        day, kind, value = dbx_value(prices, u)
        add("databricks", kind, day, value, DBX_DEN)
    out, straddling = {}, []
    for (source, kind, whole, den), v in sums.items():
        if whole.startswith(period):
            out[(source, kind)] = out.get((source, kind), 0) + \
                div_even(v, den)
    for scope, lines in more.focus.items():
        days = {d for r in lines for d, _ in focus_days(r)}
        total = div_even(sum(focus_value(rates, r) for r in lines), FOCUS_DEN)
        if all(d.startswith(period) for d in days):
            out[("focus", "billing")] = out.get(("focus", "billing"), 0) + \
                total
        elif any(d.startswith(period) for d in days):
            straddling.append(scope)
    return out, straddling


def money(v):
    return "%s%d.%06d" % ("-" if v < 0 else "", abs(v) // 10**6,
                          abs(v) % 10**6)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", required=True)
    ap.add_argument("--period", default="2026-10")
    ap.add_argument("--totals", action="store_true")
    a = ap.parse_args()
    cfg = configparser.ConfigParser()
    cfg.read(os.path.join(a.samples, "meshcost.ini"))
    currency = cfg.get("report", "currency", fallback="USD")
    cat = Catalog(os.path.join(a.samples, "catalog"))
    facts = load(a.samples)
    books = attribute(cat, cfg, facts)
    # conservation inside the reference itself
    for (day, kind), t in books.totals.items():
        got = sum(v for (d, _, s, k), v in books.alloc.items()
                  if d == day and s == "snowflake" and k == kind)
        assert got == t, (day, kind, got, t)
    attribute_more(cat, cfg, facts[4], books)  # checks every whole
    more, straddling = input_totals(cfg, facts[4], a.period)
    if straddling:  # a scope rounded once across months: its cells instead
        print("reference.py: FOCUS scopes straddle %s: %r"
              % (a.period, straddling), file=sys.stderr)
        more[("focus", "billing")] = sum(
            v for (d, _, s, _), v in books.alloc.items()
            if d.startswith(a.period) and s == "focus")
    for (source, kind), t in more.items():  # the period, from the inputs
        got = sum(v for (d, _, s, k), v in books.alloc.items()
                  if d.startswith(a.period) and s == source and k == kind)
        assert got == t, (source, kind, got, t)
    in_period = [k for k in books.alloc if k[0].startswith(a.period)]
    if a.totals:
        kinds = {}
        for (day, kind), t in books.totals.items():
            if day.startswith(a.period):
                kinds[kind] = kinds.get(kind, 0) + t
        for kind in sorted(kinds):
            print("%s,%s" % (kind, money(kinds[kind])))
        for sk in (("bigquery", "compute"), ("bigquery", "storage"),
                   ("databricks", "compute"), ("databricks", "storage"),
                   ("focus", "billing")):
            print("%s,%s,%s" % (sk + (money(more.get(sk, 0)),)))
        print("total,%s" % money(sum(kinds.values()) + sum(more.values())))
        return
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["date", "product_id", "domain", "source", "cost_kind",
                  "amount", "currency"])
    for key in sorted(in_period, key=lambda k: tuple(x.encode() for x in k)):
        amount = books.alloc[key]
        if amount == 0:
            continue
        day, pid, source, kind = key
        domain = cat.products[pid]["DOMAIN"] if pid in cat.products else ""
        out.writerow([day, pid, domain, source, kind, money(amount),
                      currency])


if __name__ == "__main__":
    main()
