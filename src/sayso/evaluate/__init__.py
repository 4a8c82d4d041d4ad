"""Scorers: PolNeAR attribution extraction (``evaluate.polnear``)."""
