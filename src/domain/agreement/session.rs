//! One person's editing of the agreement draft: what they started from,
//! what they have typed since, and how a newer stored draft (their partner
//! saved in between) is folded in without losing either person's work.

use super::diff::{diff, merge, Conflict};
use super::fields::{canonical, Content};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EditSession {
    /// The stored draft content these edits started from.
    pub base: Content,
    /// What the person sees and types into.
    pub local: Content,
    /// Fields both people changed differently, waiting for a choice.
    pub conflicts: Vec<Conflict>,
}

impl EditSession {
    pub fn new(stored: &Content) -> EditSession {
        let c = canonical(stored);
        EditSession { base: c.clone(), local: c, conflicts: Vec::new() }
    }

    /// Local edits not yet stored.
    pub fn dirty(&self) -> bool {
        !diff(&self.base, &self.local).is_empty()
    }

    pub fn edit(&mut self, field: &str, value: &str) {
        if value.is_empty() {
            self.local.remove(field);
        } else {
            self.local.insert(field.to_string(), value.to_string());
        }
    }

    /// The stored draft now equals what was saved.
    pub fn saved(&mut self, stored: &Content) {
        self.base = canonical(stored);
    }

    /// A newer stored draft arrived. Without local edits it simply replaces
    /// what is shown; with them, the two are merged field by field and
    /// clashes wait in `conflicts` (showing mine until decided).
    pub fn rebase(&mut self, theirs: &Content) {
        let theirs = canonical(theirs);
        if !self.dirty() {
            self.base = theirs.clone();
            self.local = theirs;
            self.conflicts.clear();
            return;
        }
        let m = merge(&self.base, &self.local, &theirs);
        self.base = theirs;
        self.local = m.merged;
        // Earlier unresolved clashes on other fields stay listed.
        let mut conflicts = m.conflicts;
        for old in self.conflicts.drain(..) {
            if !conflicts.iter().any(|c| c.field == old.field) && self.local.get(old.field).map(String::as_str).unwrap_or("") == old.mine {
                conflicts.push(old);
            }
        }
        self.conflicts = conflicts;
    }

    /// Settles one clash: keep my value, or take theirs.
    pub fn resolve(&mut self, field: &str, take_theirs: bool) {
        if let Some(i) = self.conflicts.iter().position(|c| c.field == field) {
            let c = self.conflicts.remove(i);
            if take_theirs {
                self.edit(field, &c.theirs);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(pairs: &[(&str, &str)]) -> Content {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    // Pins: a clean session adopts a newer stored draft as it is.
    #[test]
    fn clean_session_follows_the_store() {
        let mut s = EditSession::new(&content(&[("purpose", "A")]));
        assert!(!s.dirty());
        s.rebase(&content(&[("purpose", "B")]));
        assert_eq!(s.local["purpose"], "B");
        assert!(!s.dirty());
    }

    // Pins: my edit and their edit to different fields both survive; after the
    // merge only my edit is still unsaved.
    #[test]
    fn different_fields_merge() {
        let mut s = EditSession::new(&content(&[("purpose", "A"), ("success", "S")]));
        s.edit("purpose", "A mine");
        s.rebase(&content(&[("purpose", "A"), ("success", "S theirs")]));
        assert!(s.conflicts.is_empty());
        assert_eq!(s.local["purpose"], "A mine");
        assert_eq!(s.local["success"], "S theirs");
        assert!(s.dirty());
        s.saved(&s.local.clone());
        assert!(!s.dirty());
    }

    // Pins: the same field changed both ways is a conflict showing mine until
    // resolved; resolving can take theirs; nothing is lost either way.
    #[test]
    fn same_field_conflicts_until_resolved() {
        let mut s = EditSession::new(&content(&[("purpose", "A")]));
        s.edit("purpose", "mine");
        s.rebase(&content(&[("purpose", "theirs")]));
        assert_eq!(s.conflicts.len(), 1);
        assert_eq!(s.local["purpose"], "mine");
        s.resolve("purpose", true);
        assert!(s.conflicts.is_empty());
        assert_eq!(s.local["purpose"], "theirs");
        assert!(!s.dirty(), "taking theirs leaves nothing to save");
        s.edit("purpose", "");
        assert!(!s.local.contains_key("purpose"));
    }
}
