"""The file cache makes its folder on its first write, not when a command starts."""

from ketenzorg.core.filecache import LazyFileBasedCache


def test_the_folder_appears_only_when_something_is_written(tmp_path):
    folder = tmp_path / "cache" / "signaal"
    cache = LazyFileBasedCache(str(folder), {})
    assert not folder.exists()
    assert cache.get("release:x") is None
    cache.clear()
    assert not folder.exists()
    cache.set("release:x", b"\x01\x02")
    assert folder.is_dir() and cache.get("release:x") == b"\x01\x02"
