// The package as a team installs it, in a real Chromium:
// - served from another origin than the portal (a CDN, an assets host),
//   with CORS and application/wasm, under a strict Content-Security-Policy,
//   the script tag carrying the manifest's integrity;
// - a changed byte in any file the loader fetches stops that file from
//   running, with the widget's own error, not a blank box;
// - bundled into the portal's own script by a bundler (esbuild), through
//   the package's `exports`, with the assetBase option.
// The two origins are two loopback ports: same host, other port, other origin.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, rmSync, mkdirSync, symlinkSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { launch, openPage, proposeToBen, recordEvents, shot } from "./support.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const pkg = join(root, "pkg");
const manifest = JSON.parse(readFileSync(join(pkg, "manifest.json"), "utf8"));
const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".json": "application/json", ".html": "text/html" };
const PEOPLE = [{ id: "u-ana", displayName: "Ana Li", email: "ana@acme.example" }, { id: "u-ben", displayName: "Ben Okafor", email: "ben@acme.example" }];

/** A loopback HTTP server; `routes(path)` answers { body, type, headers } or null (404). */
function serve(routes) {
  return new Promise((ready) => {
    const server = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      const found = routes(path, req);
      if (!found) { res.writeHead(404, { "Content-Type": "text/plain" }); res.end("not found"); return; }
      res.writeHead(200, { "Content-Type": found.type, "Content-Length": found.body.length, ...(found.headers || {}) });
      res.end(req.method === "HEAD" ? undefined : found.body);
    });
    server.listen(0, "127.0.0.1", () => ready({ server, url: `http://127.0.0.1:${server.address().port}/` }));
  });
}

/** A file of pkg/ by its path, or null; `tamper` may change the bytes of the hashed ones. */
function pkgFile(path, tamper) {
  const rel = path.replace(/^\/+/, "");
  const file = resolve(pkg, rel);
  if (!file.startsWith(pkg + "/") || !existsSync(file)) return null;
  let body = readFileSync(file);
  if (tamper && tamper(rel)) {
    body = Buffer.from(body);
    body[body.length >> 1] ^= 0x01; // one bit in the middle
  }
  return { body, type: TYPES[extname(file)] || "application/octet-stream" };
}

// The assets host: pkg/ with the headers the README asks for (CORS for the
// portal's origin, content types, long caching for hashed names).
let tamper = null;
let assets, portal, bundleDir;
const stable = new Set(Object.values(manifest.files).filter((f) => !/\.[0-9a-f]{16}\./.test(f.file)).map((f) => f.file));
let portalOrigin = "";

before(async () => {
  assets = await serve((path) => {
    const found = pkgFile(path, tamper);
    if (!found) return null;
    found.headers = {
      "Access-Control-Allow-Origin": portalOrigin,
      "Vary": "Origin",
      "Cache-Control": stable.has(path.slice(1)) ? "no-cache" : "public, max-age=31536000, immutable",
    };
    return found;
  });
  bundleDir = mkdtempSync(join(tmpdir(), "mw-bundle-"));
  portal = await serve((path) => portalRoute(path));
  portalOrigin = portal.url.replace(/\/$/, "");
});
after(() => {
  assets?.server.close();
  portal?.server.close();
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
});

// What the portal's pages are, by path; set per test.
let portalRoute = () => null;

/** The portal page of the cross-origin test: the loader from the assets host
 *  with the manifest's integrity, under a policy that names that host. */
