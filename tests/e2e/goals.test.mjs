// End to end: the goal tracker (the Goals view, whose code is a chunk
// fetched when the view first opens) through the demo portal. Ana adds a vague goal, reads
// the coach's hints, makes it SMART, adds milestones and ticks them off; Ben
// sees the progress chart and signs the goal off.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { BASE, launch, openPage, openTab, proposeToBen, recordEvents, shot, signInAs } from "./support.mjs";


/** As Ana (mentor), proposes peer mentoring to `name` and opens it. */
async function openPeerRelationship(widget, name, email) {
  await widget.getByRole("button", { name: "Start a relationship" }).click();
  await widget.getByLabel("Mentor", { exact: true }).check();
  await widget.getByRole("combobox", { name: "Your partner" }).fill(name);
  await widget.getByLabel("Partner's email").fill(email);
  await widget.getByLabel("Peer mentoring").check();
  await widget.getByRole("button", { name: "Propose relationship" }).click();
  await widget.getByRole("button", { name: new RegExp(`Peer mentoring with ${name}`) }).click();
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });



test("a vague goal made SMART, milestones ticked, signed off by the partner", async (t) => {
  const { page, problems } = await openPage(browser, t, { downloads: true });
  const events = await recordEvents(page, ["mw:goal-achieved"]);
  const loaded = [];
  page.on("request", (r) => loaded.push(r.url()));
  await page.goto(BASE);
  const widget = page.locator("mentoring-widget");
  await widget.getByText("Signed in as Ana Li").waitFor();
  assert.ok(!loaded.some((u) => u.includes("split_mw_goals")), "the Goals view's code is not part of the first load");

  // A relationship with Ben; its Goals view.
  await proposeToBen(widget, "Traditional mentoring");
  await openTab(widget, "Goals");

  // The goal tracker arrives on demand.
  const goals = widget.locator(".mw-goals");
  await goals.waitFor();
  assert.ok(loaded.some((u) => /\/split_mw_goals\.[0-9a-f]{16}\.wasm$/.test(u)));
  await goals.getByLabel("New goal").fill("Get better at presenting");
  await goals.getByRole("button", { name: "Add goal" }).click();
  const editor = goals.locator(".mw-goal-editor");
  await editor.waitFor();
  const coach = editor.locator(".mw-coach");
  await coach.getByText("This reads like a wish").waitFor();
  await coach.getByText("Add a measure").waitFor();
  await coach.getByText("Pick a date to aim for").waitFor();
  await shot(page, "15-goal-vague-coach.png");

  // Make it SMART.
  await editor.getByLabel("Goal", { exact: true }).fill("Present the Q1 planning review to the leadership team");
  await editor.getByLabel("What exactly (Specific)").fill("A 20-minute talk with slides at the February all-hands");
  await editor.getByLabel("How it will be measured (Measurable)").fill("Delivered, with an average feedback score of 4 or more");
  await editor.getByLabel("What makes it doable (Achievable)").fill("I already present to my own team every month");
  await editor.getByLabel("Why it matters (Relevant)").fill("It is the next step in my career");
  const due = new Date(Date.now() + 60 * 86400000).toISOString().slice(0, 10);
  await editor.getByLabel("By when (Time-bound)").fill(due);
  await coach.getByText("Nicely done").waitFor();

  // Milestones, ticked one by one: progress follows.
  for (const step of ["Outline the talk", "Rehearse with Ben", "Give the talk"]) {
    await editor.getByLabel("New step").fill(step);
    await editor.getByRole("button", { name: "Add step" }).click();
  }
  await editor.getByLabel("Outline the talk", { exact: true }).check();
  await editor.getByText("33% done").waitFor();
  await editor.getByLabel("Rehearse with Ben", { exact: true }).check();
  await editor.getByText("66% done").waitFor();
  await editor.getByRole("button", { name: "Save goal" }).click();
  await editor.getByText("Goal saved").waitFor();
  await shot(page, "16-goal-smart-milestones.png");
  await editor.getByLabel("Give the talk", { exact: true }).check();
  await editor.getByText("100% done").waitFor();
  await editor.getByRole("button", { name: "Mark as achieved" }).click();
  await editor.getByText("waiting for your partner to confirm").waitFor();
  await editor.getByText("Goal saved").waitFor();

  // Ben sees the chart (with its text alternative) and signs the goal off.
  await signInAs(page, "u-ben", "Ben Okafor");
  await widget.getByRole("button", { name: /Traditional mentoring with Ana Li/ }).click();
  await openTab(widget, "Goals");
  await goals.waitFor();
  await goals.getByRole("button", { name: "Present the Q1 planning review to the leadership team", exact: true }).click();
  const chart = editor.locator("svg[role=img]");
  await chart.waitFor();
  assert.match(await chart.getAttribute("aria-label"), /33% on .*66% on .*100% on/);
  await shot(page, "17-goal-chart-ben.png");
  await editor.getByRole("button", { name: "Confirm it is achieved" }).click();
  await editor.getByText("signed off by both of you").waitFor();
  await shot(page, "18-goal-signed-off.png");
  assert.ok(events.some((e) => e.includes('"goalId"')), events.join("\n"));

  // The CSV export, as the list shows it.
  const [csv] = await Promise.all([page.waitForEvent("download"), goals.getByRole("button", { name: "Download CSV" }).click()]);
  const text = readFileSync(await csv.path(), "utf8");
  // A UTF-8 BOM first, so a spreadsheet reads "Chloé" as written.
  assert.match(text, /^\uFEFFGoal,Owner,Status,Progress \(%\),Due,Measure,Milestones\r\n/);
  assert.match(text, /Present the Q1 planning review to the leadership team,Ana Li,Achieved,100,/);

  // Destroying the widget removes the Goals view's nodes with the rest.
  await page.evaluate(() => window.MentoringWidget("destroy"));
  await page.waitForFunction(() => document.querySelector("mentoring-widget").shadowRoot.childElementCount === 0);
  assert.deepEqual(problems, []);
});

