"""Language identification (py3langid: offline, fast)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when the text is too short to tell."""
    sample = text[:5000]
    if count_words(sample) < 5:
        return None
    code, probability = _identifier().classify(sample)
    return str(code) if probability >= 0.5 else None


_UNSPACED = (
    "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
)
_WORD = re.compile(f"[{_UNSPACED}]|[^\\s{_UNSPACED}]+")
"""A character of a script written without spaces between words (Chinese, Japanese kana,
Thai, Lao, Khmer, Burmese) counts as a word; elsewhere a run of non-space characters does."""


def count_words(text: str) -> int:
    """Words in ``text`` whatever its script, so a Chinese or Thai article is not taken
    for an empty page (a character of an unspaced script counts as one word)."""
    return len(_WORD.findall(text))
