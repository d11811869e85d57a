//! The one "did you mean" every message and help uses.

use std::fmt::Display;

/// "did you mean `a`?" or "did you mean `a`, `b`?" for the closest names,
/// best first; `None` when nothing is close, so the caller says what to do
/// instead.
pub fn did_you_mean<T: Display>(close: impl IntoIterator<Item = T>) -> Option<String> {
    let quoted: Vec<String> = close.into_iter().map(|c| format!("`{c}`")).collect();
    (!quoted.is_empty()).then(|| format!("did you mean {}?", quoted.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_quoted_and_joined() {
        assert_eq!(did_you_mean(["a"]).as_deref(), Some("did you mean `a`?"));
        assert_eq!(
            did_you_mean(["a", "b"]).as_deref(),
            Some("did you mean `a`, `b`?")
        );
        assert_eq!(did_you_mean(Vec::<&str>::new()), None);
    }
}
