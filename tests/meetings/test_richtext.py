from pathlib import Path

import pytest

from meetings.richtext import plain_text, sanitise

FIXTURES = Path(__file__).parent / "fixtures"


def test_word_paste_keeps_the_words_and_the_formatting_and_nothing_else():
    cleaned = sanitise((FIXTURES / "word_paste.html").read_text(encoding="utf-8"))
    assert "<b>Leder arbeidsgruppe økonomi</b>" in cleaned
    assert "<li>" in cleaned and "Grue får i oppgave" in cleaned
    assert "<i>Ole Frode tar ansvar" in cleaned
    assert 'href="https://www.regjeringen.no/no/dokumenter/Bolig-for-velferd/id753950/"' in cleaned
    for word_noise in ("Mso", "mso-", "style", "class", "o:p", "<span", "xml", "Calibri", "<!--"):
        assert word_noise not in cleaned, word_noise
    assert "<p></p>" not in cleaned


@pytest.mark.parametrize(
    ("hostile", "gone"),
    [
        ("<script>alert(1)</script>Tekst", "alert"),
        ("<style>body{display:none}</style>Tekst", "display"),
        ('<p onclick="alert(1)">Tekst</p>', "onclick"),
        ('<a href="javascript:alert(1)">Tekst</a>', "javascript"),
        ('<a href="JaVaScRiPt:alert(1)">Tekst</a>', "alert"),
        ('<a href="data:text/html;base64,PHNjcmlwdD4=">Tekst</a>', "data:"),
        ('<img src="x" onerror="alert(1)">Tekst', "onerror"),
        ('<iframe src="https://evil.example"></iframe>Tekst', "iframe"),
        ('<svg><g onload="alert(1)"></g></svg>Tekst', "onload"),
        ('<p style="background:url(javascript:alert(1))">Tekst</p>', "style"),
        ('<form action="https://evil.example"><input name=x></form>Tekst', "form"),
        ("<math><mi xlink:href='javascript:alert(1)'>x</mi></math>Tekst", "javascript"),
    ],
)
def test_hostile_markup_does_not_survive(hostile, gone):
    cleaned = sanitise(hostile)
    assert gone.lower() not in cleaned.lower()
    assert "Tekst" in cleaned


def test_plain_text_becomes_paragraphs_and_is_escaped():
    assert sanitise("Linje 1\nLinje 2\n\nVerdi < 5 & mer") == (
        "<p>Linje 1<br>Linje 2</p>\n\n<p>Verdi &lt; 5 &amp; mer</p>"
    )


def test_plain_text_of_rich_text():
    assert (
        plain_text("<p>Grue &amp; Åsnes</p><ul><li>a</li><li>b</li></ul>") == "Grue & Åsnes\na\nb"
    )


@pytest.mark.parametrize(
    "pasted",
    [
        '<ul style="list-style-type: none"><li>• Grue</li><li>•&nbsp;Åsnes</li></ul>',
        '<ul style="list-style-type:none"><li><b>·\u00a0 Grue</b></li><li>▪ Åsnes</li></ul>',
        "<ul><li>• • Grue</li><li>Åsnes</li></ul>",
    ],
)
def test_a_list_pasted_with_its_bullets_as_text_shows_one_bullet(pasted):
    cleaned = sanitise(pasted)
    assert not any(glyph in cleaned for glyph in "•·▪"), cleaned
    assert plain_text(cleaned).split("\n") == ["Grue", "Åsnes"]
    assert sanitise(cleaned) == cleaned


def test_a_bullet_inside_the_text_of_an_item_stays():
    cleaned = sanitise("<ul><li>Grue • Åsnes · Våler</li></ul>")
    assert cleaned == "<ul><li>Grue • Åsnes · Våler</li></ul>"
