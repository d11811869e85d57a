//! The calendar page: the deadlines of the next 12 months, month by month.
//! A national repository's calendar is tens of megabytes, so its months'
//! sections are made a few rows at a time on every thread and written
//! into the file as they are made, beside the page around them.

use std::io;

use super::pages::{self, MonthHead, MonthPiece};
use super::render::{self, Frame, Page};
use super::{template_error, write_pieces, Site};
use crate::query::due::Item;

/// Where the calendar's template places the months' sections: a text no
/// plan can put into a page (every value is escaped, and `<` with it).
const SECTIONS: &str = "<gplan-calendar-sections>";

/// How many rows of a month of the calendar one thread makes at a time.
const ROWS_PER_PIECE: usize = 1024;

/// What a piece of a month's section of the calendar is made from: its
/// heading, some of its items (the calendar's are [`Item`]s), or its end.
#[derive(Debug, PartialEq)]
enum SectionPiece<'m, 'i, T> {
    Head(&'m MonthHead),
    Rows(&'i [T]),
    End,
}

/// The pieces of the calendar's months' sections, in order: each month
/// with deadlines as its head, its rows [`ROWS_PER_PIECE`] at a time, and
/// its end. A month without deadlines has no section: the list of months
/// says 0 (a dozen headings over "no deadline" said nothing).
fn section_pieces<'m, 'i, T>(months: &'m [(MonthHead, &'i [T])]) -> Vec<SectionPiece<'m, 'i, T>> {
    let mut pieces = Vec::new();
    for (head, items) in months.iter().filter(|(_, items)| !items.is_empty()) {
        pieces.push(SectionPiece::Head(head));
        pieces.extend(items.chunks(ROWS_PER_PIECE).map(SectionPiece::Rows));
        pieces.push(SectionPiece::End);
    }
    pieces
}

impl Site<'_, '_> {
    /// The calendar, its months' rows made and rendered on every thread
    /// (a few rows at a time on each), and its sections written into the
    /// file beside the page around them, never through the template, as
    /// they are made (tens of megabytes).
    pub(super) fn calendar(&self, items: &[Item]) -> io::Result<String> {
        let facts = self.facts;
        let frame = self.frame("", "calendar");
        let months = pages::calendar_months(facts, items);
        let page = pages::CalendarPage {
            from: facts.day(facts.today),
            to: facts.day(pages::calendar_end(facts.today)),
            months: months.iter().map(|(head, _)| head.clone()).collect(),
            sections: SECTIONS.to_owned(),
        };
        let mut shell = String::new();
        page.render_into(&frame, &mut shell)
            .map_err(template_error)?;
        let (before, after) = shell
            .split_once(SECTIONS)
            .ok_or_else(|| io::Error::other("the calendar's template places its sections"))?;
        let path = "calendar.html";
        self.tools.output.write_with(path, |file| {
            file.write_all(before.as_bytes())?;
            write_pieces(file, &section_pieces(&months), |piece| {
                self.section_piece(&frame, piece)
            })?;
            file.write_all(after.as_bytes())
        })?;
        Ok(path.to_owned())
    }

    /// A piece of a month's section of the calendar: the section starts
    /// after a line break and ends before one.
    fn section_piece(&self, frame: &Frame, piece: &SectionPiece<Item>) -> io::Result<String> {
        let (piece, before, after) = match *piece {
            SectionPiece::Head(head) => (MonthPiece::Head(head), "\n", ""),
            SectionPiece::Rows(items) => {
                let rows = items.iter().map(|i| self.facts.row(i)).collect();
                (MonthPiece::Rows(rows), "", "")
            }
            SectionPiece::End => (MonthPiece::End, "", "\n"),
        };
        let mut text = before.to_owned();
        render::month_piece_into(frame, &piece, &mut text).map_err(template_error)?;
        text.push_str(after);
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(id: &str, count: usize) -> MonthHead {
        MonthHead {
            id: id.into(),
            label: id.into(),
            count,
        }
    }

    #[test]
    fn a_busy_month_is_made_a_few_rows_at_a_time_and_an_empty_one_not_at_all() {
        let rows: Vec<usize> = (0..ROWS_PER_PIECE * 2 + 1).collect();
        let (june, july, august) = (month("m-6", 3), month("m-7", 0), month("m-8", rows.len()));
        let months = [(june, &rows[..3]), (july, &rows[..0]), (august, &rows[..])];
        let pieces = section_pieces(&months);
        let (first, second, last) = (
            &rows[..ROWS_PER_PIECE],
            &rows[ROWS_PER_PIECE..ROWS_PER_PIECE * 2],
            &rows[ROWS_PER_PIECE * 2..],
        );
        assert_eq!(
            pieces,
            [
                SectionPiece::Head(&months[0].0),
                SectionPiece::Rows(&rows[..3]),
                SectionPiece::End,
                SectionPiece::Head(&months[2].0),
                SectionPiece::Rows(first),
                SectionPiece::Rows(second),
                SectionPiece::Rows(last),
                SectionPiece::End,
            ]
        );
    }
}
