"""One vocabulary for the rule code: the word lists live in sayso.lexicon, the token/span helpers in
sayso.nlp.tokens, and no rule module reaches into another's private names."""
import ast
from pathlib import Path

from spacy.glossary import GLOSSARY

import sayso
from sayso import lexicon
from sayso.resolve.stance import STANCE_RULES

SRC = Path(sayso.__file__).parent
RULE_PACKAGES = ("nlp", "resolve", "evaluate")


def _rule_modules():
    for pkg in RULE_PACKAGES:
        yield from sorted((SRC / pkg).glob("*.py"))


def test_no_rule_module_imports_a_private_name():
    bad = []
    for path in _rule_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                bad += [f"{path.relative_to(SRC)}: {a.name}" for a in node.names if a.name.startswith("_")]
    assert not bad


#: Modules still holding a word list of their own (none: keep it that way).
NOT_YET: set[str] = set()


def test_word_lists_are_defined_only_in_the_lexicon():
    """A module-level set, frozenset or tuple of words outside the lexicon is a second vocabulary
    (sets of parser labels, "ccomp" or "VERB", are not words)."""
    found = []
    for path in _rule_modules():
        if str(path.relative_to(SRC)) in NOT_YET:
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.Assign):
                continue
            if ast.unparse(node.targets[0]).endswith("LABELS"):  # a data set's class labels, not words to match
                continue
            v = node.value
            words = (isinstance(v, (ast.Set, ast.Tuple)) and len(v.elts) > 3
                     and all(isinstance(e, ast.Constant) and isinstance(e.value, str) and e.value.isalpha()
                             for e in v.elts)
                     and not all(e.value in GLOSSARY for e in v.elts))
            split = isinstance(v, ast.Call) and "split" in ast.unparse(v)
            if words or split:
                found.append(f"{path.relative_to(SRC)}: {ast.unparse(node.targets[0])}")
    assert not found, found


def test_the_quotation_mark_sets_nest():
    assert lexicon.QUOTE_TOKENS <= lexicon.QUOTE_CHARS
    assert lexicon.QUOTE_OPENERS <= lexicon.QUOTE_CHARS
    assert set(lexicon.DOUBLE_QUOTES) <= lexicon.QUOTE_CHARS
    assert set(lexicon.OPENING_QUOTES) <= lexicon.QUOTE_CHARS


def test_stance_rules_are_one_ordered_table():
    labels = [label for label, _, _ in STANCE_RULES]
    assert labels[0] == "declines" and labels[-1] == "hedges"
    order = list(dict.fromkeys(labels))
    assert order == ["declines", "questions", "denies", "hedges", "dismisses"]  # a modal cue hedges early
    assert all(callable(rule) and reason for _, reason, rule in STANCE_RULES)
