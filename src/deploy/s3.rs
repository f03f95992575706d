//! Object storage: any S3-compatible bucket (AWS S3, Alibaba Cloud OSS, Tencent COS, Huawei OBS,
//! Cloudflare R2, MinIO), spoken to through the `object_store` crate.
//!
//! A deploy reads the manifest at the bucket (`<prefix>/.potline-manifest.json`), uploads new and
//! changed files with their headers — assets, then pages, then indexes, each phase finished
//! before the next starts — deletes what the site no longer has, and writes the new manifest
//! last. Before its first upload it records the files it is about to send as `pending` in the
//! manifest: a deploy that is interrupted leaves that record, and the next one lists the bucket
//! and skips every pending file whose object already has the same size and MD5 (its ETag), so
//! nothing that arrived is sent twice, and a pending file the site no longer has is deleted.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::{StreamExt, TryStreamExt, stream};
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path as Key;
use object_store::{
    Attribute, Attributes, ClientOptions, ObjectStore, ObjectStoreExt, PutOptions, PutPayload,
    RetryConfig,
};

use super::media::{self, Phase};
use super::plan::{LocalFile, MANIFEST, Manifest, Plan};
use super::redact::Redactor;
use super::{DeployEvent, DeployOptions, DeployReport, address, credentials, describe};
use crate::config::S3Target;
use crate::{Error, Result, fs};

/// Requests in flight at once.
const CONCURRENCY: usize = 8;

/// A bucket and the prefix the site lives under.
struct Bucket {
    store: Arc<AmazonS3>,
    prefix: String,
    location: String,
    /// Every message of the service passes through it before it is shown.
    redactor: Redactor,
}

impl Bucket {
    fn open(name: &str, target: &S3Target) -> Result<Bucket> {
        let address = address::check(name, target)?;
        // reqwest needs a TLS crypto provider chosen once per process; ring is the one built in.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let credentials = credentials::find(&target.credentials, name)?;
        let redactor = Redactor::new(
            [&credentials.key_id, &credentials.secret]
                .into_iter()
                .chain(&credentials.token)
                .map(String::as_str),
        );
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(&target.bucket)
            .with_region(&target.region)
            .with_access_key_id(&credentials.key_id)
            .with_secret_access_key(&credentials.secret)
            .with_virtual_hosted_style_request(target.virtual_hosted_style)
            .with_retry(RetryConfig {
                max_retries: 4,
                retry_timeout: Duration::from_secs(60),
                ..RetryConfig::default()
            })
            .with_client_options(
                ClientOptions::new()
                    .with_connect_timeout(Duration::from_secs(10))
                    .with_timeout(Duration::from_secs(120))
                    .with_allow_http(address.allow_http),
            );
        if let Some(token) = &credentials.token {
            builder = builder.with_token(token);
        }
        if let Some(endpoint) = &address.endpoint {
            builder = builder.with_endpoint(endpoint);
        }
        let store = builder.build().map_err(|e| {
            Error::message(crate::msg!(
                "deploy-unreachable",
                name = name,
                reason = redactor.redact(&describe(&e))
            ))
        })?;
        let location = if target.prefix.is_empty() {
            format!("s3://{}", target.bucket)
        } else {
            format!("s3://{}/{}", target.bucket, target.prefix)
        };
        Ok(Bucket {
            store: Arc::new(store),
            prefix: target.prefix.clone(),
            location,
            redactor,
        })
    }

    fn key(&self, path: &str) -> Result<Key> {
        let full = if self.prefix.is_empty() {
            path.to_string()
        } else {
            format!("{}/{path}", self.prefix)
        };
        Key::parse(&full).map_err(|_| {
            Error::message(crate::msg!(
                "deploy-object-key",
                path = path.escape_debug().to_string()
            ))
        })
    }

    /// The one place errors of the service become messages: with the response body the service
    /// sent (it says why), cleaned of credentials.
    fn failed(&self, action: &str, path: &str, error: &object_store::Error) -> Error {
        let text = self.redactor.redact(&describe(error));
        let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
        // The entry (and so the hint) follows what the service's answer says.
        let message = if has(&["403", "AccessDenied", "Signature", "InvalidAccessKeyId"]) {
            crate::msg!("deploy-service-denied")
        } else if has(&["NoSuchBucket"]) {
            crate::msg!("deploy-service-no-bucket")
        } else if has(&[
            "error sending request",
            "onnection",
            "dns error",
            "timed out",
        ]) {
            crate::msg!("deploy-service-unreachable")
        } else {
            crate::msg!("deploy-service-failed")
        };
        Error::message(
            message
                .arg("action", action)
                .arg(
                    "what",
                    if path.is_empty() {
                        String::new()
                    } else {
                        format!(" `{path}`")
                    },
                )
                .arg("location", self.location.as_str())
                .arg("reason", text),
        )
    }

