//! Writers for the `extract` output: JSON (one document), JSONL (one result
//! per article, streamable), CSV (one row per event mention), a GDELT-style
//! TSV (one row per merged event), GeoJSON (one point per located merged
//! event), TimeML, and the timeline as SVG.
//!
//! The JSON schema is documented in the README and stable: later versions
//! only add fields.

pub mod conllu;
pub mod csv;
pub mod gdelt;
pub mod geojson;
pub mod json;
pub mod palette;
pub mod svg;
pub mod timeml;

use std::borrow::Cow;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// The name temporary output files start with (`.tension-timeline-XXXXXX.tmp`),
/// so one left by a crash is recognisable.
pub const TEMP_PREFIX: &str = ".tension-timeline-";
/// The name temporary output files end with.
pub const TEMP_SUFFIX: &str = ".tmp";

/// Temporary files being written, removed by [`remove_temp_files_and_exit`]
/// when the process is interrupted. Holding the lock while a temporary file
/// is created, renamed or removed means a signal never finds one half-known.
static LIVE_TEMP_FILES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn live_temp_files() -> MutexGuard<'static, Vec<PathBuf>> {
    LIVE_TEMP_FILES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Removes every temporary output file still being written, then ends the
/// process with `code`. For a SIGINT or SIGTERM handler (exit 130 or 143):
/// an interrupted run leaves no partial file behind. No temporary file can be
/// created or renamed once this has started.
pub fn remove_temp_files_and_exit(code: i32) -> ! {
    let live = live_temp_files();
    for p in live.iter() {
        let _ = std::fs::remove_file(p);
    }
    std::process::exit(code)
}

/// Refuses to replace anything but a regular file (or nothing): `--out
/// /dev/null` as root must not replace the device, and a symbolic link is
/// not written through nor replaced. The error says what the path is.
pub fn check_replaceable(path: &Path) -> std::io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_file() => Ok(()),
        Ok(m) => Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!(
                "not a regular file ({}); only a regular file is replaced",
                crate::ingest::walk::kind_of(&m.file_type())
            ),
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// An output file written atomically: the bytes go to a temporary file
/// beside the target (`.tension-timeline-XXXXXX.tmp`), which [`commit`]
/// flushes to disk and renames over the target. Dropped without a commit (an
/// error), the temporary file is removed and the target stays as it was; on
/// SIGINT or SIGTERM, [`remove_temp_files_and_exit`] removes it.
///
/// [`commit`]: AtomicFile::commit
pub struct AtomicFile {
    target: PathBuf,
    tmp: Option<tempfile::NamedTempFile>,
}

impl AtomicFile {
    /// Starts writing `target`, which must be a regular file or not exist
    /// ([`check_replaceable`]).
    pub fn create(target: &Path) -> std::io::Result<AtomicFile> {
        check_replaceable(target)?;
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let mut live = live_temp_files();
        let tmp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .suffix(TEMP_SUFFIX)
            .rand_bytes(6)
            .tempfile_in(dir)?;
        live.push(tmp.path().to_path_buf());
        Ok(AtomicFile {
            target: target.to_path_buf(),
            tmp: Some(tmp),
        })
    }

    /// The path of the temporary file being written.
    pub fn temp_path(&self) -> Option<&Path> {
        self.tmp.as_ref().map(|t| t.path())
    }

    fn file(&mut self) -> std::io::Result<&mut File> {
        self.tmp
            .as_mut()
            .map(|t| t.as_file_mut())
            .ok_or_else(|| std::io::Error::other("the output file is already closed"))
    }

