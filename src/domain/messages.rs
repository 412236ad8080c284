//! Every piece of text a person sees, by message key.
//!
//! English ships in the build; a host passes `locale` and `text` overrides
//! (vendors rename things, portals translate). Lookup order: override, then
//! the locale's table, then English, then the key itself, so a missing text
//! is visible and never crashes.

use std::collections::BTreeMap;

/// English texts of the main module (the home, the relationship page, the
/// shell, errors), sorted by key (a test keeps each table sorted and unique).
/// `{name}` marks a value filled in at display time.
pub const EN: &[(&str, &str)] = &[
    ("bridge.conflict", "Someone else changed this at the same time."),
    ("bridge.forbidden", "You are not allowed to do this here."),
    ("bridge.misconfigured", "The mentoring widget is not set up correctly on this page."),
    ("bridge.misconfigured_hint", "Portal team: the browser console says what is missing."),
    ("bridge.not_found", "It no longer exists."),
    ("bridge.quota", "Storage is full."),
    ("bridge.timeout", "Storage took too long to answer."),
    ("bridge.unavailable", "Storage cannot be reached right now."),
    ("due.in_days", "Next check-in {date}, in {n} days"),
    ("due.overdue", "Check-in overdue since {date} ({n} days)"),
    ("due.today", "Check-in due today"),
    ("due.tomorrow", "Next check-in tomorrow, {date}"),
    ("error.agr_cadence_sparse", "At this rhythm you would meet fewer than twice before the planned end: meet more often or plan a later end."),
    ("error.agr_choice_required", "Choose one of the options."),
    ("error.agr_date", "Enter a real date, as year-month-day (for example 2026-03-01)."),
    ("error.agr_date_required", "Enter a date."),
    ("error.agr_end_before_start", "The planned end must come after the start."),
    ("error.agr_list_required", "Add at least one, one per line."),
    ("error.agr_number", "Enter a whole number from {min} to {max}."),
    ("error.agr_required", "Fill this in."),
    ("error.agr_review_order", "The review must fall between the start and the planned end. Half-way would be {date}."),
    ("error.agr_term_too_long", "Plan at most three years; you can agree a new term later with an amendment."),
    ("error.doc_invalid", "The stored data is incomplete or damaged."),
    ("error.doc_migration_failed", "This was saved by an older version and could not be upgraded."),
    ("error.doc_newer_schema", "This was saved by a newer version of the widget. Nothing has been changed; ask your portal team to update the widget."),
    ("error.doc_not_envelope", "The stored data is not in a format this widget writes."),
    ("error.doc_not_json", "The stored data is damaged and cannot be read."),
    ("error.doc_too_large", "The stored data is too large to open."),
    ("error.doc_unknown_kind", "The stored data holds something other than a mentoring relationship."),
    ("error.goal_closed", "This goal is finished; it can no longer change."),
    ("error.goal_drop_reason", "Say briefly why the goal is dropped; it helps you both later."),
    ("error.goal_not_achieved", "The goal has not been marked as achieved yet."),
    ("error.goal_not_party", "Only the mentor and the mentee can do this."),
    ("error.goal_own_confirmation", "The other person confirms an achieved goal: you cannot confirm your own."),
    ("error.goal_progress_range", "Progress is a percentage from 0 to 100."),
    ("error.goal_title_required", "Give the goal a title."),
    ("error.kind_required", "Choose the kind of mentoring."),
    ("error.lifecycle_closed", "This relationship is closed; nothing in it can change any more."),
    ("error.lifecycle_not_now", "That step is not possible at this point of the relationship."),
    ("error.not_a_party", "Only the two people in this relationship can do that."),
    ("error.partner_email_invalid", "Check the email address: it should look like name@example.com."),
    ("error.partner_email_required", "Enter your partner's work email: it is how they will find this relationship when they sign in."),
    ("error.partner_is_self", "Your partner must be someone other than you."),
    ("error.partner_required", "Enter your partner's name, or pick them from the directory."),
    ("error.role_required", "Choose whether you are the mentor or the mentee."),
    ("error.sign_already", "You have already signed this version."),
    ("error.sign_changed", "The agreement changed since you opened it, so nothing was signed. Read the changes below, then sign again."),
    ("error.sign_closed", "This relationship is closed; its agreement can no longer change."),
    ("error.sign_incomplete", "The agreement is not complete yet: fix the parts marked below, then sign."),
    ("error.sign_not_party", "Only the mentor and the mentee can sign this agreement."),
    ("error.sign_nothing", "There is nothing to sign yet."),
    ("form.cancel", "Cancel"),
    ("form.directory_no_match", "No one found in the directory. You can keep the name as typed."),
    ("form.directory_unavailable", "The directory cannot be searched right now. You can type the name."),
    ("form.errors_summary", "Some details need your attention:"),
    ("form.heading", "Start a mentoring relationship"),
    ("form.kind_legend", "Kind of mentoring"),
    ("form.partner_email_hint", "They will find the relationship when they sign in with this address."),
    ("form.partner_email_label", "Partner's email"),
    ("form.partner_hint", "Search your company directory, or type their name."),
    ("form.partner_label", "Your partner"),
    ("form.partner_picked", "Picked from the directory: {name}"),
    ("form.retry", "Try again"),
    ("form.role_legend", "Your role"),
    ("form.save_failed", "Not saved: {reason} Everything you entered is still here."),
    ("form.saving", "Saving…"),
    ("form.submit", "Propose relationship"),
    ("home.created", "Relationship with {name} proposed."),
    ("home.empty", "You have no mentoring relationships yet. Start one to agree goals and meet regularly."),
    ("home.heading", "Your mentoring relationships"),
    ("home.load_failed", "Your relationships could not be loaded: {reason}"),
    ("home.retry", "Try again"),
    ("home.start", "Start a relationship"),
    ("kind.peer", "Peer mentoring"),
    ("kind.peer_hint", "Two colleagues at a similar level learn from each other."),
    ("kind.reverse", "Reverse mentoring"),
    ("kind.reverse_hint", "A junior colleague mentors a leader, for example on new tools or ways of working."),
    ("kind.traditional", "Traditional mentoring"),
    ("kind.traditional_hint", "An experienced colleague mentors a less experienced one."),
    ("list.broken_hint", "It was left exactly as stored. Your portal team can look at it: {key}"),
    ("list.broken_title", "One item could not be opened"),
    ("list.created_on", "created {date}"),
    ("list.with", "with {name}"),
    ("list.you_are_mentee", "You are the mentee"),
    ("list.you_are_mentor", "You are the mentor"),
    ("overview.action", "{text} ({name})"),
    ("overview.activity", "Latest activity"),
    ("overview.goal_progress", "Progress: {n}%"),
    ("overview.goals", "Goals at a glance"),
    ("overview.need_checkin_overdue", "A check-in is overdue since {date} ({n} days)."),
    ("overview.need_checkin_today", "A check-in is due today."),
    ("overview.need_confirm", "Your partner marked “{title}” as achieved: confirm it."),
    ("overview.need_reflect", "Add your reflection so the relationship can close."),
    ("overview.need_review", "The mid-point review is due."),
    ("overview.need_sign", "The agreement is waiting for your signature."),
    ("overview.need_start", "Write your mentoring agreement together."),
    ("overview.needs", "What needs you now"),
    ("overview.next", "Next check-in"),
    ("overview.no_goals", "No goals yet."),
    ("overview.no_meetings", "No check-ins are expected right now."),
    ("overview.no_open_actions", "No open action items."),
    ("overview.nothing_needed", "Nothing needs you right now."),
    ("overview.open_actions", "Open action items"),
    ("overview.percent", "{n}%"),
    ("overview.to_agreement", "Open the agreement"),
    ("overview.to_checkins", "Open the check-ins"),
    ("overview.to_goals", "Open the goals"),
    ("page.back", "← All relationships"),
    ("role.mentee", "Mentee"),
    ("role.mentee_hint", "I want to learn and grow."),
    ("role.mentor", "Mentor"),
    ("role.mentor_hint", "I share my experience and guide."),
    ("shell.brand", "Mentoring"),
    ("shell.feature_failed", "This part could not be loaded. Check your connection and try again."),
    ("shell.load_failed", "The mentoring widget could not be loaded. Please reload the page or try again later."),
    ("shell.loading", "Loading…"),
    ("shell.local_only", "Saved in this browser only: your portal has not connected shared storage yet."),
    ("shell.signed_in_as", "Signed in as {name}"),
    ("state.active", "Active"),
    ("state.closed", "Closed"),
    ("state.closing", "Moving on"),
    ("state.midpoint_review", "Mid-point review"),
    ("state.paused", "Paused"),
    ("state.proposed", "Proposed"),
    ("tab.agreement", "Agreement"),
    ("tab.checkins", "Check-ins"),
    ("tab.goals", "Goals"),
    ("tab.list", "Parts of this relationship"),
    ("tab.overview", "Overview"),
    ("tab.timeline", "Timeline"),
    ("unsaved.not_kept", "This browser tab cannot keep a copy of your unsaved changes, so they would be lost if the page reloads before they are saved. You can keep working."),
];

