// Uses of the package's declarations that must type-check (tests/e2e/types.test.mjs).
import MentoringWidgetDefault, {
  mount,
  MentoringWidget,
  type MentoringBridge,
  type MentoringCloseReason,
  type MentoringErrorCode,
  type MentoringView,
  type MentoringWidgetElement,
  type MentoringWidgetHandle,
} from "@acme/mentoring-widget";
import { createLocalBridge, MemoryStorage } from "@acme/mentoring-widget/bridges/local.js";
import { createHttpBridge } from "@acme/mentoring-widget/bridges/http.js";
import { formatResults, runConformance, type ConformanceResult } from "@acme/mentoring-widget/bridges/conformance.js";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;

// The script-tag API and the module's exports are the same object.
const api: typeof MentoringWidget = window.MentoringWidget;
const sameDefault: Equal<typeof MentoringWidgetDefault, typeof MentoringWidget> = true;
api("init", { locale: "en", brandName: "Acme", theme: { brand: "#0a6" }, text: { "home.start": "Find a mentor" }, history: true });
api("update", { locale: "de-CH", text: { "shell.brand": "Acme", de: { "home.start": "Mentor finden" } } });
api("update", { timeoutMs: 5000, assetBase: "/static/mentoring-widget/" });
api("navigate", "relationship/01jd/goals");
api("destroy");
const version: string = api.version;

// The element: its tag maps to the declared element, and it is an HTMLElement.
const found = document.querySelector("mentoring-widget");
const foundExact: Equal<typeof found, MentoringWidgetElement | null> = true;
const made = document.createElement("mentoring-widget");
made.setAttribute("view", "home");
const asElement: HTMLElement = made;

// mount, from the module and from the global, and the handle.
async function handles(el: HTMLElement): Promise<void> {
  const handle: MentoringWidgetHandle = await mount(el, {
    bridge: createLocalBridge({ storage: "memory" }),
    view: "home",
    assetBase: "https://cdn.example/mentoring-widget/",
    templates: [{ id: "short", name: "Short", kind: "peer", termDays: 30, values: { purpose: "Learn" } }],
  });
  handle.update({ locale: "de" });
  handle.navigate("relationship/abc");
  const view: MentoringView | null = handle.view;
  handle.destroy();
  await MentoringWidget.mount(el);
}

// Every event, typed, on the element, on document and on window.
made.addEventListener("mw:ready", (e) => e.detail.userId.toUpperCase());
made.addEventListener("mw:navigate", (e) => {
  const view: MentoringView = e.detail.view;
});
document.addEventListener("mw:saved", (e) => {
  const kind: "relationship" | "agreement" | "goal" | "checkin" = e.detail.kind;
  const exact: Equal<typeof e.detail, { kind: "relationship" | "agreement" | "goal" | "checkin"; id: string }> = true;
});
document.addEventListener("mw:error", (e) => {
  const code: MentoringErrorCode = e.detail.code;
  if (e.detail.code === "load_failed" || e.detail.code === "conflict") console.warn(e.detail.message);
});
document.addEventListener("mw:agreement-signed", (e) => e.detail.relationshipId + e.detail.by);
document.addEventListener("mw:agreement-in-force", (e) => e.detail.version.toFixed());
window.addEventListener("mw:goal-achieved", (e) => e.detail.goalId);
window.addEventListener("mw:checkin-due", (e) => e.detail.daysUntil < 0 && e.detail.date);
window.addEventListener("mw:rematch-requested", (e) => e.detail.menteeId);
window.addEventListener("mw:closed", (e) => {
  const reason: MentoringCloseReason = e.detail.reason;
});

// A host's own bridge may answer synchronously or with Promises; subscribe and directory are optional.
const store = new Map<string, { value: string; revision: string }>();
const own: MentoringBridge = {
  apiVersion: 1,
  identity: () => ({ id: "u1", displayName: "Ana" }),
  storage: {
    get: (key) => store.get(key) ?? null,
    put: async (key, value) => {
      store.set(key, { value, revision: "1" });
      return { revision: "1" };
    },
    list: (prefix) => [...store.keys()].filter((k) => k.startsWith(prefix)).map((key) => ({ key, revision: "1" })),
    delete: (key) => {
      store.delete(key);
    },
  },
};

// The shipped bridges, and the conformance kit over them.
async function bridges(): Promise<string> {
  const shared = new MemoryStorage();
  const ana = createLocalBridge({ people: [{ id: "ana", displayName: "Ana" }, { id: "ben", displayName: "Ben" }], currentUserId: "ana", storage: shared });
  const ben = createLocalBridge({ people: [{ id: "ana", displayName: "Ana" }, { id: "ben", displayName: "Ben" }], currentUserId: "ben", storage: shared, namespace: "t:" });
  const localOnly: true = ana.localOnly;
  const got = await ana.storage.get("mw/v1/rel/x");
  const stop: () => void = ana.storage.subscribe("mw/v1/", (key) => key.length);
  stop();
  const http = createHttpBridge({
    baseUrl: "https://store.example",
    credentials: "include",
    getToken: async () => "token",
    headers: () => ({ "X-CSRF-Token": "t" }),
    timeoutMs: 5000,
  });
  const people = await http.directory.search("ben");
  const results: ConformanceResult[] = await runConformance({ first: ana, second: own, timeoutMs: 1000 });
  await runConformance({ first: http, second: ben });
  return formatResults(results) + (got?.revision ?? "") + people.length;
}
