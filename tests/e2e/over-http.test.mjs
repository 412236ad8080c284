// End to end over the real store service (bridges/http.js, mentoring-store on
// loopback), with the network between the page and the store held, cut or
// delayed by the test: the interleavings a portal's users meet. A write whose
// answer is lost is found on reading back, not stored twice; a partner's save
// landing while mine is held is merged, both kept; a reload while a save is
// held keeps what was typed; a destroy while a save is in flight lets it land
// and raises no error. Chloé and Dev play the two people (the conformance
// kit uses Ana and Ben on the same store).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, shot } from "./support.mjs";

const BASE = process.env.MW_HTTP_BASE_URL;
if (!BASE) throw new Error("MW_HTTP_BASE_URL is not set: run through `cargo xtask test`");

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function signIn(page, id, name) {
  await page.goto(BASE);
  await page.evaluate((u) => localStorage.setItem("acme-portal:user", u), id);
  await page.goto(BASE);
  await page.locator("mentoring-widget").getByText(`Signed in as ${name}`).waitFor();
}

/** Writes of the relationship document (`PUT /v1/docs/mw/v1/rel/{id}`). */
const isRelationshipPut = (request) => request.method() === "PUT" && /\/v1\/docs\/mw\/v1\/rel\/[^/]+$/.test(new URL(request.url()).pathname);

/** Holds the next relationship write until `release()` (sends it on) or
 *  `release("abort")` (drops it); `held` resolves when it is caught. */
async function holdNextWrite(page) {
  let caught, release;
  const held = new Promise((r) => { caught = r; });
  const go = new Promise((r) => { release = r; });
  let done = false;
  const handler = async (route) => {
    if (done || !isRelationshipPut(route.request())) return route.continue();
    done = true;
    caught(route);
    const how = await go;
    // The page may have gone meanwhile (a reload): nothing left to answer.
    await (how === "abort" ? route.abort() : route.continue()).catch(() => {});
  };
  await page.route("**/v1/docs/**", handler);
  return { held, release: (how = "continue") => release(how), stop: () => page.unroute("**/v1/docs/**", handler) };
}

async function stored(page, relId) {
  return page.evaluate(async (id) => (await fetch("/v1/docs/mw/v1/rel/" + id, { cache: "no-store" })).text(), relId);
}

