"""A small, fast reader of .xlsx cell values (values only: no styles, no formulas).

openpyxl (without lxml) spends most of a 100,000-row import parsing cells one Python object at a
time; this reader walks each sheet's XML once with expat and returns plain values. Types: shared and
inline strings → str, booleans → bool, numbers → int or float, formula results as cached, errors
(#N/A...) → their text. Dates are numbers in .xlsx (serial days) unless written as text: the catalog
columns convert serial numbers themselves (see workbook._convert). Writing stays with openpyxl.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from typing import IO, Any
from xml.parsers import expat


class NotAWorkbookError(ValueError):
    """The file is not a readable .xlsx workbook."""


def _refuse_doctype(*args: Any) -> None:
    raise expat.ExpatError("a DOCTYPE is not allowed in a workbook")


def _parser(namespace_separator: str | None = None) -> expat.XMLParserType:
    """An expat parser that refuses any DOCTYPE: no entity expansion or external entity, ever."""
    parser = expat.ParserCreate(namespace_separator=namespace_separator)
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype
    return parser


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def _column_index(reference: str) -> int:
    index = 0
    for char in reference:
        if "A" <= char <= "Z":
            index = index * 26 + ord(char) - 64
        else:
            break
    return index - 1


class XlsxReader:
    """Open a workbook; `sheet_names` lists its sheets, `rows(name)` yields (row number, values)."""

    def __init__(self, source: str | IO[bytes]) -> None:
        try:
            self._zip = zipfile.ZipFile(source)
            self._paths = self._sheet_paths()
            self._shared = self._shared_strings()
        except (zipfile.BadZipFile, KeyError, expat.ExpatError, OSError) as exc:
            raise NotAWorkbookError(str(exc) or exc.__class__.__name__) from exc

    @property
    def sheet_names(self) -> list[str]:
        return list(self._paths)

    def close(self) -> None:
        self._zip.close()

    def _elements(self, member: str, wanted: str) -> list[dict[str, str]]:
        """The attributes of every `wanted` element of a small XML member (namespaces dropped)."""
        found: list[dict[str, str]] = []

        def start(name: str, attrs: dict) -> None:
            if name.rpartition(" ")[2] == wanted:
                found.append({key.rpartition(" ")[2]: value for key, value in attrs.items()})

        parser = _parser(namespace_separator=" ")
        parser.StartElementHandler = start
        parser.Parse(self._zip.read(member), True)
        return found

    def _sheet_paths(self) -> dict[str, str]:
        relations = self._elements("xl/_rels/workbook.xml.rels", "Relationship")
        targets = {rel.get("Id"): rel.get("Target", "") for rel in relations}
        paths = {}
        for sheet in self._elements("xl/workbook.xml", "sheet"):
            target = targets.get(sheet.get("id"), "")
            if target.startswith("/"):
                paths[sheet.get("name", "")] = target.lstrip("/")
            else:
                paths[sheet.get("name", "")] = posixpath.normpath(posixpath.join("xl", target))
        return paths

    def _shared_strings(self) -> list[str]:
        if "xl/sharedStrings.xml" not in self._zip.namelist():
            return []
        strings: list[str] = []
        state = {"parts": None, "in_text": False, "phonetic": 0}

        def start(name: str, attrs: dict) -> None:
            name = _local(name)
            if name == "si":
                state["parts"] = []
            elif name == "rPh":
                state["phonetic"] += 1
            elif name == "t" and not state["phonetic"]:
                state["in_text"] = True

        def end(name: str) -> None:
            name = _local(name)
            if name == "si":
                strings.append("".join(state["parts"] or ()))
                state["parts"] = None
            elif name == "rPh":
                state["phonetic"] -= 1
            elif name == "t":
                state["in_text"] = False

        def text(data: str) -> None:
            if state["in_text"] and state["parts"] is not None:
                state["parts"].append(data)

        parser = _parser()
        parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
        parser.Parse(self._zip.read("xl/sharedStrings.xml"), True)
        return strings

    def rows(self, name: str) -> Iterator[tuple[int, list[Any]]]:
        """Every non-empty row of a sheet as (row number, values by column position)."""
        try:
            data = self._zip.read(self._paths[name])
        except KeyError as exc:
            raise NotAWorkbookError(name) from exc
        out: list[tuple[int, list[Any]]] = []
        shared = self._shared
        row: dict[int, Any] = {}
        state: dict[str, Any] = {"row": 0, "col": -1, "type": "n", "capture": False, "parts": []}

        def start(tag: str, attrs: dict) -> None:
            tag = _local(tag)
            if tag == "c":
                reference = attrs.get("r")
                state["col"] = _column_index(reference) if reference else state["col"] + 1
                state["type"] = attrs.get("t", "n")
                state["parts"] = []
            elif tag in ("v", "t"):
                state["capture"] = True
            elif tag == "row":
                number = attrs.get("r")
                state["row"] = int(number) if number else state["row"] + 1
                state["col"] = -1
                row.clear()

        def end(tag: str) -> None:
            tag = _local(tag)
            if tag in ("v", "t"):
                state["capture"] = False
            elif tag == "c":
                raw = "".join(state["parts"])
                kind = state["type"]
                if raw == "":
                    return
                if kind == "s":
                    value: Any = shared[int(raw)]
                elif kind == "b":
                    value = raw == "1"
                elif kind == "n":
                    number = float(raw)
                    value = (
                        int(number)
                        if number.is_integer() and "." not in raw and "E" not in raw.upper()
                        else number
                    )
                else:  # inlineStr, str (formula result), e (error), d (ISO date)
                    value = raw
                row[state["col"]] = value
            elif tag == "row" and row:
                width = max(row) + 1
                out.append((state["row"], [row.get(index) for index in range(width)]))

        def text(chunk: str) -> None:
            if state["capture"]:
                state["parts"].append(chunk)

        parser = _parser()
        parser.buffer_text = True
        parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
        try:
            parser.Parse(data, True)
        except expat.ExpatError as exc:
            raise NotAWorkbookError(str(exc)) from exc
        return iter(out)
