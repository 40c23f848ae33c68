"""Running the bot: the Bot API transport, the single-instance lock, logs, start and stop."""
