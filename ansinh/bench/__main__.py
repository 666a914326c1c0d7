"""`python -m ansinh.bench [name …]`: set up a scratch PostgreSQL database and run the benchmarks."""

import importlib
import os
import pkgutil
import sys
import time

BENCH_DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ansinh_bench")


def _ensure_database(url: str) -> None:
    """Create the bench database on its PostgreSQL server if it does not exist yet."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    name = config["NAME"]
    conninfo = {"host": config.get("HOST") or None, "port": config.get("PORT") or None,
                "user": config.get("USER") or None, "password": config.get("PASSWORD") or None}
    with psycopg.connect(dbname="postgres", autocommit=True, **{k: v for k, v in conninfo.items() if v}) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def main(argv: list[str]) -> int:
    """Run the named benchmarks (default: all) against a freshly migrated bench database."""
    _ensure_database(BENCH_DATABASE_URL)
    os.environ["DATABASE_URL"] = BENCH_DATABASE_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ansinh.settings")
    os.environ.setdefault("ANSINH_INSECURE_DEV_KEY", "1")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_units", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    import ansinh.bench as package

    names = [m.name for m in pkgutil.iter_modules(package.__path__) if not m.name.startswith("_")]
    wanted = argv or names
    for name in names:
        if name not in wanted:
            continue
        module = importlib.import_module(f"ansinh.bench.{name}")
        started = time.monotonic()
        for line in module.run():
            print(line, flush=True)  # noqa: T201
        print(f"# {name} took {time.monotonic() - started:.1f} s", file=sys.stderr)  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
