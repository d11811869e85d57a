//! The texts and rules of a plan's tasks, as the site keeps them.

use std::cmp::Ordering;
use std::sync::Arc;

use super::{offset, Shared};
use crate::deadline::Rule;
use crate::model::Task;
use crate::query::Duty;

/// The id, section, title, note and `due` rules of every task of a plan,
/// in the plan's order, in a few allocations whatever their number: moved
/// out of the plan one by one, each text would hold on to a page of the
/// heap the rest of the plan was let go from. The titles are kept once
/// across the plans (see [`Shared`]).
#[derive(Debug, Default)]
pub struct TaskTexts {
    /// Each task's id, section and note, one after the other.
    text: String,
    /// Each task's title.
    titles: Vec<Arc<str>>,
    /// Each task's `due` rules, one task's after the other's (the text
    /// each was read from is not needed: the pages write rules their own
    /// way).
    rules: Vec<Rule>,
    lines: Vec<TaskLine>,
    /// Each task's header line and place, by line then id: how a duty
    /// finds its task (inline tables can put thousands on one line). The
    /// line is kept beside the place so that a search compares numbers,
    /// and reads an id only among the tasks of one line.
    by_line: Vec<(u32, u32)>,
}

/// Where one task's words and rules end in a [`TaskTexts`] (each starts
/// where the one before ends), and the line of its header in its file.
#[derive(Debug, Clone, Copy)]
struct TaskLine {
    line: u32,
    id_end: u32,
    /// Equal to `id_end` when the task has no section.
    section_end: u32,
    has_section: bool,
    /// Equal to `section_end` when the task has no note.
    note_end: u32,
    has_note: bool,
    rules_end: u32,
}

/// One task of a [`TaskTexts`].
#[derive(Debug, Clone, Copy)]
pub struct TaskText<'t> {
    pub id: &'t str,
    pub section: Option<&'t str>,
    pub title: &'t str,
    pub note: Option<&'t str>,
    /// The task's `due` rules.
    pub rules: &'t [Rule],
}

impl TaskTexts {
    pub(super) fn of(tasks: &[Task], shared: &Shared) -> TaskTexts {
        let texts = tasks.iter().map(|t| {
            let optional = |o: Option<&str>| o.map_or(0, str::len);
            t.id.value.len()
                + optional(t.section.as_ref().map(|s| s.value.as_str()))
                + optional(t.note.as_deref())
        });
        let rules = tasks.iter().map(|t| t.due.len()).sum();
        let mut out = TaskTexts {
            text: String::with_capacity(texts.sum()),
            titles: Vec::with_capacity(tasks.len()),
            rules: Vec::with_capacity(rules),
            lines: Vec::with_capacity(tasks.len()),
            by_line: Vec::new(),
        };
        for task in tasks {
            out.add(task, shared);
        }
        let mut by_line: Vec<(u32, u32)> =
            (0..).zip(&out.lines).map(|(at, l)| (l.line, at)).collect();
        by_line.sort_by(|&a, &b| out.compare_place(a, b.0, out.id(b.1)));
        out.by_line = by_line;
        out
    }

    fn add(&mut self, task: &Task, shared: &Shared) {
        self.text.push_str(&task.id.value);
        let id_end = offset(self.text.len());
        let section = task.section.as_ref().map(|s| s.value.as_str());
        self.text.push_str(section.unwrap_or_default());
        let section_end = offset(self.text.len());
        self.titles.push(shared.text(&task.title));
        self.text.push_str(task.note.as_deref().unwrap_or_default());
        self.rules.extend(task.due.iter().map(|d| d.rule));
        self.lines.push(TaskLine {
            line: offset(task.line),
            id_end,
            section_end,
            has_section: section.is_some(),
            note_end: offset(self.text.len()),
            has_note: task.note.is_some(),
            rules_end: offset(self.rules.len()),
        });
    }

