"""Claims across articles: the same proposition in many reports, who backs it, who denies it,
and how many independent origins stand behind it.

Stages (one module each): ``encode`` (texts -> vectors), ``group`` (which texts state the same
claim), ``stance`` (how a report stands toward a claim). The store keeps the claims; this package
never writes SQL.
"""
