//! Starting a mentoring relationship and listing one's relationships.

pub mod broken_item_card;
pub mod new_relationship_form;
pub mod partner_field;
pub mod relationship_card;
pub mod relationship_home;
pub mod relationship_list;
