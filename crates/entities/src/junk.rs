//! What a tagged name really is: page furniture that is no entity at all, or an entity of another kind than
//! the tagger said. General shapes first (newsletter and advertisement words, all-capitals chrome, the start of
//! a title, company suffixes, buildings named after people, laws), short lists only where no shape tells.

use crate::tokenize::Token;
use crate::EntityKind;

/// Words of newsletter boxes, advertisements and site chrome: a name containing one is page furniture
/// (`Daily Newsletters Manage Newsletters`, `Monitor Stories`).
const CHROME_WORDS: &[&str] = &[
    "Newsletter",
    "Newsletters",
    "Advertisement",
    "ADVERTISEMENT",
    "Sponsored",
    "Subscribe",
    "Subscriber",
    "Subscribers",
    "Stories",
    "Podcasts",
    "Cookie",
    "Cookies",
    "Login",
    "Signup",
];

/// All-capitals words that are buttons and labels of a page, not acronyms (`MORE`, `READ`).
const CHROME_CAPITALS: &[&str] = &[
    "MORE",
    "READ",
    "WATCH",
    "LISTEN",
    "SHARE",
    "RELATED",
    "VIDEO",
    "VIDEOS",
    "PHOTOS",
    "PHOTO",
    "UPDATE",
    "UPDATED",
    "BREAKING",
    "EXCLUSIVE",
    "LIVE",
    "CLOSE",
    "MENU",
    "SEARCH",
    "TOP",
    "NEW",
    "NEWS",
    "OPINION",
    "ANALYSIS",
    "COMMENTARY",
    "ADVERTISEMENT",
    "SPONSORED",
    "SUBSCRIBE",
    "EDITORIAL",
    "CORRECTION",
    "FILE",
];

/// Last words of a title or the start of one, not of a body (`Senate Majority` of `Senate Majority Leader`,
/// `National Security Adviser`).
const TITLE_STARTS: &[&str] = &[
    "Majority",
    "Minority",
    "Adviser",
    "Advisor",
    "Secretary",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Leader",
    "Chairman",
    "Chairwoman",
    "Director",
    "Whip",
];

/// Company-form suffixes that name nobody alone.
const COMPANY_FORMS: &[&str] = &[
    "LLC", "Inc", "Inc.", "Corp", "Corp.", "Co.", "Ltd", "Ltd.", "PLC", "LLP", "L.L.C.",
];

/// Section names of news sites, which the tagger takes for places or people when they stand alone.
const SECTIONS: &[&str] = &[
    "Health",
    "Voice",
    "Opinion",
    "Politics",
    "Business",
    "Sports",
    "Lifestyle",
    "Entertainment",
    "Science",
    "Tech",
    "Technology",
    "Travel",
    "Culture",
    "Style",
    "Media",
    "Lawfare",
    "Education",
    "Money",
    "Markets",
    "Weather",
];

/// Beings and words people are not: deities, and outlets written by a short name.
const NOT_PEOPLE: &[&str] = &["God", "Allah", "Lord", "Christ"];

/// Outlets the tagger takes for a person when written alone.
const OUTLET_SHORT_NAMES: &[&str] = &["Fox", "Reuters", "Bloomberg", "Politico", "Axios"];

/// Last words of a building or place named after someone (`Trump Tower`).
const BUILDINGS: &[&str] = &[
    "Tower",
    "Towers",
    "Hotel",
    "Building",
    "Plaza",
    "Center",
    "Centre",
    "Hall",
    "Airport",
    "Stadium",
    "Arena",
    "Bridge",
    "Square",
    "Park",
    "Street",
    "Avenue",
    "Boulevard",
];

/// Last words of an institution named after someone (`Kennedy School`, `Gates Foundation`).
const INSTITUTIONS: &[&str] = &[
    "Foundation",
    "Institute",
    "University",
    "College",
    "School",
    "Library",
    "Administration",
    "Campaign",
    "Organization",
    "Parenthood",
    "Party",
    "Committee",
    "Council",
    "Association",
    "Society",
    "Corporation",
    "Company",
    "Fund",
    "Caucus",
    "Coalition",
    "Alliance",
    "Commission",
    "Agency",
    "Network",
];

