//! Windows time-zone names (as Outlook writes them in `TZID`) mapped to IANA zones, after
//! the territory-001 rows of CLDR's `windowsZones.xml`.

use chrono_tz::Tz;

/// (Windows name, IANA zone).
const WINDOWS_ZONES: &[(&str, &str)] = &[
    ("Dateline Standard Time", "Etc/GMT+12"),
    ("UTC-11", "Etc/GMT+11"),
    ("Hawaiian Standard Time", "Pacific/Honolulu"),
    ("Alaskan Standard Time", "America/Anchorage"),
    ("Pacific Standard Time (Mexico)", "America/Tijuana"),
    ("Pacific Standard Time", "America/Los_Angeles"),
    ("US Mountain Standard Time", "America/Phoenix"),
    ("Mountain Standard Time", "America/Denver"),
    ("Central Standard Time", "America/Chicago"),
    ("Eastern Standard Time", "America/New_York"),
    ("Atlantic Standard Time", "America/Halifax"),
    ("Newfoundland Standard Time", "America/St_Johns"),
    ("UTC", "Etc/UTC"),
    ("GMT Standard Time", "Europe/London"),
    ("Greenwich Standard Time", "Atlantic/Reykjavik"),
    ("W. Europe Standard Time", "Europe/Berlin"),
    ("Central Europe Standard Time", "Europe/Budapest"),
    ("Romance Standard Time", "Europe/Paris"),
    ("Central European Standard Time", "Europe/Warsaw"),
    ("E. Europe Standard Time", "Europe/Chisinau"),
    ("FLE Standard Time", "Europe/Kiev"),
    ("GTB Standard Time", "Europe/Bucharest"),
    ("Turkey Standard Time", "Europe/Istanbul"),
    ("Israel Standard Time", "Asia/Jerusalem"),
    ("Belarus Standard Time", "Europe/Minsk"),
    ("Kaliningrad Standard Time", "Europe/Kaliningrad"),
    ("Russian Standard Time", "Europe/Moscow"),
    ("Volgograd Standard Time", "Europe/Volgograd"),
    ("Astrakhan Standard Time", "Europe/Astrakhan"),
    ("Saratov Standard Time", "Europe/Saratov"),
    ("Russia Time Zone 3", "Europe/Samara"),
    ("Arabian Standard Time", "Asia/Dubai"),
    ("Ekaterinburg Standard Time", "Asia/Yekaterinburg"),
    ("West Asia Standard Time", "Asia/Tashkent"),
    ("India Standard Time", "Asia/Kolkata"),
    ("Central Asia Standard Time", "Asia/Almaty"),
    ("Omsk Standard Time", "Asia/Omsk"),
    ("Altai Standard Time", "Asia/Barnaul"),
    ("N. Central Asia Standard Time", "Asia/Novosibirsk"),
    ("Tomsk Standard Time", "Asia/Tomsk"),
    ("SE Asia Standard Time", "Asia/Bangkok"),
    ("North Asia Standard Time", "Asia/Krasnoyarsk"),
    ("W. Mongolia Standard Time", "Asia/Hovd"),
    ("China Standard Time", "Asia/Shanghai"),
    ("North Asia East Standard Time", "Asia/Irkutsk"),
    ("Singapore Standard Time", "Asia/Singapore"),
    ("Taipei Standard Time", "Asia/Taipei"),
    ("Ulaanbaatar Standard Time", "Asia/Ulaanbaatar"),
    ("Transbaikal Standard Time", "Asia/Chita"),
    ("Tokyo Standard Time", "Asia/Tokyo"),
    ("North Korea Standard Time", "Asia/Pyongyang"),
    ("Korea Standard Time", "Asia/Seoul"),
    ("Yakutsk Standard Time", "Asia/Yakutsk"),
    ("AUS Eastern Standard Time", "Australia/Sydney"),
    ("Vladivostok Standard Time", "Asia/Vladivostok"),
    ("Magadan Standard Time", "Asia/Magadan"),
    ("Sakhalin Standard Time", "Asia/Sakhalin"),
    ("Russia Time Zone 10", "Asia/Srednekolymsk"),
    ("Russia Time Zone 11", "Asia/Kamchatka"),
    ("New Zealand Standard Time", "Pacific/Auckland"),
];

/// Resolves a `TZID` as real files write it: an IANA name, a Windows name, a quoted or
/// prefixed form (`/mozilla.org/…/Asia/Tokyo`), or an Outlook display name such as
/// `(UTC+10:00) Vladivostok`.
pub fn resolve_tzid(tzid: &str) -> Option<Tz> {
    let id = tzid.trim().trim_matches('"').trim();
    if let Ok(tz) = id.parse::<Tz>() {
        return Some(tz);
    }
    if let Some((_, iana)) = WINDOWS_ZONES.iter().find(|(w, _)| w.eq_ignore_ascii_case(id)) {
        return iana.parse().ok();
    }
    // A path-like prefix: try the last two segments (Asia/Tokyo).
    let parts: Vec<&str> = id.split('/').filter(|p| !p.is_empty()).collect();
    if parts.len() >= 2
        && let Ok(tz) = format!("{}/{}", parts[parts.len() - 2], parts[parts.len() - 1]).parse::<Tz>()
    {
        return Some(tz);
    }
    // A display name: look for a known zone's city in it.
    let lower = id.to_lowercase();
    WINDOWS_ZONES.iter().map(|(_, iana)| *iana).find_map(|iana| {
        let city = iana.rsplit('/').next()?.replace('_', " ").to_lowercase();
        (city.len() > 3 && lower.contains(&city)).then(|| iana.parse().ok()).flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_and_display_names_resolve() {
        assert_eq!(resolve_tzid("Vladivostok Standard Time"), Some(chrono_tz::Asia::Vladivostok));
        assert_eq!(resolve_tzid("\"Tokyo Standard Time\""), Some(chrono_tz::Asia::Tokyo));
        assert_eq!(resolve_tzid("Asia/Seoul"), Some(chrono_tz::Asia::Seoul));
        assert_eq!(resolve_tzid("/mozilla.org/20050126_1/Asia/Shanghai"), Some(chrono_tz::Asia::Shanghai));
        assert_eq!(resolve_tzid("(UTC+10:00) Vladivostok"), Some(chrono_tz::Asia::Vladivostok));
        assert_eq!(resolve_tzid("Pacific Standard Time"), Some(chrono_tz::America::Los_Angeles));
        assert_eq!(resolve_tzid("Mars/Olympus_Mons"), None);
    }

    #[test]
    fn every_table_entry_is_a_known_zone() {
        for (w, iana) in WINDOWS_ZONES {
            assert!(iana.parse::<Tz>().is_ok(), "{w} → {iana}");
        }
    }
}
