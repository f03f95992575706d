//! Responsive images. Photos come from phones and cameras at full size; readers get copies
//! resized to a few widths (never wider than the original), in their format and as WebP, turned
//! upright from their EXIF orientation and without any metadata (no GPS position is published).
//!
//! Markdown images and the `figure` shortcode ask for their copies while pages render, themes
//! through `resize_image`; the build then makes every copy asked for, in parallel, once: copies
//! are kept in `.potline/cache/images/` under a key of the original's bytes and the operation, so
//! a later build (or a `serve` rebuild) only copies the finished files.
//!
//! Pictures published as they are lose their metadata the same way, once ([`clean`]); sharing
//! tags name a copy ([`share`]); and no picture is decoded past `images.max_megapixels`.

mod clean;
mod codec;
mod markup;
mod probes;
mod settings;
mod share;

pub(crate) use clean::{Published, published};
pub use codec::Format;
pub use markup::{ResizeRequest, Responsive, SHARE_WIDTH};
pub(crate) use settings::ImagesFile;
pub use settings::{DEFAULT_MAX_MEGAPIXELS, ImageSettings};
pub use share::{PAGE_IMAGE_FIELDS, ShareCopy, ShareImages};

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::SystemTime;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::messages::Message;
use crate::output::{Content, Output};
use crate::{Error, Result, fs, msg};

/// Where the copies are published, below the site root: `processed/photo.960x720.<key>.webp`.
pub const OUTPUT_DIR: &str = "processed";

/// Where the copies are kept between builds, below the site root.
pub const CACHE_DIR: &str = ".potline/cache/images";

/// Changes whenever the way copies are made changes, so that old cached copies are not reused.
const PIPELINE_VERSION: u64 = 2;

/// Changes whenever the way originals are cleaned changes (see [`clean`]).
const CLEANING_VERSION: u64 = 1;

/// Why a picture cannot be used, in a writer's words, and how to fix it: catalogue entries of
/// the area `images`. The reason reads after what could not be done with the picture
/// (`image-not-publishable`: "cannot publish this picture: {reason}").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unusable {
    /// What is wrong: `image-cut-short`.
    pub reason: Message,
    /// What to do about it: `image-resave-hint`.
    pub hint: Message,
}

impl std::fmt::Display for Unusable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.reason, f)
    }
}

impl Unusable {
    /// A file that cannot be read as a picture: damaged, cut short, or not a picture at all.
    fn unreadable(reason: Message) -> Unusable {
        Unusable {
            reason,
            hint: msg!("image-resave-hint"),
        }
    }

    /// A picture of more pixels than potline decodes.
    fn too_large(width: u32, height: u32, max_pixels: u64) -> Unusable {
        let megapixels = |pixels: u64| {
            let text = format!("{:.1}", pixels as f64 / 1e6);
            text.strip_suffix(".0").map_or(text.clone(), str::to_string)
        };
        let pixels = u64::from(width) * u64::from(height);
        Unusable {
            reason: msg!(
                "image-too-many-pixels",
                width = width,
                height = height,
                megapixels = megapixels(pixels),
                max = megapixels(max_pixels),
            ),
            hint: msg!("image-make-smaller-hint"),
        }
    }

    /// Its reason as the text of a larger message (`image-not-publishable`), in the run's
    /// language.
    fn reason_text(&self) -> String {
        self.reason.text()
    }
}

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
    /// Pictures published as they are whose metadata this build removed (the others were
    /// cleaned by an earlier build).
    pub cleaned: usize,
}

type FileStamp = (u64, SystemTime);

/// What reading an original gave, and the stamp it had then.
type KnownProbe = (FileStamp, std::result::Result<Probe, Message>);

