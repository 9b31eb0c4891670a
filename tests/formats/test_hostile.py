"""Hostile input: every file is refused with a Norwegian error, nothing is fetched or expanded."""

import socket
import zipfile
from pathlib import Path

import pytest

from barnevern.formats import sources, xmlsafe
from barnevern.formats.bvr_reader import iter_bvr_documents, iter_bvr_files, read_bvr
from barnevern.formats.xmlsafe import XmlFileError, parse_bytes

SECRET = "hemmelig-innhold-som-ikke-skal-lekke"


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any attempt to open a connection or resolve a name fails the test."""
    calls: list[object] = []

    def refuse(*args, **kwargs):
        calls.append(args)
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield
    assert calls == []


@pytest.fixture
def secret_file(tmp_path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET)
    return path


def refused(data: bytes, name: str = "fiendtlig.xml") -> XmlFileError:
    with pytest.raises(XmlFileError) as caught:
        read_bvr(parse_bytes(data, name), name)
    assert caught.value.file == name
    assert SECRET not in str(caught.value)
    return caught.value


def test_xxe_with_a_local_file_entity(secret_file):
    data = (
        f'<?xml version="1.0"?><!DOCTYPE Barnevern [<!ENTITY x SYSTEM "file://{secret_file}">]>'
        '<Barnevern Id="&x;"/>'
    ).encode()
    assert "DOCTYPE- eller ENTITY-deklarasjon" in refused(data).message


def test_xxe_with_a_network_entity():
    data = b'<!DOCTYPE Barnevern [<!ENTITY x SYSTEM "http://example.invalid/x">]><Barnevern>&x;</Barnevern>'
    assert "XXE" in refused(data).message


def test_xxe_in_utf16_is_refused_without_leaking(secret_file):
    text = (
        f'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret_file}">]>'
        "<Barnevern><Sak>&x;</Sak></Barnevern>"
    )
    with pytest.raises(XmlFileError) as caught:
        tree = parse_bytes(text.encode("utf-16"), "u16.xml")
        assert SECRET not in str(tree.getroot().xpath("string()"))
        read_bvr(tree, "u16.xml")
    assert SECRET not in str(caught.value)


def test_billion_laughs():
    entities = '<!ENTITY a0 "ha">' + "".join(
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    data = f"<!DOCTYPE Barnevern [{entities}]><Barnevern>&a9;</Barnevern>".encode()
    assert "«billion laughs»" in refused(data).message


def test_external_dtd():
    data = b'<!DOCTYPE Barnevern SYSTEM "http://example.invalid/barnevern.dtd"><Barnevern/>'
    assert "DOCTYPE" in refused(data).message


def test_plain_doctype_is_refused_too():
    assert "DOCTYPE" in refused(b"<!DOCTYPE Barnevern><Barnevern/>").message


def test_doctype_hidden_after_a_long_comment():
    data = b"<?xml version='1.0'?><!--" + b"x" * 8000 + b"--><!DOCTYPE Barnevern []><Barnevern/>"
    assert "DOCTYPE" in refused(data).message


def test_xinclude_is_not_processed(secret_file):
    data = (
        '<Barnevern xmlns:xi="http://www.w3.org/2001/XInclude" Id="x">'
        f'<xi:include href="{secret_file}" parse="text"/></Barnevern>'
    ).encode()
    tree = parse_bytes(data, "xi.xml")
    assert SECRET not in "".join(tree.getroot().itertext())


def test_deep_nesting_beyond_the_limit():
    data = b"<Barnevern>" + b"<a>" * 40 + b"</a>" * 40 + b"</Barnevern>"
    assert "nøstet dypere enn 32 nivåer" in refused(data).message


def test_nesting_up_to_the_limit_is_accepted_and_one_more_level_is_not():
    def nested(levels: int) -> bytes:  # the root counts as level 1
        return b"<Barnevern>" + b"<a>" * (levels - 1) + b"x" + b"</a>" * (levels - 1) + b"</Barnevern>"

    assert parse_bytes(nested(32), "ok.xml").getroot().tag == "Barnevern"
    assert "nøstet dypere enn 32 nivåer" in refused(nested(33)).message


def test_extreme_nesting_is_stopped_by_the_parser():
    data = b"<a>" * 100_000 + b"</a>" * 100_000
    error = refused(data)
    assert error.message.startswith("Ugyldig XML")
    assert error.line == 1


def test_truncated_file_names_line_and_column():
    data = b'<Barnevern Id="x">\n  <Fagsystem Leverandor="abc"\n'
    error = refused(data, "avkortet.xml")
    assert error.message.startswith("Ugyldig XML")
    assert (error.line, error.column) == (3, 1)
    assert str(error).startswith("avkortet.xml, linje 3, kolonne 1: Ugyldig XML")


def test_malformed_file_names_line_and_column():
    error = refused(b"<Barnevern>\n<Sak>\n  <Melding></Sak>\n</Barnevern>")
    assert (error.line, error.column) == (3, 18)


def test_empty_file():
    assert refused(b"  \n").message == "Filen er tom."


def test_oversized_file(monkeypatch, tmp_path):
    monkeypatch.setattr(xmlsafe, "MAX_FILE_BYTES", 64)
    data = b"<Barnevern>" + b" " * 100 + b"</Barnevern>"
    assert "for stor" in refused(data).message
    (tmp_path / "stor.xml").write_bytes(data)
    with pytest.raises(XmlFileError, match="Filen er for stor"):
        list(iter_bvr_files([tmp_path]))


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(zipfile.ZipInfo(name), content, zipfile.ZIP_DEFLATED)
    return path


def test_zip_bomb_is_refused_by_ratio(tmp_path):
    archive = make_zip(tmp_path / "bombe.zip", {"bombe.xml": b"<a>" + b"\0" * 3_000_000 + b"</a>"})
    (doc,) = iter_bvr_documents([archive])
    assert doc.delivery is None
    assert "mulig «zip-bombe», avvist" in doc.error.message
    assert doc.error.file == f"{archive}!bombe.xml"


def test_zip_member_over_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_MEMBER_BYTES", 100)
    archive = make_zip(tmp_path / "stor.zip", {"stor.xml": b"<a>" + b"x" * 200 + b"</a>"})
    (source,) = sources.iter_sources([archive])
    with pytest.raises(XmlFileError, match="for stor"):
        source.open_bytes()


@pytest.mark.parametrize("member", ["../../evil.xml", "/etc/evil.xml", "C:/evil.xml", "a\\..\\..\\evil.xml"])
def test_zip_path_traversal_is_refused_and_nothing_is_extracted(tmp_path, member):
    archive = make_zip(tmp_path / "sti.zip", {member: b"<Barnevern/>", "ok.xml": b"<Barnevern/>"})
    docs = {Path(d.name).name: d for d in iter_bvr_documents([archive])}
    bad = next(d for name, d in docs.items() if "evil" in name)
    assert "stien peker utenfor arkivet" in bad.error.message
    assert not (tmp_path.parent / "evil.xml").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sti.zip"]
