//! The parser's contract: input → tree, for the Boolean forms and the lenient cases.

use chrono::NaiveDate;

use super::*;
use crate::error::Error;

fn words(list: &[&str]) -> Node {
    Node::Words(list.iter().map(|w| Word::new(*w)).collect())
}

fn w(word: &str) -> Node {
    words(&[word])
}

fn not(node: Node) -> Node {
    Node::Not(Box::new(node))
}

fn phrase(text: &str) -> Node {
    Node::Phrase {
        text: text.into(),
        slop: 0,
        field: None,
    }
}

fn person(name: &str) -> Node {
    Node::Name {
        field: NameField::Person,
        value: name.into(),
    }
}

fn boosted(word: &str, boost: f32) -> Word {
    Word {
        boost,
        ..Word::new(word)
    }
}

fn tree(input: &str) -> Node {
    parse(input).unwrap_or_else(|e| panic!("{input:?}: {e}")).root
}

#[test]
fn boolean_forms() {
    use Node::{And, Or};
    let table: Vec<(&str, Node)> = vec![
        ("obamacare", w("obamacare")),
        (
            "anxiety in infancy (up to two years)",
            words(&["anxiety", "in", "infancy", "up", "to", "two", "years"]),
        ),
        (
            "wall -(border fence)",
            And(vec![w("wall"), not(words(&["border", "fence"]))]),
        ),
        (
            "(border OR fence) wall",
            And(vec![Or(vec![w("border"), w("fence")]), w("wall")]),
        ),
        ("border wall", words(&["border", "wall"])),
        ("obamacare NOT repeal", And(vec![w("obamacare"), not(w("repeal"))])),
        ("obamacare AND NOT repeal", And(vec![w("obamacare"), not(w("repeal"))])),
        ("obamacare -repeal", And(vec![w("obamacare"), not(w("repeal"))])),
        ("obamacare !repeal", And(vec![w("obamacare"), not(w("repeal"))])),
        ("NOT repeal", not(w("repeal"))),
        ("obamacare AND repeal", And(vec![w("obamacare"), w("repeal")])),
        ("obamacare && repeal", And(vec![w("obamacare"), w("repeal")])),
        ("obamacare OR repeal", Or(vec![w("obamacare"), w("repeal")])),
        ("obamacare || repeal", Or(vec![w("obamacare"), w("repeal")])),
        (
            "obamacare OR \"affordable care act\"",
            Or(vec![w("obamacare"), phrase("affordable care act")]),
        ),
        (
            "(person:\"Nancy Pelosi\" OR person:\"Chuck Schumer\") AND shutdown",
            And(vec![
                Or(vec![person("Nancy Pelosi"), person("Chuck Schumer")]),
                w("shutdown"),
            ]),
        ),
        (
            "person:(Pelosi OR \"Chuck Schumer\") shutdown",
            And(vec![Or(vec![person("Pelosi"), person("Chuck Schumer")]), w("shutdown")]),
        ),
        // Precedence: NOT > AND (and side by side) > OR.
        ("a OR b AND c", Or(vec![w("a"), And(vec![w("b"), w("c")])])),
        ("a AND b OR c", Or(vec![And(vec![w("a"), w("b")]), w("c")])),
        ("a b OR c d", Or(vec![words(&["a", "b"]), words(&["c", "d"])])),
        ("a NOT b OR c", Or(vec![And(vec![w("a"), not(w("b"))]), w("c")])),
        ("a OR NOT b", Or(vec![w("a"), not(w("b"))])),
        (
            "border wall AND mexico",
            And(vec![words(&["border", "wall"]), w("mexico")]),
        ),
        (
            "(a OR b) (c OR d)",
            And(vec![Or(vec![w("a"), w("b")]), Or(vec![w("c"), w("d")])]),
        ),
        ("NOT (a OR b)", not(Or(vec![w("a"), w("b")]))),
        ("-(a b) c", And(vec![not(words(&["a", "b"])), w("c")])),
        ("NOT NOT a", w("a")),
        // `+` makes a word stand alone, so it is required whatever its run needs.
        ("senate +tariffs", And(vec![w("senate"), w("tariffs")])),
        // Plain words join one run around other operands.
        (
            "border person:Trump wall",
            And(vec![words(&["border", "wall"]), person("Trump")]),
        ),
        // Boosts.
        (
            "wall^3 border",
            Node::Words(vec![boosted("wall", 3.0), Word::new("border")]),
        ),
        (
            "\"border wall\"^2 OR fence",
            Or(vec![Node::Boost(Box::new(phrase("border wall")), 2.0), w("fence")]),
        ),
        ("(a OR b)^1.5", Node::Boost(Box::new(Or(vec![w("a"), w("b")])), 1.5)),
        // Fields, ranges, prefixes and fuzzy words as operands.
        (
            "date:2019 OR date:2021-03",
            Or(vec![
                Node::Date {
                    from: NaiveDate::from_ymd_opt(2019, 1, 1),
                    to: NaiveDate::from_ymd_opt(2019, 12, 31),
                },
                Node::Date {
                    from: NaiveDate::from_ymd_opt(2021, 3, 1),
                    to: NaiveDate::from_ymd_opt(2021, 3, 31),
                },
            ]),
        ),
        (
            "immigr* OR pelosy~1",
            Or(vec![
                Node::Prefix {
                    text: "immigr".into(),
                    field: None,
                },
                Node::Fuzzy {
                    text: "pelosy".into(),
                    distance: 1,
                    field: None,
                },
            ]),
        ),
        (
            "headline:(border wall) -body:fence",
            And(vec![
                Node::Words(vec![
                    Word {
                        field: Some(TextField::Headline),
                        ..Word::new("border")
                    },
                    Word {
                        field: Some(TextField::Headline),
                        ..Word::new("wall")
                    },
                ]),
                not(Node::Words(vec![Word {
                    field: Some(TextField::Body),
                    ..Word::new("fence")
                }])),
            ]),
        ),
        ("url:nytimes.com", Node::Url("nytimes.com".into())),
        (
            "https://www.nytimes.com/2016/09/20/a.html",
            Node::Url("https://www.nytimes.com/2016/09/20/a.html".into()),
        ),
    ];
    for (input, expected) in table {
        assert_eq!(tree(input), expected, "{input}");
    }
}

