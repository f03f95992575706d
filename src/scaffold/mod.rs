//! Scaffolding for writers: `potline init` (a new site that builds as it is) and `potline new`
//! (a new page from an archetype, with a readable slug and the date filled in).

pub mod archetype;
pub mod init;
pub mod new;
pub mod slug;

pub use init::{InitOptions, InitReport, init};
pub use new::{NewOptions, NewReport, new_page};
