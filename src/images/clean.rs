//! Pictures published as they are (files in `static/`, files beside pages, originals kept by
//! `keep_originals` or named by a theme) lose their metadata without being encoded again: a
//! phone photo carries where it was taken (EXIF GPS, XMP and IPTC place names), and publishing
//! it tells every reader. The file is split into its segments (JPEG) or chunks (PNG, WebP) with
//! `img-parts`; the compressed pixels, the ICC colour profile and what decoders need stay byte
//! for byte, every other segment goes, and the EXIF orientation is written back alone.
//!
//! TIFF, HEIC and AVIF files cannot be cleaned this way: they are published as they are when
//! they carry no GPS position, and refused when they do.

use std::io::Cursor;

use img_parts::jpeg::{Jpeg, JpegSegment, markers};
use img_parts::png::Png;
use img_parts::riff::RiffContent;
use img_parts::webp::{CHUNK_VP8X, WebP};
use img_parts::{Bytes, ImageEXIF};

use super::Format;
use crate::messages::Message;
use crate::msg;

/// What a published file is, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Published {
    /// A JPEG, PNG or WebP picture, which is cleaned.
    Cleaned,
    /// A TIFF, HEIC or AVIF picture, which is only checked for a GPS position.
    Checked,
    /// Anything else (SVG, GIF, PDF, CSS...), published as it is.
    AsItIs,
}

/// How a file published at `path` is treated, by its extension (any case).
pub(crate) fn published(path: &str) -> Published {
    let extension = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "jpg" | "jpeg" | "jpe" | "jfif" | "png" | "webp" => Published::Cleaned,
        "tif" | "tiff" | "heic" | "heif" | "avif" => Published::Checked,
        _ => Published::AsItIs,
    }
}

/// `bytes` (a picture in `format`) without its metadata, its pixels untouched.
pub(super) fn clean(bytes: &[u8], format: Format) -> Result<Vec<u8>, Message> {
    super::codec::guarded(|| {
        let bytes = Bytes::copy_from_slice(bytes);
        let cleaned = match format {
            Format::Jpeg => clean_jpeg(bytes)?,
            Format::Png => clean_png(bytes)?,
            Format::Webp => clean_webp(bytes)?,
        };
        Ok(cleaned.to_vec())
    })
}

/// Why `img-parts` could not split a file, in a writer's words.
fn unreadable(error: img_parts::Error) -> Message {
    match error {
        img_parts::Error::WrongSignature => msg!("image-contents-mismatch"),
        img_parts::Error::BadCRC => msg!("image-checksum-mismatch"),
        img_parts::Error::Truncated => msg!("image-cut-short"),
    }
}

/// The orientation an EXIF block gives (2 to 8: the picture is shown turned or mirrored).
fn orientation(exif: &[u8]) -> Option<u16> {
    let exif = exif::Reader::new().read_raw(exif.to_vec()).ok()?;
    let field = exif.get_field(exif::Tag::Orientation, exif::In::PRIMARY)?;
    let value = u16::try_from(field.value.get_uint(0)?).ok()?;
    (2..=8).contains(&value).then_some(value)
}

/// An EXIF block holding the orientation alone, or none for an upright picture.
fn orientation_only(exif: Option<Bytes>) -> Option<Bytes> {
    let orientation = orientation(&exif?)?;
    let field = exif::Field {
        tag: exif::Tag::Orientation,
        ifd_num: exif::In::PRIMARY,
        value: exif::Value::Short(vec![orientation]),
    };
    let mut writer = exif::experimental::Writer::new();
    writer.push_field(&field);
    let mut block = Cursor::new(Vec::new());
    writer.write(&mut block, false).ok()?;
    Some(Bytes::from(block.into_inner()))
}

/// JPEG segments before the first scan that a decoder needs or that change how the picture
/// looks: every non-application segment (tables, frame, scan), the JFIF header, the ICC
/// profile and Adobe's colour transform flag.
fn keeps_segment(segment: &JpegSegment) -> bool {
    let contents = segment.contents();
    match segment.marker() {
        markers::APP0 => contents.starts_with(b"JFIF\0") || contents.starts_with(b"JFXX\0"),
        markers::APP2 => contents.starts_with(b"ICC_PROFILE\0"),
        markers::APP14 => contents.starts_with(b"Adobe"),
        markers::APP1..=markers::APP15 | markers::COM => false,
        _ => true,
    }
}

fn clean_jpeg(bytes: Bytes) -> Result<Bytes, Message> {
    let mut jpeg = Jpeg::from_bytes(bytes.clone()).map_err(unreadable)?;
    let exif = orientation_only(jpeg.exif());
    jpeg.segments_mut().retain(keeps_segment);
    // `img-parts` keeps everything after the first scan header as it is: the other scans, and
    // after the end marker whatever a camera appended (the second pictures of the
    // Multi-Picture Format, each with its own EXIF and GPS position).
    let scan = jpeg
        .segments_mut()
        .last_mut()
        .filter(|s| s.marker() == markers::SOS)
        .ok_or_else(|| msg!("image-no-picture-data"))?;
    let after_header = scan.len_with_entropy() - scan.len();
    let scans =
        scans(&bytes[bytes.len() - after_header..]).ok_or_else(|| msg!("image-cut-short"))?;
    *scan = JpegSegment::new_with_entropy(markers::SOS, scan.contents().clone(), scans.into());
    jpeg.set_exif(exif);
    Ok(jpeg.encoder().bytes())
}

