"""Pytest plugin loaded with `-p` before Django starts: test-only environment defaults."""

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("ANSINH_INSECURE_DEV_KEY", "1")
# Playwright's sync API runs an event loop in the test thread; the ORM calls around it are sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Background jobs run in the test's own process (django-tasks' ImmediateBackend) unless a test starts a worker.
os.environ.setdefault("ANSINH_TASKS", "immediate")
# The suite's clients make many API calls under the same user ids; the throttling tests set their own rates.
os.environ.setdefault("ANSINH_API_RATE_USER", "100000/minute")
os.environ.setdefault("ANSINH_API_RATE_ANON", "100000/minute")
# Uploads and error files of the suite go to a folder of this process's own, removed at its end, never to the
# installation's var/media: two processes (pytest -n) have the same row ids in their own test databases, and so
# the same file names. Each xdist worker makes its own, whatever it inherited from the process that started it.
_worker = os.environ.get("PYTEST_XDIST_WORKER")
if _worker or "MEDIA_ROOT" not in os.environ:
    _media = tempfile.mkdtemp(prefix=f"ansinh-media-{_worker or 'main'}-")
    os.environ["MEDIA_ROOT"] = _media
    atexit.register(shutil.rmtree, _media, ignore_errors=True)
