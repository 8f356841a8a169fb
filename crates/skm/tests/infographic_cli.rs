//! `skm infografis`: the square PNG is 1080×1080 and shows the IKM that the public results give;
//! the A4 SVG holds the same figure; a period with too few respondents is refused.

use std::path::Path;
use std::process::Command;

use skm_core::profile::Profile;
use skm_core::response::ResponseRecord;
use skm_report::{infographic_svg, Fonts, Layout};
use skm_server::Store;

const UNIT: &str = "dinkominfo-purbalingga";

fn skm(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_skm")).args(args).output().unwrap()
}

/// The pixels of a PNG, RGBA, with its size.
fn pixels(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes)).read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

#[test]
fn the_square_infographic_is_1080_px_and_shows_the_units_ikm() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("skm.db");
    let mut store = Store::open(&db).unwrap();
    store.seed_demo_units(jiff::civil::date(2026, 1, 1)).unwrap();
    let records: Vec<ResponseRecord> = (0..12u32)
        .map(|i| {
            let s = if i % 3 == 0 { 4 } else { 3 };
            ResponseRecord::from_parts(
                format!("00000000-0000-4000-8000-{i:012}"),
                format!("2026-0{}-10T10:00:00+07:00", 7 + i % 3),
                "internet-jaringan".to_owned(),
                [Some(s), Some(3), Some(4), Some(4), Some(3), Some(s), Some(4), Some(2), Some(3)],
                Profile::default(),
                None,
            )
        })
        .collect();
    store.insert_many(&records).unwrap();
    let unit = store.unit(UNIT).unwrap().unwrap().unit;
    let csv = store.export_csv(Some(UNIT)).unwrap();
    drop(store);
    let results =
        skm_server::public_results(&unit, &csv, &skm_server::Records::default(), skm_server::now_wib().date(), None)
            .unwrap();
    let ikm = skm_core::format::decimal_id(results.overall.as_ref().unwrap().summary.ikm.unwrap(), 2);

    let out = dir.path().join("infografis");
    let run = skm(&["infografis", "--db", db.to_str().unwrap(), "--unit", UNIT, "--out", out.to_str().unwrap()]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let stem = format!("infografis-{UNIT}-2026-S2");
    let png = std::fs::read(out.join(format!("{stem}.png"))).unwrap();
    let (width, height, shown) = pixels(&png);
    assert_eq!((width, height), (1080, 1080));
    let svg = std::fs::read_to_string(out.join(format!("{stem}.svg"))).unwrap();
    assert!(svg.contains(&format!(">{ikm}</text>")), "{ikm} not in the SVG");
    let a4 = std::fs::read_to_string(out.join(format!("{stem}-a4.svg"))).unwrap();
    assert!(a4.contains("width=\"210mm\" height=\"297mm\"") && a4.contains(&format!(">{ikm}</text>")));

    // The PNG shows the IKM: drawn without its figure, the picture differs, and only there.
    let ikm_text = format!(">{ikm}</text>");
    let without = svg.replace(&ikm_text, "></text>");
    let fonts = Fonts::load();
    let (_, _, blank) = pixels(&fonts.png("tanpa-ikm", &without, 1.0).unwrap());
    let changed: Vec<(u32, u32)> = shown
        .chunks(4)
        .zip(blank.chunks(4))
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(i, _)| (i as u32 % width, i as u32 / width))
        .collect();
    assert!(changed.len() > 5_000, "the IKM's figure drew {} pixels", changed.len());
    assert!(changed.iter().all(|&(x, y)| (60..540).contains(&x) && (300..560).contains(&y)), "drawn outside its place");
    // The same picture as the library draws for the same results.
    assert_eq!(svg, infographic_svg(&results, Layout::Square, skm_core::Lang::Id).unwrap());

    // A period without enough respondents is refused, naming it.
    let run = skm(&[
        "infografis",
        "--db",
        db.to_str().unwrap(),
        "--unit",
        UNIT,
        "--period",
        "2026-S1",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!run.status.success());
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(said.contains("2026-S1") && said.contains("nothing to publish"), "{said}");
    assert!(!Path::new(&out.join(format!("infografis-{UNIT}-2026-S1.png"))).exists());
}
