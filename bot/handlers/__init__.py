"""Telegram handlers: thin adapters from updates to the domain and back."""
