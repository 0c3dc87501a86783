// run.mjs — runs attribute.sql (the DuckDB peer of meshcost's attribution)
// over a benchmark folder and writes the allocations CSV, the layout of
// `meshcost export allocations --period P`.
//
// usage: node run.mjs DATA_DIR OUT.csv [--period YYYY-MM] [--config INI]
//                     [--threads N] [--memory-limit 4GB] [-v]
//   DATA_DIR holds catalog/{products,assets}.csv and inbox/*.csv (the
//   layout tests/bench/gen.c writes); the rates, tag key, idle policy and
//   currency come from DATA_DIR/meshcost.ini (or --config), with meshcost's
//   defaults. -v prints each statement's time on stderr.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync, writeFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';

const here = dirname(fileURLToPath(import.meta.url));

function usage(msg) {
  if (msg) process.stderr.write(`run.mjs: ${msg}\n`);
  process.stderr.write('usage: node run.mjs DATA_DIR OUT.csv [--period YYYY-MM] ' +
    '[--config INI] [--threads N] [--memory-limit SIZE] [-v]\n');
  process.exit(64);
}

const args = process.argv.slice(2);
const pos = [];
const opt = { period: '2026-10', threads: '2', memory: '4GB', verbose: false, config: null };
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--period') opt.period = args[++i];
  else if (a === '--config') opt.config = args[++i];
  else if (a === '--threads') opt.threads = args[++i];
  else if (a === '--memory-limit') opt.memory = args[++i];
  else if (a === '-v') opt.verbose = true;
  else if (a.startsWith('-')) usage(`unknown option ${a}`);
  else pos.push(a);
}
if (pos.length !== 2) usage();
if (!/^\d{4}-\d\d$/.test(opt.period || '')) usage('--period must be YYYY-MM');
if (!/^\d+$/.test(opt.threads || '')) usage('--threads must be a number');
const dataDir = resolve(pos[0]);
const outCsv = resolve(pos[1]);

// ---- meshcost.ini: the few settings the attribution uses
function readIni(path) {
  const ini = {};
  if (!path || !existsSync(path)) return ini;
  let section = '';
  for (const raw of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith(';') || line.startsWith('#')) continue;
    const m = /^\[(.+)\]$/.exec(line);
    if (m) { section = m[1].trim(); continue; }
    const eq = line.indexOf('=');
    if (eq > 0) ini[`${section}.${line.slice(0, eq).trim()}`] = line.slice(eq + 1).trim();
  }
  return ini;
}

// a non-negative decimal string -> integer micro-units (exact, no float)
function micro(s, what) {
  const m = /^(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || !(m[1] || m[2])) usage(`${what}: not a decimal: '${s}'`);
  const frac = ((m[2] || '') + '000000');
  if (/[1-9]/.test(frac.slice(6))) usage(`${what}: more than 6 decimals`);
  return (BigInt(m[1] || '0') * 1000000n + BigInt(frac.slice(0, 6))).toString();
}

const ini = readIni(opt.config || join(dataDir, 'meshcost.ini'));
const tagKey = ini['attribution.product_tag_key'] ?? 'data_product';
const idle = ini['attribution.idle'] ?? 'owner';
const currency = ini['report.currency'] ?? 'USD';
if (!['owner', 'unallocated'].includes(idle)) usage(`idle: '${idle}'`);
if (!/^[A-Z]{3}$/.test(currency)) usage(`currency: '${currency}'`);
const sqlString = (s) => s.replaceAll("'", "''");

const subst = {
  CATALOG: sqlString(join(dataDir, 'catalog')),
  INBOX: sqlString(join(dataDir, 'inbox')),
  CREDIT_MICRO: micro(ini['rates.snowflake_credit'] ?? '3.00', 'snowflake_credit'),
  STORAGE_MICRO: micro(ini['rates.snowflake_storage_tib_month'] ?? '23.00',
    'snowflake_storage_tib_month'),
  TAG_KEY: sqlString(tagKey),
  IDLE_OWNER: idle === 'owner' ? 'true' : 'false',
  PERIOD: opt.period,
  CURRENCY: currency,
};
let sql = readFileSync(join(here, 'attribute.sql'), 'utf8');
sql = sql.replace(/\{\{([A-Z_]+)\}\}/g, (_, k) => {
  if (!(k in subst)) usage(`attribute.sql: unknown placeholder ${k}`);
  return subst[k];
});
// statements end with ';' at the end of a line; comments are dropped
const statements = sql.split(/;[ \t]*\r?\n/)
  .map((s) => s.split('\n').filter((l) => !/^\s*--/.test(l)).join('\n').trim())
  .filter((s) => s.length > 0);

// ---- run
const tmp = mkdtempSync(join(tmpdir(), 'meshcost-peer-'));
const inst = await DuckDBInstance.create(':memory:', {
  threads: opt.threads,
  memory_limit: opt.memory,
  temp_directory: tmp,
  // attribute.sql relies on rowid = load order (the last row of a key wins)
  preserve_insertion_order: 'true',
});
const con = await inst.connect();
let rows = [];
try {
  for (let i = 0; i < statements.length; i++) {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    const last = i === statements.length - 1;
    if (last) {
      const reader = await con.runAndReadAll(statements[i]);
      rows = reader.getRows();
    } else {
      await con.run(statements[i]);
    }
    if (opt.verbose) {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const cpu = process.cpuUsage(c0);
      const head = statements[i].split('\n')[0].slice(0, 60);
      process.stderr.write(`${(ms / 1000).toFixed(3).padStart(8)} s ` +
        `${((cpu.user + cpu.system) / 1e6).toFixed(3).padStart(8)} s cpu  ${head}\n`);
    }
  }
} catch (e) {
  process.stderr.write(`run.mjs: ${e.message}\n`);
  rmSync(tmp, { recursive: true, force: true });
  process.exit(70);
}
rmSync(tmp, { recursive: true, force: true });

// ---- CSV out (RFC 4180, quoted only when needed, LF)
const field = (v) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};
const lines = ['date,product_id,domain,source,cost_kind,amount,currency'];
for (const r of rows) lines.push(r.map(field).join(','));
writeFileSync(outCsv, lines.join('\n') + '\n');
