"""The composition root: everything the bot is, built from Settings in one readable place."""

from __future__ import annotations

import logging
from typing import Any

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.access import StaffDirectory, StaffFilter, restricted
from bot.handlers import (
    applicant,
    applicant_buttons,
    billing,
    broadcast,
    bulk,
    document_review,
    documents,
    guidance,
    identity,
    questions,
    staff_admin,
    staff_buttons,
    staff_views,
    survey,
    undo,
)
from bot.handlers import casework as staff
from bot.handlers import data_files as exchange
from bot.handlers import stats as figures
from bot.handlers.chats import membership_changed, remember_chat
from bot.handlers.context import BotApplication, BotContext, Services
from bot.handlers.error_replies import on_error
from bot.handlers.flood_guard import FloodGuard
from bot.handlers.menus import publish_menus
from bot.handlers.staff_input import SHORT_NUMBER
from bot.jobs import HEARTBEAT_SECONDS, heartbeat, schedule_retention, schedule_staff_refresh
from bot.runtime.roles import Roles
from bot.runtime.send_limiter import SendLimiter
from bot.runtime.transport import bot_api_requests, updates_at_once
from bot.tracking import Tracking
from notifications.composer import Composer
from notifications.dispatcher import Dispatcher
from notifications.notices import Notices
from office.reply_keyboards import MENU_PATTERN
from office.settings import Settings
from storage.clock import Clock, system_clock
from storage.database import Listening
from storage.health import record_contact
from storage.leases import SCHEDULER, SENDER
from storage.models import Role
from storage.numbers import LOOKS_LIKE_NUMBER
from storage.store import Store
from storage.workflow import Action

log = logging.getLogger(__name__)

NUMBER_TEXT = filters.Regex(LOOKS_LIKE_NUMBER)
SHORT_NUMBER_TEXT = filters.Regex(SHORT_NUMBER)
MENU_TEXT = filters.Regex(MENU_PATTERN)


def build_bot(settings: Settings, *, clock: Clock = system_clock) -> BotApplication:
    """The whole bot: builder options, handlers by audience, error handler, lifecycle hooks."""
    directory = StaffDirectory()
    requests = bot_api_requests(settings.telegram)
    group = settings.staff.group_chat_id
    app: BotApplication = (
        ApplicationBuilder()
        .token(settings.telegram.token.get_secret_value())
        .base_url(settings.telegram.base_url)
        .base_file_url(settings.telegram.base_file_url)
        .request(requests[0])
        .get_updates_request(requests[1])
        .context_types(ContextTypes(context=BotContext))
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=settings.office.zone,
                           link_preview_options=LinkPreviewOptions(is_disabled=True)))
        # Telegram's ~30/s applies to bulk notifications, which the dispatcher paces itself;
        # answers to people who just wrote are not held back. Groups keep their 20/min, a 429
        # pauses only its chat, and an answer never waits long for its chat's budget.
        .rate_limiter(SendLimiter(settings.flood.max_send_wait_seconds))
        .concurrent_updates(updates_at_once(settings.telegram))
        .post_init(lambda app: open_services(app, settings, directory, clock))
        .post_shutdown(close_services)
        .build()
    )
    # First of all: a chat over its budget is dropped before any work (bot/handlers/flood_guard.py).
    app.add_handler(TypeHandler(Update, FloodGuard(settings.flood, group)), group=-3)
    app.add_handler(TypeHandler(Update, remember_chat), group=-2)
    # A reply to a clerk's own reason prompt (held in the database, so filters cannot see it):
    # answered here and stopped; any other reply goes on to the handlers below.
    app.add_handler(MessageHandler(
        filters.REPLY & filters.TEXT & ~filters.COMMAND & StaffFilter(directory, Role.OPERATOR),
        staff_buttons.reason_reply), group=-1)
    app.add_handler(ChatMemberHandler(membership_changed,
                                              ChatMemberHandler.MY_CHAT_MEMBER))
    add_staff_handlers(app, directory, group)
    add_applicant_handlers(app, group)
    app.add_error_handler(on_error)
    return app


