//! potline's integration tests: one test binary (fast to link), one module per area. Each test
//! builds a fixture site copied into a temporary folder and checks the produced HTML (parsed),
//! the error messages, or the server's behaviour.

mod common;

mod authoring;
mod brand_site;
mod build;
mod data;
mod deploy;
mod errors;
mod fuzz_corpus;
mod i18n;
mod image_safety;
mod images;
mod incremental;
mod lists;
mod messages;
mod messages_media;
mod output_safety;
mod publish_gate;
mod quality;
mod reliability;
mod root_causes;
mod sample_site;
mod sandbox;
mod search;
mod seo;
mod serve;
mod shortcodes;
mod suggestions;
mod terminal;
mod up_to_date;
mod url_space;
mod well_formed;
mod writer_tools;
