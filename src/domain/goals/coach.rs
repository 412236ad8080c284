//! The SMART coach: deterministic rules that look at a goal the way a good
//! mentor would, letter by letter, and say kindly what is missing. No
//! network, no model: the same goal always gets the same hints.

use super::model::Goal;
use crate::domain::dates::Date;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Letter {
    S,
    M,
    A,
    R,
    T,
}

/// One gap, as a message key (the text is kind and says what to add).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hint {
    pub letter: Letter,
    pub key: &'static str,
}

const fn hint(letter: Letter, key: &'static str) -> Hint {
    Hint { letter, key }
}

/// Words that make a goal sound like a wish rather than a target, unless a
/// number or a clear measure pins it down.
const VAGUE: &[&str] = &[
    "better",
    "improve",
    "improving",
    "more",
    "learn about",
    "get good at",
    "work on",
    "understand",
    "be more",
    "try to",
    "various",
    "stuff",
    "things",
    "etc",
    "somehow",
    "generally",
    "a bit",
    "a lot",
    "grow",
    "develop",
    "enhance",
    "boost",
];

/// Words too common to show that two texts are about the same thing.
const STOP: &[&str] = &[
    "about",
    "after",
    "again",
    "also",
    "because",
    "being",
    "could",
    "every",
    "from",
    "have",
    "into",
    "more",
    "most",
    "other",
    "should",
    "some",
    "such",
    "than",
    "that",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "through",
    "very",
    "what",
    "when",
    "where",
    "which",
    "while",
    "will",
    "with",
    "would",
    "your",
    "ours",
    "ourselves",
    "help",
    "want",
    "make",
    "able",
    "good",
    "better",
];

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| w.to_ascii_lowercase()).collect()
}

fn has_number(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
        || words(text).iter().any(|w| {
            ["one", "two", "three", "four", "five", "six", "ten", "twice", "once", "weekly", "monthly", "daily", "half", "all", "every", "each"]
                .contains(&w.as_str())
        })
}

fn is_vague(text: &str) -> bool {
    let lower = format!(" {} ", words(text).join(" "));
    VAGUE.iter().any(|v| lower.contains(&format!(" {v} "))) && !has_number(text)
}

/// Several goals in one: "and" joining two things to do, or a list.
fn is_several(text: &str) -> bool {
    let w = words(text);
    let ands = w.iter().filter(|x| *x == "and" || *x == "also").count();
    ands >= 2 || text.matches([';', '\n']).count() >= 1 || text.matches(',').count() >= 2
}

/// A crude stem so "presenting" meets "presentations": the first 5 letters
/// of words of 5 letters or more.
fn stems(text: &str) -> Vec<String> {
    words(text).into_iter().filter(|w| w.len() >= 5 && !STOP.contains(&w.as_str())).map(|w| w.chars().take(5).collect()).collect()
}

