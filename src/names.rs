//! Organisation names: the one place where names are normalised, folded,
//! compared, suggested and sorted, so `check`, `due --owner` and `owners`
//! can never disagree about which body a name means.

use std::cmp::Ordering;

use unicode_normalization::UnicodeNormalization;

const GRAVE: char = '\u{300}';
const ACUTE: char = '\u{301}';
const TILDE: char = '\u{303}';
const HOOK: char = '\u{309}';
const DOT_BELOW: char = '\u{323}';

fn is_tone_mark(c: char) -> bool {
    matches!(c, GRAVE | ACUTE | TILDE | HOOK | DOT_BELOW)
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            | '\u{2011}'
            | '\u{2012}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2015}'
            | '\u{2212}'
    )
}

/// Characters that show nothing: zero-width space, non-joiner and joiner,
/// word joiner, zero-width no-break space (a byte order mark inside text)
/// and soft hyphen. Two names that differ only by them look identical, so
/// matching ignores them.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
    )
}

/// Whether a text shows nothing: empty, or only spaces and invisible
/// characters.
pub fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

/// The key two spellings of one name share: without invisible characters,
/// NFC, lower case, one tone placement for "oa", "oe", "uy" ("hoà" =
/// "hòa", "thuỷ" = "thủy"), one hyphen without spaces for any dash, single
/// spaces.
pub fn normalize(name: &str) -> String {
    let decomposed: Vec<char> = name
        .chars()
        .filter(|&c| !is_invisible(c))
        .nfd()
        .flat_map(char::to_lowercase)
        .collect();
    let toned = canonical_tone_placement(&decomposed);
    let composed: String = toned.into_iter().nfc().collect();
    tidy_spacing(&composed)
}

/// [`normalize`] without any diacritics ("đ" becomes "d"), for names typed
/// on a keyboard without Vietnamese input. Spacing is tidied again after
/// transliteration, which may add spaces ("🎞-" becomes "film frames -").
pub fn fold(name: &str) -> String {
    tidy_spacing(&deunicode::deunicode(&normalize(name)).to_lowercase())
}

