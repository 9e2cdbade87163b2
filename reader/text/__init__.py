"""Text helpers under everything: text made safe to show, find in text, grapheme clusters."""
