//! Unit tests of the resolution rules, including merges that must not happen.
use super::*;

fn corpus(names: &[(&str, u64)]) -> Vec<(String, u64)> {
    names.iter().map(|(n, c)| (n.to_string(), *c)).collect()
}

fn canonical<'a>(map: &'a BTreeMap<String, String>, name: &'a str) -> &'a str {
    map.get(name).map_or(name, String::as_str)
}

#[test]
fn a_surname_goes_to_the_full_name_that_dominates_it() {
    let names = corpus(&[
        ("Barack Obama", 6000),
        ("Obama", 8000),
        ("Michelle Obama", 900),
        ("OBAMA", 40),
        ("Barack H. Obama", 30),
    ]);
    let map = resolve(NameKind::Person, &names);
    for variant in ["Obama", "OBAMA", "Barack H. Obama"] {
        assert_eq!(canonical(&map, variant), "Barack Obama", "{variant}");
    }
    assert_eq!(canonical(&map, "Michelle Obama"), "Michelle Obama");
}

#[test]
fn two_strong_full_names_keep_the_surname_as_written() {
    let names = corpus(&[
        ("Hillary Clinton", 5000),
        ("Bill Clinton", 2500),
        ("Clinton", 900),
        ("George W. Bush", 2000),
        ("George H.W. Bush", 1000),
        ("George H. W. Bush", 100),
        ("George Bush", 300),
        ("Bush", 700),
    ]);
    let map = resolve(NameKind::Person, &names);
    assert_eq!(canonical(&map, "Clinton"), "Clinton");
    assert_eq!(canonical(&map, "Bush"), "Bush");
    // Competing initials: neither takes the plain name, but spellings of one set of initials join.
    assert_eq!(canonical(&map, "George Bush"), "George Bush");
    assert_eq!(canonical(&map, "George W. Bush"), "George W. Bush");
    assert_eq!(canonical(&map, "George H. W. Bush"), "George H.W. Bush");
    // One set of initials far ahead of a stray one takes the plain name.
    let names = corpus(&[("Donald Trump", 900), ("Donald J. Trump", 300), ("Donald T. Trump", 2)]);
    let map = resolve(NameKind::Person, &names);
    assert_eq!(canonical(&map, "Donald J. Trump"), "Donald Trump");
    assert_eq!(canonical(&map, "Donald T. Trump"), "Donald T. Trump");
}

#[test]
fn middle_initials_join_and_a_surname_follows_them() {
    let names = corpus(&[
        ("Donald Trump", 11000),
        ("Donald J. Trump", 300),
        ("Trump", 5500),
        ("Ivanka Trump", 800),
        ("Donald Trump Jr.", 600),
        ("Donald Trump Jr", 20),
    ]);
    let map = resolve(NameKind::Person, &names);
    assert_eq!(canonical(&map, "Donald J. Trump"), "Donald Trump");
    assert_eq!(canonical(&map, "Trump"), "Donald Trump");
    assert_eq!(canonical(&map, "Donald Trump Jr"), "Donald Trump Jr.");
    assert_eq!(canonical(&map, "Donald Trump Jr."), "Donald Trump Jr.");
    assert_eq!(canonical(&map, "Ivanka Trump"), "Ivanka Trump");
}

#[test]
fn a_first_name_resolves_when_nobody_of_note_has_it_as_a_surname() {
    let names = corpus(&[
        ("Hillary Clinton", 5000),
        ("Hillary", 300),
        ("Edmund Hillary", 3),
        ("Bashar al-Assad", 300),
        ("Bashar Assad", 600),
    ]);
    let map = resolve(NameKind::Person, &names);
    assert_eq!(canonical(&map, "Hillary"), "Hillary Clinton");
    assert_eq!(canonical(&map, "Bashar al-Assad"), "Bashar Assad");
    let names = corpus(&[("Bashar al-Assad", 600), ("Assad", 300), ("Hafez al-Assad", 20)]);
    assert_eq!(
        canonical(&resolve(NameKind::Person, &names), "Assad"),
        "Bashar al-Assad"
    );
}

#[test]
fn a_one_word_organisation_joins_a_full_name_only_when_that_outnumbers_it() {
    let names = corpus(&[
        ("Fox News", 4000),
        ("Fox", 700),
        ("Fox Business", 100),
        ("Union", 600),
        ("Union Pacific", 130),
    ]);
    let map = resolve(NameKind::Organization, &names);
    assert_eq!(canonical(&map, "Fox"), "Fox News");
    assert_eq!(canonical(&map, "Union"), "Union");
}