/// Moves a tone mark written on the first vowel of "oa", "oe" or "uy" to the
/// second one, the placement used by closed syllables ("hoàng") anyway.
fn canonical_tone_placement(chars: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next_is_tone = chars.get(i + 1).is_some_and(|&t| is_tone_mark(t));
        let pair_vowel = chars.get(i + 2).copied();
        let moves = next_is_tone
            && matches!(
                (c, pair_vowel),
                ('o', Some('a')) | ('o', Some('e')) | ('u', Some('y'))
            );
        if moves {
            out.push(c);
            out.push(chars[i + 2]);
            out.push(chars[i + 1]);
            i += 3;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn is_combining(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

fn tidy_spacing(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        let word: String = word
            .chars()
            .map(|c| if is_dash(c) { '-' } else { c })
            .collect();
        let joins_dash = word.starts_with('-') || out.ends_with('-');
        if !out.is_empty() && !joins_dash {
            out.push(' ');
        }
        out.push_str(&word);
    }
    out
}

/// The closest identifier to `query` (field names, ids): a typo fix, or none.
pub fn did_you_mean<'a>(
    query: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(query, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(Ordering::Equal))
        .map(|(_, c)| c)
}

/// Vietnamese alphabetical order: letters first (a ă â b c d đ e ê g … ư v x y),
/// then tones (none, grave, hook, tilde, acute, dot below), then code points.
pub fn vietnamese_cmp(a: &str, b: &str) -> Ordering {
    let (ka, kb) = (sort_key(a), sort_key(b));
    ka.cmp(&kb).then_with(|| a.cmp(b))
}

/// The sort key behind [`vietnamese_cmp`]: (letters, tones).
pub fn sort_key(text: &str) -> (Vec<u32>, Vec<u8>) {
    let mut letters = Vec::new();
    let mut tones = Vec::new();
    let mut chars = text.nfd().flat_map(char::to_lowercase).peekable();
    while let Some(c) = chars.next() {
        let mut modifier = 0;
        let mut tone = 0;
        while let Some(&m) = chars.peek() {
            match m {
                '\u{306}' => modifier = 1, // breve: ă
                '\u{302}' => modifier = 2, // circumflex: â ê ô
                '\u{31b}' => modifier = 3, // horn: ơ ư
                GRAVE => tone = 1,
                HOOK => tone = 2,
                TILDE => tone = 3,
                ACUTE => tone = 4,
                DOT_BELOW => tone = 5,
                _ if is_combining(m) => {}
                _ => break,
            }
            chars.next();
        }
        let base = if c == 'đ' {
            'd' as u32 * 4 + 2
        } else {
            c as u32 * 4 + modifier
        };
        letters.push(base);
        tones.push(tone);
    }
    (letters, tones)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_do_not_change_a_key() {
        for spelling in [
            "Sở\u{200b} Nội vụ",
            "Sở Nội\u{ad} vụ",
            "\u{feff}Sở Nội vụ\u{2060}",
            "Sở Nội\u{200c}\u{200d} vụ",
        ] {
            assert_eq!(normalize(spelling), normalize("Sở Nội vụ"), "{spelling:?}");
        }
        assert!(is_blank("\u{200d} \u{ad}"));
        assert!(!is_blank("\u{200d}a"));
    }

    #[test]
    fn nfc_and_nfd_spellings_share_a_key() {
        let nfd: String = "Sở Nội vụ".nfd().collect();
        assert_eq!(normalize(&nfd), normalize("Sở Nội vụ"));
        assert_eq!(normalize("SỞ NỘI VỤ"), "sở nội vụ");
    }

    #[test]
    fn old_and_new_tone_placement_share_a_key() {
        assert_eq!(normalize("Hòa Bình"), normalize("Hoà Bình"));
        assert_eq!(normalize("Ủy ban nhân dân"), normalize("Uỷ ban nhân dân"));
        assert_eq!(normalize("thủy"), normalize("thuỷ"));
        assert_eq!(normalize("khỏe"), normalize("khoẻ"));
        assert_eq!(normalize("góa phụ"), normalize("goá phụ"));
        assert_eq!(normalize("quý"), "quý");
    }

    #[test]
    fn dashes_and_spacing_are_unified() {
        let want = normalize("Sở Lao động - Thương binh và Xã hội");
        assert_eq!(normalize("Sở Lao động-Thương binh và Xã hội"), want);
        assert_eq!(normalize("Sở Lao động – Thương binh  và Xã hội"), want);
        assert_eq!(normalize("  Sở Lao động -Thương binh và Xã hội "), want);
    }

    #[test]
    fn folding_drops_every_diacritic_including_d_bar() {
        assert_eq!(fold("Sở Nội vụ"), "so noi vu");
        assert_eq!(fold("Đoàn Thanh niên"), "doan thanh nien");
        assert_eq!(fold("Sở LĐTB&XH"), "so ldtb&xh");
    }

    #[test]
    fn fold_tidies_spacing_after_transliteration() {
        // Found by the idempotence property: deunicode spells some symbols
        // as words with spaces, so folding a folded name changed it.
        assert_eq!(fold("🎞-"), "film frames-");
        assert_eq!(fold(&fold("🎞-")), fold("🎞-"));
    }

    #[test]
    fn vietnamese_order_is_not_code_point_order() {
        let mut names = vec![
            "Yên Bái",
            "Đồng Nai",
            "Ăn",
            "Bắc Ninh",
            "Âu",
            "An Giang",
            "Dak Lak",
        ];
        names.sort_by(|a, b| vietnamese_cmp(a, b));
        assert_eq!(
            names,
            [
                "An Giang",
                "Ăn",
                "Âu",
                "Bắc Ninh",
                "Dak Lak",
                "Đồng Nai",
                "Yên Bái"
            ]
        );
        let mut tones = vec!["má", "mà", "ma", "mạ", "mả", "mã"];
        tones.sort_by(|a, b| vietnamese_cmp(a, b));
        assert_eq!(tones, ["ma", "mà", "mả", "mã", "má", "mạ"]);
    }

    #[test]
    fn did_you_mean_fixes_a_typo_or_says_nothing() {
        assert_eq!(did_you_mean("titel", ["title", "id"]), Some("title"));
        assert_eq!(did_you_mean("zzz", ["title", "id"]), None);
    }

    mod properties {
        use proptest::prelude::*;
        use unicode_normalization::UnicodeNormalization;

        use super::super::*;

        /// Base letters of the Vietnamese alphabet, lower and upper case.
        const LETTERS: &[&str] = &[
            "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m", "n", "o",
            "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y", "A", "Ă", "Â", "Đ", "Ê",
            "O", "Ô", "Ơ", "U", "Ư", "Y",
        ];
        const VOWELS: &str = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY";
        const TONES: &[char] = &[GRAVE, HOOK, TILDE, ACUTE, DOT_BELOW];
        /// Separators seen between words: spaces and every kind of dash.
        const GAPS: &[&str] = &[" ", "  ", " - ", "-", " – ", "—", "\u{2011}", "\t"];

        /// One letter, with or without a tone when it is a vowel, in NFC.
        fn letter() -> impl Strategy<Value = String> {
            (
                prop::sample::select(LETTERS),
                prop::option::of(prop::sample::select(TONES)),
            )
                .prop_map(|(base, tone)| match tone {
                    Some(t) if base.chars().all(|c| VOWELS.contains(c)) => {
                        base.chars().chain([t]).nfc().collect()
                    }
                    _ => base.to_owned(),
                })
        }

        /// Words of Vietnamese letters and digits joined by spaces and dashes, in NFC.
        fn vietnamese() -> impl Strategy<Value = String> {
            let word = prop::collection::vec(
                prop_oneof![4 => letter(), 1 => "[0-9&]".prop_map(String::from)],
                1..8,
            )
            .prop_map(|letters| letters.concat());
            prop::collection::vec((word, prop::sample::select(GAPS)), 1..6).prop_map(|words| {
                let mut text = String::new();
                for (i, (word, gap)) in words.iter().enumerate() {
                    if i > 0 {
                        text.push_str(gap);
                    }
                    text.push_str(word);
                }
                text
            })
        }

        /// The old (tone on the first vowel) and new (tone on the second)
        /// spellings of "oa", "oe" and "uy" with one tone, in any case.
        fn tone_pair() -> impl Strategy<Value = (String, String)> {
            let pairs = prop::sample::select(&[('o', 'a'), ('o', 'e'), ('u', 'y')][..]);
            (
                pairs,
                prop::sample::select(TONES),
                any::<bool>(),
                any::<bool>(),
            )
                .prop_map(|((first, second), tone, upper_first, upper_second)| {
                    let case = |c: char, upper: bool| {
                        if upper {
                            c.to_ascii_uppercase()
                        } else {
                            c
                        }
                    };
                    let (a, b) = (case(first, upper_first), case(second, upper_second));
                    let old: String = [a, tone, b].into_iter().nfc().collect();
                    let new: String = [a, b, tone].into_iter().nfc().collect();
                    (old, new)
                })
        }

        proptest! {
            #[test]
            fn normalize_is_idempotent(text in any::<String>()) {
                let once = normalize(&text);
                prop_assert_eq!(normalize(&once), once.clone());
                prop_assert_eq!(fold(&fold(&text)), fold(&text));
            }

            #[test]
            fn normalize_is_idempotent_on_vietnamese(text in vietnamese()) {
                let once = normalize(&text);
                prop_assert_eq!(normalize(&once), once);
            }

            #[test]
            fn nfc_and_nfd_fold_to_the_same_key(text in vietnamese()) {
                let nfd: String = text.nfd().collect();
                let nfc: String = text.nfc().collect();
                prop_assert_eq!(normalize(&nfd), normalize(&nfc));
                prop_assert_eq!(fold(&nfd), fold(&nfc));
                prop_assert_eq!(normalize(&text.to_uppercase()), normalize(&text.to_lowercase()));
            }

            #[test]
            fn old_and_new_tone_placement_fold_to_the_same_key(
                before in vietnamese(),
                (old, new) in tone_pair(),
                after in "[nmtcp]?( [a-z]{1,4})?",
                nfd in any::<bool>(),
            ) {
                let spell = |pair: &str| {
                    let text = format!("{before} {pair}{after}");
                    if nfd { text.nfd().collect() } else { text }
                };
                prop_assert_eq!(normalize(&spell(&old)), normalize(&spell(&new)));
                prop_assert_eq!(fold(&spell(&old)), fold(&spell(&new)));
            }

            #[test]
            fn fold_of_vietnamese_is_ascii(text in vietnamese(), nfd in any::<bool>()) {
                let text: String = if nfd { text.nfd().collect() } else { text };
                let folded = fold(&text);
                prop_assert!(folded.is_ascii(), "{text:?} folds to {folded:?}");
                prop_assert!(!folded.contains('đ'));
            }
        }

        #[test]
        fn the_named_tone_variants_share_a_key() {
            for (old, new) in [
                ("oà", "òa"),
                ("uỷ", "ủy"),
                ("oé", "óe"),
                ("hoà", "hòa"),
                ("thuỷ", "thủy"),
            ] {
                assert_eq!(normalize(old), normalize(new), "{old} / {new}");
                assert_eq!(fold(old), fold(new), "{old} / {new}");
            }
        }
    }
}
