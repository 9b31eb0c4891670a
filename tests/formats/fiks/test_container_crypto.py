"""The ASiC-E container and its CMS encryption: round trip, wrong key, size limits, zip bombs."""

from __future__ import annotations

import io
import zipfile

import pytest

from barnevern.formats.fiks import container, crypto


@pytest.fixture(scope="module")
def keys():
    return crypto.Keys.generate()


def test_round_trip(keys):
    sealed = crypto.encrypt(container.write(b'{"a": 1}', b"%PDF-1.4 test"), keys.certificate)
    contents = container.read(crypto.decrypt(sealed, keys))
    assert contents.json == b'{"a": 1}'
    assert contents.pdf == b"%PDF-1.4 test"
    assert contents.names == (
        "META-INF/manifest.xml",
        "bekymringsmelding.json",
        "bekymringsmelding.pdf",
        "mimetype",
    )


def test_mimetype_is_first_and_stored():
    with zipfile.ZipFile(io.BytesIO(container.write(b"{}"))) as zf:
        first = zf.infolist()[0]
        assert first.filename == "mimetype"
        assert first.compress_type == zipfile.ZIP_STORED
        assert zf.read("mimetype") == b"application/vnd.etsi.asic-e+zip"


def test_wrong_key_is_refused(keys):
    sealed = crypto.encrypt(container.write(b"{}"), keys.certificate)
    with pytest.raises(crypto.DecryptionFailed, match="kunne ikke dekrypteres"):
        crypto.decrypt(sealed, crypto.Keys.generate())


def test_not_encrypted_is_refused(keys):
    with pytest.raises(crypto.DecryptionFailed):
        crypto.decrypt(b"not cms at all", keys)


def test_keys_load_from_pem_files(tmp_path, keys):
    keys.write(tmp_path / "k.pem", tmp_path / "c.pem")
    loaded = crypto.Keys.load(tmp_path / "k.pem", tmp_path / "c.pem")
    sealed = crypto.encrypt(b"hei", keys.certificate)
    assert crypto.decrypt(sealed, loaded) == b"hei"
    assert (tmp_path / "k.pem").stat().st_mode & 0o077 == 0


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_not_a_zip():
    with pytest.raises(container.InvalidContainer, match="ikke en zip-fil"):
        container.read(b"PK but not really")


def test_missing_json():
    with pytest.raises(container.InvalidContainer, match="mangler «bekymringsmelding.json»"):
        container.read(_zip({"bekymringsmelding.pdf": b"%PDF"}))


def test_zip_bomb_is_refused_while_unpacking():
    bomb = _zip({"bekymringsmelding.json": b"0" * (25 * 1024 * 1024)})
    assert len(bomb) < 100_000
    with pytest.raises(container.InvalidContainer, match="zip-bombe"):
        container.read(bomb)


def test_oversized_container_is_refused():
    with pytest.raises(container.InvalidContainer, match="større enn 20 MB"):
        container.read(b"0" * (container.MAX_CONTAINER + 1))


def test_path_traversal_and_too_many_members():
    with pytest.raises(container.InvalidContainer, match="Ulovlig filnavn"):
        container.read(_zip({"../evil": b"x", "bekymringsmelding.json": b"{}"}))
    with pytest.raises(container.InvalidContainer, match="høyst 20"):
        container.read(_zip({f"f{i}": b"x" for i in range(21)}))


def test_wrong_mimetype():
    with pytest.raises(container.InvalidContainer, match="mimetype"):
        container.read(_zip({"mimetype": b"application/zip", "bekymringsmelding.json": b"{}"}))