OPERATOR_COMMANDS = {
    "types": staff.types, "new": staff.new, "receipt": staff.receipt, "move": staff.move,
    "unlock": staff.unlock,
    **{action.value: staff.change_command(action) for action in (
        Action.ADVANCE, Action.RETURN, Action.REJECT, Action.ISSUE, Action.WITHDRAW,
        Action.NOTE)},
    "queue": staff_views.queue, "overdue": staff_views.overdue, "find": staff_views.find,
    "view": staff_views.view, "outbox": staff_admin.outbox, "stats": figures.stats,
    "undo": undo.undo,
    "fee": billing.fee, "collected": billing.collected, "close": questions.close,
    "again": document_review.ask_again,
}
ADMIN_COMMANDS = {"staff": staff_admin.staff, "audit": staff_views.audit,
                  "broadcast": broadcast.broadcast, "import": exchange.import_command}
# Whole-office data files go to a private chat only, never into the staff group.
# Survey comments are applicants' own words: to an admin's private chat, not the group either.
PRIVATE_ADMIN_COMMANDS = {"export": exchange.export, "backup": exchange.backup,
                          "comments": figures.comments}


def add_staff_handlers(app: BotApplication, directory: StaffDirectory,
                       group_chat_id: int | None) -> None:
    """What office staff may do, in private chats and the staff group; others are refused."""
    where: filters.BaseFilter = filters.ChatType.PRIVATE
    if group_chat_id is not None:
        where = where | filters.Chat(group_chat_id)
    operator, admin = StaffFilter(directory, Role.OPERATOR), StaffFilter(directory, Role.ADMIN)
    retry = filters.Regex(r"^/outbox(@\w+)?\s+retry\s*$")
    app.add_handler(CommandHandler("outbox", staff_admin.outbox_retry,
                                           filters=where & retry & admin))
    app.add_handler(CommandHandler("outbox", staff_admin.refuse_admin,
                                           filters=where & retry & operator))
    # Staff get the staff help; everyone else falls through to the applicants' /help.
    app.add_handler(CommandHandler("help", staff.staff_help, filters=where & operator))
    # /myid in a group that is not (yet) the staff group: for staff only (an admin setting one
    # up); anyone else there gets no answer, as with every other command (README, "Flood").
    app.add_handler(CommandHandler("myid", identity.myid,
                                           filters=filters.ChatType.GROUPS & operator))
    for name, callback in OPERATOR_COMMANDS.items():
        app.add_handler(CommandHandler(name, callback, filters=where & operator))
    for name, callback in ADMIN_COMMANDS.items():
        app.add_handler(CommandHandler(name, callback, filters=where & admin))
    for name, callback in PRIVATE_ADMIN_COMMANDS.items():
        app.add_handler(CommandHandler(name, callback,
                                               filters=filters.ChatType.PRIVATE & admin))
    app.add_handler(CommandHandler(list(PRIVATE_ADMIN_COMMANDS),
                                           staff_admin.refuse_private, filters=admin))
    app.add_handler(CommandHandler(list(OPERATOR_COMMANDS), staff_admin.refuse))
    app.add_handler(CommandHandler([*ADMIN_COMMANDS, *PRIVATE_ADMIN_COMMANDS],
                                           staff_admin.refuse_admin))
    for pattern, callback in ((r"^m:", staff_buttons.move_button),
                              (r"^p:", staff_buttons.prompt_button),
                              (r"^c:(yes|no)$", staff_buttons.confirm_button),
                              (r"^ra:", staff_buttons.repeat_button),
                              (r"^rc:(yes|no)$", staff.receipt_button),
                              (r"^nw:(yes|no)$", staff.new_button),
                              (r"^u:\d+$", undo.undo_button),
                              (r"^bk:(yes|no)$", bulk.bulk_button),
                              (r"^qa$", bulk.queue_button),
                              (r"^qc:\d{1,18}$", questions.close_button),
                              (r"^dr:[ar]:\d{1,18}$", document_review.review_button)):
        app.add_handler(CallbackQueryHandler(
            restricted(callback, directory, Role.OPERATOR, staff_admin.refuse), pattern=pattern))
    for pattern, callback in ((r"^b:(yes|no)$", broadcast.broadcast_button),
                              (r"^imp:(yes|no)$", exchange.import_button)):
        app.add_handler(CallbackQueryHandler(
            restricted(callback, directory, Role.ADMIN, staff_admin.refuse), pattern=pattern))
    csv_import = (filters.Document.FileExtension("csv") & filters.CaptionRegex(r"^/import")
                  & where & admin)
    app.add_handler(MessageHandler(csv_import, exchange.import_document))
    app.add_handler(MessageHandler(  # another kind of file: explain what is wanted
        filters.Document.ALL & filters.CaptionRegex(r"^/import") & where & admin,
        exchange.import_command))
    app.add_handler(MessageHandler(filters.Document.ALL & filters.CaptionRegex(
        r"^/import"), staff_admin.refuse_admin))
    # The permit itself, captioned /issue: issued, and the file goes to the followers.
    permit = (filters.Document.ALL | filters.PHOTO) & filters.CaptionRegex(r"^/issue(@\w+)?(\s|$)")
    app.add_handler(MessageHandler(permit & where & operator, billing.issue_with_permit))
    app.add_handler(MessageHandler(permit, staff_admin.refuse))
    # A reply to a question's post answers it; anyone else's reply is refused.
    answer = filters.TEXT & ~filters.COMMAND & questions.ReplyToQuestion() & where
    app.add_handler(MessageHandler(answer & operator, questions.answer_reply))
    app.add_handler(MessageHandler(answer, staff_admin.refuse))
    # After the reason replies: a clerk typing a number (or `#12`) gets the staff view.
    app.add_handler(MessageHandler(
        filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE
        & (NUMBER_TEXT | SHORT_NUMBER_TEXT) & operator, staff_views.lookup_text))


