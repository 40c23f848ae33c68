"""English texts for office staff."""

MESSAGES: dict[str, str] = {
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
        " internal."
    ),
    "staff.usage.move": "Usage: <code>/move {example} stage_code [note]</code>",
    "staff.usage.find": "Usage: <code>/find name or number</code>",
    "staff.usage.staff": (
        "Usage: <code>/staff list</code>, <code>/staff add ID operator|admin Name</code>,"
        " <code>/staff remove ID</code>"
    ),
    "staff.usage.outbox": "Usage: <code>/outbox</code> or <code>/outbox retry</code> (admins)",
    "staff.error.permit_type": "Unknown permit type <b>{code}</b>. Valid codes: {valid}",
    "staff.error.stage": "Unknown stage <b>{code}</b>. Valid stages: {valid}",
    "staff.error.transition": (
        "That move is not possible from <b>{current}</b>. Valid next stages: {valid}"
    ),
    "staff.error.reason": "<b>{action}</b> needs a reason or note.",
    "staff.error.concurrent": (
        "<b>{number}</b> was changed by someone else: you saw <b>{expected}</b>, it is "
        "now <b>{actual}</b>. Nothing was changed; open it again with /view."
    ),
    "staff.error.invalid.applicant_name": (
        "The applicant name is required, at most {limit} characters."
    ),
    "staff.error.invalid.contact": "The contact is at most {limit} characters.",
    "staff.error.invalid.note": "A note is at most {limit} characters.",
    "staff.error.invalid.staff_name": "The staff name is required, at most {limit} characters.",
    "staff.error.not_staff": "User {user_id} is not active staff.",
    "staff.error.last_admin": "The last active admin cannot be removed or demoted.",
    "staff.error.not_found": "Number <b>{number}</b> was not found.",
    "staff.error.stale": (
        "This button is out of date: <b>{number}</b> has moved to <b>{stage}</b> since. "
        "Nothing was changed; open it again with /view."
    ),
    "staff.types.header": "<b>Permit types</b>",
    "staff.types.line": "<b>{code}</b> — {name} ({days} working days)\n   {stages}",
    "staff.created": (
        "✅ Application registered\nNumber: <b>{number}</b>\nType: {permit_type}\n"
        "Applicant: {name}\nAccess code: <code>{code}</code> (shown only once)\nDue: {due}"
    ),
    "staff.receipt_caption": (
        "🧾 <b>{number}</b> · {permit_type}\nApplicant: {name}\n"
        "Access code: <code>{code}</code>\nScan to follow on Telegram: {link}"
    ),
    "staff.receipt_reset": "🔁 New access code for <b>{number}</b>; the old one no longer works.",
    "staff.changed": (
        "✅ <b>{number}</b>: {from_stage} → <b>{to_stage}</b>. Followers told: {notified}."
    ),
    "staff.noted": "📝 Note added to <b>{number}</b>. Followers told: {notified}.",
    "staff.view.title": "🗂 <b>{number}</b> · {permit_type}",
    "staff.view.applicant": "Applicant: {name}\nContact: {contact}",
    "staff.view.followers": "Followers: {count}",
    "staff.view.history_line": "{date} · {stage} · {who}{public}{internal}",
    "staff.view.public": "\n   public: <i>{note}</i>",
    "staff.view.internal": "\n   internal: <i>{note}</i>",
    "staff.view.system": "system",
    "staff.queue.header": "<b>Queue{stage}</b> ({count} open, oldest first)",
    "staff.queue.line": "• <b>{number}</b> {permit_type} · {stage} · {days} working days in stage",
    "staff.queue.empty": "No open applications.",
    "staff.overdue.header": "<b>Overdue</b> ({count})",
    "staff.overdue.line": "• <b>{number}</b> {permit_type} · {stage} · {days} working days late",
    "staff.overdue.empty": "Nothing is overdue. 👍",
    "staff.find.header": "<b>Search results</b> ({count})",
    "staff.find.line": "• <b>{number}</b> {name} · {permit_type} · {stage}",
    "staff.find.empty": "Nothing matches «{query}».",
    "staff.list.header": "<b>Staff</b>",
    "staff.list.line": "• {name} (<code>{user_id}</code>) — {role}",
    "staff.added": "✅ {name} (<code>{user_id}</code>) is now {role}.",
    "staff.removed": "✅ {name} (<code>{user_id}</code>) is no longer staff.",
    "staff.audit.header": "<b>Audit trail of {number}</b>",
    "staff.audit.line": "{date} · {who} · <b>{action}</b> {arguments}",
    "staff.audit.empty": "No audit entries yet.",
    "staff.button.move": "➡️ {stage}",
    "staff.button.return": "📎 Return",
    "staff.button.reject": "❌ Reject",
    "staff.button.withdraw": "↩️ Withdraw",
    "staff.button.issue": "✅ Issue",
    "staff.button.confirm": "Yes, go ahead",
    "staff.button.cancel": "Cancel",
    "staff.prompt.reason": "Write {what} for <b>{number}</b> as a reply to this message.",
    "staff.prompt.what.return": "what is missing",
    "staff.prompt.what.reject": "the reason for rejection",
    "staff.prompt.what.withdraw": "the reason for withdrawal",
    "staff.confirm": "⚠️ {action} <b>{number}</b> with the reason: <i>{note}</i>?",
    "staff.confirm.reject": "Reject",
    "staff.confirm.withdraw": "Withdraw",
    "staff.cancelled": "Cancelled. Nothing was changed.",
    "staff.outbox.header": (
        "<b>Outbox</b>\nPending: {pending} · sending: {sending} · sent: {sent} · "
        "paused (blocked): {paused} · dead: {dead}"
    ),
    "staff.outbox.retrying": "<b>Retrying</b>",
    "staff.outbox.dead": "<b>Dead</b> (admins: <code>/outbox retry</code>)",
    "staff.outbox.line": "• #{id} to {chat_id} · {kind} · attempt {attempts} · {error}",
    "staff.outbox.retried": "🔁 {count} dead messages scheduled again.",
    "staff.digest.title": "☀️ <b>Daily digest of {office}</b> · {date}",
    "staff.digest.new": "New yesterday: <b>{count}</b>",
    "staff.digest.due_soon": "Due within 2 working days: <b>{count}</b>",
    "staff.digest.overdue": "Overdue: <b>{count}</b>",
    "staff.digest.dead": "Messages that could not be delivered: <b>{count}</b> (see /outbox)",
    "staff.digest.line": "  • {number} · {stage} · {due}",
    "staff.broadcast.usage": "Usage: <code>/broadcast announcement text</code>",
    "staff.broadcast.confirm": (
        "📢 Send this announcement to <b>{count}</b> follower chats?\n\n"
        "{text}"
    ),
    "staff.broadcast.queued": "📢 Announcement queued for {count} chats.",
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
        "• {permit_type} · {stage}: {count} · median {days} working days in stage"
    ),
    "staff.stats.slowest": (
        "Slowest office stage: <b>{permit_type} · {stage}</b> (median {days} working days)"
    ),
    "staff.stats.output": (
        "<b>Output</b> · issued: <b>{issued}</b> · rejected: {rejected} · withdrawn: {withdrawn}"
    ),
    "staff.stats.outcome": (
        "<b>Outcome</b> · decided on time: <b>{share}</b> ({on_time} of {decided}) · "
        "median {days} working days to decision"
    ),
    "staff.stats.outcome_line": (
        "• {permit_type}: {share} on time ({on_time} of {decided}) · median {days} working days"
    ),
    "staff.stats.outcome_none": "<b>Outcome</b> · no application was decided in this period",
    "staff.stats.use": (
        "<b>Use of the tracker</b>\nApplications followed: {share} ({followed} of {received})\n"
        "Notifications delivered: {delivered} · failed: {failed}"
    ),
    "staff.stats.chart_caption": "📈 Received and issued per month, with the on-time share",
    "staff.stats.chart.received": "Received",
    "staff.stats.chart.issued": "Issued",
    "staff.stats.chart.on_time": "On time",
    "staff.stats.chart.applications": "Applications",
}
