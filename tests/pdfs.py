"""Reading the PDF files that pages serve, with poppler's command-line tools."""

import subprocess


def pdf_text(content, tmp_path):
    """Return (the text laid out as on the page, the list of fonts) of a PDF's bytes."""
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return text, fonts
