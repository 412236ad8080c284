//! The widget's stylesheet is laid out by the reading direction, never by
//! the screen's left and right: Arabic reads right to left, and the widget's
//! root carries `dir="rtl"` for it. A physical property (`margin-left`,
//! `text-align: right`, a four-value `padding` whose two sides differ) would
//! put that side's space or border on the wrong edge in Arabic. `cargo xtask
//! dist` refuses a stylesheet with one; this module finds them.

/// Each physical declaration in `css` as `line: declaration`.
pub fn physical_declarations(css: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut line_no = 1;
    let mut in_comment = false;
    let mut declaration = String::new();
    let mut start_line = 1;
    let mut chars = css.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' {
            line_no += 1;
        }
        if in_comment {
            if c == '*' && chars.peek() == Some(&'/') {
                chars.next();
                in_comment = false;
            }
            continue;
        }
        if c == '/' && chars.peek() == Some(&'*') {
            chars.next();
            in_comment = true;
            continue;
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

/// Why a declaration is physical, if it is.
fn physical(declaration: &str) -> Option<&'static str> {
    let (property, value) = declaration.split_once(':')?;
    let property = property.trim().to_ascii_lowercase();
    let value = value.trim().to_ascii_lowercase();
    let words: Vec<&str> = value.split_whitespace().collect();
    if property.starts_with("--") {
        return None;
    }
    if property
        .split('-')
        .any(|part| part == "left" || part == "right")
    {
        return Some("a left or right property: use its inline-start or inline-end form");
    }
    if matches!(
        property.as_str(),
        "text-align" | "float" | "clear" | "justify-self" | "justify-items"
    ) && words.iter().any(|w| *w == "left" || *w == "right")
    {
        return Some("left or right as a value: use start or end");
    }
    // Four sides in one value (top right bottom left): fine only when the
    // two horizontal sides are the same.
    if matches!(
        property.as_str(),
        "margin" | "padding" | "inset" | "border-width" | "border-style" | "border-color"
    ) && words.len() == 4
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
            return Some(
                "corners that differ left to right: use border-start-start-radius and its kin",
            );
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    // Pins: the shipped stylesheet has no physical declaration.
    #[test]
    fn the_widgets_stylesheet_follows_the_reading_direction() {
        let css = include_str!("../../www/widget.css");
        assert_eq!(physical_declarations(css), Vec::<String>::new());
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
