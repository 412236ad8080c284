//! The entry of the Goals view: the board of the workspace's relationship, read-only once the
//! relationship is closed. Only a change in its life rebuilds the board, not every edit.

use leptos::prelude::*;

use crate::ui::dom::{dyn_view, empty, AnyView};
use crate::ui::env::Env;
use crate::ui::goals::goal_board::goal_board;
use crate::ui::workspace::state::Workspace;

/// GoalsRoot: the Goals view: the goal board of the workspace's
/// relationship. It follows the relationship's life from the shared state:
/// once it closes, the board becomes a read-only record (and if it were
/// ever reopened, writable again). Other changes of the relationship (an
/// agreement being typed) do not rebuild the board.
pub fn goals_root(env: &Env, ws: &Workspace) -> AnyView {
    let book = ws.book;
    let open = Memo::new(move |_| book.with(|b| b.as_ref().map(|b| b.rel.is_open())));
    let (env, me) = (env.clone(), ws.me.clone());
    dyn_view(move || match open.get() {
        Some(_) => {
            let Some(rel) = book.with_untracked(|b| b.as_ref().map(|b| b.rel.clone())) else { return empty() };
            goal_board(&env, me.clone(), rel)
        }
        None => empty(),
    })
}
