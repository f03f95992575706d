//! The last stage before writing: the resized images every page asked for are made (or taken
//! from the cache) and join the outputs in place of their originals, and pages are minified when
//! the build asks for it.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::LanguageSite;
use crate::Result;
use crate::assets::{Fingerprints, minify};
use crate::images::{ImageStats, Images};
use crate::output::{Content, Output};

/// Makes the copies asked for and adds them to `outputs`. The originals they were made from
/// are left out of content folders (readers get the copies) unless `keep_originals` is set;
/// static files are always published, and every picture published as it is loses its metadata
/// (its GPS position first). `progress` hears how many pictures of how many are done.
pub(super) fn add_images(
    images: &Images,
    content_dir: &Path,
    outputs: &mut Vec<Output>,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<ImageStats> {
    let (copies, mut stats) = images.process(progress)?;
    if !images.settings().keep_originals {
        let originals = images.originals();
        let replaced: HashSet<String> = outputs
            .iter()
            .filter(|o| {
                matches!(&o.content, Content::File(source)
                    if originals.contains(source) && source.starts_with(content_dir))
            })
            .map(|o| o.path.clone())
            .collect();
        // An original still named somewhere (a `cover:` in sharing tags, `page.assets` in a
        // theme) stays published.
        let named = named_in(outputs, &replaced);
        outputs.retain(|o| !replaced.contains(&o.path) || named.contains(&o.path));
    }
    stats.cleaned = images.clean_published(outputs)?;
    outputs.extend(copies);
    Ok(stats)
}

/// Which of `paths` (output paths of images) a rendered output names: any address ending in
/// one of them (`/news/a/photo.jpg`, `https://example.org/news/a/photo.jpg`).
fn named_in(outputs: &[Output], paths: &HashSet<String>) -> HashSet<String> {
    if paths.is_empty() {
        return HashSet::new();
    }
    outputs
        .par_iter()
        .filter(|o| !matches!(o.content, Content::File(_)))
        // Pages already written (a streaming build) are read back.
        .filter_map(|o| o.content.read().ok())
        .flat_map_iter(|bytes| {
            let text = String::from_utf8_lossy(&bytes);
            image_addresses(&text)
                .filter_map(|address| {
                    // Try the address from each of its segments: `https://x/sub/a/b.jpg`,
                    // `sub/a/b.jpg`, `a/b.jpg`, `b.jpg`.
                    std::iter::once(address)
                        .chain(address.match_indices('/').map(|(i, _)| &address[i + 1..]))
                        .find(|tail| paths.contains(*tail))
                        .map(str::to_string)
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Every address in `text` that ends like an image file name.
fn image_addresses(text: &str) -> impl Iterator<Item = &str> {
    let suffixes = [
        ".jpg", ".jpeg", ".png", ".webp", ".JPG", ".JPEG", ".PNG", ".WEBP",
    ];
    suffixes.into_iter().flat_map(move |suffix| {
        text.match_indices(suffix).map(move |(at, _)| {
            let end = at + suffix.len();
            let start = text[..at]
                .rfind(['"', '\'', ' ', '(', '=', '>', ','])
                .map_or(0, |i| i + 1);
            &text[start..end]
        })
    })
}

/// Minifies every rendered page, script and stylesheet, in parallel (static CSS and JS files,
/// in `assets`, were minified when read).
pub(super) fn minify_outputs(outputs: &mut [Output], assets: &Fingerprints) {
    outputs.par_iter_mut().for_each(|output| {
        if let Content::Bytes(bytes) = &output.content {
            if let Some(minified) = minify::for_output(&output.path, bytes, assets) {
                output.content = Content::from(minified);
            }
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
