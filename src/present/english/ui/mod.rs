//! The English words of the screen's fixed text, one function per key enum of
//! [`crate::present::text`].

mod shell;

pub use shell::shell;
