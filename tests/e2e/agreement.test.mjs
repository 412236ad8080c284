// End to end: the agreement builder through the demo portal's script tag.
// Ana drafts from the reverse-mentoring template, Ben reviews and signs, Ana
// signs and it is in force; Ana proposes an amendment, Ben sees what changes
// and re-signs; the print view is captured as a person would print it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { BASE, launch, openPage, openTab, proposeToBen, recordEvents, shot, signInAs } from "./support.mjs";


let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });



/** Waits until the form's save status says everything is stored. */
async function saved(widget) {
  await widget.locator('.mw-save-status[data-state="saved"]').waitFor();
}

test("draft from a template, both sign, amend, re-sign, print", async (t) => {
  const { page, problems } = await openPage(browser, t, { downloads: true });
  const events = await recordEvents(page, ["mw:agreement-signed", "mw:agreement-in-force"]);
  await page.goto(BASE);
  const widget = page.locator("mentoring-widget");
  await widget.getByText("Signed in as Ana Li").waitFor();

  // Ana proposes a reverse mentorship with Ben (she is the leader, the mentee).
  await proposeToBen(widget, "Reverse mentoring");
  // The overview says what is needed first, and leads there.
  await widget.getByText("Write your mentoring agreement together.").waitFor();
  await widget.getByRole("button", { name: "Open the agreement" }).click();
  await widget.getByRole("tab", { name: "Agreement", selected: true }).waitFor();

  // The reverse-mentoring template is offered first.
  await widget.getByText("Start from", { exact: true }).waitFor();
  assert.equal(await widget.locator(".mw-templates .mw-choice").first().innerText(), "Reverse mentoring");
  await widget.getByRole("button", { name: "Start drafting" }).click();
  const goals = widget.getByLabel("What we want to reach");
  await goals.waitFor();
  await shot(page, "10-agreement-template.png");
  await goals.fill("Use the team's new planning tool every week\nUnderstand how new joiners experience our meetings");
  await widget.getByLabel("Place or link").fill("Video link in the calendar invite");
  await saved(widget);
  await widget.getByRole("button", { name: "Review and sign" }).click();
  await widget.getByRole("button", { name: "Sign as Ana Li (Mentee)" }).waitFor();
  await shot(page, "11-agreement-review-ana.png");

  // Ben reviews and signs first.
  await signInAs(page, "u-ben", "Ben Okafor");
  await widget.getByRole("button", { name: /Reverse mentoring with Ana Li/ }).click();
  await openTab(widget, "Agreement");
  await widget.getByRole("button", { name: "Sign as Ben Okafor (Mentor)" }).click();
  await widget.getByText("You have signed").waitFor();

  // Ana signs: the agreement comes into force.
  await signInAs(page, "u-ana", "Ana Li");
  await widget.getByRole("button", { name: /Reverse mentoring with Ben Okafor/ }).click();
  await openTab(widget, "Agreement");
  await widget.getByRole("button", { name: "Sign as Ana Li (Mentee)" }).click();
  await widget.getByText(/Version 1, in force since/).waitFor();
  assert.match(await widget.locator(".mw-page").innerText(), /Active/);
  await shot(page, "12-agreement-in-force.png");

  // Ana proposes an amendment: weekly instead of fortnightly.
  await widget.getByRole("button", { name: "Propose an amendment" }).click();
  await widget.getByLabel("How often we meet").selectOption("weekly");
  await saved(widget);
  await widget.getByText("What this amendment changes").waitFor({ state: "attached" }).catch(() => {});
  await widget.getByRole("button", { name: "Review and sign" }).click();
  await widget.getByRole("button", { name: "Sign as Ana Li (Mentee)" }).click();
  await widget.getByText("You have signed").waitFor();

  // Ben sees exactly what changes, and re-signs.
  await signInAs(page, "u-ben", "Ben Okafor");
  await widget.getByRole("button", { name: /Reverse mentoring with Ana Li/ }).click();
  await openTab(widget, "Agreement");
  const changes = widget.locator(".mw-changes");
  await changes.waitFor();
  assert.match(await changes.innerText(), /How often we meet\s+Every two weeks\s+Every week/);
  await shot(page, "13-amendment-diff-ben.png");
  await widget.getByRole("button", { name: "Sign as Ben Okafor (Mentor)" }).click();
  await widget.getByText(/Version 2, in force since/).waitFor();
  await widget.getByRole("button", { name: "Version 1" }).click();
  assert.equal(await widget.locator(".mw-version").count(), 2);

  // Downloads: Markdown of the version in force, JSON of the stored record.
  const [md] = await Promise.all([page.waitForEvent("download"), widget.getByRole("button", { name: "Download Markdown" }).click()]);
  assert.match(md.suggestedFilename(), /^mentoring-agreement-.*\.md$/);
  const mdText = readFileSync(await md.path(), "utf8");
  assert.match(mdText, /^# Mentoring agreement\n/);
  assert.match(mdText, /\*\*How often we meet\*\*\n\nEvery week/);
  assert.match(mdText, /SHA-256 [0-9a-f]{64}/);
  const [js] = await Promise.all([page.waitForEvent("download"), widget.getByRole("button", { name: "Download JSON" }).click()]);
  const record = JSON.parse(readFileSync(await js.path(), "utf8"));
  assert.equal(record.kind, "relationship");
  assert.equal(record.data.agreement.versions.length, 2);

  // The print view, as the browser would print it.
  await widget.getByRole("button", { name: "Print view" }).click();
  await widget.locator(".mw-print").waitFor();
  await page.emulateMedia({ media: "print" });
  await shot(page, "14-agreement-print.png");
  await page.emulateMedia({ media: "screen" });
  await widget.getByRole("button", { name: "Close the print view" }).click();

  assert.ok(events.some((e) => e.startsWith('mw:agreement-in-force') && e.includes('"version":1')), events.join("\n"));
  assert.ok(events.some((e) => e.startsWith('mw:agreement-in-force') && e.includes('"version":2')), events.join("\n"));
  assert.deepEqual(problems, []);
});
