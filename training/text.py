"""Text normalisation shared by the tokenizer trainer, the concept table and tokenizer.json.

Every step here has an exact counterpart in the exported tokenizer.json normalizer
(NFKC, Lowercase, whitespace runs to one space, Strip), so Python and Node see the
same string before the Unigram model runs.
"""

import re
import unicodedata

WHITESPACE_RUN = re.compile(r"\s+")


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return WHITESPACE_RUN.sub(" ", text).strip()


WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def words(text: str) -> list[str]:
    """Letter runs of normalised text; used for frequencies, never for model input."""
    return WORD.findall(normalize(text))
