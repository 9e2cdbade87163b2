"""A fixed library of hand-written stories: which articles are grouped, recorded once.

Several stories told by two or three sources each, and near-misses (the same people at
another event, the same kind of event elsewhere, a page whose "READ MORE" list names
another story's headline) that must stay on their own. Any change to how stories are
found must leave these groups as they are.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

import reader.related.extracting as extracting_module
import reader.related.linking as linking_module
import reader.related.score as score_module
import reader.related.store as store_module
import reader.related.stories as stories_module
from reader.related import open_related
from reader.search import open_index

ARTICLES = {
    # -- A: a bridge gives way in Port Alder, three sources ---------------------------
    "Harbor Wire/halvard-bridge-collapse.txt": """Halvard Bridge collapses into the Alder river

By Harbor Wire staff | Mar 4, 2026

Part of the Halvard Bridge in Port Alder gave way before dawn on Tuesday, sending two
empty lorries into the Alder river, the city's fire service said. Nobody was killed.

Mayor Ingrid Solberg said the crossing had been closed to cars since January because
of cracks found by inspectors. "We heard a sound like thunder and then the deck was
gone," said Tomas Okonkwo, who runs a bakery on the quay.

Engineers from the regional roads agency, led by Birgit Haugland, will examine the
remaining spans on Wednesday. Ferries across the estuary will run every twenty minutes
until further notice, the harbour master Pieter Vandenbroek said.
""",
    "Coastal Gazette/port-alder-bridge-falls.txt": """Port Alder bridge span falls into river

By Coastal Gazette | Mar 4, 2026

A span of the Halvard Bridge in Port Alder fell into the Alder river early on Tuesday,
taking two unladen lorries with it. The fire service said no one was hurt.

"We heard a sound like thunder and then the deck was gone," baker Tomas Okonkwo told
reporters on the quay. Mayor Ingrid Solberg said inspectors had found cracks in the
structure last winter and that it had been shut to cars since January.

Birgit Haugland of the regional roads agency said her engineers would inspect the
other spans. Harbour master Pieter Vandenbroek said extra ferries would cross the
estuary while the bridge stays closed.
""",
    "Daily Courier/bridge-collapse-alder.txt": """Old bridge gives way, lorries plunge into river

By Daily Courier | Mar 5, 2026

The Halvard Bridge, a crossing more than a century old, partly collapsed in Port Alder
on Tuesday. Two lorries parked on the closed deck dropped into the Alder river; the
fire service found nobody inside them.

Mayor Ingrid Solberg had closed the bridge to traffic in January after inspectors
reported cracks. Pieter Vandenbroek, the harbour master, has ordered more ferries.
Birgit Haugland, who leads the regional roads agency's engineers, said the remaining
spans would be checked before anyone may walk on them again.
""",
    # -- B: the Bank of Veloria raises its rate, two sources ----------------------------
    "AFP/veloria-central-bank-raises-rates.txt": """Veloria central bank raises rates to curb inflation

By AFP | Jun 11, 2026

The Bank of Veloria raised its main interest rate by half a point to 4.75 percent on
Thursday, its third increase this year, as inflation climbed to 6.2 percent in May.

Governor Lucia Marchetti told a news conference in Santa Irena that "the price of doing
too little now would be paid by every household later". Two of the seven members of
the monetary committee, Rafael Quintero and Mirela Dobrescu, voted to hold the rate.

Finance minister Esteban Aranguren said the government would keep its spending plans.
The veloria fell against the dollar after the announcement.
""",
    "Continental Post/marchetti-half-point-hike.txt": """Marchetti delivers half-point hike as prices climb

By Continental Post | Jun 11, 2026

Lucia Marchetti, governor of the Bank of Veloria, announced a rise of half a
percentage point in the main rate on Thursday, taking it to 4.75 percent.

"The price of doing too little now would be paid by every household later," she said
in Santa Irena. Inflation reached 6.2 percent in May. Committee members Rafael Quintero
and Mirela Dobrescu dissented, preferring to wait.

Esteban Aranguren, the finance minister, said his budget would not change.
""",
    # -- C: a comet found from Cerro Blanco, two sources --------------------------------
    "Science Desk/new-comet-cerro-blanco.txt": """Astronomers spot a bright new comet

