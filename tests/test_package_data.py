import zipfile
from pathlib import Path

from extractors import package_data


def test_zipped_jionlp_data_is_read_into_the_cache(tmp_path: Path, monkeypatch) -> None:
    pkg = tmp_path / "jionlp"
    (pkg / "dictionary").mkdir(parents=True)
    with zipfile.ZipFile(pkg / "dictionary" / "places.zip", "w") as z:
        z.writestr("places.txt", "青海\t63\t青海省\n")
    monkeypatch.setenv("XBENCH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(package_data, "package_dir", lambda name: pkg)
    package_data.jionlp_file.cache_clear()
    try:
        path = package_data.jionlp_file("dictionary/places.txt")
        assert path.read_text(encoding="utf-8") == "青海\t63\t青海省\n"
        assert tmp_path / "cache" in path.parents and not (pkg / "dictionary" / "places.txt").exists()
    finally:
        package_data.jionlp_file.cache_clear()


def test_real_jionlp_files_are_found() -> None:
    assert package_data.jionlp_file("dictionary/china_location.txt").stat().st_size > 1_000_000
