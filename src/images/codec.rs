//! Pixels in and out: reading an image's size and EXIF orientation, decoding it upright, scaling
//! it with `fast_image_resize` and encoding the copy (JPEG with `jpeg-encoder`, with 4:2:0 chroma
//! subsampling). Copies are encoded from pixels alone, so no
//! metadata of the original (EXIF, GPS position, camera serial numbers) reaches them.

use std::io::Cursor;

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};

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

fn decoder(bytes: &[u8]) -> Result<(Format, impl ImageDecoder + '_), String> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let format = reader
        .format()
        .and_then(Format::of)
        .ok_or("it is not a JPEG, PNG or WebP image")?;
    let decoder = reader.into_decoder().map_err(|e| e.to_string())?;
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
pub fn header(bytes: &[u8]) -> Result<Header, String> {
    let (format, mut decoder) = decoder(bytes)?;
    let (width, height) = decoder.dimensions();
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    if width == 0 || height == 0 {
        return Err("the image has no pixels".into());
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

/// Decodes the whole image, turned upright, as 8-bit RGB (or RGBA when it has transparency).
pub fn decode(bytes: &[u8]) -> Result<DynamicImage, String> {
    let (_, mut decoder) = decoder(bytes)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
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
) -> Result<DynamicImage, String> {
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
        .map_err(|e| e.to_string())?;
    Ok(target)
}

/// Encodes pixels (no metadata) in `format`; `quality` is for JPEG and WebP.
pub fn encode(image: &DynamicImage, format: Format, quality: u8) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    match format {
        Format::Jpeg => {
            let rgb = image.to_rgb8();
            let side = |n: u32| u16::try_from(n).map_err(|_| "too large for JPEG".to_string());
            // Optimised Huffman tables would save a few per cent more, but the JPEG decoder of
            // `image` (zune-jpeg 0.5) reads their output with wrong colours: left off.
            jpeg_encoder::Encoder::new(&mut bytes, quality)
                .encode(
                    rgb.as_raw(),
                    side(rgb.width())?,
                    side(rgb.height())?,
                    jpeg_encoder::ColorType::Rgb,
                )
                .map_err(|e| e.to_string())?;
        }
        Format::Png => {
            let encoder = image::codecs::png::PngEncoder::new(&mut bytes);
            image
                .write_with_encoder(encoder)
                .map_err(|e| e.to_string())?;
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
            .map_err(|e| format!("the WebP encoder failed ({e:?})"))?;
            bytes.extend_from_slice(&encoded);
        }
    }
    Ok(bytes)
}
