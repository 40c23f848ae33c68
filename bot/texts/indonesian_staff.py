"""Indonesian texts for office staff."""

MESSAGES: dict[str, str] = {
}
