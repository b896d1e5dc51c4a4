//! Entities for indexing: the tagger an index run calls on every article, lede's shipped model unless told
//! otherwise.

use std::sync::Arc;

use lede_article::{Article, Entities};
use lede_entities::{EntityKind, Tagger};

use crate::error::Result;

/// Adds entities to an article before it is indexed.
pub trait EntityTagger: Send + Sync {
    /// Fills `article.entities` from its headline and body.
    fn tag(&self, article: &mut Article);
}

/// A model of the `lede-entities` crate (the shipped one or one trained with it) tags with [`entities_of`].
impl EntityTagger for Tagger {
    fn tag(&self, article: &mut Article) {
        article.entities = entities_of(self, &article.headline, &article.body);
    }
}

/// Which entities an index run adds to its articles.
#[derive(Clone, Default)]
pub enum Tagging {
    /// The model shipped with lede ([`Tagger::shipped`], parsed once per process).
    #[default]
    Shipped,
    /// None: the person, organization and location columns stay empty (`lede index --no-entities`).
    Off,
    /// Another tagger: a model of your own, or something else entirely.
    Custom(Arc<dyn EntityTagger>),
}

impl Tagging {
    /// The tagger to call, loading the shipped model when it is the one.
    pub(crate) fn tagger(&self) -> Result<Option<&dyn EntityTagger>> {
        Ok(match self {
            Tagging::Shipped => Some(Tagger::shipped()?),
            Tagging::Off => None,
            Tagging::Custom(tagger) => Some(tagger.as_ref()),
        })
    }
}

/// The canonical persons, organisations and places of an article, each list most mentioned first (other
/// names, `MISC`, are left out).
///
/// ```
/// use lede_entities::Tagger;
///
/// let entities = lede_indexer::entities_of(
///     Tagger::shipped()?,
///     "Merkel meets Macron in Berlin",
///     "German Chancellor Angela Merkel met French President Emmanuel Macron in Berlin on Tuesday.",
/// );
/// assert!(entities.person.contains(&"Angela Merkel".to_owned()));
/// assert!(entities.location.contains(&"Berlin".to_owned()));
/// # Ok::<(), lede_entities::Error>(())
/// ```
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