/// English texts of the agreement screens (`agr.*`, `tpl.*`). Each feature
/// module carries only its own texts beside the main ones: every module
/// repeats whatever table it holds, and the portal's first load holds none
/// of these (about 7 KiB gzip for the three).
pub const EN_AGREEMENT: &[(&str, &str)] = &[
    ("agr.amend", "Propose an amendment"),
    ("agr.amending", "Amendment to version {n}, not in force yet"),
    ("agr.arranger", "Who arranges the meetings"),
    ("agr.arranger.either", "Either of us"),
    ("agr.arranger.mentee", "The mentee"),
    ("agr.arranger.mentor", "The mentor"),
    ("agr.back_to_editing", "Back to editing"),
    ("agr.carried", "The agreement changed while you were editing (it came into force, or the amendment was dropped). Your unsaved changes were kept and saved as a new amendment for both of you to sign."),
    ("agr.changed", "changed"),
    ("agr.changed_after_signing", "Changed after signing"),
    ("agr.changed_since_caption", "What changed since you opened it"),
    ("agr.changes_after", "Proposed"),
    ("agr.changes_before", "Now in force"),
    ("agr.changes_caption", "What this amendment changes"),
    ("agr.changes_field", "Part"),
    ("agr.channels", "Channels"),
    ("agr.channels_hint", "For example chat, email."),
    ("agr.choose", "Choose…"),
    ("agr.close_print", "Close the print view"),
    ("agr.confidentiality", "What stays between us"),
    ("agr.conflicts", "You and your partner changed the same parts at the same time. Choose which to keep for each; everything else was combined."),
    ("agr.discard_amendment", "Drop this amendment"),
    ("agr.discard_changed", "Your partner changed this amendment since you opened it, so nothing was dropped. Their changes are shown now."),
    ("agr.download_json", "Download JSON"),
    ("agr.download_md", "Download Markdown"),
    ("agr.draft", "Draft, not signed yet"),
    ("agr.empty_value", "(empty)"),
    ("agr.end", "Planned end"),
    ("agr.every_days", "Days between meetings"),
    ("agr.every_days_hint", "Only for \"every few days\": a number from 1 to 90."),
    ("agr.exceptions", "Exceptions"),
    ("agr.exceptions_hint", "When something may or must be shared, and with whom."),
    ("agr.exit", "How either of us can end early"),
    ("agr.exit_hint", "A no-fault way out: no reason needed, no blame."),
    ("agr.exit_notice", "Notice to end early"),
    ("agr.exit_notice_hint", "In days; 0 means at once."),
    ("agr.export", "Keep a copy"),
    ("agr.fix_before_signing", "Before you can review and sign, complete these parts:"),
    ("agr.format", "How we meet"),
    ("agr.format.in_person", "In person"),
    ("agr.format.mixed", "A mix"),
    ("agr.format.phone", "Phone"),
    ("agr.format.video", "Video call"),
    ("agr.frequency", "How often we meet"),
    ("agr.frequency.every_n_days", "Every few days (say how many)"),
    ("agr.frequency.fortnightly", "Every two weeks"),
    ("agr.frequency.monthly", "Every month"),
    ("agr.frequency.weekly", "Every week"),
    ("agr.goals", "What we want to reach"),
    ("agr.history", "Versions"),
    ("agr.hours", "Contact hours"),
    ("agr.hours_hint", "For example \"weekdays 9:00–17:00\"."),
    ("agr.in_force", "In force"),
    ("agr.in_force_since", "in force since {date}"),
    ("agr.in_scope", "Topics we cover"),
    ("agr.keep_mine", "Keep mine"),
    ("agr.kind", "Kind"),
    ("agr.length", "Length of a meeting"),
    ("agr.length_hint", "In minutes."),
    ("agr.list_hint", "One per line."),
    ("agr.mentee_commitments", "The mentee commits to"),
    ("agr.mentor_commitments", "The mentor commits to"),
    ("agr.no_changes", "No changes yet: edit the parts you want to change."),
    ("agr.none_yet", "You have no agreement yet. Start from a template and make it yours; both of you can edit it, and it comes into force when you have both signed."),
    ("agr.not_signed", "Not signed yet."),
    ("agr.notice", "Notice to move a meeting"),
    ("agr.notice_hint", "In hours."),
    ("agr.off_limits", "Topics we keep out"),
    ("agr.other", "Anything else we agreed"),
    ("agr.pick_template", "Start from"),
    ("agr.place", "Place or link"),
    ("agr.place_hint", "A room, a café, or the video link."),
    ("agr.print", "Print or save as PDF"),
    ("agr.print_view", "Print view"),
    ("agr.purpose", "Why we are meeting"),
    ("agr.purpose_hint", "In a sentence or two: what this mentorship is for."),
    ("agr.reply", "Expected reply time"),
    ("agr.reply_hint", "For example \"within two working days\"."),
    ("agr.restored", "Changes you made before the page reloaded were not saved yet; they are back and will be saved now."),
    ("agr.review", "Mid-point review"),
    ("agr.review_and_sign", "Review and sign"),
    ("agr.review_hint", "Half-way is a good moment to check the pairing works."),
    ("agr.review_suggestion", "Half-way would be {date}."),
    ("agr.save_failed", "Not saved: {reason} Your changes are kept in this tab."),
    ("agr.saved", "All changes saved"),
    ("agr.section.boundaries", "Boundaries"),
    ("agr.section.commitments", "Commitments"),
    ("agr.section.confidentiality", "Confidentiality"),
    ("agr.section.contact", "Contact between meetings"),
    ("agr.section.dates", "Dates"),
    ("agr.section.exit", "Ending early, without blame"),
    ("agr.section.goals", "Goals"),
    ("agr.section.meetings", "Meetings"),
    ("agr.section.other", "Anything else"),
    ("agr.section.purpose", "Purpose and success"),
    ("agr.sign_as", "Sign as {name} ({role})"),
    ("agr.signatures", "Signatures"),
    ("agr.signed_by", "signed by {names}"),
    ("agr.start", "Start"),
    ("agr.start_drafting", "Start drafting"),
    ("agr.success", "What success looks like"),
    ("agr.success_hint", "How will you both know it worked?"),
    ("agr.take_theirs", "Take theirs"),
    ("agr.theirs", "Theirs:"),
    ("agr.title", "Mentoring agreement"),
    ("agr.unit_days", "{n} days"),
    ("agr.unit_hours", "{n} hours"),
    ("agr.unit_minutes", "{n} minutes"),
    ("agr.unsaved", "Unsaved changes…"),
    ("agr.use_date", "Use this date"),
    ("agr.version_in_force", "Version {n}, in force since {date}."),
    ("agr.version_n", "Version {n}"),
    ("agr.you_signed", "You have signed"),
    ("agr.yours", "Yours:"),
    ("tpl.channels", "Chat for quick questions, email for anything longer"),
    ("tpl.confidentiality", "What we talk about stays between us. Notes we share in this tool are for the two of us."),
    ("tpl.exceptions", "Anything that puts someone's safety at risk, or that the law or company policy requires us to report."),
    ("tpl.exit", "Either of us can end this mentorship at any time, for any reason, without blame. We will say so in a short message and thank each other."),
    ("tpl.hours", "Weekdays, during working hours"),
    ("tpl.off_limits", "Performance ratings and pay"),
    ("tpl.onboarding", "New-hire onboarding"),
    ("tpl.onboarding.in_scope", "How work gets done here\nPeople and teams to know\nTools and processes"),
    ("tpl.onboarding.mentee", "Ask questions early\nShare what is confusing\nNote what could make onboarding better"),
    ("tpl.onboarding.mentor", "Check in every week\nIntroduce the new colleague to the right people\nAnswer questions without judgement"),
    ("tpl.onboarding.purpose", "To help a new colleague settle in quickly: how things work here, who to ask, and what good looks like."),
    ("tpl.onboarding.success", "After ninety days the new colleague works independently and knows who to turn to."),
    ("tpl.peer", "Peer mentoring"),
    ("tpl.peer.commitments", "Share the airtime equally\nBe honest and kind\nKeep our meetings"),
    ("tpl.peer.in_scope", "Our current projects\nSkills each of us wants to build\nFeedback on each other's work"),
    ("tpl.peer.purpose", "Two colleagues at a similar level help each other grow by sharing what works and trying things out."),
    ("tpl.peer.success", "Each of us reaches at least one goal and we both have a trusted sounding board."),
    ("tpl.reply", "Within two working days"),
    ("tpl.reverse", "Reverse mentoring"),
    ("tpl.reverse.in_scope", "Digital tools and habits\nHow newer colleagues experience the organisation\nCulture and inclusion"),
    ("tpl.reverse.mentee", "Listen without defending\nTry one new thing between meetings\nProtect this time in my calendar"),
    ("tpl.reverse.mentor", "Speak openly, even when it is uncomfortable\nShow rather than tell\nCome with one topic each time"),
    ("tpl.reverse.off_limits", "Performance ratings and pay\nDecisions about individual colleagues"),
    ("tpl.reverse.purpose", "A junior colleague mentors a leader on new tools, ways of working and how the organisation looks from where they stand."),
    ("tpl.reverse.success", "The leader uses what they learned in their own work, and both of us see the organisation a little differently."),
    ("tpl.standard", "Standard one-to-one"),
    ("tpl.standard.in_scope", "Career direction\nSkills the mentee wants to build\nNavigating the organisation"),
    ("tpl.standard.mentee", "Set the agenda for each meeting\nFollow through on agreed actions\nAsk for what I need"),
    ("tpl.standard.mentor", "Come prepared and on time\nShare experience honestly, including mistakes\nGive candid, kind feedback"),
    ("tpl.standard.purpose", "To help the mentee grow in their role and career through regular conversations with an experienced colleague."),
    ("tpl.standard.success", "The mentee reaches the goals below and feels more confident about their next step."),
];

