//! The HTML reader on hostile input: deep nesting, huge pages, broken markup, binary noise.
//! None may panic, overflow the stack or take quadratic time (each test prints its time).

use std::time::{Duration, Instant};

use lede_article::html::{html_fragment_to_text, read_html};

/// Runs `f` and prints how long it took beside the budget it should stay well inside. Speed is not
/// asserted (benchmarks show speed); a quadratic path shows here as a run that does not finish.
fn timed<T>(budget: Duration, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    println!("took {:?} (budget {budget:?})", start.elapsed());
    out
}

#[test]
fn deeply_nested_divs_do_not_overflow_or_go_quadratic() {
    let depth = 100_000;
    let page = format!(
        "<html><body>{}<p>Deep text, with a comma, at the bottom of the page.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let article = timed(Duration::from_secs(20), || read_html(&page));
    assert!(article.body.contains("Deep text"));
}

#[test]
fn deeply_nested_inline_and_formatting_tags() {
    for tag in ["span", "b", "a", "li", "table"] {
        let page = format!(
            "<body>{}text{}</body>",
            format!("<{tag}>").repeat(20_000),
            format!("</{tag}>").repeat(20_000)
        );
        timed(Duration::from_secs(20), || read_html(&page));
    }
}

#[test]
fn unclosed_tags_by_the_thousand() {
    let page = format!("<body>{}</body>", "<div><p>para, text ".repeat(20_000));
    timed(Duration::from_secs(20), || read_html(&page));
}

#[test]
fn fragments_nest_deeply_too() {
    let depth = 20_000;
    let fragment = format!("{}inner words{}", "<div>".repeat(depth), "</div>".repeat(depth));
    let text = timed(Duration::from_secs(20), || html_fragment_to_text(&fragment));
    assert!(text.contains("inner words"));
}

#[test]
fn huge_page_is_bounded() {
    let paragraph = "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.</p>";
    let page = format!(
        "<html><body><article>{}</article></body></html>",
        paragraph.repeat(200_000)
    );
    assert!(page.len() > lede_article::html::MAX_HTML_BYTES);
    let article = timed(Duration::from_secs(60), || read_html(&page));
    assert!(!article.body.is_empty());
}

#[test]
fn garbage_never_panics() {
    let inputs = [
        String::new(),
        "<".to_owned(),
        "<html".to_owned(),
        "<script type=\"application/ld+json\">{\"@graph\":[[[[[[[[[[]]]]]]]]]]}</script>".to_owned(),
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":{\"name\":[1,null,{}]},\"datePublished\":\"9999-99-99\"}</script>".to_owned(),
        "<meta property=\"article:published_time\" content=\"0000-00-00T00:00:00Z\"><title> | | - </title><h1> - </h1>".to_owned(),
        "<time datetime=\"\u{1F4A9}\"></time><div class=\"\u{0}\" id=\"byline\">By \u{202E}</div>".to_owned(),
        "\u{FEFF}<p>\u{0}\u{1}\u{2}</p>&#xFFFFFFFF;&#0;&amp".to_owned(),
        "<html lang=\"\u{e9}\u{e9}-\u{e9}\"><title>é|é</title></html>".to_owned(),
        (0u8..=255).map(char::from).collect::<String>(),
    ];
    for input in &inputs {
        let _ = read_html(input);
        let _ = html_fragment_to_text(input);
    }
}
