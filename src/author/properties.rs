//! Property tests of `gplan fmt` over the bundled files and messy copies
//! of them: keys shuffled, tables interleaved, text in NFD, literal
//! strings, odd spacing, lists laid out either way, comments added.
//! Formatting is idempotent, and keeps what the file means: the same TOML
//! data (text in NFC), and the same plan and findings from the loader.

use proptest::prelude::*;
use toml_edit::{DocumentMut, Item, Value};
use unicode_normalization::UnicodeNormalization;

use crate::author::adapter::loaded_meaning;
use crate::author::fmt::{format, Formatted};

/// Every bundled plan and registry, with whether it is a registry.
const FILES: &[(&str, &str, bool)] = &[
    (
        "plans/registry.toml",
        include_str!("../../plans/registry.toml"),
        true,
    ),
    (
        "plans/lai-chau/kh-01-2023.toml",
        include_str!("../../plans/lai-chau/kh-01-2023.toml"),
        false,
    ),
    (
        "plans/hung-yen/kh-53-2022.toml",
        include_str!("../../plans/hung-yen/kh-53-2022.toml"),
        false,
    ),
    (
        "plans/phu-tho/kh-btg-2016-2020.toml",
        include_str!("../../plans/phu-tho/kh-btg-2016-2020.toml"),
        false,
    ),
    (
        "plans/phu-tho/kh-sct-2021.toml",
        include_str!("../../plans/phu-tho/kh-sct-2021.toml"),
        false,
    ),
    (
        "plans/khong-ro-tinh/so-ngoai-vu-thang-hanh-dong-2020.toml",
        include_str!("../../plans/khong-ro-tinh/so-ngoai-vu-thang-hanh-dong-2020.toml"),
        false,
    ),
];

fn fmt(text: &str, registry: bool) -> String {
    match format(text, registry) {
        Formatted::Text(text) => text,
        other => panic!("not formatted: {other:?}"),
    }
}

/// A small deterministic generator, seeded by proptest.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, sides: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % sides
    }
}

/// A messy copy of `text` that means the same (text in NFC aside), with
/// comments added when `comments`.
fn mess(text: &str, seed: u64, comments: bool) -> String {
    let mut dice = Dice(seed | 1);
    let mut doc: DocumentMut = text.parse().expect("bundled files are valid TOML");
    // The first table stays first, under the file's opening comments (a
    // table moved above them would take them along, as far as anyone can
    // tell); the others interleave.
    let offsets = [0, 1 + dice.roll(2), 1 + dice.roll(2)];
    for (kind, (_, item)) in doc.as_table_mut().iter_mut().enumerate() {
        let tables: Vec<&mut toml_edit::Table> = match item {
            Item::Table(table) => vec![table],
            Item::ArrayOfTables(array) => array.iter_mut().collect(),
            _ => Vec::new(),
        };
        for (i, table) in tables.into_iter().enumerate() {
            let offset = offsets[kind % 3] as isize;
            table.set_position(Some(i as isize * 3 + offset));
            let salt = dice.roll(1000);
            table.sort_values_by(|a, _, b, _| {
                let key = |k: &str| {
                    k.bytes()
                        .fold(salt, |h, b| h.wrapping_mul(31) ^ u64::from(b))
                };
                key(a.get()).cmp(&key(b.get()))
            });
            for (mut key, item) in table.iter_mut() {
                if comments && dice.roll(4) == 0 {
                    key.leaf_decor_mut()
                        .set_prefix("  # một ghi chu\u{301}\n   ");
                    key.leaf_decor_mut().set_suffix("   ");
                }
                if let Item::Value(value) = item {
                    mess_value(value, &mut dice, comments);
                    if comments && dice.roll(5) == 0 {
                        value.decor_mut().set_suffix("   # after");
                    }
                }
            }
        }
    }
    doc.to_string()
}

fn mess_value(value: &mut Value, dice: &mut Dice, comments: bool) {
    match value {
        Value::String(string) => {
            let text = string.value().clone();
            let nfd: String = text.nfd().collect();
            let literal = !text.contains(['\'', '\n', '\r']) && !text.chars().any(char::is_control);
            let raw = if literal && dice.roll(2) == 0 {
                format!("'{nfd}'")
            } else {
                Value::from(nfd).to_string()
            };
            if let Ok(mut new) = raw.trim().parse::<Value>() {
                *new.decor_mut() = value.decor().clone();
                *value = new;
            }
        }
        Value::Array(array) => {
            let spread = dice.roll(2) == 0;
            for item in array.iter_mut() {
                mess_value(item, dice, comments);
                let commented = item
                    .decor()
                    .prefix()
                    .and_then(|p| p.as_str())
                    .is_some_and(|p| p.contains('#'));
                if spread && !commented {
                    item.decor_mut().set_prefix("\n    ");
                }
            }
            let commented = array.trailing().as_str().is_some_and(|t| t.contains('#'));
            if spread && !commented {
                array.set_trailing(if comments { "  # end\n" } else { "\n" });
            }
        }
        _ => {}
    }
}

fn nfc_data(value: toml::Value) -> toml::Value {
    match value {
        toml::Value::String(s) => toml::Value::String(s.nfc().collect()),
        toml::Value::Array(items) => toml::Value::Array(items.into_iter().map(nfc_data).collect()),
        toml::Value::Table(table) => toml::Value::Table(
            table
                .into_iter()
                .map(|(k, v)| (k.nfc().collect(), nfc_data(v)))
                .collect(),
        ),
        other => other,
    }
}

fn data(text: &str) -> toml::Value {
    toml::Value::Table(toml::from_str(text).expect("valid TOML"))
}

#[test]
fn the_bundled_files_are_formatted() {
    for (file, text, registry) in FILES {
        assert_eq!(&fmt(text, *registry), text, "{file} is not formatted");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn formatting_is_idempotent_and_keeps_the_meaning(which in 0..FILES.len(), seed in any::<u64>()) {
        let (file, text, registry) = FILES[which];
        let messy = mess(text, seed, true);
        let once = fmt(&messy, registry);
        prop_assert_eq!(&fmt(&once, registry), &once);
        prop_assert_eq!(data(&once), nfc_data(data(&messy)));
        if !registry {
            let nfc: String = messy.nfc().collect();
            prop_assert_eq!(loaded_meaning(file, &once), loaded_meaning(file, &nfc));
        }
    }

    #[test]
    fn formatting_undoes_every_change_but_added_comments(which in 0..FILES.len(), seed in any::<u64>()) {
        let (_, text, registry) = FILES[which];
        let messy = mess(text, seed, false);
        prop_assert_ne!(&messy, text);
        prop_assert_eq!(fmt(&messy, registry), text);
    }
}
