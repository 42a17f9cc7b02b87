"""A generic HTTP peer for the net/ tests: echoes, fixed statuses, 429 with Retry-After, slow answers."""
import json
import threading
import time

import fakeutil

COUNTERS = {}
LOCK = threading.Lock()


def bump(key):
    with LOCK:
        COUNTERS[key] = COUNTERS.get(key, 0) + 1
        return COUNTERS[key]


class Handler(fakeutil.JsonHandler):
    def handle_any(self):
        path = self.path.split("?")[0]
        body = self.read_body()
        if path == "/echo":
            self.send_json(200, {"method": self.command, "path": self.path, "body": body.decode("utf-8", "replace"),
                                 "headers": {k.lower(): v for k, v in self.headers.items()}})
        elif path.startswith("/status/"):
            # /status/<code>: always answers <code>; counts calls at /count/status/<code>
            code = int(path.split("/")[2])
            bump(path)
            self.send_json(code, {"status": code})
        elif path.startswith("/flaky/"):
            # /flaky/<n>: answers 503 n times, then 200
            n = int(path.split("/")[2])
            calls = bump(path)
            self.send_json(503 if calls <= n else 200, {"calls": calls})
        elif path == "/ratelimited":
            calls = bump(path)
            if calls == 1:
                self.send_json(429, {"error": "slow down"}, {"Retry-After": "1"})
            else:
                self.send_json(200, {"calls": calls})
        elif path == "/slow" or path.startswith("/slow/"):
            # /slow/<anything>: answers 200 after 1.5 s (a dependency that takes its time)
            time.sleep(1.5)
            self.send_json(200, {})
        elif path.startswith("/count"):
            with LOCK:
                self.send_json(200, {"calls": COUNTERS.get(path[len("/count"):], 0)})
        else:
            self.send_json(404, {"error": "not found"})

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = handle_any


if __name__ == "__main__":
    fakeutil.serve(Handler, fakeutil.parse_args().port)