    async fn read_manifest(&self) -> Result<Option<Manifest>> {
        let key = self.key(MANIFEST)?;
        match self.store.get(&key).await {
            Ok(result) => {
                let bytes = result
                    .bytes()
                    .await
                    .map_err(|e| self.failed("read", MANIFEST, &e))?;
                Manifest::parse(&bytes).map(Some).ok_or_else(|| {
                    Error::message(crate::msg!(
                        "deploy-manifest-damaged",
                        file = MANIFEST,
                        location = self.location.as_str()
                    ))
                })
            }
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(self.failed("read", MANIFEST, &e)),
        }
    }

    async fn write_manifest(&self, manifest: &Manifest) -> Result<()> {
        let mut attributes = Attributes::new();
        attributes.insert(Attribute::ContentType, "application/json".into());
        attributes.insert(Attribute::CacheControl, "no-cache".into());
        let options = PutOptions {
            attributes,
            ..PutOptions::default()
        };
        self.store
            .put_opts(
                &self.key(MANIFEST)?,
                PutPayload::from(manifest.to_json()),
                options,
            )
            .await
            .map(|_| ())
            .map_err(|e| self.failed("write", MANIFEST, &e))
    }

    /// Size and ETag (when the listing gives it) of every object under the prefix.
    async fn listing(&self) -> Result<HashMap<String, (u64, Option<String>)>> {
        let prefix = (!self.prefix.is_empty())
            .then(|| self.key(""))
            .transpose()?;
        let objects: Vec<object_store::ObjectMeta> = self
            .store
            .list(prefix.as_ref())
            .try_collect()
            .await
            .map_err(|e| self.failed("list", "", &e))?;
        let skip = if self.prefix.is_empty() {
            0
        } else {
            self.prefix.len() + 1
        };
        Ok(objects
            .into_iter()
            .filter_map(|meta| {
                let path = meta.location.as_ref().get(skip..)?.to_string();
                Some((path, (meta.size, meta.e_tag.map(|e| normal_etag(&e)))))
            })
            .collect())
    }

    /// The ETag of one object, asked for on its own (some services list objects without).
    async fn etag(&self, path: &str) -> Result<Option<String>> {
        match self.store.head(&self.key(path)?).await {
            Ok(meta) => Ok(meta.e_tag.map(|e| normal_etag(&e))),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(self.failed("check", path, &e)),
        }
    }

    async fn upload(&self, output_dir: &Path, path: &str, target: &S3Target) -> Result<()> {
        let bytes = fs::read(&output_dir.join(path))?;
        let headers = media::headers(path, &target.cache_control);
        let mut attributes = Attributes::new();
        attributes.insert(Attribute::ContentType, headers.content_type.into());
        attributes.insert(Attribute::CacheControl, headers.cache_control.into());
        if let Some(encoding) = headers.content_encoding {
            attributes.insert(Attribute::ContentEncoding, encoding.into());
        }
        let options = PutOptions {
            attributes,
            ..PutOptions::default()
        };
        self.store
            .put_opts(&self.key(path)?, PutPayload::from(bytes), options)
            .await
            .map(|_| ())
            .map_err(|e| self.failed("upload", path, &e))
    }

    async fn delete(&self, path: &str) -> Result<()> {
        match self.store.delete(&self.key(path)?).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(self.failed("delete", path, &e)),
        }
    }
}

/// A short hash of the headers a file is uploaded with, recorded in the manifest.
fn headers_hash(path: &str, target: &S3Target) -> String {
    let h = media::headers(path, &target.cache_control);
    let text = format!(
        "{}\n{}\n{}",
        h.content_type,
        h.cache_control,
        h.content_encoding.unwrap_or("")
    );
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(text.as_bytes()))
}

