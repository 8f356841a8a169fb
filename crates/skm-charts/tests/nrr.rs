//! The NRR chart renders every element by name, U1 on top as in the table, its value, the grade
//! bands and their legend.

use skm_charts::nrr_per_element_svg;
use skm_core::ikm::ElementTally;
use skm_core::{IkmSummary, Lang, WeightConvention};

/// Whether the SVG has a `<text>` element reading exactly `text`.
fn has_text(svg: &str, text: &str) -> bool {
    svg.contains(&format!(">\n{text}\n</text>")) || svg.contains(&format!(">{text}</text>"))
}

/// The `y` of the `<text>` reading exactly `text`.
fn y_of(svg: &str, text: &str) -> f64 {
    let end = svg.find(&format!(">\n{text}\n</text>")).or_else(|| svg.find(&format!(">{text}</text>"))).unwrap();
    let start = svg[..end].rfind("<text").unwrap();
    let tag = &svg[start..end];
    let y = tag.split(" y=\"").nth(1).and_then(|rest| rest.split('"').next()).unwrap();
    y.parse().unwrap()
}

#[test]
fn nrr_chart_has_nine_labelled_bars() {
    let sums = [320, 310, 290, 400, 330, 340, 350, 300, 280];
    let summary =
        IkmSummary::from_tallies(100, sums.map(|s| ElementTally { answers: 100, sum: s }), WeightConvention::Exact);
    let svg = nrr_per_element_svg(&summary, Lang::Id, 640, 360).unwrap();
    assert!(svg.starts_with("<svg"), "{}", &svg[..80.min(svg.len())]);
    for label in ["U1 Persyaratan", "U5 Produk", "U9 Pengaduan"] {
        assert!(has_text(&svg, label), "label {label} missing");
    }
    assert!(y_of(&svg, "U1 Persyaratan") < y_of(&svg, "U9 Pengaduan"), "U1 is drawn above U9");
    for legend in ["A Sangat baik", "B Baik", "C Kurang baik", "D Tidak baik"] {
        assert!(has_text(&svg, legend), "legend {legend} missing");
    }
    assert!(has_text(&svg, "3,20"), "U1's NRR 3,20 missing");
    assert!(has_text(&svg, "2,80"), "U9's NRR 2,80 missing");
    assert!(svg.contains("Nilai rata-rata (NRR) per unsur"));
    // Four grade bands, nine bars.
    assert_eq!(svg.matches("fill=\"#1D4ED8\"").count(), 9, "{svg}");
    let en = nrr_per_element_svg(&summary, Lang::En, 640, 360).unwrap();
    assert!(en.contains("Average score (NRR) per element"));
    assert!(has_text(&en, "3.20") && has_text(&en, "U1 Requirements") && has_text(&en, "A Very good"));
}
