//! Writers for the `extract` output: JSON (one document), JSONL (one result
//! per article, streamable), CSV (one row per event mention), a GDELT-style
//! TSV (one row per merged event), TimeML, and the timeline as SVG.
//!
//! The JSON schema is documented in the README and stable: later versions
//! only add fields.

pub mod csv;
pub mod gdelt;
pub mod json;
pub mod palette;
pub mod svg;
pub mod timeml;

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically: into a temporary file beside it,
/// flushed to disk, then renamed over the target, so a crash never leaves a
/// half-written file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    #[cfg(unix)]
    {
        // a temporary file is private (0600); the export is an ordinary file
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
