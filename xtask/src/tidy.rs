//! Tidy checks on the repository's own text, run by `cargo test -p xtask`
//! (and so by `cargo xtask test`): rules a reviewer would otherwise have to
//! remember on every change.

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
    }

    /// Every file under `dir` whose name ends with one of `exts`, skipping
    /// installed packages.
    fn files(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&d) else { continue };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    if path.file_name().is_some_and(|n| n != "node_modules") {
                        stack.push(path);
                    }
                } else if exts.iter().any(|e| path.to_string_lossy().ends_with(e)) {
                    out.push(path);
                }
            }
        }
        out.sort();
        out
    }

    // Pins: every Rust module says what it is for in a `//!` comment that
    // opens the file, so a newcomer reading any file knows its room.
    #[test]
    fn every_module_has_a_doc_comment() {
        let root = root();
        let mut missing = Vec::new();
        for dir in ["src", "xtask/src", "server/src"] {
            for file in files(&root.join(dir), &[".rs"]) {
                let text = std::fs::read_to_string(&file).unwrap_or_default();
                if !text.starts_with("//!") {
                    missing.push(file.strip_prefix(&root).unwrap_or(&file).display().to_string());
                }
            }
        }
        assert!(missing.is_empty(), "these modules open without a `//!` doc comment:\n  {}", missing.join("\n  "));
    }

    // Pins: the repository explains itself. A comment may cite the README or
    // a file in the repository, never a document a reader of the repository
    // does not have (the team's design notes live outside it).
    #[test]
    fn nothing_cites_a_document_outside_the_repository() {
        let root = root();
        let outside = [concat!("DESIGN", ".md"), concat!("../", "shared/")];
        let mut found = Vec::new();
        for dir in ["src", "xtask/src", "server/src", "www", "tests", "tools"] {
            for file in files(&root.join(dir), &[".rs", ".js", ".mjs", ".ts", ".css", ".html", ".py", ".sh"]) {
                let text = std::fs::read_to_string(&file).unwrap_or_default();
                for (n, line) in text.lines().enumerate() {
                    if outside.iter().any(|o| line.contains(o)) {
                        found.push(format!("{}:{}: {}", file.strip_prefix(&root).unwrap_or(&file).display(), n + 1, line.trim()));
                    }
                }
            }
        }
        assert!(found.is_empty(), "these lines cite a document outside the repository; cite the README's section instead:\n  {}", found.join("\n  "));
    }
}
