//! The package a team installs: what `cargo xtask dist` does to `pkg/` after
//! the build, so it can be served with long-lived caching, checked by
//! Subresource Integrity and installed from npm.
//!
//! - Every file the loader fetches by itself carries a content hash in its
//!   name (`chunk_7.0f3a…c2.wasm`): a new release never meets a stale copy in a
//!   cache, and a host may serve them with `Cache-Control: immutable`. The
//!   files a host names in its own pages (`loader.js`, `index.js`, the
//!   bridges, the declarations) keep their names.
//! - `manifest.json` gives each file its hashed name, size and `sha384`
//!   integrity; the loader carries the same table for what it fetches, and
//!   fetches each of those files with its integrity, so a changed byte on a
//!   CDN stops the load instead of running.
//! - `package.json` is written from what the build made and the one list of
//!   views (`Tab::ALL`), never by hand, with the workspace's one version.

use std::collections::BTreeMap;
use std::path::Path;

use base64::Engine;
use sha2::{Digest, Sha256, Sha384};

/// The npm name the package is published under.
pub const NAME: &str = "@acme/mentoring-widget";

/// Files a host names in its own pages or imports: they keep their names.
pub const STABLE: &[&str] = &[
    "loader.js",
    "index.js",
    "bridges/local.js",
    "bridges/http.js",
    "bridges/conformance.js",
    "mentoring-widget.d.ts",
    "bridges/local.d.ts",
    "bridges/http.d.ts",
    "bridges/conformance.d.ts",
    "package.json",
    "manifest.json",
];

/// One file of the package.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Asset {
    /// The name the build gave it (`chunk_7.wasm`), which the loader and the
    /// size report use.
    pub logical: String,
    /// The name it has in `pkg/` (`chunk_7.0f3a5b1c9d2e4f60.wasm`).
    pub file: String,
    /// `sha384-…`, for an `integrity` attribute or `fetch` option.
    pub integrity: String,
    pub bytes: u64,
}

/// The first 16 hex digits of the content's SHA-256: enough to tell
/// releases apart, short enough to read in a network panel.
pub fn content_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// `chunk_7.wasm` with hash `h` → `chunk_7.h.wasm` (the hash goes before the
/// last extension, so servers still pick the content type by it).
pub fn hashed_name(logical: &str, hash: &str) -> String {
    match logical.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
        None => format!("{logical}.{hash}"),
    }
}

/// The inverse of [`hashed_name`]: the name without its content hash.
pub fn logical_name(file: &str) -> String {
    let parts: Vec<&str> = file.rsplitn(3, '.').collect();
    match parts.as_slice() {
        [ext, hash, stem] if hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()) => format!("{stem}.{ext}"),
        _ => file.to_string(),
    }
}

/// The Subresource Integrity value of `bytes`.
pub fn integrity(bytes: &[u8]) -> String {
    format!("sha384-{}", base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes)))
}

/// A shared chunk stored inside a pack: `len` bytes from `at`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Packed {
    pub chunk: String,
    pub pack: String,
    pub at: u64,
    pub len: u64,
}

/// The pack of shared chunks the form that starts a relationship needs (a
/// person may open it before any relationship).
pub const START_PACK: &str = "shared.start.bin";
/// The pack of the other shared chunks, which only a relationship's views need.
pub const VIEWS_PACK: &str = "shared.views.bin";

