use leptos::prelude::*;

use crate::domain::relationship::Relationship;
use crate::ui::agreement::agreement_document::AgreementDocument;
use crate::ui::env::use_env;
use crate::ui::platform::format_date;

/// Every version that was in force, newest first, with its signatures; any
/// one can be opened to read in full.
#[component]
pub fn VersionHistory(rel: Relationship) -> impl IntoView {
    let i18n = use_env().i18n;
    let open = RwSignal::new(None::<u32>);
    let tampered = rel.agreement.tampered_versions();
    let rows = rel
        .agreement
        .versions
        .iter()
        .rev()
        .map(|v| {
            let number = v.number;
            let rel = rel.clone();
            let content = v.content.clone();
            let broken = tampered.contains(&number);
            let signed_by = v.signatures.iter().map(|s| format!("{} ({})", s.name, format_date(&s.at, i18n.locale()))).collect::<Vec<_>>().join(", ");
            view! {
                <li class="mw-version" data-version=number>
                    <button type="button" class="mw-button mw-button--link" aria-expanded=move || (open.get() == Some(number)).to_string()
                        on:click=move |_| open.update(|o| *o = if *o == Some(number) { None } else { Some(number) })>
                        {i18n.f("agr.version_n", &[("n", &number.to_string())])}
                    </button>
                    " · "{i18n.f("agr.in_force_since", &[("date", &format_date(&v.in_force_at, i18n.locale()))])}
                    " · "{i18n.f("agr.signed_by", &[("names", &signed_by)])}
                    {broken.then(|| view! { " " <span class="mw-badge mw-badge--warning">{i18n.t("agr.changed_after_signing")}</span> })}
                    {move || (open.get() == Some(number)).then(|| view! { <AgreementDocument rel=rel.clone() content=content.clone() /> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="mw-history" aria-labelledby="mw-history-heading">
            <h4 id="mw-history-heading">{i18n.tr("agr.history")}</h4>
            <ul class="mw-list" role="list">{rows}</ul>
        </section>
    }
}
