//! Checks of the reference catalog against the seed documents, and of the loader's errors.

use super::*;

fn catalog() -> Catalog {
    match Catalog::builtin() {
        Ok(c) => c,
        Err(e) => panic!("the reference catalog must load: {e}"),
    }
}

fn std<'a>(c: &'a Catalog, code: &str) -> &'a ServiceStandard {
    c.get(code).unwrap_or_else(|| panic!("{code} is in the catalog"))
}

#[test]
fn all_five_services_with_their_codes() {
    let c = catalog();
    let codes: Vec<&str> = c.standards().iter().map(|s| s.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "publikasi-media-sosial",
            "dokumentasi-kegiatan",
            "video-conference-streaming",
            "internet-jaringan",
            "informasi-dokumentasi-publik"
        ]
    );
    assert_eq!(std(&c, "publikasi-media-sosial").number, "7");
    assert_eq!(std(&c, "dokumentasi-kegiatan").number, "8");
    assert_eq!(std(&c, "video-conference-streaming").number, "23");
    assert_eq!(std(&c, "internet-jaringan").number, "24");
}

#[test]
fn completion_times_match_the_seeds() {
    let c = catalog();
    let s7 = &std(&c, "publikasi-media-sosial").completion_time;
    assert_eq!(s7.text, "Maksimal 1 Jam");
    assert_eq!(s7.limit, Limit::WorkingHours { amount: 1 });
    assert_eq!(s7.limit.working_minutes(), Some(60));
    assert_eq!(std(&c, "dokumentasi-kegiatan").completion_time.limit, Limit::AsRequested);
    assert_eq!(std(&c, "video-conference-streaming").completion_time.limit, Limit::WorkingDays { amount: 1 });
    assert_eq!(std(&c, "internet-jaringan").completion_time.text, "1 Hari kerja");
}

#[test]
fn complaint_tiers_differ_between_standards() {
    let c = catalog();
    let tier =
        |code: &str, t: ComplaintTier| std(&c, code).complaints.as_ref().and_then(|h| h.deadline(t)).map(|d| d.limit);
    assert_eq!(tier("publikasi-media-sosial", ComplaintTier::Ringan), Some(Limit::WorkingHours { amount: 3 }));
    assert_eq!(tier("dokumentasi-kegiatan", ComplaintTier::Normatif), Some(Limit::WorkingHours { amount: 5 }));
    assert_eq!(
        tier("publikasi-media-sosial", ComplaintTier::BerkadarPengawasan),
        Some(Limit::WorkingDays { amount: 30 })
    );
    assert_eq!(
        tier("video-conference-streaming", ComplaintTier::BerkadarPengawasan),
        Some(Limit::WorkingDays { amount: 60 })
    );
    assert_eq!(
        tier("internet-jaringan", ComplaintTier::TidakBerkadarPengawasan),
        Some(Limit::WorkingDays { amount: 14 })
    );
    // No. 23 names no SP4N-LAPOR channel; no. 7 does.
    let has_lapor = |code: &str| {
        std(&c, code)
            .complaints
            .as_ref()
            .is_some_and(|h| h.channels.iter().any(|ch| ch.channel == ComplaintChannel::Sp4nLapor))
    };
    assert!(has_lapor("publikasi-media-sosial"));
    assert!(!has_lapor("video-conference-streaming"));
}

#[test]
fn ketapang_steps_add_up_to_six_and_a_quarter_hours() {
    let c = catalog();
    let s = std(&c, "informasi-dokumentasi-publik");
    assert_eq!(s.kind, DocumentKind::Sop);
    let sop = s.sop.as_ref().unwrap();
    assert_eq!(sop.steps.len(), 8);
    assert_eq!(sop.total_minutes(), Some(375));
    assert_eq!(375.0 / 60.0, 6.25);
    assert_eq!(sop.steps[3].standard_time.limit, Limit::WorkingHours { amount: 3 });
    assert_eq!(sop.steps[1].executor, SopRole::KepalaDinas);
    assert_eq!(sop.steps[4].executor, SopRole::SubKoorPkpi);
    assert_eq!(sop.steps[7].standard_time.limit, Limit::WorkingMinutes { amount: 30, at_least: Some(15) });
    assert_eq!(sop.steps[3].output, None);
    assert_eq!(sop.effective_date, "2024-10-18");
}