/// Whether a JPEG holds its whole first picture, up to its end marker.
pub(super) fn is_whole_jpeg(bytes: &[u8]) -> bool {
    let Ok(jpeg) = Jpeg::from_bytes(Bytes::copy_from_slice(bytes)) else {
        return false;
    };
    jpeg.segments()
        .last()
        .filter(|s| s.marker() == markers::SOS)
        .is_some_and(|scan| {
            let after_header = scan.len_with_entropy() - scan.len();
            scans(&bytes[bytes.len() - after_header..]).is_some()
        })
}

/// The scans of a JPEG after its first scan header, up to and with the end marker, less the
/// application and comment segments placed between scans; None when the end marker is missing.
fn scans(tail: &[u8]) -> Option<Vec<u8>> {
    let mut kept = Vec::with_capacity(tail.len());
    let (mut at, mut run) = (0, 0);
    while at + 1 < tail.len() {
        if tail[at] != markers::P {
            at += 1;
            continue;
        }
        match tail[at + 1] {
            // A stuffed 0xFF byte or a restart marker: still scan data.
            markers::Z | markers::RST0..=markers::RST7 => at += 2,
            markers::P => at += 1,
            markers::EOI => {
                kept.extend_from_slice(&tail[run..at + 2]);
                return Some(kept);
            }
            marker => {
                let length = u16::from_be_bytes([*tail.get(at + 2)?, *tail.get(at + 3)?]);
                let end = at + 2 + usize::from(length.max(2));
                if end > tail.len() {
                    return None;
                }
                if matches!(marker, markers::APP0..=markers::APP15 | markers::COM) {
                    kept.extend_from_slice(&tail[run..at]);
                    run = end;
                }
                at = end;
            }
        }
    }
    None
}

/// PNG chunks that hold or change the picture (PNG 3rd edition, APNG included); the text
/// chunks, `eXIf`, `tIME` and private chunks go.
const PNG_CHUNKS: [&[u8; 4]; 19] = [
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT", b"sRGB",
    b"cICP", b"mDCV", b"cLLI", b"bKGD", b"hIST", b"pHYs", b"acTL", b"fcTL", b"fdAT",
];

fn clean_png(bytes: Bytes) -> Result<Bytes, Message> {
    let mut png = Png::from_bytes(bytes).map_err(unreadable)?;
    let exif = orientation_only(png.exif());
    png.chunks_mut()
        .retain(|chunk| PNG_CHUNKS.contains(&&chunk.kind()));
    png.set_exif(exif);
    Ok(png.encoder().bytes())
}

/// WebP chunks that hold or change the picture; `EXIF`, `XMP ` and unknown chunks go.
const WEBP_CHUNKS: [&[u8; 4]; 7] = [
    b"VP8X", b"VP8 ", b"VP8L", b"ALPH", b"ANIM", b"ANMF", b"ICCP",
];

/// The XMP flag of a `VP8X` chunk's first byte.
const WEBP_XMP_FLAG: u8 = 0b0000_0100;

fn clean_webp(bytes: Bytes) -> Result<Bytes, Message> {
    let mut webp = WebP::from_bytes(bytes).map_err(unreadable)?;
    let exif = orientation_only(webp.exif());
    webp.chunks_mut()
        .retain(|chunk| WEBP_CHUNKS.contains(&&chunk.id()));
    // Setting the EXIF block brings the `VP8X` flags of the EXIF block and the ICC profile up
    // to date (or drops `VP8X` when nothing needs it); the XMP flag is cleared here.
    webp.set_exif(exif);
    let vp8x = webp.chunks_mut().iter_mut().find(|c| c.id() == CHUNK_VP8X);
    if let Some(RiffContent::Data(data)) = vp8x.map(|c| c.content_mut()) {
        if let Some(flags) = data.first().copied() {
            let mut header = data.to_vec();
            header[0] = flags & !WEBP_XMP_FLAG;
            *data = Bytes::from(header);
        }
    }
    Ok(webp.encoder().bytes())
}

/// Whether a TIFF, HEIC or AVIF file carries a GPS position in its EXIF block.
pub(crate) fn carries_gps(bytes: &[u8]) -> bool {
    let found = exif::Reader::new()
        .continue_on_error(true)
        .read_from_container(&mut Cursor::new(bytes))
        .or_else(|e| e.distill_partial_result(|_| {}));
    found.is_ok_and(|exif| {
        exif.fields()
            .any(|field| field.tag.context() == exif::Context::Gps)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_files_are_told_apart_by_their_extension() {
        assert_eq!(published("a/photo.JPG"), Published::Cleaned);
        assert_eq!(published("scan.tiff"), Published::Checked);
        assert_eq!(published("logo.svg"), Published::AsItIs);
        assert_eq!(published("README"), Published::AsItIs);
    }

    #[test]
    fn scans_end_at_the_end_marker_and_lose_metadata_between_them() {
        // Scan data with a stuffed byte and a restart marker, a comment, a table, the end
        // marker, then a second picture.
        let tail = [
            1, 2, 0xFF, 0x00, 3, 0xFF, 0xD0, 4, // scan data
            0xFF, 0xFE, 0, 4, b'h', b'i', // COM
            0xFF, 0xC4, 0, 3, 9, // DHT
            5, 0xFF, 0xD9, // end
            0xFF, 0xD8, 0xFF, 0xE1, // a second picture
        ];
        assert_eq!(
            scans(&tail),
            Some(vec![
                1, 2, 0xFF, 0x00, 3, 0xFF, 0xD0, 4, 0xFF, 0xC4, 0, 3, 9, 5, 0xFF, 0xD9
            ])
        );
        assert_eq!(scans(&tail[..10]), None);
        assert_eq!(scans(&[0xFF, 0xC4, 0xFF]), None);
    }
}