By Science Desk | Sep 2, 2026

A comet that may become visible to the naked eye in December was found on Monday by
Priya Venkataraman at the Cerro Blanco observatory, using a survey telescope that scans
the southern sky every night.

"It is already brighter than we expected for something so far from the Sun," said
Venkataraman. Her colleague Joaquin Arrieta confirmed the object on images taken a week
earlier. The comet, named Venkataraman-Arrieta, will pass closest to the Sun in January.
""",
    "Tech Ledger/comet-venkataraman-arrieta.txt": """Comet Venkataraman-Arrieta could shine in winter skies

By Tech Ledger | Sep 3, 2026

Priya Venkataraman of the Cerro Blanco observatory found the comet on Monday night, and
Joaquin Arrieta spotted it on older images from the same survey telescope.

"It is already brighter than we expected for something so far from the Sun," she said.
If it holds together, the Venkataraman-Arrieta comet may be seen without binoculars in
December, before its closest pass by the Sun in January.
""",
    # -- near-misses: each must stay on its own --------------------------------------
    # The same mayor and harbour master, months later, at another event.
    "Harbor Wire/port-alder-budget.txt": """Port Alder council passes budget with ferry subsidy

By Harbor Wire staff | Nov 18, 2026

Port Alder's council approved next year's budget on Wednesday after a long debate over
the cost of the ferries that replaced the Halvard Bridge.

Mayor Ingrid Solberg said the subsidy would be cut once a new crossing opens. Council
member Oskar Lindqvist voted against, saying the money should go to schools. Harbour
master Pieter Vandenbroek asked for two more boats for the summer season.
""",
    # Another rate decision by the same bank, months later, the other way.
    "AFP/veloria-holds-rates-october.txt": """Veloria holds rates as inflation eases

By AFP | Oct 15, 2026

The Bank of Veloria kept its main rate at 4.75 percent on Thursday after inflation
slowed to 4.1 percent in September.

Governor Lucia Marchetti said the committee was unanimous this time and that it would
watch wages closely over the winter. Economist Hana Takeda at Meridian Securities said
markets now expect a cut in the spring.
""",
    # Another comet, another observatory, the same week.
    "Science Desk/faint-comet-northern-survey.txt": """A faint comet for the northern sky

By Science Desk | Sep 4, 2026

Observers at the Kestrel Ridge station found a faint comet on Wednesday. Astronomer
Magnus Eklund said it will stay too dim for the naked eye and leave the inner solar
system by March. Amateur astronomers with large telescopes may catch it in October.
""",
    # A page about a fishing quota whose READ MORE list names the bridge headline.
    "Coastal Gazette/cod-quota-cut.txt": """Cod quota cut for the northern grounds

By Coastal Gazette | Mar 6, 2026

Fishing crews in the northern grounds will land a fifth less cod next year under a
quota agreed in Brussels on Friday. Skipper Annelie Moss said the cut would cost her
crew two months of work. Fisheries officer Ruben Castellanos said stocks were
recovering more slowly than forecast.

