// Wrong uses the declarations must refuse (tests/e2e/types.test.mjs). Each is marked with
// an expect-error directive: if the declarations grow loose (a detail typed `any`, an
// option typed `string`), tsc reports the directive as unused and the test fails.
import { mount, MentoringWidget, type MentoringBridge, type MentoringBridgeError, type MentoringWidgetElement } from "@acme/mentoring-widget";
import { createLocalBridge } from "@acme/mentoring-widget/bridges/local.js";
import { createHttpBridge } from "@acme/mentoring-widget/bridges/http.js";
import { runConformance } from "@acme/mentoring-widget/bridges/conformance.js";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;

// The element is typed as the widget's (not Element, not any) and has no properties of its own.
const el = document.querySelector("mentoring-widget");
const exact: Equal<typeof el, MentoringWidgetElement | null> = true;
// @ts-expect-error the view is an attribute, not a property
el?.view;

// Event details: known fields only, exact kinds.
document.addEventListener("mw:saved", (e) => {
  const exactDetail: Equal<typeof e.detail, { kind: "relationship" | "agreement" | "goal" | "checkin"; id: string }> = true;
  // @ts-expect-error there is no "note" kind (private notes are not announced)
  const note: "note" = e.detail.kind;
});
// @ts-expect-error mw:navigate's detail has `view`, not `path`
document.addEventListener("mw:navigate", (e) => e.detail.path);
// @ts-expect-error mw:ready's detail has `userId`, not `user`
window.addEventListener("mw:ready", (e) => e.detail.user);
window.addEventListener("mw:error", (e) => {
  // @ts-expect-error not an mw:error code
  if (e.detail.code === "network") return;
});
// @ts-expect-error version is a number
document.addEventListener("mw:agreement-in-force", (e) => e.detail.version.toUpperCase());
window.addEventListener("mw:closed", (e) => {
  // @ts-expect-error not a close reason
  if (e.detail.reason === "fired") return;
});

// Options and commands.
const host = document.createElement("div");
// @ts-expect-error timeoutMs is a number of milliseconds
mount(host, { timeoutMs: "10s" });
// @ts-expect-error a view is "home" or "relationship/…"
mount(host, { view: "goals" });
// @ts-expect-error assetBase is a URL string
mount(host, { assetBase: new URL("https://cdn.example/") });
// @ts-expect-error theme values are strings
mount(host, { theme: { radius: 4 } });
// @ts-expect-error a locale's texts are strings
mount(host, { text: { de: { "home.start": 1 } } });
// @ts-expect-error no such command
MentoringWidget("reload");
// @ts-expect-error navigate needs a view
MentoringWidget("navigate");
// @ts-expect-error init needs options
window.MentoringWidget("init");
mount(host).then((handle) => {
  // @ts-expect-error not a view
  handle.navigate("settings");
});

// Bridges.
// @ts-expect-error "timeout" is the widget's code, not one a bridge may reject with
const rejection: MentoringBridgeError = { code: "timeout", message: "slow" };
// @ts-expect-error apiVersion is required
const noVersion: MentoringBridge = { identity: () => ({ id: "a", displayName: "A" }), storage: createLocalBridge().storage };
// @ts-expect-error "memory" or a Storage
createLocalBridge({ storage: "session" });
// @ts-expect-error credentials are fetch's
createHttpBridge({ credentials: "always" });
// @ts-expect-error headers are a plain object (Object.assign would drop a Headers' entries)
createHttpBridge({ headers: new Headers({ "X-CSRF-Token": "t" }) });
// @ts-expect-error the kit needs two bridges for two people
runConformance({ first: createLocalBridge() });
