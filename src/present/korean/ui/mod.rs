//! The Korean words of the screen's fixed text, one function per key enum of
//! [`crate::present::text`].

pub mod run;
pub mod run_charts;
pub mod run_faults;
pub mod run_traffic;
mod shell;

pub use shell::shell;
