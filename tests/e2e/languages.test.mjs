// End to end: the widget in other languages, through the demo portal's
// language switch (`update({ locale })`), as a person would see it: the
// texts change at once, a reload keeps them, only that language's text
// files are fetched (home in the first load, views when a relationship
// opens), and Arabic is laid out right to left.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { BASE, OVER_HTTP, launch, openPage, proposeToBen, shot } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const table = (lang) => JSON.parse(readFileSync(new URL(`../../locales/${lang}.json`, import.meta.url), "utf8"));
const [en, de, ar] = ["en", "de", "ar"].map(table);

test("switching to German and Arabic, a reload, and only the shown language fetched", async (t) => {
  const { page, problems } = await openPage(browser, t);
  const texts = [];
  page.on("request", (r) => { const m = r.url().match(/\/texts\/(\w+)\.(home|views)\./); if (m) texts.push(`${m[1]}.${m[2]}`); });
  await page.goto(BASE);
  const widget = page.locator("mentoring-widget");
  await widget.getByText("Signed in as Ana Li").waitFor();
  await proposeToBen(widget, "Peer mentoring");
  await widget.getByRole("heading", { name: en["overview.needs"] }).waitFor();
  assert.deepEqual(texts, ["en.home", "en.views"], "English only: home first, views with the relationship");

  // German, at once, in the open relationship: both parts of German are fetched.
  await page.locator("#demo-locale").selectOption("de");
  await widget.getByRole("tab", { name: de["tab.agreement"], exact: true }).waitFor();
  assert.deepEqual(texts.slice(2).sort(), ["de.home", "de.views"]);
  const root = widget.locator(".mw-root");
  assert.equal(await root.getAttribute("lang"), "de");
  assert.equal(await root.getAttribute("dir"), "ltr");
  await shot(page, "60-german-overview.png");

  // A reload opens German from the start; the page fetches no English text.
  texts.length = 0;
  await page.reload();
  await widget.getByText(de["shell.signed_in_as"].replace("{name}", "Ana Li")).waitFor();
  await widget.getByRole("tab", { name: de["tab.goals"], exact: true }).waitFor();
  assert.deepEqual(texts.sort(), ["de.home", "de.views"]);

  // Arabic: right to left, Arabic words, the home back by the portal's link.
  await page.locator("#demo-locale").selectOption("ar");
  await widget.getByRole("tab", { name: ar["tab.goals"], exact: true }).waitFor();
  assert.equal(await root.getAttribute("dir"), "rtl");
  assert.equal(await root.getAttribute("lang"), "ar");
  await shot(page, "61-arabic-overview.png");
  assert.deepEqual(problems, []);
});

