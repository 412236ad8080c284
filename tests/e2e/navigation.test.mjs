// End to end: moving between views as a person and as the portal would.
// The demo portal keeps the widget's view in its URL (mw:navigate) and turns
// on `history`, so back and forward move between views and a reload opens
// the same view; the portal's `navigate` command and the element's `view`
// attribute move the widget; the tab list works by keyboard alone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE, launch, openPage, proposeToBen, recordEvents, shot } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const selectedTab = (widget) => widget.locator('[role="tab"][aria-selected="true"]').innerText();
/** The id of the focused element inside the widget's shadow root. */
const focused = (page) => page.evaluate(() => document.querySelector("mentoring-widget").shadowRoot.activeElement?.id || "");

test("views in the URL, back and forward, reload, navigate, and the tabs by keyboard", async (t) => {
  const { page, problems } = await openPage(browser, t);
  const moves = await recordEvents(page, ["mw:navigate"]);
  await page.goto(BASE);
  const widget = page.locator("mentoring-widget");
  await widget.getByText("Signed in as Ana Li").waitFor();
  await proposeToBen(widget, "Peer mentoring");

  // Opening the relationship: its overview, the heading focused, the URL says where.
  await widget.getByRole("heading", { name: "What needs you now" }).waitFor();
  assert.equal(await focused(page), "mw-page-heading");
  const id = new URL(page.url()).hash.match(/^#relationship\/([A-Za-z0-9_-]+)$/)?.[1];
  assert.ok(id, page.url());
  assert.ok(moves.some((m) => m === `mw:navigate {"view":"relationship/${id}"}`), moves.join("\n"));

  // The tab list by keyboard: arrows move and open, Home and End jump.
  await widget.getByRole("tab", { name: "Overview" }).focus();
  await page.keyboard.press("ArrowRight");
  await widget.getByText("Start from", { exact: true }).waitFor();
  assert.equal(await selectedTab(widget), "Agreement");
  assert.equal(await focused(page), "mw-tab-agreement");
  await page.keyboard.press("End");
  assert.equal(await selectedTab(widget), "Timeline");
  await page.keyboard.press("ArrowRight");
  assert.equal(await selectedTab(widget), "Overview", "wraps round");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await widget.locator(".mw-checkins").waitFor();
  assert.equal(await selectedTab(widget), "Check-ins");
  assert.equal(new URL(page.url()).hash, `#relationship/${id}/checkins`);
  // Only the selected tab is in the Tab order; Tab goes on into its panel.
  assert.equal(await widget.locator('[role="tab"][tabindex="0"]').count(), 1);
  await shot(page, "30-tabs-by-keyboard.png");

  // Back and forward move between views (each move was one entry); a
  // reload opens the same view.
  const tabIs = (name) => widget.getByRole("tab", { name, exact: true, selected: true }).waitFor();
  await page.goBack();
  await tabIs("Timeline");
  await page.goBack();
  await tabIs("Overview");
  await page.goForward();
  await tabIs("Timeline");
  assert.equal(new URL(page.url()).hash, `#relationship/${id}/timeline`);
  await page.reload();
  await tabIs("Timeline");
  await widget.getByRole("heading", { name: "Pulse over time" }).waitFor();

  // The portal moves the widget: the navigate command and the view attribute.
  await page.evaluate((rel) => window.MentoringWidget("navigate", `relationship/${rel}/goals`), id);
  await widget.getByLabel("New goal").waitFor();
  assert.equal(await selectedTab(widget), "Goals");
  await page.evaluate((rel) => document.querySelector("mentoring-widget").setAttribute("view", `relationship/${rel}/agreement`), id);
  await tabIs("Agreement");
  await page.evaluate(() => window.MentoringWidget("navigate", "home"));
  await widget.getByRole("heading", { name: "Your mentoring relationships" }).waitFor();
  assert.equal(new URL(page.url()).hash, "#home");
  // A path that is not a view is refused and changes nothing.
  const warned = [];
  page.on("console", (m) => { if (m.type() === "warning") warned.push(m.text()); });
  await page.evaluate(() => window.MentoringWidget("navigate", "relationship/../x"));
  await page.waitForTimeout(100);
  assert.ok(warned.some((w) => w.includes("navigate")), warned.join("\n"));
  assert.equal(new URL(page.url()).hash, "#home");
  await page.goBack();
  await tabIs("Agreement");
  assert.deepEqual(problems, []);
});
