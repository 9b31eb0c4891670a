import os
import zipfile

import pytest

from barnevern.formats import sources, xmlsafe
from barnevern.formats.sources import Source, iter_sources
from barnevern.formats.xmlsafe import XmlFileError

DOC = b"<Barnevern/>"


def names(found):
    return [s.name for s in found]


def test_a_file_is_one_source_whatever_its_name(tmp_path):
    path = tmp_path / "levering.txt"
    path.write_bytes(DOC)
    (source,) = iter_sources([path])
    assert source == Source(str(path), lambda: b"")  # the reader is not compared
    assert source.open_bytes() == DOC


def test_directories_are_searched_recursively_and_sorted(tmp_path):
    for rel in ("b/2.xml", "a/9.XML", "a/1.xml", "c/ignored.txt", "0.xml"):
        target = tmp_path / rel
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(DOC)
    found = names(iter_sources([tmp_path]))
    assert [os.path.relpath(n, tmp_path) for n in found] == ["0.xml", "a/1.xml", "a/9.XML", "b/2.xml"]


def test_a_folder_is_listed_in_the_order_of_full_paths(tmp_path):
    """Walked one folder at a time, yet in the order of sorting every full path: names with
    characters before and after ``/`` (``-``, ``.``, ``0``) next to folder names."""
    rels = ("a/x.xml", "a-b/x.xml", "a.xml", "ab.xml", "a0/x.xml", "a/b/c.xml", "a/b.xml", "Z.zip")
    for rel in rels:
        target = tmp_path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(DOC)
    os.symlink(tmp_path / "a", tmp_path / "lenke", target_is_directory=True)  # not followed
    found = [os.path.relpath(n, tmp_path) for n in names(iter_sources([tmp_path]))]
    assert found == sorted(rels)


def test_paths_keep_the_given_order(tmp_path):
    (tmp_path / "b.xml").write_bytes(DOC)
    (tmp_path / "a.xml").write_bytes(DOC)
    assert names(iter_sources([tmp_path / "b.xml", tmp_path / "a.xml"])) == [
        str(tmp_path / "b.xml"),
        str(tmp_path / "a.xml"),
    ]


def test_zip_members_are_xml_only_and_named_after_the_archive(tmp_path):
    archive = tmp_path / "lev.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("b/2.xml", DOC)
        zf.writestr("a.xml", b"<Barnevern>a</Barnevern>")
        zf.writestr("les-meg.txt", b"x")
        zf.writestr("__MACOSX/._a.xml", b"junk")
        zf.writestr("mappe/", b"")
    found = list(iter_sources([archive]))
    assert names(found) == [f"{archive}!a.xml", f"{archive}!b/2.xml"]
    assert found[0].open_bytes() == b"<Barnevern>a</Barnevern>"


def test_zip_members_can_be_read_after_iteration(tmp_path):
    archive = tmp_path / "lev.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("a.xml", DOC)
    (source,) = list(iter_sources([archive]))
    assert source.open_bytes() == DOC


def test_zip_files_inside_directories_are_expanded(tmp_path):
    with zipfile.ZipFile(tmp_path / "lev.zip", "w") as zf:
        zf.writestr("a.xml", DOC)
    (tmp_path / "b.xml").write_bytes(DOC)
    assert [n.rsplit("/", 1)[-1] for n in names(iter_sources([tmp_path]))] == ["b.xml", "lev.zip!a.xml"]


def test_missing_paths_fail_at_once_in_norwegian(tmp_path):
    (tmp_path / "a.xml").write_bytes(DOC)
    with pytest.raises(XmlFileError) as caught:
        iter_sources([tmp_path / "a.xml", tmp_path / "mangler.xml"])
    assert caught.value.file == str(tmp_path / "mangler.xml")
    assert "Finner ikke filen eller mappen" in str(caught.value)


def test_a_broken_zip_is_reported_when_read(tmp_path):
    bad = tmp_path / "ødelagt.zip"
    bad.write_bytes(b"PK not really")
    (source,) = iter_sources([bad])
    with pytest.raises(XmlFileError, match="ikke et gyldig zip-arkiv"):
        source.open_bytes()


def test_oversized_file_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(xmlsafe, "MAX_FILE_BYTES", 10)
    path = tmp_path / "stor.xml"
    path.write_bytes(b"<Barnevern>" + b" " * 20 + b"</Barnevern>")
    (source,) = iter_sources([path])
    with pytest.raises(XmlFileError, match="for stor"):
        source.open_bytes()


def test_encrypted_member_is_refused(tmp_path, monkeypatch):
    archive = tmp_path / "lev.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("a.xml", DOC)
    original = zipfile.ZipFile.infolist

    def encrypted(self):
        infos = original(self)
        for info in infos:
            info.flag_bits |= 0x1
        return infos

    monkeypatch.setattr(zipfile.ZipFile, "infolist", encrypted)
    (source,) = iter_sources([archive])
    with pytest.raises(XmlFileError, match="kryptert"):
        source.open_bytes()


def test_archive_total_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_ARCHIVE_BYTES", 30)
    archive = tmp_path / "lev.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("a.xml", b"<a>" + b" " * 20 + b"</a>")
        zf.writestr("b.xml", b"<b>" + b" " * 20 + b"</b>")
    first, second = iter_sources([archive])
    assert first.open_bytes().startswith(b"<a>")
    with pytest.raises(XmlFileError, match="til sammen"):
        second.open_bytes()
