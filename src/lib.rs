//! potline turns a folder of Markdown with YAML front matter into a static website through Tera
//! themes. The library holds the whole build pipeline; the `potline` binary only parses the
//! command line and maps results to exit codes.
//!
//! The pipeline, stage by stage (each a module):
//! `site.yaml -> Config` ([`config`]), `content/ -> SourceFile`s ([`source`]), `SourceFile -> Page`
//! ([`content`]), `Page -> RenderedMarkdown` ([`markdown`]), `(site, markdown, templates) -> Output`s
//! ([`render`]), `Output`s -> files ([`output`]), sequenced by [`build`].

pub mod assets;
pub mod build;
mod chart;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod data;
pub mod dates;
pub mod deploy;
pub mod diagnostics;
pub mod drafts;
pub mod error;
pub mod fs;
#[doc(hidden)]
pub mod fuzzing;
mod html_safety;
pub mod images;
pub mod markdown;
pub mod messages;
pub mod output;
mod places;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod seo;
pub mod serve;
pub mod shortcodes;
pub mod site_paths;
pub mod slugs;
pub mod source;
pub mod suggest;
pub mod templates;
mod xml_text;
pub mod yaml;

pub use error::{Error, Result};
