"""A clock that says when it is time to redraw progress: at most every `interval` seconds, and - if given -
spending at most `max_share` of the time on the redrawing itself. Used by the CLI's progress line and the
training panel's live charts."""

import time


class Throttle:
    def __init__(self, interval=0.1, max_share=None):
        self.interval, self.max_share = interval, max_share
        self.last, self.cost = -float("inf"), 0.0

    def due(self):
        """True if a redraw may happen now (a slow machine then draws less often, instead of training
        slower)."""
        wait = self.interval if not self.max_share else max(self.interval, self.cost / self.max_share)
        return time.perf_counter() - self.last >= wait

    def done(self, started):
        """Note that a redraw that started at time.perf_counter() value `started` has just finished."""
        self.last = time.perf_counter()
        self.cost = self.last - started
