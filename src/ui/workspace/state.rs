//! What every open view of one relationship shares, read once when the
//! relationship opens and kept current from the host's change notices: a
//! partner's edit, a close, a new version in force or a goal achieved shows
//! in every view without each view reading it again. Not a component.

use leptos::prelude::*;

use crate::domain::person::Person;
use crate::domain::route::Tab;
use crate::ui::agreement::actions::Loaded;
use crate::ui::checkins::book::{Book, Piece};

#[derive(Clone)]
pub struct Workspace {
    pub id: String,
    pub me: Person,
    /// The relationship with its agreement and life, its check-ins and goals.
    pub book: RwSignal<Option<Book>>,
    /// The relationship and its revision as the agreement screens edit it.
    /// Kept in step with `book` both ways (see [`Workspace::link`]), so the
    /// agreement's writes reach the other views and theirs reach it.
    pub doc: RwSignal<Option<Loaded>>,
    /// The view shown.
    pub tab: Memo<Tab>,
}

impl Workspace {
    /// Keeps `doc` and the book's relationship equal. Each direction writes
    /// only when the other side differs, so the pair settles after one step.
    pub fn link(&self) {
        let (book, doc) = (self.book, self.doc);
        let from_book = Memo::new(move |_| book.with(|b| b.as_ref().map(|b| (b.rel.clone(), b.revision.clone()))));
        Effect::new(move |_| {
            if let Some((rel, revision)) = from_book.get() {
                let same = doc.with_untracked(|d| d.as_ref().is_some_and(|d| d.rel == rel && d.revision == revision));
                if !same {
                    doc.set(Some(Loaded { rel, revision }));
                }
            }
        });
        Effect::new(move |_| {
            let Some(loaded) = doc.get() else { return };
            let changed = book.try_update_untracked(|b| b.as_mut().is_some_and(|b| b.apply(Piece::Relationship(loaded.rel, loaded.revision))));
            if changed == Some(true) {
                book.notify();
            }
        });
    }
}
