//! The agreement as a document people keep: Markdown (and, by the UI, JSON
//! of the stored record). Labels come from the catalog, so an export reads
//! in the same words as the widget.

use super::fields::{items, unit_key, value, Content, Kind, FIELDS, SECTIONS};
use super::record::Signature;
use crate::domain::messages::Catalog;
use crate::domain::relationship::Relationship;

/// A value as a person reads it: choices in words, numbers with their unit.
pub fn display_value(catalog: &Catalog, id: &str, kind: Kind, label: &str, v: &str) -> String {
    match (kind, unit_key(id)) {
        (Kind::Choice(_), _) => catalog.text(&format!("{label}.{v}")),
        (Kind::Number { .. }, Some(unit)) => catalog.format(unit, &[("n", v)]),
        _ => v.to_string(),
    }
}

/// The whole agreement as Markdown: parties, every section, signatures.
pub fn markdown(rel: &Relationship, content: &Content, title: &str, signatures: &[Signature], catalog: &Catalog) -> String {
    let mut out = format!("# {title}\n\n");
    out.push_str(&format!(
        "- {}: {}\n- {}: {}\n- {}: {}\n",
        catalog.text("role.mentor"),
        rel.mentor.display_name,
        catalog.text("role.mentee"),
        rel.mentee.display_name,
        catalog.text("agr.kind"),
        catalog.text(rel.kind.label_key())
    ));
    for (section, section_label) in SECTIONS {
        let fields: Vec<_> = FIELDS.iter().filter(|f| f.section == *section && !value(content, f.id).is_empty()).collect();
        if fields.is_empty() {
            continue;
        }
        out.push_str(&format!("\n## {}\n", catalog.text(section_label)));
        for f in fields {
            let v = value(content, f.id);
            out.push_str(&format!("\n**{}**\n\n", catalog.text(f.label)));
            if f.kind == Kind::List {
                for item in items(&v) {
                    out.push_str(&format!("- {item}\n"));
                }
            } else {
                out.push_str(&display_value(catalog, f.id, f.kind, f.label, &v));
                out.push('\n');
            }
        }
    }
    out.push_str(&format!("\n## {}\n\n", catalog.text("agr.signatures")));
    if signatures.is_empty() {
        out.push_str(&format!("{}\n", catalog.text("agr.not_signed")));
    }
    for s in signatures {
        out.push_str(&format!("- {} ({}), {} — SHA-256 {}\n", s.name, catalog.text(s.role.label_key()), s.at, s.hash));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::agreement::template::tests_support::complete;
    use crate::domain::person::Person;
    use crate::domain::relationship::{Kind as RelKind, RelationshipDraft, Role};

    // Pins: the Markdown names both parties, shows every filled section with lists as
    // bullets and choices in words, and lists signatures with their hashes.
    #[test]
    fn markdown_export() {
        let ana = Person::from_host("u-ana", "Ana Li", None).unwrap();
        let ben = Person::from_host("u-ben", "Ben Okafor", None).unwrap();
        let mut rel = RelationshipDraft { my_role: Some(Role::Mentee), kind: Some(RelKind::Reverse), partner_id: Some("u-ben".into()), partner_name: "Ben Okafor".into(), partner_email: String::new() }
            .propose(&ana, "r1".into(), "t".into())
            .unwrap();
        rel.start_draft(complete(), &ana, "t0");
        rel.sign(&ana, "2026-11-24T10:00:00Z").unwrap();
        rel.sign(&ben, "2026-11-24T11:00:00Z").unwrap();
        let v = rel.agreement.current().unwrap().clone();
        let (catalog, _) = Catalog::new("en", Default::default());
        let md = markdown(&rel, &v.content, "Mentoring agreement", &v.signatures, &catalog);
        assert!(md.starts_with("# Mentoring agreement\n"));
        assert!(md.contains("- Mentor: Ben Okafor\n- Mentee: Ana Li\n"));
        assert!(md.contains("## Goals"));
        assert!(md.contains("- Lead a team meeting\n- Present at the all-hands\n"));
        assert!(md.contains("Every two weeks"), "{md}");
        assert!(md.contains("60 minutes"), "{md}");
        assert!(md.contains(&v.signatures[0].hash));
        assert!(!md.contains("agr."), "no raw message keys: {md}");
    }
}
