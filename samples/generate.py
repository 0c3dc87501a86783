#!/usr/bin/python3
"""Generates the sample month: October 2026 at Northgate Health, a fictional
hospital network running a data mesh on Snowflake.

Writes samples/catalog/{products,assets}.csv and samples/inbox/ with one
file per source per UTC day in the real Snowflake column layouts (as unloaded
with FIELD_OPTIONALLY_ENCLOSED_BY='"' and HEADER=TRUE, timestamps rendered in
the account's America/Los_Angeles session zone, -0700 in October).
Deterministic: the same bytes every run.  usage: /usr/bin/python3 generate.py
"""
import csv
import gzip
import hashlib
import io
import json
import os
import random
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
UTC = timezone.utc
PDT = timezone(timedelta(hours=-7))
MONTH_START = datetime(2026, 10, 1, tzinfo=UTC)
DAYS = 31
rng = random.Random(20261031)

PRODUCTS = [
    # id, name, domain, owner, email, status, budget, depends_on, tags
    ("flow.adt-events", "ADT Events", "patient-flow", "Maya Chen",
     "maya.chen@northgate.example", "active", "700.00", "", "tier1"),
    ("flow.bed-availability", "Bed Availability", "patient-flow", "Maya Chen",
     "maya.chen@northgate.example", "active", "900.00", "flow.adt-events",
     "tier1"),
    ("flow.ed-throughput", "ED Throughput & Boarding", "patient-flow",
     "Omar Haddad", "omar.haddad@northgate.example", "active", "1500.00",
     "flow.adt-events", ""),
    ("flow.discharge-forecast", "Discharge Forecast (v1)", "patient-flow",
     "Omar Haddad", "omar.haddad@northgate.example", "deprecated", "300.00",
     "", "legacy"),
    ("clin.lab-results", "Lab Results", "clinical-ops", "Priya Raman",
     "priya.raman@northgate.example", "active", "1100.00", "", "tier1"),
    ("clin.med-admin", "Medication Administration", "clinical-ops",
     "Priya Raman", "priya.raman@northgate.example", "active", "1200.00", "",
     ""),
    ("clin.infection-control", "Infection Control Signals", "clinical-ops",
     "Dr. Lena Fischer", "lena.fischer@northgate.example", "protected",
     "600.00", "clin.lab-results", "regulatory"),
    ("clin.staffing", "Nurse Staffing Ratios", "clinical-ops",
     "", "", "active", "", "", ""),
    ("rev.claim-status", "Claim Status", "revenue-cycle", "Tom Becker",
     "tom.becker@northgate.example", "active", "2200.00", "", "tier1"),
    ("rev.denials", "Throughput & Denials", "revenue-cycle", "Tom Becker",
     "tom.becker@northgate.example", "active", "1600.00", "rev.claim-status",
     ""),
    ("rev.payer-mix", "Payer Mix, Monthly", "revenue-cycle", "Ines Duarte",
     "ines.duarte@northgate.example", "active", "400.00", "", ""),
    ("supply.supplier-otd", "Supplier On-Time Delivery", "supply-chain",
     "Kofi Mensah", "kofi.mensah@northgate.example", "active", "800.00", "",
     ""),
    ("supply.par-levels", "Par Levels & Stockouts", "supply-chain",
     "Kofi Mensah", "kofi.mensah@northgate.example", "active", "700.00",
     "supply.supplier-otd", ""),
    ("supply.recall-watch", "Device Recall Watch", "supply-chain",
     "Kofi Mensah", "kofi.mensah@northgate.example", "active", "150.00", "",
     ""),
    ("res.cohort-builder", "Research Cohort Builder", "research",
     "Dr. Ada Okafor", "ada.okafor@northgate.example", "active", "2000.00",
     "clin.lab-results", ""),
    ("res.trial-screening", "Trial Screening", "research", "Dr. Ada Okafor",
     "ada.okafor@northgate.example", "active", "600.00",
     "res.cohort-builder", ""),
]