/// English texts of the goal tracker (`goal.*`, `coach.*`).
pub const EN_GOALS: &[(&str, &str)] = &[
    ("coach.a_missing", "What makes this doable for you: time, support, what you already know? A line here keeps it realistic."),
    ("coach.m_missing", "How will you both know you got there? Add a measure: a number, a result, or something you can show."),
    ("coach.m_unclear", "The measure is hard to check. Could you put a number on it, or name what you will be able to show?"),
    ("coach.r_missing", "Why does this matter to you? A sentence on why keeps it alive when things get busy."),
    ("coach.r_unrelated", "This does not seem to connect to what your agreement says you are working on. That is fine if you both agree; otherwise, say how it relates."),
    ("coach.s_several", "This looks like more than one goal. Consider splitting it, so each can be tracked and celebrated on its own."),
    ("coach.s_short", "Say a little more about what exactly you will do: a goal someone else could picture is easier to reach."),
    ("coach.s_vague", "This reads like a wish. What would you see or do differently when it is reached? A number or a concrete result helps."),
    ("coach.t_far", "That date is more than two years away. Is there a nearer milestone you could aim for first?"),
    ("coach.t_missing", "Pick a date to aim for; it can change later."),
    ("coach.t_past", "The date has already passed or is today. Choose a date ahead of you."),
    ("goal.add", "Add goal"),
    ("goal.add_milestone", "Add step"),
    ("goal.chart_alt", "Progress over time: {points}."),
    ("goal.chart_caption", "Progress over time, one point for each change."),
    ("goal.chart_point", "{value}% on {date}"),
    ("goal.clashed", "Your partner changed this goal at the same time ({fields}). Your version is shown: save again to keep it."),
    ("goal.close", "Close"),
    ("goal.coach_ok", "This goal is specific, measurable, achievable, relevant and time-bound. Nicely done."),
    ("goal.coach_title", "SMART coach"),
    ("goal.confirm_achieved", "Confirm it is achieved"),
    ("goal.csv.due", "Due"),
    ("goal.csv.measure", "Measure"),
    ("goal.csv.milestones", "Milestones"),
    ("goal.csv.owner", "Owner"),
    ("goal.csv.progress", "Progress (%)"),
    ("goal.csv.status", "Status"),
    ("goal.csv.title", "Goal"),
    ("goal.download_csv", "Download CSV"),
    ("goal.drop_reason", "Why it is dropped"),
    ("goal.due_on", "due {date}"),
    ("goal.field.achievable", "What makes it doable (Achievable)"),
    ("goal.field.description", "Description"),
    ("goal.field.due", "By when (Time-bound)"),
    ("goal.field.measure", "How it will be measured (Measurable)"),
    ("goal.field.milestones", "steps"),
    ("goal.field.priority", "order"),
    ("goal.field.progress", "progress"),
    ("goal.field.relevant", "Why it matters (Relevant)"),
    ("goal.field.specific", "What exactly (Specific)"),
    ("goal.field.status", "status"),
    ("goal.field.title", "Goal"),
    ("goal.filter_any", "Any"),
    ("goal.filter_owner", "Whose"),
    ("goal.filter_status", "Status"),
    ("goal.hint.achievable", "Time, support or skills you can count on."),
    ("goal.hint.description", "Optional: anything that helps you both picture it."),
    ("goal.hint.due", "A date ahead of you; it can change later."),
    ("goal.hint.measure", "A number, a result, or something you can show."),
    ("goal.hint.relevant", "How it connects to why you are meeting."),
    ("goal.hint.specific", "What will you do, or have, when it is reached?"),
    ("goal.mark_achieved", "Mark as achieved"),
    ("goal.milestones", "Steps on the way"),
    ("goal.move_down", "Move down: {title}"),
    ("goal.move_up", "Move up: {title}"),
    ("goal.new_milestone", "New step"),
    ("goal.new_milestone_due", "Step due (optional)"),
    ("goal.new_title", "New goal"),
    ("goal.no_history", "No progress recorded yet."),
    ("goal.none_yet", "No goals yet. Add one above: the coach will help you make it specific and measurable."),
    ("goal.overdue", "Overdue"),
    ("goal.owned_by", "{name}'s goal"),
    ("goal.owner_all", "Both of us"),
    ("goal.owner_mine", "Mine"),
    ("goal.owner_theirs", "My partner's"),
    ("goal.percent_done", "{n}% done"),
    ("goal.progress", "Progress"),
    ("goal.progress_from_milestones", "Progress follows the steps you tick."),
    ("goal.progress_label", "Progress (%)"),
    ("goal.progress_note", "Note for this change (optional)"),
    ("goal.progress_of", "Progress of {title}"),
    ("goal.remove", "Remove"),
    ("goal.remove_milestone", "Remove step: {text}"),
    ("goal.save", "Save goal"),
    ("goal.save_failed", "Not saved: {reason} Your changes are still here."),
    ("goal.saved", "Goal saved"),
    ("goal.signed_off", "Signed off"),
    ("goal.signed_off_line", "Achieved and signed off by both of you. Well done!"),
    ("goal.sort", "Order by"),
    ("goal.sort_due", "Due date"),
    ("goal.sort_priority", "Priority"),
    ("goal.status.achieved", "Achieved"),
    ("goal.status.at_risk", "At risk"),
    ("goal.status.dropped", "Dropped"),
    ("goal.status.not_started", "Not started"),
    ("goal.status.off_track", "Off track"),
    ("goal.status.on_track", "On track"),
    ("goal.status_label", "Status"),
    ("goal.title", "Goals"),
    ("goal.waiting_confirmation", "Marked as achieved; waiting for your partner to confirm."),
];

