"""The readers of package word lists (extractors.package_lexicons), on small files written here."""
from __future__ import annotations

from extractors.package_lexicons import read_china_locations, read_jieba_dict, read_world_locations


def test_china_locations_tree(tmp_path) -> None:
    path = tmp_path / "china.txt"
    path.write_text("浙江省\t330000\t浙江\n\t杭州市\t330100\t杭州\n\t\t西湖区\t330106\t西湖\n"
                    "\t\t\t北山街道\n\t\t\t\t宝石村\n", encoding="utf-8")
    china = read_china_locations(path)
    assert [(u.name, u.level, u.parent, u.aliases) for u in china.units] == [
        ("浙江省", 0, None, ("浙江",)), ("杭州市", 1, "330000", ("杭州",)), ("西湖区", 2, "330100", ("西湖",))]
    assert china.towns == {"北山街道": {"330106"}} and china.villages == {"宝石村": {"330106"}}
    units = read_china_locations(path, towns=False)  # the baselines' place rule reads the units alone
    assert units.units == china.units and units.towns == {} and units.villages == {}


def test_world_locations_and_jieba_dict(tmp_path) -> None:
    world = tmp_path / "world.txt"
    world.write_text("亚洲:\n日本\t日本国\t东京\t大阪/京都\n", encoding="utf-8")
    w = read_world_locations(world)
    assert w.continents == {"亚洲"} and w.countries == {"日本", "日本国"} and w.cities == {"东京", "大阪", "京都"}
    jieba = tmp_path / "dict.txt"
    jieba.write_text("北京 34488 ns\n坏行\n", encoding="utf-8")
    assert read_jieba_dict(jieba) == {"北京": (34488, "ns")}


def test_baselines_place_names_read_the_same_files() -> None:
    from extractors.baselines import place_names

    names = place_names()
    assert "浙江省" in names and "杭州" in names and "法国" in names and "大通" in names
    assert "大通" in names.county_short and "大通" not in names.names


def test_china_units_come_from_the_cache_as_the_tree_reads_them(tmp_path, monkeypatch) -> None:
    from extractors import package_lexicons
    from extractors.package_data import jionlp_file

    monkeypatch.setenv("XBENCH_CACHE_DIR", str(tmp_path))
    package_lexicons.china_units.cache_clear()
    read = package_lexicons.china_units()  # no cache yet: the tree is read, and cached
    assert read == tuple(read_china_locations(jionlp_file("dictionary/china_location.txt"), towns=False).units)
    (cached,) = tmp_path.glob("china-units-*.data")
    package_lexicons.china_units.cache_clear()
    monkeypatch.setattr(package_lexicons, "read_china_locations", None)  # a second read would fail
    assert package_lexicons.china_units() == read
    cached.write_bytes(cached.read_bytes()[:-10])  # a truncated cache is read again, never fatal
    package_lexicons.china_units.cache_clear()
    monkeypatch.undo()
    monkeypatch.setenv("XBENCH_CACHE_DIR", str(tmp_path))
    assert package_lexicons.china_units() == read
    package_lexicons.china_units.cache_clear()
