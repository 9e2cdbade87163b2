"""Related coverage: the same story from several sources is one group; other events are not."""

from __future__ import annotations

import itertools
import random

import pytest

import reader.related.extracting as extracting_module
import reader.related.stories as stories_module
from reader.related import SAME_STORY as THRESHOLD
from tests.conftest import AFP_ID, OTHER_ID

from .conftest import HAGUE_ID, HARBOR_ID, OTHER_EVENTS, SAME_STORY, WHITE_HOUSE_ID, Stories

AFP_TEXT_FACTS = ["Farah Dakhlallah", "Palm Beach", "North Korea", "Mark Rutte", "Donald Trump"]


def test_the_two_seeds_are_one_story_from_two_sources(seeds: Stories):
    groups = seeds.related.story_groups()
    assert groups[AFP_ID] == groups[OTHER_ID]
    assert seeds.related.group_sources()[groups[AFP_ID]] == 2
    assert seeds.related.sources_of() == {AFP_ID: 2, OTHER_ID: 2}

    [other] = seeds.related.related(AFP_ID)
    assert (other.id, other.source, other.date) == (OTHER_ID, "Unattributed", None)
    assert other.score >= THRESHOLD
    assert set(AFP_TEXT_FACTS) <= set(other.shared_entities)
    assert other.shared_quotes == ()  # the blog paraphrases without quoting
    [back] = seeds.related.related(OTHER_ID)
    assert (back.id, back.source, back.date) == (AFP_ID, "AFP", "2024-11-23")


def test_three_outlets_on_the_meeting_and_nothing_else(news: Stories):
    groups = news.related.story_groups()
    story = {aid for aid, gid in groups.items() if gid == groups[AFP_ID]}
    assert story == SAME_STORY
    assert news.related.group_sources()[groups[AFP_ID]] == 3
    assert set(news.related.sources_of()) == SAME_STORY

    found = news.related.related(AFP_ID)
    assert {r.id for r in found} == {OTHER_ID, HARBOR_ID}
    assert [r.score for r in found] == sorted((r.score for r in found), reverse=True)
    harbor = next(r for r in found if r.id == HARBOR_ID)
    # Harbor Wire quotes the spokeswoman's words as AFP does.
    assert harbor.shared_quotes == ("global security issues facing the alliance",)
    assert {"Farah Dakhlallah", "Palm Beach"} <= set(harbor.shared_entities)


@pytest.mark.parametrize("article_id", sorted(OTHER_EVENTS))
def test_other_events_are_stories_of_their_own(news: Stories, article_id: str):
    groups = news.related.story_groups()
    assert [aid for aid, gid in groups.items() if gid == groups[article_id]] == [article_id]
    assert news.related.related(article_id) == []
    assert article_id not in news.related.sources_of()


def test_same_people_at_another_event_score_well_below_the_same_story(news: Stories):
    """Rutte and Trump again, at a summit in The Hague and in the Oval Office: the famous
    names are shared, the rare ones (a spokeswoman, a resort), the words and the date not."""
    for a, b in itertools.product(SAME_STORY, (HAGUE_ID, WHITE_HOUSE_ID)):
        evidence = news.related.evidence(a, b)
        assert evidence is not None
        assert "Mark Rutte" in evidence.shared_entities
        assert evidence.score < THRESHOLD * 0.85, (a, b, evidence)
    for a, b in itertools.combinations(sorted(SAME_STORY), 2):
        assert news.related.evidence(a, b).score > THRESHOLD * 1.25, (a, b)


def test_dates_months_apart_are_not_the_same_story(news: Stories):
    evidence = news.related.evidence(AFP_ID, HAGUE_ID)
    assert evidence.days_apart == 214
    assert news.related.evidence(AFP_ID, OTHER_ID).days_apart is None  # unknown: neutral


