//! The last stage before writing: the resized images every page asked for are made (or taken
//! from the cache) and join the outputs in place of their originals, and pages are minified when
//! the build asks for it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::LanguageSite;
use crate::Result;
use crate::assets::minify;
use crate::images::{ImageStats, Images};
use crate::output::{Content, Output};

/// Makes the copies asked for and adds them to `outputs`. The originals they were made from
/// are left out of content folders (readers get the copies) unless `keep_originals` is set;
/// static files are always published as they are.
pub(super) fn add_images(
    images: &Images,
    content_dir: &Path,
    outputs: &mut Vec<Output>,
) -> Result<ImageStats> {
    let (copies, stats) = images.process()?;
    if !images.settings().keep_originals {
        let originals = images.originals();
        outputs.retain(|o| match &o.content {
            Content::File(source) => {
                !(originals.contains(source) && source.starts_with(content_dir))
            }
            Content::Bytes(_) => true,
        });
    }
    outputs.extend(copies);
    Ok(stats)
}

/// Minifies every HTML page, in parallel (CSS and JS files were minified when read).
pub(super) fn minify_pages(outputs: &mut [Output]) {
    outputs.par_iter_mut().for_each(|output| {
        if minify::Kind::of(&output.path) != Some(minify::Kind::Html) {
            return;
        }
        if let Content::Bytes(bytes) = &output.content {
            output.content = Content::from(minify::minify(minify::Kind::Html, bytes));
        }
    });
}

/// HTML output path of every page -> its Markdown file, for messages.
pub(super) fn page_sources(languages: &[LanguageSite]) -> HashMap<String, PathBuf> {
    let mut sources = HashMap::new();
    for (index, language) in languages.iter().enumerate() {
        let prefix = if index == 0 {
            String::new()
        } else {
            format!("{}/", language.config.language)
        };
        for page in &language.site.pages {
            let path = format!("{prefix}{}index.html", page.url.trim_start_matches('/'));
            sources.insert(path, page.doc.display_path.clone());
        }
    }
    sources
}
