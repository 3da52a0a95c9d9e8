"""C tokens as the compiler reads them (extract/ctokens.py): splices, comments, digraphs,
spans back into the original text, and linear time on hostile text (issue 9)."""
from __future__ import annotations

import time

import pytest

from apicompat.extract.ctokens import Source, destringize


def texts(source: Source) -> list[str]:
    return [t.text for t in source.tokens() if t.kind != "nl"]


def test_a_spliced_name_is_one_token_whose_span_covers_the_splice():
    text = "#if __has_\\\ninclude(x)\n"
    source = Source(text)
    name = next(t for t in source.tokens() if t.kind == "id" and t.text == "__has_include")
    assert text[name.start:name.end] == "__has_\\\ninclude"


def test_comments_are_dropped_and_a_block_comment_does_not_end_the_directive():
    source = Source("#if A /* one\n two */ && B // rest\nint x;\n")
    tokens = source.tokens()
    assert [t.text for t in tokens][:5] == ["#", "if", "A", "&&", "B"]
    assert [t.line_start for t in tokens if t.text in ("B", "int")] == [False, True]


def test_digraphs_read_as_their_punctuators():
    assert texts(Source("%:pragma x <: :> <% %>\n")) == ["#", "pragma", "x", "[", "]", "{", "}"]


def test_strings_and_characters_are_single_tokens():
    assert texts(Source('f("a\\"b", \'"\', u8"x")\n')) == ["f", "(", '"a\\"b"', ",", "'\"'", ",", 'u8"x"', ")"]


def test_destringize_undoes_the_escapes_of_a_pragma_operand():
    assert destringize('"GCC dependency \\"/etc/x\\""') == 'GCC dependency "/etc/x"'


def test_blank_keeps_line_breaks_and_splices():
    text = "# pra\\\ngma a\nnext\n"
    source = Source(text)
    assert source.blank(0, text.index("\nnext")) == "\\\n"


@pytest.mark.parametrize("hostile", [
    "/*" * 200_000,                       # unterminated comments, each a retry for a lazy pattern
    '"' + "\\" * 400_001,                 # an escape run with no closing quote
    "'" * 300_000,
    "\\\n" * 200_000,                     # splices only
    "1e+" * 200_000,                      # a pp-number that keeps going
])
def test_hostile_text_is_tokenized_in_linear_time(hostile):
    """Double the input: the time at most ~4x (quadratic would be 4x per doubling *and* seconds)."""
    def seconds(text):
        start = time.perf_counter()
        Source(text).tokens()
        return time.perf_counter() - start
    small, large = seconds(hostile[: len(hostile) // 2]), seconds(hostile)
    assert large < max(1.0, 5 * small)


# -- the quick test before tokenizing a file for probes (extract/confine.py) ------------------

@pytest.mark.parametrize("spelled", [
    '#if __ha\\\ns_include("/etc/passwd")\n#endif\n',              # a splice inside the word
    '_Prag\\\nma("GCC dependency \\"/etc/passwd\\"")\n',
    '#pragma /* a comment\n over lines */ GCC dependency "/etc/passwd"\n',
    '%:embed "/etc/passwd"\n',
])
def test_every_probe_is_rewritten_however_it_is_spelled(tmp_path, spelled):
    from apicompat.extract.confine import neutralize_probes
    header = tmp_path / "a.h"
    header.write_text(spelled)
    notes = neutralize_probes([header], str)
    assert notes, f"not rewritten: {spelled!r}"
    assert "/etc/passwd" not in header.read_text()


@pytest.mark.parametrize("prose", [
    "/* An array of structures is embedded here. */\nint a;\n",
    "/* an implicit dependency on MAX */\nint b;\n",
    "#pragma pack(1)\nstruct s { int c; };\n",
])
def test_prose_costs_no_tokenizing(tmp_path, monkeypatch, prose):
    """Files whose words cannot form a probe are left as they are without being tokenized (libxl.h
    says "embedded" in a comment: tokenizing each of its versions was most of the probe work)."""
    from apicompat.extract import confine, ctokens
    monkeypatch.setattr(ctokens.Source, "tokens", lambda self: pytest.fail("tokenized"))
    confine._PROBED.clear()
    header = tmp_path / "a.h"
    header.write_text(prose)
    assert confine.neutralize_probes([header], str) == []
    assert header.read_text() == prose
