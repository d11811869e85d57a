//! Tables on a terminal: each column at least as wide as its widest word,
//! so that no id, number, date or name is cut; when such a table cannot
//! fit the terminal, the listing is written as cards (a paragraph per row)
//! instead.

use comfy_table::{presets, ColumnConstraint, ContentArrangement, Table, Width};
use textwrap::core::display_width;

/// The column that gets the room a table has to spare, and the fewest
/// display columns it needs to be read (a title wrapped into a column of
/// ten reads as a list of words).
#[derive(Clone, Copy, Debug)]
pub struct Room {
    pub column: usize,
    pub least: usize,
}

/// A table fitted to `width` columns, words wrapped and never broken (see
/// [`keep_words`]), or, into a pipe or a file (`None`), as wide as its
/// cells.
pub fn new_table(width: Option<usize>, header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .force_no_tty()
        .set_header(header.to_vec());
    match width.map(|w| u16::try_from(w).unwrap_or(u16::MAX)) {
        Some(width) => table
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(width),
        None => table.set_content_arrangement(ContentArrangement::Disabled),
    };
    table
}

/// Whether a table of `rows` under `header` fits `width` display columns
/// with no word broken: each column as wide as its widest word (see
/// [`floors`]), the `room` column at least as wide as it needs, each with
/// a space either side and a rule, and a rule at the left.
pub fn fits(header: &[&str], rows: &[Vec<String>], width: usize, room: Room) -> bool {
    let needed: usize = floors(header, rows)
        .into_iter()
        .enumerate()
        .map(|(at, floor)| match at == room.column {
            true => floor.max(room.least),
            false => floor,
        })
        .map(|floor| floor + 3)
        .sum();
    needed < width
}

/// The widest word of each column, the header's included.
pub fn floors(header: &[&str], rows: &[Vec<String>]) -> Vec<usize> {
    (0..header.len())
        .map(|at| {
            let cells = rows
                .iter()
                .filter_map(|row| row.get(at))
                .map(String::as_str);
            std::iter::once(header[at])
                .chain(cells)
                .flat_map(str::split_whitespace)
                .map(display_width)
                .max()
                .unwrap_or(1)
        })
        .collect()
}

/// Each column of a fitted table at least as wide as its widest word
/// ([`floors`]): comfy-table cuts only a word wider than its column.
pub fn keep_words(table: &mut Table, header: &[&str], rows: &[Vec<String>]) {
    for (at, floor) in floors(header, rows).into_iter().enumerate() {
        let floor = u16::try_from(floor).unwrap_or(u16::MAX).saturating_add(2);
        if let Some(column) = table.column_mut(at) {
            column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(floor)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| (*c).to_owned()).collect()
    }

    #[test]
    fn a_column_is_as_wide_as_its_widest_word_header_included() {
        let rows = [row(&["lead", "53/KH-UBND hung-yen/kh-53-2022"])];
        assert_eq!(floors(&["Role", "Plan"], &rows), [4, 19]);
        assert_eq!(floors(&["Organisation", "x"], &[]), [12, 1]);
    }

    #[test]
    fn a_table_fits_when_every_floor_and_the_room_do() {
        let rows = [row(&["lead", "hung-yen/kh-53-2022", "Báo cáo"])];
        let room = Room {
            column: 2,
            least: 20,
        };
        // (4 + 3) + (19 + 3) + (20 + 3) + 1 rule at the left = 53.
        assert!(fits(&["Role", "Plan", "Task"], &rows, 53, room));
        assert!(!fits(&["Role", "Plan", "Task"], &rows, 52, room));
    }
}
