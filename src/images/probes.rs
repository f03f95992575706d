//! What was read of each original (its size as shown, format and the hash of its bytes), kept
//! in `.potline/cache/images/originals` under the file's size and modification time: a build
//! then learns that a 20 MB photo is unchanged from one `stat`, without reading it again. (As
//! for the output manifest, a file rewritten with the same size within the same clock tick
//! would be missed; deleting the cache folder reads everything again.)

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::{FileStamp, Format, KnownProbe, Probe};

/// The index file, in the cache folder.
const INDEX: &str = "originals";

fn nanos(time: SystemTime) -> Option<u128> {
    Some(time.duration_since(UNIX_EPOCH).ok()?.as_nanos())
}

fn parse(line: &str) -> Option<(PathBuf, KnownProbe)> {
    let mut parts = line.splitn(7, ' ');
    let len = parts.next()?.parse().ok()?;
    let time: u64 = parts.next()?.parse().ok()?;
    let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
    let width = parts.next()?.parse().ok()?;
    let height = parts.next()?.parse().ok()?;
    let format = Format::from_name(parts.next()?)?;
    let path = PathBuf::from(parts.next()?);
    let stamp = (len, UNIX_EPOCH + Duration::from_nanos(time));
    let probe = Probe {
        width,
        height,
        format,
        hash,
    };
    Some((path, (stamp, Ok(probe))))
}

/// The probes kept in `cache_dir`, or none if there is no readable index.
pub(super) fn load(cache_dir: &Path) -> HashMap<PathBuf, KnownProbe> {
    std::fs::read_to_string(cache_dir.join(INDEX))
        .map(|text| text.lines().filter_map(parse).collect())
        .unwrap_or_default()
}

fn line(path: &Path, stamp: &FileStamp, probe: &Probe) -> Option<String> {
    let path = path.to_str().filter(|p| !p.contains('\n'))?;
    let time = u64::try_from(nanos(stamp.1)?).ok()?;
    Some(format!(
        "{} {time} {:016x} {} {} {} {path}\n",
        stamp.0,
        probe.hash,
        probe.width,
        probe.height,
        probe.format.extension()
    ))
}

/// Writes the probes that succeeded; the cache is only an optimisation, so failing to write it
/// is not an error.
pub(super) fn save(cache_dir: &Path, probes: &HashMap<PathBuf, KnownProbe>) {
    let mut lines: Vec<String> = probes
        .iter()
        .filter_map(|(path, (stamp, probe))| line(path, stamp, probe.as_ref().ok()?))
        .collect();
    lines.sort_unstable();
    let partial = cache_dir.join(format!("{INDEX}.part-{}", std::process::id()));
    if std::fs::create_dir_all(cache_dir).is_ok()
        && std::fs::write(&partial, lines.concat()).is_ok()
    {
        let _ = std::fs::rename(&partial, cache_dir.join(INDEX));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probes_survive_a_round_trip() {
        let dir = tempfile::tempdir().expect("temp");
        let stamp = (
            1234,
            UNIX_EPOCH + Duration::from_nanos(1_700_000_000_123_456_789),
        );
        let probe = Probe {
            width: 4000,
            height: 3000,
            format: Format::Jpeg,
            hash: 0xdead_beef,
        };
        let mut probes = HashMap::new();
        probes.insert(
            PathBuf::from("/site/content/a b/photo.jpg"),
            (stamp, Ok(probe)),
        );
        probes.insert(
            PathBuf::from("/site/broken.png"),
            (stamp, Err(crate::msg!("image-no-pixels"))),
        );
        save(dir.path(), &probes);
        let loaded = load(dir.path());
        assert_eq!(loaded.len(), 1);
        assert_eq!(
            loaded[Path::new("/site/content/a b/photo.jpg")],
            (stamp, Ok(probe))
        );
    }
}