/// Last words of laws, treaties and programmes, which are not organisations (CoNLL's MISC): `Affordable
/// Care Act`, `First Amendment`, `Paris Agreement`.
const LAW_ENDINGS: &[&str] = &[
    "Act",
    "Acts",
    "Amendment",
    "Amendments",
    "Agreement",
    "Accord",
    "Accords",
    "Treaty",
    "Doctrine",
];

/// Laws, programmes and events written by a name of their own, tagged as organisations (`Obamacare`, `DACA`,
/// `State of the Union`): CoNLL's MISC.
const NAMED_LAWS: &[&str] = &[
    "Constitution",
    "Obamacare",
    "ACA",
    "DACA",
    "DAPA",
    "Deferred Action for Childhood Arrivals",
    "Medicare",
    "Medicaid",
    "Brexit",
    "State of the Union",
    "New Deal",
    "Green New Deal",
];

/// Single words the tagger takes for an organisation that name nothing alone: a side (`the Left`), a title's
/// start (`Vice` of `Vice President`), a kind of committee (`super PAC`), the tail of `State of the Union`.
const NOT_NAMES_ALONE: &[&str] = &["Left", "Right", "Vice", "PAC", "Union"];

/// Court cases and craft, named as organisations (`Roe` of `Roe v. Wade`): CoNLL's MISC.
const CASES_AND_CRAFT: &[&str] = &["Roe", "Roe v. Wade", "Air Force One", "Marine One"];

/// Places and buildings the tagger takes for organisations (`Washington, DC`; `the Oval Office`).
const PLACES_NOT_ORGS: &[&str] = &["DC", "D.C.", "Oval Office", "Capitol", "Capitol Hill"];

/// Words that make a name a criminal group or armed band: an organisation whatever the tagger said.
const GROUP_WORDS: &[&str] = &[
    "Cartel",
    "Cartels",
    "cartel",
    "Gang",
    "Gangs",
    "Mafia",
    "Syndicate",
    "Militia",
    "Militias",
    "Brigade",
    "Brigades",
    "Salvatrucha",
    "MS-13",
    "Aragua",
    "Yakuza",
    "Camorra",
    "Ndrangheta",
    "Triad",
    "Triads",
];

/// Heads of Spanish-language group names whose tail the tagger takes alone (`Cartel de los Soles` tagged
/// `Soles`).
const GROUP_HEADS: &[&str] = &["Cartel", "Tren", "Clan", "Banda", "Mara"];
const GROUP_LINKS: &[&str] = &["de", "del", "los", "las", "la"];

/// The kind `name` (tagged `kind`) really has, or `None` when it is no entity.
pub(crate) fn verdict(kind: EntityKind, name: &str) -> Option<EntityKind> {
    let words: Vec<&str> = name.split(' ').collect();
    let last = *words.last()?;
    if words.iter().any(|w| CHROME_WORDS.contains(w)) {
        return None;
    }
    if words.iter().all(|w| CHROME_CAPITALS.contains(w)) {
        return None;
    }
    if words.iter().all(|w| COMPANY_FORMS.contains(w)) {
        return None;
    }
    if words.len() >= 2 && TITLE_STARTS.contains(&last) {
        return None;
    }
    // `Supreme Court Justice` of `Supreme Court Justice Antonin Scalia`; `Department of Justice` stays.
    if words.len() >= 2 && last == "Justice" && words[words.len() - 2] == "Court" {
        return None;
    }
    // A fragment cut before its end (`Cartel de` of `Cartel de los Soles`).
    if words.len() >= 2 && (GROUP_LINKS.contains(&last) || matches!(last, "of" | "for" | "and" | "the")) {
        return None;
    }
    if words.iter().any(|w| GROUP_WORDS.contains(w)) {
        return Some(EntityKind::Organization);
    }
    if words.len() >= 3 && GROUP_HEADS.contains(&words[0]) && GROUP_LINKS.contains(&words[1]) {
        return Some(EntityKind::Organization);
    }
    // Laws, programmes and events are not organisations (CoNLL's MISC).
    if (words.len() >= 2 && LAW_ENDINGS.contains(&last)) || NAMED_LAWS.contains(&name) {
        return Some(EntityKind::Misc);
    }
    if kind == EntityKind::Organization {
        if words.len() == 1 && NOT_NAMES_ALONE.contains(&last) {
            return None;
        }
        if CASES_AND_CRAFT.contains(&name) {
            return Some(EntityKind::Misc);
        }
        if PLACES_NOT_ORGS.contains(&name) {
            return Some(EntityKind::Location);
        }
    }
    if words.len() == 1 && SECTIONS.contains(&last) && kind != EntityKind::Organization {
        return None;
    }
    match kind {
        EntityKind::Person if words.len() == 1 && NOT_PEOPLE.contains(&last) => None,
        EntityKind::Person if words.len() == 1 && OUTLET_SHORT_NAMES.contains(&last) => Some(EntityKind::Organization),
        EntityKind::Person if words.len() >= 2 && BUILDINGS.contains(&last) => Some(EntityKind::Location),
        EntityKind::Person if words.len() >= 2 && INSTITUTIONS.contains(&last) => Some(EntityKind::Organization),
        _ => Some(kind),
    }
}

