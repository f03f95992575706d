//! The pictures sharing tags (`og:image`, `twitter:image`) and JSON-LD name: a page's `cover`,
//! `image` or `logo` and the site's `extra.brand_image` and `extra.brand_logo`. Each JPEG, PNG
//! or WebP picture of the site gets a copy for sharing ([`Images::share`]: at most 1200 pixels
//! wide, encoded from its pixels, so without metadata), and the tags name the copy, never the
//! uploaded photo. Other pictures (SVG, other sites' addresses) are named as written.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::{Images, is_processable};
use crate::config::Config;
use crate::content::{Page, Site};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// The front matter fields that name a page's own picture, in the order `page.image` takes them.
pub const PAGE_IMAGE_FIELDS: [&str; 3] = ["cover", "image", "logo"];

/// The `extra` settings of `site.yaml` that name the site's pictures.
const SITE_IMAGE_SETTINGS: [&str; 2] = ["brand_image", "brand_logo"];

/// A copy for sharing: its absolute URL and size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareCopy {
    /// `https://example.org/processed/photo.1200x800.<key>.jpg`.
    pub url: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// The copies for sharing of one language's pictures, by the output path of the original.
#[derive(Debug, Default)]
pub struct ShareImages {
    copies: HashMap<String, ShareCopy>,
    /// Changes when a copy of the site's own pictures (`brand_image`, `brand_logo`) changes.
    site_version: u64,
}

/// `dir/path` with `.` and `..` resolved; None when it climbs out of the site.
fn joined(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// The output paths a picture field can name: beside the page for a relative path (then from
/// the site root, as `potline check` accepts), from the site root for `/...`; none for
/// addresses of other sites.
fn candidates(page_url: &str, path: &str) -> Vec<String> {
    let path = path.trim();
    let scheme = path
        .find(':')
        .is_some_and(|colon| !path[..colon].contains('/'));
    if scheme || path.starts_with("//") || path.is_empty() {
        return Vec::new();
    }
    match path.strip_prefix('/') {
        Some(rooted) => joined("", rooted).into_iter().collect(),
        None => joined(page_url, path)
            .into_iter()
            .chain(joined("", path))
            .collect(),
    }
}

/// The absolute URL of a picture field as written: other sites' addresses as they are,
/// root-relative paths from the site root, others beside the page.
fn as_written(config: &Config, page_url: &str, path: &str) -> String {
    if path.starts_with("http://") || path.starts_with("https://") {
        path.to_string()
    } else if let Some(rooted) = path.strip_prefix('/') {
        format!("{}/{rooted}", config.root_url)
    } else {
        format!("{}{page_url}{path}", config.base_url)
    }
}

/// The line of `site.yaml` on which `key:` is written (1 when it cannot be found).
fn config_line(config: &Config, key: &str) -> usize {
    let text = std::fs::read_to_string(config.root.join(crate::config::CONFIG_FILE));
    let prefix = format!("{key}:");
    text.ok()
        .and_then(|text| {
            text.lines()
                .position(|line| line.trim_start().starts_with(&prefix))
        })
        .map_or(1, |index| index + 1)
}

/// Where a problem with a picture is reported, and under which name.
struct Named<'a> {
    file: &'a Path,
    line: &'a dyn Fn() -> usize,
    key: &'a str,
    value: &'a str,
}

/// What finding the copies of one language's pictures works with.
struct Collector<'a> {
    config: &'a Config,
    /// Every file published as it is, by output path.
    files: HashMap<&'a str, &'a PathBuf>,
    images: &'a Images,
    problems: &'a mut Diagnostics,
    shares: ShareImages,
}

impl Collector<'_> {
    /// Asks for the copy of the picture a field names, if it is a JPEG, PNG or WebP file of
    /// the site; a picture that cannot be copied is a problem at the field's line.
    fn add(&mut self, page_url: &str, named: &Named<'_>) {
        let found = candidates(page_url, named.value)
            .into_iter()
            .find_map(|path| Some((*self.files.get(path.as_str())?, path)));
        let Some((source, path)) = found.filter(|(_, path)| is_processable(path)) else {
            return;
        };
        if self.shares.copies.contains_key(&path) {
            return;
        }
        match self.images.share(source) {
            Ok(variant) => {
                let copy = ShareCopy {
                    url: format!("{}/{}", self.config.root_url, variant.output),
                    width: variant.width,
                    height: variant.height,
                };
                self.shares.copies.insert(path, copy);
            }
            Err(problem) => self.problems.push(
                Diagnostic::error(
                    named.file,
                    (named.line)(),
                    1,
                    crate::msg!(
                        "image-field-unusable",
                        field = named.key,
                        image = named.value,
                        reason = problem.reason_text(),
                    ),
                )
                .with_hint(problem.hint),
            ),
        }
    }
}