fn md5_hex(bytes: &[u8]) -> String {
    use md5::Digest as _;
    md5::Md5::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn normal_etag(etag: &str) -> String {
    etag.trim_start_matches("W/")
        .trim_matches('"')
        .to_ascii_lowercase()
}

/// Drops from the plan the pending files an interrupted deploy already uploaded intact: same
/// size in the bucket's listing, and an ETag that is the MD5 of the file (as it is for objects
/// uploaded in one request). Returns how many.
async fn skip_arrived(
    bucket: &Bucket,
    remote: &Manifest,
    plan: &mut Plan,
    output_dir: &Path,
) -> Result<usize> {
    if remote.pending.is_empty() || plan.uploads.is_empty() {
        return Ok(0);
    }
    let listing = bucket.listing().await?;
    let candidates = plan.uploads.iter().filter_map(|u| {
        let (size, etag) = listing.get(&u.path)?;
        (remote.pending.contains(&u.path) && *size == u.size).then_some((&u.path, etag))
    });
    let arrived: HashSet<String> = stream::iter(candidates)
        .map(|(path, listed)| async move {
            let etag = match listed {
                Some(etag) => Some(etag.clone()),
                None => bucket.etag(path).await?,
            };
            let bytes = fs::read(&output_dir.join(path))?;
            Ok::<_, Error>((etag == Some(md5_hex(&bytes))).then(|| path.clone()))
        })
        .buffer_unordered(CONCURRENCY)
        .try_filter_map(|found| async move { Ok(found) })
        .try_collect()
        .await?;
    plan.uploads.retain(|u| !arrived.contains(&u.path));
    Ok(arrived.len())
}

pub(super) fn deploy(
    options: &DeployOptions,
    target: &S3Target,
    local: &[LocalFile],
    on_event: &dyn Fn(&DeployEvent),
) -> Result<DeployReport> {
    let started = Instant::now();
    let name = &options.target.name;
    let bucket = Bucket::open(name, target)?;
    // A file name that cannot be a key stops the deploy before anything is sent, not halfway.
    for file in local {
        bucket.key(&file.path)?;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| {
            Error::message(crate::msg!("deploy-threads-failed", reason = e.to_string()))
        })?;
    runtime.block_on(async {
        let remote = bucket.read_manifest().await?.unwrap_or_default();
        let mut plan = Plan::new(local, &remote, |path| headers_hash(path, target));
        let resumed = skip_arrived(&bucket, &remote, &mut plan, &options.output_dir).await?;
        on_event(&DeployEvent::Planned(&plan));
        let mut report = DeployReport {
            target: name.clone(),
            location: bucket.location.clone(),
            dry_run: options.dry_run,
            uploaded: plan.uploads.clone(),
            uploaded_bytes: plan.upload_bytes(),
            deleted: plan.deletions.clone(),
            unchanged: plan.unchanged,
            resumed,
            ..DeployReport::default()
        };
        if options.dry_run {
            report.elapsed = started.elapsed();
            return Ok(report);
        }
        if !plan.uploads.is_empty() {
            let mut intent = remote.clone();
            intent
                .pending
                .extend(plan.uploads.iter().map(|u| u.path.clone()));
            bucket.write_manifest(&intent).await?;
        }
        upload_all(&bucket, &plan, options, target, on_event).await?;
        delete_all(&bucket, &plan, on_event).await?;
        // Nothing is written when nothing changed: not even the manifest.
        let manifest = Manifest::of(local, |path| headers_hash(path, target));
        if manifest.files != remote.files || !remote.pending.is_empty() {
            bucket.write_manifest(&manifest).await?;
            report.changed = true;
        }
        report.changed |= !plan.is_empty();
        report.elapsed = started.elapsed();
        Ok(report)
    })
}

/// Uploads phase by phase; within a phase, several files at once.
async fn upload_all(
    bucket: &Bucket,
    plan: &Plan,
    options: &DeployOptions,
    target: &S3Target,
    on_event: &dyn Fn(&DeployEvent),
) -> Result<()> {
    let total = plan.uploads.len();
    let mut done = 0;
    for phase in [Phase::Asset, Phase::Page, Phase::Index] {
        let batch = plan.uploads.iter().filter(|u| u.phase == phase);
        let mut uploads = stream::iter(batch)
            .map(|u| async move {
                bucket
                    .upload(&options.output_dir, &u.path, target)
                    .await
                    .map(|()| u.path.as_str())
            })
            .buffer_unordered(CONCURRENCY);
        while let Some(result) = uploads.next().await {
            let path = result.map_err(|e| interrupted(e, done, total))?;
            done += 1;
            on_event(&DeployEvent::Uploaded { path, done, total });
        }
    }
    Ok(())
}

fn interrupted(error: Error, done: usize, total: usize) -> Error {
    let stopped = crate::msg!("deploy-interrupted", done = done, total = total);
    match error {
        Error::Message(first) => Error::Messages(vec![first, stopped]),
        Error::Messages(mut all) => {
            all.push(stopped);
            Error::Messages(all)
        }
        other => Error::Messages(vec![
            crate::msg!("deploy-upload-failed", reason = other.to_string()),
            stopped,
        ]),
    }
}

/// Deletes indexes, then pages, then assets, once everything new is in place.
async fn delete_all(bucket: &Bucket, plan: &Plan, on_event: &dyn Fn(&DeployEvent)) -> Result<()> {
    let total = plan.deletions.len();
    let mut done = 0;
    for phase in [Phase::Index, Phase::Page, Phase::Asset] {
        let batch = plan.deletions.iter().filter(|p| media::phase(p) == phase);
        let mut deletions = stream::iter(batch)
            .map(|path| async move { bucket.delete(path).await.map(|()| path.as_str()) })
            .buffer_unordered(CONCURRENCY);
        while let Some(result) = deletions.next().await {
            let path = result?;
            done += 1;
            on_event(&DeployEvent::Deleted { path, done, total });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn md5_is_the_etag_of_a_simple_upload() {
        assert_eq!(md5_hex(b""), "d41d8cd98f00b204e9800998ecf8427e");
    }
}
