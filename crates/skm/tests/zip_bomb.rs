//! A workbook of a few hundred kilobytes whose shared strings unpack to 300 MB: `skm ikm` refuses
//! it at once, and the process stays small (before the limits, such a file took 5 GB and 28 s
//! before it failed).

use std::io::Write;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};

/// Writes a workbook whose shared strings really unpack to about `size` bytes, streamed, so this
/// test process never holds them (its size would otherwise count as the child's: Linux keeps
/// the high-water mark of the image a child had before it ran `skm`).
fn write_bomb(path: &Path, size: usize) -> u64 {
    use zip::write::SimpleFileOptions;
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let parts = [
        (
            "[Content_Types].xml".to_owned(),
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#.to_owned(),
        ),
        (
            "xl/workbook.xml".to_owned(),
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}"><sheets><sheet name="Rekap" sheetId="1"/></sheets></workbook>"#),
        ),
        (
            "xl/worksheets/sheet1.xml".to_owned(),
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{ns}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#),
        ),
    ];
    for (name, text) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.start_file("xl/sharedStrings.xml", options).unwrap();
    write!(zip, r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{ns}">"#).unwrap();
    let filler = "a".repeat(30_000);
    for i in 0..size / 30_000 {
        write!(zip, "<si><t>{i:08}{filler}</t></si>").unwrap();
    }
    zip.write_all(b"</sst>").unwrap();
    zip.finish().unwrap();
    std::fs::metadata(path).unwrap().len()
}

/// Runs `skm`; its exit status, what it said on standard error, and its own peak resident size
/// in bytes.
// The child is waited for with wait4, which also gives its resource usage.
#[allow(clippy::zombie_processes)]
fn run_measured(args: &[&str]) -> (ExitStatus, String, u64) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_skm"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = libc::pid_t::try_from(child.id()).unwrap();
    let mut message = String::new();
    if let Some(mut stderr) = child.stderr.take() {
        std::io::Read::read_to_string(&mut stderr, &mut message).unwrap();
    }
    let mut status = 0;
    // SAFETY: wait4 writes the status and the resource usage of this one child into the
    // variables given, and reads nothing else.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4");
    let exit = std::os::unix::process::ExitStatusExt::from_raw(status);
    // Linux reports kilobytes.
    (exit, message, u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024)
}

#[test]
fn a_zip_bomb_is_refused_in_little_memory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rekap.xlsx");
    let on_disk = write_bomb(&path, 300 << 20);
    let (status, message, peak) = run_measured(&["ikm", path.to_str().unwrap()]);
    assert_eq!(status.code(), Some(1), "{message}");
    assert!(
        message.contains("rekap.xlsx (xl/sharedStrings.xml)") && message.contains("--max-unpacked-size"),
        "{message}"
    );
    println!("skm ikm on a {} KB bomb of 300 MB: peak {} MB", on_disk / 1024, peak >> 20);
    assert!(on_disk < 2 << 20, "a small file: {on_disk} bytes");
    assert!(peak < 200 << 20, "peak memory {} MB", peak >> 20);
}
