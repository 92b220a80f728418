//! The Debian package's metadata and desktop entry, as `scripts/package-deb.sh` packs them:
//! Cargo.toml's `[package.metadata.deb]`, `packaging/pobratim.desktop`, the icons, and the
//! licences of what the binary carries built in. The desktop entry is checked by
//! freedesktop's own `desktop-file-validate` (Debian's desktop-file-utils, which `.ci/run`
//! installs): the test never skips, it fails and says what to install.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `[package.metadata.deb]` of Cargo.toml.
fn deb() -> toml::Table {
    let manifest: toml::Table = read("Cargo.toml").parse().expect("Cargo.toml parses");
    manifest["package"]["metadata"]["deb"].as_table().expect("[package.metadata.deb]").clone()
}

fn strings(value: &toml::Value) -> Vec<String> {
    value.as_array().expect("a list").iter().map(|v| v.as_str().expect("a string").to_owned()).collect()
}

/// The package's assets as (source, destination, mode).
fn assets() -> Vec<(String, String, String)> {
    deb()["assets"]
        .as_array()
        .expect("assets is a list")
        .iter()
        .map(|a| {
            let a = strings(a);
            assert_eq!(a.len(), 3, "an asset is [source, destination, mode]: {a:?}");
            (a[0].clone(), a[1].clone(), a[2].clone())
        })
        .collect()
}

/// Where `file` (a path in the tree) lands in the installed system.
fn installed_as(file: &str) -> Option<String> {
    assets().into_iter().find_map(|(src, dest, _)| {
        let name = Path::new(file).file_name()?.to_str()?;
        let matches = src == file || (src.ends_with("/*") && Path::new(file).parent() == Path::new(&src).parent());
        matches.then(|| format!("/{dest}{name}"))
    })
}

/// The desktop entry's keys, in its one group.
fn desktop_entry() -> BTreeMap<String, String> {
    let text = read("packaging/pobratim.desktop");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("[Desktop Entry]"));
    lines
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (k, v) = l.split_once('=').unwrap_or_else(|| panic!("not key=value: {l}"));
            (k.to_owned(), v.to_owned())
        })
        .collect()
}

#[test]
fn the_desktop_entry_passes_desktop_file_validate() {
    let path = root().join("packaging/pobratim.desktop");
    let out = Command::new("desktop-file-validate").arg(&path).output().unwrap_or_else(|e| {
        panic!("desktop-file-validate cannot run ({e}): install it with `apt-get install desktop-file-utils`")
    });
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success() && said.trim().is_empty(), "desktop-file-validate: {said}");
}

