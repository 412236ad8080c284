// End to end: check-ins and the relationship's life, through the demo portal.
// Ana (mentee) and Ben (mentor) sign an agreement that started four weeks
// ago; Ana holds a first check-in with an action item and a private note;
// the second check-in carries the item forward; Ben never sees Ana's note;
// Ben runs the mid-point review; Ana moves on with reflections and a request
// for a new mentor, and afterwards nothing can be edited.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { BASE, launch, openPage, openTab, proposeToBen, recordEvents, shot, signInAs } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Fails if any message key shows through instead of its text. */
async function noRawKeys(widget) {
  const text = await widget.innerText();
  const raw = text.match(/\b(agr|tpl|goal|coach|checkin|close|life|pulse|review|summary|timeline|home|shell|form|list|page|state|kind|role|due|error|bridge|tab|overview)\.[a-z_]+(\.[a-z_]+)*\b/g);
  assert.equal(raw, null, `raw message keys on screen: ${raw}`);
}

/** A day `offset` days from today in this browser's calendar, as YYYY-MM-DD. */
function day(offset) {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

test("check-ins, private notes, the mid-point review and a no-fault close", async (t) => {
  const { page, problems } = await openPage(browser, t, { downloads: true });
  const events = await recordEvents(page, ["mw:checkin-due", "mw:rematch-requested", "mw:closed"]);
  await page.goto(BASE);
  const widget = page.locator("mentoring-widget");
  await widget.getByText("Signed in as Ana Li").waitFor();

  // Ana proposes a traditional mentorship with Ben mentoring her.
  await proposeToBen(widget, "Traditional mentoring");
  await openTab(widget, "Agreement");

  // The agreement, from the template: it started four weeks ago and its
  // review was yesterday (the template's dates, moved back).
  await widget.getByRole("button", { name: "Start drafting" }).click();
  await widget.getByLabel("What we want to reach").fill("Give my first conference talk");
  await widget.getByLabel("Place or link").fill("Room 4.12");
  await widget.getByLabel("Start", { exact: true }).fill(day(-28));
  await widget.getByLabel("Mid-point review", { exact: true }).fill(day(-1));
  await widget.locator('.mw-save-status[data-state="saved"]').first().waitFor();
  await widget.getByRole("button", { name: "Review and sign" }).click();
  await widget.getByRole("button", { name: "Sign as Ana Li (Mentee)" }).click();
  await widget.getByText("You have signed").waitFor();

  // A goal to report progress on.
  await openTab(widget, "Goals");
  const goals = widget.locator(".mw-goals");
  await goals.getByLabel("New goal").fill("Give a conference talk");
  await goals.getByRole("button", { name: "Add goal" }).click();
  await goals.locator(".mw-goal-editor").waitFor();

  await signInAs(page, "u-ben", "Ben Okafor");
  await widget.getByRole("button", { name: /Traditional mentoring with Ana Li/ }).click();
  // Ben's overview says his signature is awaited, and leads to it.
  await widget.getByText("The agreement is waiting for your signature.").waitFor();
  await widget.getByRole("button", { name: "Open the agreement" }).click();
  await widget.getByRole("button", { name: "Sign as Ben Okafor (Mentor)" }).click();
  await widget.getByText(/Version 1, in force since/).waitFor();

  // Ana's home: the first check-in (due at the start) is overdue; the host hears of it.
  await signInAs(page, "u-ana", "Ana Li");
  const due = widget.locator(".mw-card .mw-due");
  await due.waitFor();
  assert.match(await due.innerText(), /Check-in overdue since .* \(28 days\)/);
  assert.ok(events.some((e) => e.startsWith("mw:checkin-due") && e.includes(`"daysUntil":-28`)), events.join("\n"));
  // The demo portal turns the event into a reminder, as a real portal would.
  await page.getByText("Reminder sent: check-in overdue by 28 day(s)").waitFor();
  await shot(page, "20-home-checkin-overdue.png");
  await noRawKeys(widget);

  // The first check-in, today: the overview says it is overdue.
  await widget.getByRole("button", { name: /Traditional mentoring with Ben Okafor/ }).click();
  await widget.getByText(/A check-in is overdue since .* \(28 days\)/).waitFor();
  await shot(page, "20b-overview-overdue.png");
  await openTab(widget, "Check-ins");
  const checkins = widget.locator(".mw-checkins");
  await checkins.getByRole("button", { name: "New check-in today" }).click();
  const form = checkins.locator(".mw-checkin-form");
  await form.waitFor();
  await form.getByLabel("Time").fill("10:00");
  await form.getByLabel("New agenda item").fill("Feedback on my outline");
  await form.getByRole("button", { name: "Add to the agenda" }).click();
  await form.locator("#mw-ci-notes").fill("We went through the talk outline and the conference deadlines.");
  await form.locator("#mw-ci-wins").fill("Abstract submitted");
  await form.getByLabel("Progress on “Give a conference talk” (%)").fill("30");
  await form.getByLabel("Progress on “Give a conference talk” (%)").blur();
  await form.getByLabel("Note on “Give a conference talk”").fill("Abstract in");
  await form.getByRole("button", { name: "Add an action item" }).click();
  await form.locator("#mw-ci-action-0-text").fill("Send Ben the talk outline");
  await form.locator("#mw-ci-action-0-due").fill(day(7));
  await form.getByRole("group", { name: "How useful was this meeting?" }).getByLabel("4").check();
  await form.getByRole("group", { name: "How is progress going?" }).getByLabel("4").check();
  await form.getByRole("button", { name: "Save check-in" }).click();
  await form.locator('.mw-save-status[data-state="saved"]').waitFor();
  const note = form.getByRole("textbox", { name: "Private notes" });
  await note.fill("I am nervous about the Q&A part.");
  await form.getByRole("button", { name: "Save private note" }).click();
  await form.getByText("Private note saved").waitFor();
  await shot(page, "21-first-checkin.png");
  await noRawKeys(widget);

  // The calendar file for the next check-in, two weeks on, parses as
  // iCalendar, at its local time in the person's zone (the local bridge
  // gives the browser's), with that zone's offsets.
  const [ics] = await Promise.all([page.waitForEvent("download"), checkins.getByRole("button", { name: "Next check-in (.ics)" }).click()]);
  const cal = readFileSync(await ics.path(), "utf8");
  assert.match(cal, /^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/);
  assert.match(cal, /SUMMARY:Mentoring check-in: Ben Okafor & Ana Li\r\n/);
  assert.match(cal, /LOCATION:Room 4\.12\r\n/);
  const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  assert.match(cal, new RegExp(`DTSTART;TZID=${zone}:(${day(14).replaceAll("-", "")}|${day(13).replaceAll("-", "")})T090000\r\n`));
  assert.match(cal, new RegExp(`BEGIN:VTIMEZONE\r\nTZID:${zone}\r\n`));
  const [series] = await Promise.all([page.waitForEvent("download"), checkins.getByRole("button", { name: "All check-ins (.ics)" }).click()]);
  assert.match(readFileSync(await series.path(), "utf8"), /RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=/);

  // The second check-in carries the open action item forward.
  await form.getByRole("button", { name: "Back to the check-ins" }).click();
  await checkins.locator(".mw-next-checkin").getByRole("button", { name: "New check-in" }).click();
  await form.waitFor();
  const carried = form.locator('.mw-agenda [data-source="carried"]');
  await carried.waitFor();
  assert.match(await carried.innerText(), /Send Ben the talk outline — open action item/);
  assert.equal(await form.locator("#mw-ci-action-0-text").inputValue(), "Send Ben the talk outline");
  await form.getByRole("button", { name: "Save check-in" }).click();
  await form.locator('.mw-save-status[data-state="saved"]').waitFor();
  await shot(page, "22-second-checkin-carried.png");

  // Ben opens the first check-in: the shared record, never Ana's private note.
  await signInAs(page, "u-ben", "Ben Okafor");
  await widget.getByRole("button", { name: /Traditional mentoring with Ana Li/ }).click();
  await openTab(widget, "Check-ins");
  await checkins.locator(".mw-checkin-item").last().getByRole("button").click();
  await form.waitFor();
  assert.equal(await form.locator("#mw-ci-wins").inputValue(), "Abstract submitted");
  await form.getByText("Ana Li: useful 4, progress 4").waitFor();
  assert.equal(await form.getByRole("textbox", { name: "Private notes" }).inputValue(), "");
  assert.ok(!(await widget.innerText()).includes("nervous"), "Ana's private note never reaches Ben");
  await form.getByRole("group", { name: "How useful was this meeting?" }).getByLabel("5").check();
  await form.getByRole("group", { name: "How is progress going?" }).getByLabel("3").check();
  await form.getByRole("button", { name: "Save check-in" }).click();
  await form.locator('.mw-save-status[data-state="saved"]').waitFor();
  await shot(page, "23-ben-sees-shared-only.png");
  await form.getByRole("button", { name: "Back to the check-ins" }).click();

  // The mid-point review is due: Ben runs it and they continue.
  await checkins.getByText("The mid-point review is due").waitFor();
  await checkins.getByRole("button", { name: "Start the mid-point review" }).click();
  await form.getByText("Is the pairing working?").waitFor();
  await form.getByLabel("Partly").check();
  await form.getByLabel("They need adjusting").check();
  await form.getByLabel("Continue as agreed").check();
  await form.locator("#mw-ci-notes").fill("Less theory, more rehearsal in the second half.");
  await shot(page, "24-midpoint-review.png");
  await noRawKeys(widget);
  await form.getByRole("button", { name: "Finish the review" }).click();
  await widget.locator(".mw-page__top .mw-badge").getByText("Active", { exact: true }).waitFor();
  await openTab(widget, "Timeline");
  await widget.locator(".mw-timeline").getByText("Continued after the mid-point review").waitFor();
  await widget.locator(".mw-pulse-chart").waitFor();
  await shot(page, "25-timeline-and-pulse.png");

  // Ana moves on: time is up; the goal partly reached; her reflection; a new mentor, please.
  await signInAs(page, "u-ana", "Ana Li");
  await widget.getByRole("button", { name: /Traditional mentoring with Ben Okafor/ }).click();
  await openTab(widget, "Check-ins");
  await checkins.getByRole("button", { name: "Move on…" }).click();
  await checkins.getByLabel("Our planned time is up").check();
  await checkins.getByRole("button", { name: "Start moving on" }).click();
  const closing = checkins.locator(".mw-closing");
  await closing.waitFor();
  await closing.getByRole("group", { name: "How did “Give a conference talk” go?" }).getByLabel("Partly reached").check();
  await closing.getByLabel("What worked").fill("Honest feedback on every draft");
  await closing.getByLabel("What I would change").fill("Rehearse earlier");
  await closing.getByRole("group", { name: "How effective it was (1-5)" }).getByLabel("4").check();
  await closing.getByRole("button", { name: "Save my reflection" }).click();
  await closing.getByText("Your reflection is saved").waitFor();
  await closing.locator("#mw-next-steps").fill("Join the speakers' guild and find a coach for the Q&A");
  await closing.getByLabel("I would like a new mentor").check();
  await closing.getByRole("button", { name: "Save next steps" }).click();
  await closing.getByText("Your request for a new mentor has been passed on").waitFor();
  assert.equal(events.filter((e) => e.startsWith("mw:rematch-requested")).length, 1, events.join("\n"));
  await page.getByText("The mentoring programme team will suggest a new mentor.").waitFor();
  await shot(page, "26-moving-on.png");
  await noRawKeys(widget);
  await closing.getByRole("button", { name: "Close the relationship" }).click();
  await checkins.getByText("This relationship is closed").waitFor();
  assert.ok(events.some((e) => e.startsWith("mw:closed") && e.includes('"reason":"time_is_up"')), events.join("\n"));
  await shot(page, "27-closed-summary.png");
  await noRawKeys(widget);

  // The summary as Markdown: the reason, the outcome, the reflection, never the private note.
  const [md] = await Promise.all([page.waitForEvent("download"), checkins.getByRole("button", { name: "Download summary (Markdown)" }).click()]);
  const summary = readFileSync(await md.path(), "utf8");
  for (const part of ["Our planned time is up", "Give a conference talk: Partly reached", "Honest feedback on every draft", "Join the speakers' guild"]) {
    assert.ok(summary.includes(part), `${part} in:\n${summary}`);
  }
  assert.ok(!summary.includes("nervous"));

  // Printing: the button prints with the widget marked, and on paper only the summary shows.
  await page.evaluate(() => {
    window.printedWith = [];
    window.print = () => window.printedWith.push(document.querySelector("mentoring-widget").getAttribute("data-mw-printing"));
  });
  await checkins.getByRole("button", { name: "Print summary" }).click();
  assert.deepEqual(await page.evaluate(() => window.printedWith), ["summary"]);
  await page.evaluate(() => {
    const host = document.querySelector("mentoring-widget");
    host.setAttribute("data-mw-printing", "summary");
  });
  await page.emulateMedia({ media: "print" });
  const onPaper = await page.evaluate(() => {
    const root = document.querySelector("mentoring-widget").shadowRoot;
    return [".mw-tabs", "#mw-panel-agreement", "#mw-panel-goals", ".mw-life", ".mw-closed-summary"].map((s) => root.querySelector(s).getClientRects().length > 0);
  });
  assert.deepEqual(onPaper, [false, false, false, false, true]);
  await shot(page, "29-summary-on-paper.png");
  await page.emulateMedia({ media: null });
  await page.evaluate(() => {
    const host = document.querySelector("mentoring-widget");
    host.removeAttribute("data-mw-printing");
  });

  // After a reload, nothing in the relationship can be edited, for either of them.
  for (const [id, name, partner] of [["u-ana", "Ana Li", "Ben Okafor"], ["u-ben", "Ben Okafor", "Ana Li"]]) {
    await signInAs(page, id, name);
    await widget.getByRole("button", { name: new RegExp(`Traditional mentoring with ${partner}`) }).click();
    await widget.getByText("Nothing needs you right now.").waitFor();
    await openTab(widget, "Agreement");
    await widget.getByText(/Version 1, in force since/).waitFor();
    assert.equal(await widget.getByRole("button", { name: "Propose an amendment" }).count(), 0);
    await openTab(widget, "Goals");
    await widget.locator(".mw-goals").waitFor();
    assert.equal(await widget.getByRole("button", { name: "Add goal" }).count(), 0);
    await openTab(widget, "Check-ins");
    await checkins.getByText("This relationship is closed").waitFor();
    assert.equal(await checkins.getByRole("button", { name: /New check-in|Move on|Pause/ }).count(), 0);
    await checkins.locator(".mw-checkin-item").last().getByRole("button").click();
    await form.waitFor();
    assert.ok(await form.locator("#mw-ci-notes").isDisabled());
    assert.equal(await form.getByRole("button", { name: "Save check-in" }).count(), 0);
    await form.getByText("this check-in can no longer be changed").waitFor();
  }
  await shot(page, "28-closed-read-only.png");
  assert.deepEqual(problems, []);
});
