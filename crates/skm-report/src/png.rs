//! Charts as PNG, rasterised in Rust from their SVG with the machine's fonts.

use resvg::{tiny_skia, usvg};

use crate::ReportError;

/// The fonts, loaded once per report: the system's, with a sans-serif that exists here.
pub struct Fonts(usvg::Options<'static>);

impl Fonts {
    /// Loads the system fonts.
    pub fn load() -> Fonts {
        let mut options = usvg::Options::default();
        let db = options.fontdb_mut();
        db.load_system_fonts();
        // The charts ask for "sans-serif"; fontdb maps it to Arial, which Linux rarely has.
        let has = |name: &str| db.faces().any(|f| f.families.iter().any(|(n, _)| n == name));
        let family = ["Arial", "Liberation Sans", "DejaVu Sans", "Noto Sans"].into_iter().find(|n| has(n));
        if let Some(family) = family {
            let family = family.to_owned();
            db.set_sans_serif_family(family);
        }
        Fonts(options)
    }

    /// True when at least one font was found (without, text would be missing from the PNG).
    pub fn any(&self) -> bool {
        !self.0.fontdb.is_empty()
    }

    /// The chart as PNG bytes at `scale` times its size.
    pub fn png(&self, name: &str, svg: &str, scale: f32) -> Result<Vec<u8>, ReportError> {
        let fail = |message: String| ReportError::Chart { name: name.to_owned(), message };
        let tree = usvg::Tree::from_str(svg, &self.0).map_err(|e| fail(e.to_string()))?;
        let size = tree.size().to_int_size();
        let (w, h) = ((size.width() as f32 * scale).ceil() as u32, (size.height() as f32 * scale).ceil() as u32);
        let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or_else(|| fail(format!("{w}×{h}")))?;
        resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
        pixmap.encode_png().map_err(|e| fail(e.to_string()))
    }
}
