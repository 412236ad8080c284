// One benchmark scenario per page load: ?scenario=start|open|goals|checkins|typing|heap&impl=widget|stub.
// Seeds an in-memory bridge, runs, and leaves the figures (ms, bytes) in
// window.benchResult for tests/bench/bench.mjs to collect.
import { seeded, relationship, goal, checkin } from "./seed.js";

const q = new URLSearchParams(location.search);
const scenario = q.get("scenario");
const impl = q.get("impl") || "widget";
const result = {};
const now = () => performance.now();
const tick = () => new Promise((r) => setTimeout(r, 0));
async function until(cond, what, limitMs = 60000) {
  const start = now();
  while (!cond()) {
    if (now() - start > limitMs) throw new Error(`timed out waiting for ${what}`);
    await tick();
  }
  return now();
}
const host = () => document.querySelector("mentoring-widget");
const shadow = () => host().shadowRoot;
const count = (sel) => (impl === "widget" ? shadow()?.querySelectorAll(sel).length || 0 : document.querySelectorAll(sel).length);
/** The first item's markup without the renderer's comment markers: the
 *  stub must draw what the widget draws (bench.mjs compares them). */
const firstItem = (sel) => ((impl === "widget" ? shadow() : document).querySelector(sel)?.outerHTML || "").replace(/<!---->/g, "");
const textOf = (sel) => (impl === "widget" ? shadow()?.querySelector(sel)?.textContent : document.querySelector(sel)?.textContent) || "";

/** Loads the widget by script tag, as a portal does, on `view`. */
function startWidget(bridge, view) {
  let ready = null;
  document.addEventListener("mw:ready", () => { ready = now(); }, { once: true });
  window.MentoringWidget = window.MentoringWidget || function () { (window.MentoringWidget.q = window.MentoringWidget.q || []).push(arguments); };
  window.MentoringWidget("init", { bridge, view });
  const s = document.createElement("script");
  s.src = "../pkg/loader.js";
  document.head.append(s);
  return () => ready;
}

/** The widget booted on the relationship's overview, its view chunks
 *  prefetched: what is measured next is the view drawing its list, as the
 *  stub draws its own (which reads its documents itself). */
async function openWorkspace(bridge) {
  if (impl !== "widget") return;
  startWidget(bridge, "relationship/rel1");
  await until(() => shadow()?.querySelector("#mw-overview-needs"), "the overview");
  await new Promise((r) => setTimeout(r, 1500));
}

