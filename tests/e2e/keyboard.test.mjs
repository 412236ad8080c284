// End to end, by keyboard alone: a person who does not use a mouse starts a
// relationship, drafts and signs the agreement, adds a goal and holds a
// check-in. Every step is reached with Tab (and the arrow keys inside tab
// lists and radio groups) and done with Enter, Space or typing; the only
// other act is the demo portal's "signed in as" switch, which is the
// portal's, not the widget's.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE, launch, openPage, shot } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** What has keyboard focus, looking through shadow roots. */
function focusedInfo(page) {
  return page.evaluate(() => {
    let a = document.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    if (!a) return null;
    return { id: a.id || "", role: a.getAttribute("role") || "", text: (a.innerText || a.value || "").trim(), checked: !!a.checked, selected: a.getAttribute("aria-selected") };
  });
}

/** Presses Tab until the focused element matches; fails if it is never reached. */
async function tabTo(page, what, matches, max = 120) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const f = await focusedInfo(page);
    if (f && matches(f)) return f;
  }
  throw new Error(`${what}: never reached with Tab`);
}
const byId = (id) => (f) => f.id === id;
const byText = (re) => (f) => re.test(f.text);

test("a whole journey by keyboard: start, draft, sign, a goal, a check-in", async (t) => {
  const { page, problems } = await openPage(browser, t);
  await page.goto(BASE);
  const widget = page.locator("mentoring-widget");
  await widget.getByText("Signed in as Ana Li").waitFor();

  // Start a relationship: role, partner from the directory, kind, propose.
  await tabTo(page, "Start a relationship", byText(/^Start a relationship$/));
  await page.keyboard.press("Enter");
  await tabTo(page, "the role group", (f) => f.id.startsWith("mw-role-"));
  assert.equal((await focusedInfo(page)).id, "mw-role-mentee");
  await page.keyboard.press("Space");
  await tabTo(page, "the partner field", byId("mw-partner"));
  await page.keyboard.type("Ben", { delay: 30 });
  await widget.getByRole("option", { name: /Ben Okafor/ }).waitFor();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await widget.getByText("Picked from the directory: Ben Okafor").waitFor();
  await tabTo(page, "the kind group", (f) => f.id.startsWith("mw-kind-"));
  assert.equal((await focusedInfo(page)).id, "mw-kind-traditional");
  await page.keyboard.press("Space");
  await tabTo(page, "Propose", byText(/^Propose relationship$/));
  await page.keyboard.press("Enter");
  await widget.getByText("Relationship with Ben Okafor proposed.").waitFor();

  // Open it: focus lands on its heading; the overview leads to the agreement.
  await tabTo(page, "the relationship", byText(/Traditional mentoring\s+with Ben Okafor/));
  await page.keyboard.press("Enter");
  await widget.getByText("Write your mentoring agreement together.").waitFor();
  assert.equal((await focusedInfo(page)).id, "mw-page-heading");
  await tabTo(page, "Open the agreement", byText(/^Open the agreement$/));
  await page.keyboard.press("Enter");
  await tabTo(page, "Start drafting", byText(/^Start drafting$/));
  await page.keyboard.press("Enter");
  // Focus goes to the form's first field, not to the page's body.
  await widget.locator(".mw-agreement-form").waitFor();
  await page.waitForFunction(() => document.querySelector("mentoring-widget").shadowRoot.activeElement?.id === "mw-f-purpose");
  await tabTo(page, "the goals field", byId("mw-f-goals"));
  await page.keyboard.type("Lead a project retrospective");
  await widget.locator('.mw-save-status[data-state="saved"]').waitFor();
  await tabTo(page, "Review and sign", byText(/^Review and sign$/));
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector("mentoring-widget").shadowRoot.activeElement?.id === "mw-agreement-heading");
  await tabTo(page, "Sign", byText(/^Sign as Ana Li \(Mentee\)$/));
  await page.keyboard.press("Enter");
  await widget.getByText("You have signed").waitFor();
  await shot(page, "31-keyboard-signed.png");

  // Ben signs, by keyboard too.
  await page.evaluate(() => localStorage.setItem("acme-portal:user", "u-ben"));
  await page.goto(BASE);
  await widget.getByText("Signed in as Ben Okafor").waitFor();
  await tabTo(page, "the relationship", byText(/Traditional mentoring\s+with Ana Li/));
  await page.keyboard.press("Enter");
  await widget.getByText("The agreement is waiting for your signature.").waitFor();
  await tabTo(page, "Open the agreement", byText(/^Open the agreement$/));
  await page.keyboard.press("Enter");
  await tabTo(page, "Sign", byText(/^Sign as Ben Okafor \(Mentor\)$/));
  await page.keyboard.press("Enter");
  await widget.getByText(/Version 1, in force since/).waitFor();

  // A goal: the Goals tab by arrow keys, a title, Add goal, Save goal.
  await tabTo(page, "the selected tab", (f) => f.role === "tab" && f.selected === "true");
  await page.keyboard.press("ArrowRight");
  assert.equal((await focusedInfo(page)).id, "mw-tab-goals");
  await tabTo(page, "the new goal field", byId("mw-goal-new"));
  await page.keyboard.type("Run one retrospective a month");
  await tabTo(page, "Add goal", byText(/^Add goal$/));
  await page.keyboard.press("Enter");
  await widget.locator(".mw-goal-editor").waitFor();
  await tabTo(page, "Save goal", byText(/^Save goal$/));
  await page.keyboard.press("Enter");
  await widget.getByText("Goal saved").waitFor();

  // A check-in today, saved.
  await tabTo(page, "the selected tab", (f) => f.role === "tab" && f.selected === "true");
  await page.keyboard.press("ArrowRight");
  assert.equal((await focusedInfo(page)).id, "mw-tab-checkins");
  await tabTo(page, "New check-in today", byText(/^New check-in/));
  await page.keyboard.press("Enter");
  await widget.locator(".mw-checkin-form").waitFor();
  await tabTo(page, "the shared notes", byId("mw-ci-notes"));
  await page.keyboard.type("We planned the first retrospective.");
  await tabTo(page, "Save check-in", byText(/^Save check-in$/));
  await page.keyboard.press("Enter");
  await widget.locator('.mw-checkin-form .mw-save-status[data-state="saved"]').waitFor();
  await shot(page, "32-keyboard-checkin.png");
  assert.deepEqual(problems, []);
});
