"""Chunks of story work done by worker processes come back in order, once each, and are
finished in this process when a worker fails."""

from __future__ import annotations

from reader.related.pool import in_order


def test_chunks_a_worker_fails_on_are_finished_here_each_once_and_in_order():
    jobs = ["1", "2", "x", "4", "5"]  # int("x") fails in the worker
    done = list(in_order(iter(jobs), 2, int, (), lambda job: f"here:{job}"))
    assert [job for job, _ in done] == jobs
    assert done[:2] == [("1", 1), ("2", 2)]
    assert done[2] == ("x", "here:x")
    assert all(result in (int(job), f"here:{job}") for job, result in done[3:])


def test_chunks_are_done_here_with_one_worker():
    assert list(in_order(["1", "2"], 1, int, (), len)) == [("1", 1), ("2", 1)]
