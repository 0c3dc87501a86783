#!/usr/bin/python3
"""Generates the sample month: October 2026 at Northgate Health, a fictional
hospital network running a data mesh on Snowflake, with its research domain
on BigQuery, its ADT/lab/claims pipelines on Databricks and an AWS bill.

Writes samples/catalog/{products,assets}.csv and samples/inbox/ with one
file per source per UTC day in the real Snowflake column layouts (as unloaded
with FIELD_OPTIONALLY_ENCLOSED_BY='"' and HEADER=TRUE, timestamps rendered in
the account's America/Los_Angeles session zone, -0700 in October); BigQuery
INFORMATION_SCHEMA.JOBS and TABLE_STORAGE (nested columns as TO_JSON_STRING),
Databricks system.billing.usage (maps and structs as to_json) and
list_prices, and one FOCUS 1.0 file of the AWS bill.
Deterministic: the same bytes every run; each non-Snowflake source has its
own random stream, so adding one never changes the others' bytes.
usage: /usr/bin/python3 generate.py
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
     "maya.chen@northgate.example", "active", "1600.00", "", "tier1"),
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
     "priya.raman@northgate.example", "active", "1800.00", "", "tier1"),
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
     "Dr. Ada Okafor", "ada.okafor@northgate.example", "active", "3500.00",
     "clin.lab-results", ""),
    ("res.trial-screening", "Trial Screening", "research", "Dr. Ada Okafor",
     "ada.okafor@northgate.example", "active", "900.00",
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
    # BigQuery (research on northgate-research, denial models on
    # northgate-claims-ml; northgate-sandbox is nobody's)
    ("res.cohort-builder", "bq_table", "northgate-research.cohorts.*"),
    ("res.trial-screening", "bq_table", "northgate-research.trials.*"),
    ("clin.lab-results", "bq_table", "northgate-research.lims_mirror.*"),
    ("rev.claim-status", "bq_table",
     "northgate-claims-ml.claims_mirror.claim_status"),
    ("rev.denials", "bq_table", "northgate-claims-ml.features.denial_*"),
    ("rev.payer-mix", "table",
     "northgate-claims-ml.finance.payer_mix_forecast"),
    ("res.cohort-builder", "project", "northgate-research"),
    ("rev.denials", "project", "northgate-claims-ml"),
    ("res.trial-screening", "user",
     "screening-svc@northgate-research.iam.gserviceaccount.com"),
    ("res.trial-screening", "user", "minh.nguyen@northgate.example"),
    # Databricks (the ADT, lab and claims pipelines of the data platform)
    ("flow.adt-events", "resource", "384370635751593"),
    ("flow.adt-events", "resource", "0921-081529-pool-adt4x8"),
    ("flow.ed-throughput", "resource", "558811223344556"),
    ("rev.claim-status", "resource", "905512347780012"),
    ("rev.denials", "resource", "4fe2a1b3c9d07e56"),
    ("clin.lab-results", "resource", "a7c3e1f0-5d2b-4c8e-9f61-2b7d4e0a9c35"),
    ("clin.med-admin", "user", "pharm-etl@northgate.example"),
    # AWS (FOCUS): buckets, the claims portal database, Databricks VMs
    ("flow.adt-events", "resource", "arn:aws:s3:::northgate-adt-lakehouse"),
    ("rev.claim-status", "resource", "arn:aws:s3:::northgate-claims-*"),
    ("rev.claim-status", "resource",
     "arn:aws:rds:us-east-1:771935620044:db:claims-portal-db"),
    ("flow.adt-events", "tag", "data_product=flow.adt-events"),
    ("rev.claim-status", "tag", "data_product=rev.claim-status"),
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


# ================================================================ BigQuery
# The research domain and the denial models run on BigQuery.  Separate
# random streams: the Snowflake files above never change.
MiB, GiB, TiB = 1 << 20, 1 << 30, 1 << 40
BQ_PROJECTS = {"northgate-research": 481516234201,
               "northgate-claims-ml": 293847561002,
               "northgate-sandbox": 775301928466}
BQ_RESERVATION = "northgate-admin:US.research-etl"
BQ_JOB_COLUMNS = (
    "creation_time,project_id,project_number,job_id,parent_job_id,"
    "user_email,job_type,statement_type,priority,state,start_time,end_time,"
    "cache_hit,total_bytes_processed,total_bytes_billed,total_slot_ms,"
    "reservation_id,edition,error_reason,labels_json,"
    "referenced_tables_json,destination_table_json").split(",")
BQ_STORAGE_COLUMNS = (
    "project_id,project_number,table_catalog,table_schema,table_name,"
    "creation_time,total_rows,total_partitions,total_logical_bytes,"
    "active_logical_bytes,long_term_logical_bytes,current_physical_bytes,"
    "total_physical_bytes,active_physical_bytes,long_term_physical_bytes,"
    "time_travel_physical_bytes,storage_last_modified_time,deleted,"
    "table_type,fail_safe_physical_bytes").split(",")

# fqn -> (created, rows, active logical GiB, long-term logical GiB,
#         partitions); unmapped: omop, scratch, models, sandbox
BQ_TABLES = {
    "northgate-research.cohorts.cohort_members":
        ("2025-02-03 09:12:44.201000", 4_182_553_901, 3072, 1229, 640),
    "northgate-research.cohorts.cohort_defs":
        ("2025-02-03 09:10:02.877000", 1_904, 2, 0, 0),
    "northgate-research.trials.screening_results":
        ("2025-06-17 14:40:19.003000", 611_082_334, 600, 300, 212),
    "northgate-research.trials.eligibility_criteria":
        ("2025-06-17 14:38:55.640000", 48_211, 5, 1, 0),
    "northgate-research.lims_mirror.lab_results":
        ("2024-11-20 02:00:31.550000", 9_882_014_557, 2253, 5632, 1410),
    "northgate-research.lims_mirror.lab_orders":
        ("2024-11-20 02:00:29.118000", 3_120_778_004, 700, 1843, 1410),
    "northgate-research.omop.person":
        ("2025-01-08 11:21:07.412000", 2_411_980, 150, 200, 0),
    "northgate-research.omop.condition_occurrence":
        ("2025-01-08 11:24:51.090000", 1_207_455_318, 900, 2150, 0),
    "northgate-research.scratch.tmp_cohort_explore":
        ("2026-09-28 16:02:11.754000", 88_120_441, 80, 0, 0),
    "northgate-claims-ml.claims_mirror.claim_status":
        ("2025-03-11 07:45:00.000000", 1_930_447_125, 1126, 2048, 730),
    "northgate-claims-ml.features.denial_features":
        ("2025-04-02 10:15:37.661000", 402_118_337, 400, 150, 365),
    "northgate-claims-ml.features.denial_labels":
        ("2025-04-02 10:16:02.004000", 402_118_337, 30, 10, 365),
    "northgate-claims-ml.models.denial_model_eval":
        ("2026-08-19 12:00:48.220000", 9_120, 3, 0, 0),
    "northgate-claims-ml.finance.payer_mix_forecast":
        ("2025-09-30 18:31:12.309000", 77_300_112, 12, 0, 36),
    "northgate-sandbox.analyst_scratch.ana_lopez_tmp":
        ("2026-07-14 15:09:27.118000", 51_004_212, 60, 0, 0),
    "northgate-sandbox.analyst_scratch.cara_payer_pivot":
        ("2026-09-02 20:44:10.902000", 3_220_117, 8, 0, 0),
}
BQ_NEW_TABLE = "northgate-research.trials.screening_2026q4"  # from Oct 17
BQ_DROPPED = "northgate-sandbox.analyst_scratch.ben_cho_old_extract"

RESEARCHERS = ["ada.okafor@northgate.example", "minh.nguyen@northgate.example",
               "raj.singh@northgate.example"]
BQ_ANALYSTS = ["ana.lopez@northgate.example", "ben.cho@northgate.example",
               "cara.smith@northgate.example", "dev.patel@northgate.example"]
COHORT_SVC = "cohort-etl@northgate-research.iam.gserviceaccount.com"
SCREEN_SVC = "screening-svc@northgate-research.iam.gserviceaccount.com"
DENIALS_SVC = "denials-ml@northgate-claims-ml.iam.gserviceaccount.com"
LOOKER_SVC = "looker-svc@northgate-claims-ml.iam.gserviceaccount.com"
LOADER_SVC = "claims-loader@northgate-claims-ml.iam.gserviceaccount.com"


def bq_ts(t):
    return t.strftime("%Y-%m-%d %H:%M:%S.%f") + " UTC"


def compact(v):
    return json.dumps(v, separators=(",", ":"))


def bq_ref(fqn):
    p, d, t = fqn.split(".")
    return {"project_id": p, "dataset_id": d, "table_id": t}


class BigQueryMonth:
    """Jobs, as INFORMATION_SCHEMA.JOBS exported with TO_JSON_STRING for
    the nested columns: one list of rows per UTC day of creation_time."""

    def __init__(self, seed):
        self.rng = random.Random(seed)

    def hexid(self, n):
        return "%0*x" % (n, self.rng.getrandbits(4 * n))

    def uuid(self):
        return "%s-%s-4%s-%s-%s" % (self.hexid(8), self.hexid(4),
                                    self.hexid(3), self.hexid(4),
                                    self.hexid(12))

    def anon_dest(self, project):
        return {"project_id": project, "dataset_id": "_" + self.hexid(40),
                "table_id": "anon" + self.hexid(32)}

    def job(self, created, project, user, stype, dur_ms, processed=0,
            slot_ms=None, jid=None, reservation=False, labels=(), refs=(),
            dest=None, cache=False, error=None, parent="", job_type="QUERY",
            priority="INTERACTIVE", state="DONE"):
        r = self.rng
        start = created + timedelta(microseconds=r.randint(30_000, 1_900_000))
        end = start + timedelta(milliseconds=dur_ms)
        if cache or error or job_type == "LOAD":
            processed = 0
        billed = 0 if processed == 0 else \
            max(10 * MiB, -(-processed // MiB) * MiB)
        if slot_ms is None:
            slot_ms = 0 if cache or error else \
                processed // 4096 + r.randint(500, 90_000)
        if isinstance(dest, str):
            dest = bq_ref(dest)
        return dict(
            created=created, project=project,
            id=jid or "bquxjob_%s_%s" % (self.hexid(8), self.hexid(11)),
            parent=parent, user=user, job_type=job_type, stype=stype,
            priority=priority, state=state, start=start,
            end=end if state == "DONE" else None,
            cache="" if stype == "SCRIPT" else ("true" if cache else "false"),
            processed="" if job_type == "LOAD" or state != "DONE"
            else processed,
            billed="" if job_type == "LOAD" or state != "DONE" else billed,
            slot_ms="" if error or state != "DONE" else slot_ms,
            reservation=BQ_RESERVATION if reservation else "",
            edition="ENTERPRISE" if reservation else "",
            error=error or "",
            labels=compact([{"key": k, "value": v} for k, v in labels]),
            refs=compact([bq_ref(t) for t in refs]),
            dest=compact(dest) if dest else "")

    def at(self, day, h0, h1):
        r = self.rng
        return day + timedelta(seconds=r.randint(h0 * 3600, h1 * 3600 - 1),
                               microseconds=r.randint(0, 999_999))

    def gib(self, lo, hi):
        """A byte count between lo and hi GiB."""
        return self.rng.randint(lo * GiB, hi * GiB) + self.rng.randint(0,
                                                                       4095)

    def day_jobs(self, d):
        r = self.rng
        day = MONTH_START + timedelta(days=d)
        weekday = day.weekday() < 5
        jobs = []
        # the cohort refresh on the Enterprise reservation, every 3 hours
        for i in range(8):
            created = day + timedelta(hours=3 * i, seconds=r.randint(30, 600),
                                      microseconds=r.randint(0, 999_999))
            labels = [("data_product", "res.cohort-builder")] if i % 2 == 0 \
                else [("dbt_invocation_id", self.uuid())]
            jobs.append(self.job(
                created, "northgate-research", COHORT_SVC, "MERGE",
                r.randint(240_000, 1_500_000), self.gib(150, 900),
                slot_ms=r.randint(30_000_000, 120_000_000), jid=self.uuid(),
                reservation=True, priority="BATCH", labels=labels,
                refs=["northgate-research.lims_mirror.lab_results",
                      "northgate-research.omop.person",
                      "northgate-research.omop.condition_occurrence"],
                dest="northgate-research.cohorts.cohort_members"))
        # trial screening on the reservation, twice a day
        for i in range(2):
            dest = "northgate-research.trials.screening_results"
            if d >= 16 and i == 1:
                dest = BQ_NEW_TABLE
            jobs.append(self.job(
                day + timedelta(hours=5 + 12 * i, minutes=r.randint(0, 20)),
                "northgate-research", SCREEN_SVC, "INSERT",
                r.randint(60_000, 600_000), self.gib(40, 200),
                slot_ms=r.randint(8_000_000, 40_000_000), jid=self.uuid(),
                reservation=True, priority="BATCH",
                refs=["northgate-research.cohorts.cohort_members",
                      "northgate-research.trials.eligibility_criteria"],
                dest=dest))
        # the daily eligibility script: a SCRIPT parent and its children
        created = day + timedelta(hours=6, minutes=r.randint(0, 30),
                                  seconds=r.randint(0, 59))
        pid = "script_job_" + self.hexid(32)
        kids, t = [], created
        steps = [("CREATE_TABLE_AS_SELECT", None,
                  ["northgate-research.omop.person",
                   "northgate-research.lims_mirror.lab_results"]),
                 ("INSERT", "northgate-research.trials.eligibility_criteria",
                  ["northgate-research.omop.condition_occurrence"]),
                 ("MERGE", "northgate-research.trials.screening_results",
                  ["northgate-research.trials.eligibility_criteria"])]
        for k, (stype, dest, refs) in enumerate(steps[:2 + d % 2]):
            t += timedelta(milliseconds=r.randint(800, 4000))
            kid = self.job(t, "northgate-research", SCREEN_SVC, stype,
                           r.randint(20_000, 240_000), self.gib(20, 90),
                           jid="%s_%d" % (pid, k), parent=pid, refs=refs,
                           dest=dest or {"project_id": "northgate-research",
                                         "dataset_id": "_script" +
                                         self.hexid(40),
                                         "table_id": "candidates"})
            kids.append(kid)
            t = kid["end"]
        parent = self.job(created, "northgate-research", SCREEN_SVC,
                          "SCRIPT", 0, jid=pid,
                          labels=[("data_product", "res.trial-screening"),
                                  ("scheduled_query", "refresh-eligibility")])
        parent["end"] = t + timedelta(milliseconds=r.randint(50, 900))
        parent["processed"] = sum(k["processed"] for k in kids)
        parent["billed"] = sum(k["billed"] for k in kids)
        parent["slot_ms"] = sum(k["slot_ms"] for k in kids)
        jobs += [parent] + kids
        # an export the service account runs of unmapped OMOP data
        jobs.append(self.job(self.at(day, 7, 9), "northgate-research",
                             SCREEN_SVC, "EXPORT_DATA",
                             r.randint(10_000, 90_000), self.gib(5, 30),
                             refs=["northgate-research.omop.person"]))
        # researchers, interactive, on demand
        for i in range(r.randint(24, 40) if weekday else r.randint(6, 12)):
            user = r.choice(RESEARCHERS)
            kind = r.random()
            if kind < 0.45:
                refs = ["northgate-research.cohorts.cohort_members",
                        "northgate-research.lims_mirror.lab_results"]
            elif kind < 0.65:
                refs = ["northgate-research.trials.screening_results"]
            elif kind < 0.85:
                refs = ["northgate-research.omop.person",
                        "northgate-research.omop.condition_occurrence"]
            else:
                refs = ["northgate-research.scratch.tmp_cohort_explore"]
            lab = r.random()
            labels = [("team", "research"), ("study", "NG-2026-14")] \
                if lab < 0.2 else [("data_product", "res.trial-screening")] \
                if lab < 0.3 else []
            jobs.append(self.job(
                self.at(day, 13, 24), "northgate-research", user, "SELECT",
                r.randint(2_000, 400_000), self.gib(1, 260), labels=labels,
                refs=refs, dest=self.anon_dest("northgate-research")))
        for _ in range(r.randint(2, 4)):  # cached re-runs
            jobs.append(self.job(
                self.at(day, 14, 23), "northgate-research",
                r.choice(RESEARCHERS), "SELECT", r.randint(60, 400),
                cache=True, dest=self.anon_dest("northgate-research")))
        if d % 5 == 1:  # a label naming a product that does not exist
            jobs.append(self.job(
                self.at(day, 15, 22), "northgate-research", RESEARCHERS[2],
                "SELECT", r.randint(5_000, 90_000), self.gib(5, 80),
                labels=[("data_product", "res.cohort-builder-v2")],
                refs=["northgate-research.cohorts.cohort_members"],
                dest=self.anon_dest("northgate-research")))
        if d % 6 == 2 and d < DAYS - 1:  # runs past midnight UTC
            jobs.append(self.job(
                day + timedelta(hours=23, minutes=r.randint(40, 55),
                                seconds=r.randint(0, 59)),
                "northgate-research", RESEARCHERS[0], "SELECT",
                r.randint(1_200_000, 2_400_000), self.gib(200, 500),
                labels=[("team", "research")],
                refs=["northgate-research.cohorts.cohort_members"],
                dest=self.anon_dest("northgate-research")))
        # denial models on northgate-claims-ml
        jobs.append(self.job(
            self.at(day, 4, 5), "northgate-claims-ml", LOADER_SVC, "",
            r.randint(60_000, 300_000), job_type="LOAD", jid=self.uuid(),
            slot_ms=r.randint(1_000_000, 9_000_000),
            dest="northgate-claims-ml.claims_mirror.claim_status"))
        for i in range(4):
            jobs.append(self.job(
                day + timedelta(hours=5 + 4 * i, minutes=r.randint(0, 50)),
                "northgate-claims-ml", DENIALS_SVC, "CREATE_TABLE_AS_SELECT",
                r.randint(30_000, 300_000), self.gib(8, 30), jid=self.uuid(),
                labels=[("pipeline", "denials-features")],
                refs=["northgate-claims-ml.claims_mirror.claim_status"],
                dest="northgate-claims-ml.features.denial_"
                + ("features" if i % 2 == 0 else "labels")))
        if day.weekday() == 0:
            jobs.append(self.job(
                self.at(day, 9, 10), "northgate-claims-ml", DENIALS_SVC,
                "CREATE_MODEL", r.randint(900_000, 2_400_000),
                self.gib(30, 60), jid=self.uuid(),
                refs=["northgate-claims-ml.features.denial_features",
                      "northgate-claims-ml.features.denial_labels"]))
        if day.weekday() == 2:
            jobs.append(self.job(
                self.at(day, 16, 18), "northgate-claims-ml",
                "ines.duarte@northgate.example", "CREATE_TABLE_AS_SELECT",
                r.randint(20_000, 120_000), self.gib(10, 40),
                refs=["northgate-claims-ml.claims_mirror.claim_status"],
                dest="northgate-claims-ml.finance.payer_mix_forecast"))
        for _ in range(6):
            jobs.append(self.job(
                self.at(day, 13, 23), "northgate-claims-ml", LOOKER_SVC,
                "SELECT", r.randint(800, 9_000), r.randint(20 * MiB, GiB),
                labels=[("looker-context-user_id", str(r.randint(40, 60)))],
                refs=["northgate-claims-ml.models.denial_model_eval"],
                dest=self.anon_dest("northgate-claims-ml")))
        # the sandbox: nobody's, except what it reads
        for _ in range(r.randint(6, 14) if weekday else r.randint(0, 3)):
            kind = r.random()
            if kind < 0.5:
                refs = ["northgate-sandbox.analyst_scratch.ana_lopez_tmp"]
            elif kind < 0.8:
                refs = ["northgate-claims-ml.claims_mirror.claim_status"]
            else:
                refs = ["northgate-research.omop.person"]
            dest = self.anon_dest("northgate-sandbox") if r.random() < 0.8 \
                else "northgate-sandbox.analyst_scratch.cara_payer_pivot"
            jobs.append(self.job(
                self.at(day, 14, 24), "northgate-sandbox",
                r.choice(BQ_ANALYSTS), "SELECT" if isinstance(dest, dict)
                else "CREATE_TABLE_AS_SELECT", r.randint(1_000, 200_000),
                self.gib(1, 120), refs=refs, dest=dest))
        for _ in range(1 + d % 2):  # failed: not billed
            jobs.append(self.job(
                self.at(day, 14, 23), "northgate-sandbox",
                r.choice(BQ_ANALYSTS), "SELECT", r.randint(50, 900),
                error="invalidQuery"))
        if d == DAYS - 1:  # still running when the export ran
            jobs.append(self.job(
                day + timedelta(hours=23, minutes=58), "northgate-research",
                RESEARCHERS[1], "SELECT", 0, state="RUNNING",
                refs=["northgate-research.cohorts.cohort_members"]))
        jobs.sort(key=lambda j: (j["created"], j["id"]))
        return jobs


def bq_job_row(j):
    return [bq_ts(j["created"]), j["project"], BQ_PROJECTS[j["project"]],
            j["id"], j["parent"], j["user"], j["job_type"], j["stype"],
            j["priority"], j["state"], bq_ts(j["start"]),
            bq_ts(j["end"]) if j["end"] else "", j["cache"], j["processed"],
            j["billed"], j["slot_ms"], j["reservation"], j["edition"],
            j["error"], j["labels"], j["refs"], j["dest"]]


def bq_storage_rows(d):
    rows = []
    tables = dict(BQ_TABLES)
    if d >= 16:
        tables[BQ_NEW_TABLE] = ("2026-10-17 17:02:40.515000", 0, 0, 0, 0)
    for fqn in sorted(tables):
        created, nrows, act_gib, lt_gib, parts = tables[fqn]
        p, ds, t = fqn.split(".")
        act = act_gib * GiB + act_gib * GiB * d // 200 + 7 * d * MiB
        if fqn == BQ_NEW_TABLE:
            act = (d - 15) * 9 * GiB + 123_456_789 * (d - 15)
            nrows = (d - 15) * 4_100_233
        lt = lt_gib * GiB
        tt = act // 90
        fs = act // 120
        act_phys = act // 4 + tt
        lt_phys = lt // 5
        last = (MONTH_START + timedelta(days=d, hours=6, minutes=14)) \
            if act else datetime(2025, 12, 30, 23, 59, 58, tzinfo=UTC)
        rows.append([p, BQ_PROJECTS[p], p, ds, t, created + " UTC",
                     nrows + nrows * d // 300, parts, act + lt, act, lt,
                     act // 4 + lt_phys, act_phys + lt_phys, act_phys,
                     lt_phys, tt, bq_ts(last), "false", "BASE TABLE", fs])
    if d < 7:  # dropped on Sep 30; its bytes in time travel, then fail-safe
        p, ds, t = BQ_DROPPED.split(".")
        rows.append([p, BQ_PROJECTS[p], p, ds, t,
                     "2026-05-04 10:11:12.000000 UTC", 0, 0, 0, 0, 0, 0,
                     0, 0, 0, 0, "", "true", "BASE TABLE",
                     (7 - d) * 3 * GiB])
    return rows


def write_bigquery(inbox):
    month = BigQueryMonth(20261001)
    days = [month.day_jobs(d) for d in range(DAYS)]
    for d in range(DAYS):
        name = (MONTH_START + timedelta(days=d)).strftime("%Y-%m-%d")
        jobs = list(days[d])
        if d > 0 and d % 5 == 0:  # the export re-reads the previous day
            jobs = days[d - 1][-3:] + jobs
        write_csv(os.path.join(inbox, "bigquery_jobs_%s.csv" % name),
                  BQ_JOB_COLUMNS, [bq_job_row(j) for j in jobs])
        write_csv(os.path.join(inbox, "bigquery_table_storage_%s.csv"
                               % name), BQ_STORAGE_COLUMNS,
                  bq_storage_rows(d))


# ============================================================== Databricks
DBX_USAGE_COLUMNS = (
    "record_id,account_id,workspace_id,sku_name,cloud,usage_start_time,"
    "usage_end_time,usage_date,custom_tags,usage_unit,usage_quantity,"
    "usage_metadata,identity_metadata,record_type,ingestion_date,"
    "billing_origin_product,product_features,usage_type").split(",")
DBX_PRICE_COLUMNS = (
    "account_id,price_start_time,price_end_time,sku_name,cloud,"
    "currency_code,usage_unit,pricing_default,pricing_promotional_default,"
    "pricing_effective_list_default").split(",")
DBX_ACCOUNT = "9f3c2a71-5b8e-4d02-a6c1-7e4b2d9f0c38"
DBX_WORKSPACE = "4417728312450917"
SKU_JOBS = "PREMIUM_JOBS_COMPUTE"
SKU_ALL = "PREMIUM_ALL_PURPOSE_COMPUTE"
SKU_SQL = "PREMIUM_SERVERLESS_SQL_COMPUTE_US_EAST_N_VIRGINIA"
SKU_DLT = "PREMIUM_DLT_ADVANCED_COMPUTE"
SKU_STORAGE = "PREMIUM_DATABRICKS_STORAGE"
E18 = 10 ** 18

# Databricks jobs: (job id, name, runs: list of UTC hours, DBU per hour
# (lo, hi), custom tags, run_as, extra usage_metadata)
DBX_JOBS = [
    ("384370635751593", "adt_ingest_hourly", list(range(24)), (25, 45),
     {"env": "prod", "team": "data-platform"},
     "adt-pipeline@northgate.example", {}),
    ("112233445566778", "bed_census_refresh", list(range(24)), (10, 20),
     {"data_product": "flow.bed-availability", "env": "prod"},
     "adt-pipeline@northgate.example", {}),
    ("905512347780012", "claims_837_parse", [1, 5, 9, 13, 17, 21], (60, 95),
     {"env": "prod"}, "claims-pipeline@northgate.example", {}),
    ("558811223344556", "ed_throughput_build", [0, 4, 8, 12, 16, 20], (15, 25),
     {"env": "prod"}, "adt-pipeline@northgate.example",
     {"instance_pool_id": "0921-081529-pool-adt4x8"}),
    ("771203948571122", "pharmacy_mar_merge", [2, 8, 14, 20], (25, 35),
     {}, "pharm-etl@northgate.example", {}),
    ("660019283746501", "lakehouse_optimize_vacuum", [3, 4], (40, 60),
     {"env": "prod"}, "platform-admin@northgate.example", {}),
]


def dbx_ts(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.000+00:00")


def qty(n):
    return "%s%d.%018d" % ("-" if n < 0 else "", abs(n) // E18, abs(n) % E18)


class DatabricksMonth:
    def __init__(self, seed):
        self.rng = random.Random(seed)

    def uuid(self):
        b = self.rng.getrandbits(128)
        h = "%032x" % b
        return "%s-%s-4%s-%s-%s" % (h[:8], h[8:12], h[13:16], h[16:20],
                                    h[20:])

    def dbu(self, lo, hi):
        """lo/10 .. hi/10 DBU with 18 decimals."""
        return self.rng.randint(lo * E18 // 10, hi * E18 // 10)

    def record(self, start, sku, tags, quantity, meta, ident, origin,
               features, unit="DBU", usage_type="COMPUTE_TIME",
               hours=1):
        return dict(
            id=self.uuid(), sku=sku, start=start,
            end=start + timedelta(hours=hours), tags=compact(tags),
            unit=unit, q=quantity, meta=compact(meta),
            ident=compact(ident), type="ORIGINAL",
            ingested=start.strftime("%Y-%m-%d"), origin=origin,
            features=compact(features), usage_type=usage_type)

    def day_records(self, d):
        r = self.rng
        day = MONTH_START + timedelta(days=d)
        weekday = day.weekday() < 5
        out = []
        jobs_f = {"jobs_tier": "PREMIUM", "is_serverless": False,
                  "is_photon": True}
        for jid, name, hours, (lo, hi), tags, run_as, extra in DBX_JOBS:
            for h in hours:
                meta = {"cluster_id": "%s-%02d%04d-%s" % (
                    day.strftime("%m%d"), h, r.randint(0, 9999),
                    "".join(r.choice("abcdefghijklmnopqrstuvwxyz0123456789")
                            for _ in range(8))),
                    "job_id": jid,
                    "job_run_id": str(r.randint(10**14, 10**15 - 1)),
                    "node_type": "m5d.xlarge", "job_name": name}
                meta.update(extra)
                out.append(self.record(
                    day + timedelta(hours=h), SKU_JOBS, tags,
                    self.dbu(lo, hi), meta,
                    {"run_as": run_as, "owned_by": run_as}, "JOBS", jobs_f))
        # lab results HL7 pipeline (DLT), all day
        for h in range(24):
            out.append(self.record(
                day + timedelta(hours=h), SKU_DLT, {"env": "prod"},
                self.dbu(9, 15),
                {"dlt_pipeline_id": "a7c3e1f0-5d2b-4c8e-9f61-2b7d4e0a9c35",
                 "dlt_update_id": self.uuid()},
                {"run_as": "lab-etl@northgate.example"}, "DLT",
                {"dlt_tier": "ADVANCED", "is_serverless": False,
                 "is_photon": True}))
        sql_f = {"sql_tier": "PREMIUM", "is_serverless": True,
                 "is_photon": True}
        if weekday:
            # claims analytics warehouse (denial dashboards), 13-22 UTC
            # and the evening tail of the previous Pacific day at 00 UTC
            for h in [0] + list(range(13, 22)):
                out.append(self.record(
                    day + timedelta(hours=h), SKU_SQL, {"env": "prod"},
                    self.dbu(18, 32), {"warehouse_id": "4fe2a1b3c9d07e56"},
                    {}, "SQL", sql_f))
            # the shared BI warehouse nobody has claimed, 14-20 UTC
            for h in range(14, 20):
                out.append(self.record(
                    day + timedelta(hours=h), SKU_SQL, {"env": "prod"},
                    self.dbu(10, 20), {"warehouse_id": "9c8d7e6f5a4b3c2d"},
                    {}, "SQL", sql_f))
            # data engineers' shared interactive cluster, 14-22 UTC
            for h in range(14, 22):
                out.append(self.record(
                    day + timedelta(hours=h), SKU_ALL,
                    {"team": "data-platform"}, self.dbu(18, 32),
                    {"cluster_id": "1003-091512-dataeng1",
                     "node_type": "m5d.xlarge"},
                    {"owned_by": "dev.patel@northgate.example"},
                    "ALL_PURPOSE", {"is_serverless": False,
                                    "is_photon": False}))
            if d % 3 != 1:  # the sepsis cohort notebooks, some afternoons
                for h in range(15, 15 + r.randint(2, 5)):
                    out.append(self.record(
                        day + timedelta(hours=h), SKU_ALL,
                        {"team": "research", "project": "sepsis-cohort"},
                        self.dbu(12, 24),
                        {"cluster_id": "1007-143022-rsrch042",
                         "node_type": "r5d.xlarge"},
                        {"owned_by": "ada.okafor@northgate.example"},
                        "ALL_PURPOSE", {"is_serverless": False,
                                        "is_photon": False}))
        # default storage of the lakehouse, one record per day
        gib = 4200 + 12 * d
        out.append(self.record(
            day, SKU_STORAGE, {"data_product": "flow.adt-events"},
            gib * E18 // DAYS + r.randint(0, 10**15),
            {"metastore_id": "5e1f2a3b-0c4d-4e5f-8a9b-1c2d3e4f5a6b"}, {},
            "DEFAULT_STORAGE", {"is_serverless": True},
            unit="GIBIBYTE_MONTH", usage_type="STORAGE_SPACE", hours=24))
        out.sort(key=lambda x: (x["start"], x["id"]))
        return out

    def correct(self, rec, fix_day, factor):
        """A RETRACTION (negated) and a RESTATEMENT (quantity x factor %)
        of rec, both ingested on fix_day."""
        ing = (MONTH_START + timedelta(days=fix_day)).strftime("%Y-%m-%d")
        neg = dict(rec, id=self.uuid(), q=-rec["q"], type="RETRACTION",
                   ingested=ing)
        fix = dict(rec, id=self.uuid(), q=rec["q"] * factor // 100,
                   type="RESTATEMENT", ingested=ing)
        return [neg, fix]


def dbx_row(x):
    return [x["id"], DBX_ACCOUNT, DBX_WORKSPACE, x["sku"], "AWS",
            dbx_ts(x["start"]), dbx_ts(x["end"]),
            x["start"].strftime("%Y-%m-%d"), x["tags"], x["unit"], qty(x["q"]),
            x["meta"], x["ident"], x["type"], x["ingested"], x["origin"],
            x["features"], x["usage_type"]]


def dbx_price_rows():
    def p(start, end, sku, unit, default, promo="", cloud="AWS"):
        return [DBX_ACCOUNT, start, end, sku, cloud, "USD", unit, default,
                promo, promo or default]
    t = "T00:00:00.000+00:00"
    rows = [
        p("2022-01-01" + t, "2023-06-01" + t, SKU_JOBS, "DBU",
          "0.100000000000000000"),
        p("2023-06-01" + t, "", SKU_JOBS, "DBU", "0.150000000000000000"),
        p("2023-06-01" + t, "", SKU_ALL, "DBU", "0.550000000000000000"),
        p("2024-02-01" + t, "2026-10-15" + t, SKU_SQL, "DBU",
          "0.700000000000000000"),
        p("2026-10-15" + t, "", SKU_SQL, "DBU", "0.650000000000000000"),
        p("2024-06-01" + t, "", SKU_DLT, "DBU", "0.360000000000000000",
          "0.300000000000000000"),
        p("2025-01-01" + t, "", SKU_STORAGE, "GIBIBYTE_MONTH",
          "0.023000000000000000"),
    ]
    # the same SKU on another cloud: never used here
    return rows + [p("2023-06-01" + t, "", SKU_JOBS, "DBU",
                     "0.300000000000000000", cloud="AZURE")]


def write_databricks(inbox):
    month = DatabricksMonth(20261002)
    files = [month.day_records(d) for d in range(DAYS)]
    # corrections arrive two days later in the file of that day
    for d, key, hour, factor in ((9, '"job_id":"384370635751593"', 3, 85),
                                 (19, '"warehouse_id":"4fe2a1b3c9d07e56"',
                                  15, 60)):
        rec = next(x for x in files[d]
                   if key in x["meta"] and x["start"].hour == hour)
        files[d + 2] += month.correct(rec, d + 2, factor)
    for d in range(DAYS):
        name = (MONTH_START + timedelta(days=d)).strftime("%Y-%m-%d")
        recs = list(files[d])
        if d in (4, 9, 17, 26):  # the export re-reads the previous day
            recs = [x for x in files[d - 1] if x["start"].hour == 23] + recs
        write_csv(os.path.join(inbox, "databricks_usage_%s.csv" % name),
                  DBX_USAGE_COLUMNS, [dbx_row(x) for x in recs])
    write_csv(os.path.join(inbox, "databricks_list_prices.csv"),
              DBX_PRICE_COLUMNS, dbx_price_rows())


# ================================================================== FOCUS
FOCUS_COLUMNS = (
    "AvailabilityZone,BilledCost,BillingAccountId,BillingAccountName,"
    "BillingCurrency,BillingPeriodEnd,BillingPeriodStart,ChargeCategory,"
    "ChargeClass,ChargeDescription,ChargeFrequency,ChargePeriodEnd,"
    "ChargePeriodStart,CommitmentDiscountCategory,CommitmentDiscountId,"
    "CommitmentDiscountName,CommitmentDiscountStatus,"
    "CommitmentDiscountType,ConsumedQuantity,ConsumedUnit,ContractedCost,"
    "ContractedUnitPrice,EffectiveCost,InvoiceIssuerName,ListCost,"
    "ListUnitPrice,PricingCategory,PricingQuantity,PricingUnit,"
    "ProviderName,PublisherName,RegionId,RegionName,ResourceId,"
    "ResourceName,ResourceType,ServiceCategory,ServiceName,SkuId,"
    "SkuPriceId,SubAccountId,SubAccountName,Tags").split(",")
AWS_PAYER = "318640027254"
AWS_ACCOUNTS = {"520145338812": "northgate-data-platform",
                "604287113390": "northgate-research",
                "771935620044": "northgate-claims-apps"}
E10 = 10 ** 10


def focus_ts(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def dec10(n):
    return "%s%d.%010d" % ("-" if n < 0 else "", abs(n) // E10, abs(n) % E10)


class FocusMonth:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.rows = []

    def line(self, start, end, service, category, sku, desc, quantity,
             unit, price, account, resource="", rname="", rtype="",
             tags=None, discount=0, charge="Usage", freq="Usage-Based",
             zone="", cost=None):
        """quantity and price at 1e-10; discount in percent off list."""
        if cost is None:
            list_cost = quantity * price // E10
            billed = list_cost * (100 - discount) // 100
        else:
            list_cost = billed = cost
        self.rows.append([
            zone, dec10(billed), AWS_PAYER, "Northgate Health", "USD",
            "2026-11-01T00:00:00Z", "2026-10-01T00:00:00Z", charge, "",
            desc, freq, focus_ts(end), focus_ts(start), "", "", "", "", "",
            dec10(quantity) if charge == "Usage" and quantity else "",
            unit if charge == "Usage" and quantity else "", dec10(billed),
            dec10(price * (100 - discount) // 100) if price else "",
            dec10(billed), "Amazon Web Services, Inc.", dec10(list_cost),
            dec10(price) if price else "",
            "Standard" if charge == "Usage" else "",
            dec10(quantity) if quantity else "", unit if quantity else "",
            "AWS", "Amazon Web Services, Inc.", "us-east-1" if zone or
            resource else "", "US East (N. Virginia)" if zone or resource
            else "", resource, rname, rtype, category, service,
            sku, sku + ".JRTCKXETXF.6YS6EN2CT7" if sku else "", account,
            AWS_ACCOUNTS[account], compact(tags) if tags else ""])

    def month(self):
        r = self.rng
        buckets = [  # name, GB on Oct 1, GB/day, account, tags
            ("northgate-adt-lakehouse", 7800, 21, "520145338812",
             {"env": "prod", "owner": "data-platform"}),
            ("northgate-claims-raw", 3100, 6, "771935620044",
             {"app": "claims-portal", "env": "prod"}),
            ("northgate-research-exports", 1400, 9, "604287113390",
             {"team": "research"}),
            ("northgate-shared-exports", 600, 2, "604287113390",
             {"app": "claims-portal", "team": "research"}),
            ("northgate-cloudtrail-logs", 2300, 11, "520145338812", None),
        ]
        for d in range(DAYS):
            day = MONTH_START + timedelta(days=d)
            nxt = day + timedelta(days=1)
            for name, gb, grow, acct, tags in buckets:
                q = (gb + grow * d) * E10 // DAYS + r.randint(0, 10**8)
                self.line(day, nxt, "Amazon Simple Storage Service",
                          "Storage", "WP9ANXZGBYYSGJEA",
                          "$0.023 per GB - first 50 TB / month of storage "
                          "used", q, "GB-Mo", 230_000_000, acct,
                          "arn:aws:s3:::" + name, name, "Bucket", tags)
            # Databricks classic compute VMs, tagged by the job clusters
            self.line(day, nxt, "Amazon Elastic Compute Cloud", "Compute",
                      "8ZCS4MZKQ7PRHZ5W", "$0.226 per On Demand Linux "
                      "m5d.xlarge Instance Hour",
                      24 * E10, "Hours", 2_260_000_000, "520145338812",
                      "arn:aws:ec2:us-east-1:520145338812:instance/"
                      "i-0a1b2c3d4e5f60718", "", "Instance",
                      {"Vendor": "Databricks", "ClusterName":
                       "job-adt-ingest", "data_product": "flow.adt-events"},
                      discount=6, zone="us-east-1a")
            self.line(day, nxt, "Amazon Elastic Compute Cloud", "Compute",
                      "8ZCS4MZKQ7PRHZ5W", "$0.226 per On Demand Linux "
                      "m5d.xlarge Instance Hour",
                      r.randint(14, 18) * E10, "Hours", 2_260_000_000,
                      "771935620044", "arn:aws:ec2:us-east-1:771935620044:"
                      "instance/i-07c2e19d4b3a58f60", "", "Instance",
                      {"Vendor": "Databricks", "ClusterName":
                       "job-claims-837", "data_product": "rev.claim-status"},
                      discount=6, zone="us-east-1b")
            if day.weekday() < 5:
                self.line(day, nxt, "Amazon Elastic Compute Cloud",
                          "Compute", "8ZCS4MZKQ7PRHZ5W", "$0.226 per On "
                          "Demand Linux m5d.xlarge Instance Hour",
                          16 * E10, "Hours", 2_260_000_000, "520145338812",
                          "arn:aws:ec2:us-east-1:520145338812:instance/"
                          "i-0d4e5f60718293a4b", "", "Instance",
                          {"Vendor": "Databricks",
                           "ClusterName": "data-eng-shared"},
                          discount=6, zone="us-east-1a")
            self.line(day, nxt, "Amazon Relational Database Service",
                      "Databases", "QZ7Y6V7F7J2JH7ZQ", "$0.225 per RDS "
                      "db.r6g.large Multi-AZ instance hour (or partial "
                      "hour) running PostgreSQL", 24 * E10, "Hours",
                      2_250_000_000, "771935620044",
                      "arn:aws:rds:us-east-1:771935620044:db:"
                      "claims-portal-db", "claims-portal-db", "DBInstance",
                      None, discount=6)
            # a data_product tag alone maps nothing in FOCUS: no tag asset
            self.line(day, nxt, "AWS Lambda", "Compute", "TG3M4CAGBA3NYQBH",
                      "AWS Lambda - Total Compute - US East (N. Virginia)",
                      r.randint(9000, 16000) * E10, "Lambda-GB-Second",
                      166_667, "520145338812",
                      "arn:aws:lambda:us-east-1:520145338812:function:"
                      "par-level-alerts", "par-level-alerts", "Function",
                      {"data_product": "supply.par-levels"})
            self.line(day, nxt, "AWS Data Transfer", "Networking",
                      "HQEH3ZPJF3ZPZ2X8", "$0.09 per GB - first 10 TB / "
                      "month data transfer out beyond the global free tier",
                      r.randint(9, 17) * E10 + r.randint(0, E10), "GB",
                      900_000_000, "520145338812")
            self.line(day, nxt, "AmazonCloudWatch", "Management and "
                      "Governance", "CHZWRY3XV2Y8AJ4D", "$0.50 per GB - "
                      "custom log data ingested", r.randint(15, 22) * E10
                      // 10 + r.randint(0, E10), "GB", 5_000_000_000,
                      "520145338812")
        # the ADT backfill fleet, billed by the hour, Oct 14-15
        t0 = MONTH_START + timedelta(days=13)
        for h in range(48):
            t = t0 + timedelta(hours=h)
            self.line(t, t + timedelta(hours=1),
                      "Amazon Elastic Compute Cloud", "Compute",
                      "8ZCS4MZKQ7PRHZ5W", "$0.226 per On Demand Linux "
                      "m5d.xlarge Instance Hour", 4 * E10, "Hours",
                      2_260_000_000, "520145338812",
                      "arn:aws:ec2:us-east-1:520145338812:instance/"
                      "i-0bf0a1c2d3e4f5a6b", "", "Instance",
                      {"Vendor": "Databricks", "ClusterName":
                       "adt-backfill", "data_product": "flow.adt-events"},
                      discount=6, zone="us-east-1c")
        # the month's support fee, one line over the whole month
        self.line(MONTH_START, MONTH_START + timedelta(days=DAYS),
                  "AWS Support (Business)", "Management and Governance",
                  "", "AWS Support (Business) monthly fee", 0, "", 0,
                  "520145338812", freq="Recurring", cost=100 * E10)
        # an SLA credit for the claims portal database's outage window
        self.line(datetime(2026, 10, 6, 14, 30, tzinfo=UTC),
                  datetime(2026, 10, 8, 2, 15, tzinfo=UTC),
                  "Amazon Relational Database Service", "Databases", "",
                  "RDS Multi-AZ SLA credit", 0, "", 0, "771935620044",
                  "arn:aws:rds:us-east-1:771935620044:db:claims-portal-db",
                  "claims-portal-db", "DBInstance", charge="Credit",
                  freq="One-Time", cost=-142_587_123_456)
        return self.rows


def write_focus(inbox):
    write_csv(os.path.join(inbox, "focus_aws_2026-10.csv"), FOCUS_COLUMNS,
              FocusMonth(20261003).month())


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
    write_bigquery(inbox)
    write_databricks(inbox)
    write_focus(inbox)


if __name__ == "__main__":
    main()
