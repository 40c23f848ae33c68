"""English texts of questions to the office: the applicant's side and the staff's."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "button.ask": "💬 Ask the office",
    "usage.ask": ("To ask the office about an application you follow: "
                  "<code>/ask {example} your question</code>, or press 💬 Ask the office "
                  "on its card."),
    "ask.prompt": ("✍️ Type your question about <b>{number}</b> in one message (at most "
                   "{limit} characters). The office will answer here."),
    "ask.cancelled": "Cancelled. No question was sent.",
    "ask.sent": ("✅ Your question about <b>{number}</b> has been passed to the office. The "
                 "answer will come here."),
    "ask.refused.not_following": (
        "You can only ask about an application you follow. Follow <b>{number}</b> first "
        "with the access code on its receipt: <code>/follow {number} 123456</code>."),
    "ask.refused.too_long": ("Your question is too long: at most {limit} characters. Please "
                             "shorten it and send it again; nothing was sent."),
    "ask.refused.empty": "Please type your question as text; nothing was sent.",
    "ask.refused.daily_limit": ("You have reached the limit of {limit} questions a day. "
                                "Please ask again tomorrow, or call the office."),
    "ask.refused.waiting": ("Your question about <b>{number}</b> has not been answered yet. "
                            "Please wait for the answer before asking again."),
    "notify.answer": "💬 <b>The office answers</b> your question about <b>{number}</b>:\n{answer}",
    "staff.question.post": ("❓ <b>Question #{id}</b> · {number}\nStage: {stage}\n"
                            "Applicant: {name}\n\n{question}\n\n"
                            "↩️ Reply to this message to answer; the answer goes to the asker."),
    "staff.button.close_question": "🔒 Close",
    "staff.question.answered": "✅ Answer to question #{id} ({number}) sent to the asker.",
    "staff.question.closed": "🔒 Question #{id} ({number}) closed.",
    "staff.question.already_closed": "Question #{id} ({number}) was already closed.",
    "staff.error.question_closed": ("Question #{id} ({number}) is closed: the answer was not "
                                    "sent."),
    "staff.error.question_gone": ("This question no longer exists (its asker deleted their "
                                  "data): nothing was sent."),
    "staff.error.asker_left": ("The asker of question #{id} no longer follows {number} (they "
                               "unfollowed, or a new receipt removed them): the answer was not "
                               "sent."),
    "staff.error.answer_too_long": ("The answer is too long: at most {limit} characters. "
                                    "Nothing was sent."),
    "staff.close.done": "🔒 Closed {count} {count:question|questions} about <b>{number}</b>.",
    "staff.close.none": "No open questions about <b>{number}</b>.",
    "staff.view.questions": "Questions ({count})",
    "staff.view.question": "❓ #{id} · {date}{state}\n   <i>{question}</i>",
    "staff.view.question_waiting": " · not answered yet",
    "staff.view.question_closed": " · closed",
    "staff.view.answer": "\n   ↳ {date} · {who}: <i>{answer}</i>",
    "staff.digest.questions": "Questions unanswered after a working day: <b>{count}</b>",
    "staff.digest.question": "  • #{id} · {number} · asked {date}",
}