    /// Flushes the bytes to disk and renames the temporary file over the
    /// target, which is replaced only if it is (still) a regular file.
    pub fn commit(mut self) -> std::io::Result<()> {
        let target = self.target.clone();
        let file = self.file()?;
        #[cfg(unix)]
        {
            // a temporary file is private (0600); the export is an ordinary file
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&target).map_or(0o644, |m| m.permissions().mode() & 0o777);
            file.set_permissions(std::fs::Permissions::from_mode(mode))?;
        }
        file.sync_all()?;
        check_replaceable(&target)?;
        let mut live = live_temp_files();
        let tmp = self.tmp.take().expect("checked by file()");
        let tmp_path = tmp.path().to_path_buf();
        let result = tmp.persist(&target).map(|_| ()).map_err(|e| e.error);
        // on failure the temporary file was dropped (removed) by persist's error
        live.retain(|p| *p != tmp_path);
        result
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file()?.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file()?.flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if let Some(tmp) = self.tmp.take() {
            let mut live = live_temp_files();
            let path = tmp.path().to_path_buf();
            drop(tmp);
            live.retain(|p| *p != path);
        }
    }
}

/// Writes `bytes` to `path` atomically ([`AtomicFile`]): into a temporary
/// file beside it, flushed to disk, then renamed over the target, so a crash
/// never leaves a half-written file. A target that exists and is not a
/// regular file (a device, a FIFO, a symbolic link, a folder) is refused and
/// left alone.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = AtomicFile::create(path)?;
    f.write_all(bytes)?;
    f.commit()
}

/// A text cell as a spreadsheet should show it: a cell that begins with
/// `=`, `+`, `-`, `@`, a tab or a carriage return (a formula to Excel,
/// LibreOffice or Google Sheets: CSV injection, as OWASP describes it) gets a
/// leading `'`, so it is shown as text. For text columns only: numbers we
/// write ourselves (a score of `-3`) stay numbers.
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_files_in(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(TEMP_PREFIX))
            .collect()
    }

    #[test]
    fn a_regular_file_is_replaced_and_nothing_is_left_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.csv");
        std::fs::write(&p, "old").unwrap();
        write_atomic(&p, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
        assert!(temp_files_in(dir.path()).is_empty());
        // dropped before its commit: the target is untouched, the temporary
        // file (named recognisably) is gone and forgotten
        let mut f = AtomicFile::create(&p).unwrap();
        f.write_all(b"partial").unwrap();
        let name = f
            .temp_path()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(
            name.starts_with(".tension-timeline-") && name.ends_with(".tmp"),
            "{name}"
        );
        assert_eq!(name.len(), ".tension-timeline-".len() + 6 + ".tmp".len());
        assert_eq!(temp_files_in(dir.path()).len(), 1);
        drop(f);
        assert!(temp_files_in(dir.path()).is_empty());
        assert!(!live_temp_files().iter().any(|l| l.starts_with(dir.path())));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
    }

    #[cfg(unix)]
    #[test]
    fn devices_fifos_links_and_folders_are_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("real.csv"), "kept").unwrap();
        std::os::unix::fs::symlink(d.join("real.csv"), d.join("link.csv")).unwrap();
        let fifo =
            std::ffi::CString::new(d.join("fifo.csv").as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
        for (name, kind) in [
            ("link.csv", "a symbolic link"),
            ("fifo.csv", "a FIFO"),
            (".", "a directory"),
        ] {
            let e = write_atomic(&d.join(name), b"x").unwrap_err();
            assert_eq!(
                e.to_string(),
                format!("not a regular file ({kind}); only a regular file is replaced")
            );
        }
        let e = write_atomic(Path::new("/dev/null"), b"x").unwrap_err();
        assert!(e.to_string().contains("a character device"), "{e}");
        use std::os::unix::fs::FileTypeExt;
        assert!(
            std::fs::symlink_metadata("/dev/null")
                .unwrap()
                .file_type()
                .is_char_device()
        );
        assert!(
            std::fs::symlink_metadata(d.join("link.csv"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(d.join("real.csv")).unwrap(), "kept");
        assert!(temp_files_in(d).is_empty());
    }

    #[test]
    fn formula_cells_are_neutralised() {
        for (cell, safe) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+1", "'+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("Russia warned", "Russia warned"),
            ("", ""),
        ] {
            assert_eq!(spreadsheet_safe(cell), safe);
        }
    }
}
