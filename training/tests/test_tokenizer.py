import json
import subprocess
from pathlib import Path

from collections import Counter

from training.concepts import LexiconFile, build_concept_table
from training.tokenizer import CLS_ID, SEP_ID, load_tokenizer, truncate_longest_first

REPO = Path(__file__).resolve().parents[2]
MULTILINGUAL = [
    ("Which river flows through the city?", "Der Fluss fließt durch die Stadt Dresden."),
    ("Где находится школа?", "Школа стоит рядом с церковью на холме."),
    ("学校在哪里？", "学校在山上的教堂旁边。"),
    ("أين تقع المدرسة؟", "تقع المدرسة بجانب الكنيسة على التلة."),
    ("  Ünïcode   ＦＵＬＬＷＩＤＴＨ and İstanbul ", "Ǆemal’s “quotes” — dashes… ☃☃ 12345"),
    ("¿Dónde está la escuela?", "La escuela está junto a la iglesia en la colina."),
    ("", "empty query"),
]


def js_ids(tokenizer_json: Path, pairs) -> list[list[int]]:
    result = subprocess.run(
        ["node", str(REPO / "training/node/tokenize.mjs"), str(tokenizer_json)],
        input=json.dumps(pairs), capture_output=True, text=True, cwd=REPO, check=True,
    )
    return json.loads(result.stdout)


def test_python_and_js_tokenizers_agree_id_for_id(tokenizer_dir):
    # Prepare
    tokenizer, _ = load_tokenizer(tokenizer_dir)
    # Act
    python = [tokenizer.encode_pair(q, p, 10_000)[0] for q, p in MULTILINGUAL]
    js = js_ids(tokenizer_dir / "tokenizer.json", MULTILINGUAL)
    # Assess
    assert python == js


def test_pair_layout_and_type_ids(tokenizer_dir):
    tokenizer, _ = load_tokenizer(tokenizer_dir)
    ids, types = tokenizer.encode_pair("the river", "the city", 64)
    first_sep = ids.index(SEP_ID)
    assert ids[0] == CLS_ID and ids[-1] == SEP_ID
    assert types == [0] * (first_sep + 1) + [1] * (len(ids) - first_sep - 1)


def test_longest_first_truncation_trims_the_longer_side_first():
    a, b = truncate_longest_first(list(range(10)), list(range(100, 103)), 8)
    assert (a, b) == (list(range(5)), [100, 101, 102])
    a, b = truncate_longest_first(list(range(4)), list(range(100, 104)), 6)
    assert len(a) == 3 and len(b) == 3


def test_encoded_pairs_respect_max_length(tokenizer_dir):
    tokenizer, _ = load_tokenizer(tokenizer_dir)
    ids, types = tokenizer.encode_pair("river " * 50, "city " * 80, 32)
    assert len(ids) == len(types) == 32


def test_tokenizer_json_declares_the_pair_template(tokenizer_dir):
    spec = json.loads((tokenizer_dir / "tokenizer.json").read_text())
    assert spec["model"]["type"] == "Unigram"
    assert spec["pre_tokenizer"]["type"] == "Metaspace"
    assert [s.get("SpecialToken", {}).get("type_id") for s in spec["post_processor"]["pair"]][-1] == 1


class PieceList:
    """Just the two things build_concept_table reads from a tokenizer."""

    def __init__(self, pieces):
        self._pieces = [(p, 0.0) for p in pieces]
        self.vocab_size = len(pieces)

    def pieces(self):
        return self._pieces


def test_concept_table_links_translations_through_english(workdir, lexicon_specs):
    # Prepare
    pieces = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "▁river", "▁fluss", "▁река", "▁河", "▁house", "▁haus",
              "▁дом", "ss", "▁qwerty", "▁the", "▁houses", "▁häuser", "▁домами", "城市", "ing", "▁rivers"]
    lexicons = [LexiconFile.parse(spec) for spec in lexicon_specs]
    # Act
    table, stats = build_concept_table(PieceList(pieces), lexicons, Counter({"the": 5}))
    concept = {p: int(table[i]) for i, p in enumerate(pieces)}
    # Assess
    assert concept["▁river"] > 0 and concept["▁house"] > 0 and concept["▁river"] != concept["▁house"]
    assert concept["▁fluss"] == concept["▁река"] == concept["▁河"] == concept["▁river"]
    assert concept["▁haus"] == concept["▁дом"] == concept["▁house"]
    # inflected forms reach the lemma's concept through Snowball stems, in every language
    assert concept["▁houses"] == concept["▁häuser"] == concept["▁домами"] == concept["▁house"]
    assert concept["▁rivers"] == concept["▁river"]
    # CJK pieces stand for words even without a word-start mark
    assert concept["城市"] > 0 and concept["城市"] != concept["▁river"]
    assert concept["▁the"] > 0  # frequent English words are concepts of their own
    assert all(concept[p] == 0 for p in ("[PAD]", "[CLS]", "ss", "ing", "▁qwerty"))
    assert stats["lexicon_concepts"] == 6 and stats["stem_concepts"] >= 2