ASSETS = [
    ("flow.adt-events", "schema", "NORTHGATE.ADT"),
    ("flow.adt-events", "role", "ADT_ETL"),
    ("flow.bed-availability", "table", "NORTHGATE.FLOW.BED_*"),
    ("flow.ed-throughput", "table", "NORTHGATE.FLOW.ED_THROUGHPUT"),
    ("flow.ed-throughput", "table", "NORTHGATE.FLOW.ED_BOARDING_HOURS"),
    ("flow.discharge-forecast", "table", "NORTHGATE.FLOW.DISCHARGE_FCST"),
    ("clin.lab-results", "database", "LIMS"),
    ("clin.lab-results", "role", "LAB_ETL"),
    ("clin.lab-results", "warehouse", "LAB_WH"),
    ("clin.med-admin", "table", "NORTHGATE.PHARMACY.*"),
    ("clin.med-admin", "role", "PHARM_ETL"),
    ("clin.infection-control", "table", "NORTHGATE.IC.HAI_SIGNALS"),
    ("clin.staffing", "table", "NORTHGATE.STAFFING.*"),
    ("clin.staffing", "role", "STAFFING_ETL"),
    ("rev.claim-status", "table", "NORTHGATE.CLAIMS.CLAIM_STATUS"),
    ("rev.claim-status", "warehouse", "CLAIMS_APP_WH"),
    ("rev.claim-status", "tag", "app=claims-portal"),
    ("rev.denials", "table", "NORTHGATE.CLAIMS.DENIAL*"),
    ("rev.payer-mix", "table", "NORTHGATE.FINANCE.PAYER_MIX"),
    ("supply.supplier-otd", "table", "NORTHGATE.SUPPLY.SUPPLIER_OTD"),
    ("supply.par-levels", "table", "NORTHGATE.SUPPLY.PAR_*"),
    ("supply.recall-watch", "table", "NORTHGATE.SUPPLY.RECALL_WATCH"),
    ("supply.supplier-otd", "role", "SUPPLY_ETL"),
    ("res.cohort-builder", "database", "RESEARCH_DB"),
    ("res.cohort-builder", "warehouse", "RESEARCH_WH"),
    ("res.cohort-builder", "user", "DR_OKAFOR"),
    ("res.cohort-builder", "tag", "team=research"),
    ("res.trial-screening", "schema", "RESEARCH_DB.TRIALS"),
]

# name -> (id, size, credits per hour)
WAREHOUSES = {
    "ETL_WH": (101, "Medium", 4),
    "BI_WH": (102, "Small", 2),
    "CLAIMS_APP_WH": (103, "X-Small", 1),
    "RESEARCH_WH": (104, "Large", 8),
    "ADHOC_WH": (105, "Small", 2),
    "LAB_WH": (106, "X-Small", 1),
}

# Tables: fqn -> (table id, active bytes); unmapped ones are RAW/SCRATCH.
TABLES = {
    "NORTHGATE.ADT.ADT_EVENTS": 2.4e12, "NORTHGATE.ADT.ADT_PATIENT_DIM": 3.1e11,
    "NORTHGATE.FLOW.BED_STATUS": 2.2e11, "NORTHGATE.FLOW.BED_CENSUS_HOURLY": 9e10,
    "NORTHGATE.FLOW.ED_THROUGHPUT": 1.6e11,
    "NORTHGATE.FLOW.ED_BOARDING_HOURS": 4e10,
    "NORTHGATE.FLOW.DISCHARGE_FCST": 6.5e11,
    "LIMS.RESULTS.LAB_RESULTS": 1.9e12, "LIMS.RESULTS.LAB_ORDERS": 7e11,
    "LIMS.REF.LOINC_CODES": 2e9,
    "NORTHGATE.PHARMACY.MED_ADMIN": 5.5e11,
    "NORTHGATE.PHARMACY.FORMULARY": 8e9,
    "NORTHGATE.IC.HAI_SIGNALS": 6e10,
    "NORTHGATE.STAFFING.NURSE_RATIOS": 1.2e11,
    "NORTHGATE.STAFFING.SHIFT_ROSTER": 9e10,
    "NORTHGATE.CLAIMS.CLAIM_STATUS": 1.4e12,
    "NORTHGATE.CLAIMS.DENIALS": 4.2e11,
    "NORTHGATE.CLAIMS.DENIAL_REASONS": 3e9,
    "NORTHGATE.FINANCE.PAYER_MIX": 3.3e11,
    "NORTHGATE.SUPPLY.SUPPLIER_OTD": 1.1e11,
    "NORTHGATE.SUPPLY.PAR_LEVELS": 7e10, "NORTHGATE.SUPPLY.PAR_STOCKOUTS": 2e10,
    "NORTHGATE.SUPPLY.RECALL_WATCH": 4.5e11,
    "RESEARCH_DB.COHORTS.COHORT_MEMBERS": 2.8e12,
    "RESEARCH_DB.COHORTS.COHORT_DEFS": 5e9,
    "RESEARCH_DB.TRIALS.SCREENING_RESULTS": 3.5e11,
    "RAW.EPIC.ADT_FEED": 5.2e12, "RAW.EPIC.CLAIMS_837": 3.9e12,
    "RAW.LIMS.HL7_ORU": 2.2e12, "RAW.SUPPLY.EDI_856": 6e11,
    "SCRATCH.ANALYSTS.TMP_EXPLORE": 1.5e11,
}
TABLE_IDS = {t: 66000 + i * 7 for i, t in enumerate(sorted(TABLES))}

USERS = {
    "analysts": ["ANA_LOPEZ", "BEN_CHO", "CARA_SMITH", "DEV_PATEL",
                 "ELI_WONG"],
    "research": ["DR_OKAFOR", "DR_NGUYEN", "DR_SINGH"],
}

