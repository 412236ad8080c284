//! Filling a text's placeholders: `{name}` takes a value, `{n, number}`
//! takes a number written the language's way ("1.234" in German, "١٢" in
//! Egyptian Arabic), and a plural block `{n, plural, one {# day} other {# days}}`
//! picks the form the language uses for that number (the ICU MessageFormat
//! subset translators know). Inside a form, `#` is the number, written the
//! language's way too. Callers pass numbers as plain digits ("12"); how a
//! language writes and counts them is asked of [`LocaleRules`]: the
//! browser's `Intl.NumberFormat` and `Intl.PluralRules` in the widget,
//! English's rules in native tests.

/// The plural category (`zero`, `one`, `two`, `few`, `many`, `other`) of a
/// number in a locale.
pub type PluralRule = fn(locale: &str, n: f64) -> &'static str;

/// A whole number as a locale writes it.
pub type NumberRule = fn(locale: &str, n: i64) -> String;

/// How one locale counts and writes numbers.
#[derive(Clone, Copy, Debug)]
pub struct LocaleRules {
    pub plural: PluralRule,
    pub number: NumberRule,
}

/// English's rules, for code and tests that run without a browser.
pub const ENGLISH_RULES: LocaleRules = LocaleRules { plural: english_plural, number: plain_number };

/// English's rule, for code and tests that run without a browser.
pub fn english_plural(_locale: &str, n: f64) -> &'static str {
    if n == 1.0 {
        "one"
    } else {
        "other"
    }
}

/// Digits as they are, for code and tests that run without a browser.
pub fn plain_number(_locale: &str, n: i64) -> String {
    n.to_string()
}

/// `template` with its placeholders filled from `args`. Values are inserted
/// as they are, never read again, so a value holding `{x}` or `#` stays
/// text. A placeholder without a value, and a stray brace, stay visible.
pub fn fill(template: &str, args: &[(&str, &str)], locale: &str, rules: LocaleRules) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    fill_into(&mut out, template, args, locale, rules, None);
    out
}

/// `value` written as `locale` writes numbers, when it is a whole number;
/// else as it is, so a wrong value shows instead of vanishing.
fn number(value: &str, locale: &str, rules: LocaleRules) -> String {
    // Counts are whole numbers: parsing them as integers keeps the float
    // parser out of the first load.
    match value.trim().parse::<i64>() {
        Ok(n) => (rules.number)(locale, n),
        Err(_) => value.to_string(),
    }
}

fn fill_into(out: &mut String, template: &str, args: &[(&str, &str)], locale: &str, rules: LocaleRules, hash: Option<&str>) {
    let mut rest = template;
    while let Some(i) = rest.find(['{', '#']) {
        out.push_str(&rest[..i]);
        if rest.as_bytes()[i] == b'#' {
            match hash {
                Some(v) => out.push_str(&number(v, locale, rules)),
                None => out.push('#'),
            }
            rest = &rest[i + 1..];
            continue;
        }
        let Some(len) = block_len(&rest[i..]) else {
            out.push_str(&rest[i..]);
            return;
        };
        let inner = &rest[i + 1..i + len - 1];
        match inner.split_once(',') {
            Some((var, tail)) if tail.trim_start().starts_with("plural,") => {
                let forms = tail.trim_start()["plural,".len()..].trim_start();
                let value = args.iter().find(|(n, _)| *n == var.trim()).map(|(_, v)| *v);
                match value.and_then(|v| pick(forms, v.trim().parse::<i64>().ok().map(|n| (rules.plural)(locale, n as f64)))) {
                    Some(body) => fill_into(out, body, args, locale, rules, value),
                    None => out.push_str(&rest[i..i + len]),
                }
            }
            Some((var, kind)) if kind.trim() == "number" => match args.iter().find(|(n, _)| *n == var.trim()) {
                Some((_, v)) => out.push_str(&number(v, locale, rules)),
                None => out.push_str(&rest[i..i + len]),
            },
            _ => match args.iter().find(|(n, _)| *n == inner) {
                Some((_, v)) => out.push_str(v),
                None => out.push_str(&rest[i..i + len]),
            },
        }
        rest = &rest[i + len..];
    }
    out.push_str(rest);
}

/// The length of the brace block at the start of `s`, counting nested
/// blocks; `None` when it never closes.
fn block_len(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in s.bytes().enumerate() {
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// The forms of a plural block (`one {…} other {…}`), as (category, body).
pub fn forms(mut s: &str) -> Option<Vec<(&str, &str)>> {
    let mut found = Vec::new();
    loop {
        s = s.trim_start();
        if s.is_empty() {
            return Some(found);
        }
        let open = s.find('{')?;
        let category = s[..open].trim();
        if category.is_empty() || !category.bytes().all(|b| b.is_ascii_lowercase()) {
            return None;
        }
        let len = block_len(&s[open..])?;
        found.push((category, &s[open + 1..open + len - 1]));
        s = &s[open + len..];
    }
}

/// The body for `category`, else the `other` form every block must have.
fn pick<'a>(forms_text: &'a str, category: Option<&str>) -> Option<&'a str> {
    let forms = forms(forms_text)?;
    let find = |c: &str| forms.iter().find(|(k, _)| *k == c).map(|(_, b)| *b);
    category.and_then(find).or_else(|| find("other"))
}

/// The placeholders a text uses, and for each plural block its variable
/// and categories: what a translation must keep the same as English.
#[derive(Debug, Default, PartialEq)]
pub struct Shape {
    pub names: std::collections::BTreeSet<String>,
    /// The placeholders written as numbers (`{n, number}`).
    pub numbers: std::collections::BTreeSet<String>,
    pub plurals: Vec<(String, Vec<String>)>,
}

