//! A service unit (OPD, UPT, puskesmas, kecamatan): who it is, the pemda it belongs to, its
//! working calendar and how its survey is run. Read from a unit document (`data/units/*.toml`).

use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, CalendarError, CalendarFile, Zone};
use crate::catalog::Problem;
use crate::i18n::Lang;
use crate::period::PeriodKind;

/// The longest unit or service code accepted.
pub const MAX_CODE_LEN: usize = 64;

/// Whether `code` is a code for a unit or a service: lowercase letters, digits and single
/// hyphens between them, at most [`MAX_CODE_LEN`] characters (it becomes part of an address).
pub fn is_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= MAX_CODE_LEN
        && code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !code.starts_with('-')
        && !code.ends_with('-')
        && !code.contains("--")
}

/// How a unit runs its survey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveySettings {
    /// The language the survey opens in.
    #[serde(default)]
    pub language: Lang,
    /// A short introduction shown above the consent, in the unit's own words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub introduction: Option<String>,
    /// Whether the respondent profile (gender, age, education, occupation) is asked.
    #[serde(default = "yes")]
    pub ask_profile: bool,
    /// The unit's SKM period: its results are published per year, semester or quarter.
    #[serde(default)]
    pub period: PeriodKind,
}

impl Default for SurveySettings {
    fn default() -> SurveySettings {
        SurveySettings { language: Lang::Id, introduction: None, ask_profile: true, period: PeriodKind::Year }
    }
}

/// How a unit's results are shown to the public (`/hasil/<unit>`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultsSettings {
    /// The sites that may show the results page in a frame (`https://purbalinggakab.go.id`).
    #[serde(default)]
    pub embed_origins: Vec<String>,
    /// The fewest respondents a group needs to be shown (a smaller group could be recognised).
    #[serde(default = "default_min_group")]
    pub min_group: u64,
}

impl Default for ResultsSettings {
    fn default() -> ResultsSettings {
        ResultsSettings { embed_origins: Vec::new(), min_group: DEFAULT_MIN_GROUP }
    }
}

/// The fewest respondents a published group has unless a unit sets another number.
pub const DEFAULT_MIN_GROUP: u64 = 5;

fn default_min_group() -> u64 {
    DEFAULT_MIN_GROUP
}

/// Whether `origin` is a web origin a frame may be allowed to: `https://host` or
/// `http://host[:port]`, with no path, and nothing that could break out of a header.
pub fn is_origin(origin: &str) -> bool {
    let Some(host) = origin.strip_prefix("https://").or_else(|| origin.strip_prefix("http://")) else {
        return false;
    };
    let (name, port) = host.split_once(':').map_or((host, None), |(n, p)| (n, Some(p)));
    !name.is_empty()
        && origin.len() <= 200
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
        && !name.starts_with(['.', '-'])
        && port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.chars().all(|c| c.is_ascii_digit()))
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitFile {
    code: String,
    name: String,
    pemda: String,
    #[serde(default)]
    address: Option<String>,
    #[serde(default)]
    contact: Option<String>,
    #[serde(default)]
    logo: Option<String>,
    #[serde(default)]
    survey: SurveySettings,
    #[serde(default)]
    results: ResultsSettings,
    calendar: CalendarFile,
}

/// A validated unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// Stable code used in addresses and files (`dinkominfo-purbalingga`).
    pub code: String,
    /// Its name (`Dinas Komunikasi dan Informatika Kabupaten Purbalingga`).
    pub name: String,
    /// The kabupaten, kota or province it belongs to (`Kabupaten Purbalingga`).
    pub pemda: String,
    /// Postal address.
    pub address: Option<String>,
    /// Telephone, e-mail or web address for citizens.
    pub contact: Option<String>,
    /// Address of its logo (`https://…` or a path on this server).
    pub logo: Option<String>,
    /// How its survey is run.
    pub survey: SurveySettings,
    /// How its results are published.
    pub results: ResultsSettings,
    /// Its working calendar.
    pub calendar: Calendar,
}

/// What the public may know of a unit: everything in its document but the calendar's days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitInfo {
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its pemda.
    pub pemda: String,
    /// Postal address.
    #[serde(default)]
    pub address: Option<String>,
    /// Contact.
    #[serde(default)]
    pub contact: Option<String>,
    /// Logo address.
    #[serde(default)]
    pub logo: Option<String>,
    /// Survey settings.
    pub survey: SurveySettings,
    /// The calendar's name.
    pub calendar: String,
    /// The calendar's zone (`WIB`).
    pub zone: Zone,
    /// How many services it offers now.
    pub services: u32,
}

