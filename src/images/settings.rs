//! `images:` in `site.yaml`: the widths, quality and formats of the resized copies potline
//! publishes instead of the photos writers upload, as the raw file type and its resolved form.

use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::msg;

/// `images:` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ImagesFile {
    #[serde(default)]
    widths: Option<Vec<u32>>,
    #[serde(default)]
    quality: Option<u8>,
    #[serde(default)]
    webp: Option<bool>,
    #[serde(default)]
    sizes: Option<String>,
    #[serde(default)]
    keep_originals: Option<bool>,
    #[serde(default)]
    max_megapixels: Option<u32>,
}

/// How images in Markdown and `figure` are made responsive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageSettings {
    /// Widths of the resized copies, ascending; none wider than the original is made.
    pub widths: Vec<u32>,
    /// JPEG and WebP quality, 1 to 100.
    pub quality: u8,
    /// Also publish WebP copies of JPEG and PNG images.
    pub webp: bool,
    /// The `sizes` attribute: how wide the image is shown, for the browser to pick a copy.
    pub sizes: String,
    /// Publish the uploaded originals beside their page too (by default only the copies are).
    pub keep_originals: bool,
    /// The largest picture potline decodes, in pixels: a larger one is refused before its
    /// pixels are read (a small file can claim a huge size and take gigabytes to decode).
    pub max_pixels: u64,
}

/// `max_megapixels` when `site.yaml` does not say: more than any camera or phone photo of the
/// last decade (61 megapixels at most), about 400 MB to decode.
pub const DEFAULT_MAX_MEGAPIXELS: u32 = 100;

/// The most `max_megapixels` may be: 16384 x 16384 pixels, about 1 GB to decode.
const MOST_MEGAPIXELS: u32 = 268;

impl Default for ImageSettings {
    fn default() -> Self {
        ImageSettings {
            widths: vec![480, 960, 1600],
            quality: 80,
            webp: true,
            sizes: "(min-width: 50rem) 46rem, 100vw".into(),
            keep_originals: false,
            max_pixels: u64::from(DEFAULT_MAX_MEGAPIXELS) * 1_000_000,
        }
    }
}

impl ImageSettings {
    /// Resolves `images:`; mistakes are reported at `line` of `site.yaml`.
    pub(crate) fn resolve(raw: ImagesFile, line: usize, problems: &mut Vec<Diagnostic>) -> Self {
        let ImagesFile {
            widths,
            quality,
            webp,
            sizes,
            keep_originals,
            max_megapixels,
        } = raw;
        let defaults = ImageSettings::default();
        let mut widths = widths.unwrap_or(defaults.widths);
        widths.sort_unstable();
        widths.dedup();
        if widths.is_empty() || widths.iter().any(|w| *w == 0 || *w > 16_384) {
            problems.push(Diagnostic::error(
                crate::config::CONFIG_FILE,
                line,
                1,
                msg!("images-widths-invalid"),
            ));
            widths = ImageSettings::default().widths;
        }
        let quality = quality.unwrap_or(defaults.quality);
        if !(1..=100).contains(&quality) {
            problems.push(Diagnostic::error(
                crate::config::CONFIG_FILE,
                line,
                1,
                msg!("images-quality-invalid", quality = quality),
            ));
        }
        let megapixels = max_megapixels.unwrap_or(DEFAULT_MAX_MEGAPIXELS);
        if !(1..=MOST_MEGAPIXELS).contains(&megapixels) {
            problems.push(Diagnostic::error(
                crate::config::CONFIG_FILE,
                line,
                1,
                msg!(
                    "images-max-megapixels-invalid",
                    value = megapixels,
                    most = MOST_MEGAPIXELS,
                    default = DEFAULT_MAX_MEGAPIXELS,
                ),
            ));
        }
        ImageSettings {
            widths,
            quality: quality.clamp(1, 100),
            webp: webp.unwrap_or(defaults.webp),
            sizes: sizes.unwrap_or(defaults.sizes),
            keep_originals: keep_originals.unwrap_or(defaults.keep_originals),
            max_pixels: u64::from(megapixels.clamp(1, MOST_MEGAPIXELS)) * 1_000_000,
        }
    }
}