/// English texts of the check-ins and the lifecycle (`checkin.*`, `close.*`,
/// `life.*`, `pulse.*`, `review.*`, `summary.*`, `timeline.*`).
pub const EN_CHECKINS: &[(&str, &str)] = &[
    ("checkin.action_add", "Add an action item"),
    ("checkin.action_done", "Done"),
    ("checkin.action_due", "Due"),
    ("checkin.action_goal", "Goal"),
    ("checkin.action_owner", "Owner"),
    ("checkin.action_remove", "Remove action item"),
    ("checkin.action_remove_n", "Remove action item {n}"),
    ("checkin.action_text", "Action"),
    ("checkin.actions", "Action items"),
    ("checkin.agenda", "Agenda"),
    ("checkin.agenda.added", "added by {name}"),
    ("checkin.agenda.carried", "open action item"),
    ("checkin.agenda.goal", "goal due soon"),
    ("checkin.agenda_add", "Add to the agenda"),
    ("checkin.agenda_empty", "Nothing on the agenda yet."),
    ("checkin.agenda_new", "New agenda item"),
    ("checkin.challenges", "Challenges"),
    ("checkin.clash", "You both changed {fields}: your version is kept on screen. Save again to keep it."),
    ("checkin.close_form", "Back to the check-ins"),
    ("checkin.count_agenda", "agenda items: {n}"),
    ("checkin.count_open", "open action items: {n}"),
    ("checkin.date", "Date"),
    ("checkin.error.action_due", "Action item {n} has an invalid due date."),
    ("checkin.error.action_text", "Action item {n} needs a text."),
    ("checkin.error.agenda_empty", "Write the agenda item first."),
    ("checkin.error.date", "Enter a valid date."),
    ("checkin.error.minutes", "Between {min} and {max} minutes."),
    ("checkin.error.progress_range", "Progress is between 0 and 100."),
    ("checkin.error.pulse_range", "Choose 1 to 5."),
    ("checkin.error.time", "Enter a time as HH:MM."),
    ("checkin.error.too_long", "At most {max} characters."),
    ("checkin.error.too_many", "At most {max} items."),
    ("checkin.feedback", "Feedback"),
    ("checkin.fix", "Some fields need attention before saving."),
    ("checkin.form_heading", "Check-in of {date}"),
    ("checkin.format", "Format"),
    ("checkin.format.in_person", "In person"),
    ("checkin.format.mixed", "A mix"),
    ("checkin.format.phone", "Phone"),
    ("checkin.format.video", "Video call"),
    ("checkin.heading", "Check-ins"),
    ("checkin.ics_next", "Next check-in (.ics)"),
    ("checkin.ics_series", "All check-ins (.ics)"),
    ("checkin.ics_summary", "Mentoring check-in: {a} & {b}"),
    ("checkin.meeting_note", "Check-in {date}"),
    ("checkin.merged", "{name} changed this check-in at the same time; their changes are merged in."),
    ("checkin.minutes", "Length (minutes)"),
    ("checkin.new", "New check-in"),
    ("checkin.new_today", "New check-in today"),
    ("checkin.next", "Next check-in: {date}"),
    ("checkin.no_actions", "No action items."),
    ("checkin.no_goal", "No goal"),
    ("checkin.no_goals", "No active goals."),
    ("checkin.no_plan", "Once the agreement is signed, check-ins follow its meeting rhythm."),
    ("checkin.none", "No check-ins yet."),
    ("checkin.notes", "Shared notes"),
    ("checkin.open", "Open check-in of {date}"),
    ("checkin.open_planned", "Open the planned check-in"),
    ("checkin.planned", "planned"),
    ("checkin.private", "Private notes"),
    ("checkin.private_clash", "Your private note was changed in another tab or window meanwhile. Yours is still in the box; theirs is below. Save again to keep yours."),
    ("checkin.private_hint", "Only you can see these. They are stored under your own key and never shown to {name}."),
    ("checkin.private_save", "Save private note"),
    ("checkin.private_saved", "Private note saved"),
    ("checkin.private_take_theirs", "Use this text instead"),
    ("checkin.private_theirs", "Saved from another tab:"),
    ("checkin.progress", "Progress on goals"),
    ("checkin.progress_note", "Note on “{title}”"),
    ("checkin.progress_steps", "“{title}” is at {n}%, from its steps."),
    ("checkin.progress_value", "Progress on “{title}” (%)"),
    ("checkin.read_only", "The relationship is closed: this check-in can no longer be changed."),
    ("checkin.restored", "Unsaved entries from before were restored."),
    ("checkin.review_heading", "Mid-point review of {date}"),
    ("checkin.review_kind", "mid-point review"),
    ("checkin.save", "Save check-in"),
    ("checkin.save_failed", "Not saved: {reason} Your entries are still here."),
    ("checkin.saved", "Check-in saved"),
    ("checkin.shared_hint", "You both see everything in this check-in except private notes."),
    ("checkin.shared_legend", "Shared with both of you"),
    ("checkin.time", "Time"),
    ("checkin.unfed", "Check-in saved, but the progress for {goals} has not reached the goal yet: {reason} Save again to try again; your entries are kept in this tab until it gets there."),
    ("checkin.when", "When and how"),
    ("checkin.wins", "Wins"),
    ("close.cancel", "Cancel"),
    ("close.change", "What I would change"),
    ("close.close", "Close the relationship"),
    ("close.closed_note", "This relationship is closed. Its record is kept, read-only."),
    ("close.confirm_start", "Start moving on"),
    ("close.effectiveness", "How effective it was (1-5)"),
    ("close.error.effectiveness", "Choose how effective it was, from 1 to 5."),
    ("close.error.only_mentee", "Only the mentee notes next steps and asks for a new mentor."),
    ("close.error.outcomes_missing", "Sign off every goal first: {titles}"),
    ("close.error.reflection_missing", "Write and save your reflection first."),
    ("close.heading", "Moving on"),
    ("close.intro", "Either of you can start moving on, at any time. It is nobody's fault: choose the reason that fits best."),
    ("close.next_steps", "Next steps"),
    ("close.next_steps_hint", "What you will do next; both of you can read it."),
    ("close.next_steps_saved", "Your next steps are saved."),
    ("close.no_goals", "There are no goals to sign off."),
    ("close.outcome.not_reached", "Not reached"),
    ("close.outcome.partly", "Partly reached"),
    ("close.outcome.reached", "Reached"),
    ("close.outcome_legend", "How did “{title}” go?"),
    ("close.outcomes", "Goals"),
    ("close.partner_reflected", "{name} has written their reflection."),
    ("close.partner_waiting", "{name} has not written a reflection yet. You can close without it."),
    ("close.reason", "Reason"),
    ("close.reason.circumstances_changed", "Circumstances changed"),
    ("close.reason.goals_reached", "We reached our goals"),
    ("close.reason.not_the_right_fit", "We are not the right fit for each other"),
    ("close.reason.other", "Another reason"),
    ("close.reason.time_is_up", "Our planned time is up"),
    ("close.reason_label", "Why are you moving on?"),
    ("close.reflection_saved", "Your reflection is saved."),
    ("close.reflections", "Reflections"),
    ("close.rematch", "I would like a new mentor"),
    ("close.rematch_sent", "Your request for a new mentor has been passed on."),
    ("close.save_next_steps", "Save next steps"),
    ("close.save_reflection", "Save my reflection"),
    ("close.start", "Move on…"),
    ("close.started_by", "{name} started moving on. Reason: {reason}"),
    ("close.worked", "What worked"),
    ("close.your_reflection", "Your reflection"),
    ("life.closed", "Closed"),
    ("life.closing_started", "Moving on started"),
    ("life.heading", "The relationship"),
    ("life.pause", "Pause the relationship"),
    ("life.paused", "Paused"),
    ("life.paused_note", "Paused: no check-ins are expected until one of you resumes."),
    ("life.proposed_note", "Check-ins start once you have both signed the agreement."),
    ("life.resume", "Resume the relationship"),
    ("life.resumed", "Resumed"),
    ("life.review_continued", "Continued after the mid-point review"),
    ("life.review_started", "Mid-point review started"),
    ("pulse.chart", "Pulse over time"),
    ("pulse.chart_empty", "No ratings yet."),
    ("pulse.partner", "{name}: useful {useful}, progress {progress}"),
    ("pulse.partner_none", "{name} has not rated this meeting yet."),
    ("pulse.progress", "How is progress going?"),
    ("pulse.row", "{date}: {name} — useful {useful}/5, progress {progress}/5"),
    ("pulse.save", "Save my rating"),
    ("pulse.scale", "1 = not at all, 5 = very"),
    ("pulse.title", "Pulse"),
    ("pulse.useful", "How useful was this meeting?"),
    ("pulse.yours", "Your rating"),
    ("review.amend", "The agreement needs an amendment"),
    ("review.amend_hint", "Amend the agreement above; you both sign the new version."),
    ("review.answer_all", "Answer each question first."),
    ("review.decision", "How do you want to go on?"),
    ("review.decision.adjust", "Continue, with changes"),
    ("review.decision.close", "Move on"),
    ("review.decision.continue", "Continue as agreed"),
    ("review.due", "The mid-point review is due: take stock together."),
    ("review.finish", "Finish the review"),
    ("review.goals", "Are the goals still right?"),
    ("review.goals.adjust", "They need adjusting"),
    ("review.goals.yes", "Yes, they are"),
    ("review.in_progress", "The mid-point review is under way: its check-in is in the list below."),
    ("review.intro", "Look back together on the first half, then decide how to go on."),
    ("review.start", "Start the mid-point review"),
    ("review.title", "Mid-point review"),
    ("review.working", "Is the pairing working?"),
    ("review.working.no", "Not really"),
    ("review.working.partly", "Partly"),
    ("review.working.yes", "Yes"),
    ("summary.checkins", "Check-ins ({n})"),
    ("summary.closed_on", "Closed on"),
    ("summary.download", "Download summary (Markdown)"),
    ("summary.heading", "Summary"),
    ("summary.kind", "Kind of mentoring"),
    ("summary.none", "None"),
    ("summary.print", "Print summary"),
    ("summary.title", "Mentoring relationship summary"),
    ("timeline.agreement", "Agreement version {n} in force"),
    ("timeline.checkin", "Check-in"),
    ("timeline.goal", "Goal achieved: {title}"),
    ("timeline.heading", "Timeline"),
    ("timeline.proposed", "Relationship proposed"),
    ("timeline.review", "Mid-point review"),
];

