//! Which answer a list shows when its reads overlap.
//!
//! A list of stored documents (a relationship's goals) is read whole when it
//! opens and after its own writes, and one document at a time when the host
//! says a document changed. Reads run side by side and a host may answer
//! them in any order: the answer to an older read must not replace what a
//! newer read of the same document already showed, or a partner's edit
//! would be shown and then taken back by a slower, older answer.
//!
//! The rule: reads are numbered as they begin, and for each document the
//! answer of the read begun last wins, whatever the order the answers come
//! in. A read begun after a change sees that change (the host notices a
//! change once it is stored), so once every answer is in, the list shows
//! the store as it is.

use crate::domain::map::Map;

/// The reads of one list: see the module.
#[derive(Debug, Default)]
pub struct Reads {
    begun: u64,
    /// For each document's key, the read whose answer is shown.
    shown: Map<u64>,
    /// The newest whole read whose answer is in: it spoke for every
    /// document, those it did not find too (gone as of that read), so an
    /// older answer for any key is refused.
    whole: u64,
}

impl Reads {
    /// A read (of one document or of the whole list) begins: its number.
    pub fn begin(&mut self) -> u64 {
        self.begun += 1;
        self.begun
    }

    /// Whether the answer of read `read` for `key` may be shown: yes unless
    /// the answer of a read begun later is shown already. A yes is kept.
    pub fn take(&mut self, key: &str, read: u64) -> bool {
        if self.shown.get(key).is_some_and(|&at| at > read) || self.whole > read {
            return false;
        }
        self.shown.insert(key.to_string(), read);
        true
    }

    /// Puts the answer of read `read` for one document in `list`: `now` is
    /// the document as read (`None` when it is gone). False when an answer
    /// of a later read is shown, and `list` is left as it was.
    pub fn patch<T>(&mut self, read: u64, list: &mut Vec<T>, key: &str, now: Option<T>, key_of: impl Fn(&T) -> String) -> bool {
        if !self.take(key, read) {
            return false;
        }
        let at = list.iter().position(|t| key_of(t) == key);
        match (at, now) {
            (Some(i), Some(t)) => list[i] = t,
            (Some(i), None) => {
                list.remove(i);
            }
            (None, Some(t)) => list.push(t),
            (None, None) => {}
        }
        true
    }

