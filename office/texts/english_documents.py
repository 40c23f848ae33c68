"""English texts for documents handed in by chat: receipts, refusals, staff review."""

MESSAGES: dict[str, str] = {
    "documents.what.photo": "photo",
    "documents.what.image/jpeg": "JPEG image",
    "documents.what.image/png": "PNG image",
    "documents.what.application/pdf": "PDF document",
    "documents.received": "📎 Received for <b>{number}</b>: {what}, {size} (document "
                          "#{document}). Staff will check it and let you know.",
    "documents.duplicate": "📎 This file was already received for <b>{number}</b> (document "
                           "#{document}); there is nothing more to do.",
    "documents.choose": "📎 Which application is this file for? Choose below, or send it again "
                        "with the number as its caption.",
    "documents.refused.type": "This file cannot be taken. Send a photo, or a PDF, JPEG or PNG "
                              "file.",
    "documents.refused.size": "This file is too large: at most {megabytes} MB. Send a smaller "
                              "scan or a photo.",
    "documents.refused.stage": "<b>{number}</b> is not waiting for documents now (stage: "
                               "{stage}). Files are taken while the office asks for them.",
    "documents.refused.not_follower": "You can hand in documents only for an application you "
                                      "follow. Follow it first with its access code: "
                                      "<code>/follow {number} 123456</code>.",
    "documents.refused.none": "None of the applications you follow is waiting for documents, "
                              "so this file was not kept. Files are taken while the office "
                              "asks for them (after a return for completion).",
    "documents.refused.limit": "<b>{number}</b> has received {limit} files in the last 24 "
                               "hours, the most a day. Please send the rest tomorrow.",
    "documents.refused.expired": "This choice is no longer open. Please send the file again.",
    "documents.refused.choices": "{limit} files are already waiting for you to choose their "
                                 "application. Choose for those first.",
    "documents.refused.gone": "That document is no longer kept.",
    "documents.status.received": "to check",
    "documents.status.accepted": "accepted",
    "documents.status.again": "asked again",
    "documents.reviewed": "Document #{document} was handled already: {status}.",
    "documents.staff.forward": "📎 <b>Document #{document}</b> for <b>{number}</b> ({stage})\n"
                               "Applicant: {name}\n{what}, {size}",
    "documents.staff.accept": "✅ Accept",
    "documents.staff.again": "↩️ Ask again",
    "documents.staff.accepted": "✅ Document #{document} for <b>{number}</b> accepted.",
    "documents.staff.resumed": "✅ Document #{document} for <b>{number}</b> accepted; the "
                               "application is back at {stage} and its followers are told.",
    "documents.staff.again_how": "↩️ To ask for document #{document} again, type "
                                 "<code>/again {document} what is wrong</code>; the applicant "
                                 "reads your words.",
    "documents.staff.asked_again": "↩️ Asked for document #{document} of <b>{number}</b> again; "
                                   "the applicant is told.",
    "documents.staff.usage": "Usage: <code>/again document-no. what is wrong</code>, e.g. "
                             "<code>/again 12 Page 2 cannot be read</code> (at most {limit} "
                             "characters).",
    "documents.view.heading": "Documents ({count})",
    "documents.view.line": "#{document} · {date} · {what}, {size} · {status}",
    "documents.notify.accepted": "✅ The office accepted your document #{document} for "
                                 "<b>{number}</b>.",
    "documents.notify.again": "↩️ The office asks you to send document #{document} for "
                              "<b>{number}</b> again: {reason}",
}
