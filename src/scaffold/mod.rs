//! Scaffolding for writers: `potline init` (a new site that builds as it is), `potline new`
//! (a new page from an archetype, in the language of its title, with a readable slug and the date
//! filled in), `potline list` (drafts and scheduled pages) and `potline cms` (the configuration of
//! a git-based CMS, derived from the content types).

pub mod archetype;
pub mod cms;
pub mod init;
pub mod list;
pub mod new;
pub use crate::slugs as slug;

pub use cms::{CmsOptions, CmsReport, write_cms};
pub use init::{InitOptions, InitReport, SiteLanguage, init};
pub use new::{NewOptions, NewReport, new_page};
