// The benchmark (cargo xtask bench; not run by `node --test`, whose file
// patterns it does not match): every figure measured in one run and one
// browser (Debian's Chromium through playwright-core), the widget against a
// vanilla-JS page drawing the same lists from the same bridge, pairs
// alternating so a noisy machine slows both alike. Prints a table and writes
// the figures to $MW_BENCH_OUT. Not a pass/fail test.
import { writeFileSync } from "node:fs";
import { chromium } from "playwright-core";

const BASE = process.env.MW_BASE_URL;
const OUT = process.env.MW_BENCH_OUT || "bench.json";
if (!BASE) throw new Error("MW_BASE_URL is not set: run through `cargo xtask bench`");

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--disable-quic", "--js-flags=--expose-gc", "--enable-precise-memory-info"],
});
const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });

async function sample(scenario, impl, drive) {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${BASE}bench/index.html?scenario=${scenario}&impl=${impl}`);
  await page.waitForFunction(() => window.benchResult, null, { timeout: 120000 });
  if (drive) await drive(page);
  const r = await page.evaluate(() => window.benchResult);
  await page.close();
  if (r.error) throw new Error(`${scenario}/${impl}: ${r.error}`);
  if (errors.length) throw new Error(`${scenario}/${impl}: ${errors.join("; ")}`);
  return r;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; };
const pairs = async (scenario, n, keys) => {
  const w = [], v = [];
  await sample(scenario, "widget"); // warm the HTTP cache and the code cache once, unmeasured
  await sample(scenario, "stub");
  for (let i = 0; i < n; i++) { w.push(await sample(scenario, "widget")); v.push(await sample(scenario, "stub")); }
  // The yardstick must build what the widget builds, or the ratio means nothing.
  if (w[0].firstItem !== v[0].firstItem) {
    throw new Error(`${scenario}: the vanilla page's items differ from the widget's; bring www/bench/stub.js up to date\nwidget:  ${w[0].firstItem}\nvanilla: ${v[0].firstItem}`);
  }
  return Object.fromEntries(keys.map((k) => [k, { widget: median(w.map((r) => r[k])), vanilla: median(v.map((r) => r[k])) }]));
};

const results = {};
results.start = await pairs("start", 7, ["homeMs"]);
const ready = [];
for (let i = 0; i < 7; i++) ready.push((await sample("start", "widget")).readyMs);
results.start.readyMs = { widget: median(ready) };
const opens = [];
for (let i = 0; i < 5; i++) opens.push(await sample("open", "widget"));
results.open = Object.fromEntries(["openMs", "firstSwitchMs", "switchBackMs"].map((k) => [k, { widget: median(opens.map((r) => r[k])) }]));
results.goals = await pairs("goals", 3, ["createMs", "updateMs", "filterMs"]);
results.checkins = await pairs("checkins", 3, ["createMs", "updateMs"]);
const typing = await sample("typing", "widget", async (page) => {
  await page.waitForFunction(() => window.benchReadyToType);
  const field = page.locator("mentoring-widget").locator("#mw-f-other");
  await field.click();
  await page.keyboard.type("We meet in the library on the third floor.", { delay: 60 });
  await page.waitForTimeout(500);
});
results.typing = { keys: typing.latencies.length, p50Ms: pct(typing.latencies, 0.5), p95Ms: pct(typing.latencies, 0.95) };
results.heap = await sample("heap", "widget");
await browser.close();

const f = (x) => (x === undefined ? "" : `${x.toFixed(1)}`);
const rows = [
  ["script tag → home list drawn (20 relationships)", results.start.homeMs],
  ["script tag → mw:ready", results.start.readyMs],
  ["open a relationship → overview drawn", results.open.openMs],
  ["switch to a view not yet opened (fetches its chunk)", results.open.firstSwitchMs],
  ["switch back to an open view", results.open.switchBackMs],
  ["1,000 goals: drawn", results.goals.createMs],
  ["1,000 goals: one updated by the host", results.goals.updateMs],
  ["1,000 goals: filtered by status", results.goals.filterMs],
  ["1,000 check-ins: drawn", results.checkins.createMs],
  ["1,000 check-ins: one updated by the host", results.checkins.updateMs],
];
let table = `${"measure".padEnd(54)} ${"widget ms".padStart(10)} ${"vanilla ms".padStart(11)} ${"ratio".padStart(7)}\n`;
for (const [name, m] of rows) {
  const ratio = m.vanilla ? (m.widget / m.vanilla).toFixed(2) + "×" : "";
  table += `${name.padEnd(54)} ${f(m.widget).padStart(10)} ${f(m.vanilla).padStart(11)} ${ratio.padStart(7)}\n`;
}
table += `${"keystroke → next frame, agreement form, 500 goals".padEnd(54)} ${("p50 " + f(results.typing.p50Ms)).padStart(10)} ${("p95 " + f(results.typing.p95Ms)).padStart(11)}\n`;
if (results.heap) {
  const kib = (b) => (b / 1024).toFixed(0) + " KiB";
  table += `${"JS heap after 1 / 100 mount+destroy cycles".padEnd(54)} ${kib(results.heap.after1.js).padStart(10)} ${kib(results.heap.after100.js).padStart(11)}\n`;
  table += `${"wasm memory after 1 / 100 mount+destroy cycles".padEnd(54)} ${kib(results.heap.after1.wasm).padStart(10)} ${kib(results.heap.after100.wasm).padStart(11)}\n`;
}
console.log(table);
writeFileSync(OUT, JSON.stringify({ measuredAt: new Date().toISOString(), results, table }, null, 2));