#[test]
fn evaluation_rules_come_from_the_documents() {
    let c = catalog();
    let eval = |code: &str| std(&c, code).evaluation.clone();
    let e7 = eval("publikasi-media-sosial").unwrap();
    assert_eq!(e7.meetings_per_month, 1);
    assert_eq!(e7.required_roles, [Role::KepalaDinas, Role::KepalaBidang, Role::KepalaSeksi, Role::Staf]);
    assert_eq!(e7.skm_per_year, Some(1));
    assert_eq!(eval("video-conference-streaming").unwrap().skm_per_year, None);
    assert_eq!(eval("informasi-dokumentasi-publik"), None);
}

#[test]
fn staff_counts_fees_and_channels() {
    let c = catalog();
    let count = |code: &str| std(&c, code).staff_count.clone().map(|s| (s.min, s.max));
    assert_eq!(count("publikasi-media-sosial"), Some((1, 1)));
    assert_eq!(count("dokumentasi-kegiatan"), Some((1, 3)));
    assert_eq!(count("video-conference-streaming"), Some((2, 2)));
    assert_eq!(count("internet-jaringan"), Some((4, 4)));
    assert_eq!(
        std(&c, "video-conference-streaming").fee.as_ref().map(|f| f.text.as_str()),
        Some("Tidak dipungut biaya")
    );
    let channels: Vec<RequestChannel> =
        std(&c, "publikasi-media-sosial").request_channels.iter().map(|r| r.channel).collect();
    assert_eq!(
        channels,
        [
            RequestChannel::Surat,
            RequestChannel::Whatsapp,
            RequestChannel::MediaSosial,
            RequestChannel::KolaborasiInstagram,
            RequestChannel::TatapMuka
        ]
    );
    assert_eq!(std(&c, "publikasi-media-sosial").legal_basis.len(), 7);
    assert_eq!(std(&c, "dokumentasi-kegiatan").facilities.len(), 5);
}

fn builtin_text(code: &str) -> String {
    BUILTIN_DOCUMENTS.iter().find(|(f, _)| f.contains(code)).map(|(_, t)| (*t).to_owned()).unwrap_or_default()
}

#[test]
fn a_syntax_error_names_file_line_and_column() {
    let bad = "code = \"x\"\nkind = \"standar_pelayanan\"\nnumber = 7\n";
    let err = Catalog::from_documents([("bad.toml", bad)]).unwrap_err();
    match &err {
        CatalogError::Syntax { file, line, .. } => {
            assert_eq!(file, "bad.toml");
            assert_eq!(*line, 3);
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
    let message = err.to_string();
    assert!(message.starts_with("bad.toml:3:"), "{message}");
    assert!(message.contains("catalog file cannot be read"), "{message}");
}

#[test]
fn a_missing_tier_is_refused_with_the_field() {
    let text = builtin_text("video-conference-streaming");
    let start = text.find("[[complaints.tiers]]\ntier = \"berkadar_pengawasan\"").unwrap();
    let end = text[start..].find("[staff_count]").unwrap() + start;
    let broken = format!("{}{}", &text[..start], &text[end..]);
    let err = Catalog::from_documents([("vc.toml", broken.as_str())]).unwrap_err();
    let message = err.to_string();
    assert!(matches!(err, CatalogError::Invalid { ref field, .. } if field == "complaints.tiers"), "{message}");
    assert!(message.contains("vc.toml"), "{message}");
    assert!(message.contains("all four tiers are required"), "{message}");
}

#[test]
fn a_wrong_sop_total_is_refused() {
    let text = builtin_text("informasi-dokumentasi-publik").replace("amount = 375", "amount = 360");
    let err = Catalog::from_documents([("sop.toml", text.as_str())]).unwrap_err();
    assert!(err.to_string().contains("375"), "{err}");
}

#[test]
fn duplicate_codes_are_refused() {
    let text = builtin_text("internet-jaringan");
    let err = Catalog::from_documents([("a.toml", text.as_str()), ("b.toml", text.as_str())]).unwrap_err();
    assert!(matches!(err, CatalogError::Duplicate { ref file, .. } if file == "b.toml"));
}

#[test]
fn an_unknown_field_is_refused() {
    let text = builtin_text("internet-jaringan").replace("product =", "produk = \"x\"\nproduct =");
    let err = Catalog::from_documents([("x.toml", text.as_str())]).unwrap_err();
    assert!(err.to_string().contains("produk"), "{err}");
}
