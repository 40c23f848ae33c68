"""English texts for applicants and notifications."""

MESSAGES: dict[str, str] = {
    "start.greeting": (
        "Welcome to E-Tracking of <b>{office}</b>: follow your permit application.\n"
        "🔎 Check status: send your registration number, e.g. <code>{example}</code>\n"
        "🔔 Follow: scan the QR code on your receipt, or <code>/follow {example} CODE</code>"
    ),
    "start.followed": "✅ You now follow <b>{number}</b>. We will message you whenever it "
                      "moves to another stage.",
    "start.already": "You already follow <b>{number}</b>.",
    "start.bad_link": "This link is not valid or its code was replaced. Send your registration "
                      "number to check the status, or ask the counter for a new receipt.",
    "usage.status": "Send a registration number, e.g. <code>/status {example}</code> or just "
                    "<code>{example}</code>.",
    "usage.follow": "To follow: <code>/follow {example} 123456</code> (registration number and "
                    "the 6-digit access code from your receipt).",
    "usage.unfollow": "To stop following: <code>/unfollow {example}</code>",
    "usage.language": "Choose a language: <code>/language id</code> or <code>/language en</code>.",
    "usage.unknown_command": "I do not know that command. /help lists the commands.",
    "usage.unknown_text": "Sorry, I did not understand. Send a registration number, e.g. "
                          "<code>{example}</code>, or /help for the commands.",
    "error.not_found": "Number <b>{number}</b> was not found. Please check the number on your "
                       "receipt; it looks like <code>{example}</code>.",
    "error.throttled": "You have tried many numbers that do not exist. Please wait {minutes} "
                       "{minutes:minute|minutes}, or scan the QR code on your receipt.",
    "error.code_wrong": "The access code does not match <b>{number}</b>. It is on your receipt "
                        "(6 digits); this chat has {tries} more {tries:try|tries}. If you lost "
                        "it, ask the counter for a new receipt.",
    "error.code_locked": "Too many wrong codes for this application from this chat. Please try "
                         "again in {minutes} {minutes:minute|minutes}, or ask the office.",
    "error.follow_paused": "Too many wrong access codes from this chat. Please try again in "
                           "{hours} {hours:hour|hours}, or ask the office. What you already "
                           "follow is not affected.",
    "error.follow_limit": "You already follow {limit} applications, the maximum. Stop following "
                          "one with /unfollow.",
    "error.generic": "Sorry, something went wrong. Please try again in a moment.",
    "flood.slow_down": "You are sending a lot at once: messages and button presses are ignored "
                       "for a moment. Please wait a little, then try again.",
    "follow.ask_code": "Send the 6-digit access code from the receipt of <b>{number}</b>.",
    "follow.ok": "✅ You now follow <b>{number}</b>. We will message you whenever it moves to "
                 "another stage.",
    "follow.already": "You already follow <b>{number}</b>.",
    "unfollow.ok": "You no longer follow <b>{number}</b>.",
    "unfollow.not_following": "You do not follow <b>{number}</b>.",
    "mine.empty": "You do not follow any application yet. Scan the QR code on your receipt or "
                  "send <code>/follow {example} CODE</code>.",
    "mine.header": "<b>Applications you follow ({count})</b>",
    "mine.line": "• <b>{number}</b> — {stage} · due {due}",
    "mine.line_waiting": "• <b>{number}</b> — {stage} · ⏳ waiting for you",
    "mine.line_final": "• <b>{number}</b> — {stage}",
    "language.prompt": "Pilih bahasa / Choose a language:",
    "language.set": "Language set to English.",
    "help": (
        "<b>Commands</b>\n"
        "/status <code>{example}</code> — check the status (or just send the number)\n"
        "/follow <code>{example} 123456</code> — follow with the access code on your receipt\n"
        "/unfollow <code>{example}</code> — stop following\n"
        "/mine — applications you follow\n"
        "/language <code>id</code> — change language (id/en)\n"
        "/ask <code>{example} question</code> — ask the office about an application you follow\n"
        "/forgetme — delete this chat's data from the bot\n"
        "/myid — your Telegram user id (for new office staff)\n"
        "/help — this message\n\n"
        "Office: {office}{contact}"
    ),
    "help.contact": "\nPhone {phone} · {hours}",
    "myid.user": "🪪 Your Telegram user id: <code>{user_id}</code>\nJoining the office staff? "
                 "Send this number to the office admin, who adds you with /staff add.",
    "myid.group": "\n👥 This group's chat id: <code>{chat_id}</code>\nTo make it the staff "
                  "group, the admin puts this number in <code>[staff] group_chat_id</code> of "
                  "the configuration and restarts the bot.",
    "myid.staff_group": "\n👥 This group's chat id: <code>{chat_id}</code> — the office's staff "
                        "group (<code>[staff] group_chat_id</code>).",
    "button.refresh": "🔄 Refresh",
    "button.follow": "🔔 Follow",
    "button.unfollow": "🔕 Unfollow",
    "button.history": "📜 History",
    "button.status": "📄 View status",
    "button.lang_id": "🇮🇩 Bahasa Indonesia",
    "button.lang_en": "🇬🇧 English",
    "callback.refreshed": "Refreshed",
    "callback.not_modified": "No change yet",
    "card.title": "📄 <b>{number}</b>\n{permit_type}",
    "card.applicant": "Applicant: {name}",
    "card.stage": "Stage {position} of {total}: <b>{stage}</b>",
    "card.stage_final": "<b>{stage}</b>",
    "card.stage_returned": "Stage {position} of {total}: <b>{stage}</b> · returned for "
                           "completion",
    "card.next_returned": "Next: once the missing documents are handed in, {stage}",
    "card.history_returned": "📎 Returned for completion (from stage {stage})",
    "card.history_resubmitted": "Documents handed in again → {stage}",
    "card.since": "Since {date} ({days} working {days:day|days})",
    "card.due_on_time": "Due {due} — on time, {days} working {days:day|days} left",
    "card.due_today": "Due {due} — today",
    "card.due_overdue": "Due {due} — ⚠️ overdue by {days} working {days:day|days}",
    "card.waiting": "⏳ Waiting for you; the office's service clock is paused.",
    "card.waiting_fee": "⏳ It is your turn now: please pay the fee as set out in the billing "
                        "notice (SKRD). While we wait, the office's service time is not counted.",
    "card.decided_on_time": "Decided {date} — within the service standard",
    "card.closed": "Closed {date}",
    "card.decided_late": "Decided {date} — {days} working {days:day|days} past the standard",
    "card.next": "Next: {stage}",
    "card.next_issued": "Next: permit issued",
    "card.history": "<b>History</b>",
    "card.stages": "<b>Stages</b>",
    "card.stage_guide": "{mark} {stage}",
    "card.stage_guide_about": "{mark} {stage} — <i>{about}</i>",
    "card.history_line": "{date} · {stage}",
    "card.history_note": "{date} · {stage} — <i>{note}</i>",
    "card.earlier": "…and {count} earlier {count:step|steps}",
    "list.more": "…and {count} more",
    "card.pickup": "📍 Collect at {office}{hours}",
    "card.private": "🔒 Follow this application with its access code to see the full name and "
                    "the staff's notes.",
    "action.note": "Note",
    "notify.change": "🔔 <b>{number}</b> moved to another stage\n{from_stage} → <b>{to_stage}</b>",
    "notify.note": "📝 New note on <b>{number}</b>",
    "notify.undone": (
        "↩️ The previous change to <b>{number}</b> was cancelled: the application is back at "
        "the stage <b>{stage}</b>."
    ),
    "notify.public_note": "Staff note: <i>{note}</i>",
    "notify.your_turn": "⏳ This step is yours; the office's service clock is paused until it is "
                        "done. Questions: {office}{phone}.",
    "notify.rejected_next": "You may apply again once the reason is resolved. Questions: "
                            "{office}{phone}.",
    "notify.due": "Due: {due}",
    "notify.issued": "🎉 Your {permit_type} (<b>{number}</b>) has been issued and can be "
                     "collected.",
    "notify.pickup": "📍 Collect at {office}: {address}\n🕘 {hours}\nBring your receipt and "
                     "ID card.",
    "notify.rejected": "❌ Application <b>{number}</b> ({permit_type}) was rejected.",
    "notify.reason": "Reason: <i>{reason}</i>",
    "notify.withdrawn": "↩️ Your application <b>{number}</b> ({permit_type}) was withdrawn at "
                        "your request.",
    "notify.returned": "📎 <b>{number}</b> was returned to you: documents are missing.",
    "notify.missing": "What is missing: <i>{note}</i>",
    "notify.resubmit_where": "📍 Hand in what is missing, with your receipt, at the counter of "
                             "{office}: {address}\n🕘 {hours}",
    "notify.resubmit_by": "📅 By {date} ({days} working {days:day|days})",
    "notify.questions": "☎️ Questions: {phone}",
    "notify.clock_paused": "⏸ While we wait for your documents, the office's service time is not "
                           "counted.",
    "notify.waiting_reminder": "⏳ Reminder: <b>{number}</b> has been waiting for you since "
                               "{date} ({days} working {days:day|days}) — {stage}.",
    "notify.overdue": "⚠️ <b>{number}</b> has passed its service time ({due}) without a "
                      "decision. We apologise for the delay. Contact {office}{phone}.",
    "notify.receipt_replaced": "🔁 The office issued a new receipt for <b>{number}</b>, so you "
                               "no longer follow it. If it is yours, ask {office}{phone} for the "
                               "new receipt.",
    "notify.broadcast": "📢 <b>Announcement from {office}</b>\n{text}",
    "forget.confirm": "Delete all of this chat's data (followed applications: {count}, language "
                      "choice)? You will receive no more updates.",
    "forget.done": "Your chat's data has been deleted. Thank you for using E-Tracking.",
    "forget.cancelled": "Cancelled. Nothing was deleted.",
    "button.confirm_forget": "🗑 Yes, delete",
    "button.cancel": "Cancel",
}
