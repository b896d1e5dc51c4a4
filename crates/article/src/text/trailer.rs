//! Where a story ends on a saved page: the lines that follow the last paragraph of an article and open
//! the page's trailer (share and like buttons, tags, related and recommended stories, newsletter and donation
//! prompts, the author's biography, contact lines, comment sections, affiliate notes).
//!
//! A trailer line scores like a paragraph in the densest run (it ends like a sentence, it is long), so the
//! run alone does not stop at the story's end; these rules do, once enough of the story has been read.

use super::line::Line;

/// Openings of a line after which a page prints no more of the story.
const TRAILER_OPENINGS: &[&str] = &[
    "share this",
    "share on",
    "share your feedback",
    "like this:",
    "like loading",
    "filed under",
    "tags:",
    "topics:",
    "was this page helpful",
    "previous article",
    "next article",
    "previous post",
    "next post",
    "← previous",
    "before you go",
    "sign up for",
    "get our newsletter",
    "get daily",
    "keep up with",
    "want to keep up",
    "want great stories",
    "sign up to",
    "subscribe to",
    "get the latest",
    "get weekly",
    "donate to",
    "donate now",
    "leave a reply",
    "leave a comment",
    "post navigation",
    "about the author",
    "join the conversation",
    "posting comments",
    "comments are closed",
    "more information:",
    "journal information",
    "copyright",
    "©",
    "if you purchase a product",
    "our journalism needs your support",
    "stay on the cutting edge",
    "reporting by",
    "additional reporting",
    "contributing:",
    "follow us",
    "this story originally appeared",
    "this article originally appeared",
    "this article was originally",
];

/// Openings of a line that points to other stories, inside the story or after it ("Related: …", "Most
/// Popular"): the line is left out, and the story may go on after it.
const LINK_OPENINGS: &[&str] = &[
    "related:",
    "related stories",
    "related articles",
    "related coverage",
    "related content",
    "related posts",
    "read more:",
    "read more about",
    "read more stories",
    "read full story",
    "read next",
    "more from",
    "more stories",
    "more on this",
    "see also:",
    "see more:",
    "recommended for you",
    "recommended stories",
    "you may also like",
    "you might also like",
    "most popular",
    "most read",
    "don't miss",
    "don’t miss",
    "now, see",
];

/// Words that say a line describes the writer rather than the story: "Jo Roe is a reporter at …".
const WRITER_ROLES: &[&str] = &[
    "writer",
    "reporter",
    "editor",
    "journalist",
    "correspondent",
    "contributor",
    "columnist",
    "analyst",
    "author",
    "critic",
    "producer",
    "fellow",
    "dietitian",
];

/// The line points to other stories ("Related: …", "Read more: …", "Most Popular").
pub(super) fn is_story_link(line: &Line<'_>) -> bool {
    if line.words > 24 {
        return false;
    }
    let lower = line.text.to_lowercase();
    let lower = lower.trim_start_matches(['*', '[', '—', '-', ' ']);
    LINK_OPENINGS.iter().any(|p| lower.starts_with(p))
}

/// The line opens the page's trailer: a share prompt, tags, related stories, a newsletter or donation
/// prompt, copyright, a note about the writer or how to reach them.
pub(super) fn opens_trailer(line: &Line<'_>) -> bool {
    let lower = line.text.to_lowercase();
    let lower = lower.trim_start_matches(['*', '[', '—', '-', ' ']);
    if is_correction(lower) {
        // At any length: a correction restates what the story got wrong.
        return true;
    }
    if line.words > 60 || line.text.len() > 600 {
        return false;
    }
    (line.words <= 40 && TRAILER_OPENINGS.iter().any(|p| lower.starts_with(p)))
        || (!line.ends_sentence() && LABEL_OPENINGS.iter().any(|p| lower.starts_with(p)))
        || is_writer_note(&line.text, lower)
        || is_follow_prompt(line, lower)
}

/// "Follow the Ledger's news page on Facebook", "Follow Jo Roe on Instagram and Twitter, or subscribe to …".
fn is_follow_prompt(line: &Line<'_>, lower: &str) -> bool {
    line.words <= 40
        && lower.starts_with("follow ")
        && [
            " on facebook",
            " on instagram",
            " on twitter",
            " on x",
            " on tiktok",
            " on threads",
            " on linkedin",
            " on youtube",
        ]
        .iter()
        .any(|p| lower.contains(p))
}