/// Which pack each shared chunk goes into, in pack order.
///
/// wasm-split cuts the code that several views share into one small chunk
/// per set of views that share it: for this widget, ~50 files of 0.2 to 8
/// KiB. Fetched one by one, each is compressed alone (gzip finds little to
/// repeat in 300 bytes) and each costs a request; packed, the same bytes
/// took ~25% less gzip. Two packs, not one: the start form, reachable from
/// the home, loads only the few it needs; a relationship's views load both.
///
/// The start form's needs are read from wasm-split's chunk loader (the
/// dependency list of `__wasm_split_load_mw_start`); if that is not found,
/// the build stops rather than guess.
pub fn plan_packs(split_js: &str, shared: &[String]) -> Result<Vec<(&'static str, Vec<String>)>, String> {
    let at = split_js.find("__wasm_split_load_mw_start =").ok_or("__wasm_split.js has no loader for the start form (mw_start): has wasm-split changed?")?;
    let rest = &split_js[at..];
    let open = rest.find("\n, [").ok_or("the start form's loader in __wasm_split.js has no dependency list: has wasm-split changed?")?;
    let list = &rest[open + 4..];
    let list = &list[..list.find(']').ok_or("the start form's dependency list in __wasm_split.js is not closed")?];
    let mut start = Vec::new();
    for dep in list.split(',').map(str::trim).filter(|d| !d.is_empty()) {
        let name = dep
            .strip_prefix("__chunk_")
            .map(|n| format!("chunk_{n}.wasm"))
            .ok_or_else(|| format!("the start form depends on {dep}, which is not a shared chunk"))?;
        if !shared.contains(&name) {
            return Err(format!("the start form depends on {name}, which the build did not make"));
        }
        start.push(name);
    }
    let views: Vec<String> = shared.iter().filter(|c| !start.contains(c)).cloned().collect();
    Ok([(START_PACK, start), (VIEWS_PACK, views)].into_iter().filter(|(_, chunks)| !chunks.is_empty()).collect())
}

/// Makes wasm-split's chunk loader fetch each chunk by its hashed name and
/// check it against its integrity; a shared chunk is cut out of its pack,
/// which is fetched (and checked) once. The names, places and integrity
/// values are not written into the chunk loader itself (it is part of the
/// first load, and integrity values are gzip that nothing compresses) but
/// into `chunks.json`, which the chunk loader fetches once, with the one
/// integrity value it does carry, before the first chunk.
///
/// wasm-split writes one `fetch(new URL("./NAME", import.meta.url))` per
/// chunk; each must be found exactly once, or the build stops (a new
/// wasm-split that loads chunks differently must not ship them unchecked).
pub fn rewrite_chunk_fetches(split_js: &str, chunks: &[String], table: &Asset) -> Result<String, String> {
    let mut out = split_js.to_string();
    for chunk in chunks {
        let from = format!("fetch(new URL(\"./{chunk}\", import.meta.url))");
        match out.matches(&from).count() {
            1 => out = out.replace(&from, &format!("__mwChunk(\"{chunk}\")")),
            n => return Err(format!("__wasm_split.js fetches {chunk} {n} times, expected once: has wasm-split changed how it loads chunks?")),
        }
    }
    if out.contains("fetch(new URL(") {
        return Err("__wasm_split.js fetches a file that is not one of the chunks".into());
    }
    // A pack's failed fetch is forgotten, like a chunk's, so that opening
    // the view again tries again. A chunk cut from a pack is handed to
    // `instantiateStreaming` as a response of its own, typed as wasm.
    let helper = format!(
        r#"// Added by cargo xtask dist: chunks by their content-hashed names, each
// checked against its integrity from {table}, itself checked; shared
// chunks are cut out of their pack, fetched and checked once.
let __mwTable;
const __mwPacks = {{}};
function __mwGet(entry) {{
    return fetch(new URL("./" + entry.file, import.meta.url), {{ integrity: entry.integrity }});
}}
function __mwChunk(name) {{
    if (__mwTable === undefined) {{
        const table = __mwGet({{ file: "{table}", integrity: "{integrity}" }})
            .then((r) => {{ if (!r.ok) throw new Error("{table}: HTTP " + r.status); return r.json(); }});
        table.catch(() => {{ if (__mwTable === table) __mwTable = undefined; }});
        __mwTable = table;
    }}
    return __mwTable.then((t) => {{
        const c = t[name];
        if (c.pack === undefined) return __mwGet(c);
        let pack = __mwPacks[c.pack];
        if (pack === undefined) {{
            pack = __mwGet(t[c.pack]).then((r) => {{ if (!r.ok) throw new Error(c.pack + ": HTTP " + r.status); return r.arrayBuffer(); }});
            pack.catch(() => {{ if (__mwPacks[c.pack] === pack) delete __mwPacks[c.pack]; }});
            __mwPacks[c.pack] = pack;
        }}
        return pack.then((b) => new Response(new Uint8Array(b, c.at, c.len), {{ headers: {{ "Content-Type": "application/wasm" }} }}));
    }});
}}
"#,
        table = table.file,
        integrity = table.integrity
    );
    // After the imports, which must stay first.
    let at = out.find("\nlet ").or_else(|| out.find("\nfunction ")).ok_or("__wasm_split.js has no top-level code to put the chunk table before")?;
    out.insert_str(at + 1, &helper);
    Ok(out)
}

