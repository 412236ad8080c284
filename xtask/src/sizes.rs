//! The dist build's size table: raw and gzip for each file, and the gzip
//! total of what a portal's first page view downloads.

use std::io::Write;
use std::path::Path;

use flate2::write::GzEncoder;
use flate2::Compression;

pub struct Row {
    pub file: String,
    pub raw: u64,
    pub gzip: u64,
    /// Loaded on every page view (as opposed to declarations and optional bridges).
    pub first_load: bool,
}

pub struct Report {
    pub rows: Vec<Row>,
}

/// Files a portal's page fetches every time the widget shows. The local
/// bridge is counted too: it is the default when a portal passes none.
const FIRST_LOAD: &[&str] = &["loader.js", "mentoring_widget.js", "mentoring_widget_bg.wasm", "widget.css", "bridges/local.js"];

pub fn gzip_len(bytes: &[u8]) -> u64 {
    let mut enc = GzEncoder::new(Vec::new(), Compression::best());
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(bytes);
    enc.finish().map(|v| v.len() as u64).unwrap_or(0)
}

pub fn kib(bytes: u64) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}

pub fn measure(pkg: &Path) -> Result<Report, String> {
    let mut rows = Vec::new();
    let mut stack = vec![pkg.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).map_err(|e| e.to_string())? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let bytes = std::fs::read(&path).map_err(|e| e.to_string())?;
            let file = path.strip_prefix(pkg).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            let first_load = FIRST_LOAD.contains(&file.as_str());
            rows.push(Row { gzip: gzip_len(&bytes), raw: bytes.len() as u64, file, first_load });
        }
    }
    rows.sort_by(|a, b| b.first_load.cmp(&a.first_load).then(b.gzip.cmp(&a.gzip)));
    Ok(Report { rows })
}

impl Report {
    pub fn first_load_gzip(&self) -> u64 {
        self.rows.iter().filter(|r| r.first_load).map(|r| r.gzip).sum()
    }

    /// The gzip size of a feature module (its glue and wasm), loaded on demand.
    pub fn module_gzip(&self, name: &str) -> u64 {
        let prefix = format!("mentoring_widget_{name}");
        self.rows.iter().filter(|r| r.file.starts_with(&prefix)).map(|r| r.gzip).sum()
    }

    pub fn table(&self) -> String {
        let mut out = format!("{:<28} {:>12} {:>12}  {}\n", "file (pkg/)", "raw", "gzip -9", "loaded");
        for r in &self.rows {
            out.push_str(&format!(
                "{:<28} {:>12} {:>12}  {}\n",
                r.file,
                kib(r.raw),
                kib(r.gzip),
                if r.first_load {
                    "every page view"
                } else if r.file.starts_with("mentoring_widget_goals") {
                    "when goals open"
                } else if r.file.starts_with("mentoring_widget_agreement") {
                    "when an agreement opens"
                } else if r.file.starts_with("mentoring_widget_checkins") {
                    "when check-ins open"
                } else {
                    "by tools only"
                }
            ));
        }
        let raw: u64 = self.rows.iter().filter(|r| r.first_load).map(|r| r.raw).sum();
        out.push_str(&format!(
            "{:<28} {:>12} {:>12}  budget {} (target 150.0 KiB)\n",
            "first load total",
            kib(raw),
            kib(self.first_load_gzip()),
            kib(crate::BUDGET_GZIP_BYTES)
        ));
        for (name, _) in crate::FEATURE_MODULES {
            out.push_str(&format!("{:<28} {:>12} {:>12}  loaded on demand\n", format!("{name} module"), "", kib(self.module_gzip(name))));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Pins: gzip shrinks repetitive text and the first-load total counts only page-view files.
    #[test]
    fn totals_count_first_load_only() {
        assert!(gzip_len(&[b'a'; 10_000]) < 200);
        let report = Report {
            rows: vec![
                Row { file: "a.wasm".into(), raw: 100, gzip: 40, first_load: true },
                Row { file: "x.d.ts".into(), raw: 50, gzip: 20, first_load: false },
                Row { file: "loader.js".into(), raw: 10, gzip: 5, first_load: true },
            ],
        };
        assert_eq!(report.first_load_gzip(), 45);
        assert!(report.table().contains("first load total"));
    }
}
