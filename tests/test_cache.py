"""The load cache: served only when current, ignored when stale or damaged.

Each test points the cache at its own temporary folder.
"""

from __future__ import annotations

import marshal
import os
import pickle
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from stalker_guide import Guide, cache, load

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"


@pytest.fixture(autouse=True)
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV, str(folder))
    return folder


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(MINIMAL, folder)
    return folder


def test_a_written_entry_is_read_back_equal(data: Path) -> None:
    guide = load(data)
    cache.write(data, guide)
    cached = cache.read(data)
    assert cached is not None and cached is not guide
    assert cached == guide


def test_the_entry_keeps_the_name_index(data: Path) -> None:
    guide = load(data)
    cache.write(data, guide)
    cached = cache.read(data)
    assert cached is not None
    # names() would build a missing index, so look at what the entry brought:
    # the index's tiers, equal to those of the index the guide builds.
    tiers = cached._lazy.get("name-tiers")
    assert tiers is not None, "the cache entry has no name index"
    built = guide.names()
    assert tiers == {name: dict(tier) for name, tier in built.tiers()}
    assert cached.find("Anatolij Solonicyn").id == "anatoly-solonitsyn"
    assert "name-tiers" not in cached._lazy  # turned into the index on first use


def test_an_edited_data_file_makes_the_entry_stale(data: Path) -> None:
    cache.write(data, load(data))
    people = data / "people.toml"
    people.write_text(people.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert cache.read(data) is None


def test_a_new_data_file_makes_the_entry_stale(data: Path) -> None:
    cache.write(data, load(data))
    (data / "extra.toml").write_text("", encoding="utf-8")
    assert cache.read(data) is None


def test_a_corrupted_entry_is_ignored(data: Path) -> None:
    cache.write(data, load(data))
    entry = cache.entry(data)
    blob = bytearray(entry.read_bytes())
    blob[-10] ^= 0xFF
    entry.write_bytes(bytes(blob))
    assert cache.read(data) is None


def test_a_truncated_entry_is_ignored(data: Path) -> None:
    cache.write(data, load(data))
    entry = cache.entry(data)
    entry.write_bytes(entry.read_bytes()[:100])
    assert cache.read(data) is None


def test_an_entry_that_is_not_a_guide_is_ignored(data: Path) -> None:
    # A well-formed entry, current key and checksum included, holding something else.
    cache.write(data, load(data))
    entry = cache.entry(data)
    blob = entry.read_bytes()
    head = blob.index(b"\n") + 1
    size = int.from_bytes(blob[head : head + 4], "big")
    key = blob[head + 8 : head + 8 + size]
    assert key == cache.key(data)
    payload = marshal.dumps({"not": "a guide"})
    checksum = zlib.crc32(payload).to_bytes(4, "big")
    entry.write_bytes(blob[:head] + size.to_bytes(4, "big") + checksum + key + payload)
    assert cache.read(data) is None


def test_an_entry_from_another_python_or_code_is_stale(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache.write(data, load(data))
    monkeypatch.setattr("sys.version", "0.0.0 (another interpreter)")
    assert cache.read(data) is None


def test_reading_the_default_guide_imports_no_heavy_module() -> None:
    # What keeps import + load fast (benchmarks/startup.py measures it): a
    # warm load imports none of these. A new import here costs milliseconds.
    code = (
        "import sys, stalker_guide; stalker_guide.guide.film; "
        "print(' '.join(sorted(m for m in ('typing', 'dataclasses', 'inspect', 're', "
        "'pathlib', 'pickle', 'hashlib', 'threading', 'tomllib', 'importlib.util', "
        "'importlib.resources', 'iuliia') if m in sys.modules)))"
    )
    env = {k: v for k, v in os.environ.items() if k != "STALKER_GUIDE_DATA"}
    subprocess.run([sys.executable, "-c", code], env=env, check=True)  # warms the cache
    run = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    assert run.stdout.decode().strip() == ""


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX file modes")
def test_an_entry_others_can_write_is_ignored(data: Path) -> None:
    cache.write(data, load(data))
    entry = cache.entry(data)
    entry.chmod(0o666)
    assert cache.read(data) is None


def test_no_entry_no_result(data: Path) -> None:
    assert cache.read(data) is None


def test_writing_leaves_no_temporary_file(data: Path, cache_folder: Path) -> None:
    cache.write(data, load(data))
    assert [p.name for p in cache_folder.iterdir()] == [cache.entry(data).name]
    assert cache.entry(data).stat().st_mode & 0o777 == 0o600


def test_an_unwritable_cache_folder_only_costs_speed(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(cache.ENV, str(blocker / "cache"))
    cache.write(data, load(data))  # no error
    assert cache.read(data) is None


@pytest.mark.parametrize("value", ["off", "0", "no", "FALSE"])
def test_the_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(cache.ENV, value)
    assert not cache.enabled()


def test_the_default_location_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(cache.ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.location() == tmp_path / "stalker-guide"


def test_the_default_guide_is_cached_and_equal_to_a_fresh_load(
    monkeypatch: pytest.MonkeyPatch, cache_folder: Path
) -> None:
    monkeypatch.delenv("STALKER_GUIDE_DATA", raising=False)
    first = load()  # a miss: loads the TOML and writes the entry
    assert any(cache_folder.iterdir())
    second = load()  # a hit
    assert second == first
    monkeypatch.setenv(cache.ENV, "off")
    assert load() == second


def test_a_folder_given_to_load_is_never_cached(data: Path, cache_folder: Path) -> None:
    load(data)
    assert not cache_folder.exists()


@pytest.mark.parametrize("use", ["nothing", "find", "search", "relations", "all"])
@pytest.mark.parametrize("source", ["cache", "toml"])
def test_a_guide_pickles_in_every_state(data: Path, source: str, use: str) -> None:
    guide = load(data)
    if source == "cache":
        cache.write(data, guide)
        cached = cache.read(data)
        assert cached is not None
        guide = cached
    if use in ("find", "all"):
        guide.find("Solonitsyn")
    if use in ("search", "all"):
        guide.search("zone")
    if use in ("relations", "all"):
        guide.mentions("writer")
        guide.neighbours("the-bar")
    copy = pickle.loads(pickle.dumps(guide))
    assert copy == guide
    assert copy.find("Anatolij Solonicyn") == guide.people["anatoly-solonitsyn"]
    assert copy.scenes_with("writer") == guide.scenes_with("writer")


def test_a_pickled_guide_round_trips(data: Path) -> None:
    guide = load(data)
    guide.names()
    copy = pickle.loads(pickle.dumps(guide))
    assert isinstance(copy, Guide)
    assert copy == guide
    assert copy.find("writer") == guide.characters["writer"]