/// `chunks.json`: by build name, each view's chunk (its hashed name and
/// integrity), each pack (the same) and each shared chunk (its pack, and
/// where in it).
pub fn chunk_table(own: &[Asset], packs: &[Asset], packed: &[Packed]) -> String {
    let mut files: BTreeMap<&str, serde_json::Value> =
        own.iter().chain(packs).map(|a| (a.logical.as_str(), serde_json::json!({ "file": a.file, "integrity": a.integrity }))).collect();
    for p in packed {
        files.insert(p.chunk.as_str(), serde_json::json!({ "pack": p.pack, "at": p.at, "len": p.len }));
    }
    serde_json::to_string(&files).unwrap_or_default()
}

/// Points the module imports of `./from` (`from"./from"`, `import("./from")`)
/// in minified JS at `to`; there must be at least one. Other strings equal
/// to the name stay: the glue also uses `"./__wasm_split.js"` as the wasm's
/// import namespace, which is not a URL and must not change.
pub fn rename_import(js: &str, from: &str, to: &str) -> Result<String, String> {
    let mut out = js.to_string();
    let mut found = 0;
    for quote in ['"', '\''] {
        for (before, after) in [("from", ""), ("from ", ""), ("import(", ")"), ("import", "")] {
            let needle = format!("{before}{quote}./{from}{quote}{after}");
            found += out.matches(&needle).count();
            out = out.replace(&needle, &format!("{before}{quote}./{to}{quote}{after}"));
        }
    }
    if found == 0 {
        return Err(format!("no import of ./{from} found to point at {to}"));
    }
    // What is left may only be object keys (the wasm's import namespace): an
    // import written in a form not handled above would keep the old name.
    for quote in ['"', '\''] {
        let needle = format!("{quote}./{from}{quote}");
        let mut rest = out.as_str();
        while let Some(at) = rest.find(&needle) {
            rest = &rest[at + needle.len()..];
            if !rest.starts_with(':') {
                return Err(format!("./{from} is still referred to (not as an object key) after renaming it to {to}"));
            }
        }
    }
    Ok(out)
}

/// What the loader needs of the build: the version, the languages, for each
/// file it fetches its name and integrity, and `failed`: each language's
/// text for "the widget could not be loaded", which the loader shows when
/// the wasm itself does not arrive (a JS object literal, also valid JSON).
pub fn loader_table(version: &str, locales: &[&str], assets: &[Asset], failed: &BTreeMap<String, String>) -> String {
    let files: serde_json::Map<String, serde_json::Value> =
        assets.iter().map(|a| (a.logical.clone(), serde_json::json!({ "file": a.file, "integrity": a.integrity }))).collect();
    serde_json::json!({ "version": version, "locales": locales, "files": files, "failed": failed }).to_string()
}

