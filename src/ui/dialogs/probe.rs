//! Which file dialog this desktop can show.
//!
//! On Linux rfd 0.17 asks the XDG desktop portal's FileChooser; without the portal it runs
//! `zenity`; without both it answers "nothing chosen", exactly like a cancel, so the user
//! would press «Сохранить» and see nothing at all. At start-up, on a named thread, the app
//! asks the session bus whether the portal is there (running, or activatable: the bus starts
//! it on demand) and whether its FileChooser answers, with a timeout, and looks for `zenity`
//! on the PATH. If neither is there, the in-app dialog is used. Windows and macOS always have
//! their own dialogs.

use std::time::Duration;

/// The portal's well-known name on the session bus.
pub const PORTAL: &str = "org.freedesktop.portal.Desktop";
/// How long a call on the session bus (activating the portal included) may take.
pub const BUS_TIMEOUT: Duration = Duration::from_secs(4);

/// The dialog the app uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// The system's dialog through rfd (native on Windows and macOS; the portal or zenity on
    /// Linux).
    System,
    /// Pobratim's own dialog, drawn in the window.
    InApp,
}

/// Why the backend was chosen, for the log line at start-up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Not Linux: the system always has a dialog.
    NativePlatform,
    /// The portal's FileChooser answered.
    Portal,
    /// `zenity` is on the PATH (rfd's fallback).
    Zenity,
    /// Neither answered.
    Neither,
    /// Set by `POBRATIM_FILE_DIALOG`.
    Chosen,
}

/// The session bus's names: those owned now, and those it can start.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BusNames {
    /// Names with an owner now.
    pub owned: Vec<String>,
    /// Names the bus starts on demand.
    pub activatable: Vec<String>,
}

/// What the decision asks of the machine; faked in tests.
pub trait Probe {
    /// The session bus's names, or `None` when no session bus answers in time.
    fn bus_names(&mut self) -> Option<BusNames>;
    /// Whether the portal's FileChooser interface answers (its `version` property); this
    /// starts the portal if it is only activatable.
    fn file_chooser_answers(&mut self) -> bool;
    /// Whether `zenity` is on the PATH.
    fn zenity_on_path(&mut self) -> bool;
}

/// Decides which dialog to use, asking the probe only what it needs.
pub fn decide(probe: &mut impl Probe) -> (Backend, Reason) {
    if let Some(names) = probe.bus_names() {
        let listed = names.owned.iter().chain(&names.activatable).any(|n| n == PORTAL);
        if listed && probe.file_chooser_answers() {
            return (Backend::System, Reason::Portal);
        }
    }
    if probe.zenity_on_path() {
        return (Backend::System, Reason::Zenity);
    }
    (Backend::InApp, Reason::Neither)
}

/// The choice forced by `POBRATIM_FILE_DIALOG` (`in-app` or `system`), if set.
pub fn forced(value: Option<&str>) -> Option<Backend> {
    match value.map(str::trim) {
        Some("in-app") => Some(Backend::InApp),
        Some("system") => Some(Backend::System),
        _ => None,
    }
}

/// Decides for this machine: the environment's choice, else the platform's dialog, else
/// asks the session bus and the PATH. Blocks for at most about two bus timeouts: call it off
/// the UI thread.
pub fn decide_here() -> (Backend, Reason) {
    if let Some(b) = forced(std::env::var("POBRATIM_FILE_DIALOG").ok().as_deref()) {
        return (b, Reason::Chosen);
    }
    on_this_platform()
}

/// Linux and the BSDs: ask the session bus and the PATH.
#[cfg(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "dragonfly",
    target_os = "netbsd",
    target_os = "openbsd"
))]
fn on_this_platform() -> (Backend, Reason) {
    decide(&mut bus::SessionProbe::connect())
}

/// Windows and macOS have their own dialogs, always.
#[cfg(not(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "dragonfly",
    target_os = "netbsd",
    target_os = "openbsd"
)))]
fn on_this_platform() -> (Backend, Reason) {
    (Backend::System, Reason::NativePlatform)
}

#[cfg(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "dragonfly",
    target_os = "netbsd",
    target_os = "openbsd"
))]
mod bus {
    use super::{BUS_TIMEOUT, BusNames, PORTAL, Probe};

    /// The real session bus (zbus), with every call limited to [`BUS_TIMEOUT`].
    pub(super) struct SessionProbe {
        conn: Option<zbus::Connection>,
    }

    impl SessionProbe {
        pub(super) fn connect() -> Self {
            let conn =
                zbus::block_on(async { zbus::conn::Builder::session()?.method_timeout(BUS_TIMEOUT).build().await })
                    .ok();
            Self { conn }
        }
    }