/// Locales with a table in this build. Others fall back to English; the
/// host can still supply every text through `text` overrides.
pub const LOCALES: &[&str] = &["en"];

pub fn english(key: &str) -> Option<&'static str> {
    let table = match module_of(key) {
        Module::Main => EN,
                Module::Agreement => EN_AGREEMENT,
                Module::Goals => EN_GOALS,
                Module::Checkins => EN_CHECKINS,
    };
    table.binary_search_by(|(k, _)| (*k).cmp(key)).ok().map(|i| table[i].1)
}

/// Which part of the widget shows a key, by its family (the part before the
/// first dot); that part's table holds its English text. One build holds
/// all four tables; keeping them apart keeps each short to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Module {
    Main,
    Agreement,
    Goals,
    Checkins,
}

pub fn module_of(key: &str) -> Module {
    match key.split('.').next().unwrap_or("") {
        "agr" | "tpl" => Module::Agreement,
        "goal" | "coach" => Module::Goals,
        "checkin" | "close" | "life" | "pulse" | "review" | "summary" | "timeline" => Module::Checkins,
        _ => Module::Main,
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Catalog {
    locale: &'static str,
    overrides: BTreeMap<String, String>,
}

/// Longest override text accepted; a vendor's text is one label, not a page.
pub const MAX_OVERRIDE_CHARS: usize = 2000;

impl Catalog {
    /// Builds a catalog and returns, beside it, the override keys it ignored
    /// (unknown keys, usually typos, and oversize texts) so the host's
    /// developer is told in the console instead of wondering.
    pub fn new(locale: &str, overrides: BTreeMap<String, String>) -> (Catalog, Vec<String>) {
        let (known, ignored): (BTreeMap<_, _>, BTreeMap<_, _>) = overrides
            .into_iter()
            .partition(|(k, v)| english(k).is_some() && v.chars().count() <= MAX_OVERRIDE_CHARS);
        (Catalog { locale: resolve_locale(locale), overrides: known }, ignored.into_keys().collect())
    }

    pub fn locale(&self) -> &'static str {
        if self.locale.is_empty() { "en" } else { self.locale }
    }

    pub fn text(&self, key: &str) -> String {
        if let Some(t) = self.overrides.get(key) {
            return t.clone();
        }
        english(key).map(str::to_string).unwrap_or_else(|| key.to_string())
    }

    /// The text for `key` with each `{name}` replaced by its value. Values are
    /// inserted once, left to right, so a value containing `{x}` is not expanded.
    pub fn format(&self, key: &str, args: &[(&str, &str)]) -> String {
        let template = self.text(key);
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template.as_str();
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    let name = &after[..close];
                    match args.iter().find(|(n, _)| *n == name) {
                        Some((_, v)) => out.push_str(v),
                        None => {
                            out.push('{');
                            out.push_str(name);
                            out.push('}');
                        }
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.push_str(&rest[open..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// "en-GB" and "EN" both resolve to "en"; unknown languages to "en".
pub fn resolve_locale(tag: &str) -> &'static str {
    let lang = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    LOCALES.iter().copied().find(|l| *l == lang).unwrap_or("en")
}

#[cfg(test)]
mod tests {
    use super::*;

    // Pins: the table is sorted and unique, which the binary search relies on.
    #[test]
    fn table_is_sorted_and_unique() {
        for table in [EN, EN_AGREEMENT, EN_GOALS, EN_CHECKINS] {
            for pair in table.windows(2) {
                assert!(pair[0].0 < pair[1].0, "{} before {}", pair[0].0, pair[1].0);
            }
        }
        // Each key sits in its module's table, where `english` looks for it.
        for (module, table) in [(Module::Main, EN), (Module::Agreement, EN_AGREEMENT), (Module::Goals, EN_GOALS), (Module::Checkins, EN_CHECKINS)] {
            for (k, _) in table {
                assert_eq!(module_of(k), module, "{k}");
            }
        }
    }

    // Pins: every message key the code names exists in English, so no person
    // ever sees a raw key. It reads the sources the way a reviewer would.
    #[test]
    fn every_key_in_the_sources_has_a_text() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut missing = Vec::new();
        let mut seen = 0;
        visit(&root, &mut |text| {
            let mut rest = text;
            while let Some(i) = rest.find('"') {
                let after = &rest[i + 1..];
                let Some(end) = after.find('"') else { break };
                let lit = &after[..end];
                let family = lit.split('.').next().unwrap_or("");
                let is_key = lit.contains('.')
                    && !lit.ends_with('.')
                    && !lit.contains(' ')
                    && lit.bytes().all(|b| b.is_ascii_lowercase() || b == b'.' || b == b'_')
                    && ["agr", "bridge", "checkin", "close", "coach", "due", "error", "form", "goal", "home", "kind", "life", "list", "page", "pulse", "review", "role", "shell", "state", "summary", "tab", "overview", "timeline", "tpl"].contains(&family);
                if is_key {
                    seen += 1;
                    if english(lit).is_none() {
                        missing.push(lit.to_string());
                    }
                }
                rest = &after[end + 1..];
            }
        });
        assert!(seen > 30, "the scan found only {seen} keys; is it still reading the sources?");
        assert!(missing.is_empty(), "keys without English text: {missing:?}");
    }

    fn visit(dir: &std::path::Path, f: &mut dyn FnMut(&str)) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                visit(&path, f);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("messages.rs") {
                f(&std::fs::read_to_string(&path).unwrap());
            }
        }
    }

    // Pins: overrides win, unknown override keys are reported, missing keys show themselves.
    #[test]
    fn overrides_and_fallbacks() {
        let mut o = BTreeMap::new();
        o.insert("home.start".to_string(), "Find a mentor".to_string());
        o.insert("home.strat".to_string(), "typo".to_string());
        o.insert("home.heading".to_string(), "x".repeat(MAX_OVERRIDE_CHARS + 1));
        let (c, ignored) = Catalog::new("de-CH", o);
        assert_eq!(c.text("home.start"), "Find a mentor");
        assert_eq!(c.text("home.heading"), "Your mentoring relationships");
        assert_eq!(c.text("no.such_key"), "no.such_key");
        assert_eq!(ignored, ["home.heading", "home.strat"]);
        assert_eq!(c.locale(), "en");
    }

    // Pins: placeholders are filled once; unknown ones and stray braces survive.
    #[test]
    fn formatting() {
        let (c, _) = Catalog::new("en", BTreeMap::new());
        assert_eq!(c.format("shell.signed_in_as", &[("name", "Ana {x}")]), "Signed in as Ana {x}");
        let mut o = BTreeMap::new();
        o.insert("list.with".to_string(), "{name} & {other} {".to_string());
        let (c, _) = Catalog::new("en", o);
        assert_eq!(c.format("list.with", &[("name", "Ben")]), "Ben & {other} {");
    }

    // Pins: locale tags resolve by language, defaulting to English.
    #[test]
    fn locales_resolve() {
        assert_eq!(resolve_locale("EN-gb"), "en");
        assert_eq!(resolve_locale(""), "en");
        assert_eq!(resolve_locale("fr"), "en");
    }
}
