use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};

rule! {
    /// ## What it finds
    ///
    /// A registry whose `successor`/`successors`, `merged_into` or
    /// `parent` references go round in a circle, including a body that
    /// succeeds itself and a jurisdiction merged into itself.
    ///
    /// ## Why it matters
    ///
    /// Duties of a dissolved body pass to its successor, and those of a
    /// merged province to the province it merged into. In a circle nobody
    /// ends up holding them, and the bodies asked by name are given the
    /// duties of the wrong body.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [[org]]
    /// name = "Sở A"
    /// level = "province"
    /// dissolved = 2025-03-01
    /// successor = "Sở B"
    ///
    /// [[org]]
    /// name = "Sở B"
    /// level = "province"
    /// dissolved = 2025-03-01
    /// successor = "Sở A"      # Sở A → Sở B → Sở A
    /// ```
    ///
    /// ## How to fix
    ///
    /// Name the body that exists today as the last successor (it has no
    /// `dissolved`), and the province that exists today as the last
    /// `merged_into`. The message lists the whole circle.
    name: "registry-cycle",
    severity: Error,
    phase: File,
    summary: "successors, mergers or jurisdiction parents in the registry form a cycle",
}

/// A circle of references in the registry.
pub struct Finding<'a> {
    pub file: &'a str,
    /// The reference of the circle's first entry in file order.
    pub span: Range<usize>,
    /// The field: `successor`, `merged_into` or `parent`.
    pub what: &'a str,
    /// The names or ids round the circle, the first one again at the end.
    pub cycle: Vec<&'a str>,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        let path = f.cycle.join(" → ");
        let message = match f.cycle.len() {
            0..=2 => format!("`{}` is its own {}", f.cycle[0], f.what),
            _ => format!("{} cycle: {path}", f.what),
        };
        Diagnostic::new(Code::RegistryCycle, f.file, f.span, message)
            .with_label("the circle starts here")
            .with_help(format!(
                "the last {} must be an entry that still exists (no `dissolved`, no `merged_into`)",
                f.what
            ))
    }
}

/// Every circle in a directed graph of `n` entries, each once, beginning
/// at its entry that comes first (entries are numbered in file order).
/// `edges(i)` lists where entry `i` points. Walks with a stack of its own:
/// a registry may be long, and a chain of successors must not overflow
/// the call stack.
pub fn cycles(n: usize, edges: impl Fn(usize) -> Vec<usize>) -> Vec<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Seen {
        New,
        OnPath,
        Done,
    }
    let mut seen = vec![Seen::New; n];
    let mut found = std::collections::BTreeSet::new();
    for root in 0..n {
        if seen[root] != Seen::New {
            continue;
        }
        let mut path: Vec<(usize, Vec<usize>)> = vec![(root, edges(root))];
        seen[root] = Seen::OnPath;
        while let Some((node, next)) = path.last_mut() {
            let node = *node;
            let Some(to) = next.pop() else {
                seen[node] = Seen::Done;
                path.pop();
                continue;
            };
            match seen.get(to).copied() {
                Some(Seen::New) => {
                    seen[to] = Seen::OnPath;
                    path.push((to, edges(to)));
                }
                Some(Seen::OnPath) => {
                    let start = path.iter().position(|(n, _)| *n == to).unwrap_or(0);
                    let mut circle: Vec<usize> = path[start..].iter().map(|(n, _)| *n).collect();
                    let first = circle
                        .iter()
                        .enumerate()
                        .min_by_key(|(_, n)| **n)
                        .map_or(0, |(i, _)| i);
                    circle.rotate_left(first);
                    found.insert(circle);
                }
                _ => {}
            }
        }
    }
    found.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::cycles;

    #[test]
    fn finds_each_circle_once_from_its_first_entry() {
        let graph: [&[usize]; 6] = [&[1], &[2], &[0], &[3], &[5], &[]];
        let found = cycles(graph.len(), |i| graph[i].to_vec());
        assert_eq!(found, vec![vec![0, 1, 2], vec![3]]);
    }

    #[test]
    fn a_long_chain_has_no_circle_and_no_recursion() {
        let n = 200_000;
        let found = cycles(n, |i| if i + 1 < n { vec![i + 1] } else { vec![] });
        assert!(found.is_empty());
    }
}
