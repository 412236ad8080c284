// End to end: the widget in other languages, through the demo portal's
// language switch (`update({ locale })`), as a person would see it: the
// texts change at once, a reload keeps them, only that language's text
// files are fetched (home in the first load, views when a relationship
// opens), and Arabic is laid out right to left.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { BASE, launch, openPage, proposeToBen, shot } from "./support.mjs";

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
