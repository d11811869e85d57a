//! Cycles in a graph of references (plans that implement each other,
//! registry successors, mergers and parents), found without recursion so a
//! chain of any length cannot overflow the stack.

use std::collections::VecDeque;

/// The strongly connected components of `graph` (node → the nodes it
/// refers to), each sorted. Tarjan's algorithm, iterative.
pub fn strongly_connected(graph: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let n = graph.len();
    let mut order = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut components = Vec::new();
    let mut counter = 0;
    for root in 0..n {
        if order[root] != usize::MAX {
            continue;
        }
        let mut work = vec![(root, 0usize)];
        while let Some((node, edge)) = work.pop() {
            if edge == 0 {
                order[node] = counter;
                low[node] = counter;
                counter += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&next) = graph[node].get(edge) {
                work.push((node, edge + 1));
                if order[next] == usize::MAX {
                    work.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(order[next]);
                }
                continue;
            }
            if low[node] == order[node] {
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component.push(member);
                    if member == node {
                        break;
                    }
                }
                component.sort_unstable();
                components.push(component);
            }
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
        }
    }
    components
}

/// Every cycle of `graph` once: for each strongly connected component that
/// holds a cycle (two nodes or more, or a node referring to itself), the
/// shortest cycle through its first node by `first` (smallest key), as
/// `start → … → start`. Breadth-first over the edges in node order, so the
/// result is the same whatever order the edges were added in, and linear in
/// the size of the graph.
pub fn cycles<K: Ord>(graph: &[Vec<usize>], first: impl Fn(usize) -> K) -> Vec<Vec<usize>> {
    let mut component_of = vec![usize::MAX; graph.len()];
    let components = strongly_connected(graph);
    for (c, members) in components.iter().enumerate() {
        for &m in members {
            component_of[m] = c;
        }
    }
    let mut found = Vec::new();
    for (c, members) in components.iter().enumerate() {
        let is_cycle = members.len() > 1 || graph[members[0]].contains(&members[0]);
        let Some(&start) = members.iter().min_by_key(|&&m| first(m)) else {
            continue;
        };
        if is_cycle {
            found.push(shortest_cycle(graph, |n| component_of[n] == c, start));
        }
    }
    found
}

/// The shortest path from `start` back to itself through nodes `inside`
/// allows; `start` alone twice when no path returns (never, inside a
/// strongly connected component).
fn shortest_cycle(
    graph: &[Vec<usize>],
    inside: impl Fn(usize) -> bool,
    start: usize,
) -> Vec<usize> {
    let mut came_from = vec![usize::MAX; graph.len()];
    let mut queue = VecDeque::from([start]);
    let mut last = start;
    'search: while let Some(node) = queue.pop_front() {
        let mut next: Vec<usize> = graph[node].iter().copied().filter(|&n| inside(n)).collect();
        next.sort_unstable();
        for n in next {
            if n == start {
                last = node;
                break 'search;
            }
            if came_from[n] == usize::MAX {
                came_from[n] = node;
                queue.push_back(n);
            }
        }
    }
    let mut path = vec![start];
    let mut node = last;
    while node != start {
        path.push(node);
        node = came_from[node];
    }
    path.push(start);
    let end = path.len() - 1;
    path[1..end].reverse();
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_self_reference_is_a_cycle_of_one() {
        assert_eq!(cycles(&[vec![0], vec![]], |n| n), [vec![0, 0]]);
    }

    #[test]
    fn each_cycle_starts_at_its_smallest_key_and_is_shortest() {
        // 0 → 1 → 2 → 0 and 1 → 0: the shortest cycle through 0 is 0 → 1 → 0.
        let graph = [vec![1], vec![2, 0], vec![0], vec![3]];
        assert_eq!(cycles(&graph, |n| n), [vec![0, 1, 0], vec![3, 3]]);
        // Started from the node with the smallest key.
        let graph = [vec![1], vec![2], vec![0]];
        assert_eq!(cycles(&graph, std::cmp::Reverse), [vec![2, 0, 1, 2]]);
    }

    #[test]
    fn a_long_chain_is_no_cycle_and_no_deep_stack() {
        let n = 200_000;
        let graph: Vec<Vec<usize>> = (0..n)
            .map(|i| if i + 1 < n { vec![i + 1] } else { vec![] })
            .collect();
        assert!(cycles(&graph, |n| n).is_empty());
        let mut ring = graph;
        ring[n - 1].push(0);
        let found = cycles(&ring, |n| n);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].len(), n + 1);
    }
}