impl Unit {
    /// The public description, with the number of services it offers now.
    pub fn info(&self, services: u32) -> UnitInfo {
        UnitInfo {
            code: self.code.clone(),
            name: self.name.clone(),
            pemda: self.pemda.clone(),
            address: self.address.clone(),
            contact: self.contact.clone(),
            logo: self.logo.clone(),
            survey: self.survey.clone(),
            calendar: self.calendar.name.clone(),
            zone: self.calendar.zone,
            services,
        }
    }
}

/// A service as the survey lists it (`/api/v1/services`, `/api/v1/units/<unit>/services`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceInfo {
    /// The service's code.
    pub code: String,
    /// Its name in Bahasa Indonesia.
    pub name: String,
    /// Its name in English.
    pub name_en: String,
    /// The name of the unit that offers it.
    pub unit: String,
    /// The code of that unit.
    #[serde(default)]
    pub unit_code: String,
    /// The promised completion time, as the standard words it.
    pub completion_time: String,
}

impl ServiceInfo {
    /// How the survey lists a unit's standard.
    pub fn of(unit: &Unit, standard: &crate::catalog::ServiceStandard) -> ServiceInfo {
        ServiceInfo {
            code: standard.code.clone(),
            name: standard.name.clone(),
            name_en: standard.name_en.clone(),
            unit: unit.name.clone(),
            unit_code: unit.code.clone(),
            completion_time: standard.completion_time.text.clone(),
        }
    }

    /// The service's name in the display language.
    pub fn name_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.name,
            Lang::En => &self.name_en,
        }
    }
}

/// A unit's documents as the server hands them to the dashboard
/// (`/api/v1/units/<unit>/standards`): the unit document and every version of its standards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitDocuments {
    /// The unit document (TOML).
    pub unit: String,
    /// Every version of every service, oldest first within a service.
    pub versions: Vec<StandardDocument>,
}

/// One version of a service's standard document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StandardDocument {
    /// The service's code.
    pub service: String,
    /// The version's number.
    pub version: u32,
    /// The day it takes effect (`YYYY-MM-DD`).
    pub effective_from: String,
    /// The document (TOML); `None` for the version that retires the service.
    pub document: Option<String>,
}

impl UnitDocuments {
    /// The version of each service in force on `date`: the one with the latest effective date
    /// on or before it (of two on one date, the higher version); services retired by then, or
    /// whose first version is still to come, are left out. In the order the services first
    /// appear.
    pub fn in_force(&self, date: jiff::civil::Date) -> Vec<&StandardDocument> {
        let day = date.to_string();
        let mut chosen: Vec<&StandardDocument> = Vec::new();
        for v in self.versions.iter().filter(|v| v.effective_from <= day) {
            match chosen.iter_mut().find(|c| c.service == v.service) {
                Some(c) if (&v.effective_from, v.version) > (&c.effective_from, c.version) => *c = v,
                Some(_) => {}
                None => chosen.push(v),
            }
        }
        let mut order: Vec<&str> = Vec::new();
        for v in &self.versions {
            if !order.contains(&v.service.as_str()) {
                order.push(&v.service);
            }
        }
        chosen.retain(|c| c.document.is_some());
        chosen.sort_by_key(|c| order.iter().position(|o| *o == c.service));
        chosen
    }

    /// The unit, and its catalog: the standards in force on `today`, with every version so
    /// that an item is judged by the one in force when it arrived
    /// ([`crate::catalog::Catalog::standard_on`]).
    pub fn read(&self, today: jiff::civil::Date) -> Result<(Unit, crate::catalog::Catalog), String> {
        use crate::catalog::{Catalog, Version};
        let unit = Unit::from_toml("unit.toml", &self.unit).map_err(|e| e.to_string())?;
        let parse = |v: &StandardDocument| {
            let name = format!("{}/{} v{}", unit.code, v.service, v.version);
            v.document.as_deref().map(|d| Catalog::parse_document(&name, d)).transpose().map_err(|e| e.to_string())
        };
        let mut history = Vec::with_capacity(self.versions.len());
        for v in &self.versions {
            let effective_from: jiff::civil::Date = v
                .effective_from
                .parse()
                .map_err(|_| format!("{}/{}: tanggal / date '{}'", unit.code, v.service, v.effective_from))?;
            history.push(Version { code: v.service.clone(), effective_from, standard: parse(v)? });
        }
        let mut current = Vec::new();
        for v in self.in_force(today) {
            current.extend(parse(v)?);
        }
        let catalog = Catalog::from_standards(current).map_err(|e| e.to_string())?.with_history(history);
        Ok((unit, catalog))
    }
}

