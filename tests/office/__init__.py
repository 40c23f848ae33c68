"""Tests of office/."""
