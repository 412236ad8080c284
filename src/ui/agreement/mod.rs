//! The agreement builder: templates, the form, review and signing,
//! amendments, versions and exports.

pub mod actions;
pub mod agreement_conflicts;
pub mod agreement_document;
pub mod agreement_draft_view;
pub mod agreement_field;
pub mod agreement_form;
pub mod agreement_in_force;
pub mod agreement_panel;
pub mod agreement_print;
pub mod change_list;
pub mod export_bar;
pub mod signature_panel;
pub mod template_picker;
pub mod version_history;