/// Why a unit document was refused; every message names the file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum UnitError {
    /// Not valid TOML, or not the shape of a unit document.
    #[error("{file}:{line}:{column}: dokumen unit tidak dapat dibaca / unit document cannot be read: {message}")]
    Syntax {
        /// The file.
        file: String,
        /// Line, from 1 (0 when unknown).
        line: usize,
        /// Column, from 1 (0 when unknown).
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// A field breaks a rule.
    #[error("{file}: unit '{code}', {field}: {} / {}", problem.id, problem.en)]
    Invalid {
        /// The file.
        file: String,
        /// The unit's code as written.
        code: String,
        /// The field (`code`, `survey.introduction`).
        field: String,
        /// What is wrong, in both languages.
        problem: Problem,
    },
    /// The `[calendar]` table is not a valid calendar.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
}

/// The longest free text of a unit document (an introduction, an address).
pub const MAX_TEXT_LEN: usize = 2_000;

impl Unit {
    /// Parses and checks a unit document; `file` names it in messages.
    pub fn from_toml(file: &str, text: &str) -> Result<Unit, UnitError> {
        let parsed: UnitFile = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map_or((0, 0), |span| crate::catalog::line_column(text, span.start));
            UnitError::Syntax { file: file.to_owned(), line, column, message: e.message().trim().to_owned() }
        })?;
        let invalid = |field: &str, id: &str, en: &str| UnitError::Invalid {
            file: file.to_owned(),
            code: parsed.code.clone(),
            field: field.to_owned(),
            problem: Problem { id: id.to_owned(), en: en.to_owned() },
        };
        if !is_code(&parsed.code) {
            return Err(invalid(
                "code",
                "kode harus huruf kecil, angka dan tanda hubung tunggal, paling panjang 64",
                "code must be lowercase letters, digits and single hyphens, 64 at most",
            ));
        }
        for (field, value) in [("name", &parsed.name), ("pemda", &parsed.pemda)] {
            if value.trim().is_empty() {
                return Err(invalid(field, "tidak boleh kosong", "must not be empty"));
            }
        }
        let texts = [
            ("name", Some(&parsed.name)),
            ("pemda", Some(&parsed.pemda)),
            ("address", parsed.address.as_ref()),
            ("contact", parsed.contact.as_ref()),
            ("logo", parsed.logo.as_ref()),
            ("survey.introduction", parsed.survey.introduction.as_ref()),
        ];
        for (field, value) in texts {
            let Some(value) = value else { continue };
            if value.chars().count() > MAX_TEXT_LEN {
                return Err(invalid(
                    field,
                    "teks terlalu panjang (paling banyak 2000 karakter)",
                    "text too long (2000 characters at most)",
                ));
            }
            if value.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
                return Err(invalid(field, "berisi karakter kendali", "contains control characters"));
            }
        }
        if let Some(logo) = &parsed.logo {
            let local = logo.starts_with('/') && !logo.starts_with("//");
            if !(logo.starts_with("https://") || local) || logo.chars().any(|c| c.is_whitespace() || c == '"') {
                return Err(invalid(
                    "logo",
                    "alamat logo harus https://… atau /… tanpa spasi",
                    "the logo's address must be https://… or /… without spaces",
                ));
            }
        }
        if let Some(bad) = parsed.results.embed_origins.iter().find(|o| !is_origin(o)) {
            return Err(invalid(
                "results.embed_origins",
                &format!("'{bad}' bukan asal situs (https://nama.situs, tanpa jalur)"),
                &format!("'{bad}' is not a site origin (https://site.name, no path)"),
            ));
        }
        if parsed.results.min_group == 0 {
            return Err(invalid("results.min_group", "paling sedikit 1", "1 at least"));
        }
        let calendar = Calendar::from_file(&format!("{file} [calendar]"), &parsed.calendar)?;
        Ok(Unit {
            code: parsed.code,
            name: parsed.name,
            pemda: parsed.pemda,
            address: parsed.address,
            contact: parsed.contact,
            logo: parsed.logo,
            survey: parsed.survey,
            results: parsed.results,
            calendar,
        })
    }
}

