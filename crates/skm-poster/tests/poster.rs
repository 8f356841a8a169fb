//! The QR code and the poster.

use skm_poster::{poster_svg, qr_address, qr_matrix, qr_png, qr_svg, Poster, QUIET_ZONE};

const URL: &str = "https://skm.purbalinggakab.go.id/survei/publikasi-media-sosial";

#[test]
fn the_png_holds_the_same_modules_as_the_matrix() {
    let matrix = qr_matrix(URL).unwrap();
    let n = matrix.len();
    assert!(n >= 21 && (n - 21).is_multiple_of(4), "a QR version has 21 + 4k modules: {n}");
    // The three finder patterns: dark corners.
    assert!(matrix[0][0] && matrix[0][n - 1] && matrix[n - 1][0]);
    let png = qr_png(URL, 8).unwrap();
    let decoder = png::Decoder::new(std::io::Cursor::new(png));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    let side = (n + 2 * QUIET_ZONE) * 8;
    assert_eq!((info.width as usize, info.height as usize), (side, side));
    for (r, row) in matrix.iter().enumerate() {
        for (c, dark) in row.iter().enumerate() {
            let (x, y) = ((c + QUIET_ZONE) * 8 + 4, (r + QUIET_ZONE) * 8 + 4);
            assert_eq!(pixels[y * side + x] == 0, *dark, "module {r},{c}");
        }
    }
    assert_eq!(pixels[0], 255, "quiet zone is light");
}

#[test]
fn svg_and_poster() {
    let svg = qr_svg(URL, 512).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("shape-rendering=\"crispEdges\""));
    let poster = poster_svg(&Poster {
        service: "Publikasi Konten Media Sosial",
        service_en: "Social media publication",
        unit: "Dinkominfo Kabupaten Purbalingga",
        url: URL,
    })
    .unwrap();
    assert!(poster.contains("width=\"210mm\" height=\"297mm\""));
    for text in ["Publikasi Konten Media Sosial", URL, "Pindai kode ini", "Scan the code"] {
        assert!(poster.contains(text), "{text}");
    }
    let escaped = poster_svg(&Poster { service: "A & B <C>", service_en: "", unit: "", url: URL }).unwrap();
    assert!(escaped.contains("A &amp; B &lt;C&gt;"));
    assert!(qr_matrix(&"x".repeat(5000)).is_err(), "too long for a QR code");
}

#[test]
fn a_code_says_it_is_a_code_and_the_printed_address_stays_plain() {
    assert_eq!(qr_address(URL), format!("{URL}?via=qr"));
    assert_eq!(qr_address("https://x.go.id/survei/a?lang=en"), "https://x.go.id/survei/a?lang=en&via=qr");
    let poster = poster_svg(&Poster { service: "S", service_en: "", unit: "U", url: URL }).unwrap();
    assert!(!poster.contains("via=qr"), "the address printed for typing has no parameter");
    // The poster's code is the code of the address with ?via=qr (a different pattern than the
    // plain address's).
    assert_ne!(qr_matrix(&qr_address(URL)).unwrap(), qr_matrix(URL).unwrap());
}
