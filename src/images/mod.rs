//! Responsive images. Photos come from phones and cameras at full size; readers get copies
//! resized to a few widths (never wider than the original), in their format and as WebP, turned
//! upright from their EXIF orientation and without any metadata (no GPS position is published).
//!
//! Markdown images and the `figure` shortcode ask for their copies while pages render, themes
//! through `resize_image`; the build then makes every copy asked for, in parallel, once: copies
//! are kept in `.potline/cache/images/` under a key of the original's bytes and the operation, so
//! a later build (or a `serve` rebuild) only copies the finished files.

mod codec;
mod markup;
mod probes;
mod settings;

pub use codec::Format;
pub use markup::{ResizeRequest, Responsive};
pub use settings::ImageSettings;
pub(crate) use settings::ImagesFile;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::SystemTime;

use rayon::prelude::*;

use crate::output::{Content, Output};
use crate::{Error, Result, fs};

/// Where the copies are published, below the site root: `processed/photo.960x720.<key>.webp`.
pub const OUTPUT_DIR: &str = "processed";

/// Where the copies are kept between builds, below the site root.
pub const CACHE_DIR: &str = ".potline/cache/images";

/// Changes whenever the way copies are made changes, so that old cached copies are not reused.
const PIPELINE_VERSION: u64 = 1;

/// Files potline resizes (others, such as SVG and GIF, are published as they are).
pub fn is_processable(path: &str) -> bool {
    path.rsplit_once('.')
        .is_some_and(|(_, ext)| Format::from_name(ext).is_some())
}

/// How a copy is fitted to the width and height asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Fit inside the box, keeping the proportions.
    Fit,
    /// Fill the box exactly, cutting off what sticks out (from the middle).
    Fill,
    /// Scale to the box exactly, or to the one side given, keeping proportions.
    Scale,
}

impl Op {
    /// `fit`, `fill` or `scale`.
    pub fn from_name(name: &str) -> Option<Op> {
        match name {
            "fit" => Some(Op::Fit),
            "fill" => Some(Op::Fill),
            "scale" => Some(Op::Scale),
            _ => None,
        }
    }
}

/// One copy to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// The original (absolute path).
    pub source: PathBuf,
    /// Output path, below the site root.
    pub output: String,
    /// Size of the copy.
    pub width: u32,
    /// Size of the copy.
    pub height: u32,
    /// Cut to the shape instead of scaling.
    pub crop: bool,
    /// Format of the copy.
    pub format: Format,
    /// Encoder quality.
    pub quality: u8,
    /// Hash of the original's bytes and of the operation: names the copy in the cache.
    pub key: u64,
}

/// An original as read: its size as shown and the hash of its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Probe {
    /// Width as shown (after EXIF orientation).
    pub width: u32,
    /// Height as shown.
    pub height: u32,
    /// Its real format.
    pub format: Format,
    /// Hash of the file's bytes.
    pub hash: u64,
}

/// How many copies a build made and how many it found in the cache.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImageStats {
    /// Copies encoded by this build.
    pub processed: usize,
    /// Copies taken from the cache.
    pub cached: usize,
}

type FileStamp = (u64, SystemTime);

/// What reading an original gave, and the stamp it had then.
type KnownProbe = (FileStamp, std::result::Result<Probe, String>);

fn file_stamp(path: &Path) -> Option<FileStamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// The image pipeline of one site: what it knows of originals, and the copies asked for in the
/// build that is running. A [`crate::build::Builder`] keeps one for all its builds.
#[derive(Debug)]
pub struct Images {
    settings: ImageSettings,
    root_path: String,
    cache_dir: PathBuf,
    probes: Mutex<HashMap<PathBuf, KnownProbe>>,
    /// Some original was read in this build: the probes are saved again.
    probes_changed: std::sync::atomic::AtomicBool,
    wanted: Mutex<BTreeMap<String, Variant>>,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Images {
    /// The pipeline of the site at `root`, whose root URL path is `root_path` (`` or `/sub`).
    pub fn new(root: &Path, root_path: &str, settings: ImageSettings) -> Images {
        Images {
            settings,
            root_path: root_path.to_string(),
            probes: Mutex::new(probes::load(&root.join(CACHE_DIR))),
            probes_changed: std::sync::atomic::AtomicBool::new(false),
            cache_dir: root.join(CACHE_DIR),
            wanted: Mutex::default(),
        }
    }

    /// The settings it works with.
    pub fn settings(&self) -> &ImageSettings {
        &self.settings
    }

    /// Forgets the copies asked for by the last build.
    pub fn begin(&self) {
        lock(&self.wanted).clear();
    }

    /// Size and time of an original: a rendering that used it is still valid while they stay.
    pub fn identity(&self, source: &Path) -> std::result::Result<String, String> {
        file_stamp(source)
            .map(|(len, time)| format!("{len}:{time:?}"))
            .ok_or_else(|| "the file cannot be read".to_string())
    }

    /// Reads an original's size and hash, remembering it while the file's size and time stay.
    pub fn probe(&self, source: &Path) -> std::result::Result<Probe, String> {
        let stamp = file_stamp(source).ok_or("the file does not exist or cannot be read")?;
        if let Some((known, result)) = lock(&self.probes).get(source) {
            if *known == stamp {
                return result.clone();
            }
        }
        let result = std::fs::read(source)
            .map_err(|e| format!("cannot read it: {e}"))
            .and_then(|bytes| {
                let header = codec::header(&bytes)?;
                Ok(Probe {
                    width: header.width,
                    height: header.height,
                    format: header.format,
                    hash: xxhash_rust::xxh3::xxh3_64(&bytes),
                })
            });
        lock(&self.probes).insert(source.to_path_buf(), (stamp, result.clone()));
        self.probes_changed
            .store(true, std::sync::atomic::Ordering::Relaxed);
        result
    }

    /// The copy of `source` at `width` x `height`, named after its key.
    pub fn variant(
        &self,
        source: &Path,
        probe: &Probe,
        size: (u32, u32),
        crop: bool,
        format: Format,
        quality: u8,
    ) -> Variant {
        let (width, height) = size;
        let mut hash = xxhash_rust::xxh3::Xxh3::new();
        for number in [
            PIPELINE_VERSION,
            probe.hash,
            u64::from(width),
            u64::from(height),
            u64::from(crop),
            format as u64,
            u64::from(quality),
        ] {
            hash.update(&number.to_le_bytes());
        }
        let key = hash.digest();
        let stem = source
            .file_stem()
            .map(|s| crate::slugs::slugify(&s.to_string_lossy()))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "image".into());
        Variant {
            source: source.to_path_buf(),
            output: format!(
                "{OUTPUT_DIR}/{stem}.{width}x{height}.{key:016x}.{}",
                format.extension()
            ),
            width,
            height,
            crop,
            format,
            quality,
            key,
        }
    }