function crossOriginPortal({ bridge = true, init = {} } = {}) {
  const cdn = assets.url.replace(/\/$/, "");
  const csp = `default-src 'self'; script-src 'self' ${cdn} 'wasm-unsafe-eval'; connect-src 'self' ${cdn}; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'`;
  const loader = manifest.files["loader.js"];
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Portal</title>
<script src="${assets.url}${loader.file}" integrity="${loader.integrity}" crossorigin="anonymous" defer></script>
<script type="module" src="/portal.js"></script></head>
<body><main><h1>Mentoring</h1><mentoring-widget></mentoring-widget></main></body></html>`;
  // Without a bridge of its own, the page gets the loader's default one.
  const js = bridge
    ? `import { createLocalBridge } from "${assets.url}bridges/local.js";
MentoringWidget("init", { ...${JSON.stringify(init)}, bridge: createLocalBridge({ people: ${JSON.stringify(PEOPLE)}, currentUserId: "u-ana" }) });`
    : `MentoringWidget("init", ${JSON.stringify(init)});`;
  return (path) => {
    if (path === "/") return { body: Buffer.from(html), type: "text/html", headers: { "Content-Security-Policy": csp } };
    if (path === "/portal.js") return { body: Buffer.from(js), type: "text/javascript" };
    return null;
  };
}

/** Records CSP violations on the page (a blocked fetch or script). */
async function recordViolations(page) {
  const seen = [];
  await page.exposeFunction("recordViolation", (v) => seen.push(v));
  await page.addInitScript(() => document.addEventListener("securitypolicyviolation", (e) => window.recordViolation(`${e.violatedDirective} ${e.blockedURI}`)));
  return seen;
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("a portal on another origin embeds the package by script tag, with integrity, under a strict CSP", async (t) => {
  portalRoute = crossOriginPortal();
  const { page, problems } = await openPage(browser, t);
  const violations = await recordViolations(page);
  const requests = [];
  page.on("requestfinished", async (r) => requests.push({ url: r.url(), status: (await r.response())?.status() }));
  await page.goto(portal.url);
  const widget = page.locator("mentoring-widget");
  await widget.getByText("Signed in as Ana Li").waitFor();
  // A relationship opens: its chunks come from the assets host, checked.
  await proposeToBen(widget, "Traditional mentoring");
  await widget.getByRole("tab", { name: "Goals", exact: true }).click();
  await widget.getByLabel("New goal").waitFor();
  await shot(page, "package-cross-origin.png");

  assert.deepEqual(violations, [], "no CSP violation");
  assert.deepEqual(problems, [], "no console error");
  const fromCdn = requests.filter((r) => r.url.startsWith(assets.url));
  for (const name of ["mentoring_widget_bg.wasm", "mentoring_widget.js", "__wasm_split.js", "widget.css", "split_mw_workspace.wasm", "split_mw_goals.wasm", "chunks.json", "shared.start.bin", "shared.views.bin", "texts/en.home.json", "texts/en.views.json"]) {
    const hashed = manifest.files[name].file;
    assert.match(hashed, /\.[0-9a-f]{16}\./, `${name} carries a content hash`);
    assert.ok(fromCdn.some((r) => r.url === assets.url + hashed && r.status === 200), `${hashed} came from the assets host`);
  }
  assert.ok(!requests.some((r) => r.url.startsWith(portal.url) && /\.(wasm|css)$/.test(r.url)), "nothing was looked for on the portal's origin");
  assert.equal(await page.evaluate(() => window.MentoringWidget.version), manifest.version);
});

// Each file the loader (or the chunk loader) fetches, with one bit changed
// on the way: the widget refuses it and says so.
// (Names as in manifest.json: the default bridge is the loader's hashed copy.)
for (const [name, expectation] of [
  ["mentoring_widget_bg.wasm", "start"],
  ["mentoring_widget.js", "start"],
  ["__wasm_split.js", "start"],
  ["widget.css", "start"],
  ["bridges/local.default.js", "start"],
  ["texts/en.home.json", "start"],
  ["split_mw_workspace.wasm", "view"],
  // The chunk table is needed by the first chunk a person opens: the form
  // that starts a relationship (its own chunk) is the first here.
  ["chunks.json", "form"],
  ["split_mw_start.wasm", "form"],
  // The code the start form shares with the views, and the code only the
  // views share: each pack is checked whole.
  ["shared.start.bin", "form"],
  ["shared.views.bin", "view"],
  ["texts/en.views.json", "view"],
]) {
  test(`a changed byte in ${name} stops it from running, and the widget says so`, async (t) => {
    portalRoute = crossOriginPortal({ bridge: name !== "bridges/local.default.js" });
    tamper = (rel) => rel === manifest.files[name].file;
    t.after(() => { tamper = null; });
    const { page } = await openPage(browser, t);
    const errors = await recordEvents(page, ["mw:error"]);
    const consoleLines = [];
    page.on("console", (m) => consoleLines.push(m.text()));
    await page.goto(portal.url);
    const widget = page.locator("mentoring-widget");
    t.after(() => {
      // The browser names the integrity check as the reason: the file was
      // refused unread, not run and broken.
      const named = consoleLines.some((l) => /integrity/i.test(l) && l.includes(manifest.files[name].file));
      if (!named) throw new Error(`no integrity refusal of ${manifest.files[name].file} in the console:\n${consoleLines.join("\n")}`);
    });
    if (expectation === "start") {
      await widget.getByText("The mentoring widget could not be loaded").waitFor();
      assert.ok(errors.some((e) => e.includes('"code":"load_failed"')), errors.join("\n"));
      await shot(page, `package-tampered-${name.replace(/\W/g, "_")}.png`);
    } else if (expectation === "form") {
      await widget.getByText("Signed in as Ana Li").waitFor();
      await widget.getByRole("button", { name: "Start a relationship" }).click();
      await widget.getByText("This part could not be loaded").waitFor();
      assert.ok(errors.some((e) => e.includes('"code":"load_failed"')), errors.join("\n"));
      assert.equal(await widget.getByRole("button", { name: "Try again" }).count(), 1);
    } else {
      await widget.getByText("Signed in as Ana Li").waitFor();
      await proposeToBen(widget, "Peer mentoring");
      await widget.getByText("This part could not be loaded").waitFor();
      assert.ok(errors.some((e) => e.includes('"code":"load_failed"')), errors.join("\n"));
      // The home keeps working: nothing of the changed file ran.
      assert.equal(await widget.getByRole("button", { name: "Try again" }).count() > 0, true);
    }
  });
}

// When the wasm itself never arrives, the loader's one text is in the
// person's language: the host's text for that locale (tag, then language),
// else the host's text for every language, else the package's translation.
test("a widget that cannot load says so in the person's language", async (t) => {
  tamper = (rel) => rel === manifest.files["mentoring_widget_bg.wasm"].file;
  t.after(() => { tamper = null; });
  const arabic = JSON.parse(readFileSync(new URL("../../locales/ar.json", import.meta.url), "utf8"))["shell.load_failed"];
  for (const [init, expected, lang, dir] of [
    [{ locale: "ar" }, arabic, "ar", "rtl"],
    [{ locale: "de-CH", text: { "shell.load_failed": "Flat", de: { "shell.load_failed": "Bitte später noch einmal." } } }, "Bitte später noch einmal.", "de", "ltr"],
    [{ locale: "de_ch", text: { "DE-CH": { "shell.load_failed": "Grüezi, später bitte." }, de: { "shell.load_failed": "Nicht diese." } } }, "Grüezi, später bitte.", "de", "ltr"],
    [{ locale: "es", text: { "shell.load_failed": "Inténtalo luego (portal)." } }, "Inténtalo luego (portal).", null, null],
  ]) {
    portalRoute = crossOriginPortal({ init });
    const { page } = await openPage(browser, t);
    const errors = await recordEvents(page, ["mw:error"]);
    await page.goto(portal.url);
    const alert = page.locator("mentoring-widget [data-mw-load-failed]");
    await alert.waitFor();
    assert.equal(await alert.textContent(), expected);
    assert.equal(await alert.getAttribute("lang"), lang);
    assert.equal(await alert.getAttribute("dir"), dir);
    assert.ok(errors.some((e) => e.includes('"code":"load_failed"')), errors.join("\n"));
    if (lang === "ar") await shot(page, "package-load-failed-arabic.png");
  }
});

/** Bundles `app` (an ES module importing the package by its npm name) with
 *  esbuild, resolving `@acme/mentoring-widget` through pkg/package.json. */
async function bundle(app, format = "esm") {
  const dir = mkdtempSync(join(bundleDir, "app-"));
  mkdirSync(join(dir, "node_modules/@acme"), { recursive: true });
  symlinkSync(pkg, join(dir, "node_modules/@acme/mentoring-widget"));
  writeFileSync(join(dir, "app.js"), app);
  const out = await esbuild.build({ entryPoints: [join(dir, "app.js")], bundle: true, format, write: false, absWorkingDir: dir, logLevel: "silent" });
  return out.outputFiles[0].contents;
}

function bundledPortal(code, format = "esm") {
  // An IIFE bundle is a classic script (as webpack's default output is).
  const tag = format === "esm" ? `<script type="module" src="/app.js"></script>` : `<script src="/app.js" defer></script>`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Portal</title>
${tag}</head><body><mentoring-widget></mentoring-widget></body></html>`;
  const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; object-src 'none'; base-uri 'none'";
  return (path) => {
    if (path === "/") return { body: Buffer.from(html), type: "text/html", headers: { "Content-Security-Policy": csp } };
    if (path === "/app.js") return { body: Buffer.from(code), type: "text/javascript" };
    // The portal's build copied the package's files here.
    if (path.startsWith("/static/mentoring-widget/")) return pkgFile(path.slice("/static/mentoring-widget/".length));
    return null;
  };
}

