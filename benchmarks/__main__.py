"""`python -m benchmarks [--quick] [--sizes 1k,10k,100k]`: see benchmarks.runner."""

from benchmarks.runner import main

if __name__ == "__main__":  # index worker processes import this module too
    raise SystemExit(main())
