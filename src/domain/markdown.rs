//! Text people wrote, put into the Markdown exports (the agreement, the
//! closing summary). Stored text is untrusted (the README's threat model): in
//! a Markdown file it must read as the words typed and never become
//! structure of its own (a heading, list, quote, table, link, image, HTML,
//! code) however it is written, or a value could end the section it is in
//! and fake one ("## Signatures").

/// Every character with a meaning in Markdown (CommonMark, and GitHub's
/// tables, strikethrough and math). All are ASCII punctuation, which
/// CommonMark lets a backslash escape anywhere: the text renders exactly as
/// typed, and reads almost as typed in the raw file.
const SPECIAL: &[char] = &['\\', '`', '*', '_', '{', '}', '[', ']', '(', ')', '#', '+', '-', '.', '!', '|', '<', '>', '~', '=', '&', '$'];

/// Everything a renderer may take for the end of a line: CommonMark's LF and
/// CR, and the other breaks editors honour (VT, FF, NEL, U+2028, U+2029).
pub fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// One line's text, escaped. Leading blanks are dropped: four of them would
/// make indented code, and they show nothing in Markdown anyway.
fn line(text: &str, out: &mut String) {
    for c in text.trim_start().chars() {
        if SPECIAL.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Text that must stay on the line it is put in (a name, a list item, a
/// label): line breaks become spaces.
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    line(&text.replace(is_break, " "), &mut out);
    out
}

/// Text of several lines (paragraphs), each line escaped on its own.
pub fn block(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, l) in text.split(is_break).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        line(l, &mut out);
    }
    out
}

/// Whether a line of a Markdown file opens a block (heading, quote, list,
/// rule, HTML, table, fence, setext underline) or indented code: what
/// escaped text must never do. For tests of the exports.
#[cfg(test)]
pub fn opens_block(rest: &str) -> bool {
    let Some(first) = rest.chars().next() else { return false };
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    first.is_whitespace() || "#>-+*=_`~|<[!".contains(first) || (digits > 0 && rest[digits..].starts_with(['.', ')']))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    // Pins: Markdown punctuation is escaped, line breaks end up as spaces
    // inline and as lines in a block, and plain words stay as they are.
    #[test]
    fn escaping() {
        assert_eq!(inline("Lead a team meeting"), "Lead a team meeting");
        assert_eq!(inline("## Signatures"), "\\#\\# Signatures");
        assert_eq!(inline("[x](javascript:alert(1)) <b>"), "\\[x\\]\\(javascript:alert\\(1\\)\\) \\<b\\>");
        assert_eq!(inline("a\n## b\u{2028}c"), "a \\#\\# b c");
        assert_eq!(block("one\n    code\r> quote\n\n1. item"), "one\ncode\n\\> quote\n\n1\\. item");
        assert_eq!(block("Chloé's 50% — ok"), "Chloé's 50% — ok");
    }

    proptest! {
        // Pins: no text, however written, makes a line of an escaped block
        // (or an inline value) open a Markdown block of its own.
        #[test]
        fn escaped_text_never_opens_a_block(text in "(\\PC|[\\n\\r\\t \u{b}\u{c}\u{85}\u{2028}\u{2029}#>=`~|<-]){0,80}") {
            prop_assert!(!inline(&text).contains(is_break));
            prop_assert!(!opens_block(&inline(&text)));
            for l in block(&text).split('\n') {
                prop_assert!(!l.contains(is_break));
                prop_assert!(!opens_block(l), "{l:?}");
            }
        }
    }
}
