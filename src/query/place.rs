//! `--jurisdiction`: the place a typed id or name means. People type
//! "Hưng Yên", "hung yen", "hungyen", "Tỉnh Hưng Yên" or "TP. Hồ Chí Minh"
//! as readily as the registry id `hung-yen`; every one of them means the
//! same jurisdiction.

use std::collections::BTreeSet;

use crate::names::fold;
use crate::registry::Registry;
use crate::suggest::suggestions;

/// What a typed place means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The id of the one jurisdiction it names.
    Found(String),
    /// Several jurisdictions share the spelling: their ids, sorted.
    Ambiguous(Vec<String>),
    /// No jurisdiction: the closest ids, best first.
    Missing(Vec<String>),
}

/// The words that say what kind of place a name is, dropped before
/// comparing ("Tỉnh Hưng Yên" is "Hưng Yên"), folded.
const KIND_WORDS: &[&str] = &["thanh pho ", "tinh ", "tp. ", "tp.", "tp "];

/// The key every spelling of a place shares: folded, without the word
/// for its kind, letters and digits only ("hung-yen", "Tỉnh Hưng Yên" and
/// "hungyen" all give "hungyen").
pub fn place_key(text: &str) -> String {
    let folded = fold(text);
    let bare = KIND_WORDS
        .iter()
        .find_map(|kind| folded.strip_prefix(kind))
        .unwrap_or(&folded);
    bare.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Resolves a typed place against the registry's jurisdictions (by id or
/// name) and the ids `written` in plans (by id): an exact id first, else
/// every jurisdiction whose id or name has the same [`place_key`].
pub fn place<'a>(
    typed: &str,
    registry: Option<&Registry>,
    written: impl IntoIterator<Item = &'a str>,
) -> Place {
    let mut ids: BTreeSet<&str> = written.into_iter().collect();
    let named: Vec<(&str, &str)> = registry
        .map(|r| {
            r.jurisdictions
                .values()
                .map(|j| (j.id.as_str(), j.name.as_str()))
                .collect()
        })
        .unwrap_or_default();
    ids.extend(named.iter().map(|(id, _)| *id));
    if ids.contains(typed) {
        return Place::Found(typed.to_owned());
    }
    let key = place_key(typed);
    let mut found: BTreeSet<&str> = ids
        .iter()
        .copied()
        .filter(|id| place_key(id) == key)
        .collect();
    found.extend(
        named
            .iter()
            .filter(|(_, name)| place_key(name) == key)
            .map(|(id, _)| *id),
    );
    let mut found: Vec<String> = found.into_iter().map(str::to_owned).collect();
    match found.len() {
        1 => Place::Found(found.remove(0)),
        0 => Place::Missing(closest(typed, &ids, &named)),
        _ => Place::Ambiguous(found),
    }
}

/// The ids of the three places closest to `typed` by id or by name.
fn closest(typed: &str, ids: &BTreeSet<&str>, named: &[(&str, &str)]) -> Vec<String> {
    let spellings = ids
        .iter()
        .copied()
        .chain(named.iter().map(|(_, name)| *name));
    let mut out: Vec<String> = Vec::new();
    for spelling in suggestions(typed, spellings, usize::MAX) {
        let id = named
            .iter()
            .find(|(_, name)| *name == spelling)
            .map_or(spelling, |(id, _)| *id);
        if !out.iter().any(|seen| seen == id) {
            out.push(id.to_owned());
        }
        if out.len() == 3 {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_a_place_has_one_key() {
        let key = place_key("hung-yen");
        for spelling in [
            "Hưng Yên",
            "hung yen",
            "hungyen",
            "HUNG YEN",
            "Tỉnh Hưng Yên",
            "tinh hung yen",
            "Hu\u{31b}ng Ye\u{302}n",
        ] {
            assert_eq!(place_key(spelling), key, "{spelling}");
        }
        let city = place_key("ho-chi-minh");
        for spelling in [
            "Thành phố Hồ Chí Minh",
            "TP. Hồ Chí Minh",
            "TP.Hồ Chí Minh",
            "TP Hồ Chí Minh",
        ] {
            assert_eq!(place_key(spelling), city, "{spelling}");
        }
    }

    #[test]
    fn ids_written_in_plans_match_by_id_and_unknown_places_get_the_closest() {
        assert_eq!(
            place("lai-chau", None, ["lai-chau", "hung-yen"]),
            Place::Found("lai-chau".into())
        );
        assert_eq!(
            place("Lai Châu", None, ["lai-chau"]),
            Place::Found("lai-chau".into())
        );
        assert_eq!(
            place("lai-chua", None, ["lai-chau", "hung-yen"]),
            Place::Missing(vec!["lai-chau".into()])
        );
    }

    #[test]
    fn a_spelling_two_places_share_names_both() {
        assert_eq!(
            place("Ha Noi", None, ["ha-noi", "hanoi"]),
            Place::Ambiguous(vec!["ha-noi".into(), "hanoi".into()])
        );
        assert_eq!(
            place("hanoi", None, ["ha-noi", "hanoi"]),
            Place::Found("hanoi".into()),
            "an id written exactly wins"
        );
    }
}
