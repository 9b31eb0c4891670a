"""The ``barnevern`` command: a thin front on Django's management commands.

``barnevern --help`` lists Barnevern's own commands with a one-line description;
``barnevern django --help`` lists Django's (migrate, createsuperuser, ...), which can also
be run directly (``barnevern migrate``).
"""

from __future__ import annotations

import os
import sys


def _our_commands() -> list[tuple[str, str]]:
    from django.core.management import get_commands, load_command_class

    rows = []
    for name, app in sorted(get_commands().items()):
        if not app.startswith("barnevern"):
            continue
        command = load_command_class(app, name)
        rows.append((name, (command.help or "").strip().splitlines()[0] if command.help else ""))
    return rows


def print_help() -> None:
    print("Bruk: barnevern <kommando> [valg]\n")
    print("Barnevern – fagsystemstøtte for barnevernstjenester. Kommandoer:\n")
    rows = _our_commands()
    width = max(len(name) for name, _ in rows) if rows else 10
    for name, text in rows:
        print(f"  {name.ljust(width)}  {text}")
    print("\n`barnevern <kommando> --help` viser valgene for én kommando.")
    print("`barnevern django --help` viser Djangos egne kommandoer (migrate, createsuperuser …).")


def main(argv: list[str] | None = None) -> None:
    try:
        _run(argv)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`barnevern rules | head`): stop quietly, as Unix tools do, with
        # the shell's status for SIGPIPE. Output still buffered goes to /dev/null, so the
        # interpreter's last flush does not print a traceback either. Any transaction the
        # command had open was rolled back by the exception.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(128 + 13)


def _run(argv: list[str] | None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "barnevern.settings")
    import django
    from django.core.management import execute_from_command_line

    django.setup()
    if len(argv) < 2 or argv[1] in {"-h", "--help", "help"} and len(argv) == 2:
        print_help()
        return
    if argv[1] == "django":
        execute_from_command_line([argv[0], *argv[2:]] if len(argv) > 2 else [argv[0], "help"])
        return
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
