//! The date-parsing table: every format and language the parser reads.

use super::*;

fn day(text: &str) -> Option<String> {
    parse_date(text).map(|d| d.format("%Y-%m-%d").to_string())
}

fn instant(text: &str) -> Option<String> {
    parse_date(text).map(|d| d.to_rfc3339())
}

#[test]
fn iso_forms() {
    assert_eq!(day("2016-09-20").as_deref(), Some("2016-09-20"));
    assert_eq!(
        instant("2024-03-03T14:00:00Z").as_deref(),
        Some("2024-03-03T14:00:00+00:00")
    );
    assert_eq!(
        instant("2024-03-03T14:00:00-05:00").as_deref(),
        Some("2024-03-03T19:00:00+00:00")
    );
    assert_eq!(
        instant("2024-03-03T14:00:00.123+0100").as_deref(),
        Some("2024-03-03T13:00:00.123+00:00")
    );
    assert_eq!(
        instant("2024-03-03 14:00:00").as_deref(),
        Some("2024-03-03T14:00:00+00:00")
    );
    assert_eq!(day("2024/03/03").as_deref(), Some("2024-03-03"));
}

#[test]
fn local_day_is_the_written_day() {
    let local = |t: &str| parse_local_with(t, DayOrder::MonthFirst).map(|d| d.to_rfc3339());
    assert_eq!(
        local("2023-05-04T21:00:00-04:00").as_deref(),
        Some("2023-05-04T21:00:00-04:00")
    );
    assert_eq!(
        local("Dec. 21, 2023 11:00 pm EST").as_deref(),
        Some("2023-12-21T23:00:00-05:00")
    );
    assert_eq!(local("2023-12-21").as_deref(), Some("2023-12-21T00:00:00+00:00"));
    assert_eq!(day("2023-05-04T21:00:00-04:00").as_deref(), Some("2023-05-05"));
}

#[test]
fn rfc2822() {
    assert_eq!(
        instant("Tue, 05 Mar 2024 14:00:00 +0000").as_deref(),
        Some("2024-03-05T14:00:00+00:00")
    );
}

#[test]
fn written_out() {
    assert_eq!(day("March 3, 2024").as_deref(), Some("2024-03-03"));
    assert_eq!(day("3 Mar 2024").as_deref(), Some("2024-03-03"));
    assert_eq!(day("Mar. 3, 2024").as_deref(), Some("2024-03-03"));
    assert_eq!(day("Published 3 Mar 2024").as_deref(), Some("2024-03-03"));
    assert_eq!(day("Sept. 21st, 2019").as_deref(), Some("2019-09-21"));
    assert_eq!(
        instant("Tuesday, March 5, 2024 10:35 am ET").as_deref(),
        Some("2024-03-05T15:35:00+00:00")
    );
    assert_eq!(
        instant("20 Dec 2023 10:35pm").as_deref(),
        Some("2023-12-20T22:35:00+00:00")
    );
}

#[test]
fn numeric_orders() {
    assert_eq!(day("6/15/17").as_deref(), Some("2017-06-15"));
    assert_eq!(day("15/6/2017").as_deref(), Some("2017-06-15"));
    assert_eq!(
        parse_date_with("03/04/2024", DayOrder::DayFirst).map(|d| d.format("%m-%d").to_string()),
        Some("04-03".into())
    );
}

#[test]
fn prose_is_not_a_date() {
    assert_eq!(day("Ad sales boost Time Warner profit"), None);
    assert_eq!(day("The 2 senators met in March 2024"), None);
    assert_eq!(day("2024"), None);
    assert_eq!(day("Senate votes 51-49"), None);
    assert_eq!(day(""), None);
}

#[test]
fn impossible_and_absurd() {
    assert_eq!(day("2024-02-30"), None);
    assert!(matches!(parse_published("0001-11-30"), Err(DateError::OutOfRange(_))));
    assert!(matches!(parse_published("2050-01-01"), Err(DateError::OutOfRange(_))));
    assert!(parse_published("1899-12-31").is_err());
    assert!(parse_published("2019-01-01").unwrap().is_some());
}