/** Polls `read` until it gives `want` (a partner's change arrives by events). */
async function until(what, read, want, ms = 10000) {
  const end = Date.now() + ms;
  let got;
  while (Date.now() < end) {
    got = await read();
    if (got === want) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`${what}: ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
}

const relIdOf = (page) => decodeURIComponent(new URL(page.url()).hash).match(/relationship\/([^/]+)/)[1];

async function propose(widget, kindLabel) {
  await widget.getByRole("button", { name: "Start a relationship" }).click();
  await widget.getByLabel("Mentee").check();
  await widget.getByRole("combobox", { name: "Your partner" }).pressSequentially("Dev", { delay: 30 });
  await widget.getByRole("option", { name: /Dev Patel/ }).click();
  await widget.getByLabel(kindLabel).check();
  await widget.getByRole("button", { name: "Propose relationship" }).click();
}

test("over the store service: a lost answer is read back, and a partner's save landing during mine is merged", async (t) => {
  const { page, problems } = await openPage(browser, t);
  await signIn(page, "u-chloe", "Chloé Martin");
  const widget = page.locator("mentoring-widget");

  // The create reaches the store, but its answer never reaches the page.
  let cut = false;
  await page.route("**/v1/docs/**", async (route) => {
    if (cut || !isRelationshipPut(route.request())) return route.continue();
    cut = true;
    await route.fetch();
    await route.abort("connectionreset");
  });
  await propose(widget, "Traditional mentoring");
  await widget.getByText("Relationship with Dev Patel proposed.").waitFor();
  assert.ok(cut, "the create's answer was cut");
  await page.unrouteAll({ behavior: "wait" });
  await page.reload();
  await widget.getByRole("button", { name: /Traditional mentoring with Dev Patel/ }).waitFor();
  assert.equal(await widget.getByRole("button", { name: /Traditional mentoring with Dev Patel/ }).count(), 1, "stored once");

  // Chloé starts the agreement; Dev opens it in his own browser.
  await widget.getByRole("button", { name: /Traditional mentoring with Dev Patel/ }).click();
  await widget.getByRole("tab", { name: "Agreement" }).click();
  await widget.getByRole("button", { name: "Start drafting" }).click();
  await widget.locator('.mw-save-status[data-state="saved"]').first().waitFor();
  const relId = relIdOf(page);
  const dev = await openPage(browser, t);
  await signIn(dev.page, "u-dev", "Dev Patel");
  const devWidget = dev.page.locator("mentoring-widget");
  await devWidget.getByRole("button", { name: /Traditional mentoring with Chloé Martin/ }).click();
  await devWidget.getByRole("tab", { name: "Agreement" }).click();
  await devWidget.getByRole("button", { name: "Back to editing" }).click();

  // Chloé's save is held on its way to the store; Dev's lands first.
  const statuses = [];
  page.on("response", (r) => { if (isRelationshipPut(r.request())) statuses.push(r.status()); });
  const hold = await holdNextWrite(page);
  await widget.locator("#mw-f-meetings-place").fill("Chloé's room 4.12");
  await hold.held;
  await devWidget.locator("#mw-f-other").fill("Dev's note");
  await devWidget.locator('.mw-save-status[data-state="saved"]').first().waitFor();
  hold.release();
  // Hers meets a conflict (412), reads his, carries her change over it.
  await widget.locator('.mw-save-status[data-state="saved"]').first().waitFor();
  await hold.stop();
  assert.equal(statuses[0], 412, `the held save met Dev's revision: ${statuses}`);
  const text = await stored(page, relId);
  assert.ok(text.includes("Chloé's room 4.12") && text.includes("Dev's note"), text);
  await until("Chloé's change on Dev's screen", () => devWidget.locator("#mw-f-meetings-place").inputValue(), "Chloé's room 4.12");
  await shot(page, "40-over-http-merged.png");
  // The one failed load is the answer this test cut.
  assert.deepEqual(problems, ["Failed to load resource: net::ERR_CONNECTION_RESET"]);
  assert.deepEqual(dev.problems, []);
});

test("over the store service: a reload and a destroy while a save is in flight lose nothing", async (t) => {
  const { page, problems } = await openPage(browser, t);
  await signIn(page, "u-chloe", "Chloé Martin");
  const widget = page.locator("mentoring-widget");
  await propose(widget, "Peer mentoring");
  await widget.getByRole("button", { name: /Peer mentoring with Dev Patel/ }).click();
  await widget.getByRole("tab", { name: "Agreement" }).click();
  await widget.getByRole("button", { name: "Start drafting" }).click();
  await widget.locator('.mw-save-status[data-state="saved"]').first().waitFor();
  const relId = relIdOf(page);

  // A save held in flight, then the page reloads: it never reaches the store,
  // yet what Chloé typed is there after the reload and is saved.
  const first = await holdNextWrite(page);
  await widget.locator("#mw-f-meetings-place").fill("Typed before the reload");
  await first.held;
  assert.ok(!(await stored(page, relId)).includes("Typed before the reload"));
  await page.reload();
  first.release("abort");
  await first.stop();
  await widget.locator("#mw-f-meetings-place").waitFor();
  assert.equal(await widget.locator("#mw-f-meetings-place").inputValue(), "Typed before the reload");
  await widget.locator('.mw-save-status[data-state="saved"]').first().waitFor();
  assert.ok((await stored(page, relId)).includes("Typed before the reload"));

  // A save in flight when the portal destroys the widget: it still lands,
  // and nothing throws in the page.
  const second = await holdNextWrite(page);
  await widget.locator("#mw-f-meetings-place").fill("Typed before the destroy");
  await second.held;
  await page.evaluate(() => window.MentoringWidget("destroy"));
  second.release();
  await page.waitForFunction(async (id) => (await (await fetch("/v1/docs/mw/v1/rel/" + id, { cache: "no-store" })).text()).includes("Typed before the destroy"), relId);
  await second.stop();
  await page.waitForTimeout(300);
  assert.deepEqual(problems, []);
});

