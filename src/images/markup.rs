//! Which copies a responsive image gets (widths up to the original's, in its format and WebP)
//! and how they are written in a page: `<picture>` with `srcset`, `sizes`, `width` and `height`
//! (so the page does not move while images load) and `loading="lazy"` below the first one.

use std::path::Path;

use super::{Format, Images, Op, Unusable, Variant};
use crate::messages::Message;
use crate::msg;

/// How wide the copy of a page's picture for sharing (`og:image`, JSON-LD `image`) is at most:
/// the width Facebook, LinkedIn and X show a shared link's picture at.
pub const SHARE_WIDTH: u32 = 1200;

/// An image with its copies and how to show them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Responsive {
    /// Size of the largest copy (its proportions are those of every copy).
    pub width: u32,
    /// Size of the largest copy.
    pub height: u32,
    /// URL of the largest copy in the original's format: `src` for browsers without `srcset`.
    pub src: String,
    /// Candidates in the original's format: `/processed/a.480x360.<key>.jpg 480w, ...`.
    pub srcset: String,
    /// Candidates in WebP, when the original is not WebP already and WebP is on.
    pub webp_srcset: Option<String>,
    /// The `sizes` attribute.
    pub sizes: String,
    /// Every copy, to be made by the build.
    pub variants: Vec<Variant>,
}

/// The widths of the copies of an image `original` pixels wide: the configured widths narrower
/// than it, and the original's own width when it is not wider than the largest configured one.
pub fn copy_widths(configured: &[u32], original: u32) -> Vec<u32> {
    let largest = configured.iter().copied().max().unwrap_or(original);
    let mut widths: Vec<u32> = configured
        .iter()
        .copied()
        .filter(|w| *w < original)
        .collect();
    if original <= largest {
        widths.push(original);
    }
    widths.sort_unstable();
    widths.dedup();
    widths
}

/// The height of a copy `width` pixels wide of an image `original` (width, height) in size.
fn height_for(original: (u32, u32), width: u32) -> u32 {
    let (w, h) = (u64::from(original.0), u64::from(original.1));
    let height = (h * u64::from(width) + w / 2) / w.max(1);
    u32::try_from(height).unwrap_or(u32::MAX).max(1)
}

/// What `resize_image` is asked for.
#[derive(Debug, Clone, Copy)]
pub struct ResizeRequest {
    /// Width asked for, if any.
    pub width: Option<u32>,
    /// Height asked for, if any.
    pub height: Option<u32>,
    /// How to fit the image to them.
    pub op: Op,
    /// Format of the copy (else that of the original).
    pub format: Option<Format>,
    /// Encoder quality (else the site's).
    pub quality: Option<u8>,
}

/// Size of the copy (and whether to crop) for a request on an original of `size`.
fn resized_size(size: (u32, u32), request: &ResizeRequest) -> Result<((u32, u32), bool), Message> {
    let (w, h) = (f64::from(size.0), f64::from(size.1));
    let round = |x: f64| (x.round() as u32).max(1);
    match (request.op, request.width, request.height) {
        (_, None, None) => Err(msg!("image-resize-needs-size")),
        (Op::Fill, Some(tw), Some(th)) => {
            // Never larger than the original: shrink the box, keeping its shape.
            let factor = (w / f64::from(tw)).min(h / f64::from(th)).min(1.0);
            Ok((
                (round(f64::from(tw) * factor), round(f64::from(th) * factor)),
                true,
            ))
        }
        (Op::Fill, ..) => Err(msg!("image-fill-needs-both")),
        (Op::Scale, Some(tw), Some(th)) => Ok(((tw, th), false)),
        (Op::Scale, Some(tw), None) => Ok(((tw, height_for(size, tw)), false)),
        (Op::Scale, None, Some(th)) => Ok(((round(w * f64::from(th) / h), th), false)),
        (Op::Fit, tw, th) => {
            let factor = tw
                .map_or(f64::INFINITY, |tw| f64::from(tw) / w)
                .min(th.map_or(f64::INFINITY, |th| f64::from(th) / h))
                .min(1.0);
            Ok(((round(w * factor), round(h * factor)), false))
        }
    }
}

