from dataclasses import replace
from datetime import timedelta

import pytest

from barnevern.formats.bvr_writer import write_bvr
from barnevern.formats.files import FileReadError, read_paths, records_from_paths
from barnevern.formats.generator import generate


def _write(tmp_path, name, delivery):
    path = tmp_path / name
    path.write_bytes(write_bvr(delivery))
    return path


def test_latest_delivery_of_a_sak_wins_and_avgiver_names_the_columns(tmp_path):
    first = next(iter(generate(1, seed=7, municipalities=["3428"])))
    later = replace(
        first,
        id="0f0b1c2d-3e4f-4a5b-8c6d-7e8f90a1b2c3",
        dato_uttrekk=first.dato_uttrekk + timedelta(days=1),
        sak=replace(first.sak, journalnummer="NYERE-1"),
    )
    _write(tmp_path, "b.xml", first)  # the older delivery in the later file
    _write(tmp_path, "a.xml", later)
    data = read_paths([tmp_path])
    assert [r.journalnummer for r in data.records] == ["NYERE-1"]
    assert list(data.municipalities) == ["3428"]
    assert records_from_paths([tmp_path]) == data.records


def test_missing_path_is_named_in_norwegian(tmp_path):
    with pytest.raises(FileReadError, match="finnes ikke"):
        read_paths([tmp_path / "borte.xml"])


def test_a_file_that_is_neither_format_is_refused(tmp_path):
    (tmp_path / "x.xml").write_text("<Noe/>")
    with pytest.raises(FileReadError, match="verken en BVR-fil eller en KOSTRA 15F-fil"):
        read_paths([tmp_path])