fn file_stamp(path: &Path) -> Option<FileStamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// The image pipeline of one site: what it knows of originals, and the copies asked for in the
/// build that is running. A [`crate::build::Builder`] keeps one for all its builds.
#[derive(Debug)]
pub struct Images {
    settings: ImageSettings,
    root: PathBuf,
    root_path: String,
    cache_dir: PathBuf,
    probes: Mutex<HashMap<PathBuf, KnownProbe>>,
    /// Some original was read in this build: the probes are saved again.
    probes_changed: std::sync::atomic::AtomicBool,
    /// The copies asked for, by output path, and whether one of them was asked for in place
    /// of its original (a copy for sharing is not: the original stays published).
    wanted: Mutex<BTreeMap<String, (Variant, bool)>>,
    /// TIFF, HEIC and AVIF files found free of a GPS position, with the stamp they had then.
    checked: Mutex<HashMap<PathBuf, FileStamp>>,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Images {
    /// The pipeline of the site at `root`, whose root URL path is `root_path` (`` or `/sub`).
    pub fn new(root: &Path, root_path: &str, settings: ImageSettings) -> Images {
        Images {
            settings,
            root: root.to_path_buf(),
            root_path: root_path.to_string(),
            probes: Mutex::new(probes::load(&root.join(CACHE_DIR))),
            probes_changed: std::sync::atomic::AtomicBool::new(false),
            cache_dir: root.join(CACHE_DIR),
            wanted: Mutex::default(),
            checked: Mutex::default(),
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
    /// (Compared with what an earlier rendering recorded, never shown: an original that cannot
    /// be read gives an empty error.)
    pub fn identity(&self, source: &Path) -> std::result::Result<String, String> {
        file_stamp(source)
            .map(|(len, time)| format!("{len}:{time:?}"))
            .ok_or_else(String::new)
    }

    /// Reads an original's size and hash, remembering it while the file's size and time stay.
    pub fn probe(&self, source: &Path) -> std::result::Result<Probe, Message> {
        let stamp = file_stamp(source).ok_or_else(|| msg!("image-file-missing"))?;
        if let Some((known, result)) = lock(&self.probes).get(source) {
            if *known == stamp {
                return result.clone();
            }
        }
        let result = std::fs::read(source)
            .map_err(|e| msg!("image-cannot-read", reason = e.to_string()))
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

    /// The original's size and hash, when potline can decode it: readable, and of no more
    /// pixels than `images.max_megapixels`.
    pub fn usable(&self, source: &Path) -> std::result::Result<Probe, Unusable> {
        let probe = self.probe(source).map_err(Unusable::unreadable)?;
        let pixels = u64::from(probe.width) * u64::from(probe.height);
        if pixels > self.settings.max_pixels {
            return Err(Unusable::too_large(
                probe.width,
                probe.height,
                self.settings.max_pixels,
            ));
        }
        Ok(probe)
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

    /// Asks for these copies to be made by this build, in place of their originals.
    pub fn want(&self, variants: &[Variant]) {
        self.want_all([variants]);
    }

    /// Asks for the copies of many bodies at once (most name pictures asked for already: a
    /// build of thousands of pages sharing a photo takes the lock once and copies nothing).
    pub fn want_all<'a>(&self, lists: impl IntoIterator<Item = &'a [Variant]>) {
        let mut wanted = lock(&self.wanted);
        for variant in lists.into_iter().flatten() {
            match wanted.get_mut(&variant.output) {
                Some((_, replaces)) => *replaces = true,
                None => {
                    wanted.insert(variant.output.clone(), (variant.clone(), true));
                }
            }
        }
    }

    /// Asks for a copy made beside its original, which stays published (a copy for sharing).
    fn want_beside(&self, variant: &Variant) {
        lock(&self.wanted)
            .entry(variant.output.clone())
            .or_insert_with(|| (variant.clone(), false));
    }

    /// Originals of which copies were asked for in their place.
    pub fn originals(&self) -> HashSet<PathBuf> {
        lock(&self.wanted)
            .values()
            .filter(|(_, replaces)| *replaces)
            .map(|(v, _)| v.source.clone())
            .collect()
    }

    /// Makes every copy asked for that is not in the cache yet (in parallel, each original
    /// decoded once), and returns the outputs publishing them. `progress(done, total)` hears of
    /// each original whose copies are made (photos take long: the command line shows a bar).
    pub fn process(
        &self,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<(Vec<Output>, ImageStats)> {
        self.save_probes();
        let wanted: Vec<Variant> = lock(&self.wanted)
            .values()
            .map(|(v, _)| v.clone())
            .collect();
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
        if !missing.is_empty() {
            progress(0, missing.len());
        }
        let done = std::sync::atomic::AtomicUsize::new(0);
        let results: Vec<Result<()>> = missing
            .par_iter()
            .map(|(source, todo)| {
                let made = self.make_copies(source, todo);
                let count = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                progress(count, missing.len());
                made
            })
            .collect();
        let mut problems = Diagnostics::new();
        for result in results {
            match result {
                Ok(()) => {}
                Err(Error::Site(found)) => problems.extend(found.items().iter().cloned()),
                Err(other) => return Err(other),
            }
        }
        if problems.has_errors() {
            problems.sort();
            return Err(Error::Site(problems));
        }
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
            cleaned: 0,
        };
        Ok((outputs, stats))
    }

    /// Keeps what was read of the originals for the next run, when something new was read.
    fn save_probes(&self) {
        if self
            .probes_changed
            .swap(false, std::sync::atomic::Ordering::Relaxed)
        {
            probes::save(&self.cache_dir, &lock(&self.probes));
        }
    }

    /// A file of the site as messages show it: relative to the site folder.
    fn shown(&self, path: &Path) -> String {
        crate::diagnostics::display_path(path.strip_prefix(&self.root).unwrap_or(path))
    }

    /// Writes `bytes` as `target` in the cache, whole or not at all (two threads may write the
    /// same file: each writes its own partial file first).
    fn write_cached(&self, target: &Path, bytes: &[u8]) -> Result<()> {
        static PARTIALS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let number = PARTIALS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let partial = target.with_extension(format!("part-{}-{number}", std::process::id()));
        fs::create_dir_all(&self.cache_dir)?;
        fs::write(&partial, bytes)?;
        fs::rename(&partial, target)
    }

    /// Publishes the pictures among `outputs` that are copied as they are (static files, files
    /// beside pages) without their metadata: each JPEG, PNG and WebP file is cleaned once into
    /// the cache, under a key of its bytes, and its output copies the cleaned file; TIFF, HEIC
    /// and AVIF files are refused when they carry a GPS position. Returns how many files were
    /// cleaned anew.
    pub fn clean_published(&self, outputs: &mut [Output]) -> Result<usize> {
        let sources: HashSet<&Path> = outputs
            .iter()
            .filter(|o| published(&o.path) != Published::AsItIs)
            .filter_map(|o| match &o.content {
                Content::File(source) => Some(source.as_path()),
                _ => None,
            })
            .collect();
        let results: HashMap<PathBuf, std::result::Result<(PathBuf, bool), Unusable>> = sources
            .into_par_iter()
            .map(|source| (source.to_path_buf(), self.publishable(source)))
            .collect();
        self.save_probes();
        let mut problems = Diagnostics::new();
        for (source, result) in &results {
            if let Err(problem) = result {
                problems.push(
                    Diagnostic::error(
                        self.shown(source),
                        1,
                        1,
                        msg!("image-not-publishable", reason = problem.reason_text()),
                    )
                    .with_hint(problem.hint.clone()),
                );
            }
        }
        if problems.has_errors() {
            problems.sort();
            return Err(Error::Site(problems));
        }
        for output in outputs.iter_mut() {
            if let Content::File(source) = &output.content {
                if let Some(Ok((published, _))) = results.get(source) {
                    output.content = Content::File(published.clone());
                }
            }
        }
        Ok(results
            .values()
            .filter(|r| matches!(r, Ok((_, true))))
            .count())
    }

    /// The file to publish for `source`, and whether it was cleaned by this call.
    fn publishable(&self, source: &Path) -> std::result::Result<(PathBuf, bool), Unusable> {
        let path = source.to_string_lossy();
        if published(&path) == Published::Checked {
            return self.checked(source).map(|()| (source.to_path_buf(), false));
        }
        let read = || std::fs::read(source).map_err(cannot_read);
        // A picture the decoder cannot read may still be one whose metadata can be removed.
        let (probed, bytes) = match self.probe(source) {
            Ok(probe) => ((probe.hash, probe.format), None),
            Err(_) => {
                let bytes = read()?;
                let Some(format) = codec::sniff(&bytes) else {
                    // Not a JPEG, PNG or WebP picture, whatever its name says: published as it
                    // is, unless it is a photo of another kind with a GPS position.
                    return self.checked(source).map(|()| (source.to_path_buf(), false));
                };
                ((xxhash_rust::xxh3::xxh3_64(&bytes), format), Some(bytes))
            }
        };
        let (bytes_hash, format) = probed;
        let mut hash = xxhash_rust::xxh3::Xxh3::new();
        hash.update(&CLEANING_VERSION.to_le_bytes());
        hash.update(&bytes_hash.to_le_bytes());
        let target = self
            .cache_dir
            .join(format!("{:016x}.{}", hash.digest(), format.extension()));
        if target.is_file() {
            return Ok((target, false));
        }
        let bytes = match bytes {
            Some(bytes) => bytes,
            None => read()?,
        };
        let cleaned = clean::clean(&bytes, format).map_err(Unusable::unreadable)?;
        self.write_cached(&target, &cleaned).map_err(|e| Unusable {
            reason: msg!("image-not-saved", reason = e.with_causes()),
            hint: msg!(
                "image-cache-writable-hint",
                folder = self.shown(&self.cache_dir)
            ),
        })?;
        Ok((target, true))
    }

    /// Refuses a TIFF, HEIC or AVIF file (or a file of any other kind) that carries a GPS
    /// position (remembered while the file's size and time stay).
    fn checked(&self, source: &Path) -> std::result::Result<(), Unusable> {
        let stamp =
            file_stamp(source).ok_or_else(|| Unusable::unreadable(msg!("image-file-missing")))?;
        if lock(&self.checked).get(source) == Some(&stamp) {
            return Ok(());
        }
        let bytes = std::fs::read(source).map_err(cannot_read)?;
        if codec::guarded(|| Ok(clean::carries_gps(&bytes))).unwrap_or(true) {
            return Err(Unusable {
                reason: msg!("image-gps-not-removable"),
                hint: msg!("image-remove-gps-hint"),
            });
        }
        lock(&self.checked).insert(source.to_path_buf(), stamp);
        Ok(())
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
        let failed = |reason: Message| {
            let problem = Unusable::unreadable(reason);
            let mut problems = Diagnostics::new();
            problems.push(
                Diagnostic::error(
                    self.shown(source),
                    1,
                    1,
                    msg!("image-copies-failed", reason = problem.reason_text()),
                )
                .with_hint(problem.hint),
            );
            Error::Site(problems)
        };
        let image = codec::decode(&bytes, self.settings.max_pixels).map_err(failed)?;
        todo.par_iter()
            .map(|variant| {
                let copy = codec::resize(&image, variant.width, variant.height, variant.crop)
                    .and_then(|copy| codec::encode(&copy, variant.format, variant.quality))
                    .map_err(failed)?;
                self.write_cached(&self.cache_file(variant), &copy)
            })
            .collect()
    }
}

/// An original that the system would not let potline read.
fn cannot_read(error: std::io::Error) -> Unusable {
    Unusable::unreadable(msg!("image-cannot-read", reason = error.to_string()))
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
