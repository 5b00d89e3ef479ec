"""Reading the history of changes that a record's page shows."""


def history_section(response) -> str:
    """Return the page of `response` from its history of changes ("Lịch sử thay đổi") on."""
    page = response.content.decode()
    return page[page.index("Lịch sử thay đổi") :]