/// `manifest.json`: every file of the package by its build name.
pub fn manifest(version: &str, assets: &[Asset]) -> String {
    let files: BTreeMap<&str, serde_json::Value> =
        assets.iter().map(|a| (a.logical.as_str(), serde_json::json!({ "file": a.file, "integrity": a.integrity, "bytes": a.bytes }))).collect();
    let value = serde_json::json!({
        "name": NAME,
        "version": version,
        "about": "Each file of the package by the name the build gave it: its name in this folder (content-hashed for files the loader fetches) and its Subresource Integrity. Serve hashed names with Cache-Control: public, max-age=31536000, immutable; the others with no-cache.",
        "files": files,
    });
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

/// `package.json`, from the files the build made.
pub fn package_json(version: &str, files: &[String]) -> String {
    let mut files = files.to_vec();
    files.sort();
    let typed = |types: &str, default: &str| serde_json::json!({ "types": types, "default": default });
    let value = serde_json::json!({
        "name": NAME,
        "version": version,
        "description": "A mentoring widget (agreements, goals, check-ins) that a portal embeds with one script tag.",
        "license": "MIT",
        "type": "module",
        "main": "index.js",
        "types": "mentoring-widget.d.ts",
        "exports": {
            ".": typed("./mentoring-widget.d.ts", "./index.js"),
            "./loader.js": "./loader.js",
            "./bridges/local.js": typed("./bridges/local.d.ts", "./bridges/local.js"),
            "./bridges/http.js": typed("./bridges/http.d.ts", "./bridges/http.js"),
            "./bridges/conformance.js": typed("./bridges/conformance.d.ts", "./bridges/conformance.js"),
            "./manifest.json": "./manifest.json",
            "./package.json": "./package.json",
            // The files the loader fetches from `assetBase`: a bundler's copy
            // step (or a URL import) reaches them through this one pattern.
            "./*": "./*"
        },
        "files": files,
        // loader.js defines <mentoring-widget> and window.MentoringWidget.
        "sideEffects": ["./loader.js", "./index.js"],
    });
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

/// Reads every file under `dir`, as paths relative to it with `/`.
pub fn list_files(dir: &Path) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path.strip_prefix(dir).unwrap_or(&path).to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Pins: a hashed name maps back to its build name, and names without a
    // hash (or with something else between dots) are left as they are.
    #[test]
    fn names_round_trip() {
        let h = content_hash(b"x");
        assert_eq!(h.len(), 16);
        for name in ["chunk_7.wasm", "split_mw_goals.wasm", "mentoring_widget.js", "bridges/local.js", "widget.css"] {
            assert_eq!(logical_name(&hashed_name(name, &h)), name);
        }
        assert_eq!(logical_name("mentoring-widget.d.ts"), "mentoring-widget.d.ts");
        assert_eq!(logical_name("a.notahexhashatall.js"), "a.notahexhashatall.js");
        assert_ne!(content_hash(b"x"), content_hash(b"y"));
    }

    // Pins: the integrity value is the standard one (checked against
    // `openssl dgst -sha384 -binary | base64` of "abc").
    #[test]
    fn integrity_is_sri() {
        assert_eq!(integrity(b"abc"), "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn");
    }

    fn asset(logical: &str) -> Asset {
        Asset { logical: logical.into(), file: hashed_name(logical, "0123456789abcdef"), integrity: "sha384-AAA".into(), bytes: 1 }
    }

    // Pins: each chunk fetch goes through the checked table; a chunk the
    // loader does not fetch, or a fetch of something unknown, stops the build.
    #[test]
    fn chunk_fetches() {
        let js = "import { initSync } from \"./mentoring_widget.js\";\n\nlet shared;\na(fetch(new URL(\"./chunk_7.wasm\", import.meta.url)));\nb(fetch(new URL(\"./split_mw_goals.wasm\", import.meta.url)));";
        let table = asset("chunks.json");
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let out = rewrite_chunk_fetches(js, &names(&["chunk_7.wasm", "split_mw_goals.wasm"]), &table).unwrap();
        assert!(out.starts_with("import { initSync }"), "imports stay first: {out}");
        assert!(out.contains("a(__mwChunk(\"chunk_7.wasm\"))") && out.contains("b(__mwChunk(\"split_mw_goals.wasm\"))"), "{out}");
        assert!(out.contains("\"chunks.0123456789abcdef.json\"") && out.contains("integrity: \"sha384-AAA\""), "{out}");
        assert!(rewrite_chunk_fetches(js, &names(&["chunk_7.wasm"]), &table).is_err(), "an unlisted fetch");
        assert!(rewrite_chunk_fetches(js, &names(&["chunk_7.wasm", "split_mw_goals.wasm", "chunk_9.wasm"]), &table).is_err());
        let packed = Packed { chunk: "chunk_7.wasm".into(), pack: VIEWS_PACK.into(), at: 10, len: 20 };
        let t: serde_json::Value = serde_json::from_str(&chunk_table(&[asset("split_mw_goals.wasm")], &[asset(VIEWS_PACK)], &[packed])).unwrap();
        assert_eq!(t["split_mw_goals.wasm"]["file"], "split_mw_goals.0123456789abcdef.wasm");
        assert_eq!(t[VIEWS_PACK]["file"], "shared.views.0123456789abcdef.bin");
        assert_eq!(
            (t["chunk_7.wasm"]["pack"].as_str(), t["chunk_7.wasm"]["at"].as_u64(), t["chunk_7.wasm"]["len"].as_u64()),
            (Some(VIEWS_PACK), Some(10), Some(20))
        );
    }

    // Pins: the start form's shared chunks go into their own pack, the rest
    // into the views' pack; a loader shape not recognised stops the build.
    #[test]
    fn packs_follow_the_start_forms_needs() {
        let js = "const __chunk_8 = makeLoad(a, []);\nexport const __wasm_split_load_mw_goals = wrapAsyncCb(makeLoad(() => {\n}\n, [__chunk_8, __chunk_9]));\nexport const __wasm_split_load_mw_start = wrapAsyncCb(makeLoad(() => {\n    x;\n}\n, [__chunk_9, __chunk_11]));\n";
        let shared: Vec<String> = ["chunk_8.wasm", "chunk_9.wasm", "chunk_10.wasm", "chunk_11.wasm"].iter().map(|s| s.to_string()).collect();
        let plan = plan_packs(js, &shared).unwrap();
        assert_eq!(
            plan,
            vec![
                (START_PACK, vec!["chunk_9.wasm".to_string(), "chunk_11.wasm".to_string()]),
                (VIEWS_PACK, vec!["chunk_8.wasm".to_string(), "chunk_10.wasm".to_string()])
            ]
        );
        // The start form needs no shared chunk: one pack.
        let alone = js.replace("[__chunk_9, __chunk_11]", "[]");
        assert_eq!(plan_packs(&alone, &shared).unwrap().len(), 1);
        assert!(plan_packs(&js.replace("mw_start", "mw_begin"), &shared).is_err(), "no start loader");
        assert!(plan_packs(&js.replace("__chunk_11]", "__chunk_12]"), &shared).is_err(), "a chunk the build did not make");
        assert!(plan_packs(&js.replace("__chunk_11]", "other]"), &shared).is_err(), "not a chunk");
    }

    // Pins: imports are renamed in either quote style, a wasm import
    // namespace with the same text is not, and a missing import is an error.
    #[test]
    fn renames_imports() {
        let js = "import*as a from\"./x.js\";import('./x.js');const i={\"./x.js\":a}";
        assert_eq!(rename_import(js, "x.js", "x.1.js").unwrap(), "import*as a from\"./x.1.js\";import('./x.1.js');const i={\"./x.js\":a}");
        assert!(rename_import("const i={\"./x.js\":1}", "x.js", "x.1.js").is_err());
        assert!(rename_import("import\"./x.js\";new URL(\"./x.js\",import.meta.url)", "x.js", "x.1.js").is_err(), "a use left behind");
    }

    // Pins: package.json names the one version, lists the files and maps
    // each entry to its declarations.
    #[test]
    fn package_json_has_exports() {
        let text = package_json("1.2.3", &["loader.js".into(), "chunk_7.0123456789abcdef.wasm".into()]);
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["version"], "1.2.3");
        assert_eq!(v["name"], NAME);
        assert_eq!(v["exports"]["."]["types"], "./mentoring-widget.d.ts");
        assert_eq!(v["exports"]["./bridges/http.js"]["default"], "./bridges/http.js");
        assert_eq!(v["files"][0], "chunk_7.0123456789abcdef.wasm");
        let m: serde_json::Value = serde_json::from_str(&manifest("1.2.3", &[asset("chunk_7.wasm")])).unwrap();
        assert_eq!(m["files"]["chunk_7.wasm"]["file"], "chunk_7.0123456789abcdef.wasm");
    }
}
