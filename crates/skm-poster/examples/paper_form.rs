//! Writes two blank paper questionnaires of a demo service to standard output (HTML, A4):
//! `cargo run -p skm-poster --example paper_form > formulir.html`, then print it.

fn main() -> std::process::ExitCode {
    let form = skm_poster::PaperForm {
        unit: "Dinas Komunikasi dan Informatika Kabupaten Purbalingga",
        service: "Layanan Internet dan Jaringan",
        url: "https://skm.purbalinggakab.go.id/survei/dinkominfo-purbalingga/internet-jaringan",
        prefix: "IJ",
        first: 1,
        count: 2,
        lang: skm_core::Lang::Id,
    };
    match skm_poster::paper_form_html(&form) {
        Ok(html) => {
            print!("{html}");
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::ExitCode::FAILURE
        }
    }
}
