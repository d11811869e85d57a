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
    let mut walk = Walk {
        count,
        children: &children,
        shown: vec![false; count + documents],
        path: Vec::new(),
        lines: Vec::new(),
    };
    for root in outside_roots.into_iter().chain(roots) {
        walk.visit(root, 0);
    }
    let mut unreached: Vec<usize> = (0..count).filter(|&i| !walk.shown[i]).collect();
    unreached.sort_by(by_id);
    for plan in unreached {
        if !walk.shown[plan] {
            walk.visit(plan, 0);
        }
    }
    walk.lines
}

/// The depth-first walk that writes the lines; `path` holds the nodes
/// above the current one, so a cycle is cut where it closes.
struct Walk<'c> {
    count: usize,
    children: &'c [Vec<usize>],
    shown: Vec<bool>,
    path: Vec<usize>,
    lines: Vec<Line>,
}

impl Walk<'_> {
    fn visit(&mut self, root: usize, depth: usize) {
        // An explicit stack of (node, depth): input depth never recurses.
        let mut stack = vec![(root, depth)];
        while let Some((node, depth)) = stack.pop() {
            self.path.truncate(depth);
            let repeated = self.shown[node] || self.path.contains(&node);
            self.lines.push(Line {
                depth,
                node: if node < self.count {
                    Node::Plan(node)
                } else {
                    Node::Outside(node - self.count)
                },
                repeated,
            });
            if repeated {
                continue;
            }
            self.shown[node] = true;
            self.path.push(node);
            for &child in self.children[node].iter().rev() {
                stack.push((child, depth + 1));
            }
        }
    }
}
