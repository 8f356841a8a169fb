//! How to fill an empty view: for each kind of file it needs, its columns (the format) and a
//! template to download, as CSV and XLSX, from the server's `/api/v1/templates/`.

use skm_core::year::FileKind;
use skm_core::{Lang, Text};
use yew::prelude::*;

use crate::texts;

/// The files that would fill a view, each with its format and its templates.
pub(super) fn how_to_fill(kinds: &[FileKind], l: Lang) -> Html {
    if kinds.is_empty() {
        return html! {};
    }
    html! {
        <div class="to-fill">
            <p class="muted">{ texts::TO_FILL.get(l) }</p>
            <ul class="to-fill-kinds">
                { for kinds.iter().map(|&kind| kind_entry(kind, l)) }
            </ul>
        </div>
    }
}

fn kind_entry(kind: FileKind, l: Lang) -> Html {
    let stem = kind.file_stem();
    let link = |format: &str, label: Text| {
        html! {
            <a class="template-link" href={ format!("/api/v1/templates/{stem}.{format}") } download={ format!("{stem}.{format}") }>
                { label.get(l) }
            </a>
        }
    };
    html! {
        <li class="to-fill-kind" id={ format!("to-fill-{stem}") }>
            <details class="file-format">
                <summary>
                    <strong>{ kind.label().get(l) }</strong>{ " · " }<code>{ format!("{stem}.csv") }</code>
                    <span class="muted">{ " · " }{ texts::FILE_FORMAT.get(l) }</span>
                </summary>
                <div class="table-scroll" tabindex="0" role="region" aria-label={kind.label().get(l)}>
                    <table class="data format-table">
                        <thead><tr>
                            <th>{ texts::COLUMN.get(l) }</th><th>{ texts::REQUIRED.get(l) }</th>
                            <th>{ texts::HOLDS.get(l) }</th><th>{ texts::EXAMPLE.get(l) }</th>
                        </tr></thead>
                        <tbody>
                            { for kind.columns().iter().map(|c| html! {
                                <tr>
                                    <td><code>{ c.name }</code></td>
                                    <td>{ if c.required { texts::YES.get(l) } else { "" } }</td>
                                    <td>{ c.meaning.get(l) }</td>
                                    <td><code>{ c.example }</code></td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            </details>
            <span class="template-links">{ link("csv", texts::TEMPLATE_CSV) }{ link("xlsx", texts::TEMPLATE_XLSX) }</span>
        </li>
    }
}
