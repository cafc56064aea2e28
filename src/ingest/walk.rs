//! Which files to read: the paths the user gave, folders walked, and every
//! file opened safely.
//!
//! [`expand_paths_with`] turns files and folders into the list of files to
//! read. A folder walk reads only regular files with a supported extension,
//! skips hidden entries and, unless [`WalkOptions::follow_links`] is set (the
//! CLI's `--follow`, as ripgrep's), symbolic links: a `leak.txt ->
//! /etc/passwd` dropped into a folder is not read. When links are followed,
//! every directory and file is visited once, by its (device, inode), so
//! `s1 -> .` or `sub -> ..` neither loops nor reads a file twice. A path
//! named explicitly may be a symbolic link (the user chose it) but must lead
//! to a regular file or a folder.
//!
//! [`open_regular`] opens a file for reading only if it is a regular file:
//! the type is checked before opening, the file is opened non-blocking (a
//! FIFO cannot hang the load) and the opened file's type is checked again,
//! so a file swapped between the two checks is refused too.

use super::{EXTENSIONS, IngestError};
use std::collections::HashSet;
use std::fs::{File, FileType, Metadata};
use std::path::{Path, PathBuf};

/// How folders are walked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WalkOptions {
    /// Follow symbolic links found inside folders (`--follow`). Off by
    /// default: links inside folders are skipped.
    pub follow_links: bool,
}

/// A file's identity on its file system, to visit it once: its (device,
/// inode) on Unix.
#[cfg(unix)]
type FileId = (u64, u64);

/// A file's identity, to visit it once: its canonical path elsewhere.
#[cfg(not(unix))]
type FileId = PathBuf;

#[cfg(unix)]
fn file_id(_: &Path, m: &Metadata) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    Some((m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_id(p: &Path, _: &Metadata) -> Option<FileId> {
    std::fs::canonicalize(p).ok()
}

/// What a file that is not a regular file is, for messages
/// ("not a regular file (a FIFO)").
pub fn kind_of(ft: &FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_char_device() {
            return "a character device";
        }
        if ft.is_block_device() {
            return "a block device";
        }
    }
    if ft.is_dir() {
        "a directory"
    } else if ft.is_symlink() {
        "a symbolic link"
    } else if ft.is_file() {
        "a regular file"
    } else {
        "of an unknown type"
    }
}

fn io_error(path: &Path, source: std::io::Error) -> IngestError {
    let path = path.to_string_lossy().into_owned();
    if source.kind() == std::io::ErrorKind::NotFound {
        IngestError::NotFound { path }
    } else {
        IngestError::Io { path, source }
    }
}

fn not_regular(path: &Path, ft: &FileType) -> IngestError {
    IngestError::NotRegular {
        path: path.to_string_lossy().into_owned(),
        kind: kind_of(ft),
    }
}

/// A file to read, as [`expand_paths_with`] lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedFile {
    /// The path as given or found.
    pub path: PathBuf,
    /// Whether the path may be a symbolic link: true for a path named
    /// explicitly and for files of a walk that follows links; false for
    /// files of a walk that does not, which are then opened without
    /// following a link (one swapped in after the listing is refused).
    pub may_be_link: bool,
}

/// Opens `path` for reading if it leads to a regular file (symbolic links
/// are followed: the caller decided the path may be read).
///
/// A FIFO, socket, device or directory gives [`IngestError::NotRegular`]
/// without blocking: the type is checked before opening, the file is opened
/// with `O_NONBLOCK` on Unix, and the opened file is checked again.
pub fn open_regular(path: &Path) -> Result<File, IngestError> {
    open_listed(&ListedFile {
        path: path.to_path_buf(),
        may_be_link: true,
    })
}

/// [`open_regular`] for a listed file: one that may not be a link is
/// opened with `O_NOFOLLOW` on Unix, and a link there is refused as
/// "not a regular file (a symbolic link)".
pub fn open_listed(file: &ListedFile) -> Result<File, IngestError> {
    let path = file.path.as_path();
    let before = if file.may_be_link {
        std::fs::metadata(path)
    } else {
        std::fs::symlink_metadata(path)
    }
    .map_err(|e| io_error(path, e))?;
    if !before.is_file() {
        return Err(not_regular(path, &before.file_type()));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // a FIFO put in the file's place after the check cannot block the
        // open (reading a regular file ignores the flag), and a link put
        // there cannot be followed
        let nofollow = if file.may_be_link {
            0
        } else {
            libc::O_NOFOLLOW
        };
        options.custom_flags(libc::O_NONBLOCK | nofollow);
    }
    let opened = options.open(path).map_err(|e| {
        #[cfg(unix)]
        if !file.may_be_link && e.raw_os_error() == Some(libc::ELOOP) {
            return IngestError::NotRegular {
                path: path.to_string_lossy().into_owned(),
                kind: "a symbolic link",
            };
        }
        io_error(path, e)
    })?;
    let after = opened.metadata().map_err(|e| io_error(path, e))?;
    if !after.is_file() {
        return Err(not_regular(path, &after.file_type()));
    }
    Ok(opened)
}

