//! Installs what the commands need when it is missing, from the package
//! registries only. Nothing here downloads a browser, a toolchain or a
//! binary from anywhere else: locked-down build machines can't reach it.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::{root, run, say};

/// The WebAssembly features rustc emits by default; wasm-opt must be told
/// about each of them or it refuses (or silently lowers) the module.
pub const WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

fn output(cmd: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(cmd).args(args).stderr(Stdio::null()).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn is_root() -> bool {
    output("id", &["-u"]).is_some_and(|s| s.trim() == "0")
}

/// Debian packages, installed with apt-get when we are root.
fn apt_install(packages: &[&str], why: &str) -> Result<(), String> {
    if !is_root() {
        return Err(format!("{why} is missing: run `sudo apt-get install -y {}` and try again", packages.join(" ")));
    }
    say(&format!("installing {} from Debian's packages ({why})", packages.join(" ")));
    run(Command::new("apt-get").args(["update", "-q"]))?;
    run(Command::new("apt-get").args(["install", "-y", "-q", "--no-install-recommends"]).args(packages).env("DEBIAN_FRONTEND", "noninteractive"))
}

pub fn wasm_target() -> Result<(), String> {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        return Ok(());
    }
    say("adding the wasm32-unknown-unknown target with rustup");
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// clippy and rustfmt, the two gates' tools: rustup components of the
/// machine's one toolchain, added the way the wasm32 target is if missing.
pub fn lint_tools() -> Result<(), String> {
    let installed = output("rustup", &["component", "list", "--installed"]).unwrap_or_default();
    let missing: Vec<&str> = ["clippy", "rustfmt"].into_iter().filter(|c| !installed.lines().any(|l| l.starts_with(&format!("{c}-")))).collect();
    if missing.is_empty() {
        return Ok(());
    }
    say(&format!("adding the rustup components {} (the lint and format gates)", missing.join(" and ")));
    run(Command::new("rustup").args(["component", "add"]).args(&missing))
}

/// The wasm-bindgen version pinned in Cargo.lock: the CLI must match it exactly.
pub fn locked_wasm_bindgen_version() -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).map_err(|e| format!("reading Cargo.lock: {e}"))?;
    lock_version(&lock, "wasm-bindgen").ok_or_else(|| "Cargo.lock has no wasm-bindgen package".to_string())
}

pub fn lock_version(lock: &str, package: &str) -> Option<String> {
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == format!("name = \"{package}\"") {
            let version = lines.next()?.trim().strip_prefix("version = \"")?.strip_suffix('"')?;
            return Some(version.to_string());
        }
    }
    None
}

pub fn wasm_bindgen() -> Result<(), String> {
    let want = locked_wasm_bindgen_version()?;
    let have = output("wasm-bindgen", &["--version"]).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(want.as_str()) {
        return Ok(());
    }
    say(&format!("installing wasm-bindgen-cli {want} from crates.io (it must match Cargo.lock; a few minutes)"));
    let locked = run(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &want, "--locked", "--force"]));
    if let Err(e) = locked {
        // Seen here: the CLI's own lock file pins a crate version the
        // registry no longer serves. Its semver ranges still resolve.
        eprintln!("    {e}\n    retrying without --locked (the CLI's lock names a crate version this registry lacks)");
        run(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &want, "--force"]))?;
    }
    Ok(())
}

/// The splitter that cuts each view's code into its own chunk, pinned like
/// wasm-bindgen (its output must match the `wasm_split_helpers` runtime in
/// Cargo.lock). Without the `build-binary` feature no binary is installed.
pub const WASM_SPLIT_CLI: &str = "0.2.4";

pub fn wasm_split() -> Result<(), String> {
    let list = output("cargo", &["install", "--list"]).unwrap_or_default();
    let want = format!("wasm_split_cli_support v{WASM_SPLIT_CLI}:");
    if list.lines().any(|l| l.trim() == want) && output("wasm-split-cli", &["--help"]).is_some() {
        return Ok(());
    }
    say(&format!("installing wasm-split-cli (crate wasm_split_cli_support {WASM_SPLIT_CLI}) from crates.io; a few minutes"));
    run(Command::new("cargo").args(["install", "--locked", "--force", "wasm_split_cli_support", "--version", WASM_SPLIT_CLI, "--features", "build-binary"]))
}

