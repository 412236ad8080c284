//! The dist build's size table: raw, gzip and brotli for each file, when a
//! page fetches it, and the two budgets: the first load (everything the
//! home view fetches until `mw:ready`) and everything a person fetches by
//! visiting every view of a relationship.

use std::io::Write;
use std::path::Path;

use flate2::write::GzEncoder;
use flate2::Compression;

/// When a page fetches a file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Loaded {
    /// On every page view, before `mw:ready`.
    FirstLoad,
    /// When a view (or the workspace) first opens; the name of its chunk.
    OnOpen(String),
    /// Never by a browser: declarations, package metadata, the conformance kit.
    ToolsOnly,
    /// Imported by a portal that makes its own bridge (`bridges/http.js` for
    /// a store service, `bridges/local.js` with its own people), in place of
    /// the default copy; about the same size, so the first load holds.
    OwnBridge,
    /// Bundled into a portal's own script with loader.js (`index.js`, the
    /// package's ES module entry: a few lines).
    Bundled,
    /// Another language's texts, fetched instead of English's by a person
    /// in that language (the totals count English's).
    OtherLocale,
}

pub struct Row {
    pub file: String,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
    pub loaded: Loaded,
}

impl Row {
    /// Fetched by a page that visits every view (the default bridge, not a
    /// portal's own; never the tools' files).
    fn in_all_views(&self) -> bool {
        !matches!(self.loaded, Loaded::ToolsOnly | Loaded::OwnBridge | Loaded::Bundled | Loaded::OtherLocale)
    }
}

pub struct Report {
    pub rows: Vec<Row>,
}

/// Files a portal's page fetches every time the widget shows. The local
/// bridge is counted too: it is the default when a portal passes none.
/// `__wasm_split.js` is imported by the glue, so it comes with it.
/// The default bridge is the loader's content-hashed copy, `bridges/local.default.js`.
/// Texts: the home part of one language (English is counted).
const FIRST_LOAD: &[&str] =
    &["loader.js", "mentoring_widget.js", "mentoring_widget_bg.wasm", "widget.css", "bridges/local.default.js", "__wasm_split.js", "texts/en.home.json"];

pub fn gzip_len(bytes: &[u8]) -> u64 {
    let mut enc = GzEncoder::new(Vec::new(), Compression::best());
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(bytes);
    enc.finish().map(|v| v.len() as u64).unwrap_or(0)
}

pub fn brotli_len(bytes: &[u8]) -> u64 {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, ..Default::default() };
    match brotli::BrotliCompress(&mut &bytes[..], &mut out, &params) {
        Ok(n) => n as u64,
        Err(_) => 0,
    }
}

pub fn kib(bytes: u64) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}

/// Which view a split chunk belongs to, from the name wasm-split gives it
/// (`split_mw_goals.wasm` for the split point `mw_goals`).
pub fn chunk_view(file: &str) -> Option<&str> {
    file.strip_prefix("split_").and_then(|f| f.strip_suffix(".wasm")).map(|f| f.strip_prefix("mw_").unwrap_or(f))
}

fn classify(file: &str) -> Loaded {
    if FIRST_LOAD.contains(&file) {
        Loaded::FirstLoad
    } else if file == "chunks.json" || file == "texts/en.views.json" {
        // The chunks' names and integrity, fetched before the first chunk;
        // the views' texts, fetched beside the workspace's code.
        Loaded::OnOpen("workspace".to_string())
    } else if file.starts_with("texts/") {
        Loaded::OtherLocale
    } else if file == "index.js" {
        Loaded::Bundled
    } else if file == "bridges/http.js" || file == "bridges/local.js" {
        Loaded::OwnBridge
    } else if let Some(view) = chunk_view(file) {
        Loaded::OnOpen(view.to_string())
    } else if file == crate::package::START_PACK || file == crate::package::VIEWS_PACK {
        Loaded::OnOpen(file.to_string())
    } else if file.ends_with(".wasm") || file.ends_with(".js") && !file.starts_with("bridges/") {
        // Any other code the splitter made (a chunk shared by views).
        Loaded::OnOpen(file.to_string())
    } else {
        Loaded::ToolsOnly
    }
}

pub fn measure(pkg: &Path) -> Result<Report, String> {
    let mut rows = Vec::new();
    for rel in crate::package::list_files(pkg)? {
        let bytes = std::fs::read(pkg.join(&rel)).map_err(|e| format!("{rel}: {e}"))?;
        // Rows go by the build's names (without content hashes), which
        // say what each file is.
        let file = crate::package::logical_name(&rel);
        let loaded = classify(&file);
        rows.push(Row { gzip: gzip_len(&bytes), brotli: brotli_len(&bytes), raw: bytes.len() as u64, file, loaded });
    }
    rows.sort_by(|a, b| a.loaded.cmp(&b.loaded).then(b.gzip.cmp(&a.gzip)));
    Ok(Report { rows })
}

