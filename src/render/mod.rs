//! Turning results into text: one module per output family.

pub mod diagnostics;
pub mod due;
