"""Random damage to a bundle (flipped bytes, cuts) is refused with a BundleError and leaves the
hub unchanged — never another exception, never a partial import."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from adjuster.sync.bundle import export_bundle, import_bundle
from adjuster.sync.testing import make_device, make_hub
from adjuster.sync.zipcheck import BundleError

_WORLD: dict = {}


def world() -> dict:
    """One hub and one good bundle shared by all examples (built once)."""
    if not _WORLD:
        root = Path(tempfile.mkdtemp(prefix="adj-fuzz-"))
        hub = make_hub(root / "hub")
        dev = make_device(root, "dev", hub)
        case = dev.new_case("CL-F-001", insured_name="Fuzz")
        dev.add_photo(case.id, b"\xff\xd8" + bytes(range(256)) * 8)
        dev.store.cases.update(case.id, peril="flood")
        good = export_bundle(dev.store, dev.media_dir, dev.identity, root / "good.adjsync").path
        _WORLD.update(root=root, hub=hub, good=good.read_bytes())
    return _WORLD


def hub_state(hub) -> tuple:
    return (
        hub.store.query("SELECT count(*) AS n FROM cases")[0]["n"],
        hub.store.query("SELECT count(*) AS n FROM hub_ops")[0]["n"],
        hub.store.query("SELECT count(*) AS n FROM hub_blobs")[0]["n"],
    )


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_damaged_bundles_are_refused_cleanly(data) -> None:
    w = world()
    good: bytes = w["good"]
    damaged = bytearray(good)
    kind = data.draw(st.sampled_from(["flip", "cut", "splice"]))
    if kind == "flip":
        for _ in range(data.draw(st.integers(1, 4))):
            i = data.draw(st.integers(0, len(damaged) - 1))
            damaged[i] ^= data.draw(st.integers(1, 255))
    elif kind == "cut":
        damaged = damaged[: data.draw(st.integers(0, len(damaged) - 1))]
    else:
        i = data.draw(st.integers(0, len(damaged) - 1))
        damaged[i:i] = data.draw(st.binary(min_size=1, max_size=64))
    path = w["root"] / "damaged.adjsync"
    path.write_bytes(bytes(damaged))
    before = hub_state(w["hub"])
    try:
        outcome = import_bundle(w["hub"], path)
    except BundleError as err:
        event(str(err).split(" ")[0] if "entry" not in str(err) else "bad entry")
        assert hub_state(w["hub"]) == before
        return
    event("accepted")
    # the damage missed everything that matters (e.g. a zip timestamp): the import is the genuine one
    assert len(outcome.result.accepted) + len(outcome.result.duplicates) == 3


_RECEIPT: dict = {}


def receipt_world() -> dict:
    if not _RECEIPT:
        from adjuster.sync.bundle import import_bundle as imp

        root = Path(tempfile.mkdtemp(prefix="adj-fuzz-r-"))
        hub = make_hub(root / "hub")
        dev = make_device(root, "dev", hub)
        other = make_device(root, "other", hub)
        case = other.new_case("CL-F-002", insured_name="Other")
        other.add_photo(case.id, b"\xff\xd8 other's photo" * 20)
        other.sync()
        dev.new_case("CL-F-003")
        bundle = export_bundle(dev.store, dev.media_dir, dev.identity, root / "b.adjsync").path
        receipt = imp(hub, bundle, receipt_dir=root / "r").receipt
        _RECEIPT.update(root=root, dev=dev, receipt=receipt.read_bytes())
    return _RECEIPT


def device_state(dev) -> tuple:
    from adjuster.sync import engine

    st = engine.status(dev.store)
    return (st.pending_ops, st.cursor, dev.store.cases.count(), dev.store.photos.count())


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_damaged_receipts_are_refused_cleanly(data) -> None:
    from adjuster.sync.receipt import import_receipt

    w = receipt_world()
    damaged = bytearray(w["receipt"])
    if data.draw(st.booleans()):
        for _ in range(data.draw(st.integers(1, 4))):
            i = data.draw(st.integers(0, len(damaged) - 1))
            damaged[i] ^= data.draw(st.integers(1, 255))
    else:
        damaged = damaged[: data.draw(st.integers(0, len(damaged) - 1))]
    path = w["root"] / "damaged-receipt.adjsync"
    path.write_bytes(bytes(damaged))
    before = device_state(w["dev"])
    try:
        import_receipt(w["dev"].store, w["dev"].media_dir, path)
    except BundleError:
        assert device_state(w["dev"]) == before
