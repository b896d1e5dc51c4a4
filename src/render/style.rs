//! The one colour palette of the terminal output (ANSI escapes), applied only when colour is on.

/// Headlines and headings.
pub const BOLD: &str = "\x1b[1m";
/// What is there for reference: entities, ids, folded copies.
pub const DIM: &str = "\x1b[2m";
/// Matched words.
pub const MATCH: &str = "\x1b[1;31m";
/// Dates, outlets and bars.
pub const GREEN: &str = "\x1b[32m";
/// Back to plain text.
pub const RESET: &str = "\x1b[0m";

/// `text` in `style` when `color` is on, else as it is.
pub fn paint(text: &str, style: &str, color: bool) -> String {
    if color {
        format!("{style}{text}{RESET}")
    } else {
        text.to_owned()
    }
}