/// Files to read for the given paths: files as given (they must be regular
/// files; symbolic links named explicitly are followed), directories walked
/// recursively as [`WalkOptions`] says (sorted, hidden entries skipped,
/// supported extensions only, regular files only). Errors (a path that does
/// not exist, a FIFO, an unreadable folder) are returned in order.
pub fn expand_paths_with(
    paths: &[PathBuf],
    options: &WalkOptions,
) -> Vec<Result<ListedFile, IngestError>> {
    let mut walker = Walker {
        options: *options,
        seen_dirs: HashSet::new(),
        seen_files: HashSet::new(),
        out: Vec::new(),
    };
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walker.walk(p, &m),
            Ok(m) if m.is_file() => walker.out.push(Ok(ListedFile {
                path: p.clone(),
                may_be_link: true,
            })),
            Ok(m) => walker.out.push(Err(not_regular(p, &m.file_type()))),
            Err(e) => walker.out.push(Err(io_error(p, e))),
        }
    }
    walker.out
}

/// One expansion's state: what has been visited, what was found.
struct Walker {
    options: WalkOptions,
    /// Directories already walked, so a link loop ends and no folder is
    /// read twice.
    seen_dirs: HashSet<FileId>,
    /// Files already listed through a followed link (only when following).
    seen_files: HashSet<FileId>,
    out: Vec<Result<ListedFile, IngestError>>,
}

impl Walker {
    /// Walks `root` (whose metadata is `meta`) depth-first, entries sorted
    /// by name, with an explicit stack so a deep tree cannot overflow the
    /// call stack.
    fn walk(&mut self, root: &Path, meta: &Metadata) {
        if !self.first_visit_of_dir(root, meta) {
            return;
        }
        let mut stack: Vec<std::vec::IntoIter<PathBuf>> = Vec::new();
        if let Some(entries) = self.list(root) {
            stack.push(entries);
        }
        while let Some(top) = stack.last_mut() {
            let Some(p) = top.next() else {
                stack.pop();
                continue;
            };
            if let Some(dir) = self.visit(&p)
                && let Some(entries) = self.list(&dir)
            {
                stack.push(entries);
            }
        }
    }

    /// Records a directory; false if it was walked already.
    fn first_visit_of_dir(&mut self, p: &Path, meta: &Metadata) -> bool {
        file_id(p, meta).is_none_or(|id| self.seen_dirs.insert(id))
    }

    /// The sorted, non-hidden entries of `dir`, or `None` after recording
    /// why it could not be read.
    fn list(&mut self, dir: &Path) -> Option<std::vec::IntoIter<PathBuf>> {
        match std::fs::read_dir(dir) {
            Ok(rd) => {
                let mut paths: Vec<PathBuf> = rd
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| {
                        !p.file_name()
                            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                    })
                    .collect();
                paths.sort();
                Some(paths.into_iter())
            }
            Err(e) => {
                self.out.push(Err(io_error(dir, e)));
                None
            }
        }
    }

    /// Deals with one entry of a walked folder: lists it if it is a file to
    /// read, or returns it if it is a folder to walk.
    fn visit(&mut self, p: &Path) -> Option<PathBuf> {
        let own = match std::fs::symlink_metadata(p) {
            Ok(m) => m,
            // removed since the folder was listed
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
            Err(e) => {
                self.out.push(Err(io_error(p, e)));
                return None;
            }
        };
        let is_link = own.file_type().is_symlink();
        let meta = if is_link {
            if !self.options.follow_links {
                return None;
            }
            match std::fs::metadata(p) {
                Ok(m) => m,
                // a dangling link or a loop of links (`a -> b`, `b -> a`)
                Err(e) => {
                    self.out.push(Err(io_error(p, e)));
                    return None;
                }
            }
        } else {
            own
        };
        if meta.is_dir() {
            return self.first_visit_of_dir(p, &meta).then(|| p.to_path_buf());
        }
        if !has_supported_extension(p) {
            return None;
        }
        if !meta.is_file() {
            self.out.push(Err(not_regular(p, &meta.file_type())));
            return None;
        }
        if self.options.follow_links
            && let Some(id) = file_id(p, &meta)
            && !self.seen_files.insert(id)
        {
            return None;
        }
        self.out.push(Ok(ListedFile {
            path: p.to_path_buf(),
            may_be_link: self.options.follow_links,
        }));
        None
    }
}

