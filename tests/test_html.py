"""HTML comparative print: House style, alternatives, elision, amendment notes."""

from __future__ import annotations

import re

import pytest
from lxml import html as lhtml

from billdraft.amendments import AddAtEnd, Strike, StrikeInsert, StrikeProvision, Subsection
from billdraft.apply import apply, describe
from billdraft.cite import Cite
from billdraft.diff import Redline, redline
from billdraft.render.html import to_html
from billdraft.render.text import to_text
from billdraft.statute import load
from test_diff import S2432


@pytest.fixture(scope="module")
def rl() -> Redline:
    if not S2432.is_file():
        pytest.skip(f"../shared/ is absent: {S2432} does not exist (reference data, not in git)")
    c = Cite.parse
    return redline(
        apply(
            load(S2432),
            [
                StrikeInsert(c("19 U.S.C. 2432(e)"), "numbered", "number", label="Sec. 2(a)"),
                Strike(c("19 U.S.C. 2432(a)(2)"), "or", at_end=True, label="Sec. 2(b)"),
                StrikeProvision(c("19 U.S.C. 2432(c)(3)"), label="Sec. 2(c)"),
                AddAtEnd(
                    c("19 U.S.C. 2432"),
                    (
                        Subsection(
                            "f",
                            "Exception for Kazakhstan",
                            "This section shall not apply to Kazakhstan.",
                        ),
                    ),
                    label="Sec. 3",
                ),
            ],
        )
    )


def test_house_style(rl: Redline) -> None:
    """Omitted law in black brackets, new matter in <ins> (italic), struck before inserted."""
    page = rl.to_html()
    assert page.startswith("<!DOCTYPE html>") and "@page { size: letter" in page
    doc = lhtml.fromstring(page)
    dels = [d.text_content() for d in doc.iter("del")]
    ins = [i.text_content() for i in doc.iter("ins")]
    assert "numbered" in dels and "number" in ins
    for sup in doc.xpath("//sup"):
        sup.drop_tree()
    assert "[numbered] number 1" in doc.text_content()  # a space between omitted and new
    assert ".house ins { font-style: italic; }" in page
    assert page.index("<del") < page.index("<ins")


def test_each_change_names_its_amendment(rl: Redline) -> None:
    """Hover text and a numbered note for each amendment."""
    doc = lhtml.fromstring(rl.to_html())
    notes = [li.text_content() for li in doc.xpath("//ol[@class='amendments']/li")]
    assert len(notes) == 4
    titles = {el.get("title") for el in doc.xpath("//del|//ins")}
    for a in rl.amendments:
        assert describe(a) in notes and describe(a) in titles
    assert doc.xpath("//sup[@class='am']/a[@href='#am-1']")


def test_untouched_runs_elided(rl: Redline) -> None:
    """Runs of untouched provisions collapse to one elision line; context is configurable."""
    one = lhtml.fromstring(rl.to_html(context=1))
    elisions = one.xpath("//p[@class='elide']")
    assert elisions and all(re.fullmatch(r"(\*\s+){6}\*", e.text_content()) for e in elisions)
    n1 = len(one.xpath("//p[not(@class='elide')]"))
    n0 = len(lhtml.fromstring(rl.to_html(context=0)).xpath("//p[not(@class='elide')]"))
    n9 = len(lhtml.fromstring(rl.to_html(context=99)).xpath("//p[not(@class='elide')]"))
    assert n0 < n1 < n9


@pytest.mark.parametrize("style", ["strike", "color"])
def test_alternative_styles(rl: Redline, style: str) -> None:
    """Strike-through/underline (and colour) instead of brackets."""
    page = to_html(rl, style=style)
    assert f'class="billdraft-redline {style}"' in page
    assert ".strike .br, .color .br { display: none; }" in page


def test_bad_style_is_refused(rl: Redline) -> None:
    """An unknown style says which ones exist."""
    with pytest.raises(ValueError, match="house, strike, color"):
        to_html(rl, style="purple")


def test_repr_html_is_a_fragment(rl: Redline) -> None:
    """Jupyter gets a styled <div>, no page."""
    frag = rl._repr_html_()
    assert frag.startswith("<style>") and "<html" not in frag and "<del" in frag


def test_text_print(rl: Redline) -> None:
    """The text comparative print: [struck]{inserted}, elisions."""
    text = to_text(rl)
    assert "rate column [numbered]{number} 1" in text
    assert "whatsoever; [or]" in text
    assert "{(f) Exception for Kazakhstan.—This section shall not apply to Kazakhstan.}" in text
