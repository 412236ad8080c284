// The package's TypeScript declarations, checked the way a team meets them:
// `@acme/mentoring-widget` installed in node_modules (a symlink to the dist
// build's pkg/), resolved through its package.json `exports`, type-checked by
// tsc (strict, moduleResolution "bundler") from tests/e2e/node_modules.
// Checked: tests/types/positive.ts compiles; every wrong use in
// tests/types/negative.ts is refused (each carries @ts-expect-error, so a
// declaration that grows loose leaves a directive unused and fails); the
// React and Vue examples in examples/ compile. Runs after `cargo xtask dist`;
// MW_PKG=<folder> checks another build of the package instead of pkg/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const pkg = resolve(process.env.MW_PKG || join(root, "pkg"));
const modules = join(here, "node_modules");
const tsc = join(modules, "typescript/bin/tsc");
const types = join(root, "tests/types");

// Each entry point the package types, and the declaration file it must name.
const TYPED = {
  ".": "./mentoring-widget.d.ts",
  "./bridges/local.js": "./bridges/local.d.ts",
  "./bridges/http.js": "./bridges/http.d.ts",
  "./bridges/conformance.js": "./bridges/conformance.d.ts",
};

function manifest() {
  const file = join(pkg, "package.json");
  assert.ok(existsSync(file), `${file} is missing: build the package first (cargo xtask dist), or point MW_PKG at one`);
  const json = JSON.parse(readFileSync(file, "utf8"));
  assert.ok(json.exports && typeof json.exports === "object",
    `${file} has no "exports": without it "@acme/mentoring-widget/bridges/http.js" finds no types under moduleResolution "bundler"`);
  return json;
}

// A throwaway project: the package and the named dependencies in its
// node_modules (symlinks), `files` copied in, a tsconfig as a team's app has.
function project(t, files, deps) {
  const dir = mkdtempSync(join(tmpdir(), "mw-types-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, target] of [["@acme/mentoring-widget", pkg], ...deps.map((d) => [d, join(modules, d)])]) {
    assert.ok(existsSync(target), `${target} is missing (cd tests/e2e && npm ci)`);
    mkdirSync(dirname(join(dir, "node_modules", name)), { recursive: true });
    symlinkSync(target, join(dir, "node_modules", name), "dir");
  }
  for (const [to, from] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, to)), { recursive: true });
    cpSync(from, join(dir, to));
  }
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
    compilerOptions: {
      strict: true,
      target: "es2022",
      module: "esnext",
      moduleResolution: "bundler",
      jsx: "react-jsx",
      lib: ["dom", "es2022"],
      noEmit: true,
      verbatimModuleSyntax: true,
      // Check the package's .d.ts files too: a broken declaration must fail here.
      skipLibCheck: false,
      // Nothing global from @types/*: what a file uses, it imports.
      types: [],
    },
    files: Object.keys(files),
  }, null, 2));
  return dir;
}

function typecheck(dir) {
  assert.ok(existsSync(tsc), `${tsc} is missing (cd tests/e2e && npm ci)`);
  const run = spawnSync(process.execPath, [tsc, "-p", ".", "--pretty", "false", "--listFiles"], { cwd: dir, encoding: "utf8" });
  const lines = (run.stdout + run.stderr).split("\n");
  return {
    status: run.status,
    errors: lines.filter((l) => / error TS\d+:/.test(l)),
    files: lines.filter((l) => l.startsWith("/")),
  };
}

// The package's own declarations must be what tsc read, through the symlink.
function assertReadFromPackage(files, names) {
  const real = realpathSync(pkg);
  for (const name of names) {
    assert.ok(files.includes(join(real, name)), `tsc did not read ${join(real, name)}; it read:\n${files.filter((f) => !f.includes("/typescript/lib/")).join("\n")}`);
  }
}

test("pkg/package.json names a types file, first, for each entry point", () => {
  const { exports } = manifest();
  for (const [entry, dts] of Object.entries(TYPED)) {
    const target = exports[entry];
    assert.ok(target && typeof target === "object", `exports["${entry}"] should be an object of conditions, is ${JSON.stringify(target)}`);
    // Conditions match in order: a "types" after "default" is never reached.
    assert.equal(Object.keys(target)[0], "types", `exports["${entry}"]: "types" must come first`);
    assert.equal(target.types, dts, `exports["${entry}"].types`);
    assert.ok(existsSync(join(pkg, dts)), `${join(pkg, dts)} is missing`);
  }
});

test("the declarations: every right use compiles and every wrong use is refused, with no React or Vue installed", (t) => {
  manifest();
  const dir = project(t, { "positive.ts": join(types, "positive.ts"), "negative.ts": join(types, "negative.ts") }, []);
  const run = typecheck(dir);
  assert.deepEqual(run.errors, [], "tsc reports errors (an unused @ts-expect-error means a wrong use now compiles)");
  assert.equal(run.status, 0);
  assertReadFromPackage(run.files, Object.values(TYPED));
});

// Pins the negative file itself: with its directives taken out, each marked
// line is an error of its own, and none is a name that merely fails to
// resolve (which would make its directive pass whatever the declarations say).
test("each wrong use in negative.ts is refused for itself", (t) => {
  manifest();
  const source = readFileSync(join(types, "negative.ts"), "utf8").split("\n");
  const marked = [];
  const stripped = source.map((line, i) => {
    if (!line.trim().startsWith("// @ts-expect-error")) return line;
    marked.push(i + 2); // 1-based number of the line under the directive
    return "";
  });
  const copy = join(mkdtempSync(join(tmpdir(), "mw-negative-")), "negative.ts");
  t.after(() => rmSync(dirname(copy), { recursive: true, force: true }));
  writeFileSync(copy, stripped.join("\n"));
  const run = typecheck(project(t, { "negative.ts": copy }, []));
  const errorLines = run.errors.map((e) => {
    const m = /^negative\.ts\((\d+),\d+\): error (TS\d+):/.exec(e);
    assert.ok(m, `an error outside negative.ts: ${e}`);
    assert.ok(!["TS2304", "TS2305", "TS2307", "TS2552", "TS2724"].includes(m[2]), `a name that does not resolve: ${e}`);
    return Number(m[1]);
  });
  assert.deepEqual(errorLines, marked, `one error on each marked line:\n${run.errors.join("\n")}`);
});

test("the React and Vue examples type-check against the package", (t) => {
  manifest();
  const dir = project(t, {
    "react/MentoringWidget.tsx": join(root, "examples/react/MentoringWidget.tsx"),
    "vue/MentoringWidget.ts": join(root, "examples/vue/MentoringWidget.ts"),
  }, ["react", "@types/react", "vue"]);
  const run = typecheck(dir);
  assert.deepEqual(run.errors, [], "tsc reports errors in the examples");
  assert.equal(run.status, 0);
  assertReadFromPackage(run.files, [TYPED["."], TYPED["./bridges/http.js"]]);
});
