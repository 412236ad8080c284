// The shipped local bridge where a page may not use localStorage (a sandboxed
// iframe, storage blocked): reading `window.localStorage` throws there. The
// bridge must still work (in memory) so the widget loads and people keep
// working; before, createLocalBridge threw and the widget never appeared.
import { test } from "node:test";
import assert from "node:assert/strict";

const warnings = [];
globalThis.window = {
  get localStorage() {
    throw Object.assign(new Error("The document is sandboxed and lacks the 'allow-same-origin' flag."), { name: "SecurityError" });
  },
  addEventListener() {},
  removeEventListener() {},
};
const { createLocalBridge } = await import("../../www/bridges/local.js");

test("a sandboxed page gets a working bridge kept in memory, and the console says so", async () => {
  const realWarn = console.warn;
  console.warn = (m) => warnings.push(String(m));
  const bridge = createLocalBridge({ people: [{ id: "u-ana", displayName: "Ana Li" }] });
  console.warn = realWarn;
  assert.ok(warnings.some((w) => w.includes("cannot use localStorage")), warnings.join("\n"));
  const { revision } = await bridge.storage.put("mw/v1/rel/r1", "{}", null);
  const got = await bridge.storage.get("mw/v1/rel/r1");
  assert.deepEqual(got, { value: "{}", revision });
  const seen = [];
  const stop = bridge.storage.subscribe("mw/v1/", (k) => seen.push(k));
  await bridge.storage.put("mw/v1/rel/r1", "{\"a\":1}", revision);
  stop();
  assert.deepEqual(seen, ["mw/v1/rel/r1"]);
  await assert.rejects(bridge.storage.put("mw/v1/rel/r1", "{}", revision), (e) => e.code === "conflict");
});