impl ShareImages {
    /// Asks `images` for the copies of every picture that `site`'s pages and `config` name for
    /// sharing; pictures that cannot be read or are too large go to `problems`, at the line of
    /// the field that names them.
    pub fn of(
        config: &Config,
        site: &Site,
        static_files: &BTreeMap<String, PathBuf>,
        images: &Images,
        problems: &mut Diagnostics,
    ) -> ShareImages {
        let files = static_files
            .iter()
            .map(|(path, source)| (path.as_str(), source))
            .chain(site.assets.iter().map(|a| (a.output.as_str(), &a.source)))
            .collect();
        let mut collector = Collector {
            config,
            files,
            images,
            problems,
            shares: ShareImages::default(),
        };
        for page in &site.pages {
            for key in PAGE_IMAGE_FIELDS {
                if let Some(value) = page.doc.text(key) {
                    let line = || page.doc.line_of(key);
                    let file = &page.doc.display_path;
                    collector.add(
                        &page.url,
                        &Named {
                            file,
                            line: &line,
                            key,
                            value,
                        },
                    );
                }
            }
        }
        let site_images: Vec<(&str, &str)> = SITE_IMAGE_SETTINGS
            .iter()
            .filter_map(|key| Some((*key, config.extra.get(*key)?.as_str()?)))
            .collect();
        let file = Path::new(crate::config::CONFIG_FILE);
        for &(key, value) in &site_images {
            let line = || config_line(config, key);
            collector.add(
                "/",
                &Named {
                    file,
                    line: &line,
                    key,
                    value,
                },
            );
        }
        let mut shares = collector.shares;
        let mut version = xxhash_rust::xxh3::Xxh3::new();
        for (_, value) in site_images {
            version.update(shares.url(config, "/", value).as_bytes());
        }
        shares.site_version = version.digest();
        shares
    }

    /// The absolute URL sharing tags and JSON-LD give for a picture field `path` of the page at
    /// `page_url` (`/` for the site's own): its copy for sharing when it has one, else the
    /// address as written, made absolute.
    pub fn url(&self, config: &Config, page_url: &str, path: &str) -> String {
        candidates(page_url, path)
            .iter()
            .find_map(|path| self.copies.get(path))
            .map_or_else(
                || as_written(config, page_url, path),
                |copy| copy.url.clone(),
            )
    }

    /// The size of the copy at `url`, if it is one.
    pub fn size(&self, url: &str) -> Option<(u32, u32)> {
        self.copies
            .values()
            .find(|copy| copy.url == url)
            .map(|copy| (copy.width, copy.height))
    }

    /// The URLs a page's picture fields give, to tell when its views must be made again.
    pub fn page_urls<'a>(
        &'a self,
        config: &'a Config,
        page: &'a Page,
    ) -> impl Iterator<Item = String> + 'a {
        PAGE_IMAGE_FIELDS
            .iter()
            .filter_map(|key| page.doc.text(key))
            .map(|path| self.url(config, &page.url, path))
    }

    /// Changes when the copy of `brand_image` or `brand_logo` changes.
    pub fn site_version(&self) -> u64 {
        self.site_version
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picture_fields_name_files_beside_the_page_or_from_the_root() {
        assert_eq!(
            candidates("/news/a/", "photo.jpg"),
            ["news/a/photo.jpg", "photo.jpg"]
        );
        assert_eq!(candidates("/news/a/", "../b/x.png"), ["news/b/x.png"]);
        assert_eq!(candidates("/news/a/", "/img/x.png"), ["img/x.png"]);
        assert!(candidates("/", "https://cdn.example/x.jpg").is_empty());
        assert!(candidates("/", "//cdn.example/x.jpg").is_empty());
    }
}