READ MORE
Halvard Bridge collapses into the Alder river
Port Alder bridge span falls into river
""",
}

# The groups found on the code before story grouping was reworked, by first article.
EXPECTED_STORIES = [
    {
        "Coastal Gazette/port-alder-bridge-falls.txt",
        "Daily Courier/bridge-collapse-alder.txt",
        "Harbor Wire/halvard-bridge-collapse.txt",
    },
    {"AFP/veloria-central-bank-raises-rates.txt", "Continental Post/marchetti-half-point-hike.txt"},
    {"Science Desk/new-comet-cerro-blanco.txt", "Tech Ledger/comet-venkataraman-arrieta.txt"},
]


def _write(root: Path, articles: dict[str, str]) -> None:
    for rel, text in articles.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _stories(groups: dict[str, str]) -> list[set[str]]:
    """The groups of more than one article, as sets, in a fixed order."""
    members: dict[str, set[str]] = {}
    for aid, gid in groups.items():
        members.setdefault(gid, set()).add(aid)
    return sorted((m for m in members.values() if len(m) > 1), key=lambda m: min(m))


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    _write(root, ARTICLES)
    return root


def test_stories_told_by_several_sources_are_grouped_and_near_misses_are_not(library: Path):
    with open_index(library) as index, open_related(library) as related:
        index.update(workers=1)
        related.update(index, workers=1)
        groups = related.story_groups()
        assert set(groups) == set(ARTICLES)
        assert _stories(groups) == sorted(EXPECTED_STORIES, key=lambda m: min(m))
        counts = related.sources_of()
        for story in EXPECTED_STORIES:
            assert {counts[aid] for aid in story} == {len(story)}


def test_the_groups_are_the_same_however_the_articles_arrive(library: Path, tmp_path: Path):
    """Grouped in one go, or the library first and the rest of the stories later."""
    later = [
        "Daily Courier/bridge-collapse-alder.txt",
        "Tech Ledger/comet-venkataraman-arrieta.txt",
    ]
    first = {rel: text for rel, text in ARTICLES.items() if rel not in later}
    root = tmp_path / "growing"
    _write(root, first)
    with open_index(root) as index, open_related(root) as related:
        index.update(workers=1)
        related.update(index, workers=1)
        _write(root, {rel: ARTICLES[rel] for rel in later})
        index.update(workers=1)
        stats = related.update(index, workers=1)
        assert (stats.added, stats.updated) == (2, 0)
        assert _stories(related.story_groups()) == sorted(EXPECTED_STORIES, key=lambda m: min(m))


def test_new_articles_are_grouped_without_reading_the_old_ones_again(
    library: Path, monkeypatch: pytest.MonkeyPatch
):
    """Adding articles to a grouped library computes only theirs; a changed one is redone."""
    seen: list[str] = []
    real = extracting_module.extract

    def counting(article):
        seen.append(article.id)
        return real(article)

    monkeypatch.setattr(extracting_module, "extract", counting)
    with open_index(library) as index, open_related(library) as related:
        index.update(workers=1)
        related.update(index, workers=1)
        assert sorted(seen) == sorted(ARTICLES)

        seen.clear()
        copy = ARTICLES["AFP/veloria-central-bank-raises-rates.txt"]
        copy = copy.replace("AFP", "Daily Mirror") + "\nShares in Veloria's banks rose.\n"
        _write(library, {"Daily Mirror/veloria-rates.txt": copy})
        index.update(workers=1)
        related.update(index, workers=1)
        assert seen == ["Daily Mirror/veloria-rates.txt"]
        groups = related.story_groups()
        assert (
            groups["Daily Mirror/veloria-rates.txt"]
            == groups["AFP/veloria-central-bank-raises-rates.txt"]
        )

        # The budget article is rewritten into a report on the bridge: redone, and grouped.
        seen.clear()
        budget = library / "Harbor Wire/port-alder-budget.txt"
        bridge = ARTICLES["Harbor Wire/halvard-bridge-collapse.txt"]
        budget.write_text(bridge + "\nThe council meets on Friday.\n", encoding="utf-8")
        stamp = budget.stat().st_mtime_ns + 2_000_000_000
        os.utime(budget, ns=(stamp, stamp))
        index.update(workers=1)
        related.update(index, workers=1)
        assert seen == ["Harbor Wire/port-alder-budget.txt"]
        groups = related.story_groups()
        assert (
            groups["Harbor Wire/port-alder-budget.txt"]
            == groups["Harbor Wire/halvard-bridge-collapse.txt"]
        )


def test_a_moved_or_copied_article_keeps_its_story_without_being_read_again(
    library: Path, monkeypatch: pytest.MonkeyPatch
):
    seen: list[str] = []
    real = extracting_module.extract

    def counting(article):
        seen.append(article.id)
        return real(article)

    monkeypatch.setattr(extracting_module, "extract", counting)
    with open_index(library) as index, open_related(library) as related:
        index.update(workers=1)
        related.update(index, workers=1)
        seen.clear()
        # The comet report moves to another folder, and the bank's is copied to a third.
        old = library / "Tech Ledger/comet-venkataraman-arrieta.txt"
        (library / "Sky News").mkdir()
        old.rename(library / "Sky News/comet-venkataraman-arrieta.txt")
        bank = ARTICLES["AFP/veloria-central-bank-raises-rates.txt"]
        _write(library, {"Wire Copy/veloria.txt": bank})
        index.update(workers=1)
        stats = related.update(index, workers=1)
        assert seen == []
        assert (stats.added, stats.removed) == (2, 1)
        groups = related.story_groups()
        assert "Tech Ledger/comet-venkataraman-arrieta.txt" not in groups
        moved = "Sky News/comet-venkataraman-arrieta.txt"
        assert groups[moved] == groups["Science Desk/new-comet-cerro-blanco.txt"]
        assert (
            groups["Wire Copy/veloria.txt"] == groups["AFP/veloria-central-bank-raises-rates.txt"]
        )
        [comet] = related.related("Science Desk/new-comet-cerro-blanco.txt")
        assert (comet.id, comet.source, comet.date) == (moved, "Sky News", "2026-09-03")


def test_the_groups_and_scores_are_the_same_with_tiny_memory_bounds(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """At 100k articles the features and frequencies kept in memory are a small part:
    what is dropped and read again must not change a score."""

    def grouped(db: Path) -> tuple[list[set[str]], dict[str, list[tuple[str, float]]]]:
        with open_index(library) as index, stories_module.RelatedIndex(library, db) as related:
            index.update(workers=1)
            related.update(index, workers=1)
            scores = {
                aid: [(r.id, r.score) for r in related.related(aid)] for aid in sorted(ARTICLES)
            }
            return _stories(related.story_groups()), scores

    roomy = grouped(tmp_path / "roomy.sqlite")
    monkeypatch.setattr(linking_module, "_PAIR_CHUNK", 2)
    monkeypatch.setattr(linking_module, "_LIGHT_CACHE", 3)
    monkeypatch.setattr(linking_module, "_FREQUENCY_CACHE", 5)
    monkeypatch.setattr(score_module, "NAMES_CACHE", 2)
    monkeypatch.setattr(score_module, "PROFILE_CACHE", 2)
    monkeypatch.setattr(score_module, "IDF_CACHE", 3)
    assert grouped(tmp_path / "tight.sqlite") == roomy
    assert roomy[0] == sorted(EXPECTED_STORIES, key=lambda m: min(m))


def test_word_frequencies_asked_for_are_all_known_after_the_cache_was_emptied(monkeypatch):
    """A chunk of pairs asks for words known before and new ones; when the cache has to be
    emptied for the new ones, the old ones are read again, not taken as the rarest."""
    import threading

    class Store:
        lock = threading.Lock()

        def frequencies(self, keys):
            return {key: 50 for key in keys}

    monkeypatch.setattr(linking_module, "_FREQUENCY_CACHE", 3)
    frequencies = linking_module.Frequencies(Store())
    frequencies.fetch(["t:said", "t:nato"])
    assert frequencies.fetch(["t:said", "t:nato", "t:tides", "t:harbour"])  # emptied first
    for key in ("t:said", "t:nato", "t:tides", "t:harbour"):
        assert frequencies.get(key) == 50, key


def test_the_groups_and_scores_are_the_same_when_worker_processes_read_and_score_the_articles(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A large library is read by worker processes, each with its own way into the search
    index, and its candidate pairs are scored by them, each with its own way into the
    store: they must find what this process finds alone."""

    def grouped(db: Path, workers: int) -> tuple[list[set[str]], dict[str, list]]:
        with open_index(library) as index, stories_module.RelatedIndex(library, db) as related:
            index.update(workers=1)
            related.update(index, workers=workers)
            scores = {
                aid: [(r.id, r.score, r.shared_quotes) for r in related.related(aid)]
                for aid in sorted(ARTICLES)
            }
            return _stories(related.story_groups()), scores

    alone = grouped(tmp_path / "alone.sqlite", 1)
    here: list[int] = []  # chunks done in this process (the workers' are not seen here)
    real = extracting_module.extract_all
    monkeypatch.setattr(extracting_module, "extract_all", lambda a: here.append(1) or real(a))
    monkeypatch.setattr(extracting_module, "POOL_MIN_ARTICLES", 2)
    monkeypatch.setattr(extracting_module, "CHUNK", 3)
    scored_here: list[int] = []  # chunks of candidate pairs scored in this process
    score = linking_module.PairScorer.__call__
    monkeypatch.setattr(
        linking_module.PairScorer, "__call__", lambda s, c: scored_here.append(1) or score(s, c)
    )
    monkeypatch.setattr(linking_module, "POOL_MIN_PAIRS", 1)
    monkeypatch.setattr(linking_module, "_PAIR_CHUNK", 2)
    assert grouped(tmp_path / "workers.sqlite", 2) == alone
    assert here == []
    assert scored_here == []
    assert alone[0] == sorted(EXPECTED_STORIES, key=lambda m: min(m))


