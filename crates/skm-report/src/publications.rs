//! Where the year's results were published: the unit's publication register with the number of
//! media, which the national evaluation (PEKPPP) scores.

use skm_core::publication::media;

use crate::words::Words;
use crate::{RecordTable, Report};

/// The publications of the year's results, when the register was read (`skm report --db`).
pub fn publications(r: &Report<'_>) -> Option<RecordTable> {
    let w = Words(r.lang);
    let l = r.lang;
    let year = r.year.year;
    let entries: Vec<_> = r.publications?.iter().filter(|p| p.draft.period().is_some_and(|p| p.year == year)).collect();
    let found = media(entries.iter().map(|p| &p.draft));
    let names: Vec<&str> = found.iter().map(|m| m.label().get(l)).collect();
    let note = if entries.is_empty() {
        w.t(
            &format!("Belum ada publikasi hasil SKM tahun {year} yang dicatat."),
            &format!("No publication of the {year} SKM results is recorded yet."),
        )
    } else {
        w.t(
            &format!("Hasil SKM tahun {year} dipublikasikan di {} media: {}.", found.len(), names.join(", ")),
            &format!("The {year} SKM results were published in {} media: {}.", found.len(), names.join(", ")),
        )
    };
    let header = vec![
        "No".into(),
        w.t("Periode", "Period"),
        w.t("Media", "Medium"),
        w.t("Tanggal", "Date"),
        w.t("Tautan", "Link"),
        w.t("Catatan", "Note"),
    ];
    let rows = entries
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let d = &p.draft;
            vec![
                (i + 1).to_string(),
                d.period().map_or_else(|| d.period.clone(), |p| p.label(l)),
                d.medium.label().get(l).to_owned(),
                d.published_on.clone(),
                d.link.clone(),
                d.note.clone(),
            ]
        })
        .collect();
    Some(RecordTable { note, header, rows })
}
