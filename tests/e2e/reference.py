#!/usr/bin/python3
"""An independent implementation of meshcost's numbers (DESIGN 4.1-4.3,
5.1), written from the design, not from the C code, to check the export of
the sample month to the micro-unit. Integers only: no floats touch money.

usage: reference.py --samples DIR [--period 2026-10] [--totals]
  prints the expected `meshcost export allocations` CSV on stdout;
  --totals prints instead the source totals computed straight from the
  inputs (no splitting): per cost kind and overall.
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
    inbox = os.path.join(samples, "inbox")
    for name in sorted(os.listdir(inbox)):
        path = os.path.join(inbox, name)
        for r in rows(path):
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
    return queries, access, meters, storage


def same_warehouse(m, q):
    if not q["wh"]:
        return False
    if m["wid"] and q["wid"]:
        return int(m["wid"]) == int(q["wid"])
    return m["wh"].upper() == q["wh"].upper()


class Books:
    def __init__(self):
        self.alloc = {}   # (day, product, kind) -> micro
        self.totals = {}  # (day, kind) -> micro

    def book(self, day, kind, amount, products):
        for pid, part in zip(products, split(amount, [1] * len(products))):
            k = (day, pid, kind)
            self.alloc[k] = self.alloc.get(k, 0) + part

    def total(self, day, kind, amount):
        self.totals[(day, kind)] = self.totals.get((day, kind), 0) + amount


def attribute(cat, cfg, facts):
    queries, access, meters, storage = facts
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
        y, mo = int(day[:4]), int(day[5:7])
        ndays = ((datetime(y + mo // 12, mo % 12 + 1, 1) -
                  datetime(y, mo, 1)).days)
        total = sum(per.values())
        if total == 0:
            continue
        cost = div_even(total * sprice, ndays << 40)
        ids = sorted(per, key=str.encode)
        for pid, part in zip(ids, split(cost, [per[i] for i in ids])):
            books.book(day, "storage", part, [pid])
        books.total(day, "storage", cost)
    return books


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
    books = attribute(cat, cfg, load(a.samples))
    # conservation inside the reference itself
    for (day, kind), t in books.totals.items():
        got = sum(v for (d, _, k), v in books.alloc.items()
                  if d == day and k == kind)
        assert got == t, (day, kind, got, t)
    in_period = [k for k in books.alloc if k[0].startswith(a.period)]
    if a.totals:
        kinds = {}
        for (day, kind), t in books.totals.items():
            if day.startswith(a.period):
                kinds[kind] = kinds.get(kind, 0) + t
        for kind in sorted(kinds):
            print("%s,%s" % (kind, money(kinds[kind])))
        print("total,%s" % money(sum(kinds.values())))
        return
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["date", "product_id", "domain", "source", "cost_kind",
                  "amount", "currency"])
    for day, pid, kind in sorted(in_period, key=lambda k: (
            k[0].encode(), k[1].encode(), b"snowflake", k[2].encode())):
        amount = books.alloc[(day, pid, kind)]
        if amount == 0:
            continue
        domain = cat.products[pid]["DOMAIN"] if pid in cat.products else ""
        out.writerow([day, pid, domain, "snowflake", kind, money(amount),
                      currency])


if __name__ == "__main__":
    main()
