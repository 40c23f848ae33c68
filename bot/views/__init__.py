"""What staff and applicants see: cards, lists, figures, charts, keyboards, receipts.

Pure functions from records to safe HTML (or PNG); no Telegram calls.
"""