/// The coach's hints for `goal`, in S-M-A-R-T order. `purpose` is the
/// agreement's purpose (empty when there is none yet); `today` is in the
/// person's own time zone.
pub fn coach(goal: &Goal, purpose: &str, today: Date) -> Vec<Hint> {
    let mut hints = Vec::new();
    let what = format!("{} {}", goal.title, goal.specific);

    // S: specific, one goal at a time.
    if goal.specific.trim().is_empty() && words(&goal.title).len() < 4 {
        hints.push(hint(Letter::S, "coach.s_short"));
    } else if is_vague(&what) && goal.measure.trim().is_empty() {
        hints.push(hint(Letter::S, "coach.s_vague"));
    }
    if is_several(&goal.title) || is_several(&goal.specific) {
        hints.push(hint(Letter::S, "coach.s_several"));
    }

    // M: measurable.
    if goal.measure.trim().is_empty() {
        hints.push(hint(Letter::M, "coach.m_missing"));
    } else if !has_number(&goal.measure) && words(&goal.measure).len() < 4 {
        hints.push(hint(Letter::M, "coach.m_unclear"));
    }

    // A: achievable.
    if goal.achievable.trim().is_empty() {
        hints.push(hint(Letter::A, "coach.a_missing"));
    }

    // R: relevant, to them and to what the pair agreed to work on.
    if goal.relevant.trim().is_empty() {
        hints.push(hint(Letter::R, "coach.r_missing"));
    } else if !purpose.trim().is_empty() {
        let goal_stems = stems(&format!("{what} {} {}", goal.relevant, goal.description));
        let purpose_stems = stems(purpose);
        if !goal_stems.iter().any(|s| purpose_stems.contains(s)) {
            hints.push(hint(Letter::R, "coach.r_unrelated"));
        }
    }

    // T: time-bound.
    match goal.due.as_deref().and_then(Date::parse) {
        None => hints.push(hint(Letter::T, "coach.t_missing")),
        Some(due) if due <= today => hints.push(hint(Letter::T, "coach.t_past")),
        Some(due) if today.days_until(due) > 2 * 366 => hints.push(hint(Letter::T, "coach.t_far")),
        Some(_) => {}
    }
    hints
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::goal;

    const PURPOSE: &str = "Grow as a presenter and lead the team's quarterly planning with confidence.";

    fn today() -> Date {
        Date::parse("2026-11-24").unwrap()
    }

    fn keys(title: &str, specific: &str, measure: &str, achievable: &str, relevant: &str, due: Option<&str>) -> Vec<&'static str> {
        let mut g = goal("g");
        g.title = title.into();
        g.specific = specific.into();
        g.measure = measure.into();
        g.achievable = achievable.into();
        g.relevant = relevant.into();
        g.due = due.map(str::to_string);
        coach(&g, PURPOSE, today()).into_iter().map(|h| h.key).collect()
    }

    // Pins: the coach's verdicts on a table of real-world goal phrasings, from
    // wishes to well-formed SMART goals.
    /// One phrasing: title, specific, measure, achievable, relevant, due date, the hints expected.
    type Case = (&'static str, &'static str, &'static str, &'static str, &'static str, Option<&'static str>, &'static [&'static str]);

    #[test]
    fn phrasing_table() {
        let cases: &[Case] = &[
            // A wish: everything missing.
            ("Get better at presenting", "", "", "", "", None, &["coach.s_vague", "coach.m_missing", "coach.a_missing", "coach.r_missing", "coach.t_missing"]),
            ("Be a leader", "", "", "", "", None, &["coach.s_short", "coach.m_missing", "coach.a_missing", "coach.r_missing", "coach.t_missing"]),
            // Specific, measured, achievable, relevant, dated: no hints.
            (
                "Present the Q1 planning review to the leadership team",
                "A 20-minute talk with slides at the February all-hands",
                "Deliver it, and get a 4 or higher average in the feedback form",
                "I present to my own team every month already",
                "Presenting to leaders is the next step in leading quarterly planning",
                Some("2027-02-15"),
                &[],
            ),
            // A number makes "improve" concrete enough.
            (
                "Improve my presentation feedback score from 3 to 4",
                "Quarterly planning talks",
                "Average score in the feedback form",
                "Two rehearsals with my mentor before each talk",
                "Planning talks are part of leading planning",
                Some("2027-03-31"),
                &[],
            ),
            // Several goals in one.
            (
                "Lead planning, and run retros, and mentor a junior",
                "",
                "Three things done",
                "Time agreed with my manager",
                "Leading planning",
                Some("2027-01-31"),
                &["coach.s_several"],
            ),
            (
                "Write the planning guide; present it",
                "",
                "Guide published and presented once",
                "Have the material",
                "Planning is what we agreed to work on",
                Some("2027-01-31"),
                &["coach.s_several"],
            ),
            // Measure present but vague.
            (
                "Speak at the quarterly planning meeting",
                "Open the meeting with the numbers",
                "feel confident",
                "I know the numbers",
                "Leading planning",
                Some("2027-01-31"),
                &["coach.m_unclear"],
            ),
            // Unrelated to the agreement's purpose.
            (
                "Run a half marathon in under two hours",
                "The city race in April",
                "Official race time under 2:00:00",
                "I run three times a week already",
                "I enjoy running",
                Some("2027-04-20"),
                &["coach.r_unrelated"],
            ),
            // Dates: in the past, today, too far.
            (
                "Present the Q1 planning review to leadership",
                "",
                "Delivered once",
                "I present monthly",
                "Leading planning",
                Some("2026-11-01"),
                &["coach.t_past"],
            ),
            (
                "Present the Q1 planning review to leadership",
                "",
                "Delivered once",
                "I present monthly",
                "Leading planning",
                Some("2026-11-24"),
                &["coach.t_past"],
            ),
            (
                "Present the Q1 planning review to leadership",
                "",
                "Delivered once",
                "I present monthly",
                "Leading planning",
                Some("2030-01-01"),
                &["coach.t_far"],
            ),
            (
                "Present the Q1 planning review to leadership",
                "",
                "Delivered once",
                "I present monthly",
                "Leading planning",
                Some("not a date"),
                &["coach.t_missing"],
            ),
            // "Learn about" with nothing concrete.
            (
                "Learn about stakeholder management",
                "",
                "",
                "My manager supports it",
                "Planning needs stakeholders",
                Some("2027-06-01"),
                &["coach.s_vague", "coach.m_missing"],
            ),
            // Vague words are fine when the measure pins them down.
            (
                "Get better at estimating planning work",
                "My sprint estimates",
                "Within 20% of actual for 3 sprints running",
                "I track my estimates already",
                "Planning relies on estimates",
                Some("2027-03-01"),
                &[],
            ),
        ];
        for (title, specific, measure, achievable, relevant, due, want) in cases {
            assert_eq!(&keys(title, specific, measure, achievable, relevant, *due), want, "for {title:?}");
        }
    }

    // Pins: without an agreement purpose the relevance check only asks for a reason.
    #[test]
    fn no_purpose_no_relatedness_check() {
        let mut g = goal("g");
        g.relevant = "I enjoy running".into();
        let hints: Vec<_> = coach(&g, "", today()).into_iter().map(|h| h.key).collect();
        assert!(!hints.contains(&"coach.r_unrelated"));
    }

    // Pins: hints come in S-M-A-R-T order.
    #[test]
    fn hints_are_in_letter_order() {
        let g = goal("g");
        let letters: Vec<Letter> = coach(&g, PURPOSE, today()).into_iter().map(|h| h.letter).collect();
        let mut sorted = letters.clone();
        sorted.sort_by_key(|l| *l as u8);
        assert_eq!(letters, sorted);
    }
}