def test_update_recomputes_only_what_changed(news: Stories, monkeypatch):
    seen: list[str] = []
    real = extracting_module.extract

    def counting(article):
        seen.append(article.id)
        return real(article)

    monkeypatch.setattr(extracting_module, "extract", counting)
    stats = news.update()
    assert (stats.added, stats.updated, stats.removed, stats.checked) == (0, 0, 0, 0)
    assert seen == []

    # Harbor Wire rewrites its piece about something else: it leaves the story.
    news.write(
        HARBOR_ID,
        "Port strike ends after dockworkers accept new contract\n\n"
        "By Harbor Wire staff | Nov 23, 2024\n\n"
        "Dockworkers at the Port of Savannah voted on Friday to accept a six-year contract, "
        "ending a strike that had left container ships waiting at anchor for nine days.\n\n"
        "Union leader Harold Daggett said the deal raised wages by more than sixty percent "
        "over the life of the contract and limited the use of automated cranes.\n",
    )
    stats = news.update()
    assert seen == [HARBOR_ID]
    assert (stats.added, stats.updated, stats.removed) == (0, 1, 0)
    groups = news.related.story_groups()
    assert groups[HARBOR_ID] == HARBOR_ID != groups[AFP_ID]
    assert {r.id for r in news.related.related(AFP_ID)} == {OTHER_ID}

    # A syndicated copy of the AFP story arrives under another outlet, a day later.
    seen.clear()
    copy = (news.root / AFP_ID).read_text(encoding="utf-8")
    news.write("Daily Mirror/nato-chief-trump.txt", copy.replace("Nov 23, 2024", "Nov 24, 2024"))
    stats = news.update()
    assert seen == []  # the same text as AFP's (the date is in the byline): not read again
    assert (stats.added, stats.updated) == (1, 0)
    related = news.related.related(AFP_ID)
    assert related[0].id == "Daily Mirror/nato-chief-trump.txt"
    assert related[0].score > 0.9
    assert news.related.sources_of()[AFP_ID] == 3

    # Removing a file removes it from its story.
    (news.root / OTHER_ID).unlink()
    seen.clear()
    stats = news.update()
    assert (stats.removed, seen) == (1, [])
    assert OTHER_ID not in news.related.story_groups()
    assert {r.id for r in news.related.related(AFP_ID)} == {"Daily Mirror/nato-chief-trump.txt"}


def test_a_new_store_picks_up_where_the_last_one_left(news: Stories):
    from reader.related import open_related

    with open_related(news.root) as again:
        assert again.update(news.index).unchanged == len(news.index.articles())
        assert again.story_groups() == news.related.story_groups()


def test_candidates_come_from_shared_rare_keys_not_all_pairs(tmp_path):
    """Sixty stories about different people, five to a town: few pairs are ever scored."""
    first = ["Amara", "Bjorn", "Chidi", "Dagny", "Emeka", "Farida", "Goran", "Hana", "Ivo", "Jun"]
    syllables = ["ok", "lind", "men", "hau", "nov", "sat", "bel", "dra", "kov", "mir", "tan"]
    towns = [
        "Tromso",
        "Lagos",
        "Krakow",
        "Osaka",
        "Accra",
        "Bergen",
        "Split",
        "Kobe",
        "Enugu",
        "Turku",
        "Cork",
        "Braga",
    ]
    words = [
        "bread",
        "harbour",
        "council",
        "winter",
        "market",
        "flour",
        "mill",
        "rain",
        "queue",
        "school",
        "road",
        "bridge",
        "river",
        "festival",
        "budget",
        "library",
        "museum",
        "garden",
        "station",
        "ferry",
        "price",
        "wage",
        "farmer",
        "fisherman",
        "teacher",
        "nurse",
        "doctor",
        "bakery",
        "oven",
        "shop",
        "street",
        "square",
        "church",
        "tower",
        "park",
        "forest",
        "lake",
    ]
    (tmp_path / "many").mkdir()
    lib = Stories(tmp_path / "many")
    for n in range(60):
        rng = random.Random(n)
        name = f"{first[n % 10]} {rng.choice(syllables).title()}{rng.choice(syllables)}{n}"
        town = towns[n % len(towns)]
        prose = [
            " ".join(rng.choice(words) for _ in range(18)).capitalize() + "." for _ in range(4)
        ]
        lib.write(
            f"Wire {n % 7}/story-{n}.txt",
            f"{name} opens a bakery in {town}\n\nBy Wire | Mar {1 + n % 28}, 2024\n\n"
            f"{name} opened a bakery in {town} on Saturday. {prose[0]} {prose[1]}\n\n"
            f"{prose[2]} {prose[3]} The shop in {town} employs four people.\n",
        )
    stats = lib.update()
    lib.close()
    assert stats.added == 60
    assert stats.checked < 60 * 59 / 2 / 10
    assert stats.linked == 0


