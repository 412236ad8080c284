//! The goals as CSV, for the spreadsheet people keep anyway.

use super::model::Goal;
use crate::domain::messages::Catalog;

/// One CSV cell: quoted when needed, and a leading `= + - @` defused so a
/// spreadsheet never runs a goal's text as a formula.
fn cell(value: &str) -> String {
    let v = if value.starts_with(['=', '+', '-', '@']) { format!("'{value}") } else { value.to_string() };
    if v.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

/// The goals in list order with a header row in the catalog's words.
/// `owner_name` turns an owner id into a name.
pub fn to_csv(goals: &[&Goal], catalog: &Catalog, owner_name: &dyn Fn(&str) -> String) -> String {
    let header = ["goal.csv.title", "goal.csv.owner", "goal.csv.status", "goal.csv.progress", "goal.csv.due", "goal.csv.measure", "goal.csv.milestones"]
        .map(|k| cell(&catalog.text(k)))
        .join(",");
    let mut out = header;
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
    use crate::domain::goals::model::tests_support::goal;

    // Pins: quoting follows RFC 4180 and formulas are defused.
    #[test]
    fn cells() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a, b"), "\"a, b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("-5"), "'-5");
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
        let (catalog, _) = Catalog::new("en", Default::default());
        let csv = to_csv(&[&g], &catalog, &|id| if id == "u-ana" { "Ana Li".into() } else { id.into() });
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], "Goal,Owner,Status,Progress (%),Due,Measure,Milestones");
        assert_eq!(lines[1], "\"Talk, at the all-hands\",Ana Li,Not started,50,2027-02-15,,[x] Outline; [ ] Rehearse");
    }
}
