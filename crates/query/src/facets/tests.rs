//! Unit tests of the facet counting helpers.
use super::*;

#[test]
fn facet_names_parse_and_typos_list_the_valid_ones() {
    assert_eq!(
        FacetField::parse_list("person, org,place,source,authors,person").unwrap(),
        vec![
            FacetField::Person,
            FacetField::Organization,
            FacetField::Location,
            FacetField::Source,
            FacetField::Author
        ]
    );
    let error = FacetField::parse_list("persn").unwrap_err().to_string();
    assert_eq!(
        error,
        "unknown facet `persn`; known facets: person, organization, location, source, author"
    );
    for (spellings, field) in [
        ("person people persons", FacetField::Person),
        (
            "organization organisation organizations org orgs ORG",
            FacetField::Organization,
        ),
        ("location locations place places", FacetField::Location),
        ("source sources outlet outlets", FacetField::Source),
        ("author authors", FacetField::Author),
    ] {
        for spelling in spellings.split(' ') {
            assert_eq!(spelling.parse::<FacetField>().ok(), Some(field), "{spelling}");
        }
    }
    for not_a_facet in ["lang", "language", "date", "headline", "title", "body", "text"] {
        assert!(not_a_facet.parse::<FacetField>().is_err(), "{not_a_facet}");
    }
}

#[test]
fn top_values_are_sorted_by_count_then_name() {
    let mut facet = Facet {
        field: FacetField::Person,
        articles: 9,
        articles_with_value: 9,
        distinct: 4,
        top: [("b", 2), ("a", 2), ("c", 5), ("d", 1)]
            .iter()
            .map(|(v, c)| FacetCount {
                value: v.to_string(),
                count: *c,
            })
            .collect(),
    };
    keep_top(&mut facet, 3);
    let values: Vec<&str> = facet.top.iter().map(|c| c.value.as_str()).collect();
    assert_eq!(values, ["c", "a", "b"]);
}

#[test]
fn a_value_counts_once_per_article_however_often_it_is_stored() {
    let mut tallies = vec![Tally::default(); 4];
    // Article 0 stores value 2 twice (or two variants counted under it); article 1 has it once; article 7 has
    // values 0 and 3; value 9 is outside the column's dictionary and ignored.
    for (doc, ord) in [(0, 2), (0, 1), (0, 2), (1, 2), (7, 0), (7, 3), (7, 9)] {
        count_value(&mut tallies, ord, doc);
    }
    let counts: Vec<u32> = tallies.iter().map(|t| t.count).collect();
    assert_eq!(counts, [1, 1, 2, 1]);
}
