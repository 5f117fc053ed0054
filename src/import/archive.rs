//! Reading an upload safely: its size against the limit, zips without trusting their
//! headers (names that climb out with `..` or start at the root are refused, and reading
//! stops as soon as the expanded bytes pass the limit, so a zip bomb costs nothing), and
//! text that must be UTF-8.

use std::io::{Cursor, Read};
use std::path::{Component, Path};

use chrono::{NaiveDate, NaiveDateTime};

use super::refused;
use crate::error::AppResult;

/// The most files a zip may hold.
pub const MAX_FILES: usize = 100_000;

/// One text file from an upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Its path inside the upload (or its file name).
    pub name: String,
    /// Its text.
    pub text: String,
    /// When it was last changed, if known.
    pub modified: Option<NaiveDateTime>,
}

/// What an upload holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    /// Its name, for messages.
    pub name: String,
    /// Its text files (one for a plain file).
    pub files: Vec<SourceFile>,
    /// Files that are not text (photos), by path.
    pub binary: Vec<String>,
}

fn is_text_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".json", ".md", ".markdown", ".txt"]
        .iter()
        .any(|extension| lower.ends_with(extension))
}

/// Decodes text, naming the file and where the first bad byte is.
pub fn utf8(name: &str, bytes: Vec<u8>) -> AppResult<String> {
    String::from_utf8(bytes).map_err(|error| {
        refused(format!(
            "{name} is not UTF-8 text (the first bad byte is at position {}); save it as UTF-8 and try again.",
            error.utf8_error().valid_up_to()
        ))
    })
}

/// Reads an uploaded file of `bytes` (a zip or one text file), refusing it when it is over
/// `max_bytes` or expands past it.
pub fn read_upload(
    name: &str,
    bytes: &[u8],
    modified: Option<NaiveDateTime>,
    max_bytes: u64,
) -> AppResult<Upload> {
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(name, max_bytes));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return read_zip(name, bytes, max_bytes);
    }
    Ok(Upload {
        name: name.to_string(),
        files: vec![SourceFile {
            name: name.to_string(),
            text: utf8(name, bytes.to_vec())?,
            modified,
        }],
        binary: Vec::new(),
    })
}

fn too_large(name: &str, max_bytes: u64) -> crate::error::AppError {
    refused(format!(
        "{name} is larger than the import limit of {} MB.",
        max_bytes / 1_000_000
    ))
}

/// Whether a path stays inside the folder it is unpacked into.
pub fn stays_inside(path: &str) -> bool {
    !path.contains('\\')
        && Path::new(path)
            .components()
            .all(|component| matches!(component, Component::Normal(_) | Component::CurDir))
}

fn read_zip(name: &str, bytes: &[u8], max_bytes: u64) -> AppResult<Upload> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|error| refused(format!("{name} is not a readable zip ({error}).")))?;
    if archive.len() > MAX_FILES {
        return Err(refused(format!(
            "{name} holds {} files; an import takes at most {MAX_FILES}.",
            archive.len()
        )));
    }
    let mut upload = Upload {
        name: name.to_string(),
        files: Vec::new(),
        binary: Vec::new(),
    };
    let mut expanded: u64 = 0;
    for index in 0..archive.len() {
        let mut file = archive
            .by_index(index)
            .map_err(|error| refused(format!("{name}: file {index} cannot be read ({error}).")))?;
        let path = file
            .name()
            .map_err(|error| {
                refused(format!(
                    "{name}: file {index} has an unreadable name ({error})."
                ))
            })?
            .into_owned();
        if !stays_inside(&path) {
            return Err(refused(format!(
                "{name} holds a file named {path:?}, which points outside the archive; nothing was imported."
            )));
        }
        if file.is_dir() {
            continue;
        }
        if !is_text_name(&path) {
            upload.binary.push(path);
            continue;
        }
        let allowance = max_bytes.saturating_sub(expanded);
        let mut contents = Vec::new();
        (&mut file)
            .take(allowance + 1)
            .read_to_end(&mut contents)
            .map_err(|error| refused(format!("{name}: {path} cannot be read ({error}).")))?;
        expanded += contents.len() as u64;
        if expanded > max_bytes {
            return Err(refused(format!(
                "{name} expands to more than the import limit of {} MB; nothing was imported.",
                max_bytes / 1_000_000
            )));
        }
        let modified = file.last_modified().and_then(|at| {
            NaiveDate::from_ymd_opt(at.year().into(), at.month().into(), at.day().into())?
                .and_hms_opt(at.hour().into(), at.minute().into(), at.second().into())
        });
        upload.files.push(SourceFile {
            text: utf8(&format!("{name}: {path}"), contents)?,
            name: path,
            modified,
        });
    }
    Ok(upload)
}

/// Reads the Markdown files of a folder (and its subfolders), as `praxis import` does
/// for a folder.
pub fn read_folder(folder: &Path, max_bytes: u64) -> AppResult<Upload> {
    let mut upload = Upload {
        name: folder.display().to_string(),
        files: Vec::new(),
        binary: Vec::new(),
    };
    let mut pending = vec![folder.to_path_buf()];
    let mut total: u64 = 0;
    while let Some(dir) = pending.pop() {
        for item in std::fs::read_dir(&dir)? {
            let path = item?.path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            let relative = path
                .strip_prefix(folder)
                .unwrap_or(&path)
                .to_string_lossy()
                .into_owned();
            if !is_text_name(&relative) {
                upload.binary.push(relative);
                continue;
            }
            let metadata = std::fs::metadata(&path)?;
            total += metadata.len();
            if total > max_bytes {
                return Err(too_large(&upload.name, max_bytes));
            }
            let modified = metadata
                .modified()
                .ok()
                .map(|at| chrono::DateTime::<chrono::Utc>::from(at).naive_utc());
            upload.files.push(SourceFile {
                text: utf8(&relative, std::fs::read(&path)?)?,
                name: relative,
                modified,
            });
        }
    }
    upload.files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(upload)
}

#[cfg(test)]
mod tests {
    use super::stays_inside;
    use proptest::prelude::*;

    #[test]
    fn names_that_climb_out_or_start_at_the_root_are_caught() {
        for name in [
            "../x.md",
            "a/../../x.md",
            "/etc/passwd",
            "a\\..\\x.md",
            "a/..",
        ] {
            assert!(!stays_inside(name), "{name}");
        }
        for name in ["x.md", "notes/2024/x.md", "./x.md", "a..b.md"] {
            assert!(stays_inside(name), "{name}");
        }
    }

    proptest! {
        #[test]
        fn a_parent_step_anywhere_is_refused(
            before in proptest::collection::vec("[a-z.]{1,6}", 0..4),
            after in proptest::collection::vec("[a-z]{1,6}", 0..4),
        ) {
            let mut parts = before.clone();
            parts.push("..".to_string());
            parts.extend(after);
            prop_assert!(!stays_inside(&parts.join("/")));
        }
    }
}
