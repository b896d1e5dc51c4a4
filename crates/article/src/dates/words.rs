//! A whole text that is a date: one date ([`super::scan`]) and nothing else but a time of day,
//! a zone, a weekday and the words that stand around dates ("Published", "le", "à", "Uhr").

use chrono::{DateTime, FixedOffset, NaiveTime, TimeZone};

use super::scan::{date_at, tokens, Token};
use super::DayOrder;

/// The time of day and zone read beside a date.
#[derive(Default)]
struct Clock {
    hour: u32,
    minute: u32,
    second: u32,
    pm: Option<bool>,
    offset_minutes: i32,
    seen_time: bool,
}

/// Parses `text` when all of it is a date, in any listed language.
pub(super) fn parse_words(text: &str, order: DayOrder) -> Option<DateTime<FixedOffset>> {
    read(text, order).or_else(|| read(&asctime_moved(text)?, order))
}

/// One reading of `text`: exactly one date and nothing beside it that has no place there.
fn read(text: &str, order: DayOrder) -> Option<DateTime<FixedOffset>> {
    let tokens = tokens(text);
    let mut date = None;
    let mut clock = Clock::default();
    let mut i = 0;
    while i < tokens.len() {
        if let Some((found, taken, _)) = date_at(&tokens, i, order, true) {
            if date.replace(found).is_some() {
                return None;
            }
            i += taken;
            continue;
        }
        let raw = &text[tokens[i].start..tokens[i].end];
        let next = tokens.get(i + 1).map(|t| text[t.start..t.end].to_lowercase());
        if !clock.read(raw, next.as_deref(), tokens[i].token) {
            return None;
        }
        i += 1;
    }
    let date = date?;
    let mut hour = clock.hour;
    match clock.pm {
        Some(true) if hour < 12 => hour += 12,
        Some(false) if hour == 12 => hour = 0,
        _ => {}
    }
    let time = NaiveTime::from_hms_opt(hour, clock.minute, clock.second)?;
    let offset = FixedOffset::east_opt(clock.offset_minutes * 60)?;
    offset.from_local_datetime(&date.and_time(time)).single()
}

/// The C library's date ("Tue Jan 28 15:28:56 CET 2020") with its time and zone moved after the
/// year, where [`read`] expects them; `None` when the text has no such run before a last word.
fn asctime_moved(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let inner = |w: &&str| w.contains(':') || zone_hours(&w.to_lowercase()).is_some();
    let first = words.iter().position(inner)?;
    let last = words.iter().rposition(inner)?;
    if last + 1 >= words.len() {
        return None;
    }
    let mut moved: Vec<&str> = words[..first].to_vec();
    moved.extend(&words[last + 1..]);
    moved.extend(&words[first..=last]);
    Some(moved.join(" "))
}

impl Clock {
    /// Takes one word that is not part of the date; false when it has no place beside a date.
    fn read(&mut self, raw: &str, next: Option<&str>, token: Token) -> bool {
        let lower = raw.to_lowercase();
        let bare = lower.trim_matches(|c: char| c == '.' || c == ':');
        if matches!(bare, "am" | "a.m" | "pm" | "p.m") && self.seen_time {
            // "10:35 am"; a German "am" before the date is a filler.
            self.pm = Some(bare.starts_with('p'));
            return true;
        }
        if let Token::Word { filler: true } | Token::Barrier = token {
            return true;
        }
        if let Some(hours) = zone_hours(bare) {
            self.offset_minutes = hours * 60;
            return true;
        }
        if let Some(offset) = numeric_offset(bare) {
            self.offset_minutes = offset;
            return true;
        }
        if self.seen_time {
            return false;
        }
        let at_clock = next.is_some_and(|n| n.trim_end_matches('.') == "uhr" || n == "h");
        self.read_time(bare, at_clock)
    }

    /// "10:35", "10:35pm", "10:35:12", "14h30", "14h", "14.30 Uhr".
    fn read_time(&mut self, word: &str, at_clock: bool) -> bool {
        let end = word.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
        let suffix = word[end.len()..].trim_matches('.');
        let (fields, suffix): (Vec<&str>, &str) = if end.contains(':') {
            (end.split(':').collect(), suffix)
        } else if let Some((h, m)) = word.split_once('h') {
            (vec![h, if m.is_empty() { "0" } else { m }], "")
        } else if at_clock && end.contains('.') {
            (end.split('.').collect(), suffix)
        } else {
            return false;
        };
        if fields.len() < 2 || fields.len() > 3 || fields.iter().any(|f| f.is_empty() || f.len() > 2) {
            return false;
        }
        let mut numbers = fields.iter().map(|f| f.parse::<u32>());
        let (Some(Ok(hour)), Some(Ok(minute))) = (numbers.next(), numbers.next()) else {
            return false;
        };
        let second = match numbers.next() {
            Some(Ok(s)) => s,
            Some(Err(_)) => return false,
            None => 0,
        };
        self.pm = match suffix {
            "am" | "a.m" => Some(false),
            "pm" | "p.m" => Some(true),
            "" | "h" | "uhr" => None,
            _ => return false,
        };
        (self.hour, self.minute, self.second, self.seen_time) = (hour, minute, second, true);
        true
    }
}

/// `+0100`, `-05:00`.
fn numeric_offset(token: &str) -> Option<i32> {
    let sign = match token.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = token[1..].chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = digits[2..].parse().ok()?;
    Some(sign * (hours * 60 + minutes))
}

/// The offset in hours of a lower-case zone abbreviation news pages print.
fn zone_hours(word: &str) -> Option<i32> {
    Some(match word {
        "utc" | "gmt" | "z" | "wet" => 0,
        "et" | "est" => -5,
        "edt" => -4,
        "ct" | "cst" => -6,
        "cdt" => -5,
        "mt" | "mst" => -7,
        "mdt" => -6,
        "pt" | "pst" => -8,
        "pdt" => -7,
        "bst" | "cet" | "west" | "mez" => 1,
        "cest" | "eet" | "mesz" => 2,
        "eest" | "msk" => 3,
        _ => return None,
    })
}
