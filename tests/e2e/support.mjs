// What every end-to-end test shares: Debian's Chromium driven by
// playwright-core (no downloaded browser), the demo portal's address, and
// screenshots into test-output/.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const BASE = process.env.MW_BASE_URL;
export const SHOTS = process.env.MW_SCREENSHOTS || "test-output";
/** This pass runs the portal on the store service (bridges/http.js), not on
 *  the local bridge: `cargo xtask test` then points both addresses at it. */
export const OVER_HTTP = !!BASE && process.env.MW_HTTP_BASE_URL === BASE;
if (!BASE) throw new Error("MW_BASE_URL is not set: run through `cargo xtask test`");
mkdirSync(SHOTS, { recursive: true });

/** Headless Chromium as this machine can run it (root, closed network). */
export function launch() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}

// Transitions are run to their end first: a screenshot taken right after a
// click would otherwise catch a border mid-fade (a just-corrected choice
// still half red), which is not what a person sees a moment later.
export const shot = (page, name) => page.screenshot({ path: join(SHOTS, name), fullPage: true, animations: "disabled" });

/** The demo portal's "signed in as" switch: the page loads afresh, on the
 *  widget's home, with another person. */
export async function signInAs(page, id, name) {
  await page.evaluate((u) => localStorage.setItem("acme-portal:user", u), id);
  await page.goto(BASE);
  await page.locator("mentoring-widget").getByText(`Signed in as ${name}`).waitFor();
}

/** Collects `mw:*` events of these names, as "name {detail}" lines, from every page load. */
export async function recordEvents(page, names) {
  const seen = [];
  await page.exposeFunction("recordMwEvent", (e) => seen.push(e));
  await page.addInitScript((list) => {
    for (const n of list) document.addEventListener(n, (e) => window.recordMwEvent(n + " " + JSON.stringify(e.detail)));
  }, names);
  return seen;
}

/** A fresh page in its own context (closed when the test ends) that collects
 *  console errors and page errors (CSP violations included) in `problems`. */
export async function openPage(browser, t, { height = 900, downloads = false, timezoneId } = {}) {
  const context = await browser.newContext({ viewport: { width: 1100, height }, acceptDownloads: downloads, timezoneId });
  t.after(() => context.close());
  const page = await context.newPage();
  const problems = [];
  // Over the store service, a 404 (a key not written yet) and a 412 (a
  // partner's write landed first) are answers of the protocol, which the
  // browser logs as failed loads; anything else is a problem.
  const protocolAnswer = /^Failed to load resource: the server responded with a status of (404|412) /;
  page.on("console", (m) => { if (m.type() === "error" && !protocolAnswer.test(m.text())) problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(String(e)));
  return { page, problems };
}

/** Ana, the mentee, proposes a relationship of `kind` ("Traditional
 *  mentoring", …) to Ben, picked from the directory, and opens it. */
export async function proposeToBen(widget, kind) {
  await widget.getByRole("button", { name: "Start a relationship" }).click();
  await widget.getByLabel("Mentee").check();
  await widget.getByRole("combobox", { name: "Your partner" }).pressSequentially("Ben", { delay: 30 });
  await widget.getByRole("option", { name: /Ben Okafor/ }).click();
  await widget.getByLabel(kind).check();
  await widget.getByRole("button", { name: "Propose relationship" }).click();
  await widget.getByRole("button", { name: new RegExp(`${kind} with Ben Okafor`) }).click();
}

/** Opens a view of the open relationship by its tab, as a person clicks it. */
export async function openTab(widget, name) {
  await widget.getByRole("tab", { name, exact: true }).click();
  await widget.getByRole("tab", { name, exact: true, selected: true }).waitFor();
}