/// A correction or clarification printed under the story: "Correction: December 20, 2023:", "Clarification,
/// 2 January 2024: This story has been updated …", "A previous version of this story said …".
fn is_correction(lower: &str) -> bool {
    ["correction", "clarification"].iter().any(|w| {
        lower.strip_prefix(w).is_some_and(|rest| {
            rest.starts_with([':', ',', ' ']) && !rest.trim_start().starts_with(char::is_alphabetic)
        })
    }) || ["a previous version of this", "an earlier version of this"]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// Openings that begin prose too ("Tags were found on …"): trailer only on a line that is no sentence.
const LABEL_OPENINGS: &[&str] = &["tags ", "tagged ", "categories", "archives"];

/// "Jo Roe is a reporter at the Ledger …", "Jo Roe can be reached at jo@ledger.com", "Contact Jo Roe at …",
/// "Jo Roe: 555-0100 or jroe@ledger.com".
fn is_writer_note(text: &str, lower: &str) -> bool {
    if lower.contains("can be reached at") || lower.contains("may be reached at") {
        return true;
    }
    if lower.starts_with("contact ") && lower.contains('@') {
        return true;
    }
    let words: Vec<&str> = lower.split_whitespace().collect();
    // A name of one to four words (a first name alone on many sites' author boxes), then "is a/an/the … writer".
    let Some(is) = words.iter().take(6).position(|w| *w == "is") else {
        return lower.split_whitespace().take(4).any(|w| w.ends_with(':')) && has_email(lower);
    };
    (1..=4).contains(&is)
        && !(is == 1 && NOT_NAMES.contains(&words[0]))
        && text
            .split_whitespace()
            .take(is)
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && words.get(is + 1).is_some_and(|w| matches!(*w, "a" | "an" | "the"))
        && words.iter().skip(is + 2).take(8).any(|w| {
            WRITER_ROLES
                .iter()
                .any(|r| w.trim_end_matches([',', '.']).starts_with(r))
        })
}

/// Capitalised words that open a sentence and name nobody: "He is a reporter who …" is story text.
const NOT_NAMES: &[&str] = &[
    "he", "she", "it", "this", "that", "there", "who", "what", "which", "here", "one", "mine", "his", "hers",
];

fn has_email(lower: &str) -> bool {
    lower
        .split_whitespace()
        .any(|w| w.contains('@') && w.contains('.') && !w.starts_with('@'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opens(text: &str) -> bool {
        opens_trailer(&Line::new(text, false))
    }

    #[test]
    fn trailer_lines() {
        for text in [
            "Share this:",
            "Like Loading...",
            "Tagged Elon Musk twitter",
            "Filed Under: Business, Politics",
            "Was this page helpful?",
            "Previous articleFayette LIFE Academy celebrates new graduates",
            "Sign up for the newsletter Patch Notes",
            "Tagged Biometrics ChatGPT cybersecurity",
            "Jane Roe is an entertainment reporter specializing in animation, fandom culture and theme parks.",
            "Travis Andersen can be reached at travis.andersen@globe.com.",
            "Bob Roe: 206-515-5699 or broe@times.com; Bob Roe covers the Seahawks.",
            "If you purchase a product or register for an account through a link on our site, we may receive compensation.",
            "Lana is a dedicated writer and Editor in Chief of the site, who has been with us from the beginning.",
            "Correction: December 20, 2023:",
            "Clarification, 2 January 2024, 12:45 p.m.: This story has been updated to clarify that microbes are limited in their ability to convert carbon.",
            "A previous version of this story said that Parliament requires 45 days.",
            "Follow the Ledger's news page on Facebook to make sure you're not missing out.",
            "Follow Jo Roe on Instagram and Twitter, or subscribe to the newsletter for daily stories.",
        ] {
            assert!(opens(text), "{text}");
        }
        for text in [
            "The Senate voted 52-48 on Tuesday to approve the bill.",
            "Tags were found on the birds by researchers, who said they would keep counting them.",
            "The bill is a compromise, said Jo Roe, a reporter who covered the talks.",
            "Share prices fell on Tuesday after the report.",
            "Contact tracing continues, officials said.",
            "He is a former reporter who now runs the press office for the mayor.",
            "Corrections officers at the jail walked out on Monday.",
            "Clarifications from the ministry came too late for the farmers.",
            "Follow-up visits are planned for the spring, the agency said.",
        ] {
            assert!(!opens(text), "{text}");
        }
    }

    #[test]
    fn a_correction_under_the_story_is_not_body() {
        let page = "Home | News | Science\n\nOcean sinks hold less carbon than thought\n\nBy Jo Roe\n\nBuried wood and seaweed keep carbon out of the air for centuries, researchers said, but only in a few places on the ocean floor where oxygen is scarce.\n\nThe team sampled twelve sites over two years and found that most of the buried carbon came back within decades, far sooner than the companies selling the credits had claimed.\n\nOther scientists said the results were a warning for firms that sell carbon credits for sinking plants at sea, and that the credits should be checked by independent bodies.\n\nThe researchers plan to return to the sites next summer with instruments that can follow the carbon for longer.\n\nClarification, 2 January 2024, 12:45 p.m.: This story has been updated to clarify that, without oxygen, microbes are limited in their ability to convert carbon into other forms, not that they are unable to do so.\n\nJo Roe is a staff writer covering the oceans.\n";
        let a = crate::text::read_text(page, false);
        assert!(a.body.ends_with("follow the carbon for longer."), "{}", a.body);
    }
}