#[test]
fn junk_after_a_date_is_not_a_date() {
    assert_eq!(day("2022-02-112023-06-08"), None);
    assert_eq!(day("Mäz 3 2024"), None);
    assert_eq!(day("Tüesday"), None);
}

#[test]
fn url_dates() {
    assert_eq!(
        date_in_url("https://x.com/2022/06/14/politics/vote.html").map(|d| d.format("%F").to_string()),
        Some("2022-06-14".into())
    );
    assert_eq!(
        date_in_url("https://x.com/news/2021-02-03-story").map(|d| d.format("%F").to_string()),
        Some("2021-02-03".into())
    );
    assert_eq!(date_in_url("https://x.com/news/story-123"), None);
    assert_eq!(
        date_in_url("https://www.x.se/20200428/a-story").map(|d| d.format("%F").to_string()),
        Some("2020-04-28".into())
    );
    // An eight-digit id is no date, nor is the host.
    assert_eq!(date_in_url("https://x.com/news/12345678/a-story"), None);
    assert_eq!(date_in_url("https://x.com/news/20201340/a-story"), None);
    assert_eq!(
        date_in_url("https://x.com/article/2023/dec/21/a-story/").map(|d| d.format("%F").to_string()),
        Some("2023-12-21".into())
    );
    assert_eq!(date_in_url("https://x.com/2023/december-recap/21/"), None);
}

/// One row per format and language: the text, how all-numeric dates are ordered, the day.
const TABLE: &[(&str, DayOrder, &str)] = &[
    // English
    ("Saturday, 19th of July 2014", DayOrder::DayFirst, "2014-07-19"),
    ("Feb 16, 2020 at 3:02pm PST", DayOrder::MonthFirst, "2020-02-16"),
    ("Posted on: March 3, 2024", DayOrder::MonthFirst, "2024-03-03"),
    ("3 Mar 24", DayOrder::DayFirst, "2024-03-03"),
    // German
    ("3. März 2024", DayOrder::DayFirst, "2024-03-03"),
    ("Samstag, 19. Juli 2014", DayOrder::DayFirst, "2014-07-19"),
    ("am 3. Maerz 2024 um 10:15 Uhr", DayOrder::DayFirst, "2024-03-03"),
    ("Do, 15.2.2018, 19:51", DayOrder::DayFirst, "2018-02-15"),
    ("Datum: 22.12.2012", DayOrder::MonthFirst, "2012-12-22"),
    ("6. Jänner 2020", DayOrder::DayFirst, "2020-01-06"),
    ("14. Okt. 2021 14.30 Uhr", DayOrder::DayFirst, "2021-10-14"),
    // French
    ("3 mars 2024", DayOrder::DayFirst, "2024-03-03"),
    ("publié le 1er août 2019 à 14h30", DayOrder::DayFirst, "2019-08-01"),
    ("mardi 12 févr. 2019", DayOrder::DayFirst, "2019-02-12"),
    ("27/06/2019", DayOrder::DayFirst, "2019-06-27"),
    // Spanish, Catalan, Portuguese, Italian
    ("3 de marzo de 2024", DayOrder::DayFirst, "2024-03-03"),
    ("17 de Febrero 2020", DayOrder::DayFirst, "2020-02-17"),
    ("lunes, 2 de abril de 2020", DayOrder::DayFirst, "2020-04-02"),
    ("5 d'abril de 2022", DayOrder::DayFirst, "2022-04-05"),
    ("3 de março de 2024 às 10:00", DayOrder::DayFirst, "2024-03-03"),
    ("12 settembre 2023", DayOrder::DayFirst, "2023-09-12"),
    // Dutch, Nordic
    ("4 mei 2021", DayOrder::DayFirst, "2021-05-04"),
    ("den 7 maj 2022", DayOrder::DayFirst, "2022-05-07"),
    // Polish, Czech, Russian, Ukrainian
    ("15 czerwca 2020", DayOrder::DayFirst, "2020-06-15"),
    ("3. června 2020", DayOrder::DayFirst, "2020-06-03"),
    ("28 июня 2020", DayOrder::DayFirst, "2020-06-28"),
    ("21 вересня 2020", DayOrder::DayFirst, "2020-09-21"),
    // Turkish, Hungarian, Romanian, Indonesian, Finnish, Greek, Tagalog
    ("30 Kasım 2020", DayOrder::DayFirst, "2020-11-30"),
    ("2020. június 4.", DayOrder::DayFirst, "2020-06-04"),
    ("2020. 06. 04.", DayOrder::DayFirst, "2020-06-04"),
    ("20 septembrie 2020", DayOrder::DayFirst, "2020-09-20"),
    ("13 Januari 2020", DayOrder::DayFirst, "2020-01-13"),
    ("3. maaliskuuta 2024", DayOrder::DayFirst, "2024-03-03"),
    ("7 Οκτωβρίου 2020", DayOrder::DayFirst, "2020-10-07"),
    ("18 Pebrero 2020", DayOrder::DayFirst, "2020-02-18"),
    // Chinese, Japanese, Korean
    ("2020年2月14日", DayOrder::DayFirst, "2020-02-14"),
    ("2023년 11월 7일", DayOrder::MonthFirst, "2023-11-07"),
    // Numbers: dots are day-first everywhere, slashes follow the page
    ("03.04.2024", DayOrder::MonthFirst, "2024-04-03"),
    ("03/04/2024", DayOrder::MonthFirst, "2024-03-04"),
    ("03/04/2024", DayOrder::DayFirst, "2024-04-03"),
    ("19-07-2014", DayOrder::DayFirst, "2014-07-19"),
    ("2014.07.19", DayOrder::DayFirst, "2014-07-19"),
];