    /// The URL of a copy.
    pub fn url(&self, variant: &Variant) -> String {
        format!("{}/{}", self.root_path, variant.output)
    }

    /// Asks for these copies to be made by this build.
    pub fn want(&self, variants: &[Variant]) {
        self.want_all([variants]);
    }

    /// Asks for the copies of many bodies at once (most name pictures asked for already: a
    /// build of thousands of pages sharing a photo takes the lock once and copies nothing).
    pub fn want_all<'a>(&self, lists: impl IntoIterator<Item = &'a [Variant]>) {
        let mut wanted = lock(&self.wanted);
        for variant in lists.into_iter().flatten() {
            if !wanted.contains_key(&variant.output) {
                wanted.insert(variant.output.clone(), variant.clone());
            }
        }
    }

    /// Originals of which copies were asked for.
    pub fn originals(&self) -> HashSet<PathBuf> {
        lock(&self.wanted)
            .values()
            .map(|v| v.source.clone())
            .collect()
    }

    /// Makes every copy asked for that is not in the cache yet (in parallel, each original
    /// decoded once), and returns the outputs publishing them.
    pub fn process(&self) -> Result<(Vec<Output>, ImageStats)> {
        if self
            .probes_changed
            .swap(false, std::sync::atomic::Ordering::Relaxed)
        {
            probes::save(&self.cache_dir, &lock(&self.probes));
        }
        let wanted: Vec<Variant> = lock(&self.wanted).values().cloned().collect();
        let mut by_source: BTreeMap<&Path, Vec<&Variant>> = BTreeMap::new();
        for variant in &wanted {
            by_source.entry(&variant.source).or_default().push(variant);
        }
        let missing: Vec<(&Path, Vec<&Variant>)> = by_source
            .into_iter()
            .filter_map(|(source, variants)| {
                let todo: Vec<&Variant> = variants
                    .into_iter()
                    .filter(|v| !self.cache_file(v).is_file())
                    .collect();
                (!todo.is_empty()).then_some((source, todo))
            })
            .collect();
        let processed: usize = missing.iter().map(|(_, todo)| todo.len()).sum();
        if processed > 0 {
            fs::create_dir_all(&self.cache_dir)?;
        }
        missing
            .par_iter()
            .map(|(source, todo)| self.make_copies(source, todo))
            .collect::<Result<Vec<()>>>()?;
        let outputs = wanted
            .iter()
            .map(|v| Output {
                path: v.output.clone(),
                content: Content::File(self.cache_file(v)),
            })
            .collect();
        let stats = ImageStats {
            processed,
            cached: wanted.len() - processed,
        };
        Ok((outputs, stats))
    }

    fn cache_file(&self, variant: &Variant) -> PathBuf {
        self.cache_dir.join(format!(
            "{:016x}.{}",
            variant.key,
            variant.format.extension()
        ))
    }

    fn make_copies(&self, source: &Path, todo: &[&Variant]) -> Result<()> {
        let bytes = fs::read(source)?;
        let failed = |reason: String| {
            Error::Message(format!(
                "could not process the image `{}`: {reason}",
                source.display()
            ))
        };
        let image = codec::decode(&bytes).map_err(failed)?;
        todo.par_iter()
            .map(|variant| {
                let copy = codec::resize(&image, variant.width, variant.height, variant.crop)
                    .and_then(|copy| codec::encode(&copy, variant.format, variant.quality))
                    .map_err(failed)?;
                let target = self.cache_file(variant);
                let partial = target.with_extension(format!("part-{}", std::process::id()));
                fs::write(&partial, &copy)?;
                fs::rename(&partial, &target)
            })
            .collect()
    }
}

/// Every file `resize_image` can name: content files by path relative to `content/` (those
/// published beside pages), static files by output path.
pub fn image_sources(
    config: &crate::config::Config,
    site: &crate::content::Site,
    static_files: &BTreeMap<String, PathBuf>,
) -> HashMap<String, PathBuf> {
    let content_dir = config.root.join("content");
    static_files
        .iter()
        .map(|(path, source)| (path.clone(), source.clone()))
        .chain(site.assets.iter().filter_map(|a| {
            let rel = a.source.strip_prefix(&content_dir).ok()?;
            Some((rel.to_string_lossy().replace('\\', "/"), a.source.clone()))
        }))
        .collect()
}
