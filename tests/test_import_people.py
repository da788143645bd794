"""Customers found again across imports by any identity the store already holds (the writer looks
identities up by kind and value, so the unique index answers)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from smilebox.ingest import import_paths
from smilebox.store.tables import ConversationRow, Customer, CustomerIdentity
from tests.conftest import conversation
from tests.helpers import write_jsonl


@pytest.mark.parametrize("store", ["sqlite", "postgres"], indirect=True)
def test_customer_is_found_again_by_an_identity_from_an_earlier_import(store, tmp_path):
    first = conversation("c-1", customer={"name": "Maria Lopez", "email": "maria@example.com"})
    second = conversation("c-2", channel="phone",
                          customer={"name": "Maria Lopez", "email": "MARIA@example.com", "phone": "+1 555 0100"})
    third = conversation("c-3", channel="sms", customer={"name": "M. Lopez", "phone": "+1 (555) 0100"})
    other = conversation("c-4", customer={"name": "Bo Chen", "email": "bo@example.com", "phone": "555 0100"})
    for i, conv in enumerate([first, second, third, other]):
        import_paths(store, [write_jsonl(tmp_path / f"{i}.jsonl", [conv])])
    with store.session() as s:
        by_conv = {ext: cid for ext, cid in s.execute(select(ConversationRow.external_id, ConversationRow.customer_id))}
        identities = sorted((kind, value) for kind, value in s.execute(select(CustomerIdentity.kind, CustomerIdentity.value)))
        customers = s.scalar(select(func.count()).select_from(Customer))
    assert by_conv["c-1"] == by_conv["c-2"] == by_conv["c-3"] != by_conv["c-4"]
    assert customers == 2
    assert identities == [("email", "bo@example.com"), ("email", "maria@example.com"),
                          ("phone", "+15550100"), ("phone", "5550100")]
