//! `resize_image(path=..., width=..., height=..., op="fit", format="webp", quality=80)` for
//! themes: one resized copy of a content or static image, made by the build's image pipeline.
//! The call's arguments are kept as one text so that a page rendered before can check, without
//! rendering again, whether the copy it got is still the one the call gives.

use tera::{Kwargs, TeraResult, Value};

use super::TemplateData;
use super::functions::function_error;
use crate::images::{Format, Op, ResizeRequest};
use crate::messages::Message;
use crate::msg;

/// The call's arguments as one text: `path`, `width`, `height`, `op`, `format`, `quality`.
pub(super) fn resize_call_key(kwargs: &Kwargs) -> TeraResult<String> {
    let path = kwargs.must_get::<&str>("path")?;
    let width = kwargs.get::<u32>("width")?;
    let height = kwargs.get::<u32>("height")?;
    let op = kwargs.get::<&str>("op")?.unwrap_or("fit");
    let format = kwargs.get::<&str>("format")?.unwrap_or("auto");
    let quality = kwargs.get::<u8>("quality")?;
    let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    Ok(format!(
        "{path}\0{}\0{}\0{op}\0{format}\0{}",
        number(width),
        number(height),
        number(quality.map(u32::from))
    ))
}

fn parse_request(parts: &[&str]) -> Result<ResizeRequest, Message> {
    let number = |text: &str| -> Result<Option<u32>, Message> {
        if text.is_empty() {
            return Ok(None);
        }
        text.parse()
            .map(Some)
            .map_err(|_| msg!("resize-not-a-number", text = text))
    };
    let op = Op::from_name(parts[3]).ok_or_else(|| msg!("resize-unknown-op", op = parts[3]))?;
    let format = match parts[4] {
        "auto" => None,
        name => Some(
            Format::from_name(name).ok_or_else(|| msg!("resize-unknown-format", format = name))?,
        ),
    };
    let quality = number(parts[5])?.map(|q| u8::try_from(q.min(100)).unwrap_or(100));
    Ok(ResizeRequest {
        width: number(parts[1])?,
        height: number(parts[2])?,
        op,
        format,
        quality,
    })
}

impl TemplateData {
    /// Runs a `resize_image` call given as [`resize_call_key`] text: `{ url, width, height,
    /// format }` of the copy, which the build then makes.
    pub(super) fn resize_call(&self, call: &str) -> TeraResult<Value> {
        let parts: Vec<&str> = call.split('\0').collect();
        let [path, ..] = parts[..] else {
            return Err(function_error(msg!("resize-no-path")));
        };
        if parts.len() != 6 {
            return Err(function_error(msg!("resize-unreadable-arguments")));
        }
        let images = self
            .images
            .as_ref()
            .ok_or_else(|| function_error(msg!("resize-unavailable")))?;
        let key = path.trim_start_matches("@/").trim_start_matches('/');
        let source = self
            .image_sources
            .get(key)
            .ok_or_else(|| function_error(msg!("resize-no-image", path = path)))?;
        let request = parse_request(&parts).map_err(function_error)?;
        let variant = images.resize(source, &request).map_err(|e| {
            function_error(msg!("resize-failed", path = path, reason = e.to_string()))
        })?;
        Ok(Value::from_serializable(&serde_json::json!({
            "url": images.url(&variant),
            "width": variant.width,
            "height": variant.height,
            "format": variant.format.extension(),
        })))
    }
}
