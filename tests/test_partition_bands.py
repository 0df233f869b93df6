"""A partition's drift bands: those of a body of as many documents drawn like the reference.

Checked on the reference's own documents (the gold statistics the profile keeps), so no extractor
is involved: the bands widen as a partition holds fewer documents and tend to the profile's as it
holds many; every reference document alone is inside the one-document bands (where the profile's
five-document bands put some outside), and sixty copies of one document are not like sixty
documents of the reference (unless that document holds most of the reference's text).
"""
from __future__ import annotations

import pytest
from xbench.expectations.drift import check_drift, profile_key
from xbench.expectations.partition_bands import partition_limits
from xbench.expectations.profile import load_profile
from xbench.expectations.text_stats import TextStats

FIGURES = ("density ORG", "density GPE", "density DATE", "traditional share", "pinyin readings per 1k chars")


@pytest.fixture(scope="module")
def profile() -> dict:
    return load_profile()


def limits(profile: dict, n: int) -> tuple[dict, float]:
    return partition_limits(profile, profile_key(profile), sorted(profile["label_mix"]), n)


def width(b: list[float]) -> float:
    return b[1] - b[0]


def test_bands_widen_for_fewer_documents_and_tend_to_the_profiles(profile: dict) -> None:
    ref = {c["name"]: c["band"] for c in profile["checks"]}
    few, some, many = (limits(profile, n)[0] for n in (1, 5, 3000))
    for name in FIGURES:
        assert width(few[name]) > width(some[name]) > width(many[name]) * 0.98, name
        # many documents: only the reference's own spread is left, which is what the profile's band says (up to
        # the draws' noise: a resample of five documents has few distinct outcomes, so its percentiles jump)
        assert many[name] == pytest.approx(ref[name], abs=0.2 * width(ref[name])), name
    assert limits(profile, 1)[1] > limits(profile, 3000)[1] > 0


def copies(doc: TextStats, k: int) -> TextStats:
    out = TextStats()
    for _ in range(k):
        out.add(doc)
    return out


def test_one_reference_document_fits_a_partition_of_one_and_sixty_copies_of_it_do_not(profile: dict) -> None:
    docs = [TextStats.from_dict(d) for d in profile["documents_stats"]]
    alone = [check_drift(d, profile, scope="partition") for d in docs]
    # (not the label mix: the one-document KL limit is the most unusual document's own divergence, which GX
    # computes from the profile's rounded weights, a millionth away: an edge only the reference itself meets)
    assert [[c.name for c in r.failed if c.name != "label mix KL divergence"] for r in alone] == [[]] * len(docs)
    # the profile's bands are those of five documents: some single document leaves them
    assert any(check_drift(d, profile).failed for d in docs)
    # sixty copies of a document are not sixty documents like the reference: caught, except for the one that
    # holds most of the reference's characters (its figures are nearly the reference's own)
    caught = [bool(check_drift(copies(d, 60), profile, scope="partition").failed) for d in docs]
    assert caught == [d.chars < max(o.chars for o in docs) / 2 for d in docs]