#[test]
fn every_format_and_language() {
    for (text, order, want) in TABLE {
        let got = parse_date_with(text, *order).map(|d| d.format("%Y-%m-%d").to_string());
        assert_eq!(got.as_deref(), Some(*want), "{text:?}");
    }
}

#[test]
fn times_beside_foreign_dates() {
    let instant = |t: &str| parse_local_with(t, DayOrder::DayFirst).map(|d| d.to_rfc3339());
    assert_eq!(
        instant("publié le 3 mars 2024 à 14h30").as_deref(),
        Some("2024-03-03T14:30:00+00:00")
    );
    assert_eq!(
        instant("am 3. März 2024 um 10:15 Uhr MEZ").as_deref(),
        Some("2024-03-03T10:15:00+01:00")
    );
}

#[test]
fn foreign_prose_is_not_a_date() {
    for text in [
        "Am 3. März wird gewählt",
        "Le 3 mars, les députés votent 2024 amendements",
        "Mai 2024",
        "Die Partei hat 2014 gewonnen",
        "3 de marzo",
        "Call 555-123-4567",
        "Tel. 030 12 34 56",
    ] {
        assert_eq!(parse_date_with(text, DayOrder::DayFirst), None, "{text:?}");
    }
}

#[test]
fn dates_inside_running_text() {
    let found = dates_in(
        "Von Jo Doe | Samstag, 19. Juli 2014, 10:00 Uhr. Am 3. März 2015 wird gewählt; Termin 06.10.2017.",
        DayOrder::DayFirst,
    );
    let days: Vec<String> = found.iter().map(|f| f.date.to_string()).collect();
    assert_eq!(days, ["2014-07-19", "2015-03-03", "2017-10-06"]);
    let first = first_date_in("Posted by admin on 27/06/2019 in News", DayOrder::DayFirst);
    assert_eq!(first.map(|f| f.date.to_string()).as_deref(), Some("2019-06-27"));
    assert!(first.is_some_and(|f| !f.ambiguous));
    assert!(dates_in("In March 24 people came; 3 mars; 2019 was a year", DayOrder::DayFirst).is_empty());
    let ambiguous = first_date_in("on 03/04/2024", DayOrder::DayFirst);
    assert!(ambiguous.is_some_and(|f| f.ambiguous));
}