/// The shape of `template`, or why it is malformed (a brace that never
/// closes, a plural block without `other`).
pub fn shape(template: &str) -> Result<Shape, String> {
    let mut shape = Shape::default();
    shape_into(template, &mut shape)?;
    Ok(shape)
}

fn shape_into(template: &str, shape: &mut Shape) -> Result<(), String> {
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        let len = block_len(&rest[i..]).ok_or_else(|| format!("a brace never closes in \"{template}\""))?;
        let inner = &rest[i + 1..i + len - 1];
        match inner.split_once(',') {
            Some((var, tail)) if tail.trim_start().starts_with("plural,") => {
                let list =
                    forms(tail.trim_start()["plural,".len()..].trim_start()).ok_or_else(|| format!("a plural block does not parse in \"{template}\""))?;
                if !list.iter().any(|(c, _)| *c == "other") {
                    return Err(format!("a plural block has no `other` form in \"{template}\""));
                }
                shape.names.insert(var.trim().to_string());
                shape.plurals.push((var.trim().to_string(), list.iter().map(|(c, _)| c.to_string()).collect()));
                for (_, body) in list {
                    shape_into(body, shape)?;
                }
            }
            Some((var, kind)) if kind.trim() == "number" => {
                shape.names.insert(var.trim().to_string());
                shape.numbers.insert(var.trim().to_string());
            }
            _ => {
                shape.names.insert(inner.to_string());
            }
        }
        rest = &rest[i + len..];
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arabic(_: &str, n: f64) -> &'static str {
        match n as i64 {
            0 => "zero",
            1 => "one",
            2 => "two",
            3..=10 => "few",
            11..=99 => "many",
            _ => "other",
        }
    }

    /// Arabic-Indic digits, as `Intl.NumberFormat("ar-EG")` writes them.
    fn arabic_digits(_: &str, n: i64) -> String {
        n.to_string().chars().map(|c| c.to_digit(10).map_or(c, |d| char::from_u32(0x660 + d).unwrap())).collect()
    }

    const AR: LocaleRules = LocaleRules { plural: arabic, number: arabic_digits };

    // Pins: values go in once; unknown placeholders and stray braces stay.
    #[test]
    fn placeholders() {
        assert_eq!(fill("Signed in as {name}", &[("name", "Ana {x} #")], "en", ENGLISH_RULES), "Signed in as Ana {x} #");
        assert_eq!(fill("{name} & {other} {", &[("name", "Ben")], "en", ENGLISH_RULES), "Ben & {other} {");
        assert_eq!(fill("no braces", &[], "en", ENGLISH_RULES), "no braces");
        assert_eq!(fill("a } b", &[], "en", ENGLISH_RULES), "a } b");
    }

    // Pins: the form follows the language's rule; `#` is the number; a
    // missing form falls back to `other`; a value that is not a number
    // takes `other` too.
    #[test]
    fn plurals() {
        let t = "in {n, plural, one {# day} other {# days}} on {date}";
        assert_eq!(fill(t, &[("n", "1"), ("date", "May 2")], "en", ENGLISH_RULES), "in 1 day on May 2");
        assert_eq!(fill(t, &[("n", "3"), ("date", "May 2")], "en", ENGLISH_RULES), "in 3 days on May 2");
        assert_eq!(fill(t, &[("n", "x")], "en", ENGLISH_RULES), "in x days on {date}");
        let ar = "{n, plural, zero {لا أيام} one {يوم واحد} two {يومان} few {# أيام} many {# يومًا} other {# يوم}}";
        assert_eq!(fill(ar, &[("n", "2")], "ar", AR), "يومان");
        assert_eq!(fill(ar, &[("n", "7")], "ar", AR), "٧ أيام");
        assert_eq!(fill(ar, &[("n", "11")], "ar", AR), "١١ يومًا");
        assert_eq!(fill(ar, &[("n", "100")], "ar", AR), "١٠٠ يوم");
        assert_eq!(fill("{n, plural, other {# x}}", &[("n", "1")], "en", ENGLISH_RULES), "1 x");
        // No value: the block shows as written, so the gap is visible.
        assert_eq!(fill("{n, plural, one {a} other {b}}", &[], "en", ENGLISH_RULES), "{n, plural, one {a} other {b}}");
        // `{n, number}` is written the language's way; a value that is not
        // a whole number stays as given; a name without a value stays visible.
        assert_eq!(fill("{n, number}% of {t}", &[("n", "45"), ("t", "12")], "ar", AR), "٤٥% of 12");
        assert_eq!(fill("{n, number}", &[("n", "4.5")], "ar", AR), "4.5");
        assert_eq!(fill("{m, number}", &[("n", "4")], "ar", AR), "{m, number}");
        // A `#` outside a plural block is text.
        assert_eq!(fill("# {n}", &[("n", "2")], "en", ENGLISH_RULES), "# 2");
    }

    // Pins: the shape names every placeholder and plural block, and
    // malformed texts are refused with a reason.
    #[test]
    fn shapes() {
        let s = shape("{date}: {n, plural, one {# day with {name}} other {# days}}").unwrap();
        assert_eq!(s.names.into_iter().collect::<Vec<_>>(), ["date", "n", "name"]);
        assert_eq!(s.plurals, [("n".to_string(), vec!["one".to_string(), "other".to_string()])]);
        let s = shape("{n, number}% and {max}").unwrap();
        assert_eq!(s.names.into_iter().collect::<Vec<_>>(), ["max", "n"]);
        assert_eq!(s.numbers.into_iter().collect::<Vec<_>>(), ["n"]);
        assert!(shape("{n, plural, one {x}}").unwrap_err().contains("other"));
        assert!(shape("{n").is_err());
        assert!(shape("{n, plural, one {x} other {y}").is_err());
    }
}
