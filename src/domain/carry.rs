//! How a change meets a document someone else stored meanwhile: the rule
//! each kind of change gives the one save path (`bridge::save`).

/// What to do with my change now that `theirs` is stored.
#[derive(Clone, Debug, PartialEq)]
pub enum Carry<T, X> {
    /// The change carried over theirs: write this.
    Write(T),
    /// Theirs already holds the change (an earlier answer was lost): done.
    Already,
    /// Both changed the same thing: this (mine showing) waits for the person.
    Clash(T, X),
    /// The change no longer applies to theirs (what was signed changed).
    Refuse(X),
}

/// Carries a step (sign, close, start a draft…) over theirs by doing it
/// again there: `step` returns `Ok(true)` when it changed the document,
/// `Ok(false)` when theirs already has it done, `Err` when it no longer applies.
pub fn again<T: Clone, X>(theirs: &T, step: impl FnOnce(&mut T) -> Result<bool, X>) -> Carry<T, X> {
    let mut t = theirs.clone();
    match step(&mut t) {
        Ok(true) => Carry::Write(t),
        Ok(false) => Carry::Already,
        Err(why) => Carry::Refuse(why),
    }
}
