"""The office's common language, below both the bot and the notifications.

Settings (one model per TOML table), the text catalogues with their HTML escaping, dates as the
office reads them, and the button format that notices and cards share. It may import `storage/`
and nothing else of ours.
"""
