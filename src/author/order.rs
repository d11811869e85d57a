//! The documented order of tables and keys, one table per kind of file.
//!
//! A new kind of file is a new [`FileOrder`] here and a [`Kind`] that
//! names it: the formatter reads nothing else.
//!
//! [`Kind`]: crate::author::fmt::Kind

/// Where tables and keys go in one kind of file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileOrder {
    /// Top-level tables (and arrays of tables), in order; any other
    /// top-level table follows them, in the order written.
    pub tables: &'static [&'static str],
    /// The keys of each table, by path (`plan`, `plan.signer`); keys not
    /// listed follow the listed ones, in the order written.
    pub keys: &'static [(&'static str, &'static [&'static str])],
}

impl FileOrder {
    /// The rank of top-level table `name`: its place in [`FileOrder::tables`],
    /// or after all of them.
    pub fn table_rank(&self, name: &str) -> usize {
        rank(self.tables, name)
    }

    /// The rank of `key` in the table at `path`, or after the known keys.
    pub fn key_rank(&self, path: &str, key: &str) -> usize {
        self.keys
            .iter()
            .find(|(p, _)| *p == path)
            .map_or(0, |(_, keys)| rank(keys, key))
    }
}

fn rank(names: &[&str], name: &str) -> usize {
    names.iter().position(|n| *n == name).unwrap_or(names.len())
}

/// A plan file (docs/format.md §3–§5).
pub const PLAN: FileOrder = FileOrder {
    tables: &["plan", "target", "task"],
    keys: &[
        (
            "plan",
            &[
                "id",
                "number",
                "kind",
                "title",
                "issuer",
                "jurisdiction",
                "issued",
                "period",
                "implements",
                "cites",
                "signer",
                "recipients",
                "funding",
                "note",
            ],
        ),
        ("plan.signer", &["name", "position", "capacity"]),
        (
            "target",
            &[
                "id",
                "ref",
                "text",
                "kind",
                "by",
                "unit",
                "direction",
                "baseline",
                "groups",
                "milestones",
                "sustained",
                "refines",
                "note",
            ],
        ),
        (
            "task",
            &[
                "id",
                "ref",
                "title",
                "lead",
                "support",
                "requested",
                "report_to",
                "due",
                "when",
                "implements",
                "function",
                "note",
            ],
        ),
    ],
};

/// The organisation registry (docs/format.md §9).
pub const REGISTRY: FileOrder = FileOrder {
    tables: &["jurisdiction", "org"],
    keys: &[
        (
            "jurisdiction",
            &[
                "id",
                "name",
                "level",
                "parent",
                "kind",
                "merged_into",
                "merged_on",
            ],
        ),
        (
            "org",
            &[
                "name",
                "short",
                "aliases",
                "level",
                "dissolved",
                "successor",
                "successors",
                "members",
                "note",
            ],
        ),
    ],
};

/// The catalogue of outside documents (docs/format.md, "Outside documents").
pub const CATALOGUE: FileOrder = FileOrder {
    tables: &["document"],
    keys: &[(
        "document",
        &["number", "title", "issuer", "issued", "kind", "url", "note"],
    )],
};

/// A progress file (docs/progress.md).
pub const PROGRESS: FileOrder = FileOrder {
    tables: &["report", "actual"],
    keys: &[
        (
            "report",
            &["task", "deadline", "delivered", "by", "document", "note"],
        ),
        ("actual", &["target", "year", "value", "source"]),
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_tables_and_keys_come_after_the_known_ones() {
        assert_eq!(PLAN.table_rank("plan"), 0);
        assert_eq!(PLAN.table_rank("task"), 2);
        assert_eq!(PLAN.table_rank("tasks"), 3);
        assert_eq!(PLAN.key_rank("task", "due"), 7);
        assert_eq!(PLAN.key_rank("task", "owner"), 12);
        assert_eq!(PLAN.key_rank("plan.signer", "capacity"), 2);
        assert_eq!(REGISTRY.key_rank("org", "name"), 0);
        assert_eq!(PLAN.key_rank("elsewhere", "x"), 0);
    }
}