# Pipelines: (role, warehouse, target tables, sources, runs per day, tag)
PIPELINES = [
    ("ADT_ETL", "ETL_WH", ["NORTHGATE.ADT.ADT_EVENTS"], ["RAW.EPIC.ADT_FEED"],
     24, "dbt"),
    ("ADT_ETL", "ETL_WH", ["NORTHGATE.FLOW.BED_STATUS"],
     ["NORTHGATE.ADT.ADT_EVENTS"], 24, "dbt"),
    ("ADT_ETL", "ETL_WH", ["NORTHGATE.FLOW.BED_CENSUS_HOURLY"],
     ["NORTHGATE.FLOW.BED_STATUS"], 12, "dbt"),
    ("ADT_ETL", "ETL_WH", ["NORTHGATE.FLOW.ED_THROUGHPUT"],
     ["NORTHGATE.ADT.ADT_EVENTS"], 6, "dbt"),
    ("ADT_ETL", "ETL_WH", ["NORTHGATE.FLOW.DISCHARGE_FCST"],
     ["NORTHGATE.ADT.ADT_EVENTS", "NORTHGATE.FLOW.BED_STATUS"], 2, "dbt"),
    ("LAB_ETL", "LAB_WH", ["LIMS.RESULTS.LAB_RESULTS"], ["RAW.LIMS.HL7_ORU"],
     24, ""),
    ("PHARM_ETL", "ETL_WH", ["NORTHGATE.PHARMACY.MED_ADMIN"],
     ["RAW.EPIC.ADT_FEED"], 8, "dbt"),
    ("STAFFING_ETL", "ETL_WH", ["NORTHGATE.STAFFING.NURSE_RATIOS"],
     ["NORTHGATE.STAFFING.SHIFT_ROSTER", "NORTHGATE.STAFFING.NURSE_RATIOS"],
     4, ""),
    ("CLAIMS_ETL", "ETL_WH", ["NORTHGATE.CLAIMS.CLAIM_STATUS"],
     ["RAW.EPIC.CLAIMS_837"], 12, "dbt"),
    ("CLAIMS_ETL", "ETL_WH", ["NORTHGATE.CLAIMS.DENIALS"],
     ["NORTHGATE.CLAIMS.CLAIM_STATUS"], 4, "dbt"),
    ("CLAIMS_ETL", "ETL_WH", ["NORTHGATE.FINANCE.PAYER_MIX"],
     ["NORTHGATE.CLAIMS.CLAIM_STATUS"], 1, "dbt"),
    ("SUPPLY_ETL", "ETL_WH", ["NORTHGATE.SUPPLY.SUPPLIER_OTD"],
     ["RAW.SUPPLY.EDI_856"], 4, ""),
    ("SUPPLY_ETL", "ETL_WH", ["NORTHGATE.SUPPLY.PAR_LEVELS"],
     ["NORTHGATE.SUPPLY.SUPPLIER_OTD"], 4, ""),
    ("SUPPLY_ETL", "ETL_WH", ["NORTHGATE.SUPPLY.RECALL_WATCH"],
     ["RAW.SUPPLY.EDI_856"], 2, ""),
    ("RESEARCHER", "RESEARCH_WH", ["RESEARCH_DB.COHORTS.COHORT_MEMBERS"],
     ["LIMS.RESULTS.LAB_RESULTS", "NORTHGATE.ADT.ADT_EVENTS"], 2, ""),
]

# Dashboards: (tables read together, user, role, warehouse, runs per day)
READS = [
    (["NORTHGATE.FLOW.BED_STATUS"], "LOOKER_SVC", "REPORTER", "BI_WH", 60),
    (["NORTHGATE.FLOW.BED_CENSUS_HOURLY", "NORTHGATE.FLOW.ED_THROUGHPUT"],
     "LOOKER_SVC", "REPORTER", "BI_WH", 20),
    (["NORTHGATE.FLOW.ED_BOARDING_HOURS"], "LOOKER_SVC", "REPORTER", "BI_WH",
     12),
    (["NORTHGATE.PHARMACY.MED_ADMIN"], "LOOKER_SVC", "REPORTER", "BI_WH", 16),
    (["NORTHGATE.CLAIMS.DENIALS", "NORTHGATE.CLAIMS.DENIAL_REASONS"],
     "LOOKER_SVC", "REPORTER", "BI_WH", 18),
    (["NORTHGATE.SUPPLY.PAR_LEVELS", "NORTHGATE.SUPPLY.PAR_STOCKOUTS"],
     "LOOKER_SVC", "REPORTER", "BI_WH", 8),
    (["LIMS.RESULTS.LAB_RESULTS"], "LOOKER_SVC", "REPORTER", "BI_WH", 10),
]