/// The demo units compiled into the binaries: (file name, TOML text).
pub const DEMO_UNITS: [(&str, &str); 2] = [
    ("data/units/dinkominfo-purbalingga.toml", include_str!("../../../data/units/dinkominfo-purbalingga.toml")),
    ("data/units/diskominfo-ketapang.toml", include_str!("../../../data/units/diskominfo-ketapang.toml")),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_origins_are_bare_sites() {
        for good in ["https://purbalinggakab.go.id", "http://localhost:8080", "https://a-b.c"] {
            assert!(is_origin(good), "{good}");
        }
        let bad = [
            "",
            "purbalinggakab.go.id",
            "https://",
            "https://a.id/",
            "https://a.id/hasil",
            "https://a.id;",
            "https://a.id 'unsafe-inline'",
            "https://a.id:",
            "https://a.id:123456",
            "javascript:x",
            "https://.a",
        ];
        for bad in bad {
            assert!(!is_origin(bad), "{bad}");
        }
        let text =
            DEMO_UNITS[1].1.replace("[survey]", "[results]\nembed_origins = [\"https://x.id/path\"]\n\n[survey]");
        let refused = Unit::from_toml("u.toml", &text).unwrap_err().to_string();
        assert!(refused.contains("results.embed_origins") && refused.contains("https://x.id/path"), "{refused}");
    }

    #[test]
    fn codes_are_slugs() {
        for good in ["dinkominfo-purbalingga", "upt-1", "a"] {
            assert!(is_code(good), "{good}");
        }
        for bad in ["", "-a", "a-", "a--b", "A", "a b", "a/b", "..", &"x".repeat(65)] {
            assert!(!is_code(bad), "{bad}");
        }
    }

    #[test]
    fn the_demo_units_are_valid() {
        for (file, text) in DEMO_UNITS {
            let unit = Unit::from_toml(file, text).unwrap_or_else(|e| panic!("{e}"));
            assert!(file.contains(&unit.code));
        }
        let ketapang = Unit::from_toml(DEMO_UNITS[1].0, DEMO_UNITS[1].1).unwrap();
        // Friday 08:00–11:00 and 13:30–16:00.
        assert_eq!(ketapang.calendar.hours[4].len(), 2);
        assert_eq!(ketapang.calendar.hours[4][1].start, 13 * 60 + 30);
    }

    #[test]
    fn a_broken_document_names_line_and_column() {
        let text = "code = \"x\"\nname = \"X\"\npemda = 3\n";
        let e = Unit::from_toml("u.toml", text).unwrap_err();
        assert!(matches!(e, UnitError::Syntax { line: 3, column: 9, .. }), "{e}");
        let text = "code = \"X Y\"\nname = \"X\"\npemda = \"P\"\n[calendar]\nname = \"c\"\n[calendar.hours]\nmonday = [\"08:00-12:00\"]\n";
        let e = Unit::from_toml("u.toml", text).unwrap_err();
        assert!(e.to_string().contains("code must be"), "{e}");
        let text = "code = \"x\"\nname = \"X\"\npemda = \"P\"\n[calendar]\nname = \"c\"\n[calendar.hours]\nmonday = [\"12:00-08:00\"]\n";
        let e = Unit::from_toml("u.toml", text).unwrap_err();
        assert!(e.to_string().contains("u.toml [calendar]"), "{e}");
    }

    #[test]
    fn a_logo_cannot_point_elsewhere_than_https_or_here() {
        let base = "code = \"x\"\nname = \"X\"\npemda = \"P\"\n[calendar]\nname = \"c\"\n[calendar.hours]\nmonday = [\"08:00-12:00\"]\n";
        for (logo, ok) in
            [("https://a.id/l.png", true), ("/logo.png", true), ("javascript:alert(1)", false), ("//evil/x", false)]
        {
            let text = format!("logo = \"{logo}\"\n{base}");
            assert_eq!(Unit::from_toml("u.toml", &text).is_ok(), ok, "{logo}");
        }
    }
}
