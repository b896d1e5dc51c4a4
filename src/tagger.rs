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

/// Canonical entities of an article, by kind, most mentioned first.
pub fn entities_of(tagger: &Tagger, headline: &str, body: &str) -> Entities {
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
