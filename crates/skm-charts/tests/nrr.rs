//! The NRR chart renders every element, its value and the grade bands.

use skm_charts::nrr_per_element_svg;
use skm_core::ikm::ElementTally;
use skm_core::{IkmSummary, Lang, WeightConvention};

/// Whether the SVG has a `<text>` element reading exactly `text`.
fn has_text(svg: &str, text: &str) -> bool {
    svg.contains(&format!(">\n{text}\n</text>")) || svg.contains(&format!(">{text}</text>"))
}

#[test]
fn nrr_chart_has_nine_labelled_bars() {
    let sums = [320, 310, 290, 400, 330, 340, 350, 300, 280];
    let summary =
        IkmSummary::from_tallies(100, sums.map(|s| ElementTally { answers: 100, sum: s }), WeightConvention::Exact);
    let svg = nrr_per_element_svg(&summary, Lang::Id, 640, 360).unwrap();
    assert!(svg.starts_with("<svg"), "{}", &svg[..80.min(svg.len())]);
    for id in ["U1", "U5", "U9"] {
        assert!(has_text(&svg, id), "label {id} missing");
    }
    assert!(has_text(&svg, "3,20"), "U1's NRR 3,20 missing");
    assert!(has_text(&svg, "2,80"), "U9's NRR 2,80 missing");
    assert!(svg.contains("Nilai rata-rata (NRR) per unsur"));
    // Four grade bands, nine bars.
    assert_eq!(svg.matches("fill=\"#1D4ED8\"").count(), 9, "{svg}");
    let en = nrr_per_element_svg(&summary, Lang::En, 640, 360).unwrap();
    assert!(en.contains("Average score (NRR) per element"));
}
