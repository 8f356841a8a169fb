//! Which column of a file holds which field: the canonical header by name, or a form export's
//! question texts by the mapping's phrases. Elements are always found by ID, never by position.

use skm_core::response::CSV_HEADER;
use skm_core::ELEMENTS;

use super::mapping::{Field, Mapping, FIELDS};
use crate::AnalyticsError;

/// How a file's columns are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// The canonical header (`id,submitted_at,service,u1,…`).
    Canonical,
    /// Question texts as headers, answer texts as cells (Google Forms and the like).
    GoogleForms,
}

impl Layout {
    /// The name written in the input summary.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Layout::Canonical => "canonical",
            Layout::GoogleForms => "google_forms",
        }
    }
}

/// The position and header of each field found in a file.
#[derive(Debug, Clone)]
pub(crate) struct Columns {
    pub(crate) layout: Layout,
    found: Vec<(Field, usize, String)>,
}

/// Whether a header is a field's canonical name; an element's also written `U 1`, `U-1`, `U.1`.
fn names(field: Field, header: &str) -> bool {
    if field.name().eq_ignore_ascii_case(header) {
        return true;
    }
    let compact = || header.chars().filter(|c| !matches!(c, ' ' | '.' | '-' | '_'));
    matches!(field, Field::Score(_))
        && compact().count() == 2
        && compact().map(|c| c.to_ascii_lowercase()).eq(field.name().chars())
}

impl Columns {
    /// Finds the fields in a header; every element U1–U9 must be present exactly once.
    pub(crate) fn from_header(file: &str, header: &[String], mapping: &Mapping) -> Result<Columns, AnalyticsError> {
        let canonical: Vec<(Field, usize, String)> = header
            .iter()
            .enumerate()
            .filter_map(|(i, h)| FIELDS.iter().find(|f| names(**f, h)).map(|f| (*f, i, h.clone())))
            .collect();
        // A header with any of u1…u9 is canonical and must have all nine.
        if canonical.iter().any(|(f, _, _)| matches!(f, Field::Score(_))) {
            if let Some(e) = ELEMENTS.iter().find(|e| !canonical.iter().any(|(f, _, _)| *f == Field::Score(**e))) {
                return Err(AnalyticsError::MissingColumn {
                    file: file.to_owned(),
                    column: e.column().to_owned(),
                    expected: CSV_HEADER.join(","),
                });
            }
            // Beside U1…U9, a recap may head its other columns in words («Jenis Kelamin»,
            // «Usia»): those the mapping knows are read too.
            let mut found = canonical;
            for (i, h) in header.iter().enumerate() {
                if found.iter().any(|(_, at, _)| *at == i) {
                    continue;
                }
                if let Ok(Some(field)) = mapping.field_of_header(h) {
                    if !matches!(field, Field::Score(_)) && !found.iter().any(|(f, _, _)| *f == field) {
                        found.push((field, i, h.clone()));
                    }
                }
            }
            return Columns { layout: Layout::Canonical, found }.checked(file);
        }
        let mut found = Vec::new();
        for (i, h) in header.iter().enumerate() {
            match mapping.field_of_header(h) {
                Ok(Some(field)) => found.push((field, i, h.clone())),
                Ok(None) => {}
                Err(fields) => {
                    return Err(AnalyticsError::AmbiguousColumn {
                        file: file.to_owned(),
                        column: h.clone(),
                        fields: fields.iter().map(|f| f.name()).collect::<Vec<_>>().join(", "),
                    })
                }
            }
        }
        for e in ELEMENTS {
            if !found.iter().any(|(f, _, _)| *f == Field::Score(e)) {
                let phrases: Vec<String> = mapping.phrases(Field::Score(e)).iter().map(|p| p.join(" ")).collect();
                return Err(AnalyticsError::MissingColumn {
                    file: file.to_owned(),
                    column: e.column().to_owned(),
                    expected: format!(
                        "{} — or a form column containing \"{}\"",
                        CSV_HEADER.join(","),
                        phrases.join("\" / \"")
                    ),
                });
            }
        }
        Columns { layout: Layout::GoogleForms, found }.checked(file)
    }

    /// Refuses a field found in two columns.
    fn checked(self, file: &str) -> Result<Columns, AnalyticsError> {
        for (n, (field, _, header)) in self.found.iter().enumerate() {
            if let Some((_, _, other)) = self.found[n + 1..].iter().find(|(f, _, _)| f == field) {
                return Err(AnalyticsError::AmbiguousColumn {
                    file: file.to_owned(),
                    column: format!("{header}' / '{other}"),
                    fields: field.name().to_owned(),
                });
            }
        }
        Ok(self)
    }

    /// How many fields were found.
    pub(crate) fn len(&self) -> usize {
        self.found.len()
    }

    /// The position and header of a field's column; `None` when the file has no such column.
    pub(crate) fn column(&self, field: Field) -> Option<(usize, &str)> {
        self.found.iter().find(|(f, _, _)| *f == field).map(|(_, i, h)| (*i, h.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use skm_core::Element;

    fn header(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn canonical_columns_are_found_by_name_in_any_order() {
        let m = Mapping::builtin().unwrap();
        let h = header(&["U9", "u8", "u7", "u6", "u5", "u4", "u3", "u2", "u1", "service"]);
        let c = Columns::from_header("r.csv", &h, &m).unwrap();
        assert_eq!(c.layout, Layout::Canonical);
        assert_eq!(c.column(Field::Score(Element::U8)), Some((1, "u8")));
        assert_eq!(c.column(Field::Score(Element::U9)), Some((0, "U9")));
        assert_eq!(c.column(Field::Gender), None);
    }

    #[test]
    fn a_missing_element_is_named() {
        let m = Mapping::builtin().unwrap();
        let h = header(&["u1", "u2", "u4", "u5", "u6", "u7", "u8", "u9"]);
        let e = Columns::from_header("r.csv", &h, &m).unwrap_err().to_string();
        assert!(e.contains("r.csv") && e.contains("column 'u3' is missing"), "{e}");
        let forms: Vec<String> =
            ELEMENTS.iter().filter(|e| **e != Element::U3).map(|e| e.text().question.id.to_owned()).collect();
        let e = Columns::from_header("f.csv", &forms, &m).unwrap_err().to_string();
        assert!(e.contains("f.csv") && e.contains("'u3'") && e.contains("kecepatan waktu"), "{e}");
    }

    #[test]
    fn two_columns_for_one_field_are_refused() {
        let m = Mapping::builtin().unwrap();
        let mut names: Vec<String> = ELEMENTS.iter().map(|e| e.text().question.id.to_owned()).collect();
        names.push("Jenis kelamin".into());
        names.push("Jenis kelamin responden".into());
        let e = Columns::from_header("f.csv", &names, &m).unwrap_err().to_string();
        assert!(e.contains("gender") && e.contains("Jenis kelamin responden"), "{e}");
    }
}
