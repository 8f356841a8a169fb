//! A demo pemda of many units, each with many services, for the scale benchmark: unit documents
//! and standard documents made from the seed ones, and each demo response given to one unit's
//! service.

use skm_core::catalog::BUILTIN_DOCUMENTS;
use skm_core::response::ResponseRecord;

/// The documents of a demo pemda.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoPemda {
    /// Each unit: its document (file name, TOML) and its standards (file name, TOML).
    pub units: Vec<DemoUnit>,
}

/// One unit of a demo pemda.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoUnit {
    /// Its code (`upt-07`).
    pub code: String,
    /// Its unit document.
    pub document: (String, String),
    /// Its standard documents.
    pub standards: Vec<(String, String)>,
}

const PEMDA: &str = "Kabupaten Demo";

/// Makes `units` units of `services` services each: unit `upt-NN`, services `layanan-MM`, each
/// standard a seed document renamed (so every rule and deadline is a real one).
pub fn demo_pemda(units: u32, services: u32) -> DemoPemda {
    let units = (1..=units)
        .map(|u| {
            let code = format!("upt-{u:02}");
            let name = format!("UPT Pelayanan {u:02} {PEMDA}");
            let document = format!(
                "code = \"{code}\"\nname = \"{name}\"\npemda = \"{PEMDA}\"\n\n[calendar]\nname = \"Jam kerja {name}\"\n\
                 zone = \"WIB\"\n\n[calendar.hours]\nmonday = [\"07:30-12:00\", \"13:00-16:00\"]\n\
                 tuesday = [\"07:30-12:00\", \"13:00-16:00\"]\nwednesday = [\"07:30-12:00\", \"13:00-16:00\"]\n\
                 thursday = [\"07:30-12:00\", \"13:00-16:00\"]\nfriday = [\"07:30-11:30\", \"13:00-16:30\"]\n"
            );
            let standards = (1..=services)
                .map(|s| {
                    let (_, seed) = BUILTIN_DOCUMENTS[(s as usize - 1) % BUILTIN_DOCUMENTS.len()];
                    (format!("{code}/layanan-{s:02}.toml"), renamed(seed, &format!("layanan-{s:02}"), s, &name))
                })
                .collect();
            DemoUnit { code: code.clone(), document: (format!("{code}.toml"), document), standards }
        })
        .collect();
    DemoPemda { units }
}

/// A seed document under another code, name and unit.
fn renamed(seed: &str, code: &str, number: u32, unit: &str) -> String {
    let mut out = String::with_capacity(seed.len());
    let (mut code_done, mut name_done, mut unit_done) = (false, false, false);
    for line in seed.lines() {
        if !code_done && line.starts_with("code = ") {
            out.push_str(&format!("code = \"{code}\""));
            code_done = true;
        } else if !name_done && line.starts_with("name = ") {
            out.push_str(&format!("{} {number:02}\"", line.trim_end_matches('"')));
            name_done = true;
        } else if !unit_done && line.starts_with("unit = ") {
            out.push_str(&format!("unit = \"{unit}\""));
            unit_done = true;
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

impl DemoPemda {
    /// Gives the `i`-th response to a unit's service (spread evenly, the same every time): its
    /// service code is rewritten, and the unit's code returned.
    pub fn assign(&self, i: usize, record: &mut ResponseRecord) -> String {
        let unit = &self.units[i % self.units.len()];
        let services = unit.standards.len().max(1);
        record.service = format!("layanan-{:02}", (i / self.units.len()) % services + 1);
        unit.code.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_document_of_a_demo_pemda_is_valid() {
        let pemda = demo_pemda(3, 7);
        assert_eq!(pemda.units.len(), 3);
        for unit in &pemda.units {
            let checked = skm_core::unit::Unit::from_toml(&unit.document.0, &unit.document.1).unwrap();
            assert_eq!(checked.code, unit.code);
            let texts: Vec<(&str, &str)> = unit.standards.iter().map(|(f, t)| (f.as_str(), t.as_str())).collect();
            let catalog = skm_core::catalog::Catalog::from_documents(texts).unwrap();
            assert_eq!(catalog.standards().len(), 7);
            assert_eq!(catalog.standards()[6].code, "layanan-07");
            assert!(catalog.standards()[0].name.ends_with(" 01"));
        }
    }
}
