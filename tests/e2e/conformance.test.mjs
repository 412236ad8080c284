// The bridge conformance kit (pkg/bridges/conformance.js), run in a real
// Chromium against both bridges the widget ships: the local bridge (two
// people over one browser storage) and the HTTP bridge against the real
// store service on loopback (two people, named by the dev-auth header).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { SHOTS, launch, openPage } from "./support.mjs";

const HTTP_BASE = process.env.MW_HTTP_BASE_URL;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function run(t, which) {
  if (!HTTP_BASE) throw new Error("MW_HTTP_BASE_URL is not set: run through `cargo xtask test`");
  const { page } = await openPage(browser, t);
  // A page of the portal's origin (the store is behind its /v1/ proxy).
  await page.goto(HTTP_BASE + "demo-people.json");
  const results = await page.evaluate(async (which) => {
    const { runConformance } = await import("/pkg/bridges/conformance.js");
    let first, second;
    if (which === "http") {
      const { createHttpBridge } = await import("/pkg/bridges/http.js");
      first = createHttpBridge({ headers: { "X-Remote-User": "u-ana" } });
      second = createHttpBridge({ headers: () => ({ "X-Remote-User": "u-ben" }) });
    } else {
      const { createLocalBridge, MemoryStorage } = await import("/pkg/bridges/local.js");
      const people = [{ id: "u-ana", displayName: "Ana Li" }, { id: "u-ben", displayName: "Ben Okafor" }];
      const storage = new MemoryStorage();
      first = createLocalBridge({ people, currentUserId: "u-ana", storage });
      second = createLocalBridge({ people, currentUserId: "u-ben", storage });
    }
    return runConformance({ first, second });
  }, which);
  writeFileSync(join(SHOTS, `conformance-${which}.txt`), results.map((r) => (r.pass ? "PASS " : "FAIL ") + r.name + (r.pass ? "" : ": " + r.detail)).join("\n") + "\n");
  return results;
}

for (const which of ["local", "http"]) {
  test(`the ${which} bridge passes the conformance kit`, async (t) => {
    const results = await run(t, which);
    assert.ok(results.length >= 17, `only ${results.length} checks ran`);
    assert.deepEqual(results.filter((r) => !r.pass), [], "every check passes");
  });
}

// Pins: the kit reports a faulty bridge instead of passing it (a bridge that
// ignores revisions and lets anyone read private keys).
test("the kit fails a bridge that ignores revisions and privacy", async (t) => {
  if (!HTTP_BASE) throw new Error("MW_HTTP_BASE_URL is not set");
  const { page } = await openPage(browser, t);
  await page.goto(HTTP_BASE + "demo-people.json");
  const failed = await page.evaluate(async () => {
    const { runConformance } = await import("/pkg/bridges/conformance.js");
    const map = new Map();
    let n = 0;
    const sloppy = (id) => ({
      apiVersion: 1,
      identity: async () => ({ id, displayName: id }),
      storage: {
        get: async (k) => (map.has(k) ? { value: map.get(k), revision: String(++n) } : null),
        put: async (k, v) => { map.set(k, v); return { revision: String(++n) }; },
        list: async (p) => [...map.keys()].filter((k) => k.startsWith(p)).map((key) => ({ key, revision: "1" })),
        delete: async (k) => { map.delete(k); },
      },
    });
    const results = await runConformance({ first: sloppy("a"), second: sloppy("b"), timeoutMs: 200 });
    return results.filter((r) => !r.pass).map((r) => r.name);
  });
  for (const expected of [/create over an existing key/, /stale revision is rejected/, /subscribe/, /private key is refused: get/, /private key is refused: put/]) {
    assert.ok(failed.some((name) => expected.test(name)), `expected a failure matching ${expected}; failed: ${failed.join(" | ")}`);
  }
});