def test_an_update_cut_short_is_finished_by_the_next(seeds: Stories, monkeypatch):
    copy = (seeds.root / AFP_ID).read_text(encoding="utf-8")
    seeds.write("Daily Mirror/nato-chief-trump.txt", copy)

    def cut(*args, **kwargs):
        raise KeyboardInterrupt

    with monkeypatch.context() as m:
        m.setattr(stories_module.RelatedIndex, "_relink", cut)
        with pytest.raises(KeyboardInterrupt):
            seeds.update()
    stats = seeds.update()
    assert (stats.added, stats.full) == (0, True)
    assert seeds.related.sources_of()["Daily Mirror/nato-chief-trump.txt"] == 3


def test_a_damaged_store_is_rebuilt(seeds: Stories):
    path = seeds.related.store.path
    seeds.related.close()
    path.write_bytes(b"not a database" * 100)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    from reader.related import open_related

    seeds.related = open_related(seeds.root)
    assert seeds.related.story_groups() == {}
    assert seeds.update().added == 2
    assert seeds.related.sources_of() == {AFP_ID: 2, OTHER_ID: 2}


def test_an_update_in_a_separate_process_finds_the_same_stories(news_root):
    from reader.related.stories import update_apart

    apart = Stories(news_root)
    try:
        apart.index.update(workers=1)
        stats = update_apart(apart.related, apart.index)
        assert stats.added == apart.index.count()
        groups_apart = apart.related.story_groups()
    finally:
        apart.close()
    # The same library worked on in this process gives the same groups.
    again = Stories(news_root)
    try:
        again.related.store.reset()
        again.related.update(again.index, workers=1)
        assert again.related.story_groups() == groups_apart
        assert groups_apart[HARBOR_ID] == groups_apart[AFP_ID] == groups_apart[OTHER_ID]
    finally:
        again.close()


def test_a_store_rebuilt_by_another_process_is_followed(seeds: Stories):
    from reader.related.store import RelatedStore

    assert seeds.related.store.count() == 2
    other = RelatedStore(seeds.related.store.path)  # as the story process would
    other.reset()  # a damaged store is thrown away and made anew
    other.close()
    seeds.related.store.reopen_if_replaced()
    assert seeds.related.store.count() == 0


def test_who_has_a_story_is_found_from_the_links_not_a_row_per_article(seeds: Stories, monkeypatch):
    # What the app asks after each update: at 100k articles, reading every stored row to
    # find a handful of stories took 170 MB.
    store = type(seeds.related.store)

    def every_row(self):
        raise AssertionError("read a row per stored article")

    monkeypatch.setattr(store, "signatures", every_row)
    monkeypatch.setattr(store, "sources", every_row)
    assert seeds.related.sources_of() == {AFP_ID: 2, OTHER_ID: 2}
    assert [r.id for r in seeds.related.related(AFP_ID)] == [OTHER_ID]


def test_tellings_of_one_score_are_listed_in_natural_order_of_their_names(seeds: Stories):
    """Copies score alike: "story-2" comes before "story-10", as in the library's list."""
    text = (seeds.root / OTHER_ID).read_text(encoding="utf-8")
    for n in (10, 2, 1):
        seeds.write(f"Wire/story-{n}.txt", text)
    seeds.update()
    copies = [r.id for r in seeds.related.related(AFP_ID) if r.id.startswith("Wire/")]
    assert copies == ["Wire/story-1.txt", "Wire/story-2.txt", "Wire/story-10.txt"]