// A relationship that has run for two months: an agreement in force, a goal
// with progress over time, three check-ins both people rated. Put straight
// into the local bridge's storage, so every screen has its charts and lists
// to show in each language without a long journey first.
const LOCAL_ONLY = OVER_HTTP && "seeds the local bridge's storage";
function seed() {
  const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
  const doc = (kind, schema, data) => JSON.stringify({ value: JSON.stringify({ schema, kind, data }), revision: "seed-" + kind });
  const people = { mentor: { id: "u-ben", displayName: "Ben Okafor", email: null }, mentee: { id: "u-ana", displayName: "Ana Li", email: null } };
  const content = { purpose: "Grow as a presenter", "meetings.frequency": "fortnightly", "meetings.length": "45", "meetings.format": "video", "meetings.place": "Room 4.12", "dates.start": day(-60), "dates.review": day(30), "dates.end": day(200) };
  const rel = doc("relationship", 3, {
    id: "rtl1", kind: "traditional", ...people, state: "active", createdBy: "u-ana", createdAt: `${day(-62)}T09:00:00Z`,
    agreement: { versions: [{ number: 1, content, signatures: [], inForceAt: `${day(-60)}T23:30:00Z` }], draft: null },
    life: { events: [], closing: null },
  });
  const entry = (d, value, note) => ({ at: `${day(d)}T10:00:00Z`, by: "u-ana", value, note });
  const goal = doc("goal", 1, {
    id: "g1", relationshipId: "rtl1", owner: "u-ana", title: "Give a conference talk", description: "", specific: "", measure: "", achievable: "", relevant: "",
    due: day(90), milestones: [], manualProgress: 45, status: "on_track", dropReason: null, priority: 1,
    history: [entry(-50, 10, "Outline"), entry(-30, 25, "Abstract in"), entry(-10, 45, "Slides drafted")], achievedBy: null, confirmedBy: null, confirmedAt: null, updatedAt: `${day(-10)}T10:00:00Z`,
  });
  const checkin = (i, d, ana, ben) => [`mw/v1/rel/rtl1/checkins/c${i}`, doc("checkin", 1, {
    id: `c${i}`, relationshipId: "rtl1", kind: "regular", date: day(d), time: "09:00", minutes: 45, format: "video",
    agenda: [], notes: `Notes ${i}`, wins: "", challenges: "", feedback: "", progress: [], actions: [],
    pulses: [{ by: "u-ana", useful: ana[0], progress: ana[1] }, { by: "u-ben", useful: ben[0], progress: ben[1] }], review: null, createdBy: "u-ana", updatedAt: `${day(d)}T10:00:00Z`,
  })];
  return [["mw/v1/rel/rtl1", rel], ["mw/v1/rel/rtl1/goals/g1", goal], checkin(1, -42, [3, 2], [4, 3]), checkin(2, -28, [4, 3], [4, 4]), checkin(3, -14, [5, 4], [4, 5])];
}

async function seeded(page, locale) {
  await page.goto(BASE);
  await page.evaluate(({ docs, locale }) => {
    for (const [k, v] of docs) localStorage.setItem("mw-local:" + k, v);
    localStorage.setItem("acme-portal:locale", locale);
  }, { docs: seed(), locale });
  await page.reload();
}

const TABS = ["tab.overview", "tab.agreement", "tab.goals", "tab.checkins", "tab.timeline"];
const AXE = readFileSync(new URL("./node_modules/axe-core/axe.min.js", import.meta.url), "utf8");