// Over HTTP/1.1 a browser opens at most six connections to one host: a
// stream per subscription (three for an open relationship) left a third
// tab's reads waiting for ever. Now one stream per tab serves every view,
// and destroying the widget closes it.
test("over the store service: a tab holds one event stream, three tabs stay live, a destroy closes it", async (t) => {
  const { page, problems } = await openPage(browser, t);
  // The event streams a page holds open: asked for, not yet ended.
  const track = (p) => {
    const open = new Set();
    p.on("request", (r) => { if (new URL(r.url()).pathname === "/v1/events") open.add(r); });
    p.on("requestfailed", (r) => open.delete(r));
    p.on("requestfinished", (r) => open.delete(r));
    return open;
  };
  const open = track(page);
  await signIn(page, "u-chloe", "Chloé Martin");
  const widget = page.locator("mentoring-widget");
  await propose(widget, "Peer mentoring");
  await widget.getByRole("button", { name: /Peer mentoring with Dev Patel/ }).first().click();
  await widget.getByRole("tab", { name: "Goals" }).click();
  const goals = widget.locator(".mw-goals");
  await goals.getByLabel("New goal").fill("Shadow a release review");
  await goals.getByRole("button", { name: "Add goal" }).click();
  await goals.locator(".mw-goal", { hasText: "Shadow a release review" }).waitFor();
  // The home list, the workspace and the goal board each subscribe.
  await page.waitForTimeout(1500);
  assert.equal(open.size, 1, `open event streams: ${[...open].map((r) => r.url()).join(", ")}`);

  // Two more tabs at the same view: nine streams before, three now.
  const tabs = [];
  for (let i = 0; i < 2; i++) {
    const tab = await page.context().newPage();
    const streams = track(tab);
    await tab.goto(page.url());
    await tab.locator("mentoring-widget").getByRole("tab", { name: "Goals", exact: true, selected: true }).waitFor();
    tabs.push(tab);
    await until("open event streams in another tab", async () => streams.size, 1);
  }
  const last = tabs[1].locator("mentoring-widget");
  await last.locator(".mw-goals").getByRole("button", { name: "Shadow a release review", exact: true }).click();
  const editor = last.locator(".mw-goal-editor");
  await editor.getByLabel("Goal", { exact: true }).fill("Shadow two release reviews");
  await editor.getByRole("button", { name: "Save goal" }).click();
  await editor.getByText("Goal saved").waitFor();
  await goals.locator(".mw-goal", { hasText: "Shadow two release reviews" }).waitFor();
  await tabs[0].locator("mentoring-widget").locator(".mw-goal", { hasText: "Shadow two release reviews" }).waitFor();
  // The first tab has the goal open in its editor (adding a goal opens it):
  // the editor follows the save too.
  const mine = widget.locator(".mw-goal-editor");
  await until("the first tab's editor", () => mine.getByLabel("Goal", { exact: true }).inputValue(), "Shadow two release reviews");
  await mine.getByRole("heading", { name: "Shadow two release reviews" }).waitFor();
  await shot(page, "41-over-http-three-tabs.png");

  // The widget destroyed: its stream closes (a second's grace, for a view
  // that replaces another).
  await page.evaluate(() => window.MentoringWidget("destroy"));
  await until("open event streams in the first tab", async () => open.size, 0, 5000);
  for (const tab of tabs) await tab.close();
  assert.deepEqual(problems, []);
});
