//! `gplan tree`: the forest of plans by `implements`, under the outside
//! documents (catalogue) they implement.

use std::collections::BTreeSet;

use crate::resolve::{Index, Node};

/// One line of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub depth: usize,
    pub node: Node,
    /// The plan was already shown under an earlier parent (or would close a
    /// cycle): its children are not repeated.
    pub repeated: bool,
}

/// Every plan under each of its parents, roots first, children sorted by id.
/// Roots are the outside documents some plan implements (by number), then
/// the plans with no parent at all (by id).
pub fn forest(index: &Index) -> Vec<Line> {
    let count = index.plans.len();
    let documents = index.catalogue.map_or(0, |c| c.documents.len());
    // Node `i` is plan `i` below `count`, catalogue document `i - count` above.
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); count + documents];
    let mut has_parent = vec![false; count];
    for (child, has) in has_parent.iter_mut().enumerate() {
        let plans = index.parents(child).into_iter();
        let outside = index.outside_parents(child).into_iter().map(|d| d + count);
        for p in plans.chain(outside).collect::<BTreeSet<_>>() {
            if p != child {
                children[p].push(child);
                *has = true;
            }
        }
    }
    let by_id = |a: &usize, b: &usize| index.plans[*a].id.value.cmp(&index.plans[*b].id.value);
    for list in &mut children {
        list.sort_by(by_id);
    }
    let number = |d: usize| {
        index
            .catalogue
            .map_or("", |c| c.documents[d - count].number.value.as_str())
    };
    let mut outside_roots: Vec<usize> = (count..count + documents)
        .filter(|&d| !children[d].is_empty())
        .collect();
    outside_roots.sort_by(|a, b| number(*a).cmp(number(*b)).then(a.cmp(b)));
    let mut roots: Vec<usize> = (0..count).filter(|&i| !has_parent[i]).collect();
    roots.sort_by(by_id);
    let mut lines = Vec::new();
    let mut shown = vec![false; count + documents];
    for root in outside_roots.into_iter().chain(roots) {
        walk(root, &children, &mut shown, &mut lines);
    }
    let mut unreached: Vec<usize> = (0..count).filter(|&i| !shown[i]).collect();
    unreached.sort_by(by_id);
    for plan in unreached {
        if !shown[plan] {
            walk(plan, &children, &mut shown, &mut lines);
        }
    }
    // `walk` numbers nodes as plans; those past the plans are documents.
    for line in &mut lines {
        if let Node::Plan(n) = line.node {
            if n >= count {
                line.node = Node::Outside(n - count);
            }
        }
    }
    lines
}

/// The lines of `root` and of everything under it, depth first, children
/// in order. A plan already shown (under an earlier parent, or higher on
/// the path: a cycle) is listed as repeated, without its children. The
/// path is a stack of its own rather than the call stack: a chain of
/// `implements` as long as the repository must not overflow it.
fn walk(root: usize, children: &[Vec<usize>], shown: &mut [bool], lines: &mut Vec<Line>) {
    // Each plan on the path from the root, with the index of its next child.
    let mut path: Vec<(usize, usize)> = Vec::new();
    let mut next = Some(root);
    loop {
        if let Some(plan) = next.take() {
            let repeated = shown[plan];
            lines.push(Line {
                depth: path.len(),
                node: Node::Plan(plan),
                repeated,
            });
            if !repeated {
                shown[plan] = true;
                path.push((plan, 0));
            }
        }
        let Some((plan, child)) = path.last_mut() else {
            return;
        };
        match children[*plan].get(*child) {
            Some(&c) => {
                *child += 1;
                next = Some(c);
            }
            None => {
                path.pop();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(children: &[Vec<usize>], root: usize) -> Vec<(usize, usize, bool)> {
        let mut shown = vec![false; children.len()];
        let mut lines = Vec::new();
        walk(root, children, &mut shown, &mut lines);
        lines
            .into_iter()
            .map(|l| {
                let Node::Plan(plan) = l.node else {
                    unreachable!("walk lists node numbers as plans")
                };
                (l.depth, plan, l.repeated)
            })
            .collect()
    }

    #[test]
    fn plans_are_listed_depth_first_and_repeats_are_not_expanded() {
        // 0 → 1 → 3, 0 → 2 → 3 (a DAG), 3 → 0 (a cycle).
        let children = [vec![1, 2], vec![3], vec![3], vec![0]];
        assert_eq!(
            lines(&children, 0),
            [
                (0, 0, false),
                (1, 1, false),
                (2, 3, false),
                (3, 0, true),
                (1, 2, false),
                (2, 3, true),
            ]
        );
    }

    #[test]
    fn a_chain_of_100000_implements_does_not_overflow_the_stack() {
        let count = 100_000;
        let children: Vec<Vec<usize>> = (0..count)
            .map(|i| {
                if i + 1 < count {
                    vec![i + 1]
                } else {
                    Vec::new()
                }
            })
            .collect();
        let listed = lines(&children, 0);
        assert_eq!(listed.len(), count);
        assert_eq!(listed.last(), Some(&(count - 1, count - 1, false)));
    }
}
