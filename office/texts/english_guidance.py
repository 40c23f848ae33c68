"""English texts that guide applicants: the menu, hints for near-misses, small talk."""

MESSAGES: dict[str, str] = {
    "menu.check_status": "🔎 Check status",
    "menu.mine": "📋 My applications",
    "menu.help": "❓ Help",
    "menu.placeholder": "A registration number, or choose from the menu",
    "menu.staff_placeholder": "A number (e.g. 123) or a command",
    "menu.shown": "👇 The menu is below: press <b>🔎 Check status</b> to check your application, "
                  "no commands to type.",
    "menu.staff_shown": "👇 The staff menu is below: /queue, /overdue, /new and /help.",
    "menu.ask_number": "🔎 Send the registration number from your receipt, e.g. "
                       "<code>{example}</code>.",
    "small_talk.greeting": "Hello! 👋 I am the E-Tracking assistant of {office}. Choose from the "
                           "menu below, or send your registration number, e.g. "
                           "<code>{example}</code>.",
    "small_talk.thanks": "You are welcome! 🙏 If you need anything else, choose from the menu "
                         "below or send your registration number.",
    "hint.no_prefix": "Registration numbers start with <b>{prefix}</b>. Did you mean "
                      "<b>{suggestion}</b>? Press the button below to see it.",
    "hint.code_or_number": "Did you mean number <b>{suggestion}</b>? Press the button below to "
                           "see it. If those 6 digits are your access code, open the "
                           "application's status first, then press 🔔 Follow.",
    "hint.wrong_prefix": "Number <b>{number}</b> was not found. This office's numbers start with "
                         "<b>{prefix}</b>: did you mean <b>{suggestion}</b>?",
    "hint.sequence_too_long": "The sequence has 6 digits, e.g. <code>{example}</code>. There "
                              "seems to be a digit too many; please check your receipt.",
    "hint.year_alone": "That is only the year. Send the full registration number from your "
                       "receipt, e.g. <code>{example}</code>.",
    "button.open_number": "📄 {number}",
    "fee.amount": "💳 Fee: <b>{amount}</b>",
    "fee.billing_code": "🧾 Billing code (SKRD): <code>{code}</code>",
    "fee.due": "📅 Pay by {date}",
    "fee.how": "🏦 {instructions}",
    "notify.collect_reminder": "📦 Reminder: your {permit_type} (<b>{number}</b>) was issued on "
                               "{date} and is waiting to be collected.",
    "survey.invite": "📝 <b>Satisfaction survey</b> for {permit_type} <b>{number}</b>. Nine "
                     "short questions; your answers are counted without your name.",
    "survey.question": "Question {position} of 9:\n{question}",
    "survey.skip": "⏭ Skip",
    "survey.stop": "⏹ Stop",
    "survey.comment": "💬 Any suggestion or comment? Type a reply (at most {limit} characters), "
                      "or press Finish.",
    "survey.finish": "✅ Finish",
    "survey.thanks": "🙏 Thank you, your response has been recorded.",
    "survey.stale": "This question has already been answered.",
    "survey.not_invited": "This survey is not for your chat.",
    "staff.collected": "📦 <b>{number}</b>: the permit was collected; no reminder will be sent.",
    "staff.error.not_issued": "<b>{number}</b> is not issued yet (stage {stage}); there is nothing "
                              "to collect.",
    "staff.usage.collected": "Usage: <code>/collected 123</code> (the applicant collected the "
                             "permit).",
    "estimate.days": "⏱ Usually done in {days} more {unit}, around {around}",
    "estimate.unit_one": "working day",
    "estimate.unit_many": "working days",
    "estimate.today": "⏱ Usually done today",
    "estimate.queue": "👥 Number {position} of {total} {total:application|applications} at "
                      "this stage",
    "notify.fee": "💳 The bill for <b>{number}</b> has been recorded.",
}
