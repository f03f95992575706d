//! Pixels in and out: reading an image's size and EXIF orientation, decoding it upright, scaling
//! it with `fast_image_resize` and encoding the copy (JPEG with `jpeg-encoder`, with 4:2:0 chroma
//! subsampling). Copies are encoded from pixels alone, so no
//! metadata of the original (EXIF, GPS position, camera serial numbers) reaches them.
//!
//! Pictures come from anyone: every decoder runs with memory limits, the size a file claims is
//! checked before its pixels are read, and a decoder that panics on a damaged file gives an
//! error rather than ending the process (`potline serve` stays up).

use std::io::Cursor;

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits};

use crate::messages::Message;
use crate::msg;

/// The formats potline reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// JPEG, for photos.
    Jpeg,
    /// PNG, lossless: drawings, screenshots, transparency.
    Png,
    /// Lossy WebP (libwebp), with transparency.
    Webp,
}

impl Format {
    /// The file extension and the name used in `site.yaml` and templates.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
        }
    }

    /// The MIME type, for `<source type>`.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::Webp => "image/webp",
        }
    }

    /// `jpg`, `jpeg`, `png` or `webp` (any case).
    pub fn from_name(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "jpg" | "jpeg" => Some(Format::Jpeg),
            "png" => Some(Format::Png),
            "webp" => Some(Format::Webp),
            _ => None,
        }
    }

    fn of(format: ImageFormat) -> Option<Format> {
        match format {
            ImageFormat::Jpeg => Some(Format::Jpeg),
            ImageFormat::Png => Some(Format::Png),
            ImageFormat::WebP => Some(Format::Webp),
            _ => None,
        }
    }
}

/// The format `bytes` are in, by their first bytes alone.
pub(super) fn sniff(bytes: &[u8]) -> Option<Format> {
    image::guess_format(bytes).ok().and_then(Format::of)
}

/// What reading an image's header tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// Width as shown, after EXIF orientation.
    pub width: u32,
    /// Height as shown, after EXIF orientation.
    pub height: u32,
    /// The file's real format (whatever its name says).
    pub format: Format,
}

/// What a decoder may allocate for a picture of at most `max_pixels` pixels: 8 bytes a pixel
/// (16-bit RGBA, the widest a PNG holds) and room for its own tables.
fn limits(max_pixels: u64) -> Limits {
    let mut limits = Limits::default();
    limits.max_alloc = Some(max_pixels.saturating_mul(8).saturating_add(64 << 20));
    limits
}

/// Runs a decoder on bytes from the site: a panic in it (a bug of the decoder that a damaged
/// file sets off) becomes an error naming the file instead of the end of the process.
pub(super) fn guarded<T>(work: impl FnOnce() -> Result<T, Message>) -> Result<T, Message> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
        .unwrap_or_else(|_| Err(msg!("image-damaged-unreadable")))
}

/// What went wrong reading a picture, in a writer's words (the decoder's own in brackets).
fn describe(error: &ImageError) -> Message {
    let detail = error.to_string().trim().to_string();
    match error {
        ImageError::IoError(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            msg!("image-cut-short")
        }
        ImageError::Decoding(_) | ImageError::IoError(_) => msg!("image-damaged", detail = detail),
        ImageError::Limits(_) => msg!("image-too-large-to-read"),
        ImageError::Unsupported(_) => msg!("image-kind-unreadable", detail = detail),
        _ => msg!("image-unreadable", detail = detail),
    }
}

fn decoder(bytes: &[u8], limits: Limits) -> Result<(Format, impl ImageDecoder + '_), Message> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| msg!("image-unreadable", detail = e.to_string()))?;
    reader.limits(limits);
    let format = reader
        .format()
        .and_then(Format::of)
        .ok_or_else(|| msg!("image-not-a-picture"))?;
    let decoder = reader.into_decoder().map_err(|e| describe(&e))?;
    Ok((format, decoder))
}

