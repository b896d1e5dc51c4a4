//! The plain-text reader on the inputs it must survive and the page shapes it must keep reading right.

use std::path::Path;
use std::time::{Duration, Instant};

use lede_article::text::read_text;

#[test]
fn never_panics_on_odd_input() {
    let junk: String = (0..200_000u32)
        .map(|i| char::from_u32((i.wrapping_mul(2_654_435_761) >> 7) % 0x3000).unwrap_or('\u{fffd}'))
        .collect();
    let inputs = [
        String::new(),
        " \n\t\n\r\n \u{a0}\n".repeat(100),
        "  • Home\n  • Politics\nMenu\nSearch\n".repeat(500),
        "---\n".to_owned(),
        "---\ntitle: x\n".to_owned(),
        "title: a\ndate: 99999-99-99\n\n".to_owned(),
        "By\n".to_owned(),
        "\u{feff}\u{200b}\n\u{7}\u{0}\n".to_owned(),
        junk,
        "x".repeat(300_000),
        "By Jane Doe\nMarch 3, 2024\n".repeat(1000),
    ];
    for input in &inputs {
        let _ = read_text(input, false);
        let _ = read_text(input, true);
    }
}

#[test]
fn only_navigation_has_no_body() {
    let a = read_text(&"  • Home\n  • Politics\n  • World\nMenu\nSearch\n".repeat(50), false);
    assert_eq!(a.body, "");
    assert_eq!(a.published, None);
}

#[test]
fn huge_single_line_is_linear() {
    let sentence = "The committee voted on the measure after a long debate, officials said. ";
    let line = sentence.repeat(5_000_000 / sentence.len());
    let started = Instant::now();
    let a = read_text(&line, false);
    assert_eq!(a.headline, "", "a 5 MB line is no headline");
    assert_eq!(a.body.len(), line.trim().len());
    // Debug builds are slow; this only catches quadratic behaviour.
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
}

#[test]
fn many_short_lines_are_linear() {
    let text = "Home\nNews\nThe vote was held on Tuesday after a debate.\n\n".repeat(100_000);
    let started = Instant::now();
    let _ = read_text(&text, false);
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
}

const RENDERED_PAGE: &str = "Skip to main content
  • Home
  • Politics
  • World
  • Business

Politics

Senate passes border funding bill after late-night vote

The measure now goes to the House, where its fate is uncertain.

By Jane Doe and John Roe
March 3, 2024 at 10:35 pm ET • 4 min read

Senators applaud after the vote. Photo: AP

The Senate voted 52-48 on Tuesday night to approve the border funding bill after a debate that ran past midnight.

Democrats opposed the measure, arguing that it would divert money from other priorities without solving the problem.

What comes next

The House is expected to take up the bill next week, leaders of both parties said on Wednesday.

Related stories

  • House leaders split over border plan
  • Governors call for more federal money

Share this article
Subscribe to our newsletter
© 2024 Capitol Ledger. All rights reserved.
";

#[test]
fn rendered_page() {
    let a = read_text(RENDERED_PAGE, false);
    assert_eq!(a.headline, "Senate passes border funding bill after late-night vote");
    assert_eq!(a.authors, ["Jane Doe", "John Roe"]);
    assert_eq!(a.published.unwrap().format("%F").to_string(), "2024-03-03");
    assert!(a.body.starts_with("The Senate voted 52-48"), "{}", a.body);
    assert!(a.body.contains("What comes next"), "subheadings stay: {}", a.body);
    assert!(
        a.body.ends_with("leaders of both parties said on Wednesday."),
        "{}",
        a.body
    );
    for chrome in ["Skip to", "Home", "Related", "Share", "©", "House leaders split"] {
        assert!(!a.body.contains(chrome), "{chrome} in {}", a.body);
    }
}

#[test]
fn rendered_page_without_date_gets_none() {
    let page = RENDERED_PAGE.replace("March 3, 2024 at 10:35 pm ET • 4 min read\n", "");
    let a = read_text(&page, false);
    assert_eq!(a.published, None);
    assert_eq!(a.headline, "Senate passes border funding bill after late-night vote");
}

#[test]
fn hard_wrapped_plain_text() {
    let text = "Budget talks stall in the Senate\n\nThe Senate's budget talks stalled on Tuesday after\nnegotiators failed to agree on spending levels for the\ncoming year, aides said.\n\nLeaders will meet again on\nThursday to try to break the deadlock before the\ndeadline at the end of the month.\n";
    let a = read_text(text, false);
    assert_eq!(a.headline, "Budget talks stall in the Senate");
    assert!(a.body.starts_with("The Senate's budget talks stalled"), "{}", a.body);
    assert!(a.body.ends_with("end of the month."), "{}", a.body);
}

/// Every BBC file: the headline is the first line, the body starts with the first paragraph.
#[test]
fn bbc_files_keep_headline_and_first_paragraph() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/bbc-news/politics");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("skipped: {} is absent", dir.display());
        return;
    };
    let mut checked = 0;
    for entry in entries.flatten() {
        let bytes = std::fs::read(entry.path()).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let lines: Vec<&str> = text.lines().collect();
        let first = lines[0].split_whitespace().collect::<Vec<_>>().join(" ");
        let a = read_text(&text, false);
        assert_eq!(a.headline, first, "{}", entry.path().display());
        assert!(a.body.starts_with(lines[2].trim()), "{}", entry.path().display());
        assert_eq!(a.dek, None, "{}", entry.path().display());
        checked += 1;
    }
    assert!(checked > 400);
}

#[test]
fn saved_page_with_an_unmarked_subheadline_gives_its_dek() {
    // Breadcrumbs, the page title ("Headline | Site"), the heading, then a one-sentence subheadline without
    // markup or closing stop, then the body.
    let page = include_str!("fixtures/saved_page_dek.txt");
    let dek = "The vote clears the way for construction to begin next spring, two years later than first planned";
    let a = read_text(page, false);
    assert_eq!(a.headline, "Council approves harbour bridge after a decade of delays");
    assert_eq!(a.dek.as_deref(), Some(dek));
    assert!(a.body.starts_with("The city council voted 9-2"), "{}", a.body);
    assert!(!a.body.contains("clears the way"), "the dek is not body: {}", a.body);
    assert!(
        a.body.ends_with("the mayor told reporters after the vote."),
        "{}",
        a.body
    );
    // The same page with the heading printed twice and no title line.
    let twice = page.replace(
        "Council approves harbour bridge after a decade of delays | Harbour Gazette",
        "Council approves harbour bridge after a decade of delays",
    );
    assert_eq!(read_text(&twice, false).dek.as_deref(), Some(dek));
}

#[test]
fn the_story_ends_at_post_navigation() {
    let page = format!(
        "Home\nNews\n\nCouncil approves harbour bridge after a decade of delays\n\nBy Jo Doe\n\n{}\n\nPost navigation\n\nAn older story about the docks, told at length in sentences that read like a paragraph of text.\n\nAnother older story about the tram, told at length in sentences that read like a paragraph of text.\n",
        (1..=8)
            .map(|i| format!("On day {i} the council met and heard from residents, engineers and the city's planners about the bridge."))
            .collect::<Vec<_>>()
            .join("\n\n")
    );
    let a = read_text(&page, false);
    assert_eq!(a.headline, "Council approves harbour bridge after a decade of delays");
    assert!(a.body.ends_with("about the bridge."), "{}", a.body);
    assert!(!a.body.contains("older story"), "{}", a.body);
}
