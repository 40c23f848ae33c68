"""English texts for office staff."""

MESSAGES: dict[str, str] = {
    "staff.private_only": (
        "This command sends the office's data files; use it in a private chat with the bot."
    ),
    "staff.only": "This command is for office staff.",
    "staff.admin_only": "This command is for admins.",
    "staff.wrong_chat": (
        "Staff commands work only in a private chat with the bot or in the staff group."
    ),
    "staff.usage.new": (
        "Usage: <code>/new PBG Applicant Name | 0812xxxx</code> (contact optional). "
        "Permit type codes: {codes}"
    ),
    "staff.usage.number": (
        "Usage: <code>/{command} {example}</code> — the sequence alone works too, e.g. "
        "<code>/{command} 123</code>."
    ),
    "staff.usage.number_note": (
        "Usage: <code>/{command} {example} note</code> — text after <code>//</code> stays"
        " internal (links such as <code>https://…</code> stay whole)."
    ),
    "staff.usage.move": "Usage: <code>/move {example} stage_code [note]</code>",
    "staff.usage.find": "Usage: <code>/find name, number or phone</code>",
    "staff.usage.staff": (
        "Usage: <code>/staff list</code>, <code>/staff add ID operator|admin Name</code>,"
        " <code>/staff remove ID</code>"
    ),
    "staff.usage.staff_add": (
        "Usage: <code>/staff add ID operator|admin Name</code>, e.g. <code>/staff add "
        "123456789 operator Kadek Dwi</code>. The ID is the new clerk's Telegram user id (a "
        "number, not an @username): ask them to send /myid to this bot and pass the number on "
        "to you."
    ),
    "staff.usage.outbox": "Usage: <code>/outbox</code> or <code>/outbox retry</code> (admins)",
    "staff.error.permit_type": "Unknown permit type <b>{code}</b>. Valid codes: {valid}",
    "staff.error.stage": "Unknown stage <b>{code}</b>. Valid stages: {valid}",
    "staff.error.transition": (
        "That move is not possible from <b>{current}</b>; nothing was changed. Possible from "
        "here:{valid}"
    ),
    "staff.error.decided": "This application is already decided (<b>{stage}</b>); nothing was "
                           "changed.",
    "staff.error.reason": (
        "Nothing was changed: <b>{action}</b> needs a reason or note, e.g. "
        "<code>{example}</code>"
    ),
    "staff.reason_example.move": "/move 123 received The documents need checking again",
    "staff.reason_example.return": "/return 123 Attach the old building permit",
    "staff.reason_example.reject": "/reject 123 The site is in a green belt",
    "staff.reason_example.withdraw": "/withdraw 123 The applicant is moving away",
    "staff.reason_example.note": "/note 123 Inspection set for Thursday",
    "staff.error.concurrent": (
        "<b>{number}</b> was changed by someone else: you saw <b>{expected}</b>, it is "
        "now <b>{actual}</b>. Nothing was changed; open it again with /view."
    ),
    "staff.error.invalid.applicant_name": (
        "The applicant name is required, at most {limit} characters; nothing was registered."
    ),
    "staff.error.invalid.contact": (
        "The contact is at most {limit} characters; nothing was registered."
    ),
    "staff.error.invalid.note": "A note is at most {limit} characters; nothing was changed.",
    "staff.error.invalid.staff_name": (
        "The staff name is required, at most {limit} characters; nothing was changed."
    ),
    "staff.error.invalid.fee_amount": "The fee must be more than 0, e.g. 1,250,000.",
    "staff.error.invalid.billing_code": "The billing code (SKRD) is 3 to {limit} letters, digits, "
                                        "dots, slashes or hyphens, e.g. SKRD/2026/0456.",
    "staff.error.fee_not_due": "A bill is recorded on the move into the payment stage or at it. "
                               "<b>{number}</b> is now at {stage}.",
    "staff.error.no_fee_stage": "The permit type of <b>{number}</b> has no payment stage; nothing "
                                "was recorded.",
    "staff.usage.fee": "Usage: <code>/fee 123 1,250,000 SKRD/2026/0456</code> (number, amount, "
                       "billing code; optional due date, e.g. <code>2026-12-20</code>). From the "
                       "stage before payment, the application moves into the payment stage too.",
    "staff.fee.recorded": "💳 <b>{number}</b>: {amount} · {code} · pay by {due}. Stage: {stage}. "
                          "Followers notified: {notified}.",
    "staff.view.fee": "💳 {amount} · SKRD {code} · due {due}",
    "staff.error.not_staff": "User {user_id} is not active staff.",
    "staff.error.last_admin": "The last active admin cannot be removed or demoted.",
    "staff.error.numbers_exhausted": (
        "The registration numbers for {year} are used up: <b>{last}</b> was the last one "
        "that can be made. Nothing was registered. Register the application in the main "
        "licensing system and tell the bot's administrator."
    ),
    "staff.error.not_found": "Number <b>{number}</b> was not found.",
    "staff.error.stale": (
        "This button is out of date: <b>{number}</b> has moved to <b>{stage}</b> since. "
        "Nothing was changed; open it again with /view."
    ),
    "staff.types.header": "<b>Permit types</b>",
    "staff.types.line": "<b>{code}</b> — {name} ({days} working {days:day|days})\n   {stages}",
    "staff.new.alike": "⚠️ In the last {days} days a {permit_type} application was already "
                       "registered under the same name:",
    "staff.new.alike_line": "• <b>{number}</b> {name} · registered {date} · {stage}",
    "staff.new.alike_question": "Register <b>{name}</b> as a new application anyway?",
    "staff.created": (
        "✅ Application registered\nNumber: <b>{number}</b>\nType: {permit_type}\n"
        "Applicant: {name}\nAccess code: <code>{code}</code> (shown only once)\nDue: {due}"
    ),
    "staff.receipt_caption": (
        "🧾 <b>{number}</b> · {permit_type}\nApplicant: {name}\n"
        "Access code: <code>{code}</code>\nScan to follow on Telegram: {link}"
    ),
    "staff.receipt_reset": "🔁 New access code for <b>{number}</b>; the old one no longer works. "
                           "Followers removed: {removed}.",
    "staff.receipt_confirm": (
        "🔁 A new receipt for <b>{number}</b> replaces its access code and removes "
        "{count} {count:follower|followers}; each is told to ask the office. Go ahead?"
    ),
    "staff.unlocked": (
        "🔓 <b>{number}</b>: wrong-code lock-outs lifted for every chat ({attempts} wrong "
        "{attempts:code|codes} from {chats} {chats:chat|chats} cleared)."
    ),
    "staff.changed": (
        "✅ <b>{number}</b>: {from_stage} → <b>{to_stage}</b>. Followers told: {notified}."
    ),
    "staff.help": (
        "🧑‍💼 <b>Staff commands</b> (a number may be shortened: 123 = {example})\n"
        "/new PBG Applicant Name | 0812… — register; number, access code and QR receipt\n"
        "/advance 123 [note] — next stage; several at once: /advance 12 13 15-18 note "
        "(also /move, /note; at most 50)\n"
        "/move 123 stage [note] — any stage (backwards needs a note)\n"
        "/return 123 what is missing — back to the applicant\n"
        "/again 12 what is wrong — ask for handed-in document #12 again (✅ under it accepts)\n"
        "/reject 123 reason · /withdraw 123 reason — final outcomes\n"
        "/fee 123 1,250,000 SKRD/2026/0456 [2026-12-20] — record the bill\n"
        "/issue 123 [note] — issued, ready for pickup (attach the permit's PDF/photo: sent to "
        "followers) · /collected 123 — the permit was collected\n"
        "/undo 123 — take back your latest move, soon after making it\n"
        "/note 123 text [// internal note] — a note; followers are told "
        "(links such as https://… stay whole)\n"
        "/view 123 (or just type #123) — everything, with buttons for the next steps\n"
        "Reply to a ❓ question to answer it · /close 123 — close its questions\n"
        "/queue [stage] · /overdue · /find name, number or phone — work lists\n"
        "/receipt 123 — a new access code and QR code; removes the followers\n"
        "/unlock 123 — lift wrong-code lock-outs on an application\n"
        "/myid — your Telegram user id (in a group: the group's id too)\n"
        "/types — permit types and stage codes · /stats [2026-11 | 2026] — figures\n"
        "/outbox — notifications not yet delivered\n"
        "Admins: /staff · /audit 123 · /broadcast text · /export · /import · /backup · /comments"
    ),
    "staff.repeated": (
        "⚠️ You moved <b>{number}</b> to <b>{stage}</b> {seconds} {seconds:second|seconds} ago, "
        "so this /advance was not applied. To advance it again, tap the button below."
    ),
    "staff.repeated_note": (
        "⚠️ You moved <b>{number}</b> to <b>{stage}</b> {seconds} {seconds:second|seconds} ago, "
        "so this /advance was not applied and its note not added yet. To advance it to "
        "<b>{next}</b>, tap the button below: the note will be added.\n📝 {note}"
    ),
    "staff.repeat_cancelled": "Cancelled. Nothing was changed; the note was not added.",
    "staff.repeat_expired": (
        "This button no longer works (a newer /advance replaced it, or the bot restarted). "
        "Nothing was changed and the note was not added; send /advance with the note again "
        "if needed."
    ),
    "staff.note_not_added": "Your note was not added: {note}",
    "staff.noted": "📝 Note added to <b>{number}</b>. Followers told: {notified}.",
    "staff.undone": (
        "↩️ Undone: <b>{number}</b> is back from {from_stage} to <b>{to_stage}</b>. "
        "Corrections to followers already told: {corrected}; notices not yet sent cancelled: "
        "{cancelled}."
    ),
    "staff.undo.refused.nothing": (
        "Nothing was undone: the latest step of {number} is not a move that can be undone."
    ),
    "staff.undo.refused.later": (
        "Nothing was undone: {number} has changed again since that move; only the latest move "
        "can be undone."
    ),
    "staff.undo.refused.not_yours": (
        "Nothing was undone: another clerk made the latest move on {number}; only they or an "
        "admin can undo it."
    ),
    "staff.undo.refused.too_late": (
        "Nothing was undone: the latest move on {number} was more than {minutes} minutes ago. "
        "Correct it with /move and a note."
    ),
    "staff.undo.refused.admin_only": (
        "Nothing was undone: {number} has been decided; only an admin can undo a final "
        "decision."
    ),
    "staff.button.undo": "⏪ Undo",
    "staff.bulk.question": (
        "⚠️ {command} for <b>{count}</b> applications? Followers to be told: {followers}."
    ),
    "staff.bulk.move_line": "• <b>{number}</b>: {from_stage} → {to_stage}",
    "staff.bulk.note_line": "• <b>{number}</b>: {stage}",
    "staff.bulk.refused_line": "✖️ <b>{number}</b>: {reason}",
    "staff.bulk.done_line": "✅ <b>{number}</b>: {what} · followers told: {notified}",
    "staff.bulk.moved_between": "{from_stage} → {to_stage}",
    "staff.bulk.noted": "note added",
    "staff.bulk.results": "{command} results: {done} done, {refused} not done.",
    "staff.bulk.too_many": (
        "At most {limit} applications per command; nothing was changed. Split it into several "
        "commands."
    ),
    "staff.bulk.backwards": (
        "The range {range} is backwards; write the smaller number first, e.g. 15-18. Nothing "
        "was changed."
    ),
    "staff.bulk.not_found": "not found",
    "staff.bulk.moved": "has moved to {stage} since",
    "staff.bulk.decided": "already decided ({stage})",
    "staff.bulk.not_from": "not possible from {stage}",
    "staff.bulk.queue_expired": (
        "This button no longer works; send /queue again. Nothing was changed."
    ),
    "staff.button.advance_all": "⏩ Advance all shown ({count})",
    "staff.view.title": "🗂 <b>{number}</b> · {permit_type}",
    "staff.view.applicant": "Applicant: {name}\nContact: {contact}",
    "staff.view.waiting": "⏳ Waiting on the applicant since {date}; the service clock is paused.",
    "staff.view.followers": "Followers: {count}",
    "staff.view.code_alert": (
        "⚠️ {attempts} wrong access codes in the last {hours} hours from {chats} "
        "{chats:chat|chats}. Each chat is locked out on its own; the right code still works. "
        "<code>/unlock {number}</code> lifts their lock-outs, <code>/receipt {number}</code> "
        "gives a new code."
    ),
    "staff.digest.code_alerts": "⚠️ Wrong access codes over the alert ({count}):",
    "staff.digest.code_alert": "• <b>{number}</b> — {attempts} wrong codes from {chats} "
                               "{chats:chat|chats}",
    "staff.view.history_line": "{date} · {stage} · {who}{public}{internal}",
    "staff.view.public": "\n   public: <i>{note}</i>",
    "staff.view.internal": "\n   internal: <i>{note}</i>",
    "staff.view.system": "system",
    "staff.queue.header": "<b>Queue{stage}</b> ({count} open, oldest first)",
    "staff.queue.line": (
        "• <b>{number}</b> {permit_type} · {stage} · {days} working {days:day|days} in stage"),
    "staff.queue.line_waiting": (
        "• <b>{number}</b> {permit_type} · {stage} · ⏳ waiting on the applicant, "
        "{days} working {days:day|days}"),
    "staff.queue.empty": "No open applications.",
    "staff.overdue.header": "<b>Overdue</b> ({count})",
    "staff.overdue.line": (
        "• <b>{number}</b> {permit_type} · {stage} · {days} working {days:day|days} late"),
    "staff.overdue.empty": "Nothing is overdue. 👍",
    "staff.find.header": "<b>Search results</b> ({count})",
    "staff.find.line": "• <b>{number}</b> {name} · {permit_type} · {stage}",
    "staff.find.empty": "Nothing matches «{query}».",
    "staff.list.header": "<b>Staff</b>",
    "staff.list.line": "• {name} (<code>{user_id}</code>) — {role}",
    "staff.added": "✅ {name} (<code>{user_id}</code>) is now {role}.",
    "staff.removed": "✅ {name} (<code>{user_id}</code>) is no longer staff.",
    "staff.audit.header": "<b>Audit trail of {number}</b>",
    "staff.audit.line": "{date} · {sentence}",
    "staff.audit.create": "{who} registered a {permit_type} application for {name}",
    "staff.audit.contact": ", contact {contact}",
    "staff.audit.advance": "{who} moved it on to «{stage}»",
    "staff.audit.move": "{who} moved it to «{stage}»",
    "staff.audit.return": "{who} returned it to the applicant",
    "staff.audit.reject": "{who} rejected it",
    "staff.audit.issue": "{who} issued the permit",
    "staff.audit.withdraw": "{who} recorded its withdrawal by the applicant",
    "staff.audit.note": "{who} added a note",
    "staff.audit.import": "{who} imported it from a CSV file",
    "staff.audit.receipt": "{who} made a new receipt and access code; followers removed: {count}",
    "staff.audit.unlock": "{who} lifted the wrong-code lock-outs: {attempts} wrong "
                          "{attempts:code|codes} from {chats} {chats:chat|chats}",
    "staff.audit.undo": "{who} undid the last move: back to «{stage}» (corrections sent: "
                        "{corrected}, notices cancelled: {cancelled})",
    "staff.audit.other": "{who} · {action}{rest}",
    "staff.audit.field.permit_type": "type {value}",
    "staff.audit.field.applicant_name": "name {value}",
    "staff.audit.field.contact": "contact {value}",
    "staff.audit.field.stage": "stage «{value}»",
    "staff.audit.empty": "No audit entries yet.",
    "staff.button.move": "➡️ {stage}",
    "staff.button.return": "📎 Return",
    "staff.button.reject": "❌ Reject",
    "staff.button.withdraw": "↩️ Withdraw",
    "staff.button.issue": "✅ Issue",
    "staff.button.confirm": "Yes, go ahead",
    "staff.button.register_anyway": "Register anyway",
    "staff.button.cancel": "Cancel",
    "staff.button.advance_note": "➡️ {stage} + note",
    "staff.prompt.reason": "Write {what} for <b>{number}</b> as a reply to this message.",
    "staff.prompt.what.return": "what is missing",
    "staff.prompt.what.reject": "the reason for rejection",
    "staff.prompt.what.withdraw": "the reason for withdrawal",
    "staff.confirm": (
        "⚠️ {action}\n<b>{number}</b> · {permit_type}\nApplicant: {name}\nStage now: {stage}"
    ),
    "staff.confirm.reject": "Reject this application?",
    "staff.confirm.withdraw": "Withdraw this application?",
    "staff.confirm.issue": "Issue the permit for this application?",
    "staff.confirm.reason": "Reason: <i>{note}</i>",
    "staff.confirm.note": "Note: <i>{note}</i>",
    "staff.confirm.lifetime": "These buttons work for {minutes} minutes.",
    "staff.confirm_expired": (
        "⌛ This confirmation has expired (it worked for {minutes} minutes). Nothing was "
        "changed; send the command again if it is still needed."
    ),
    "staff.cancelled": "Cancelled. Nothing was changed.",
    "staff.confirm_used": "This question was already answered. Nothing more was changed.",
    "staff.not_your_question": "This question was asked of a colleague: only they can answer it.",
    "staff.outbox.header": (
        "<b>Outbox</b>\nPending: {pending} · sending: {sending} · sent: {sent} · "
        "paused (blocked): {paused} · dead: {dead}"
    ),
    "staff.outbox.retrying": "<b>Retrying</b>",
    "staff.outbox.dead": "<b>Dead</b> (admins: <code>/outbox retry</code>)",
    "staff.outbox.line": "• #{id} to {chat_id} · {kind} · attempt {attempts} · {error}",
    "staff.outbox.retried": "🔁 {count} dead {count:message|messages} scheduled again.",
    "staff.digest.title": "☀️ <b>Daily digest of {office}</b> · {date}",
    "staff.digest.new": "New yesterday: <b>{count}</b>",
    "staff.digest.due_soon": "Due within 2 working days: <b>{count}</b>",
    "staff.digest.overdue": "Overdue: <b>{count}</b>",
    "staff.digest.dead": "Messages that could not be delivered: <b>{count}</b> (see /outbox)",
    "staff.digest.line": "  • {number} · {stage} · {due}",
    "staff.broadcast.usage": "Usage: <code>/broadcast announcement text</code>",
    "staff.broadcast.confirm": (
        "📢 Send this announcement to <b>{count}</b> follower {count:chat|chats}?\n\n"
        "{text}"
    ),
    "staff.broadcast.queued": "📢 The announcement is being sent to {count} "
                              "{count:chat|chats}.",
    "staff.period.out_of_range": (
        "Please choose a period between {first} and {last}, e.g. <code>/{command} 2026</code>."
    ),
    "staff.period.too_long": (
        "A period is at most {years} years. Please choose a shorter one, e.g. "
        "<code>/{command} 2026</code> or <code>/{command} 2020-01-01 2026-12-31</code>."
    ),
    "staff.usage.stats": (
        "Usage: <code>/stats</code> (this month), <code>/stats 2026-11</code> (a month), "
        "<code>/stats 2026</code> (a year) or <code>/stats 2026-01-01 2026-03-31</code> "
        "(from date to date, both included)"
    ),
    "staff.stats.title": "📊 <b>Performance of {office}</b>\nPeriod: {period}",
    "staff.stats.range": "{first} to {last}",
    "staff.stats.input": "<b>Input</b> · applications received: <b>{count}</b>",
    "staff.stats.input_line": "• {permit_type} ({name}): {count}",
    "staff.stats.process": "<b>Process</b> · open now: <b>{count}</b>",
    "staff.stats.process_line": (
        "• {permit_type} · {stage}: {count} · median {days} working {days:day|days} in stage"
    ),
    "staff.stats.slowest": (
        "Slowest office stage: <b>{permit_type} · {stage}</b> "
        "(median {days} working {days:day|days})"
    ),
    "staff.stats.output": (
        "<b>Output</b> · issued: <b>{issued}</b> · rejected: {rejected} · withdrawn: {withdrawn}"
    ),
    "staff.stats.outcome": (
        "<b>Outcome</b> · decided on time: <b>{share}</b> ({on_time} of {decided}) · "
        "median {days} working {days:day|days} to decision"
    ),
    "staff.stats.outcome_line": (
        "• {permit_type}: {share} on time ({on_time} of {decided}) · "
        "median {days} working {days:day|days}"
    ),
    "staff.stats.outcome_none": "<b>Outcome</b> · no application was decided in this period",
    "staff.stats.use": (
        "<b>Use of the tracker</b>\nApplications followed: {share} ({followed} of {received})\n"
        "Notifications delivered: {delivered} · failed: {failed}"
    ),
    "staff.stats.survey": (
        "<b>Satisfaction (IKM)</b> · <b>{index}</b> ({band}) · "
        "{responses} {responses:response|responses} of {invitations} "
        "{invitations:invitation|invitations} ({share})"
    ),
    "staff.stats.survey_line": (
        "• U{element} {name}: mean {mean} → {index} ({band}) · "
        "{answered} {answered:answer|answers}"
    ),
    "staff.stats.survey_unanswered": "• U{element} {name}: not answered",
    "staff.stats.survey_none": (
        "<b>Satisfaction (IKM)</b> · no survey responses in this period "
        "({invitations} {invitations:invitation|invitations} delivered)"
    ),
    "staff.stats.survey_band.A": "Very good",
    "staff.stats.survey_band.B": "Good",
    "staff.stats.survey_band.C": "Below good",
    "staff.stats.survey_band.D": "Poor",
    "staff.stats.survey_chart_caption": "📊 Survey answers per element (1-4), with each one's IKM",
    "staff.stats.survey_chart.answers": "Answers",
    "staff.usage.comments": (
        "Usage: <code>/comments</code> (this month), <code>/comments 2026-11</code> (a month), "
        "<code>/comments 2026</code> (a year) or "
        "<code>/comments 2026-01-01 2026-03-31</code> (from date to date)"
    ),
    "staff.comments.title": (
        "💬 <b>Survey comments</b> · {period}\nThe newest {shown} of {total}, without names"
    ),
    "staff.comments.line": "• {day}: {comment}",
    "staff.comments.none": "💬 No survey comments in {period}.",
    "staff.stats.chart_caption": "📈 Received and issued per month, with the on-time share",
    "staff.stats.chart.received": "Received",
    "staff.stats.chart.issued": "Issued",
    "staff.stats.chart.on_time": "On time",
    "staff.stats.chart.applications": "Applications",
    "staff.export.usage": (
        "Usage: <code>/export</code> for everything, or <code>/export 2026-06</code>, "
        "<code>/export 2026</code>, <code>/export 2026-01-01 2026-06-30</code> "
        "for the applications received in that month, year or period (both days included)"
    ),
    "staff.export.everything": "all applications",
    "staff.export.period": "received {start} to {end}",
    "staff.export.applications": "📤 Applications: {count} ({period})",
    "staff.export.history": "📤 Their history: {count} {count:step|steps} ({period})",
    "staff.import.how": (
        "📥 To import, send the CSV file as a document with the caption <code>/import</code>.\n"
        "Required columns: number, permit_type, applicant_name, stage; optional: contact and the "
        "dates stage_entered_at, created_at, updated_at, due_at, decided_at in ISO 8601, e.g. "
        "2026-11-02T09:00:00+08:00. /export gives a file in this shape.\n"
        "The bot shows a dry run first; nothing changes until you confirm, and a file with refused "
        "rows is not imported at all."
    ),
    "staff.import.plan": (
        "📥 <b>Import dry run</b> · {file}\nRows: {rows}\nNew applications: <b>{created}</b>\n"
        "Changed: <b>{changed}</b> (stage changes: {moves}; followers are told)\n"
        "Unchanged: {unchanged}\nRefused: <b>{refused}</b>"
    ),
    "staff.import.history": "History steps copied for the new applications: {steps}",
    "staff.import.refused": (
        "<b>Refused rows</b> (numbered as in a spreadsheet; the header is row 1):"
    ),
    "staff.import.refusal": "• row {row}: {reason}",
    "staff.import.refusal_in": "• {file} row {row}: {reason}",
    "staff.import.more": "…and {count} more",
    "staff.import.fix": (
        "Nothing was imported: an import goes in whole or not at all. Fix these rows and send "
        "the file again."
    ),
    "staff.import.nothing": "Nothing to import: every row matches what is stored.",
    "staff.import.confirm": "Import this? Everything is applied in one go.",
    "staff.import.button": "📥 Import",
    "staff.import.expired": (
        "This import is no longer waiting for confirmation; send the file again."
    ),
    "staff.import.stale": (
        "⚠️ <b>{number}</b> changed after the dry run. Nothing was imported; send the file again."
    ),
    "staff.import.done": (
        "✅ Imported: {created} new, {changed} changed. Followers notified: {notified}."
    ),
    "staff.import.receipts": (
        "New applications have no access code yet: give each applicant one with "
        "<code>/receipt number</code>."
    ),
    "staff.import.file.too_big": "{file} is too big to import (at most {detail} MB).",
    "staff.import.file.not_utf8": (
        "{file} is not UTF-8 text. In the spreadsheet, save it as “CSV UTF-8”."
    ),
    "staff.import.file.not_csv": "{file} cannot be read as CSV: {detail}",
    "staff.import.file.empty": (
        "{file} is empty: it needs a header row and at least one application."
    ),
    "staff.import.file.missing_columns": (
        "{file} lacks the columns: {detail}. Send /import to see the expected shape."
    ),
    "staff.import.reason.number": "malformed number «{value}»",
    "staff.import.reason.number_too_high": (
        "number {value} is too high: numbers above {detail} for this year and later are kept "
        "for new registrations with /new"
    ),
    "staff.import.reason.duplicate": "number {value} already appears in row {detail}",
    "staff.import.reason.permit_type": "unknown permit type «{value}»",
    "staff.import.reason.permit_type_changed": (
        "permit type {value} differs from the stored one ({detail})"
    ),
    "staff.import.reason.stage": "unknown stage «{value}» for {detail}",
    "staff.import.reason.date": (
        "bad date in {detail}: «{value}» (write e.g. 2026-11-02T09:00:00+08:00)"
    ),
    "staff.import.reason.name_missing": "applicant name missing",
    "staff.import.reason.name_too_long": "applicant name longer than {detail} characters",
    "staff.import.reason.contact_too_long": "contact longer than {detail} characters",
    "staff.import.reason.decided_open": (
        "decided_at «{value}» is set, but stage {detail} is not a decision"
    ),
    "staff.import.reason.unknown_number": "number {value} is not in applications.csv",
    "staff.import.reason.action": "action missing",
    "staff.import.reason.staff_id": "staff_id «{value}» is not a number",
    "staff.backup.caption": (
        "💾 Database backup · {date} · "
        "{applications} {applications:application|applications} · {size} · integrity checked"
        "\nIt holds every applicant's data: keep it safe, and delete it from this chat "
        "once stored. Restore on the server with <code>etracking restore FILE</code> while the "
        "bot is stopped."
    ),
    "staff.backup.too_big": (
        "The backup is {size} MB, more than a bot may send (50 MB). Run "
        "<code>etracking backup PATH</code> on the server."
    ),
    "staff.backup.failed": "⚠️ The backup failed: {problem}",
    "staff.backup.on_server": (
        "The database is on a PostgreSQL server, so the bot sends no copy of it. Back it up "
        "on the server with <code>pg_dump</code> (see docs/deploy.md, «Running on "
        "PostgreSQL»)."
    ),
}