    impl Probe for SessionProbe {
        fn bus_names(&mut self) -> Option<BusNames> {
            let conn = self.conn.as_ref()?;
            zbus::block_on(async {
                let dbus = zbus::fdo::DBusProxy::new(conn).await.ok()?;
                let owned = dbus.list_names().await.ok()?;
                let activatable = dbus.list_activatable_names().await.unwrap_or_default();
                let strings = |v: Vec<zbus::names::OwnedBusName>| v.into_iter().map(|n| n.to_string()).collect();
                Some(BusNames { owned: strings(owned), activatable: strings(activatable) })
            })
        }

        fn file_chooser_answers(&mut self) -> bool {
            let Some(conn) = self.conn.as_ref() else { return false };
            zbus::block_on(async {
                let proxy = zbus::proxy::Builder::<zbus::Proxy<'_>>::new(conn)
                    .destination(PORTAL)
                    .and_then(|b| b.path("/org/freedesktop/portal/desktop"))
                    .and_then(|b| b.interface("org.freedesktop.portal.FileChooser"))
                    .map(|b| b.cache_properties(zbus::proxy::CacheProperties::No));
                let Ok(builder) = proxy else { return false };
                let Ok(proxy) = builder.build().await else { return false };
                proxy.get_property::<u32>("version").await.is_ok()
            })
        }

        fn zenity_on_path(&mut self) -> bool {
            crate::store::browse::on_path("zenity", std::env::var_os("PATH").as_deref())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Canned answers, and a record of what was asked.
    #[derive(Default)]
    struct Fake {
        names: Option<BusNames>,
        chooser: bool,
        zenity: bool,
        asked_chooser: bool,
    }

    impl Probe for Fake {
        fn bus_names(&mut self) -> Option<BusNames> {
            self.names.clone()
        }
        fn file_chooser_answers(&mut self) -> bool {
            self.asked_chooser = true;
            self.chooser
        }
        fn zenity_on_path(&mut self) -> bool {
            self.zenity
        }
    }

    fn names(owned: &[&str], activatable: &[&str]) -> Option<BusNames> {
        let v = |s: &[&str]| s.iter().map(|n| (*n).to_owned()).collect();
        Some(BusNames { owned: v(owned), activatable: v(activatable) })
    }

    #[test]
    fn a_running_or_activatable_portal_that_answers_is_used() {
        let mut running = Fake { names: names(&[PORTAL], &[]), chooser: true, ..Fake::default() };
        assert_eq!(decide(&mut running), (Backend::System, Reason::Portal));
        // Not running yet, but the bus starts it on demand.
        let mut on_demand = Fake { names: names(&[], &[PORTAL]), chooser: true, ..Fake::default() };
        assert_eq!(decide(&mut on_demand), (Backend::System, Reason::Portal));
    }

    #[test]
    fn a_portal_without_a_file_chooser_falls_to_zenity_then_in_app() {
        // xdg-desktop-portal installed without a backend that implements FileChooser.
        let mut no_chooser = Fake { names: names(&[PORTAL], &[]), chooser: false, zenity: true, ..Fake::default() };
        assert_eq!(decide(&mut no_chooser), (Backend::System, Reason::Zenity));
        no_chooser.zenity = false;
        assert_eq!(decide(&mut no_chooser), (Backend::InApp, Reason::Neither));
    }

    #[test]
    fn no_portal_name_is_not_asked_for_its_file_chooser() {
        let mut bare = Fake { names: names(&["org.freedesktop.DBus", ":1.4"], &[]), chooser: true, ..Fake::default() };
        assert_eq!(decide(&mut bare), (Backend::InApp, Reason::Neither));
        assert!(!bare.asked_chooser, "the portal is not there to ask");
    }

    #[test]
    fn no_session_bus_uses_zenity_or_the_in_app_dialog() {
        let mut zenity = Fake { names: None, zenity: true, ..Fake::default() };
        assert_eq!(decide(&mut zenity), (Backend::System, Reason::Zenity));
        let mut nothing = Fake::default();
        assert_eq!(decide(&mut nothing), (Backend::InApp, Reason::Neither));
        assert!(!nothing.asked_chooser);
    }

    #[test]
    fn the_environment_can_force_a_dialog() {
        assert_eq!(forced(Some("in-app")), Some(Backend::InApp));
        assert_eq!(forced(Some(" system ")), Some(Backend::System));
        assert_eq!(forced(Some("gtk")), None);
        assert_eq!(forced(None), None);
    }
}
