// What every end-to-end test shares: Debian's Chromium driven by
// playwright-core (no downloaded browser), the demo portal's address, and
// screenshots into test-output/.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const BASE = process.env.MW_BASE_URL;
export const SHOTS = process.env.MW_SCREENSHOTS || "test-output";
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

export const shot = (page, name) => page.screenshot({ path: join(SHOTS, name), fullPage: true });

/** The demo portal's "signed in as" switch, as a reload with another person. */
export async function signInAs(page, id, name) {
  await page.evaluate((u) => localStorage.setItem("acme-portal:user", u), id);
  await page.reload();
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
