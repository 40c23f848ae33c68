"""Tests of bot/runtime/."""
