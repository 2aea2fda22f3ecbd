"""The public API: every name in `billdraft.__all__` resolves, and importing it is cheap."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import billdraft

INIT = Path(billdraft.__file__)


def test_every_public_name_resolves_to_its_module() -> None:
    assert sorted(billdraft.__all__) == sorted(billdraft._EXPORTS)
    for name in billdraft.__all__:
        value = getattr(billdraft, name)
        assert value is not None
        module = billdraft._EXPORTS[name].lstrip(".")
        assert getattr(sys.modules[f"billdraft.{module}"], name) is value


def test_the_type_checking_imports_match_the_lazy_table() -> None:
    """What mypy sees (the `if TYPE_CHECKING:` imports) is what runs (`_EXPORTS`)."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    guarded = next(n for n in tree.body if isinstance(n, ast.If))
    seen = {
        (alias.asname or alias.name): "." * node.level + (node.module or "")
        for node in guarded.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert seen == billdraft._EXPORTS


def test_unknown_name_is_an_attribute_error() -> None:
    try:
        billdraft.no_such_thing  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:
        raise AssertionError("expected AttributeError")


def test_import_billdraft_loads_neither_word_nor_grammar() -> None:
    code = (
        "import sys, billdraft; "
        "print(sorted(m for m in ('docx', 'lark', 'billdraft.apply') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_lazy_commands_list_the_help_their_modules_give() -> None:
    """`billdraft --help` names the lazy commands by the help line their own parser gives."""
    import argparse
    import importlib

    from billdraft.cli import LAZY_COMMANDS

    for name, (module, help_line) in LAZY_COMMANDS.items():
        parser = argparse.ArgumentParser()
        sub = parser.add_subparsers()
        importlib.import_module(module).add_parser(sub)
        (action,) = sub._choices_actions
        assert (action.dest, action.help) == (name, help_line)


def test_version_and_help_import_neither_word_nor_grammar() -> None:
    for args in (["--version"], ["--help"], ["show", "19 U.S.C. 2432(a)"]):
        code = (
            "import sys, runpy; sys.argv = ['billdraft', *sys.argv[1:]]\n"
            "try:\n    runpy.run_module('billdraft.cli', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "print(sorted(m for m in ('docx', 'lark') if m in sys.modules))"
        )
        root = Path(__file__).resolve().parents[1]
        out = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=root
        )
        assert out.stdout.strip().splitlines()[-1] == "[]", (args, out.stderr)
    assert billdraft.__version__.count(".") == 2
