//! Exit codes, the same for every command.

/// Success: no errors, the query answered.
pub const SUCCESS: u8 = 0;
/// Validation errors, a query that matched nothing, or plans that could not be loaded.
pub const FAILURE: u8 = 1;
/// A usage error, or a path or registry that cannot be read.
pub const USAGE: u8 = 2;