def add_applicant_handlers(app: BotApplication, group_chat_id: int | None) -> None:
    """What everyone may do: in private chats, and in the staff group for staff's convenience.

    Other groups get no answers (README, "Flood isolation"): each would spend that group's send
    budget, and an office bot has nothing to tell a stranger's group.
    """
    where: filters.BaseFilter = filters.ChatType.PRIVATE
    if group_chat_id is not None:
        where = where | filters.Chat(group_chat_id)
    for name, callback in (
        ("start", applicant.start), ("help", applicant.help_command),
        ("status", applicant.status), ("follow", applicant.follow),
        ("unfollow", applicant.unfollow), ("mine", applicant.mine),
        ("language", applicant.language), ("forgetme", applicant.forget_me),
        ("myid", identity.myid),
    ):
        app.add_handler(CommandHandler(name, callback, filters=where))
    app.add_handler(CommandHandler("ask", questions.ask, filters=filters.ChatType.PRIVATE))
    private_text = filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE
    app.add_handler(MessageHandler(private_text & MENU_TEXT, guidance.menu_button))
    app.add_handler(MessageHandler(private_text & NUMBER_TEXT, guidance.lookup_text))
    # Everything else typed: access codes, near-miss numbers, greetings (bot/handlers/guidance.py).
    # (A question to the office first, then a survey's comment, when one is awaited.)
    app.add_handler(MessageHandler(private_text, questions.question_or_text))
    # A photo or file: a missing document handed in (bot/handlers/documents.py); other media
    # are answered with what is accepted.
    app.add_handler(MessageHandler(filters.ChatType.PRIVATE & (
        filters.PHOTO | filters.Document.ALL | filters.VIDEO | filters.VOICE | filters.AUDIO
        | filters.VIDEO_NOTE), documents.hand_in))
    # Last: a command nobody handled (a typo, an old habit). Groups may hold other bots.
    app.add_handler(MessageHandler(filters.COMMAND & filters.ChatType.PRIVATE,
                                           applicant.unknown_command))
    app.add_handler(CallbackQueryHandler(applicant_buttons.status_button, pattern=r"^s:"))
    app.add_handler(CallbackQueryHandler(applicant_buttons.language_button,
                                                 pattern=r"^lang:(id|en)$"))
    app.add_handler(CallbackQueryHandler(applicant_buttons.forget_button,
                                                 pattern=r"^forget:"))
    app.add_handler(CallbackQueryHandler(documents.choice_button,
                                         pattern=r"^dc:\d{1,18}:\d{1,18}$"))
    app.add_handler(CallbackQueryHandler(survey.survey_button,
                                         pattern=r"^sv:\d{1,18}:\d:([1-4]|s|x)$"))
    app.add_handler(CallbackQueryHandler(questions.cancel_button, pattern=r"^qa:x$"))