    /// How many tasks the plan has.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether the plan has no task.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The place of `duty`'s task: the task with its id whose header is
    /// on its line (the first, should two share both).
    pub fn place(&self, duty: &Duty) -> Option<u32> {
        let (line, id) = (offset(duty.line()), duty.id());
        let at = self
            .by_line
            .partition_point(|&p| self.compare_place(p, line, id) == Ordering::Less);
        let found = self.by_line.get(at).copied();
        found
            .filter(|&p| self.compare_place(p, line, id) == Ordering::Equal)
            .map(|(_, at)| at)
    }

    /// How the task at `(line, place)` of `by_line` stands to a task with
    /// `id` on `line`: by line, then id.
    fn compare_place(&self, (at_line, at): (u32, u32), line: u32, id: &str) -> Ordering {
        at_line.cmp(&line).then_with(|| self.id(at).cmp(id))
    }

    /// The id of the task at `at`.
    fn id(&self, at: u32) -> &str {
        let start = match (at as usize).checked_sub(1).and_then(|i| self.lines.get(i)) {
            Some(before) => before.note_end,
            None => 0,
        };
        let end = self.lines.get(at as usize).map_or(start, |l| l.id_end);
        self.text
            .get(start as usize..end as usize)
            .unwrap_or_default()
    }

    /// The task at `at`, its place in the plan.
    pub fn get(&self, at: u32) -> TaskText<'_> {
        let at = at as usize;
        let (start, rules_start) = match at.checked_sub(1).and_then(|i| self.lines.get(i)) {
            Some(before) => (before.note_end, before.rules_end),
            None => (0, 0),
        };
        let line = self.lines.get(at).copied().unwrap_or(TaskLine {
            line: 0,
            id_end: start,
            section_end: start,
            has_section: false,
            note_end: start,
            has_note: false,
            rules_end: rules_start,
        });
        let text = |from: u32, to: u32| {
            self.text
                .get(from as usize..to as usize)
                .unwrap_or_default()
        };
        let rules = rules_start as usize..line.rules_end as usize;
        TaskText {
            id: text(start, line.id_end),
            section: line
                .has_section
                .then(|| text(line.id_end, line.section_end)),
            title: self.titles.get(at).map_or("", |title| &**title),
            note: line.has_note.then(|| text(line.section_end, line.note_end)),
            rules: self.rules.get(rules).unwrap_or_default(),
        }
    }

    /// Every task, in the plan's order.
    pub fn iter(&self) -> impl Iterator<Item = TaskText<'_>> {
        (0..offset(self.len())).map(|at| self.get(at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{load_plan, Outcome};

    #[test]
    fn each_task_comes_back_from_the_table_as_it_was_given() {
        let plan = super::super::tests::plan();
        let texts = TaskTexts::of(&plan.tasks, &Shared::default());
        assert_eq!(texts.len(), 3);
        for (task, text) in plan.tasks.iter().zip(texts.iter()) {
            let duty = Duty::of(task);
            assert_eq!(text.id, duty.id());
            assert_eq!(text.section, duty.section());
            assert_eq!(text.title, duty.title());
            assert_eq!(text.note, task.note.as_deref());
            assert_eq!(text.rules, duty.rules());
            assert_eq!(texts.place(&duty).map(|at| texts.get(at).id), Some(text.id));
        }
        let notes: Vec<_> = texts.iter().map(|t| t.note).collect();
        assert_eq!(notes, [None, Some("Hai đợt"), None]);
        assert_eq!(
            texts.iter().map(|t| t.rules.len()).collect::<Vec<_>>(),
            [2, 0, 1]
        );
    }

    #[test]
    fn tasks_written_on_one_line_are_each_found_at_their_own_place() {
        let text = "task = [{ id = \"a\", title = \"A\", lead = \"Sở Y tế\" }, \
                    { id = \"b\", title = \"B\", lead = \"Sở Y tế\" }]\n\
                    [plan]\nid = \"p\"\ntitle = \"t\"\n";
        let Outcome::Plan(plan) = load_plan("p.toml", text, &mut Vec::new()) else {
            panic!("the fixture is a plan")
        };
        let texts = TaskTexts::of(&plan.tasks, &Shared::default());
        let places: Vec<_> = plan
            .tasks
            .iter()
            .map(|t| texts.place(&Duty::of(t)))
            .collect();
        assert_eq!(places, [Some(0), Some(1)]);
    }
}
