//! `gplan tree`: the forest of plans by `implements`.

use std::collections::BTreeSet;

use crate::resolve::Index;

/// One line of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub depth: usize,
    pub plan: usize,
    /// The plan was already shown under an earlier parent (or would close a
    /// cycle): its children are not repeated.
    pub repeated: bool,
}

/// Every plan under each of its parents, roots first, children sorted by id.
/// Roots are plans with no parent in the repository.
pub fn forest(index: &Index) -> Vec<Line> {
    let count = index.plans.len();
    let parents: Vec<Vec<usize>> = (0..count).map(|i| index.parents(i)).collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (child, ps) in parents.iter().enumerate() {
        for &p in ps.iter().collect::<BTreeSet<_>>() {
            if p != child {
                children[p].push(child);
            }
        }
    }
    let by_id = |a: &usize, b: &usize| index.plans[*a].id.value.cmp(&index.plans[*b].id.value);
    for list in &mut children {
        list.sort_by(by_id);
    }
    let mut roots: Vec<usize> = (0..count)
        .filter(|&i| parents[i].iter().all(|&p| p == i))
        .collect();
    roots.sort_by(by_id);
    let mut lines = Vec::new();
    let mut shown = vec![false; count];
    for root in roots {
        walk(root, 0, &children, &mut shown, &mut Vec::new(), &mut lines);
    }
    let mut unreached: Vec<usize> = (0..count).filter(|&i| !shown[i]).collect();
    unreached.sort_by(by_id);
    for plan in unreached {
        if !shown[plan] {
            walk(plan, 0, &children, &mut shown, &mut Vec::new(), &mut lines);
        }
    }
    lines
}

fn walk(
    plan: usize,
    depth: usize,
    children: &[Vec<usize>],
    shown: &mut [bool],
    path: &mut Vec<usize>,
    lines: &mut Vec<Line>,
) {
    let repeated = shown[plan] || path.contains(&plan);
    lines.push(Line {
        depth,
        plan,
        repeated,
    });
    if repeated {
        return;
    }
    shown[plan] = true;
    path.push(plan);
    for &child in &children[plan] {
        walk(child, depth + 1, children, shown, path, lines);
    }
    path.pop();
}