async function run() {
  if (scenario === "start" || scenario === "open") {
    const n = 20;
    const bridge = await seeded(Array.from({ length: n }, (_, i) => [`mw/v1/rel/r${i}`, relationship(`r${i}`, "proposed")]));
    const t0 = now();
    if (impl === "stub") {
      // Loaded after t0, like the widget's loader: a portal's page fetches both.
      const stub = await import("./stub.js");
      await stub.home(document.getElementById("stub"), bridge);
      result.homeMs = now() - t0;
      result.firstItem = firstItem(".mw-card");
    } else {
      const ready = startWidget(bridge);
      const drawn = await until(() => count(".mw-card") === n, "the home list");
      result.homeMs = drawn - t0;
      result.readyMs = ready() - t0;
      result.firstItem = firstItem(".mw-card");
    }
    if (scenario === "open") {
      let t = now();
      shadow().querySelector(".mw-card__open").click();
      result.openMs = (await until(() => shadow().querySelector("#mw-overview-needs"), "the overview")) - t;
      t = now();
      shadow().querySelector("#mw-tab-goals").click();
      result.firstSwitchMs = (await until(() => shadow().querySelector(".mw-goals"), "the goals view")) - t;
      t = now();
      shadow().querySelector("#mw-tab-overview").click();
      result.switchBackMs = (await until(() => !shadow().querySelector("#mw-panel-overview").hidden, "the overview again")) - t;
    }
  } else if (scenario === "goals") {
    const n = 1000;
    const docs = [["mw/v1/rel/rel1", relationship("rel1", "active")]];
    for (let i = 0; i < n; i++) docs.push([`mw/v1/rel/rel1/goals/g${String(i).padStart(4, "0")}`, goal("rel1", i)]);
    const bridge = await seeded(docs);
    const sel = ".mw-goal";
    const stub = await import("./stub.js");
    await openWorkspace(bridge);
    let t0 = now();
    let list = null;
    if (impl === "stub") list = await stub.goals(document.getElementById("stub"), bridge, "rel1");
    else shadow().querySelector("#mw-tab-goals").click();
    result.createMs = (await until(() => count(sel) === n, "1,000 goals")) - t0;
    result.firstItem = firstItem(sel);
    const key = "mw/v1/rel/rel1/goals/g0500";
    const rev = (await bridge.storage.get(key)).revision;
    t0 = now();
    await bridge.storage.put(key, goal("rel1", 500, "Updated goal 500"), rev);
    const root = impl === "widget" ? shadow() : document.body;
    result.updateMs = (await until(() => root.textContent.includes("Updated goal 500"), "the updated goal")) - t0;
    t0 = now();
    if (impl === "stub") list.filter("achieved");
    else {
      const s = shadow().querySelector("#mw-goal-status-filter");
      s.value = [...s.options].find((o) => o.textContent === "Achieved").value;
      s.dispatchEvent(new Event("change", { bubbles: true }));
    }
    result.filterMs = (await until(() => count(sel) === n / 10, "the filtered list")) - t0;
  } else if (scenario === "checkins") {
    const n = 1000;
    const docs = [["mw/v1/rel/rel1", relationship("rel1", "active")]];
    for (let i = 0; i < n; i++) docs.push([`mw/v1/rel/rel1/checkins/c${String(i).padStart(4, "0")}`, checkin("rel1", i)]);
    const bridge = await seeded(docs);
    const sel = ".mw-checkin-item";
    const stub = await import("./stub.js");
    await openWorkspace(bridge);
    let t0 = now();
    if (impl === "stub") await stub.checkins(document.getElementById("stub"), bridge, "rel1");
    else shadow().querySelector("#mw-tab-checkins").click();
    result.createMs = (await until(() => count(sel) === n, "1,000 check-ins")) - t0;
    result.firstItem = firstItem(sel);
    const key = "mw/v1/rel/rel1/checkins/c0500";
    const rev = (await bridge.storage.get(key)).revision;
    t0 = now();
    await bridge.storage.put(key, checkin("rel1", 500, "2099-01-01"), rev);
    result.updateMs = (await until(() => textOf(sel).includes("2099"), "the updated check-in first")) - t0;
  } else if (scenario === "typing") {
    const docs = [["mw/v1/rel/rel1", relationship("rel1", "proposed", true)]];
    for (let i = 0; i < 500; i++) docs.push([`mw/v1/rel/rel1/goals/g${String(i).padStart(4, "0")}`, goal("rel1", i)]);
    const bridge = await seeded(docs);
    startWidget(bridge, "relationship/rel1/agreement");
    // Open the goals too, so 500 goals are in memory while typing.
    await until(() => shadow()?.querySelector("#mw-f-other"), "the agreement form");
    const latencies = [];
    window.addEventListener("keydown", () => {
      const t = now();
      requestAnimationFrame(() => setTimeout(() => latencies.push(now() - t), 0));
    }, true);
    result.latencies = latencies;
    window.benchReadyToType = true;
    window.benchResult = result;
    return; // the driver types, then reads the latencies
  } else if (scenario === "heap") {
    const bridge = await seeded([["mw/v1/rel/r0", relationship("r0", "proposed")]]);
    const s = document.createElement("script");
    s.src = "../pkg/loader.js";
    document.head.append(s);
    await until(() => window.MentoringWidget && window.MentoringWidget.mount, "the loader");
    // The same module the loader imported: its name carries a content hash.
    const manifest = await (await fetch("../pkg/manifest.json")).json();
    const glue = await import("../pkg/" + manifest.files["mentoring_widget.js"].file);
    const sample = () => { if (window.gc) window.gc(); return { js: performance.memory.usedJSHeapSize, wasm: glue.initSync(undefined).memory.buffer.byteLength }; };
    const cycle = async () => {
      const el = document.createElement("div");
      document.body.append(el);
      const ready = new Promise((r) => el.addEventListener("mw:ready", r, { once: true }));
      const w = await window.MentoringWidget.mount(el, { bridge });
      await ready;
      await until(() => el.shadowRoot.querySelector(".mw-card"), "the list");
      w.destroy();
      el.remove();
    };
    await cycle();
    await new Promise((r) => setTimeout(r, 200));
    result.after1 = sample();
    for (let i = 1; i < 100; i++) await cycle();
    await new Promise((r) => setTimeout(r, 200));
    result.after100 = sample();
  }
  window.benchResult = result;
}

run().catch((e) => { window.benchResult = { error: String(e && e.stack || e) }; });
