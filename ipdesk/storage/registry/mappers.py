"""ORM rows ⇄ domain values: ORM objects never leave the storage and services layers."""

from __future__ import annotations

from ipdesk.domain.registry.parties import Party, PartyKind
from ipdesk.domain.registry.rights import LegalStatus, Owner, Right, RightKind
from ipdesk.storage.schema import PartyRow, RightRow


def party_from_row(row: PartyRow) -> Party:
    return Party(
        id=row.id, kind=PartyKind(row.kind), name=row.name, uscc=row.uscc or "", id_number=row.id_number,
        address=row.address, contact=row.contact, phone=row.phone, region=row.region, notes=row.notes,
        version=row.version, created_at=row.created_at, updated_at=row.updated_at,
    )


def nice_from_text(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.split(",") if x)


def nice_to_text(classes: tuple[int, ...]) -> str:
    return ",".join(str(c) for c in classes)


def right_from_row(row: RightRow) -> Right:
    return Right(
        id=row.id, kind=RightKind(row.kind), number=row.number, display_number=row.display_number,
        title=row.title, legal_status=LegalStatus(row.legal_status), filing_date=row.filing_date,
        grant_date=row.grant_date, registration_date=row.registration_date,
        publication_date=row.publication_date, expiry_date=row.expiry_date,
        term_extension_days=row.term_extension_days, renewals=row.renewals,
        invalidation_requested=row.invalidation_requested, ownership_dispute=row.ownership_dispute,
        court_preservation=row.court_preservation, nice_classes=nice_from_text(row.nice_classes),
        similarity_group=row.similarity_group, ipc_main=row.ipc_main, product=row.product,
        same_day_twin=row.same_day_twin, fee_reduction=row.fee_reduction, fees_paid_through=row.fees_paid_through,
        owners=tuple(Owner(o.party_id, o.share, o.party.name) for o in row.owners),
        notes=row.notes, version=row.version, created_at=row.created_at, updated_at=row.updated_at,
    )
