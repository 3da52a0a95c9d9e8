"""C preprocessing tokens as the compiler sees them, mapped back to the file's bytes.

The compiler joins lines ending in a backslash, drops comments and reads `%:` as `#`
before it looks for a directive or a name.  A scan of the raw text does not: an
attacker writes `__has_\\<newline>include`, `__has_include/**/(X)` or `%:pragma` and
a textual pattern misses it.  `tokens()` applies those phases first and gives each
token its span in the original text, so a rewrite (extract/confine.py) can edit the
file in place and keep every line where it was.

Every pattern here is linear: no alternative can match what another inside the same
repetition matches, and an unterminated comment or string ends at the file's or the
line's end instead of being retried.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# A backslash, optional blanks (GCC accepts them, with a warning) and a newline.
SPLICE = re.compile(r"\\[ \t]*\r?\n")
_TOKEN = re.compile(r"""
  (?P<nl>\n)
| (?P<ws>[ \t\r\f\v]+)
| (?P<comment>/\*(?:.*?\*/|.*) | //[^\n]*)
| (?P<str>(?:u8|[LuU])?"(?:[^"\\\n]|\\.)*"?)
| (?P<chr>[LuU]?'(?:[^'\\\n]|\\.)*'?)
| (?P<id>[A-Za-z_$][A-Za-z0-9_$]*)
| (?P<num>\.?[0-9](?:[eEpP][+-]|[A-Za-z0-9_.])*)
| (?P<punct>%:%:|%:|\#\#|<:|:>|<%|%>|\.\.\.|<<=|>>=|->|\+\+|--|&&|\|\||<<|>>|[-+*/%&|^!=<>]=|.)
""", re.S | re.X)
_DIGRAPHS = {"%:": "#", "%:%:": "##", "<:": "[", ":>": "]", "<%": "{", "%>": "}"}


@dataclass(frozen=True)
class Token:
    kind: str            # nl, str, chr, id, num, punct (blanks and comments are dropped)
    text: str            # as the compiler reads it (splices removed, digraphs spelled out)
    start: int           # span in the original text
    end: int
    line_start: bool     # first token of its logical line (a `#` here starts a directive)
    logical_end: int = 0     # span in the spliced text (Source.logical)
    logical_start: int = 0


class Source:
    """One file's text after line splicing, with the way back to the original offsets."""

    def __init__(self, text: str):
        self.text = text
        pieces, self._map = [], []          # (logical offset, original offset) at each piece
        logical = last = 0
        for splice in SPLICE.finditer(text):
            pieces.append(text[last:splice.start()])
            self._map.append((logical, last))
            logical += splice.start() - last
            last = splice.end()
        pieces.append(text[last:])
        self._map.append((logical, last))
        self.logical = "".join(pieces)

    def original(self, offset: int) -> int:
        """Original offset of the logical offset `offset` (a splice's end maps forward)."""
        low, high = 0, len(self._map) - 1
        while low < high:                   # the last piece starting at or before offset
            middle = (low + high + 1) // 2
            if self._map[middle][0] <= offset:
                low = middle
            else:
                high = middle - 1
        logical_start, original_start = self._map[low]
        return original_start + offset - logical_start

    def tokens(self) -> list[Token]:
        out, line_start = [], True
        for match in _TOKEN.finditer(self.logical):
            kind = match.lastgroup
            if kind in ("ws", "comment"):
                continue        # a block comment across lines is one space: the line goes on
            text = match.group()
            start, end = self.original(match.start()), self.original(match.end() - 1) + 1
            out.append(Token(kind, _DIGRAPHS.get(text, text) if kind == "punct" else text,
                             start, end, line_start, match.end(), match.start()))
            line_start = kind == "nl"
        return out

    def blank(self, start: int, end: int, keep: str = "") -> str:
        """`keep` standing for original[start:end], keeping each of its line breaks (and the
        splices before them) so no later line moves."""
        breaks = []
        for match in re.finditer(r"\\[ \t]*\r?\n|\n", self.text[start:end]):
            breaks.append("\\\n" if match.group().startswith("\\") else "\n")
        return keep + "".join(breaks)


def destringize(literal: str) -> str:
    """The text of a `_Pragma` operand: quotes off, `\\"` and `\\\\` undone (C11 6.10.9)."""
    body = re.sub(r'^(?:u8|[LuU])?"', "", literal)
    body = body[:-1] if body.endswith('"') else body
    return body.replace('\\"', '"').replace("\\\\", "\\")
