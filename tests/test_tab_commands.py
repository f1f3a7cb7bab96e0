"""Every tab menu command names a method its page has, callable with no argument.

The menus exist from start-up while the pages are imported only when first
shown, so `TabCommand` names its method by a string; these tests are what
keeps those names true.
"""

from __future__ import annotations

import inspect

import pytest

from desktop_app.views.tabs import TABS, TabCommand, TabSpec, page_class


def command_problems(spec: TabSpec) -> list[str]:
    """What is wrong with `spec`'s commands (empty when nothing is)."""
    cls = page_class(spec)
    problems = []
    for command in spec.commands:
        method = getattr(cls, command.method, None)
        if not callable(method):
            problems.append(f"{cls.__name__} has no method {command.method!r}")
            continue
        try:
            inspect.signature(method).bind(object())  # the page, and nothing else
        except TypeError:
            problems.append(f"{cls.__name__}.{command.method} needs arguments a menu cannot give")
    return problems


@pytest.mark.parametrize("spec", TABS, ids=lambda spec: spec.key)
def test_every_command_of_a_tab_is_a_method_of_its_page(spec: TabSpec) -> None:
    assert command_problems(spec) == []


def test_a_misspelt_or_wrong_command_is_found() -> None:
    briefs = next(spec for spec in TABS if spec.key == "briefs")
    broken = TabSpec(
        key="briefs",
        title="Briefs",
        factory=briefs.factory,
        description="",
        commands=(
            TabCommand("file", "Export", "export_pfd"),  # misspelt
            TabCommand("file", "Export to", "export_to"),  # needs a path
            TabCommand("file", "New brief…", "new_brief"),
        ),
    )
    assert command_problems(broken) == [
        "BriefsPage has no method 'export_pfd'",
        "BriefsPage.export_to needs arguments a menu cannot give",
    ]


def test_menu_commands_are_unique_per_tab() -> None:
    for spec in TABS:
        methods = [command.method for command in spec.commands]
        assert len(methods) == len(set(methods)), spec.key