#[test]
fn the_desktop_entry_starts_the_installed_program_from_the_office_menu_in_both_languages() {
    let entry = desktop_entry();
    assert_eq!(entry["Type"], "Application");
    assert_eq!(entry["Name"], "Pobratim");
    assert_eq!(entry["Name[ru]"], "Побратим");
    for key in ["GenericName", "GenericName[ru]", "Comment", "Comment[ru]", "Keywords", "Keywords[ru]"] {
        assert!(entry.get(key).is_some_and(|v| !v.is_empty()), "{key} is missing");
    }
    assert!(entry["Categories"].split(';').any(|c| c == "Office"), "the Office menu: {}", entry["Categories"]);
    assert_eq!(entry["Terminal"], "false");
    // Exec runs the binary the package installs, by the name Cargo builds it under.
    assert_eq!(entry["Exec"], env!("CARGO_PKG_NAME"));
    assert_eq!(installed_as("target/release/pobratim").as_deref(), Some("/usr/bin/pobratim"));
    assert_eq!(installed_as("packaging/pobratim.desktop").as_deref(), Some("/usr/share/applications/pobratim.desktop"));
    // The window says it is this entry (Wayland app id, X11 class), so the dock shows its icon.
    assert_eq!(entry["StartupWMClass"], "pobratim");
    assert!(read("src/ui/mod.rs").contains(r#".with_app_id("pobratim")"#), "the window's app id is not «pobratim»");
}

#[test]
fn the_icon_is_installed_in_every_hicolor_size_at_that_size() {
    assert_eq!(desktop_entry()["Icon"], "pobratim");
    for size in [16u32, 24, 32, 48, 64, 128, 256] {
        let file = format!("assets/icons/hicolor/{size}x{size}/apps/pobratim.png");
        let png = std::fs::read(root().join(&file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{file} is not a PNG");
        // The IHDR chunk follows the signature: length, type, then width and height.
        let width = u32::from_be_bytes(png[16..20].try_into().expect("4 bytes"));
        let height = u32::from_be_bytes(png[20..24].try_into().expect("4 bytes"));
        assert_eq!((width, height), (size, size), "{file}");
        assert_eq!(
            installed_as(&file).as_deref(),
            Some(format!("/usr/share/icons/hicolor/{size}x{size}/apps/pobratim.png").as_str())
        );
    }
    assert_eq!(
        installed_as("assets/icons/pobratim.svg").as_deref(),
        Some("/usr/share/icons/hicolor/scalable/apps/pobratim.svg")
    );
}

#[test]
fn every_asset_exists_and_has_an_ordinary_mode() {
    for (src, dest, mode) in assets() {
        if src.starts_with("target/") {
            continue; // built by the script
        }
        let found = match src.strip_suffix("/*") {
            Some(dir) => std::fs::read_dir(root().join(dir)).map(|d| d.count()).unwrap_or(0),
            None => usize::from(root().join(&src).is_file()),
        };
        assert!(found > 0, "asset {src} does not exist");
        assert!(dest.starts_with("usr/") && dest.ends_with('/'), "{src} goes to {dest}");
        assert!(mode == "644" || (mode == "755" && dest == "usr/bin/"), "{src}: mode {mode}");
    }
}

#[test]
fn the_libraries_opened_at_run_time_are_named_by_hand_for_glibc_2_28_systems() {
    let deb = deb();
    let depends = strings(&deb["depends"]);
    assert!(!depends.iter().any(|d| d.contains("$auto")), "run-time libraries are invisible to $auto");
    for needed in [
        "libc6 (>= 2.28)",
        "libgcc-s1 | libgcc1",
        "libgl1",
        "libegl1",
        "libx11-6",
        "libx11-xcb1",
        "libxcb1",
        "libxcursor1",
        "libxi6",
        "libxkbcommon0",
        "libxkbcommon-x11-0",
        "libwayland-client0",
        "libwayland-cursor0",
        "libwayland-egl1",
    ] {
        assert!(depends.iter().any(|d| d == needed), "Depends lacks {needed}: {depends:?}");
    }
    assert_eq!(strings(&deb["recommends"]), ["xdg-desktop-portal-gtk | zenity"]);
    assert_eq!(deb["revision"].as_str(), Some(""), "the file is pobratim_<version>_amd64.deb");
    assert!(deb["maintainer"].as_str().is_some_and(|m| m.contains('<') && m.ends_with('>')));
}

#[test]
fn the_licences_of_every_built_in_font_and_the_map_data_are_installed() {
    let licence = deb()["license-file"].as_array().expect("license-file").clone();
    assert_eq!(licence[0].as_str(), Some("packaging/copyright"));
    let copyright = read("packaging/copyright");
    assert!(copyright.starts_with("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"));
    // Every paragraph that names files says whose they are and under which licence.
    for paragraph in copyright.split("\n\n").filter(|p| p.starts_with("Files:")) {
        assert!(paragraph.contains("\nCopyright: ") && paragraph.contains("\nLicense: "), "{paragraph}");
    }
    // Every font and map file in the tree is covered, and its licence text is installed.
    let mut bundled = Vec::new();
    for dir in ["assets/fonts", "assets/map"] {
        for entry in std::fs::read_dir(root().join(dir)).expect(dir) {
            let name = entry.expect("entry").file_name().to_string_lossy().into_owned();
            if [".ttf", ".otf", ".otf.xz", ".bin"].iter().any(|ext| name.ends_with(ext)) {
                bundled.push(format!("{dir}/{name}"));
            }
        }
    }
    assert!(bundled.len() >= 4, "{bundled:?}");
    // egui's own fonts, built in through eframe's default_fonts feature.
    bundled.extend(
        ["Ubuntu-Light.ttf", "Hack-Regular.ttf", "NotoEmoji-Regular.ttf", "emoji-icon-font.ttf"]
            .map(|f| format!("epaint_default_fonts/{f}")),
    );
    for file in &bundled {
        let paragraph = copyright
            .split("\n\n")
            .find(|p| p.lines().next().is_some_and(|files| files.split_whitespace().any(|f| f == file)))
            .unwrap_or_else(|| panic!("packaging/copyright says nothing of {file}"));
        let text = paragraph
            .split_whitespace()
            .find_map(|w| w.strip_prefix("/usr/share/doc/pobratim/licenses/"))
            .unwrap_or_else(|| panic!("no licence text named for {file}"));
        let text = text.trim_end_matches(['.', ',']);
        let source = format!("packaging/licenses/{text}");
        assert!(root().join(&source).is_file(), "{file}: {source} is missing");
        assert_eq!(installed_as(&source), Some(format!("/usr/share/doc/pobratim/licenses/{text}")), "{source}");
    }
}

#[test]
fn the_package_changelog_starts_with_this_version() {
    assert_eq!(deb()["changelog"].as_str(), Some("packaging/changelog"));
    let changelog = read("packaging/changelog");
    let first = changelog.lines().next().unwrap_or_default();
    let expected = format!("pobratim ({}) unstable; urgency=medium", env!("CARGO_PKG_VERSION"));
    assert_eq!(first, expected, "a new version needs a new entry at the top of packaging/changelog");
    // The trailer line: maintainer, two spaces, an RFC 2822 date.
    let trailer = changelog.lines().find(|l| l.starts_with(" -- ")).expect("the entry's trailer");
    let (who, when) = trailer[4..].split_once("  ").expect("two spaces before the date");
    assert_eq!(Some(who), deb()["maintainer"].as_str());
    assert!(chrono::DateTime::parse_from_rfc2822(when).is_ok(), "not an RFC 2822 date: {when}");
}
