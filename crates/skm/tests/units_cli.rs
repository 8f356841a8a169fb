//! `skm unit`, `skm standards` and the batch commands' `--unit CODE --db FILE` on the database
//! of `skm serve`, with a unit of an office other than the seed ones.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use skm_core::follow_up::{FollowUpDraft, FollowUpStatus};
use skm_core::profile::Profile;
use skm_core::publication::{Medium, PublicationDraft};
use skm_core::response::ResponseRecord;
use skm_core::sampling::PopulationDraft;
use skm_server::{Filed, Store};

fn skm(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_skm")).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn office(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/offices").join(name)
}

fn ok(out: &Output) -> String {
    assert!(out.status.success(), "{}{}", text(&out.stdout), text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn a_unit_of_another_office_is_added_imported_and_reported_from_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("skm.db");
    let db = db.to_str().unwrap();
    let unit_doc = office("dpmptsp-contoh.toml");
    let standard = office("izin-reklame.toml");

    // A command that reads never makes an empty database.
    let out = skm(&["unit", "list", "--db", db]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("no such database"), "{}", text(&out.stderr));
    assert!(!Path::new(db).exists());

    let out = ok(&skm(&["unit", "add", unit_doc.to_str().unwrap(), "--db", db]));
    assert!(out.starts_with("dpmptsp-contoh  "), "{out}");
    let again = skm(&["unit", "add", unit_doc.to_str().unwrap(), "--db", db]);
    assert!(text(&again.stderr).contains("exists already"), "{}", text(&again.stderr));

    // A broken document among good ones: named with line and column, nothing stored.
    let folder = dir.path().join("standar");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(&standard, folder.join("a-izin-reklame.toml")).unwrap();
    let good = std::fs::read_to_string(&standard).unwrap();
    std::fs::write(folder.join("b-rusak.toml"), good.replacen("kind = ", "kind = = ", 1)).unwrap();
    let out = skm(&["standards", "import", "--db", db, "--unit", "dpmptsp-contoh", folder.to_str().unwrap()]);
    assert!(!out.status.success());
    let message = text(&out.stderr);
    assert!(message.contains("b-rusak.toml:4:8:"), "{message}");
    let shown = ok(&skm(&["unit", "show", "dpmptsp-contoh", "--db", db]));
    assert!(!shown.contains("izin-reklame"), "{shown}");

    std::fs::remove_file(folder.join("b-rusak.toml")).unwrap();
    let out = ok(&skm(&[
        "standards",
        "import",
        "--db",
        db,
        "--unit",
        "dpmptsp-contoh",
        "--effective",
        "2026-01-01",
        folder.to_str().unwrap(),
    ]));
    assert_eq!(out.trim(), "izin-reklame\tv1\tversi baru / new version\t2026-01-01");
    let shown = ok(&skm(&["unit", "show", "dpmptsp-contoh", "--db", db]));
    assert!(shown.contains("izin-reklame v1 sejak / from 2026-01-01: berlaku / in force: 5 hari kerja"), "{shown}");
    assert!(shown.contains("(WITA)"), "{shown}");

    // The export gives back the documents as imported.
    let out_dir = dir.path().join("ekspor");
    ok(&skm(&["standards", "export", "--db", db, "--unit", "dpmptsp-contoh", "--out", out_dir.to_str().unwrap()]));
    assert_eq!(std::fs::read_to_string(out_dir.join("izin-reklame.toml")).unwrap(), good);
    let exported = ok(&skm(&["unit", "export", "dpmptsp-contoh", "--db", db]));
    assert_eq!(exported, std::fs::read_to_string(&unit_doc).unwrap());

    // Responses filed under the unit, as the server stores them.
    {
        let mut store = Store::open(Path::new(db)).unwrap();
        let filed: Vec<Filed> = (0..3)
            .map(|i| Filed {
                unit: "dpmptsp-contoh".to_owned(),
                record: ResponseRecord {
                    // Two came by a QR code, one is from before channels were recorded.
                    channel: (i < 2).then_some(skm_core::channel::Channel::Qr),
                    ..ResponseRecord::from_parts(
                        format!("r{i}"),
                        format!("2026-0{}-10T10:00:00+08:00", i + 3),
                        "izin-reklame".to_owned(),
                        [Some(4), Some(3), Some(3), Some(4), Some(3), Some(4), Some(4), Some(2), Some(3)],
                        Profile::default(),
                        None,
                    )
                },
            })
            .collect();
        store.insert_batch(&filed).unwrap();
        // What followed last year's results and this year's: an action each, and a post.
        let action = |period: &str, action: &str, status| FollowUpDraft {
            period: period.to_owned(),
            action: action.to_owned(),
            owner: "Sekretaris".to_owned(),
            deadline: "2026-06-30".to_owned(),
            status,
            evidence: "SK Kepala Dinas".to_owned(),
            ..FollowUpDraft::default()
        };
        let now = "2026-12-01T09:00:00+08:00";
        store
            .add_follow_up("dpmptsp-contoh", &action("2025", "Loket khusus lansia", FollowUpStatus::Done), now)
            .unwrap();
        let planned = action("2026", "Pelatihan petugas reklame", FollowUpStatus::InProgress);
        store.add_follow_up("dpmptsp-contoh", &planned, now).unwrap();
        let post = PublicationDraft {
            period: "2026".to_owned(),
            medium: Medium::Instagram,
            published_on: "2026-11-20".to_owned(),
            link: "https://instagram.com/p/contoh".to_owned(),
            note: String::new(),
        };
        store.add_publication("dpmptsp-contoh", &post, now).unwrap();
        // The counter's register: 40 people asked for the permit in the first semester.
        let served = PopulationDraft {
            period: "2026-S1".to_owned(),
            service: "izin-reklame".to_owned(),
            population: 40,
            note: "buku register loket".to_owned(),
        };
        store.add_population("dpmptsp-contoh", &served, now).unwrap();
    }
    let json = ok(&skm(&["ikm", "--unit", "dpmptsp-contoh", "--db", db, "--format", "json", "--by", "none"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["respondents"], 3, "{json}");

    // SLA on the unit's calendar (WITA, Saturday mornings) and its 5-working-day promise: received
    // Friday 4 December 2026 at 10:00 WITA, due the fifth working day after, counting Saturdays
    // and skipping its own day off (3 December is before, so not counted).
    let requests = dir.path().join("requests.csv");
    std::fs::write(
        &requests,
        "id,service,channel,received_at,completed_at,status\n\
         q1,izin-reklame,tatap_muka,2026-12-04 10:00,2026-12-10 10:00,selesai\n\
         q2,izin-reklame,tatap_muka,2026-12-04 10:00,2026-12-11 10:00,selesai\n",
    )
    .unwrap();
    let deadline = ok(&skm(&[
        "deadline",
        "--received",
        "2026-12-04 10:00",
        "--service",
        "izin-reklame",
        "--unit",
        "dpmptsp-contoh",
        "--db",
        db,
    ]));
    // Sat 5, Mon 7, Tue 8, Wed 9, Thu 10: due Thursday 10 December, 10:00 WITA.
    assert_eq!(deadline.trim(), "2026-12-10T10:00:00+08:00");
    let sla_with = |extra: &[&str]| {
        let mut args = vec!["sla", "--requests", requests.to_str().unwrap(), "--unit", "dpmptsp-contoh", "--db", db];
        args.extend_from_slice(extra);
        skm(&args)
    };
    let sla = ok(&sla_with(&["--as-of", "2026-12-31", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&sla).unwrap();
    let tally = &v["requests"];
    assert_eq!((tally["met"].as_u64(), tally["breached"].as_u64()), (Some(1), Some(1)), "{sla}");
    assert_eq!(v["zone"], "WITA", "{sla}");

    // --unit and --services exclude each other.
    let both = sla_with(&["--services", "x"]);
    assert!(!both.status.success());

    // QR codes and posters of the unit's services at their unit's address.
    let qr = dir.path().join("qr");
    let written = ok(&skm(&[
        "qr",
        "--unit",
        "dpmptsp-contoh",
        "--db",
        db,
        "--base-url",
        "https://skm.contohkab.go.id",
        "--out",
        qr.to_str().unwrap(),
    ]));
    assert_eq!(written.lines().count(), 3, "{written}");
    let poster = std::fs::read_to_string(qr.join("poster-izin-reklame.svg")).unwrap();
    assert!(poster.contains("https://skm.contohkab.go.id/survei/dpmptsp-contoh/izin-reklame"), "{poster}");

    // The report of the unit from the database: its name on the cover, its three respondents.
    let report = dir.path().join("laporan");
    ok(&skm(&[
        "report",
        "--year",
        "2026",
        "--unit",
        "dpmptsp-contoh",
        "--db",
        db,
        "--out",
        report.to_str().unwrap(),
        "--no-pdf",
    ]));
    let html = std::fs::read_to_string(report.join("laporan-skm-2026.html")).unwrap();
    assert!(html.contains("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Contoh"));
    assert!(html.contains("Izin Penyelenggaraan Reklame"));
    // The follow-up chapter lists this year's recorded action with its status, the appendix last
    // year's with the share done, and the publications are counted.
    let chapter = &html[html.find("id=\"follow-up\"").unwrap()..];
    let chapter = &chapter[..chapter.find("</table>").unwrap()];
    assert!(chapter.contains("Pelatihan petugas reklame") && chapter.contains("Sedang berjalan"), "{chapter}");
    assert!(!chapter.contains("Loket khusus lansia"));
    let appendix = &html[html.find("id=\"follow-up-previous\"").unwrap()..];
    assert!(appendix.contains("Loket khusus lansia") && appendix.contains("Selesai"));
    assert!(html.contains("Tindak lanjut hasil tahun 2025: 1 dari 1 tindakan selesai (100 %)."), "the share done");
    assert!(html.contains("dipublikasikan di 1 media: Instagram."), "the media counted");
    // The method chapter checks the service's three respondents against Krejcie–Morgan for the
    // 40 people the unit recorded: 36 required.
    let method = &html[html.find("Jumlah sampel (Krejcie dan Morgan)").unwrap()..];
    let method = &method[..method.find("</table>").unwrap()];
    assert!(method.contains("Populasi (N) dari: jumlah penerima layanan yang dicatat unit per periode."), "{method}");
    assert_eq!(skm_core::sample::krejcie_morgan(40), 36);
    assert!(method.contains("<td class=\"num\">40</td><td class=\"num\">36</td><td class=\"num\">3</td>"), "{method}");
    // The profile chapter has the responses by how they came, from the server's export.
    let channels = &html[html.find("id=\"profile-channel\"").expect("a table by channel")..];
    let channels = &channels[..channels.find("</table>").unwrap()];
    assert!(channels.contains("Kode QR") && channels.contains("Tidak tercatat"), "{channels}");
    assert!(channels.contains("<td>Kode QR</td><td class=\"num\">2</td>"), "{channels}");

    // The populations counted from request files, per the unit's SKM period: the permit's two
    // requests of December; a service the unit does not offer is named and left out. Run again,
    // nothing changes and nothing more is audited.
    let counted_requests = dir.path().join("permohonan-loket.csv");
    std::fs::write(
        &counted_requests,
        "id,service,channel,received_at,completed_at,status\n\
         p1,izin-reklame,tatap_muka,2026-12-04 10:00,,proses\n\
         p2,izin-reklame,tatap_muka,2026-12-07 09:00,,proses\n\
         p3,izin-lain,tatap_muka,2026-12-07 09:00,,proses\n",
    )
    .unwrap();
    let count = || skm(&["populations", "--db", db, "--unit", "dpmptsp-contoh", counted_requests.to_str().unwrap()]);
    let first = count();
    let printed = ok(&first);
    assert!(printed.contains("\tizin-reklame\tN = 2\tsampel / sample 2"), "{printed}");
    assert!(text(&first.stderr).contains("izin-lain"), "{}", text(&first.stderr));
    ok(&count());
    let store = Store::open(Path::new(db)).unwrap();
    let kept = store.populations("dpmptsp-contoh").unwrap();
    let from_file = kept.iter().find(|r| r.draft.note.contains("permohonan-loket.csv")).expect("entered");
    assert_eq!((from_file.draft.population, from_file.version), (2, 1));
    let audited = store.audit_log().unwrap().into_iter().filter(|e| e.action.starts_with("population.")).count();
    assert_eq!(audited, 1, "audited once");
}