impl Images {
    /// The copies of `source` for a page, asked for from this build.
    pub fn responsive(&self, source: &Path) -> Result<Responsive, Unusable> {
        let probe = self.usable(source)?;
        let quality = self.settings.quality;
        let widths = copy_widths(&self.settings.widths, probe.width);
        let size = |w: u32| (w, height_for((probe.width, probe.height), w));
        let set = |format: Format| -> Vec<Variant> {
            widths
                .iter()
                .map(|w| self.variant(source, &probe, size(*w), false, format, quality))
                .collect()
        };
        let srcset_of = |variants: &[Variant]| -> String {
            variants
                .iter()
                .map(|v| format!("{} {}w", self.url(v), v.width))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let own = set(probe.format);
        let webp = (self.settings.webp && probe.format != Format::Webp).then(|| set(Format::Webp));
        let largest = own
            .last()
            .ok_or_else(|| Unusable::unreadable(msg!("image-no-pixels")))?;
        let responsive = Responsive {
            width: largest.width,
            height: largest.height,
            src: self.url(largest),
            srcset: srcset_of(&own),
            webp_srcset: webp.as_deref().map(srcset_of),
            sizes: self.settings.sizes.clone(),
            variants: own.iter().chain(webp.iter().flatten()).cloned().collect(),
        };
        self.want(&responsive.variants);
        Ok(responsive)
    }

    /// One copy of `source` as a template asks for it, asked for from this build.
    pub fn resize(&self, source: &Path, request: &ResizeRequest) -> Result<Variant, Unusable> {
        let probe = self.usable(source)?;
        let asked = |reason: Message| Unusable {
            reason,
            hint: msg!("image-resize-arguments-hint"),
        };
        let (size, crop) = resized_size((probe.width, probe.height), request).map_err(asked)?;
        if size.0 > 16_383 || size.1 > 16_383 {
            return Err(asked(msg!(
                "image-resize-too-large",
                width = size.0,
                height = size.1
            )));
        }
        if u64::from(size.0) * u64::from(size.1) > self.settings.max_pixels {
            return Err(asked(msg!(
                "image-resize-too-many-pixels",
                width = size.0,
                height = size.1
            )));
        }
        let format = request.format.unwrap_or(probe.format);
        let quality = request
            .quality
            .unwrap_or(self.settings.quality)
            .clamp(1, 100);
        let variant = self.variant(source, &probe, size, crop, format, quality);
        self.want(std::slice::from_ref(&variant));
        Ok(variant)
    }
}

impl Images {
    /// The copy of `source` that sharing tags and JSON-LD name, asked for from this build: at
    /// most [`SHARE_WIDTH`] wide, as JPEG (PNG for a PNG, whose transparency JPEG would lose).
    /// The original stays published (themes may name it).
    pub fn share(&self, source: &Path) -> Result<Variant, Unusable> {
        let probe = self.usable(source)?;
        let width = probe.width.min(SHARE_WIDTH);
        let size = (width, height_for((probe.width, probe.height), width));
        let format = match probe.format {
            Format::Png => Format::Png,
            // Not every site that reads sharing tags shows WebP.
            Format::Jpeg | Format::Webp => Format::Jpeg,
        };
        let variant = self.variant(source, &probe, size, false, format, self.settings.quality);
        self.want_beside(&variant);
        Ok(variant)
    }
}

/// Escapes an attribute value written between double quotes.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

impl Responsive {
    /// The `<picture>` element for a Markdown image; all but a page's first image load lazily.
    pub fn html(&self, alt: &str, title: Option<&str>, lazy: bool) -> String {
        let mut html = String::from("<picture>");
        if let Some(webp) = &self.webp_srcset {
            html.push_str(&format!(
                "<source type=\"image/webp\" srcset=\"{}\" sizes=\"{}\">",
                escape(webp),
                escape(&self.sizes)
            ));
        }
        html.push_str(&format!(
            "<img src=\"{}\" srcset=\"{}\" sizes=\"{}\" width=\"{}\" height=\"{}\" alt=\"{}\"",
            escape(&self.src),
            escape(&self.srcset),
            escape(&self.sizes),
            self.width,
            self.height,
            escape(alt)
        ));
        if let Some(title) = title.filter(|t| !t.is_empty()) {
            html.push_str(&format!(" title=\"{}\"", escape(title)));
        }
        if lazy {
            html.push_str(" loading=\"lazy\"");
        }
        html.push_str(" decoding=\"async\"></picture>");
        html
    }

    /// `image` in a shortcode's template: `{ src, srcset, webp_srcset, sizes, width, height, lazy }`.
    pub fn value(&self, lazy: bool) -> serde_json::Value {
        serde_json::json!({
            "src": self.src,
            "srcset": self.srcset,
            "webp_srcset": self.webp_srcset,
            "sizes": self.sizes,
            "width": self.width,
            "height": self.height,
            "lazy": lazy,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_never_wider_than_the_original() {
        assert_eq!(copy_widths(&[480, 960, 1600], 4000), [480, 960, 1600]);
        assert_eq!(copy_widths(&[480, 960, 1600], 1200), [480, 960, 1200]);
        assert_eq!(copy_widths(&[480, 960, 1600], 960), [480, 960]);
        assert_eq!(copy_widths(&[480, 960, 1600], 300), [300]);
    }

    #[test]
    fn fit_and_fill_never_enlarge() {
        let request = |op, width, height| ResizeRequest {
            width,
            height,
            op,
            format: None,
            quality: None,
        };
        assert_eq!(
            resized_size((4000, 3000), &request(Op::Fit, Some(800), Some(800))),
            Ok(((800, 600), false))
        );
        assert_eq!(
            resized_size((400, 300), &request(Op::Fit, Some(800), None)),
            Ok(((400, 300), false))
        );
        assert_eq!(
            resized_size((4000, 3000), &request(Op::Fill, Some(500), Some(500))),
            Ok(((500, 500), true))
        );
        assert_eq!(
            resized_size((400, 300), &request(Op::Fill, Some(600), Some(600))),
            Ok(((300, 300), true))
        );
        assert_eq!(
            resized_size((4000, 3000), &request(Op::Scale, None, Some(300))),
            Ok(((400, 300), false))
        );
        assert!(resized_size((4000, 3000), &request(Op::Fill, Some(500), None)).is_err());
    }
}