#[test]
fn lenient_cases() {
    use Node::{And, Or};
    let table: Vec<(&str, Node)> = vec![
        // Lower-case operators are words.
        ("obamacare or aca", words(&["obamacare", "or", "aca"])),
        ("to be or not to be", words(&["to", "be", "or", "not", "to", "be"])),
        // Stray quotes and parentheses.
        ("\"border wall", words(&["border", "wall"])),
        ("(border wall", words(&["border", "wall"])),
        ("border wall)", words(&["border", "wall"])),
        (") a OR (b", Or(vec![w("a"), w("b")])),
        ("()", And(vec![])),
        ("\"\"", And(vec![])),
        // Operators with nothing on one side.
        ("OR obamacare", w("obamacare")),
        ("obamacare AND", w("obamacare")),
        ("obamacare OR OR aca", Or(vec![w("obamacare"), w("aca")])),
        ("obamacare NOT", w("obamacare")),
        // Shouted prose: the operators are words.
        (
            "SIMULTANEOUS OBSERVATIONS OF WHISTLERS AND LIGHTNING DISCHARGES",
            words(&[
                "SIMULTANEOUS",
                "OBSERVATIONS",
                "OF",
                "WHISTLERS",
                "AND",
                "LIGHTNING",
                "DISCHARGES",
            ]),
        ),
        (
            "AMERICAN DEMOCRACY - NOT DEAD YET",
            words(&["AMERICAN", "DEMOCRACY", "-", "NOT", "DEAD", "YET"]),
        ),
        // ...but acronyms in capitals keep them.
        ("NATO OR UN", Or(vec![w("NATO"), w("UN")])),
        // Punctuation and prose colons.
        ("U.S. well-known Trump's", words(&["U.S.", "well-known", "Trump's"])),
        (
            "Note: the vote at 10:30",
            words(&["Note:", "the", "vote", "at", "10:30"]),
        ),
        ("Berlin:Step by step", words(&["Berlin:Step", "by", "step"])),
        ("Source: AP", words(&["Source:", "AP"])),
        ("Yes! we can?", words(&["Yes", "we", "can"])),
        ("wall^ x ^", words(&["wall^", "x", "^"])),
        ("AT&T", w("AT&T")),
    ];
    for (input, expected) in table {
        assert_eq!(tree(input), expected, "{input}");
    }
}

#[test]
fn mistakes_get_messages() {
    match parse("persn:trump") {
        Err(Error::UnknownField { field, suggestion, .. }) => {
            assert_eq!((field.as_str(), suggestion.as_deref()), ("persn", Some("person")))
        }
        other => panic!("{other:?}"),
    }
    let err = parse("(site:nytimes.com OR x) AND y").unwrap_err().to_string();
    assert!(
        err.contains("unknown field `site`") && err.contains("known fields: person") && err.contains("url"),
        "{err}"
    );
    assert!(parse("trump~9").unwrap_err().to_string().contains("too large"));
    assert!(parse("person:\"\"").is_err());
    assert!(parse("date:2019-13").is_err());
}

#[test]
fn hostile_input_is_bounded() {
    let nested = "(".repeat(10_000) + "x" + &")".repeat(10_000);
    assert_eq!(tree(&nested), w("x"));
    let unclosed = "person:(".repeat(10_000) + "x";
    assert_eq!(tree(&unclosed), person("x"));
    let negations = "NOT ".repeat(10_001) + "x";
    assert_eq!(tree(&negations), not(w("x")));
    assert!(parse(&"a OR ".repeat(50_000)).is_ok());
    assert!(parse("\"\"\"\" ~ ~~ * ** -- ++ : :: \" && || ! ^ ^^").is_ok());
}
