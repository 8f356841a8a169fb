//! `GET /api/v1/templates/{kind}.csv|.xlsx`: a file of each kind the dashboard reads, with the
//! header and one example row, to fill in. Public: it holds no data.

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use skm_core::year::FileKind;

use crate::errors::refusal;

/// `GET /api/v1/templates/{file}`: `requests.csv`, `meetings.xlsx`, ….
pub async fn template(Path(file): Path<String>) -> Response {
    let Some((kind, format)) =
        file.rsplit_once('.').and_then(|(stem, ext)| Some((FileKind::from_file_stem(stem)?, ext)))
    else {
        return not_found();
    };
    let (mime, bytes) = match format {
        "csv" => ("text/csv; charset=utf-8", skm_csv::to_bytes(kind.template_rows()).map_err(|e| e.to_string())),
        "xlsx" => ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx(kind)),
        _ => return not_found(),
    };
    match bytes {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, mime.to_owned()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{}.{format}\"", kind.file_stem())),
                (header::CACHE_CONTROL, "public, max-age=86400".to_owned()),
            ],
            bytes,
        )
            .into_response(),
        Err(detail) => {
            tracing::error!(%detail, "writing a template failed");
            refusal(StatusCode::INTERNAL_SERVER_ERROR, "server_error", None, "gagal", "failed")
        }
    }
}

fn not_found() -> Response {
    refusal(
        StatusCode::NOT_FOUND,
        "not_found",
        None,
        "templat tidak ada; ada responses, requests, complaints, steps, meetings, actions (.csv atau .xlsx)",
        "no such template; there are responses, requests, complaints, steps, meetings, actions (.csv or .xlsx)",
    )
}

/// The template as a workbook: the header in bold, whole numbers as numbers, the rest as text.
fn xlsx(kind: FileKind) -> Result<Vec<u8>, String> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(kind.file_stem()).map_err(|e| e.to_string())?;
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (col, column) in kind.columns().iter().enumerate() {
        let col = u16::try_from(col).map_err(|e| e.to_string())?;
        sheet.write_string_with_format(0, col, column.name, &bold).map_err(|e| e.to_string())?;
        sheet
            .set_column_width(col, column.name.len().max(column.example.len()).max(8) as f64 + 2.0)
            .map_err(|e| e.to_string())?;
        if column.example.is_empty() {
            continue;
        }
        match column.example.parse::<u32>() {
            Ok(n) => sheet.write_number(1, col, f64::from(n)),
            Err(_) => sheet.write_string(1, col, column.example),
        }
        .map_err(|e| e.to_string())?;
    }
    book.save_to_buffer().map_err(|e| e.to_string())
}
