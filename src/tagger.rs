//! The shipped entity tagger as the indexer's `EntityTagger`.

use lede_article::{Article, Entities};
use lede_entities::{EntityKind, Tagger};
use lede_indexer::EntityTagger;

/// Tags articles with the model embedded in the binary.
pub struct ShippedTagger(&'static Tagger);

impl ShippedTagger {
    /// Loads (parses) the embedded model.
    pub fn load() -> anyhow::Result<ShippedTagger> {
        Ok(ShippedTagger(Tagger::shipped()?))
    }
}

/// True for "Senate Passes Border Wall Funding Deal": capitalisation there says
/// nothing about names, and the tagger learnt from sentence-case text.
fn title_case(headline: &str) -> bool {
    let long: Vec<&str> = headline.split_whitespace().filter(|w| w.chars().count() >= 4).collect();
    let upper = long
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    long.len() >= 3 && upper * 10 >= long.len() * 7
}

/// Canonical entities of an article, by kind, most mentioned first.
pub fn entities_of(tagger: &Tagger, headline: &str, body: &str) -> Entities {
    let headline = if title_case(headline) { "" } else { headline };
    let mut entities = Entities::default();
    for entity in tagger.article_entities(headline, body) {
        let list = match entity.kind {
            EntityKind::Person => &mut entities.person,
            EntityKind::Organization => &mut entities.organization,
            EntityKind::Location => &mut entities.location,
            EntityKind::Misc => continue,
        };
        if !list.contains(&entity.name) {
            list.push(entity.name);
        }
    }
    entities
}

impl EntityTagger for ShippedTagger {
    fn tag(&self, article: &mut Article) {
        article.entities = entities_of(self.0, &article.headline, &article.body);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_case_headlines_are_recognised() {
        assert!(title_case(
            "Senate Passes Border Wall Funding Deal, Sending Bill to Trump"
        ));
        assert!(!title_case(
            "Senate passes border wall funding deal, sending bill to Trump"
        ));
        assert!(!title_case("Trump"));
    }
}
