//! The English words of the screen's fixed text, one function per key enum of
//! [`crate::present::text`], and the shell's sentences that take a value.

mod banner;
mod canvas;
mod file;
mod inspector;
mod menu;
mod palette;
pub mod run;
pub mod run_charts;
pub mod run_faults;
pub mod run_traffic;
mod shell;
mod toolbar;

pub use banner::{banner, banner_message};
pub use canvas::{canvas, port_title};
pub use file::{csv_column, file, link_length};
pub use inspector::{datacenter_members, inspector, selection_summary};
pub use menu::{actions_for, menu};
pub use palette::{add_kind, palette};
pub use shell::shell;
pub use toolbar::{help, toolbar};
