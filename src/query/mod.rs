//! Questions asked of the loaded plans: what is due, who owes what.

pub mod due;
pub mod owners;
pub mod show;
pub mod tree;
