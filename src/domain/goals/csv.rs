//! The goals as CSV, for the spreadsheet people keep anyway.

use super::model::Goal;
use crate::domain::messages::Catalog;

/// What a spreadsheet may read as the start of a formula (OWASP's list: TAB
/// and CR too, which some spreadsheets skip before looking for `=`).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Marks the file as UTF-8: without it a spreadsheet guesses a legacy code
/// page and "Chloé" opens as "ChloÃ©".
pub const BOM: char = '\u{feff}';

/// One CSV cell: quoted when needed, and a leading formula character
/// defused with `'` so a spreadsheet never runs a goal's text as a formula.
fn cell(value: &str) -> String {
    let v = if value.starts_with(FORMULA_START) { format!("'{value}") } else { value.to_string() };
    if v.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

/// The goals in list order with a header row in the catalog's words,
/// after a byte-order mark. `owner_name` turns an owner id into a name.
pub fn to_csv(goals: &[&Goal], catalog: &Catalog, owner_name: &dyn Fn(&str) -> String) -> String {
    let header = ["goal.csv.title", "goal.csv.owner", "goal.csv.status", "goal.csv.progress", "goal.csv.due", "goal.csv.measure", "goal.csv.milestones"]
        .map(|k| cell(&catalog.text(k)))
        .join(",");
    let mut out = String::from(BOM);
    out.push_str(&header);
    out.push_str("\r\n");
    for g in goals {
        let milestones = g.milestones.iter().map(|m| format!("{}{}", if m.done { "[x] " } else { "[ ] " }, m.text)).collect::<Vec<_>>().join("; ");
        let row = [
            cell(&g.title),
            cell(&owner_name(&g.owner)),
            cell(&catalog.text(g.status.label_key())),
            g.progress().to_string(),
            cell(g.due.as_deref().unwrap_or("")),
            cell(&g.measure),
            cell(&milestones),
        ];
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::goal;

    // Pins: quoting follows RFC 4180 and formulas are defused.
    #[test]
    fn cells() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a, b"), "\"a, b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("-5"), "'-5");
        assert_eq!(cell("\t=1+1"), "'\t=1+1");
        assert_eq!(cell("\r=1+1"), "\"'\r=1+1\"");
    }

    // Pins: a header in words, one row per goal with progress, status and milestones.
    #[test]
    fn export() {
        let mut g = goal("g1");
        g.title = "Talk, at the all-hands".into();
        g.due = Some("2027-02-15".into());
        g.milestones = vec![
            crate::domain::goals::Milestone { id: "m1".into(), text: "Outline".into(), due: None, done: true },
            crate::domain::goals::Milestone { id: "m2".into(), text: "Rehearse".into(), due: None, done: false },
        ];
        let catalog = crate::domain::messages::english_catalog();
        let csv = to_csv(&[&g], &catalog, &|id| if id == "u-ana" { "Ana Li".into() } else { id.into() });
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], "\u{feff}Goal,Owner,Status,Progress (%),Due,Measure,Milestones");
        assert_eq!(lines[1], "\"Talk, at the all-hands\",Ana Li,Not started,50,2027-02-15,,[x] Outline; [ ] Rehearse");
    }

    // Pins: the file starts with a UTF-8 byte-order mark, so "Chloé" opens as typed.
    #[test]
    fn starts_with_a_bom() {
        let catalog = crate::domain::messages::english_catalog();
        let csv = to_csv(&[], &catalog, &|_| "Chloé".into());
        assert!(csv.starts_with('\u{feff}'));
        assert_eq!(csv.as_bytes()[..3], [0xEF, 0xBB, 0xBF]);
    }

    /// The cells of one CSV row (RFC 4180), quotes undone.
    fn cells_of(text: &str) -> Vec<Vec<String>> {
        let mut rows = vec![vec![String::new()]];
        let (mut quoted, mut chars) = (false, text.chars().peekable());
        while let Some(c) = chars.next() {
            let row = rows.last_mut().unwrap();
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    row.last_mut().unwrap().push('"');
                }
                (true, '"') => quoted = false,
                (false, '"') => quoted = true,
                (false, ',') => row.push(String::new()),
                (false, '\r') if chars.peek() == Some(&'\n') => {
                    chars.next();
                    rows.push(vec![String::new()]);
                }
                (_, c) => row.last_mut().unwrap().push(c),
            }
        }
        rows
    }

    use proptest::prelude::*;

    proptest! {
        // proptest's default 256 cases each; for a longer hunt:
        // PROPTEST_CASES=5000 cargo test -p mentoring-widget --lib csv

        // Pins: whatever a goal's texts hold, the file parses back to the same
        // rows and no cell a spreadsheet reads starts with = + - @ TAB or CR:
        // each such value is kept whole behind a '.
        #[test]
        fn no_cell_starts_a_formula(title in "[=+@\t\r-]?(\\PC|[\t\r\n,\"]){0,30}", measure in "[=+@\t\r-]?(\\PC|[\t\r\n,\"]){0,30}", owner in "[=+@\t\r-]?\\PC{0,10}") {
            let mut g = goal("g1");
            g.title = title.clone();
            g.measure = measure.clone();
            let catalog = crate::domain::messages::english_catalog();
            let csv = to_csv(&[&g], &catalog, &|_| owner.clone());
            let body = csv.strip_prefix('\u{feff}').unwrap();
            prop_assert!(body.ends_with("\r\n"));
            let rows = cells_of(&body[..body.len() - 2]);
            prop_assert_eq!(rows.len(), 2);
            for cell in rows.iter().flatten() {
                prop_assert!(!cell.starts_with(FORMULA_START), "{:?}", cell);
            }
            let defused = |v: &str| if v.starts_with(FORMULA_START) { format!("'{v}") } else { v.to_string() };
            prop_assert_eq!(&rows[1][0], &defused(&title));
            prop_assert_eq!(&rows[1][1], &defused(&owner));
            prop_assert_eq!(&rows[1][5], &defused(&measure));
        }
    }
}