async def open_services(app: Application[Any, Any, Any, Any, Any, Any],
                        settings: Settings, directory: StaffDirectory, clock: Clock) -> None:
    """post_init: open the store, load the staff, start the dispatcher."""
    store = await Store.open(settings.database.target, settings.catalogue(),
                             settings.calendar(), prefix=settings.office.registration_prefix,
                             default_language=settings.office.default_language, clock=clock,
                             password=settings.database.secret,
                             files=settings.documents.file_store(settings.database.path,
                                                                 settings.database.on_postgres))
    await store.staff.bootstrap(settings.staff.admin_ids)
    directory.load(await store.staff.members())
    # Several processes may share a PostgreSQL database: each role goes to one of them.
    roles = Roles(store.leases if store.database.dialect == "postgresql" else None,
                  settings.instances)
    await roles.refresh()
    dispatcher = Dispatcher(store, Composer(store, settings), settings.notifications,
                            holder=roles.identity, active=lambda: roles.holds(SENDER))
    services = Services(settings=settings, store=store, tracking=Tracking(store, settings),
                        directory=directory, bot_username=app.bot.username,
                        wake_dispatcher=dispatcher.wake)
    store.on_outbox(dispatcher.wake)
    app.bot_data["services"] = services
    app.bot_data["dispatcher"] = dispatcher
    app.bot_data["roles"] = roles
    app.bot_data["before_stop"] = lambda: stop_roles(dispatcher, roles)
    roles.on_change(SENDER, lambda gained: dispatcher.take_over() if gained else None)
    # Another process's commits wake this one's dispatcher too (if it is the sender).
    listener = store.database.outbox_listener(dispatcher.wake)
    if listener is not None:
        listener.start()
        app.bot_data["listener"] = listener
    assert app.job_queue is not None
    roles.attach(app.job_queue)
    dispatcher.attach(app)
    group = settings.staff.group_chat_id
    notices = Notices(store, settings, lambda: [group] if group else directory.user_ids,
                      lambda: roles.lead(SCHEDULER))
    app.bot_data["notices"] = notices
    notices.schedule(app)
    schedule_retention(app, store, settings, lambda: roles.lead(SCHEDULER))
    schedule_staff_refresh(app, store, directory)
    await record_contact(store)
    assert app.job_queue is not None
    app.job_queue.run_repeating(heartbeat(store), HEARTBEAT_SECONDS,
                                        first=HEARTBEAT_SECONDS, name="heartbeat")
    await publish_menus(app.bot, directory, settings.staff.group_chat_id)


async def stop_roles(dispatcher: Dispatcher, roles: Roles) -> None:
    """Before stopping: let sends in flight finish, then hand every lease to another process."""
    await dispatcher.stop()
    await roles.release()


async def close_services(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """post_shutdown: stop listening, close the store."""
    services: Services | None = app.bot_data.get("services")
    listener: Listening | None = app.bot_data.get("listener")
    if listener is not None:
        await listener.close()
    if services is not None:
        await services.store.close()