def test_the_store_can_be_read_from_another_thread_while_pairs_are_scored(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The app reads story groups while an update runs in one of its threads: scoring a
    chunk of pairs must not hold the store's lock."""
    import threading

    free: list[bool] = []
    score = linking_module.PairScorer.__call__

    def scoring(self, chunk):
        lock = self._store.lock

        def read() -> None:
            free.append(lock.acquire(timeout=2))
            if free[-1]:
                lock.release()

        other = threading.Thread(target=read)
        other.start()
        other.join()
        return score(self, chunk)

    monkeypatch.setattr(linking_module.PairScorer, "__call__", scoring)
    with open_index(library) as index, stories_module.RelatedIndex(library, tmp_path / "s") as rel:
        index.update(workers=1)
        rel.update(index, workers=1)
    assert free and all(free)


def _postings_and_frequencies(related) -> tuple[set[tuple[str, str]], dict[str, int]]:
    conn = related.store.conn
    sql = "SELECT p.key, f.id FROM postings p JOIN features f USING (doc)"
    return set(conn.execute(sql)), dict(conn.execute("SELECT key, n FROM df"))


def _expected_postings_and_frequencies(related) -> tuple[set[tuple[str, str]], dict[str, int]]:
    """What each stored article's features say the postings and frequencies are."""
    feats = related.store.features(related.store.signatures()).values()
    postings = {(key, f.id) for f in feats for key in store_module.posting_keys(f)}
    return postings, dict(Counter(key for f in feats for key in store_module.frequency_keys(f)))


def test_the_postings_hold_every_articles_keys_once_grouped_at_once_or_later(
    library: Path, tmp_path: Path
):
    """The postings of a first grouping are written together at its end, those of a few
    new articles into the ones there: both hold each article's keys, nothing else."""
    later = ["Daily Courier/bridge-collapse-alder.txt", "Harbor Wire/port-alder-budget.txt"]
    root = tmp_path / "growing"
    _write(root, {rel: text for rel, text in ARTICLES.items() if rel not in later})
    with open_index(root) as index, open_related(root) as related:
        index.update(workers=1)
        related.update(index, workers=1)
        assert _postings_and_frequencies(related) == _expected_postings_and_frequencies(related)
        _write(root, {rel: ARTICLES[rel] for rel in later})
        index.update(workers=1)
        related.update(index, workers=1)
        postings, frequencies = _postings_and_frequencies(related)
        assert (postings, frequencies) == _expected_postings_and_frequencies(related)
        assert {aid for _, aid in postings} == set(ARTICLES)
        assert related.store.conn.execute("SELECT count(*) FROM staged").fetchone() == (0,)


def test_a_grouping_stopped_before_its_postings_were_written_is_finished_by_the_next(
    library: Path, monkeypatch: pytest.MonkeyPatch
):
    """The app closing while the postings set aside are written: the features are kept,
    and the next update writes those postings before anything else, then groups."""

    class Stopped(Exception):
        pass

    real = store_module.RelatedStore.write_staged

    def stopping(self) -> None:
        if self.conn.execute("SELECT count(*) FROM staged").fetchone()[0]:
            raise Stopped
        real(self)

    with open_index(library) as index, open_related(library) as related:
        index.update(workers=1)
        monkeypatch.setattr(store_module.RelatedStore, "write_staged", stopping)
        with pytest.raises(Stopped):
            related.update(index, workers=1)
        assert related.store.count() == len(ARTICLES)
        monkeypatch.setattr(store_module.RelatedStore, "write_staged", real)
        stats = related.update(index, workers=1)
        assert (stats.added, stats.full) == (0, True)
        assert _stories(related.story_groups()) == sorted(EXPECTED_STORIES, key=lambda m: min(m))
        assert _postings_and_frequencies(related) == _expected_postings_and_frequencies(related)