impl Report {
    fn sum(&self, pick: impl Fn(&Row) -> bool, size: impl Fn(&Row) -> u64) -> u64 {
        self.rows.iter().filter(|r| pick(r)).map(size).sum()
    }

    pub fn first_load_gzip(&self) -> u64 {
        self.sum(|r| r.loaded == Loaded::FirstLoad, |r| r.gzip)
    }

    /// Everything fetched from opening the page to having visited every view
    /// of a relationship: each file once (chunks are fetched once and kept).
    pub fn all_views_gzip(&self) -> u64 {
        self.sum(Row::in_all_views, |r| r.gzip)
    }

    pub fn table(&self) -> String {
        let mut out = format!("{:<28} {:>11} {:>11} {:>11}  {}\n", "file (pkg/, unhashed)", "raw", "gzip -9", "brotli 11", "fetched");
        for r in &self.rows {
            let when = match &r.loaded {
                Loaded::FirstLoad => "every page view".to_string(),
                Loaded::OnOpen(view) if view == "workspace" => "when a relationship first opens".to_string(),
                Loaded::OnOpen(view) if view == "start" => "when the form to start a relationship first opens".to_string(),
                Loaded::OnOpen(view) if view == crate::package::START_PACK => {
                    "with the start form or a relationship, whichever opens first (code they share)".to_string()
                }
                Loaded::OnOpen(view) if view == crate::package::VIEWS_PACK => "when a relationship first opens (code its views share)".to_string(),
                Loaded::OnOpen(view) if view.starts_with("chunk_") => "with the first view that needs it (shared)".to_string(),
                Loaded::OnOpen(view) => format!("when the {view} view first opens"),
                Loaded::ToolsOnly => "by tools only".to_string(),
                Loaded::OwnBridge => "by a portal that makes its own bridge, instead of the default".to_string(),
                Loaded::Bundled => "bundled with loader.js, by a portal's bundler".to_string(),
                Loaded::OtherLocale => "instead of English's, by a person in this language".to_string(),
            };
            out.push_str(&format!("{:<28} {:>11} {:>11} {:>11}  {when}\n", r.file, kib(r.raw), kib(r.gzip), kib(r.brotli)));
        }
        let first = |f: fn(&Row) -> u64| self.sum(|r| r.loaded == Loaded::FirstLoad, f);
        let all = |f: fn(&Row) -> u64| self.sum(Row::in_all_views, f);
        out.push_str(&format!(
            "{:<28} {:>11} {:>11} {:>11}  budget {} gzip, gate {}\n",
            "first load (until mw:ready)",
            kib(first(|r| r.raw)),
            kib(first(|r| r.gzip)),
            kib(first(|r| r.brotli)),
            kib(crate::BUDGET_FIRST_LOAD),
            kib(crate::GATE_FIRST_LOAD)
        ));
        out.push_str(&format!(
            "{:<28} {:>11} {:>11} {:>11}  budget {} gzip, gate {}\n",
            "every view visited",
            kib(all(|r| r.raw)),
            kib(all(|r| r.gzip)),
            kib(all(|r| r.brotli)),
            kib(crate::BUDGET_ALL_VIEWS),
            kib(crate::GATE_ALL_VIEWS)
        ));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(file: &str, gzip: u64) -> Row {
        Row { file: file.into(), raw: gzip * 3, gzip, brotli: gzip - 1, loaded: classify(file) }
    }

    // Pins: the first load counts only what every page view fetches; the
    // all-views total adds each chunk once and never the tools-only files.
    #[test]
    fn totals_and_classes() {
        assert!(gzip_len(&[b'a'; 10_000]) < 200);
        assert!(brotli_len(&[b'a'; 10_000]) < 200);
        let report = Report {
            rows: vec![
                row("mentoring_widget_bg.wasm", 40),
                row("mentoring-widget.d.ts", 20),
                row("loader.js", 5),
                row("split_mw_goals.wasm", 7),
                row("split_mw_workspace.wasm", 3),
                row("shared.views.bin", 6),
                row("texts/en.home.json", 2),
                row("texts/en.views.json", 4),
                row("texts/de.home.json", 2),
                row("texts/de.views.json", 4),
            ],
        };
        assert_eq!(report.first_load_gzip(), 47, "one language's home texts");
        assert_eq!(report.all_views_gzip(), 67, "one language's texts, both parts, and the shared code");
        assert_eq!(chunk_view("split_mw_goals.wasm"), Some("goals"));
        let table = report.table();
        assert!(table.contains("when the goals view first opens") && table.contains("when a relationship first opens"), "{table}");
        assert!(table.contains("when a relationship first opens (code its views share)"), "{table}");
    }
}