fn swaps_sides(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

/// Reads the size (as shown, after EXIF orientation) and format without decoding pixels.
pub fn header(bytes: &[u8]) -> Result<Header, Message> {
    guarded(|| read_header(bytes))
}

fn read_header(bytes: &[u8]) -> Result<Header, Message> {
    let (format, mut decoder) = decoder(bytes, Limits::default())?;
    // The JPEG decoder shows a file cut short as grey below what is there: it is refused here.
    if format == Format::Jpeg && !super::clean::is_whole_jpeg(bytes) {
        return Err(msg!("image-cut-short"));
    }
    let (width, height) = decoder.dimensions();
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    if width == 0 || height == 0 {
        return Err(msg!("image-no-pixels"));
    }
    let (width, height) = if swaps_sides(orientation) {
        (height, width)
    } else {
        (width, height)
    };
    Ok(Header {
        width,
        height,
        format,
    })
}

/// Decodes the whole image, turned upright, as 8-bit RGB (or RGBA when it has transparency);
/// refused when its header claims more than `max_pixels` pixels.
pub fn decode(bytes: &[u8], max_pixels: u64) -> Result<DynamicImage, Message> {
    guarded(|| decode_upright(bytes, max_pixels))
}

fn decode_upright(bytes: &[u8], max_pixels: u64) -> Result<DynamicImage, Message> {
    let mut limits = limits(max_pixels);
    let (_, mut decoder) = decoder(bytes, limits.clone())?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > max_pixels {
        return Err(msg!(
            "image-too-many-pixels-to-read",
            width = width,
            height = height
        ));
    }
    limits
        .reserve(decoder.total_bytes())
        .map_err(|e| describe(&e))?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| describe(&e))?;
    image.apply_orientation(orientation);
    Ok(if image.color().has_alpha() {
        DynamicImage::ImageRgba8(image.into_rgba8())
    } else {
        DynamicImage::ImageRgb8(image.into_rgb8())
    })
}

/// Scales `image` to `width` x `height`; with `crop`, the middle of the image is cut to that
/// shape first instead of stretching it.
pub fn resize(
    image: &DynamicImage,
    width: u32,
    height: u32,
    crop: bool,
) -> Result<DynamicImage, Message> {
    if image.width() == width && image.height() == height {
        return Ok(image.clone());
    }
    let mut target = DynamicImage::new(width, height, image.color());
    let mut options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    if crop {
        options = options.fit_into_destination(Some((0.5, 0.5)));
    }
    Resizer::new()
        .resize(image, &mut target, &options)
        .map_err(|e| msg!("image-resize-failed", detail = e.to_string()))?;
    Ok(target)
}

/// A picture with transparency laid on white, for JPEG, which has none (dropping the alpha
/// channel would show whatever colour the transparent pixels hold, often black).
fn on_white(rgba: &image::RgbaImage) -> image::RgbImage {
    image::RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let pixel = rgba.get_pixel(x, y);
        let alpha = u16::from(pixel[3]);
        image::Rgb(std::array::from_fn(|channel| {
            let mixed = (u16::from(pixel[channel]) * alpha + 255 * (255 - alpha) + 127) / 255;
            u8::try_from(mixed).unwrap_or(u8::MAX)
        }))
    })
}

/// Encodes pixels (no metadata) in `format`; `quality` is for JPEG and WebP.
pub fn encode(image: &DynamicImage, format: Format, quality: u8) -> Result<Vec<u8>, Message> {
    let failed = |detail: String| msg!("image-encode-failed", detail = detail);
    let mut bytes = Vec::new();
    match format {
        Format::Jpeg => {
            let rgb = match image {
                DynamicImage::ImageRgba8(rgba) => on_white(rgba),
                other => other.to_rgb8(),
            };
            let side = |n: u32| u16::try_from(n).map_err(|_| msg!("image-too-large-for-jpeg"));
            // Optimised Huffman tables would save a few per cent more, but the JPEG decoder of
            // `image` (zune-jpeg 0.5) reads their output with wrong colours: left off.
            jpeg_encoder::Encoder::new(&mut bytes, quality)
                .encode(
                    rgb.as_raw(),
                    side(rgb.width())?,
                    side(rgb.height())?,
                    jpeg_encoder::ColorType::Rgb,
                )
                .map_err(|e| failed(e.to_string()))?;
        }
        Format::Png => {
            let encoder = image::codecs::png::PngEncoder::new(&mut bytes);
            image
                .write_with_encoder(encoder)
                .map_err(|e| failed(e.to_string()))?;
        }
        Format::Webp => {
            let (width, height) = (image.width(), image.height());
            let encoded = match image {
                DynamicImage::ImageRgba8(pixels) => {
                    webp::Encoder::from_rgba(pixels.as_raw(), width, height)
                        .encode_simple(false, f32::from(quality))
                }
                other => {
                    let pixels = other.to_rgb8();
                    webp::Encoder::from_rgb(pixels.as_raw(), width, height)
                        .encode_simple(false, f32::from(quality))
                }
            }
            .map_err(|e| failed(format!("WebP: {e:?}")))?;
            bytes.extend_from_slice(&encoded);
        }
    }
    Ok(bytes)
}
