//! The annual report of a service unit's SKM, service times and evaluation meetings, in the
//! layout published SKM reports use, from the year's figures (`analyse_year`).
//!
//! Writes text and bytes only; the caller (`skm report`) owns the files, the PDF and the PNGs.

mod follow_up;
mod html;
mod infographic;
mod png;
mod publications;
mod words;
mod xlsx;

use skm_analytics::ResponseTable;
use skm_core::catalog::Catalog;
use skm_core::stats::Change;
use skm_core::year::YearReport;
use skm_core::Lang;

pub use follow_up::{follow_up, plan, previous, FollowUp};
pub use html::html;
pub use infographic::{infographic_svg, Layout};
pub use png::Fonts;
pub use publications::publications;
pub use xlsx::{workbook, CutText, WorkbookFile, CUT_MARK, EXCEL_MAX_TEXT};

/// Why a part of the report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A chart failed to draw.
    #[error("grafik / chart {name}: {message}")]
    Chart {
        /// The chart's file name.
        name: String,
        /// What went wrong.
        message: String,
    },
    /// The workbook could not be written.
    #[error("buku kerja / workbook: {0}")]
    Workbook(#[from] rust_xlsxwriter::XlsxError),
}

/// Everything the report is made from.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    /// The year's figures.
    pub year: &'a YearReport,
    /// The previous year's, for the change, when given.
    pub previous: Option<&'a YearReport>,
    /// The year's respondents, for the processing sheet.
    pub responses: &'a ResponseTable,
    /// The unit's name (`Dinas Komunikasi dan Informatika Kabupaten Purbalingga`).
    pub unit: &'a str,
    /// The standards, for the services' names and the legal basis.
    pub catalog: &'a Catalog,
    /// Language of the report.
    pub lang: Lang,
    /// The day the report is made.
    pub made_on: jiff::civil::Date,
    /// The unit's recorded follow-up actions, when they were read (from the server's database).
    pub follow_up: Option<&'a [skm_core::follow_up::FollowUpRecord]>,
    /// The unit's publication register, when it was read.
    pub publications: Option<&'a [skm_core::publication::PublicationRecord]>,
}

/// A table of records the unit keeps (follow-up actions, publications), as every output
/// renders it.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordTable {
    /// The sentence above it: where the rows come from, the share done, the media counted.
    pub note: String,
    /// The column heads.
    pub header: Vec<String>,
    /// The rows, as text.
    pub rows: Vec<Vec<String>>,
}

/// A chart of the report, as its file name and SVG text.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// File name without extension (`ikm-per-layanan`).
    pub name: &'static str,
    /// Caption in the report's language.
    pub caption: String,
    /// The SVG.
    pub svg: String,
}

/// The file name of a profile question's chart.
pub(crate) fn profile_chart_name(field: skm_core::profile::ProfileField) -> &'static str {
    use skm_core::profile::ProfileField;
    match field {
        ProfileField::Gender => "profil-jenis-kelamin",
        ProfileField::AgeBand => "profil-usia",
        ProfileField::Education => "profil-pendidikan",
        ProfileField::Occupation => "profil-pekerjaan",
        ProfileField::Channel => "profil-kanal",
    }
}

impl Report<'_> {
    /// A service's display name.
    pub fn service_name(&self, code: &str) -> String {
        self.catalog.get(code).map_or_else(
            || code.to_owned(),
            |s| if self.lang == Lang::En && !s.name_en.is_empty() { s.name_en.clone() } else { s.name.clone() },
        )
    }

    /// The unit's IKM change from the previous year, when both years have responses.
    pub fn change(&self) -> Option<Change> {
        let now = self.year.ikm.as_ref()?;
        let before = self.previous?.ikm.as_ref()?;
        let (a, b) = (before.overall.summary.ikm?, now.overall.summary.ikm?);
        let (sa, sb) = (before.overall.ci.as_ref()?.standard_error, now.overall.ci.as_ref()?.standard_error);
        Some(Change::between(format!("{}", self.year.year - 1), (a, sa), (b, sb)))
    }

    /// The report's charts, in the order the chapters show them.
    pub fn charts(&self) -> Result<Vec<Chart>, ReportError> {
        let l = self.lang;
        let w = words::Words(l);
        let mut out = Vec::new();
        let mut add = |name: &'static str, caption: String, svg: Result<String, skm_charts::ChartError>| {
            let svg = svg.map_err(|e| ReportError::Chart { name: name.to_owned(), message: e.to_string() })?;
            out.push(Chart { name, caption, svg });
            Ok::<(), ReportError>(())
        };
        let name = |code: &str| self.service_name(code);
        if let Some(a) = &self.year.ikm {
            add(
                "nrr-per-unsur",
                w.t("NRR per unsur pelayanan", "NRR per element"),
                skm_charts::nrr_per_element_svg(&a.overall.summary, l, 900, 440),
            )?;
            add(
                "ikm-per-layanan",
                w.t("IKM per jenis layanan", "IKM per service"),
                skm_charts::ikm_per_service_svg(a, &name, l, 900),
            )?;
            for p in &a.overall.profile {
                add(
                    profile_chart_name(p.field),
                    p.field.label().get(l).to_owned(),
                    skm_charts::profile_svg(p, l, 600),
                )?;
            }
        }
        if let Some(t) = &self.year.trend {
            add(
                "ikm-per-periode",
                w.t("IKM per triwulan", "IKM per quarter"),
                skm_charts::ikm_trend_svg(t, l, 900, 360),
            )?;
        }
        if let Some(s) = &self.year.sla {
            add(
                "kepatuhan-per-bulan",
                w.t("Kepatuhan waktu per bulan", "On time per month"),
                skm_charts::compliance_per_month_svg(s, l, 900, 360),
            )?;
            add(
                "waktu-terhadap-janji",
                w.t("Waktu penyelesaian terhadap janji", "Time taken against the promise"),
                skm_charts::time_taken_svg(&s.requests.services, &name, l, 900),
            )?;
            if !s.steps.is_empty() {
                add(
                    "hambatan-sop",
                    w.t("Hambatan langkah SOP", "SOP bottleneck"),
                    skm_charts::bottleneck_svg(&s.steps, l, 900),
                )?;
            }
        }
        if let Some(m) = &self.year.meetings {
            add(
                "rapat-evaluasi",
                w.t("Rapat evaluasi per bulan", "Evaluation meetings per month"),
                skm_charts::meeting_calendar_svg(m, l, 900),
            )?;
        }
        Ok(out)
    }
}
