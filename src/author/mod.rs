//! Writing plan files: `gplan fmt` puts a file in its one canonical form,
//! `gplan new` starts a plan from its parent. The only code in gplan that
//! writes to the plans folders; it writes through [`write::atomically`].

pub mod adapter;
pub mod fmt;
pub mod new;
pub mod order;
#[cfg(test)]
mod properties;
pub mod quote;
pub mod write;
