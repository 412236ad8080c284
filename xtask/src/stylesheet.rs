//! The widget's stylesheet is laid out by the reading direction, never by
//! the screen's left and right: Arabic reads right to left, and the widget's
//! root carries `dir="rtl"` for it. A physical property (`margin-left`,
//! `text-align: right`, a four-value `padding` whose two sides differ) would
//! put that side's space or border on the wrong edge in Arabic. `cargo xtask
//! dist` refuses a stylesheet with one; this module finds them.
//!
//! The styles come in two files (see `src/ui/style.rs`): `widget.css`, in
//! the first load, and `widget.views.css`, in the workspace's chunk. A rule
//! the home needs must be in the first: `misplaced_rules` finds a rule of
//! the second that styles nothing but classes the home's code uses.

/// `css` with each comment blanked: its characters become spaces, its line
/// breaks stay, so line numbers still hold.
fn without_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = rest.find("/*") {
        out.push_str(&rest[..at]);
        let end = rest[at + 2..].find("*/").map_or(rest.len(), |e| at + 2 + e + 2);
        out.extend(rest[at..end].chars().map(|c| if c == '\n' { '\n' } else { ' ' }));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Each physical declaration in `css` as `line: declaration`.
pub fn physical_declarations(css: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut line_no = 1;
    let mut declaration = String::new();
    let mut start_line = 1;
    for c in without_comments(css).chars() {
        if c == '\n' {
            line_no += 1;
        }
        match c {
            // A declaration ends at `;` or at its block's end; what precedes
            // `{` is a selector, not a declaration.
            ';' | '}' | '{' => {
                if c != '{' {
                    if let Some(why) = physical(declaration.trim()) {
                        found.push(format!("{start_line}: {} ({why})", declaration.trim()));
                    }
                }
                declaration.clear();
            }
            _ => {
                if declaration.trim().is_empty() {
                    start_line = line_no;
                }
                declaration.push(c);
            }
        }
    }
    found
}

/// Where the home's code lives: the main module's components (the shell,
/// the home, the start form, the chunk loading states) and the kit every
/// form is built from (`src/ui/kit`).
pub const HOME_SOURCES: &[&str] = &["src/embed.rs", "src/ui/shell", "src/ui/relationships", "src/ui/workspace/views.rs", "src/ui/dom.rs", "src/ui/kit"];

/// Every `mw-…` name in the home's code (`HOME_SOURCES` under `root`).
pub fn home_names(root: &std::path::Path) -> Result<std::collections::BTreeSet<String>, String> {
    let mut names = std::collections::BTreeSet::new();
    let mut files: Vec<std::path::PathBuf> = HOME_SOURCES.iter().map(|p| root.join(p)).collect();
    while let Some(path) = files.pop() {
        if path.is_dir() {
            for entry in std::fs::read_dir(&path).map_err(|e| format!("{}: {e}", path.display()))? {
                files.push(entry.map_err(|e| e.to_string())?.path());
            }
        } else {
            names.extend(mw_names(&std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?));
        }
    }
    Ok(names)
}

/// The `mw-…` names that appear in `text` (classes, ids and keys alike).
pub fn mw_names(text: &str) -> std::collections::BTreeSet<String> {
    let mut names = std::collections::BTreeSet::new();
    let bytes = text.as_bytes();
    let is_name = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_';
    let mut i = 0;
    while let Some(at) = text[i..].find("mw-").map(|a| a + i) {
        let boundary = at == 0 || !is_name(bytes[at - 1]);
        let end = (at..bytes.len()).find(|&j| !is_name(bytes[j])).unwrap_or(bytes.len());
        if boundary {
            names.insert(text[at..end].trim_end_matches('-').to_string());
        }
        i = end.max(at + 3);
    }
    names
}

/// The selectors of `css` (comments dropped, `@media` blocks opened, lists
/// split), each with the classes it names.
fn selectors(css: &str) -> Vec<(String, Vec<String>)> {
    let text = without_comments(css);
    let mut found = Vec::new();
    let mut prelude = String::new();
    let mut depth_in_rule = 0usize;
    for c in text.chars() {
        match c {
            '{' if depth_in_rule == 0 => {
                let selector = prelude.trim().to_string();
                prelude.clear();
                if selector.starts_with("@media") || selector.starts_with("@supports") {
                    continue; // its rules are read as top-level ones
                }
                depth_in_rule = 1;
                if selector.starts_with('@') {
                    continue; // @keyframes and the like: no selector
                }
                // Each selector of a list on its own (commas inside `:not(…)`
                // or `:has(…)` do not separate).
                let mut parts = Vec::new();
                let (mut depth, mut start) = (0, 0);
                for (i, c) in selector.char_indices() {
                    match c {
                        '(' => depth += 1,
                        ')' => depth -= 1,
                        ',' if depth == 0 => {
                            parts.push(&selector[start..i]);
                            start = i + 1;
                        }
                        _ => {}
                    }
                }
                parts.push(&selector[start..]);
                for part in parts {
                    let classes = part
                        .split('.')
                        .skip(1)
                        .map(|p| p.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect::<String>())
                        .filter(|c| c.starts_with("mw-"))
                        .collect();
                    found.push((part.trim().to_string(), classes));
                }
            }
            '{' => depth_in_rule += 1,
            '}' if depth_in_rule > 0 => depth_in_rule -= 1,
            '}' => prelude.clear(), // the end of an @media block
            _ if depth_in_rule == 0 => prelude.push(c),
            _ => {}
        }
    }
    found
}

/// The selectors of `views_css` that name no class, or only classes of
/// `home`: such a rule may style what the home shows, which it would not
/// until a workspace opened (and then would, on the same page).
pub fn misplaced_rules(views_css: &str, home: &std::collections::BTreeSet<String>) -> Vec<String> {
    selectors(views_css).into_iter().filter(|(_, classes)| classes.iter().all(|c| home.contains(c))).map(|(selector, _)| selector).collect()
}

/// Why a declaration is physical, if it is.
fn physical(declaration: &str) -> Option<&'static str> {
    let (property, value) = declaration.split_once(':')?;
    let property = property.trim().to_ascii_lowercase();
    let value = value.trim().to_ascii_lowercase();
    let words: Vec<&str> = value.split_whitespace().collect();
    if property.starts_with("--") {
        return None;
    }
    if property.split('-').any(|part| part == "left" || part == "right") {
        return Some("a left or right property: use its inline-start or inline-end form");
    }
    if matches!(property.as_str(), "text-align" | "float" | "clear" | "justify-self" | "justify-items") && words.iter().any(|w| *w == "left" || *w == "right") {
        return Some("left or right as a value: use start or end");
    }
    // Four sides in one value (top right bottom left): fine only when the
    // two horizontal sides are the same.
    if matches!(property.as_str(), "margin" | "padding" | "inset" | "border-width" | "border-style" | "border-color")
        && words.len() == 4
        && words[1] != words[3]
    {
        return Some("different left and right sides: use the -inline form");
    }
    // Corners: top-left top-right bottom-right bottom-left.
    if property == "border-radius" && !value.contains('/') {
        let corners = match words.as_slice() {
            [a, b, c] => [*a, *b, *c, *b],
            [a, b, c, d] => [*a, *b, *c, *d],
            _ => return None,
        };
        if corners[0] != corners[1] || corners[2] != corners[3] {
            return Some("corners that differ left to right: use border-start-start-radius and its kin");
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    // Pins: the shipped stylesheets have no physical declaration.
    #[test]
    fn the_widgets_stylesheet_follows_the_reading_direction() {
        for css in [include_str!("../../www/widget.css"), include_str!("../../www/widget.views.css")] {
            assert_eq!(physical_declarations(css), Vec::<String>::new());
        }
    }

    fn home_names() -> std::collections::BTreeSet<String> {
        super::home_names(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")).unwrap()
    }

    // Pins: what the home shows is styled by the first load's sheet; the
    // views' sheet has only rules that reach into a view.
    #[test]
    fn the_views_sheet_styles_nothing_the_home_shows_alone() {
        let home = home_names();
        assert!(home.contains("mw-card") && home.contains("mw-combobox") && !home.contains("mw-tabs"), "{home:?}");
        assert_eq!(misplaced_rules(include_str!("../../www/widget.views.css"), &home), Vec::<String>::new());
        // Every class the home's code names that any sheet styles is styled in widget.css.
        let first: std::collections::BTreeSet<String> = selectors(include_str!("../../www/widget.css")).into_iter().flat_map(|(_, c)| c).collect();
        let views: std::collections::BTreeSet<String> = selectors(include_str!("../../www/widget.views.css")).into_iter().flat_map(|(_, c)| c).collect();
        let only_later: Vec<&String> = home.iter().filter(|n| views.contains(*n) && !first.contains(*n)).collect();
        assert_eq!(only_later, Vec::<&String>::new());
    }

    // Pins: the check itself: a rule of home classes only is misplaced, a
    // rule that reaches into a view's element is not; comments, @media and
    // attribute selectors are read through.
    #[test]
    fn a_home_rule_in_the_views_sheet_is_found() {
        let home: std::collections::BTreeSet<String> = ["mw-card", "mw-heading"].map(String::from).into();
        let css = "/* .mw-card { } */\n.mw-card .mw-heading { color: red; }\n@media print { .mw-page .mw-heading { x: y; } :host([data-mw-printing]) .mw-card { z: 1; } }\n.mw-tabs { a: b; }\n\
                   .mw-tab, .mw-card { c: d; }\n.mw-tab:not(.mw-x, .mw-y) { e: f; }\n:host { color: black; }\n@keyframes mw-pop { 0% { g: h; } }";
        assert_eq!(misplaced_rules(css, &home), [".mw-card .mw-heading", ":host([data-mw-printing]) .mw-card", ".mw-card", ":host"]);
        assert_eq!(
            mw_names("class(\"mw-card mw-card--broken\") format!(\"mw-partner-option-{i}\") xmw-no"),
            ["mw-card", "mw-card--broken", "mw-partner-option"].map(String::from).into()
        );
    }

    // Pins: every physical form is found, with its line; logical forms,
    // symmetric shorthands, custom properties and comments are not.
    #[test]
    fn physical_forms_are_found() {
        let css = ".a { margin-left: 1em; padding: 0 0 0 1em; }\n\
                   .b { text-align: right; border-radius: 0 4px 4px 0; left: 0 }\n\
                   .c { border-top-left-radius: 2px; float: left; }";
        let found = physical_declarations(css);
        assert_eq!(found.len(), 7, "{found:#?}");
        assert!(found[0].starts_with("1: margin-left: 1em"));
        assert!(found[2].starts_with("2: text-align: right"));
        assert!(found[5].starts_with("3: border-top-left-radius"));
        let fine = "/* margin-left: 1em; */ .a:hover { margin-inline-start: 1em; padding: 1em 2em 3em 2em; \
                    text-align: start; border-radius: 4px 4px 0 0; --left-gap: 1px; inset-inline: 0; }";
        assert_eq!(physical_declarations(fine), Vec::<String>::new());
    }
}