// Runs on both bridges (the second pass serves the portal on the store
// service, HTTP/1.1): each tab holds one event stream, so two tabs leave the
// browser's six connections per host enough for their reads.
test("an edit in another tab redraws that goal's card alone", async (t) => {
  const { page, problems } = await openPage(browser, t);
  await page.goto(BASE);
  const widget = page.locator("mentoring-widget");
  // A partner of its own: over HTTP the store outlives each test.
  await openPeerRelationship(widget, "Rui Costa", "rui@acme.example");
  await openTab(widget, "Goals");
  const goals = widget.locator(".mw-goals");
  for (const title of ["Plan the Q1 review", "Rehearse the talk"]) {
    await goals.getByLabel("New goal").fill(title);
    await goals.getByRole("button", { name: "Add goal" }).click();
    await goals.locator(".mw-goal", { hasText: title }).waitFor();
  }
  const card = (title) => goals.locator(".mw-goal", { hasText: title });
  await card("Plan the Q1 review").evaluate((el) => el.setAttribute("data-e2e-mark", "kept"));
  await card("Rehearse the talk").evaluate((el) => el.setAttribute("data-e2e-mark", "kept"));

  // The same person in a second tab (opened at the same view: the portal
  // keeps it in its URL) renames the second goal.
  const other = await page.context().newPage();
  t.after(() => other.close());
  await other.goto(page.url());
  const there = other.locator("mentoring-widget");
  await there.getByRole("tab", { name: "Goals", exact: true, selected: true }).waitFor();
  await there.locator(".mw-goals").getByRole("button", { name: "Rehearse the talk", exact: true }).click();
  const editor = there.locator(".mw-goal-editor");
  await editor.getByLabel("Goal", { exact: true }).fill("Rehearse the talk twice, with Ben");
  await editor.getByRole("button", { name: "Save goal" }).click();
  await editor.getByText("Goal saved").waitFor();

  // The first tab shows it, drawing that card alone.
  await card("Rehearse the talk twice, with Ben").waitFor();
  assert.equal(await card("Plan the Q1 review").getAttribute("data-e2e-mark"), "kept", "the untouched card keeps its nodes");
  assert.equal(await card("Rehearse the talk twice, with Ben").getAttribute("data-e2e-mark"), null, "the changed card is drawn anew");
  await shot(page, "19-goal-renamed-in-another-tab.png");
  assert.deepEqual(problems, []);
});

test("if the Goals view's code cannot be fetched, the view says so, the rest works, and trying again works", async (t) => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  t.after(() => context.close());
  const page = await context.newPage();
  const gone = (route) => route.fulfill({ status: 404, body: "gone" });
  await page.route("**/split_mw_goals.*.wasm", gone);
  const errors = await recordEvents(page, ["mw:error"]);
  await page.goto(BASE);
  const widget = page.locator("mentoring-widget");
  await widget.getByText("Signed in as Ana Li").waitFor();
  await openPeerRelationship(widget, "Sam Rivera", "sam@acme.example");
  await openTab(widget, "Goals");
  const panel = widget.locator("#mw-panel-goals");
  await panel.getByText("This part could not be loaded").waitFor();
  assert.ok(errors.some((e) => e.includes("load_failed")), errors.join("\n"));
  await shot(page, "19-goals-chunk-failed.png");
  await openTab(widget, "Agreement");
  await widget.getByText("Start from", { exact: true }).waitFor();
  // The network is back: trying again fetches the code afresh.
  await page.unroute("**/split_mw_goals.*.wasm", gone);
  await openTab(widget, "Goals");
  await panel.getByRole("button", { name: "Try again" }).click();
  await panel.getByLabel("New goal").waitFor();
});

// The code the views share comes in one pack: if it cannot be fetched, the
// relationship says so and nothing half-loaded runs; once the network is
// back, trying again fetches the pack afresh (a failure is not remembered).
// (Its own partner: over the store service, every test of this file shares
// one store, and the test above already made Sam's relationship.)
test("if the code the views share cannot be fetched, the relationship says so, and trying again works", async (t) => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  t.after(() => context.close());
  const page = await context.newPage();
  const gone = (route) => route.fulfill({ status: 503, body: "busy" });
  await page.route("**/shared.views.*.bin", gone);
  const errors = await recordEvents(page, ["mw:error"]);
  await page.goto(BASE);
  const widget = page.locator("mentoring-widget");
  await widget.getByText("Signed in as Ana Li").waitFor();
  await openPeerRelationship(widget, "Noor Haddad", "noor@acme.example");
  await widget.getByText("This part could not be loaded").waitFor();
  assert.ok(errors.some((e) => e.includes("load_failed")), errors.join("\n"));
  await shot(page, "19-shared-code-failed.png");
  await page.unroute("**/shared.views.*.bin", gone);
  await widget.getByRole("button", { name: "Try again" }).first().click();
  await openTab(widget, "Goals");
  await widget.locator("#mw-panel-goals").getByLabel("New goal").waitFor();
});
