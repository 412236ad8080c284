//! Tidy checks on the repository's own text, run by `cargo test -p xtask`
//! (and so by `cargo xtask test`): rules a reviewer would otherwise have to
//! remember on every change. Formatting and lints are gates of their own
//! (`cargo fmt --check`, `cargo clippy -D warnings`, in `cargo xtask test`).

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

    /// The views of a relationship as `domain::route` names them.
    fn view_names() -> Vec<String> {
        mentoring_widget::domain::route::Tab::ALL.iter().map(|t| format!("\"{}\"", t.name())).collect()
    }

    // Pins: the list of views lives in one place, `domain::route::Tab::ALL`.
    // A line of code elsewhere that names three or more views as strings is
    // a second list, which the next view added would leave behind; code
    // that needs every view iterates over `Tab::ALL` (tests may spell them).
    #[test]
    fn the_views_are_listed_in_one_place() {
        let root = root();
        let names = view_names();
        let mut found = Vec::new();
        for (dir, exts) in [("src", &[".rs"][..]), ("xtask/src", &[".rs"][..]), ("server/src", &[".rs"][..]), ("www", &[".js"][..])] {
            for file in files(&root.join(dir), exts) {
                if file.ends_with("src/domain/route.rs") {
                    continue;
                }
                let text = std::fs::read_to_string(&file).unwrap_or_default();
                for (n, line) in text.lines().enumerate() {
                    if names.iter().filter(|v| line.contains(v.as_str())).count() >= 3 {
                        found.push(format!("{}:{}: {}", file.strip_prefix(&root).unwrap_or(&file).display(), n + 1, line.trim()));
                    }
                }
            }
        }
        assert!(found.is_empty(), "a list of views outside domain::route::Tab::ALL:\n  {}", found.join("\n  "));
    }

    // Pins: the package's declarations, which repeat the views for a portal
    // team's editor, name every view the widget has (the overview is the
    // relationship's own path, `relationship/{id}`).
    #[test]
    fn the_declarations_name_every_view() {
        let dts = std::fs::read_to_string(root().join("www/mentoring-widget.d.ts")).unwrap_or_default();
        let missing: Vec<String> = view_names().into_iter().filter(|v| v != "\"overview\"" && !dts.contains(v.as_str())).collect();
        assert!(missing.is_empty(), "www/mentoring-widget.d.ts does not name these views: {}", missing.join(", "));
    }

    // Pins: the form parts the kit makes (`src/ui/kit/`) are made only there,
    // so each is built one way: buttons, radio groups, checkboxes, labels,
    // save status lines.
    #[test]
    fn form_parts_come_from_the_kit() {
        let root = root();
        let made_by_kit = [
            concat!("el(\"", "button\")"),
            concat!("\"type\", \"", "radio\""),
            concat!("\"type\", \"", "checkbox\""),
            concat!("el(\"", "label\")"),
            concat!("\"mw-save-", "status\""),
        ];
        let mut found = Vec::new();
        for file in files(&root.join("src/ui"), &[".rs"]) {
            if file.starts_with(root.join("src/ui/kit")) {
                continue;
            }
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            for (n, line) in text.lines().enumerate() {
                if made_by_kit.iter().any(|m| line.contains(m)) {
                    found.push(format!("{}:{}: {}", file.strip_prefix(&root).unwrap_or(&file).display(), n + 1, line.trim()));
                }
            }
        }
        assert!(
            found.is_empty(),
            "made by hand where src/ui/kit has it (kit::button, kit::radio_group, kit::label, kit::field, kit::save_status):\n  {}",
            found.join("\n  ")
        );
    }

    /// Each function under `dir` that runs past `max` lines, from its `fn`
    /// line to the brace that closes it at the same indent.
    fn long_functions(dir: &Path, max: usize) -> Vec<String> {
        let root = root();
        let mut found = Vec::new();
        for file in files(dir, &[".rs"]) {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            let lines: Vec<&str> = text.lines().collect();
            for (start, line) in lines.iter().enumerate() {
                let body = line.trim_start();
                let indent = line.len() - body.len();
                // `pub(…)`, then any of `const`, `async`, `unsafe`, `extern "…"`.
                let mut head = body;
                if let Some(rest) = head.strip_prefix("pub(") {
                    head = rest.split_once(") ").map_or(head, |(_, r)| r);
                }
                head = head.strip_prefix("pub ").unwrap_or(head);
                for word in ["const ", "async ", "unsafe ", "extern \"C\" ", "extern \"Rust\" "] {
                    head = head.strip_prefix(word).unwrap_or(head);
                }
                let Some(name) = head.strip_prefix("fn ") else { continue };
                // A declaration without a body (a trait's), or a one-line body.
                let line = line.trim_end();
                if line.ends_with(';') || (line.contains('{') && line.ends_with('}')) {
                    continue;
                }
                let close = " ".repeat(indent) + "}";
                let Some(end) = lines[start + 1..].iter().position(|l| l.starts_with(&close)) else { continue };
                let length = end + 2;
                if length > max {
                    let name: String = name.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                    found.push(format!("{}:{}: {name}, {length} lines", file.strip_prefix(&root).unwrap_or(&file).display(), start + 1));
                }
            }
        }
        found
    }

    // Pins: no function of the widget runs past 130 lines (rustfmt'd at 160
    // columns). A component that long is several parts, each of which should
    // read only what it shows; a long save is several steps.
    #[test]
    fn no_function_runs_past_130_lines() {
        let found = long_functions(&root().join("src"), 130);
        assert!(found.is_empty(), "split these into named parts (see the README's Architecture):\n  {}", found.join("\n  "));
    }

    // Pins: the length check itself sees a long function, nested or not.
    #[test]
    fn the_length_check_sees_a_long_function() {
        // The functions over 4 lines in one file of Rust text.
        let check = |text: String| {
            let dir = std::env::temp_dir().join(format!("mw-tidy-{}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join("m.rs"), text).unwrap();
            let found = long_functions(&dir, 4);
            std::fs::remove_dir_all(&dir).ok();
            found
        };
        let found = check(format!(
            "pub fn long() {{\n{}}}\n\nimpl X {{\n    pub(crate) async fn nested() {{\n{}    }}\n}}\n",
            "    a();\n".repeat(5),
            "        b();\n".repeat(2)
        ));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("long, 7 lines"), "{found:?}");
        // A trait's bodyless method and a one-line function are not measured
        // down to the next brace; `const fn` and `pub(in …)` are measured.
        let found = check(format!(
            "trait T {{\n    fn a(&self);\n    fn b(&self) -> u8 {{ 1 }}\n}}\nimpl X {{\n    fn short() {{\n        y();\n    }}\n}}\npub(in crate) const fn c() {{\n{}}}\n",
            "x();\n".repeat(6)
        ));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains(": c, 8 lines"), "{found:?}");
        let found = check(format!("fn a() {{\n{}}}\nimpl X {{\n    async fn b() {{\n{}    }}\n}}\n", "x();\n".repeat(3), "y();\n".repeat(3)));
        assert_eq!(found.len(), 2, "{found:?}");
    }
}
