// End to end: a real Chromium (Debian's, driven by playwright-core) opens the
// demo portal, which embeds the *distributable* (pkg/) by script tag, and a
// person goes through the first journey: start a relationship, reload, find
// it, switch to the partner, find it there too. Screenshots of each step go
// to $MW_SCREENSHOTS (test-output/, ignored by git).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { BASE, OVER_HTTP, SHOTS, launch, openPage, shot, signInAs } from "./support.mjs";

// These two are the local bridge's own behaviour (values written straight
// into localStorage, the fallback when a page passes no bridge).
const LOCAL_ONLY = OVER_HTTP && "the local bridge's own behaviour";


let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });



test("start a relationship, reload, and find it as both people", async (t) => {
  const { page, problems } = await openPage(browser, t, { height: 820 });
  await page.goto(BASE);
  const widget = page.locator("mentoring-widget");
  await widget.getByText("Signed in as Ana Li").waitFor();
  await widget.getByText("You have no mentoring relationships yet").waitFor();
  await shot(page, "01-ana-empty.png");

  await widget.getByRole("button", { name: "Start a relationship" }).click();
  // Submitting the empty form shows every problem, tied to its field.
  await widget.getByRole("button", { name: "Propose relationship" }).click();
  await widget.getByText("Some details need your attention").waitFor();
  assert.equal(await widget.locator("#mw-partner").getAttribute("aria-invalid"), "true");
  await shot(page, "02-ana-form-errors.png");

  await widget.getByLabel("Mentee").check();
  const partner = widget.getByRole("combobox", { name: "Your partner" });
  await partner.pressSequentially("Ben", { delay: 40 });
  await widget.getByRole("option", { name: /Ben Okafor/ }).click();
  await widget.getByText("Picked from the directory: Ben Okafor").waitFor();
  await widget.getByLabel("Reverse mentoring").check();
  await shot(page, "03-ana-form-filled.png");

  await widget.getByRole("button", { name: "Propose relationship" }).click();
  await widget.getByText("Relationship with Ben Okafor proposed.").waitFor();
  const card = widget.locator(".mw-card");
  // Over the store service the list is read again after the save: wait for it.
  await card.first().waitFor();
  assert.equal(await card.count(), 1);
  assert.match(await card.innerText(), /Reverse mentoring\s+with Ben Okafor/);
  assert.match(await card.innerText(), /You are the mentee/);
  await shot(page, "04-ana-created.png");

  await page.reload();
  await widget.getByText("Signed in as Ana Li").waitFor();
  await widget.locator(".mw-card").first().waitFor();
  assert.equal(await widget.locator(".mw-card").count(), 1, "still there after a reload, once");
  await shot(page, "05-ana-after-reload.png");

  // The portal's "signed in as" switch: now Ben opens the same page.
  await page.selectOption("#demo-user", "u-ben");
  await page.waitForLoadState("load");
  await widget.getByText("Signed in as Ben Okafor").waitFor();
  await widget.locator(".mw-card").first().waitFor();
  const bens = await widget.locator(".mw-card").innerText();
  assert.match(bens, /with Ana Li/);
  assert.match(bens, /You are the mentor/);
  await shot(page, "06-ben-sees-it.png");

  // Someone else in the directory sees nothing of it.
  await page.evaluate(() => localStorage.setItem("acme-portal:user", "u-dev"));
  await page.reload();
  await widget.getByText("Signed in as Dev Patel").waitFor();
  await widget.getByText("You have no mentoring relationships yet").waitFor();

  assert.deepEqual(problems, [], "no console errors, no CSP violations");
});

test("a second tab sees a new relationship without a reload", async (t) => {
  const { page, problems } = await openPage(browser, t, { height: 820 });
  await page.goto(BASE);
  const other = await page.context().newPage();
  await other.goto(BASE);
  const first = page.locator("mentoring-widget");
  const second = other.locator("mentoring-widget");
  // The list has loaded (empty, or over the store service holding the first
  // test's relationship with Ben), and Sam is not on it yet.
  await second.locator(".mw-card").or(second.getByText("You have no mentoring relationships yet")).first().waitFor();
  assert.equal(await second.locator(".mw-card").getByText("with Sam Rivera").count(), 0);

  await first.getByRole("button", { name: "Start a relationship" }).click();
  await first.getByLabel("Mentor", { exact: true }).check();
  await first.getByRole("combobox", { name: "Your partner" }).fill("Sam Rivera");
  await first.getByLabel("Partner's email").fill("sam.rivera@acme.example");
  await first.getByLabel("Peer mentoring").check();
  await first.getByRole("button", { name: "Propose relationship" }).click();
  await first.getByText("Relationship with Sam Rivera proposed.").waitFor();

  // No reload in the second tab: the bridge's subscribe() hears the change
  // (the local bridge by the storage event, the HTTP bridge by the store's events).
  await second.locator(".mw-card").getByText("with Sam Rivera").waitFor();
  await other.screenshot({ path: join(SHOTS, "07-second-tab-updated.png"), fullPage: true });
  assert.deepEqual(problems, []);
});

test("a damaged stored value shows an error on that item only and is left as it was", { skip: LOCAL_ONLY }, async (t) => {
  const { page } = await openPage(browser, t, { height: 820 });
  await page.goto(BASE);
  const widget = page.locator("mentoring-widget");
  await widget.getByText("Signed in as Ana Li").waitFor();
  const damaged = '{"value":"{\\"schema\\":1,\\"kind\\":\\"relationship\\",\\"data\\":{\\"id\\":7","revision":"r1"}';
  await page.evaluate((v) => localStorage.setItem("mw-local:mw/v1/rel/damaged1", v), damaged);
  await page.reload();
  await widget.locator(".mw-card--broken").waitFor();
  assert.match(await widget.locator(".mw-card--broken").innerText(), /mw\/v1\/rel\/damaged1/);
  await shot(page, "08-damaged-item.png");
  assert.equal(await page.evaluate(() => localStorage.getItem("mw-local:mw/v1/rel/damaged1")), damaged);
});

test("a page that passes no bridge gets browser storage and says so", { skip: LOCAL_ONLY }, async (t) => {
  const { page, problems } = await openPage(browser, t, { height: 820 });
  // A bare host page on the same origin: the snippet from the README, nothing else.
  await page.route("**/bare.html", (route) => route.fulfill({
    contentType: "text/html",
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bare</title>
      <script src="pkg/loader.js" defer></script></head>
      <body><mentoring-widget view="home"></mentoring-widget>
      <script>window.MentoringWidget = window.MentoringWidget || function () { (MentoringWidget.q = MentoringWidget.q || []).push(arguments) };
      MentoringWidget("init", { brandName: "Bare Portal", theme: { brand: "#8a2be2" } });</script></body></html>`,
  }));
  await page.goto(BASE + "bare.html");
  const widget = page.locator("mentoring-widget");
  await widget.getByText("Signed in as You").waitFor();
  await widget.getByText("Saved in this browser only").waitFor();
  await widget.getByText("Bare Portal").waitFor();
  await shot(page, "09-bare-page.png");
  assert.deepEqual(problems, []);
});
