"""Story grouping says how far it is: in this process, and from the one it runs in apart."""

from __future__ import annotations

from reader.related import open_related

from .conftest import Stories


def test_a_first_grouping_reports_its_progress_up_to_100(seeds: Stories):
    from reader.related.stories import RelatedIndex

    calls: list[tuple[int, int]] = []
    with RelatedIndex(seeds.root, db_path=seeds.root.parent / "fresh.sqlite") as fresh:
        fresh.update(seeds.index, progress=lambda done, total: calls.append((done, total)))
        assert calls and {total for _, total in calls} == {100}
        percents = [done for done, _ in calls]
        assert percents == sorted(percents) and percents[-1] == 100

        calls.clear()
        fresh.update(seeds.index, progress=lambda done, total: calls.append((done, total)))
        assert calls == []  # nothing to group: nothing to show


def test_the_progress_of_a_grouping_in_another_process_is_followed(seeds: Stories):
    from reader.infra.sqlite import transaction
    from reader.related.stories import PROGRESS_KEY, _progress_watch

    seen: list[int] = []
    watch = _progress_watch(seeds.related.store, lambda: False, lambda done, _: seen.append(done))
    with open_related(seeds.root) as other:  # as the process grouping apart opens it
        for percent in (12, 12, 57):
            with transaction(other.store.conn, "IMMEDIATE"):
                other.store.set_meta(PROGRESS_KEY, percent)
            assert watch() is False
    assert seen == [12, 57]


def test_the_percent_left_by_a_grouping_killed_earlier_is_not_shown_again(seeds: Stories):
    from reader.infra.sqlite import transaction
    from reader.related.stories import PROGRESS_KEY, _progress_watch

    with open_related(seeds.root) as killed, transaction(killed.store.conn, "IMMEDIATE"):
        killed.store.set_meta(PROGRESS_KEY, 73)  # where the killed one stopped
    seen: list[int] = []
    watch = _progress_watch(seeds.related.store, lambda: False, lambda done, _: seen.append(done))
    assert watch() is False
    assert seen == []  # not "Grouping stories… 73%" before the new one has begun
    with open_related(seeds.root) as other:
        for percent in (0, 40):
            with transaction(other.store.conn, "IMMEDIATE"):
                other.store.set_meta(PROGRESS_KEY, percent)
            watch()
    assert seen == [0, 40]