/// Where a tagged span really starts: before a group name's Spanish head the tagger left out (`Cartel de los`
/// in front of `Soles`), else where it started. The second value says the span was extended.
pub(crate) fn span_start(sentence: &[Token<'_>], start: usize) -> (usize, bool) {
    let mut i = start;
    while i > 0 && GROUP_LINKS.contains(&sentence[i - 1].text.as_ref()) {
        i -= 1;
    }
    if i < start && i > 0 && GROUP_HEADS.contains(&sentence[i - 1].text.as_ref()) {
        return (i - 1, true);
    }
    (start, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_furniture_is_no_entity() {
        let org = EntityKind::Organization;
        for junk in [
            "LLC",
            "Senate Majority",
            "Daily Newsletters Manage Newsletters",
            "Monitor Stories",
            "MORE",
        ] {
            assert_eq!(verdict(org, junk), None, "{junk}");
        }
        for junk in ["God", "Health"] {
            assert_eq!(verdict(EntityKind::Person, junk), None, "{junk}");
        }
        assert_eq!(verdict(EntityKind::Location, "Voice"), None);
        assert_eq!(verdict(org, "National Security Adviser"), None);
        for real in ["Senate", "NATO", "Senate Majority PAC Fund", "Federal Reserve", "CNN"] {
            assert_eq!(verdict(org, real), Some(org), "{real}");
        }
    }

    #[test]
    fn kinds_are_corrected() {
        let person = EntityKind::Person;
        assert_eq!(verdict(person, "Trump Tower"), Some(EntityKind::Location));
        assert_eq!(verdict(person, "Fox"), Some(EntityKind::Organization));
        assert_eq!(verdict(person, "Mara Salvatrucha"), Some(EntityKind::Organization));
        assert_eq!(verdict(person, "Tren de Aragua"), Some(EntityKind::Organization));
        assert_eq!(verdict(person, "Cartel de los Soles"), Some(EntityKind::Organization));
        assert_eq!(
            verdict(EntityKind::Organization, "Affordable Care Act"),
            Some(EntityKind::Misc)
        );
        assert_eq!(verdict(person, "Nancy Pelosi"), Some(person));
        assert_eq!(verdict(person, "Planned Parenthood"), Some(EntityKind::Organization));
        let org = EntityKind::Organization;
        for law in [
            "First Amendment",
            "Obamacare",
            "DACA",
            "State of the Union",
            "Paris Agreement",
        ] {
            assert_eq!(verdict(org, law), Some(EntityKind::Misc), "{law}");
        }
        assert_eq!(verdict(org, "Supreme Court"), Some(org));
        for alone in ["Left", "Vice", "PAC", "Union"] {
            assert_eq!(verdict(org, alone), None, "{alone}");
        }
        assert_eq!(verdict(org, "European Union"), Some(org));
        assert_eq!(verdict(org, "Roe"), Some(EntityKind::Misc));
        assert_eq!(verdict(org, "Supreme Court Justice"), None);
        assert_eq!(verdict(org, "Department of Justice"), Some(org));
        assert_eq!(verdict(org, "Oval Office"), Some(EntityKind::Location));
        assert_eq!(verdict(org, "DC"), Some(EntityKind::Location));
        assert_eq!(verdict(EntityKind::Organization, "Cartel de"), None);
    }
}