    /// The list after the answer of read `read` for the whole list: each
    /// document as `loaded` has it, and gone where `loaded` lacks it, except
    /// where the answer of a later read is shown already, which stays.
    pub fn merge<T>(&mut self, read: u64, shown: Vec<T>, loaded: Vec<T>, key_of: impl Fn(&T) -> String) -> Vec<T> {
        let mut later: Vec<(String, T)> = Vec::new();
        for t in shown {
            let key = key_of(&t);
            // Taken here even when `loaded` lacks it: gone as of this read,
            // so an older answer that still had it cannot bring it back.
            if !self.take(&key, read) {
                later.push((key, t));
            }
        }
        let mut list = Vec::new();
        for t in loaded {
            let key = key_of(&t);
            match later.iter().position(|(k, _)| *k == key) {
                Some(i) => list.push(later.remove(i).1),
                None if self.take(&key, read) => list.push(t),
                // A later read found it gone.
                None => {}
            }
        }
        list.extend(later.into_iter().map(|(_, t)| t));
        self.whole = self.whole.max(read);
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    type Doc = (String, u32);

    fn key_of(d: &Doc) -> String {
        d.0.clone()
    }

    fn sorted(mut v: Vec<Doc>) -> Vec<Doc> {
        v.sort();
        v
    }

    #[test]
    fn an_older_answer_arriving_last_does_not_undo_a_newer_one() {
        let mut reads = Reads::default();
        let mut list = vec![("a".to_string(), 1)];
        let old = reads.begin();
        let new = reads.begin();
        assert!(reads.patch(new, &mut list, "a", Some(("a".into(), 3)), key_of));
        assert!(!reads.patch(old, &mut list, "a", Some(("a".into(), 2)), key_of));
        assert_eq!(list, vec![("a".to_string(), 3)]);
    }

    #[test]
    fn a_whole_list_read_keeps_what_later_reads_showed_and_takes_the_rest() {
        let mut reads = Reads::default();
        let whole = reads.begin();
        let one = reads.begin();
        let mut list = vec![("a".to_string(), 1), ("b".to_string(), 1)];
        // A partner changed "a" and deleted "b" after the whole read began.
        assert!(reads.patch(one, &mut list, "a", Some(("a".into(), 2)), key_of));
        let gone = reads.begin();
        assert!(reads.patch(gone, &mut list, "b", None, key_of));
        let loaded = vec![("a".to_string(), 1), ("b".to_string(), 1), ("c".to_string(), 1)];
        let merged = reads.merge(whole, list, loaded, key_of);
        assert_eq!(sorted(merged), vec![("a".to_string(), 2), ("c".to_string(), 1)]);
    }

    #[test]
    fn a_whole_list_read_drops_what_it_no_longer_finds() {
        let mut reads = Reads::default();
        let first = reads.begin();
        let list = reads.merge(first, Vec::new(), vec![("a".to_string(), 1), ("b".to_string(), 1)], key_of);
        let second = reads.begin();
        let list = reads.merge(second, list, vec![("b".to_string(), 2)], key_of);
        assert_eq!(list, vec![("b".to_string(), 2)]);
    }

    /// One step of a session: a write to the store (then a read of that
    /// document begins, as the host's notice asks), or a whole-list read.
    #[derive(Clone, Debug)]
    /// (A write's notice that arrives before the list was read whole once
    /// starts a whole read instead: `WriteThenWholeRead`.)
    enum Step {
        Write(u8, Option<u32>),
        WriteThenWholeRead(u8, Option<u32>),
        WholeRead,
    }

    fn step() -> impl Strategy<Value = Step> {
        let write = || (0u8..4, proptest::option::of(0u32..100));
        prop_oneof![write().prop_map(|(k, v)| Step::Write(k, v)), write().prop_map(|(k, v)| Step::WriteThenWholeRead(k, v)), Just(Step::WholeRead)]
    }

    /// A document created, then deleted, each change seen by a whole read
    /// (the list was not read whole yet), answered newest first and the
    /// opening read last: it stays deleted.
    #[test]
    fn a_document_deleted_between_whole_reads_stays_deleted() {
        let mut reads = Reads::default();
        let first = reads.begin();
        let created = reads.begin();
        let deleted = reads.begin();
        let list = reads.merge(deleted, Vec::new(), Vec::new(), key_of);
        let list = reads.merge(created, list, vec![("a".to_string(), 1)], key_of);
        let list = reads.merge(first, list, Vec::new(), key_of);
        assert_eq!(list, Vec::<Doc>::new());
    }

    /// A read's answer: the store as it was when the read began.
    enum Answer {
        One(u64, String, Option<u32>),
        Whole(u64, Vec<Doc>),
    }

    proptest! {
        /// Whatever the order the answers arrive in, once all are in the
        /// list shows the store as it is: the rule of the module.
        #[test]
        fn once_every_answer_is_in_the_list_is_the_store(steps in proptest::collection::vec(step(), 1..24), order in proptest::collection::vec(any::<u32>(), 24)) {
            let mut store: Vec<Doc> = Vec::new();
            let mut reads = Reads::default();
            let mut answers = vec![Answer::Whole(reads.begin(), Vec::new())];
            for s in steps {
                match s {
                    Step::Write(k, v) => {
                        let key = format!("k{k}");
                        store.retain(|d| d.0 != key);
                        if let Some(v) = v {
                            store.push((key.clone(), v));
                        }
                        answers.push(Answer::One(reads.begin(), key.clone(), v));
                    }
                    Step::WriteThenWholeRead(k, v) => {
                        let key = format!("k{k}");
                        store.retain(|d| d.0 != key);
                        if let Some(v) = v {
                            store.push((key, v));
                        }
                        answers.push(Answer::Whole(reads.begin(), store.clone()));
                    }
                    Step::WholeRead => answers.push(Answer::Whole(reads.begin(), store.clone())),
                }
            }
            // The answers in a shuffled order.
            let mut keyed: Vec<(u32, Answer)> = answers.into_iter().enumerate().map(|(i, a)| (order[i % order.len()].wrapping_add(i as u32), a)).collect();
            keyed.sort_by_key(|(o, _)| *o);
            let mut list: Vec<Doc> = Vec::new();
            for (_, answer) in keyed {
                match answer {
                    Answer::One(read, key, v) => {
                        reads.patch(read, &mut list, &key, v.map(|v| (key.clone(), v)), key_of);
                    }
                    Answer::Whole(read, docs) => list = reads.merge(read, list, docs, key_of),
                }
            }
            prop_assert_eq!(sorted(list), sorted(store));
        }
    }
}
