//! "Did you mean": the names closest to a typed one, fast for any number
//! of names.
//!
//! Ranking every name by edit distance costs names × length² per query: a
//! registry of 100,000 spellings took seconds for one unknown name. A
//! [`Suggester`] indexes the folded names by their trigrams once; a query
//! ranks only the few names that share the most trigrams with it, and
//! compares a query cut to [`MAX_QUERY_CHARS`], so a 100 KB name costs no
//! more than a long one.

use std::cmp::Ordering;

use rustc_hash::FxHashMap;

use crate::names::{fold, vietnamese_cmp};

/// A typed name is compared on at most this many characters: no real body
/// name is longer.
pub const MAX_QUERY_CHARS: usize = 200;

/// How many names sharing the most trigrams with the query are ranked by
/// edit distance.
const SHORTLIST: usize = 64;

/// A name is suggested only when it is at least this similar (normalised
/// Levenshtein on the folded forms).
const MIN_SIMILARITY: f64 = 0.3;

/// The closest of `candidates` to `query`, best first, at most `limit`,
/// compared on the folded form so a missing accent costs nothing.
pub fn suggestions<'a>(
    query: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    limit: usize,
) -> Vec<&'a str> {
    let mut names: Vec<&'a str> = candidates.into_iter().collect();
    names.sort_unstable();
    names.dedup();
    Suggester::new(names.iter().copied())
        .closest(query, limit)
        .into_iter()
        .filter_map(|found| names.binary_search(&found).ok().map(|i| names[i]))
        .collect()
}

/// Names indexed for suggestions.
#[derive(Clone, Debug, Default)]
pub struct Suggester {
    names: Vec<String>,
    folded: Vec<String>,
    /// Trigram → the names holding it, in index order, each once.
    postings: FxHashMap<u32, Vec<u32>>,
}

impl Suggester {
    /// Indexes `names` (duplicates are kept once).
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Suggester {
        let mut unique: Vec<&str> = names.into_iter().collect();
        unique.sort_unstable();
        unique.dedup();
        let mut suggester = Suggester::default();
        for (i, name) in (0u32..).zip(unique) {
            let folded = fold(name);
            let mut grams = trigrams(&folded);
            grams.sort_unstable();
            grams.dedup();
            for gram in grams {
                suggester.postings.entry(gram).or_default().push(i);
            }
            suggester.names.push(name.to_owned());
            suggester.folded.push(folded);
        }
        suggester
    }

    /// The names closest to `query`, best first, at most `limit`; ties in
    /// Vietnamese alphabetical order.
    pub fn closest(&self, query: &str, limit: usize) -> Vec<&str> {
        let query: String = query.chars().take(MAX_QUERY_CHARS).collect();
        let folded = fold(&query);
        let mut scored: Vec<(f64, &str)> = self
            .shortlist(&folded)
            .into_iter()
            .map(|i| {
                let score = strsim::normalized_levenshtein(&folded, &self.folded[i]);
                (score, self.names[i].as_str())
            })
            .filter(|(score, _)| *score > MIN_SIMILARITY)
            .collect();
        scored.sort_by(|a, b| {
            b.0.partial_cmp(&a.0)
                .unwrap_or(Ordering::Equal)
                .then_with(|| vietnamese_cmp(a.1, b.1))
        });
        scored
            .into_iter()
            .take(limit)
            .map(|(_, name)| name)
            .collect()
    }

    /// The names sharing the most trigrams with `folded`, at most
    /// [`SHORTLIST`]; every name when there are no more than that.
    fn shortlist(&self, folded: &str) -> Vec<usize> {
        if self.names.len() <= SHORTLIST {
            return (0..self.names.len()).collect();
        }
        let mut grams = trigrams(folded);
        grams.sort_unstable();
        grams.dedup();
        let mut shared: FxHashMap<u32, u32> = FxHashMap::default();
        for gram in grams {
            for &name in self.postings.get(&gram).map_or(&[][..], Vec::as_slice) {
                *shared.entry(name).or_default() += 1;
            }
        }
        let mut ranked: Vec<(u32, u32)> = shared.into_iter().collect();
        // Most shared trigrams first, then the shorter name (closer in
        // length), then index order: deterministic whatever the hashing.
        ranked.sort_unstable_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| {
                    self.folded[a.0 as usize]
                        .len()
                        .cmp(&self.folded[b.0 as usize].len())
                })
                .then_with(|| a.0.cmp(&b.0))
        });
        ranked
            .into_iter()
            .take(SHORTLIST)
            .map(|(name, _)| name as usize)
            .collect()
    }
}

/// The trigrams of a folded name, padded so that short names and word
/// starts count: "so" gives "  s", " so", "so ".
fn trigrams(folded: &str) -> Vec<u32> {
    let padded: Vec<u8> = b"  "
        .iter()
        .chain(folded.as_bytes())
        .chain(b" ")
        .copied()
        .collect();
    padded
        .windows(3)
        .map(|w| u32::from(w[0]) << 16 | u32::from(w[1]) << 8 | u32::from(w[2]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Vec<String> {
        let mut names: Vec<String> = [
            "Sở Nội vụ",
            "Sở Lao động - Thương binh và Xã hội",
            "Sở Tài chính",
            "Sở Tư pháp",
            "Ủy ban nhân dân tỉnh",
            "Ban Vì sự tiến bộ của phụ nữ tỉnh",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        names.extend((0..20_000).map(|i| format!("Phòng {i} của Ủy ban nhân dân xã số {i}")));
        names
    }

    #[test]
    fn finds_the_intended_name_among_twenty_thousand() {
        let names = names();
        let suggester = Suggester::new(names.iter().map(String::as_str));
        assert_eq!(suggester.closest("so noi vu", 3)[0], "Sở Nội vụ");
        assert_eq!(suggester.closest("Sở Tư phap", 1), ["Sở Tư pháp"]);
        assert_eq!(
            suggester.closest("Sở Lao động Thương binh Xã hội", 1),
            ["Sở Lao động - Thương binh và Xã hội"]
        );
        assert_eq!(
            suggester.closest("Uỷ ban nhân dân tinh", 1),
            ["Ủy ban nhân dân tỉnh"]
        );
    }

    #[test]
    fn small_lists_are_ranked_whole_as_the_plain_ranking_does() {
        let names = ["Sở Nội vụ", "Sở Ngoại vụ", "Sở Y tế", "Sở Tư pháp"];
        let suggester = Suggester::new(names);
        for query in [
            "So Noi vu",
            "Sở Ngoai vu",
            "so y te",
            "tu phap",
            "zzzzzzzzzzzz",
        ] {
            assert_eq!(
                suggester.closest(query, 3),
                suggestions(query, names, 3),
                "{query}"
            );
        }
    }

    #[test]
    fn a_huge_query_is_cut_not_compared_whole() {
        let suggester = Suggester::new(["Sở Nội vụ"]);
        let huge = "Sở Nội vụ".repeat(10_000);
        // Only the first characters are compared: still no match, and no
        // 100,000-character edit distance.
        assert!(suggester.closest(&huge, 3).is_empty());
    }

    #[test]
    fn suggestions_rank_the_closest_folded_name_first() {
        let names = ["Sở Nội vụ", "Sở Ngoại vụ", "Sở Y tế"];
        assert_eq!(suggestions("so noi vu", names, 3)[0], "Sở Nội vụ");
    }

    #[test]
    fn duplicates_are_suggested_once() {
        let suggester = Suggester::new(["Sở Nội vụ", "Sở Nội vụ"]);
        assert_eq!(suggester.closest("so noi vu", 3), ["Sở Nội vụ"]);
    }
}
