//! Arbitrary text as it reaches a terminal and the name matching: every
//! escaping helper must leave no character a terminal obeys (escape
//! sequences, C1 controls, bidirectional overrides); folding is
//! idempotent and ignores invisible characters; suggestions for the first
//! line among the others are a few of those names, the same whatever
//! order the names come in.
//!
//! Run from the repository root:
//!   RUSTC_BOOTSTRAP=1 cargo fuzz run text fuzz/corpus/text -- -max_total_time=600
#![no_main]

use libfuzzer_sys::fuzz_target;

use gplan::names::{fold, is_invisible, normalize};
use gplan::render::terminal::{escape, is_unsafe, plain, wrap};
use gplan::suggest::{suggestions, Suggester};

fuzz_target!(|text: &str| {
    sanitising(text);
    folding(text);
    suggesting(text);
});

fn sanitising(text: &str) {
    let escaped = escape(text);
    assert!(!escaped.chars().any(is_unsafe), "escape({text:?})");
    if !text.chars().any(is_unsafe) {
        assert_eq!(escaped, text);
    }
    let cell = plain(text);
    assert!(!cell.chars().any(|c| is_unsafe(c) || c == '\t' || c == '\n'));
    for width in [1, 7, 80] {
        for line in wrap(text, width) {
            assert!(!line.chars().any(|c| is_unsafe(c) || c == '\n'), "{line:?}");
        }
    }
}

fn folding(text: &str) {
    let folded = fold(text);
    assert_eq!(fold(&folded), folded, "fold({text:?})");
    let visible: String = text.chars().filter(|c| !is_invisible(*c)).collect();
    assert_eq!(normalize(&visible), normalize(text), "{text:?}");
}

fn suggesting(text: &str) {
    let mut lines = text.lines();
    let Some(query) = lines.next() else {
        return;
    };
    let names: Vec<&str> = lines.collect();
    let forwards = Suggester::new(names.iter().copied());
    let found = forwards.closest(query, 3);
    assert!(found.len() <= 3);
    assert!(found.iter().all(|f| names.contains(f)), "{found:?}");
    let backwards = Suggester::new(names.iter().rev().copied());
    let reversed = backwards.closest(query, 3);
    assert_eq!(found, reversed, "{query:?} among {names:?}");
    assert_eq!(suggestions(query, names.iter().copied(), 3), found);
}