QH_COLUMNS = (
    "QUERY_ID QUERY_TEXT DATABASE_ID DATABASE_NAME SCHEMA_ID SCHEMA_NAME "
    "QUERY_TYPE SESSION_ID USER_NAME ROLE_NAME WAREHOUSE_ID WAREHOUSE_NAME "
    "WAREHOUSE_SIZE WAREHOUSE_TYPE CLUSTER_NUMBER QUERY_TAG EXECUTION_STATUS "
    "ERROR_CODE ERROR_MESSAGE START_TIME END_TIME TOTAL_ELAPSED_TIME "
    "BYTES_SCANNED PERCENTAGE_SCANNED_FROM_CACHE BYTES_WRITTEN "
    "BYTES_WRITTEN_TO_RESULT BYTES_READ_FROM_RESULT ROWS_PRODUCED "
    "ROWS_INSERTED ROWS_UPDATED ROWS_DELETED ROWS_UNLOADED BYTES_DELETED "
    "PARTITIONS_SCANNED PARTITIONS_TOTAL BYTES_SPILLED_TO_LOCAL_STORAGE "
    "BYTES_SPILLED_TO_REMOTE_STORAGE BYTES_SENT_OVER_THE_NETWORK "
    "COMPILATION_TIME EXECUTION_TIME QUEUED_PROVISIONING_TIME "
    "QUEUED_REPAIR_TIME QUEUED_OVERLOAD_TIME TRANSACTION_BLOCKED_TIME "
    "OUTBOUND_DATA_TRANSFER_CLOUD OUTBOUND_DATA_TRANSFER_REGION "
    "OUTBOUND_DATA_TRANSFER_BYTES INBOUND_DATA_TRANSFER_CLOUD "
    "INBOUND_DATA_TRANSFER_REGION INBOUND_DATA_TRANSFER_BYTES "
    "LIST_EXTERNAL_FILES_TIME CREDITS_USED_CLOUD_SERVICES RELEASE_VERSION "
    "EXTERNAL_FUNCTION_TOTAL_INVOCATIONS EXTERNAL_FUNCTION_TOTAL_SENT_ROWS "
    "EXTERNAL_FUNCTION_TOTAL_RECEIVED_ROWS EXTERNAL_FUNCTION_TOTAL_SENT_BYTES "
    "EXTERNAL_FUNCTION_TOTAL_RECEIVED_BYTES QUERY_LOAD_PERCENT "
    "IS_CLIENT_GENERATED_STATEMENT QUERY_ACCELERATION_BYTES_SCANNED "
    "QUERY_ACCELERATION_PARTITIONS_SCANNED "
    "QUERY_ACCELERATION_UPPER_LIMIT_SCALE_FACTOR TRANSACTION_ID "
    "CHILD_QUERIES_WAIT_TIME ROLE_TYPE QUERY_HASH QUERY_HASH_VERSION "
    "QUERY_PARAMETERIZED_HASH QUERY_PARAMETERIZED_HASH_VERSION "
    "SECONDARY_ROLE_STATS ROWS_WRITTEN_TO_RESULT QUERY_RETRY_TIME "
    "QUERY_RETRY_CAUSE FAULT_HANDLING_TIME USER_TYPE USER_DATABASE_NAME "
    "USER_DATABASE_ID USER_SCHEMA_NAME USER_SCHEMA_ID").split()

AH_COLUMNS = ["QUERY_ID", "QUERY_START_TIME", "USER_NAME",
              "DIRECT_OBJECTS_ACCESSED", "BASE_OBJECTS_ACCESSED",
              "OBJECTS_MODIFIED", "OBJECT_MODIFIED_BY_DDL",
              "POLICIES_REFERENCED", "PARENT_QUERY_ID", "ROOT_QUERY_ID"]

WM_COLUMNS = ["START_TIME", "END_TIME", "WAREHOUSE_ID", "WAREHOUSE_NAME",
              "CREDITS_USED", "CREDITS_USED_COMPUTE",
              "CREDITS_USED_CLOUD_SERVICES",
              "CREDITS_ATTRIBUTED_COMPUTE_QUERIES"]

TSM_COLUMNS = ["ID", "TABLE_NAME", "TABLE_SCHEMA_ID", "TABLE_SCHEMA",
               "TABLE_CATALOG_ID", "TABLE_CATALOG", "CLONE_GROUP_ID",
               "IS_TRANSIENT", "ACTIVE_BYTES", "TIME_TRAVEL_BYTES",
               "FAILSAFE_BYTES", "RETAINED_FOR_CLONE_BYTES", "DELETED",
               "TABLE_CREATED", "TABLE_DROPPED", "TABLE_ENTERED_FAILSAFE",
               "SCHEMA_CREATED", "SCHEMA_DROPPED", "CATALOG_CREATED",
               "CATALOG_DROPPED", "COMMENT", "INSTANCE_ID"]


