// The store service under load (run by `cargo xtask bench`): N simulated
// pairs edit their own relationship's shared goal at the same time, for a
// bounded time, against the real service on loopback. Each person reads the
// goal, adds one entry of their own and writes it back over the revision they
// read; on a conflict (the partner wrote first) they read again and retry,
// as the widget does. At the end every goal must hold every entry whose write
// was acknowledged: zero lost writes. Printed as a table and kept as JSON.
import { writeFileSync } from "node:fs";

const BASE = process.env.MW_STORE_URL;
const PAIRS = Number(process.env.MW_LOAD_PAIRS || 20);
const SECONDS = Number(process.env.MW_LOAD_SECONDS || 20);
const OUT = process.env.MW_LOAD_OUT;
if (!BASE) throw new Error("MW_STORE_URL is not set: run through `cargo xtask bench`");

const latencies = [];
const count = { requests: 0, conflicts: 0, server_errors: 0, other_errors: 0, acknowledged: 0 };

async function call(user, method, path, headers, body) {
  const started = performance.now();
  const r = await fetch(BASE + path, { method, headers: Object.assign({ "X-Remote-User": user }, headers), body });
  const text = await r.text();
  latencies.push(performance.now() - started);
  count.requests += 1;
  if (r.status >= 500) count.server_errors += 1;
  return { status: r.status, etag: r.headers.get("etag"), text };
}

function goalOf(rel, entries) {
  return JSON.stringify({ schema: 1, kind: "goal", data: { id: "g1", relationshipId: rel, owner: "u-ana", title: "Load", history: entries } });
}

async function setUp(i) {
  const rel = `load${String(i).padStart(4, "0")}${Date.now().toString(36)}`;
  const relationship = JSON.stringify({ schema: 3, kind: "relationship", data: {
    id: rel, kind: "peer", mentor: { id: "u-ben", displayName: "Ben", email: null }, mentee: { id: "u-ana", displayName: "Ana", email: null },
    state: "active", createdBy: "u-ana", createdAt: "t", agreement: { versions: [], draft: null }, life: { events: [], closing: null } } });
  const a = await call("u-ana", "PUT", `/v1/docs/mw/v1/rel/${rel}`, { "If-None-Match": "*" }, relationship);
  const g = await call("u-ana", "PUT", `/v1/docs/mw/v1/rel/${rel}/goals/g1`, { "If-None-Match": "*" }, goalOf(rel, []));
  if (a.status !== 201 || g.status !== 201) throw new Error(`set-up failed: ${a.status} ${g.status} ${a.text} ${g.text}`);
  return rel;
}

async function person(user, rel, until, acknowledged) {
  const path = `/v1/docs/mw/v1/rel/${rel}/goals/g1`;
  let n = 0;
  while (performance.now() < until) {
    const read = await call(user, "GET", path, {}, undefined);
    if (read.status !== 200) { count.other_errors += 1; continue; }
    const entries = JSON.parse(read.text).data.history;
    const mine = `${user}-${n}`;
    entries.push({ by: user, value: n % 101, note: mine });
    const write = await call(user, "PUT", path, { "If-Match": read.etag, "Content-Type": "application/json" }, goalOf(rel, entries));
    if (write.status === 200) {
      acknowledged.push(mine);
      count.acknowledged += 1;
      n += 1;
    } else if (write.status === 412) {
      count.conflicts += 1;
    } else {
      count.other_errors += 1;
    }
  }
}

const rels = [];
for (let i = 0; i < PAIRS; i++) rels.push(await setUp(i));
latencies.length = 0;
count.requests = 0;
const started = performance.now();
const until = started + SECONDS * 1000;
const acknowledgedByRel = rels.map(() => []);
await Promise.all(rels.flatMap((rel, i) => [person("u-ana", rel, until, acknowledgedByRel[i]), person("u-ben", rel, until, acknowledgedByRel[i])]));
const elapsed = (performance.now() - started) / 1000;

let lost = 0;
for (let i = 0; i < rels.length; i++) {
  const final = await call("u-ana", "GET", `/v1/docs/mw/v1/rel/${rels[i]}/goals/g1`, {}, undefined);
  const notes = new Set(JSON.parse(final.text).data.history.map((e) => e.note));
  lost += acknowledgedByRel[i].filter((m) => !notes.has(m)).length;
}

latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))];
const result = {
  pairs: PAIRS, seconds: Math.round(elapsed * 10) / 10, requests: count.requests,
  requests_per_second: Math.round(count.requests / elapsed), p50_ms: +pct(0.5).toFixed(2), p95_ms: +pct(0.95).toFixed(2),
  acknowledged_writes: count.acknowledged, conflicts: count.conflicts, lost_writes: lost,
  server_errors: count.server_errors, other_errors: count.other_errors,
};
console.log("\nstore load test (one Node client process, the service on loopback)");
for (const [k, v] of Object.entries(result)) console.log(`  ${k.padEnd(22)} ${v}`);
if (OUT) writeFileSync(OUT, JSON.stringify(result, null, 2) + "\n");
if (lost > 0 || count.server_errors > 0) {
  console.error(`FAILED: ${lost} lost writes, ${count.server_errors} server errors`);
  process.exit(1);
}
