//! The catalogue of outside documents (`plans/documents.toml`): what plans
//! implement or cite that the repository does not encode. References
//! resolve to a plan first and to the catalogue only when no plan has
//! the id or number (see `resolve::Index::plan`).

use rustc_hash::FxHashMap;

use crate::diagnostic::Diagnostic;
use crate::model::Document;
use crate::resolve::compact_number;
use crate::rules::duplicate_document;
use crate::source::LineIndex;
use crate::validate::{self, ValidationContext};

/// The loaded catalogue, indexed by number (compared without spaces, as
/// plan numbers are).
#[derive(Clone, Debug, Default)]
pub struct Catalogue {
    pub file: String,
    /// In file order; a number written twice keeps its first entry only.
    pub documents: Vec<Document>,
    by_number: FxHashMap<String, usize>,
}

impl Catalogue {
    /// Parses and validates the catalogue, then indexes it; problems go to `out`.
    pub fn load(file: &str, text: &str, out: &mut Vec<Diagnostic>) -> Catalogue {
        let lines = LineIndex::new(text);
        let mut cx = ValidationContext::new(file, text, &lines, out);
        let documents = validate::catalogue::catalogue(&mut cx);
        let mut catalogue = Catalogue {
            file: file.to_owned(),
            ..Catalogue::default()
        };
        for document in documents {
            let key = compact_number(&document.number.value);
            if let Some(&first) = catalogue.by_number.get(&key) {
                let first = &catalogue.documents[first];
                out.push(
                    duplicate_document::Finding {
                        file,
                        span: document.number.span.clone(),
                        number: &document.number.value,
                        first: first.number.span.clone(),
                    }
                    .into(),
                );
                continue;
            }
            catalogue.by_number.insert(key, catalogue.documents.len());
            catalogue.documents.push(document);
        }
        catalogue
    }

    /// The document with this number, if any.
    pub fn get(&self, number: &str) -> Option<usize> {
        self.by_number.get(&compact_number(number)).copied()
    }

    /// Every number, for suggestions.
    pub fn numbers(&self) -> impl Iterator<Item = &str> {
        self.documents.iter().map(|d| d.number.value.as_str())
    }
}