def ts(t):
    """Snowflake's default TIMESTAMP_LTZ text in the PDT session zone."""
    local = t.astimezone(PDT)
    return local.strftime("%Y-%m-%d %H:%M:%S.") + \
        "%03d -0700" % (local.microsecond // 1000)


def credits(nano):
    return "%d.%09d" % divmod(nano, 10**9)


def qid(n):
    return "01bf%04x-0306-7b3e-0000-2d8d%08x" % (n % 0xFFFF, n * 2654435761
                                                  % 0xFFFFFFFF)


def md5(text):
    return hashlib.md5(text.encode()).hexdigest()


def lower_name(fqn):
    return fqn.split(".")[-1].lower()


def dbt_tag(target):
    return json.dumps({"app": "dbt", "dbt_version": "1.8.4",
                       "node_id": "model.northgate." + lower_name(target),
                       "target_name": "prod"})


class Month:
    def __init__(self):
        self.queries = []
        self.seq = 0

    def add(self, start, exec_ms, wh, user, role, text, qtype, tag="",
            reads=(), writes=(), status="SUCCESS", error=None, cs=None,
            direct=None):
        self.seq += 1
        compile_ms = rng.randint(40, 900)
        queued = rng.choice([0, 0, 0, 0, rng.randint(10, 4000)])
        exec_start = start + timedelta(milliseconds=compile_ms + queued)
        end = exec_start + timedelta(milliseconds=exec_ms)
        if cs is None:
            cs = rng.randint(1_000, 400_000)  # nano-credits
        q = dict(id=qid(self.seq), text=text, type=qtype, user=user,
                 role=role, wh=wh, tag=tag, status=status, error=error,
                 start=start, end=end, compile=compile_ms, queued=queued,
                 exec=exec_ms, cs=cs, reads=list(reads),
                 writes=list(writes), direct=direct)
        self.queries.append(q)
        return q


def business_time(day, hours=(13, 26)):
    """A random instant in PDT business hours (13:00-02:00 UTC)."""
    sec = rng.randint(hours[0] * 3600, hours[1] * 3600 - 1)
    return day + timedelta(seconds=sec, milliseconds=rng.randint(0, 999))


def pipelines(m, day):
    for role, wh, targets, sources, runs, tag in PIPELINES:
        for r in range(runs):
            slot = 24 * 3600 // runs
            start = day + timedelta(seconds=r * slot + rng.randint(60, 900),
                                    milliseconds=rng.randint(0, 999))
            exec_ms = rng.randint(20_000, 480_000)
            if wh == "RESEARCH_WH":
                exec_ms = rng.randint(600_000, 5_400_000)  # spans hours
            target = targets[0]
            text = ("merge into %s t\nusing (\n  select * from %s\n  where "
                    "_loaded_at > '%s'\n) s on t.id = s.id\nwhen matched "
                    "then update set t.payload = s.payload\nwhen not matched"
                    " then insert values (s.id, s.payload)"
                    % (target.lower(), ", ".join(x.lower() for x in sources),
                       start.strftime("%Y-%m-%d %H:00")))
            m.add(start, exec_ms, wh, "ETL_SVC" if role != "RESEARCHER"
                  else "DR_OKAFOR", role, text, "MERGE",
                  dbt_tag(target) if tag == "dbt" else "",
                  reads=sources, writes=targets)


def dashboards(m, day):
    for tables, user, role, wh, runs in READS:
        for _ in range(runs):
            start = business_time(day)
            text = ("select date_trunc('hour', event_ts) as hour, count(*) "
                    "as n, sum(case when status = 'OPEN' then 1 else 0 end)"
                    "\nfrom %s\nwhere site_id in (4, 7, 12)\ngroup by 1 "
                    "order by 1 desc limit 500"
                    % " join ".join(t.lower() for t in tables))
            direct = None
            if tables[0] == "NORTHGATE.FLOW.BED_STATUS":
                direct = [("NORTHGATE.FLOW.V_BED_STATUS", "View")]
            m.add(start, rng.randint(400, 28_000), wh, user, role, text,
                  "SELECT", json.dumps({"dashboard_id": str(rng.randint(
                      100, 140)), "looker_user": "svc"}),
                  reads=tables, direct=direct)


def claims_app(m, day):
    for i in range(40):
        tag = ("data_product=rev.claim-status; app=claims-portal"
               if i % 4 else "app=claims-portal, screen=worklist")
        m.add(business_time(day), rng.randint(150, 5000), "CLAIMS_APP_WH",
              "CLAIMS_APP", "CLAIMS_APP_ROLE",
              "select claim_id, status, payer, \"Amount, billed\"\nfrom "
              "northgate.claims.claim_status where claim_id = 'C-%07d'"
              % rng.randint(0, 9_999_999), "SELECT", tag,
              reads=["NORTHGATE.CLAIMS.CLAIM_STATUS"])


def analysts(m, day, weekday):
    pool = ["NORTHGATE.ADT.ADT_EVENTS", "NORTHGATE.FLOW.ED_THROUGHPUT",
            "NORTHGATE.CLAIMS.DENIALS", "LIMS.RESULTS.LAB_RESULTS",
            "NORTHGATE.PHARMACY.MED_ADMIN", "NORTHGATE.SUPPLY.PAR_LEVELS"]
    for _ in range(22):
        user = rng.choice(USERS["analysts"])
        tables = rng.sample(pool, rng.choice([1, 1, 2]))
        m.add(business_time(day), rng.randint(800, 90_000), "ADHOC_WH", user,
              "ANALYST", "-- exploration\nselect * from %s limit 1000"
              % ", ".join(t.lower() for t in tables), "SELECT", "",
              reads=tables)
    for _ in range(5):  # scratch work nobody owns
        m.add(business_time(day), rng.randint(800, 60_000), "ADHOC_WH",
              rng.choice(USERS["analysts"]), "ANALYST",
              "create or replace temporary table scratch.analysts.tmp_explore"
              " as select 1 as x", "CREATE_TABLE_AS_SELECT", "",
              reads=["SCRATCH.ANALYSTS.TMP_EXPLORE"])
    if weekday in (0, 2, 4):  # one reader only: payer mix
        m.add(business_time(day), rng.randint(2000, 20_000), "ADHOC_WH",
              "CARA_SMITH", "ANALYST", "select payer, sum(allowed) from "
              "northgate.finance.payer_mix group by payer", "SELECT", "",
              reads=["NORTHGATE.FINANCE.PAYER_MIX"])
    if weekday in (1, 3):  # one reader only: supplier on-time delivery
        m.add(business_time(day), rng.randint(2000, 20_000), "ADHOC_WH",
              "DEV_PATEL", "ANALYST", "select supplier, avg(days_late) from "
              "northgate.supply.supplier_otd group by 1", "SELECT", "",
              reads=["NORTHGATE.SUPPLY.SUPPLIER_OTD"])
    if weekday == 0:  # infection control is protected, read weekly
        m.add(business_time(day), rng.randint(2000, 9000), "BI_WH",
              "ANA_LOPEZ", "ANALYST", "select * from "
              "northgate.ic.hai_signals where week = current_week()",
              "SELECT", "", reads=["NORTHGATE.IC.HAI_SIGNALS"])
    for _ in range(2):  # a tag naming a product that does not exist
        m.add(business_time(day), rng.randint(500, 5000), "ADHOC_WH",
              "BEN_CHO", "ANALYST", "select count(*) from "
              "northgate.claims.claim_status", "SELECT",
              json.dumps({"data_product": "rev.claims-v2"}),
              reads=["NORTHGATE.CLAIMS.CLAIM_STATUS"])


def research(m, day):
    for i in range(8):
        user = rng.choice(USERS["research"])
        if i % 3 == 0:
            tables = ["RESEARCH_DB.TRIALS.SCREENING_RESULTS"]
        else:
            tables = ["RESEARCH_DB.COHORTS.COHORT_MEMBERS"]
        tag = json.dumps({"team": "research", "study": "NG-2026-14"}) \
            if i % 4 == 1 else ""
        m.add(business_time(day), rng.randint(30_000, 2_400_000),
              "RESEARCH_WH", user, "RESEARCHER",
              "select m.patient_key, r.loinc, r.value\nfrom %s m\n  join "
              "lims.results.lab_results r using (patient_key)\nwhere "
              "r.loinc in ('2345-7', '4548-4')" % tables[0].lower(),
              "SELECT", tag, reads=tables + ["LIMS.RESULTS.LAB_RESULTS"])


def metadata(m, day, heavy):
    n = 30 + (400 if heavy else 0)
    for _ in range(n):
        cs = rng.randint(2_000_000, 40_000_000) if heavy else \
            rng.randint(5_000, 200_000)
        m.add(business_time(day, (0, 24)), 0, None, rng.choice(
            ["LOOKER_SVC", "ETL_SVC", "ANA_LOPEZ"]), "REPORTER",
            "show tables in schema northgate.flow", "SHOW", "", cs=cs)


def failures(m, day):
    for i in range(3):
        q = m.add(business_time(day), rng.randint(1000, 30_000), "ADHOC_WH",
                  rng.choice(USERS["analysts"]), "ANALYST",
                  "select * from northgate.adt.adt_events where x = 1",
                  "SELECT", "", status="FAIL",
                  error=("000604", "SQL execution canceled") if i == 0 else
                  ("002003", "SQL compilation error: Object 'X' does not "
                   "exist or not authorized."))
        q["reads"] = []


def build_queries():
    m = Month()
    for d in range(DAYS):
        day = MONTH_START + timedelta(days=d)
        pipelines(m, day)
        dashboards(m, day)
        claims_app(m, day)
        analysts(m, day, day.weekday())
        research(m, day)
        metadata(m, day, heavy=d in (4, 11, 18))
        failures(m, day)
    end = MONTH_START + timedelta(days=DAYS)
    return [q for q in m.queries if q["end"] < end]


def busy_intervals(queries):
    """(warehouse, hour start) -> list of [a, b) execution ms intervals."""
    out = {}
    for q in queries:
        if not q["wh"] or q["exec"] == 0:
            continue
        b = int(q["end"].timestamp() * 1000)
        a = b - q["exec"]
        h = a - a % 3_600_000
        while h < b:
            out.setdefault((q["wh"], h), []).append(
                (max(a, h), min(b, h + 3_600_000)))
            h += 3_600_000
    return out


def union_ms(iv):
    total, cur_a, cur_b = 0, None, None
    for a, b in sorted(iv):
        if cur_b is None or a > cur_b:
            if cur_b is not None:
                total += cur_b - cur_a
            cur_a, cur_b = a, b
        else:
            cur_b = max(cur_b, b)
    return total + (cur_b - cur_a if cur_b is not None else 0)


def metering(queries):
    """Rows per warehouse-hour: busy time plus suspend tails, some idle
    hours; the CLOUD_SERVICES_ONLY pseudo-warehouse; CS per hour."""
    busy = busy_intervals(queries)
    cs = {}
    for q in queries:
        e = int(q["end"].timestamp() * 1000)
        key = (q["wh"] or "CLOUD_SERVICES_ONLY", e - e % 3_600_000)
        cs[key] = cs.get(key, 0) + q["cs"]
    rows = {}
    for (wh, h), iv in busy.items():
        cph = WAREHOUSES[wh][2]
        ms = min(3_600_000, union_ms(iv) + 60_000 * min(len(iv), 10))
        rows[(wh, h)] = ms * cph * 10**9 // 3_600_000 + rng.randint(0, 999)
        nxt = (wh, h + 3_600_000)
        if nxt not in busy and rng.random() < 0.12:  # auto-suspend tail
            rows[nxt] = rng.randint(60, 600) * cph * 10**9 // 3600
    for key in cs:
        rows.setdefault(key, 0)
    end = int((MONTH_START + timedelta(days=DAYS)).timestamp() * 1000)
    return {k: (v, cs.get(k, 0)) for k, v in rows.items() if k[1] < end}


def qh_row(q):
    wh = q["wh"]
    wid, size, _ = WAREHOUSES[wh] if wh else ("", "", 0)
    db, schema = ("NORTHGATE", "FLOW") if not q["reads"] else \
        q["reads"][0].split(".")[:2]
    total = int((q["end"] - q["start"]).total_seconds() * 1000)
    phash = md5(q["text"].split("where")[0])
    err = q["error"] or ("", "")
    scanned = 0 if not q["reads"] else rng.randint(10**6, 5 * 10**10)
    v = {
        "QUERY_ID": q["id"], "QUERY_TEXT": q["text"], "DATABASE_ID": 9,
        "DATABASE_NAME": db, "SCHEMA_ID": 412, "SCHEMA_NAME": schema,
        "QUERY_TYPE": q["type"], "SESSION_ID": 1739265483213822 +
        rng.randint(0, 9999), "USER_NAME": q["user"], "ROLE_NAME": q["role"],
        "WAREHOUSE_ID": wid, "WAREHOUSE_NAME": wh or "",
        "WAREHOUSE_SIZE": size, "WAREHOUSE_TYPE": "STANDARD" if wh else "",
        "CLUSTER_NUMBER": 1 if wh else "", "QUERY_TAG": q["tag"],
        "EXECUTION_STATUS": q["status"], "ERROR_CODE": err[0],
        "ERROR_MESSAGE": err[1], "START_TIME": ts(q["start"]),
        "END_TIME": ts(q["end"]), "TOTAL_ELAPSED_TIME": total,
        "BYTES_SCANNED": scanned,
        "PERCENTAGE_SCANNED_FROM_CACHE": "%.2f" % rng.random(),
        "COMPILATION_TIME": q["compile"], "EXECUTION_TIME": q["exec"],
        "QUEUED_OVERLOAD_TIME": q["queued"],
        "CREDITS_USED_CLOUD_SERVICES": credits(q["cs"]),
        "RELEASE_VERSION": "9.38.2", "QUERY_LOAD_PERCENT": 100 if wh else "",
        "IS_CLIENT_GENERATED_STATEMENT": "false",
        "ROLE_TYPE": "ROLE", "QUERY_HASH": md5(q["text"]),
        "QUERY_HASH_VERSION": 2, "QUERY_PARAMETERIZED_HASH": phash,
        "QUERY_PARAMETERIZED_HASH_VERSION": 1, "USER_TYPE": "PERSON"
        if q["user"].startswith(("DR_", "A", "B", "C", "D", "E"))
        else "SERVICE",
    }
    for zero in ("BYTES_WRITTEN", "BYTES_WRITTEN_TO_RESULT",
                 "BYTES_READ_FROM_RESULT", "ROWS_PRODUCED", "ROWS_INSERTED",
                 "ROWS_UPDATED", "ROWS_DELETED", "ROWS_UNLOADED",
                 "BYTES_DELETED", "PARTITIONS_SCANNED", "PARTITIONS_TOTAL",
                 "BYTES_SPILLED_TO_LOCAL_STORAGE",
                 "BYTES_SPILLED_TO_REMOTE_STORAGE",
                 "BYTES_SENT_OVER_THE_NETWORK", "QUEUED_PROVISIONING_TIME",
                 "QUEUED_REPAIR_TIME", "TRANSACTION_BLOCKED_TIME",
                 "LIST_EXTERNAL_FILES_TIME", "CHILD_QUERIES_WAIT_TIME",
                 "QUERY_RETRY_TIME", "FAULT_HANDLING_TIME"):
        v.setdefault(zero, 0)
    return [v.get(c, "") for c in QH_COLUMNS]


def objects(tables, domain_of=None):
    out = []
    for t in tables:
        dom = (domain_of or {}).get(t, "Table")
        out.append({"columns": [{"columnId": TABLE_IDS.get(t, 1) + 1,
                                 "columnName": "ID"}],
                    "objectDomain": dom, "objectId": TABLE_IDS.get(t, 0),
                    "objectName": t})
    return json.dumps(out, separators=(",", ":"))


ODD_DOMAINS = {"NORTHGATE.FLOW.BED_CENSUS_HOURLY": "Materialized view",
               "NORTHGATE.SUPPLY.PAR_STOCKOUTS": "table"}


def ah_row(q):
    direct = q["direct"] or [(t, ODD_DOMAINS.get(t, "Table"))
                             for t in q["reads"]]
    direct_json = json.dumps([{"objectDomain": d, "objectName": n,
                               "objectId": TABLE_IDS.get(n, 88120)}
                              for n, d in direct], separators=(",", ":"))
    modified = objects(q["writes"]) if q["writes"] else "[]"
    return [q["id"], ts(q["start"]), q["user"], direct_json,
            objects(q["reads"], ODD_DOMAINS), modified, "", "[]", "", ""]


def write_csv(path, header, rows, gz=False):
    buf = io.StringIO()
    w = csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    data = buf.getvalue().encode()
    if gz:
        with open(path + ".gz", "wb") as f:
            with gzip.GzipFile(fileobj=f, mode="wb", mtime=0,
                               filename="") as z:
                z.write(data)
    else:
        with open(path, "wb") as f:
            f.write(data)


def storage_rows(d):
    rows = []
    for i, (fqn, active) in enumerate(sorted(TABLES.items())):
        db, schema, name = fqn.split(".")
        grow = 1 + 0.004 * d
        act = int(active * grow)
        rows.append([TABLE_IDS[fqn], name, 400 + i, schema, 9, db,
                     TABLE_IDS[fqn], "NO", act, act // 60, act // 20, 0,
                     "false", "2024-02-11 08:15:42.118 -0800", "", "",
                     "2023-01-10 12:00:03.551 -0800", "",
                     "2022-06-01 09:30:00.000 -0700", "", "", ""])
    # the version of BED_STATUS replaced by CREATE OR REPLACE on Oct 1,
    # still in fail-safe, and an old dropped raw table with no name left
    rows.append([65999, "BED_STATUS", 401, "FLOW", 9, "NORTHGATE", 65999,
                 "NO", 0, 0, 41_000_000_000, 0, "true",
                 "2025-03-02 01:00:00.000 -0800",
                 "2026-10-01 01:02:03.000 -0700", "", "", "", "", "", "", ""])
    rows.append([61234, "", 17, "EPIC", 3, "RAW", 61234, "NO", 0, 0,
                 96_000_000_000, 5_000_000_000, "true", "", "", "", "", "",
                 "", "", "", ""])
    return rows


def write_catalog():
    os.makedirs(os.path.join(HERE, "catalog"), exist_ok=True)
    write_csv(os.path.join(HERE, "catalog", "products.csv"),
              ["product_id", "name", "domain", "owner", "owner_email",
               "status", "monthly_budget", "currency", "depends_on", "tags"],
              [[p[0], p[1], p[2], p[3], p[4], p[5], p[6], "USD", p[7], p[8]]
               for p in PRODUCTS])
    write_csv(os.path.join(HERE, "catalog", "assets.csv"),
              ["product_id", "kind", "pattern"], ASSETS)


def main():
    inbox = os.path.join(HERE, "inbox")
    os.makedirs(inbox, exist_ok=True)
    for f in os.listdir(inbox):
        os.remove(os.path.join(inbox, f))
    write_catalog()
    queries = build_queries()
    meters = metering(queries)
    for d in range(DAYS):
        day = MONTH_START + timedelta(days=d)
        nxt = day + timedelta(days=1)
        name = day.strftime("%Y-%m-%d")
        qs = [q for q in queries if day <= q["end"] < nxt]
        rows = [qh_row(q) for q in qs]
        rows += [rows[i] for i in range(0, len(rows), 150)]  # duplicates
        write_csv(os.path.join(inbox, "query_history_%s.csv" % name),
                  QH_COLUMNS, rows, gz=d % 7 != 3)
        acc = [ah_row(q) for q in queries if day <= q["start"] < nxt and
               q["status"] == "SUCCESS" and (q["reads"] or q["writes"])]
        write_csv(os.path.join(inbox, "access_history_%s.csv" % name),
                  AH_COLUMNS, acc, gz=d % 7 != 3)
        lo = int(day.timestamp() * 1000)
        hi = lo + 86_400_000
        mrows = []
        for (wh, h), (comp, cs) in sorted(meters.items(),
                                          key=lambda kv: (kv[0][1], kv[0][0])):
            if lo <= h < hi:
                t = datetime.fromtimestamp(h / 1000, UTC)
                wid = WAREHOUSES[wh][0] if wh in WAREHOUSES else 0
                mrows.append([ts(t), ts(t + timedelta(hours=1)), wid, wh,
                              credits(comp + cs), credits(comp), credits(cs),
                              credits(comp * 7 // 10) if comp else ""])
        write_csv(os.path.join(inbox, "warehouse_metering_history_%s.csv"
                               % name), WM_COLUMNS, mrows)
        write_csv(os.path.join(inbox, "table_storage_metrics_%s.csv" % name),
                  TSM_COLUMNS, storage_rows(d))


if __name__ == "__main__":
    main()