fn has_supported_extension(p: &Path) -> bool {
    p.extension()
        .is_some_and(|e| EXTENSIONS.contains(&e.to_string_lossy().to_ascii_lowercase().as_str()))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn listed(paths: &[PathBuf], follow: bool) -> (Vec<String>, Vec<String>) {
        let mut ok = Vec::new();
        let mut errs = Vec::new();
        for r in expand_paths_with(
            paths,
            &WalkOptions {
                follow_links: follow,
            },
        ) {
            match r {
                Ok(f) => ok.push(f.path.to_string_lossy().into_owned()),
                Err(e) => errs.push(e.to_string()),
            }
        }
        (ok, errs)
    }

    fn mkfifo(p: &Path) {
        let c = std::ffi::CString::new(p.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    }

    #[test]
    fn links_inside_folders_are_skipped_unless_followed() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("a.txt"), "A").unwrap();
        symlink("/etc/passwd", d.join("leak.txt")).unwrap();
        symlink(d.join("a.txt"), d.join("b.txt")).unwrap();
        let (ok, errs) = listed(&[d.to_path_buf()], false);
        assert_eq!(ok, vec![d.join("a.txt").to_string_lossy()]);
        assert!(errs.is_empty(), "{errs:?}");
        // followed: the outside file is read, the link to a.txt is a.txt again
        let (ok, errs) = listed(&[d.to_path_buf()], true);
        assert_eq!(
            ok,
            vec![
                d.join("a.txt").to_string_lossy().into_owned(),
                d.join("leak.txt").to_string_lossy().into_owned()
            ]
        );
        assert!(errs.is_empty(), "{errs:?}");
    }

    #[test]
    fn link_loops_end_and_every_file_is_listed_once() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("sub")).unwrap();
        std::fs::write(d.join("a.txt"), "A").unwrap();
        std::fs::write(d.join("sub/b.txt"), "B").unwrap();
        symlink(".", d.join("s1")).unwrap();
        symlink("..", d.join("sub/up")).unwrap();
        symlink("self.txt", d.join("self.txt")).unwrap();
        symlink("y.md", d.join("x.md")).unwrap();
        symlink("x.md", d.join("y.md")).unwrap();
        let (ok, errs) = listed(&[d.to_path_buf()], true);
        assert_eq!(
            ok,
            vec![
                d.join("a.txt").to_string_lossy().into_owned(),
                d.join("sub/b.txt").to_string_lossy().into_owned()
            ]
        );
        // the self-links are reported (they lead nowhere), not followed
        assert_eq!(errs.len(), 3, "{errs:?}");
        assert!(
            errs.iter().all(|e| e.contains("symbolic links")),
            "{errs:?}"
        );
        // unfollowed, the links are skipped without a word
        let (ok, errs) = listed(&[d.to_path_buf()], false);
        assert_eq!(ok.len(), 2);
        assert!(errs.is_empty(), "{errs:?}");
    }

    #[test]
    fn a_link_swapped_in_after_an_unfollowed_walk_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("a.txt"), "A").unwrap();
        let listed = expand_paths_with(&[d.to_path_buf()], &WalkOptions::default());
        let [Ok(file)] = listed.as_slice() else {
            panic!("{listed:?}")
        };
        assert!(!file.may_be_link);
        assert!(open_listed(file).is_ok());
        std::fs::remove_file(d.join("a.txt")).unwrap();
        symlink("/etc/passwd", d.join("a.txt")).unwrap();
        let e = open_listed(file).unwrap_err();
        assert!(
            e.to_string()
                .ends_with("a.txt: not a regular file (a symbolic link)"),
            "{e}"
        );
        // named explicitly, the same path may be a link
        assert!(open_regular(&d.join("a.txt")).is_ok());
    }

    #[test]
    fn fifos_and_devices_are_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        mkfifo(&d.join("pipe.txt"));
        symlink("/dev/zero", d.join("zero.txt")).unwrap();
        let (ok, errs) = listed(&[d.to_path_buf()], true);
        assert!(ok.is_empty(), "{ok:?}");
        assert_eq!(
            errs,
            vec![
                format!(
                    "{}: not a regular file (a FIFO)",
                    d.join("pipe.txt").display()
                ),
                format!(
                    "{}: not a regular file (a character device)",
                    d.join("zero.txt").display()
                ),
            ]
        );
        // named explicitly: refused too, before and at the opening
        let (ok, errs) = listed(&[d.join("pipe.txt"), d.join("zero.txt")], false);
        assert!(ok.is_empty());
        assert_eq!(errs.len(), 2);
        let e = open_regular(&d.join("pipe.txt")).unwrap_err();
        assert!(
            matches!(e, IngestError::NotRegular { kind: "a FIFO", .. }),
            "{e}"
        );
        let e = open_regular(Path::new("/dev/null")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "/dev/null: not a regular file (a character device)"
        );
        let e = open_regular(d).unwrap_err();
        assert!(e.to_string().ends_with("not a regular file (a directory)"));
    }
}
