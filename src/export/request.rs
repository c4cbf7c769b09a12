//! An export asked for from the TUI (`e`): what is on screen, in the format and at the path the
//! user chose, and how that path is resolved: `~/…` is the home directory; a relative path goes
//! to `$XDG_DOWNLOAD_DIR` when it is set, else the directory coffre was started in (never the
//! hidden data directory). The file is created `0600` ([`super::output`]) and an existing file
//! is never overwritten: the user picks another name and loses nothing.

use std::path::{Path, PathBuf};

use super::{Dialect, ExportData, ExportSource, Format};
use crate::domain::AccountId;

/// One export from the TUI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRequest {
    /// The file format.
    pub format: Format,
    /// The CSV dialect (CSV only).
    pub dialect: Dialect,
    /// The path as the user typed it (see [`resolve`]).
    pub path: PathBuf,
    /// Only this account's transactions (the view's account filter).
    pub account: Option<AccountId>,
    /// Only these transactions (id keys), in this order: the rows on screen after the search,
    /// the filters and the sort. `None`: everything in the store (or in `account`).
    pub only: Option<Vec<String>>,
}

/// Where a typed path points: `~/x` under `home`, a relative path under `downloads` (the
/// environment's `XDG_DOWNLOAD_DIR`) when given, else under `cwd`.
pub fn resolve(typed: &Path, downloads: Option<&Path>, cwd: &Path, home: Option<&Path>) -> PathBuf {
    if let (Ok(rest), Some(home)) = (typed.strip_prefix("~"), home) {
        return home.join(rest);
    }
    if typed.is_absolute() {
        return typed.to_path_buf();
    }
    downloads.unwrap_or(cwd).join(typed)
}

/// [`resolve`] with this process's environment.
pub fn resolve_here(typed: &Path) -> PathBuf {
    let downloads = std::env::var_os("XDG_DOWNLOAD_DIR")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from);
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    resolve(
        typed,
        downloads.as_deref(),
        &cwd,
        dirs::home_dir().as_deref(),
    )
}

impl ExportData {
    /// Keeps the transactions whose id keys are in `ids`, in the order of `ids`.
    pub fn select(&mut self, ids: &[String]) {
        let mut by_key: std::collections::HashMap<&str, usize> = self
            .transactions
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.key(), i))
            .collect();
        let order: Vec<usize> = ids
            .iter()
            .filter_map(|id| by_key.remove(id.as_str()))
            .collect();
        let mut slots: Vec<_> = std::mem::take(&mut self.transactions)
            .into_iter()
            .map(Some)
            .collect();
        self.transactions = order.into_iter().filter_map(|i| slots[i].take()).collect();
    }
}

/// Writes the export `request` asks for from `data` (already loaded for its account, in
/// memory); returns how many transactions it holds.
pub fn write_request(
    request: &ExportRequest,
    mut data: ExportData,
    target: &Path,
) -> Result<usize, String> {
    if let Some(ids) = &request.only {
        data.select(ids);
    }
    write_source(request, &data, target)
}

/// Writes `data` as `request` says to `target`, streamed (never over an existing file);
/// returns how many transactions it holds.
pub fn write_source(
    request: &ExportRequest,
    data: &dyn ExportSource,
    target: &Path,
) -> Result<usize, String> {
    if target.exists() {
        return Err(format!(
            "{} already exists: choose another name",
            target.display()
        ));
    }
    super::output::write_private_with(target, &mut |out| {
        super::write_with(request.format, request.dialect, data, out)
    })
    .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    data.count().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_path_goes_to_downloads_else_the_current_folder() {
        let (cwd, home) = (Path::new("/work"), Some(Path::new("/home/c")));
        let dl = Some(Path::new("/home/c/Téléchargements"));
        let name = Path::new("coffre.csv");
        assert_eq!(
            resolve(name, dl, cwd, home),
            Path::new("/home/c/Téléchargements/coffre.csv")
        );
        assert_eq!(
            resolve(name, None, cwd, home),
            Path::new("/work/coffre.csv")
        );
        assert_eq!(
            resolve(Path::new("~/x.ofx"), dl, cwd, home),
            Path::new("/home/c/x.ofx")
        );
        assert_eq!(
            resolve(Path::new("/tmp/a.csv"), dl, cwd, home),
            Path::new("/tmp/a.csv")
        );
    }
}
