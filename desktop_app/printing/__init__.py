"""Printing a PDF exactly as exported, between the layers (no Qt here).

- `paper.py`: sheets of paper by name and size (A4, US Letter, ...), the
  scale at which a page fits another sheet.
- `request.py`: what the owner asked for (printer, pages, copies, duplex,
  paper, ...) as plain data, the page ranges they typed, checked against the
  document, and the `lp` command line that asks CUPS for exactly that.
- `cups.py`: the CUPS print service through its own commands (`lp`,
  `lpstat`, `lpoptions`): the printers, their state and paper, and sending
  a PDF as it is, so text stays vector and the job is as small as the file.

The window (views/partials/pdf_print.py) and `offload print-brief` both
print through `cups.send_pdf`; where CUPS is missing (Windows, or no print
service), the window paints the pages through Qt instead.
"""
