"""`hlhdesk.store` names its public API and imports each name when first used (so the
desk can read its case list before sqlite-utils and numpy are imported)."""

from __future__ import annotations

import pytest

import hlhdesk.store as store_package
from hlhdesk.store.repository import Store


def test_every_public_name_is_importable_and_none_is_missing_from_all():
    assert sorted(store_package.__all__) == sorted(store_package._WHERE)
    for name in store_package.__all__:
        assert getattr(store_package, name) is not None
    assert store_package.Store is Store


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_thing"):
        store_package.no_such_thing  # noqa: B018
