"""Russian (and Kazakh-lettered Russian) rules: natasha NER + pymorphy3 + patterns. (in progress)"""

from __future__ import annotations


def process(text, sentences, builder, people) -> None:
    return None