/** axe-core's findings in the widget (its shadow tree included), as lines. */
async function axeFindings(page, where) {
  // Evaluated through the DevTools protocol: the portal's CSP forbids inline scripts.
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => (await window.axe.run("mentoring-widget", { resultTypes: ["violations"] })).violations);
  return violations.map((v) => `${where}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

test("Arabic, right to left: mirrored layout and arrows, charts that read oldest to newest, Arabic numbers and dates, calendars in the person's zone", { skip: LOCAL_ONLY }, async (t) => {
  const { page, problems } = await openPage(browser, t, { height: 1000, downloads: true, timezoneId: "America/New_York" });
  await seeded(page, "ar");
  const widget = page.locator("mentoring-widget");
  await widget.getByText(ar["shell.signed_in_as"].replace("{name}", "Ana Li")).waitFor();
  const root = widget.locator(".mw-root");
  assert.equal(await root.getAttribute("dir"), "rtl");
  await shot(page, "62-arabic-home.png");

  await widget.locator(".mw-card").first().getByRole("button").first().click();
  await widget.getByRole("tab", { name: ar["tab.overview"], exact: true, selected: true }).waitFor();
  // The back arrow points right, the way back is in Arabic; the text reads right to left.
  const arrow = widget.locator(".mw-back__arrow");
  assert.match(await arrow.evaluate((e) => getComputedStyle(e).transform), /^matrix\(-1, 0, 0, 1/);
  const back = await widget.locator(".mw-back").boundingBox();
  const heading = await widget.locator("#mw-page-heading").boundingBox();
  const rootBox = await root.boundingBox();
  assert.ok(back.x + back.width > rootBox.x + rootBox.width - 40, "the back link starts at the right edge");
  assert.ok(heading.x + heading.width > rootBox.x + rootBox.width - 40, "the heading starts at the right edge");
  await shot(page, "63-arabic-overview.png");

  await widget.getByRole("tab", { name: ar["tab.agreement"], exact: true }).click();
  await widget.getByRole("tab", { name: ar["tab.agreement"], exact: true, selected: true }).waitFor();
  await shot(page, "64-arabic-agreement.png");

  // The goal: its progress chart runs oldest (left) to newest (right), as
  // Arabic charts do; its text alternative and numbers are Arabic.
  await widget.getByRole("tab", { name: ar["tab.goals"], exact: true }).click();
  await widget.getByRole("button", { name: "Give a conference talk", exact: true }).click();
  const dots = widget.locator(".mw-chart__dot");
  await dots.first().waitFor();
  const xs = await dots.evaluateAll((all) => all.map((d) => d.getBoundingClientRect().x));
  assert.ok(xs[0] < xs[1] && xs[1] < xs[2], `oldest point left, newest right: ${xs}`);
  // Numbers are written as this browser's Intl writes them for "ar" (Latin
  // digits in Chromium's data; "ar-EG" would take Arabic-Indic ones).
  const n = await page.evaluate(() => [45, 5].map((x) => new Intl.NumberFormat("ar").format(x)));
  const alt = await widget.locator(".mw-chart__svg").getAttribute("aria-label");
  assert.ok(alt.includes(`${n[0]}٪`), `45 % as Arabic writes it: ${alt}`);
  await shot(page, "65-arabic-goal.png");

  // The timeline: its line on the right, the ratings in Arabic digits.
  await widget.getByRole("tab", { name: ar["tab.timeline"], exact: true }).click();
  const line = widget.locator(".mw-timeline");
  await line.waitFor();
  const borders = await line.evaluate((e) => [getComputedStyle(e).borderRightWidth, getComputedStyle(e).borderLeftWidth]);
  assert.deepEqual(borders, ["2px", "0px"], "the timeline's line is on the reading side");
  const rows = await widget.locator(".mw-pulse-rows").innerText();
  assert.ok(rows.includes(`/${n[1]}`), `ratings out of five, numbers as Arabic writes them: ${rows}`);
  await shot(page, "66-arabic-timeline.png");

  // The calendar files keep the local time in the person's zone.
  await widget.getByRole("tab", { name: ar["tab.checkins"], exact: true }).click();
  const [series] = await Promise.all([page.waitForEvent("download"), widget.getByRole("button", { name: ar["checkin.ics_series"] }).click()]);
  const cal = readFileSync(await series.path(), "utf8");
  assert.match(cal, /BEGIN:VTIMEZONE\r\nTZID:America\/New_York\r\n/);
  assert.match(cal, /DTSTART;TZID=America\/New_York:\d{8}T090000\r\n/);
  assert.match(cal, /RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=\d{8}T\d{6}Z\r\n/);
  await shot(page, "67-arabic-checkins.png");
  assert.deepEqual(problems, []);
});

test("no axe violation on any screen in any of the five languages", { skip: LOCAL_ONLY }, async (t) => {
  const { page, problems } = await openPage(browser, t, { height: 1000 });
  await seeded(page, "en");
  const widget = page.locator("mentoring-widget");
  await widget.getByText("Signed in as Ana Li").waitFor();
  const findings = [];
  for (const lang of ["en", "de", "fr", "es", "ar"]) {
    const words = table(lang);
    await page.locator("#demo-locale").selectOption(lang);
    await widget.locator(`.mw-root[lang="${lang}"]`).waitFor();
    if (await widget.locator(".mw-back").count()) {
      await widget.locator(".mw-back").click();
    }
    await widget.locator(".mw-card").first().waitFor();
    findings.push(...(await axeFindings(page, `${lang} home`)));
    await widget.locator(".mw-card").first().getByRole("button").first().click();
    for (const tab of TABS) {
      await widget.getByRole("tab", { name: words[tab], exact: true }).click();
      await widget.getByRole("tab", { name: words[tab], exact: true, selected: true }).waitFor();
      await widget.locator("[role=tabpanel]:not([hidden]) > *").first().waitFor();
      findings.push(...(await axeFindings(page, `${lang} ${tab}`)));
    }
  }
  assert.deepEqual(findings, []);
  assert.deepEqual(problems, []);
});
