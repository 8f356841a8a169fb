//! The reading limits, the same natively and as wasm32 (the dashboard's worker): a file over a
//! limit is refused with a message that names it, the limit and the flag, before its memory is
//! spent; within the limits nothing changes.

use skm_analytics::input::{Limit, Limits};
use skm_analytics::{read_requests, read_responses, AnalyticsError, Input, Mapping};

#[macro_use]
mod common;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const HEADER: &str = "id,submitted_at,service,u1,u2,u3,u4,u5,u6,u7,u8,u9,gender,age,education,occupation,suggestion\n";

fn responses(rows: usize, suggestion: &str) -> String {
    let mut text = String::from(HEADER);
    for i in 0..rows {
        text.push_str(&format!(
            "r{i},2026-01-05,internet-jaringan,4,3,3,4,3,4,4,2,3,L,29,SMA,Swasta,\"{suggestion}\"\n"
        ));
    }
    text
}

fn read(bytes: &[u8], limits: Limits) -> Result<u64, AnalyticsError> {
    let input = Input::new("responses.csv", bytes).with_limits(limits);
    read_responses(&[input], &Mapping::builtin().unwrap()).map(|t| t.len())
}

fn refused(result: Result<u64, AnalyticsError>, limit: Limit) -> String {
    match result {
        Err(e @ AnalyticsError::TooLarge { limit: l, .. }) if l == limit => e.to_string(),
        other => panic!("expected a refusal over {limit:?}, got {other:?}"),
    }
}

both_targets! {
    fn a_file_over_the_size_limit_is_refused_by_name() {
        let text = responses(20, "Baik");
        let message = refused(read(text.as_bytes(), Limits { file_bytes: 1000, ..Limits::DEFAULT }), Limit::FileSize);
        assert!(message.starts_with("responses.csv: ukuran berkas"), "{message}");
        assert!(message.contains("--max-file-size") && message.contains("exceeds the limit of"), "{message}");
        assert_eq!(read(text.as_bytes(), Limits::DEFAULT).unwrap(), 20);
    }

    fn a_cell_over_the_limit_is_refused_with_its_row_and_column() {
        let text = responses(3, &"panjang ".repeat(200));
        let message = refused(read(text.as_bytes(), Limits { cell_bytes: 1000, ..Limits::DEFAULT }), Limit::CellSize);
        assert!(message.contains("baris 2, kolom 17") && message.contains("row 2, column 17"), "{message}");
        assert_eq!(read(text.as_bytes(), Limits { cell_bytes: 1600, ..Limits::DEFAULT }).unwrap(), 3);
    }

    fn more_rows_than_allowed_are_refused_in_order_and_in_parts() {
        let text = responses(50, "");
        let message = refused(read(text.as_bytes(), Limits { rows: 49, ..Limits::DEFAULT }), Limit::Rows);
        assert!(message.contains("jumlah baris") && message.contains("--max-rows"), "{message}");
        assert_eq!(read(text.as_bytes(), Limits { rows: 50, ..Limits::DEFAULT }).unwrap(), 50);
        let requests = "id,service,received_at\na,x,2026-01-01\nb,x,2026-01-02\n";
        let input = Input::new("requests.csv", requests.as_bytes()).with_limits(Limits { rows: 1, ..Limits::DEFAULT });
        assert!(matches!(
            read_requests(&[input], &Mapping::builtin().unwrap()),
            Err(AnalyticsError::TooLarge { limit: Limit::Rows, .. })
        ));
    }

    fn a_spreadsheet_part_that_unpacks_too_far_is_refused_before_it_is_read() {
        // The malformed corpus' workbook whose sheet declares 1 GiB once unpacked.
        let bomb = include_bytes!("../../../tests/malformed/responses/xlsx-part-declares-1-gib.xlsx");
        let input = Input::new("bom.xlsx", bomb);
        let message = match read_responses(&[input], &Mapping::builtin().unwrap()) {
            Err(e @ AnalyticsError::TooLarge { limit: Limit::PartSize, .. }) => e.to_string(),
            other => panic!("{:?}", other.map(|t| t.len())),
        };
        assert!(message.contains("bom.xlsx (xl/worksheets/sheet1.xml)") && message.contains("1024 MiB"), "{message}");
    }

    fn an_ods_whose_repeats_lay_out_too_many_cells_is_refused_before_it_is_opened() {
        // One row of 900 values repeated 100 000 times: a kilobyte on disk, 90 million cells.
        let bomb = include_bytes!("../../../tests/malformed/responses/ods-repeats-90-million-cells.ods");
        let message = match read_responses(&[Input::new("rekap.ods", bomb)], &Mapping::builtin().unwrap()) {
            Err(e @ AnalyticsError::TooLarge { limit: Limit::PartSize, .. }) => e.to_string(),
            other => panic!("{:?}", other.map(|t| t.len())),
        };
        assert!(message.contains("rekap.ods (content.xml)") && message.contains("--max-unpacked-size"), "{message}");
    }
}
