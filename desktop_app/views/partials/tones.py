"""The colours that mark urgency, shared by every view.

Mid-range tones, so they read on light and dark palettes alike. Colour never
carries meaning alone: a coloured text also says it in words.
"""

ALERT = "#d92d20"
WARNING = "#c4740a"
GOOD = "#12a150"