/// binaryen's wasm-opt from the npm registry, pinned in tools/package-lock.json.
/// Debian's binaryen 108 is not used: it rewrites wasm-bindgen's
/// `__wbindgen_externrefs` export to point at the function table, and the
/// page then fails at start-up with "WebAssembly.Table.set(): Argument 1 is
/// invalid for table".
pub fn wasm_opt() -> Result<std::path::PathBuf, String> {
    node()?;
    npm_ci("tools", "the dist build's wasm-opt (binaryen) and terser")?;
    Ok(root().join("tools/node_modules/.bin/wasm-opt"))
}

pub fn node() -> Result<(), String> {
    if output("node", &["--version"]).is_none() || output("npm", &["--version"]).is_none() {
        apt_install(&["nodejs", "npm"], "Node.js and npm")?;
    }
    Ok(())
}

/// `npm ci` in `dir` when its node_modules is missing or older than its lock.
fn npm_ci(dir: &str, what: &str) -> Result<(), String> {
    let dir = root().join(dir);
    let marker = dir.join("node_modules/.package-lock.json");
    let lock = dir.join("package-lock.json");
    let fresh = match (std::fs::metadata(&marker).and_then(|m| m.modified()), std::fs::metadata(&lock).and_then(|m| m.modified())) {
        (Ok(installed), Ok(locked)) => installed >= locked,
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    say(&format!("installing {what} from the npm registry ({}/package-lock.json, npm ci)", dir.display()));
    run(Command::new("npm").args(["ci", "--no-audit", "--no-fund", "--prefix"]).arg(&dir))
}

/// Trunk 0.21.14 for `demo --watch`: the newest that builds on this toolchain
/// (Trunk 0.22 does not install with rustc 1.95).
pub fn trunk() -> Result<(), String> {
    if output("trunk", &["--version"]).is_some_and(|v| v.contains("0.21")) {
        return Ok(());
    }
    say("installing Trunk 0.21.14 from crates.io (once; about ten minutes on 2 cores)");
    run(Command::new("cargo").args(["install", "trunk", "--locked", "--version", "0.21.14"]))
}

pub fn chromium() -> Result<(), String> {
    if Path::new("/usr/bin/chromium").exists() && Path::new("/usr/bin/chromedriver").exists() {
        return Ok(());
    }
    apt_install(&["chromium", "chromium-driver"], "Chromium and its driver, for the browser tests")
}

/// Debian's PostgreSQL server binaries, for the store service's tests (each
/// test starts its own throwaway server; nothing runs as a system service).
pub fn postgresql() -> Result<(), String> {
    let installed = std::fs::read_dir("/usr/lib/postgresql").is_ok_and(|d| d.filter_map(Result::ok).any(|e| e.path().join("bin/initdb").exists()));
    if installed || std::env::var_os("MW_PG_URL").is_some() {
        return Ok(());
    }
    apt_install(&["postgresql"], "PostgreSQL, for the store service's tests on a real database")
}

/// playwright-core (which downloads no browser) from the lock file.
pub fn node_modules() -> Result<(), String> {
    node()?;
    npm_ci("tests/e2e", "the end-to-end test's playwright-core")
}

#[cfg(test)]
mod tests {
    use super::*;

    // Pins: the CLI version is read from the lock's wasm-bindgen entry, not a sibling crate's.
    #[test]
    fn reads_the_locked_version() {
        let lock = "[[package]]\nname = \"wasm-bindgen-shared\"\nversion = \"9.9.9\"\n\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n";
        assert_eq!(lock_version(lock, "wasm-bindgen").as_deref(), Some("0.2.130"));
        assert_eq!(lock_version(lock, "leptos"), None);
    }

    // Pins: this repository's own lock names a wasm-bindgen version.
    #[test]
    fn the_repository_lock_has_wasm_bindgen() {
        let v = locked_wasm_bindgen_version().unwrap();
        assert!(v.starts_with("0.2."), "{v}");
    }
}