#[test]
fn a_negligible_full_name_does_not_take_a_common_word() {
    let map = resolve(NameKind::Person, &corpus(&[("Jesus", 500), ("Jesus Rodriguez", 3)]));
    assert!(map.is_empty(), "{map:?}");
}

#[test]
fn initials_join_their_expansion_and_departments_their_tail() {
    let names = corpus(&[
        ("Associated Press", 3100),
        ("AP", 1500),
        ("NSA", 700),
        ("National Security Agency", 300),
        ("DHS", 900),
        ("Department of Homeland Security", 1200),
        ("Homeland Security", 800),
        ("DACA", 1500),
        ("Deferred Action for Childhood Arrivals", 200),
        ("Justice Department", 3000),
        ("Department of Justice", 1000),
        ("U.S. Supreme Court", 200),
        ("Supreme Court", 5000),
        ("Democrats", 400),
        ("GOP", 20),
    ]);
    let map = resolve(NameKind::Organization, &names);
    assert_eq!(canonical(&map, "AP"), "Associated Press");
    assert_eq!(canonical(&map, "NSA"), "National Security Agency");
    assert_eq!(canonical(&map, "DHS"), "Department of Homeland Security");
    assert_eq!(canonical(&map, "Homeland Security"), "Department of Homeland Security");
    assert_eq!(canonical(&map, "DACA"), "Deferred Action for Childhood Arrivals");
    assert_eq!(canonical(&map, "Department of Justice"), "Justice Department");
    assert_eq!(canonical(&map, "U.S. Supreme Court"), "Supreme Court");
    assert_eq!(canonical(&map, "Democrats"), "Democratic Party");
    assert_eq!(canonical(&map, "GOP"), "Republican Party");
}

#[test]
fn initials_with_two_strong_expansions_stay() {
    let names = corpus(&[("PA", 50), ("Palestinian Authority", 40), ("Port Authority", 30)]);
    assert!(resolve(NameKind::Organization, &names).is_empty());
}

#[test]
fn name_shapes() {
    assert_eq!(
        without_initials("George H.W. Bush"),
        Some(("George Bush".into(), "HW".into()))
    );
    assert_eq!(
        without_initials("Donald J. Trump Jr."),
        Some(("Donald Trump Jr.".into(), "J".into()))
    );
    assert_eq!(without_initials("Martin Luther King"), None);
    assert_eq!(initials_of("Department of Homeland Security").as_deref(), Some("DHS"));
    assert_eq!(as_initials("A.P.").as_deref(), Some("AP"));
    assert_eq!(as_initials("NATO").as_deref(), Some("NATO"));
    assert_eq!(as_initials("Nato"), None);
    assert_eq!(
        full_form_key("Department of Justice"),
        full_form_key("Justice Department")
    );
    assert_eq!(spelling_key("Kim Jong-un"), spelling_key("KIM JONG UN"));
}

#[test]
fn a_short_first_name_joins_the_full_one_and_its_initials() {
    let names = corpus(&[
        ("Chuck Schumer", 1072),
        ("Charles E. Schumer", 339),
        ("Charles Schumer", 40),
        ("Schumer", 500),
        ("Bill Barr", 300),
        ("William Barr", 480),
        ("William P. Barr", 60),
        // Ambiguous short names stay apart from either full one.
        ("Steve Smith", 20),
        ("Stephen Smith", 15),
        ("Steven Smith", 12),
    ]);
    let map = resolve(NameKind::Person, &names);
    for variant in ["Charles E. Schumer", "Charles Schumer", "Schumer"] {
        assert_eq!(canonical(&map, variant), "Chuck Schumer", "{variant}");
    }
    for variant in ["Bill Barr", "William P. Barr"] {
        assert_eq!(canonical(&map, variant), "William Barr", "{variant}");
    }
    for name in ["Steve Smith", "Stephen Smith", "Steven Smith"] {
        assert_eq!(canonical(&map, name), name);
    }
    assert_eq!(person_key("Chuck Schumer"), person_key("charles schumer"));
    assert_ne!(person_key("Chuck Schumer"), person_key("Chuck Todd"));
}