test("a portal that bundles its scripts imports the package by name and names where its files are", async (t) => {
  const code = await bundle(`
import { MentoringWidget } from "@acme/mentoring-widget";
import { createLocalBridge } from "@acme/mentoring-widget/bridges/local.js";
MentoringWidget("init", {
  assetBase: "/static/mentoring-widget/",
  bridge: createLocalBridge({ people: ${JSON.stringify(PEOPLE)}, currentUserId: "u-ben" }),
});
`);
  assert.ok(!Buffer.from(code).toString().includes("__wbg_"), "the wasm glue is not bundled: the loader fetches it");
  portalRoute = bundledPortal(code);
  const { page, problems } = await openPage(browser, t);
  const violations = await recordViolations(page);
  await page.goto(portal.url);
  await page.locator("mentoring-widget").getByText("Signed in as Ben Okafor").waitFor();
  await shot(page, "package-bundled.png");
  assert.deepEqual(violations, []);
  assert.deepEqual(problems, []);
});

for (const format of ["esm", "iife"]) {
  test(`a bundled loader (${format}) without assetBase says what to set, fetches nothing from the wrong place, and mounts once it is given`, async (t) => {
    const code = await bundle(`
import { mount } from "@acme/mentoring-widget";
mount(document.querySelector("mentoring-widget"), {}).catch(() => {});
`, format);
    portalRoute = bundledPortal(code, format);
    const { page } = await openPage(browser, t);
    const errors = await recordEvents(page, ["mw:error"]);
    const fetched = [];
    page.on("request", (r) => { if (/\.(wasm|css)$|mentoring_widget|bridges\//.test(r.url())) fetched.push(r.url()); });
    await page.goto(portal.url);
    const widget = page.locator("mentoring-widget");
    await widget.getByText("The mentoring widget could not be loaded").waitFor();
    assert.ok(errors.some((e) => e.includes('"code":"load_failed"') && e.includes("assetBase")), errors.join("\n"));
    assert.deepEqual(fetched, []);
    // The portal fixes its mistake: the next mount loads from the base it names.
    await page.evaluate(async (people) => {
      const { createLocalBridge } = await import("/static/mentoring-widget/bridges/local.js");
      await window.MentoringWidget.mount(document.querySelector("mentoring-widget"), {
        assetBase: "/static/mentoring-widget/",
        bridge: createLocalBridge({ people, currentUserId: "u-ana" }),
      });
    }, PEOPLE);
    await widget.getByText("Signed in as Ana Li").waitFor();
    assert.ok(fetched.every((u) => u.startsWith(portal.url + "static/mentoring-widget/")), fetched.join("\n"));
  });
}
