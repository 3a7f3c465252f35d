"""Near-duplicate titles, flagged for a person to decide (never merged automatically).

Titles are compared as sets of character trigrams of the folded title; two titles are
near-duplicates when their Jaccard similarity reaches the threshold (0.8 by default).
To find candidates without comparing with every item, each title's MinHash signature
(64 hashes) is cut into 16 bands of 4; items sharing a band are compared exactly. With
these numbers a pair at similarity 0.8 shares a band with probability 0.9998, and a pair
at 0.5 with probability 0.64 (then the exact comparison drops it).
"""

from __future__ import annotations

import hashlib
import struct
from functools import cache

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.catalog import conf
from ttdn.catalog.choices import DuplicateDecision, ItemStatus
from ttdn.catalog.models import DuplicateCandidate, Item, TitleBand
from ttdn.catalog.permissions import require_review
from ttdn.core.errors import ApplicationError

PERMUTATIONS = 64
BANDS = 16
ROWS = PERMUTATIONS // BANDS
PRIME = (1 << 61) - 1
MASK = (1 << 64) - 1


@cache
def _coefficients() -> list[tuple[int, int]]:
    coefficients = []
    for i in range(PERMUTATIONS):
        digest = hashlib.blake2b(f"ttdn-minhash-{i}".encode(), digest_size=16).digest()
        a, b = struct.unpack("<QQ", digest)
        coefficients.append((a % (PRIME - 1) + 1, b % PRIME))
    return coefficients


def shingles(folded_title: str) -> set[str]:
    text = " ".join(folded_title.split())
    if len(text) < 3:
        return {text} if text else set()
    return {text[i : i + 3] for i in range(len(text) - 2)}


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def bands(shingle_set: set[str]) -> list[int]:
    """16 band keys (signed 64-bit) of the MinHash signature of a shingle set."""
    bases = [
        int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "little")
        for s in shingle_set
    ]
    signature = [min((a * x + b) % PRIME for x in bases) for a, b in _coefficients()]
    keys = []
    for band in range(BANDS):
        packed = struct.pack(f"<{ROWS}Q", *signature[band * ROWS : (band + 1) * ROWS])
        digest = hashlib.blake2b(packed, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def duplicates_check(item: Item) -> list[DuplicateCandidate]:
    """Record the item's title bands and flag items whose titles are nearly the same."""
    own = shingles(item.title_folded)
    TitleBand.objects.filter(item=item).delete()
    if not own:
        return []
    keys = bands(own)
    condition = Q()
    for band, key in enumerate(keys):
        condition |= Q(band=band, key=key)
    candidate_ids = set(
        TitleBand.objects.filter(condition).exclude(item=item).values_list("item_id", flat=True)
    )
    TitleBand.objects.bulk_create(
        [TitleBand(item=item, band=band, key=key) for band, key in enumerate(keys)]
    )
    threshold = conf.get("TTDN_CATALOG_DUPLICATE_THRESHOLD")
    others = (
        Item.objects.filter(pk__in=candidate_ids)
        .exclude(translation_key=item.translation_key)
        .exclude(status=ItemStatus.ARCHIVED)
        .only("pk", "title_folded")
    )
    found = []
    for other in others:
        similarity = jaccard(own, shingles(other.title_folded))
        if similarity >= threshold:
            candidate, _created = DuplicateCandidate.objects.get_or_create(
                item=item, other=other, defaults={"similarity": round(similarity, 3)}
            )
            found.append(candidate)
    return found


@transaction.atomic
def duplicate_decide(*, actor, candidate: DuplicateCandidate, decision: str) -> None:
    """'distinct' keeps both; 'duplicate' archives the newer item with a note."""
    from ttdn.catalog.services.items import item_archive

    require_review(actor)
    candidate = DuplicateCandidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.decision != DuplicateDecision.OPEN:
        raise ApplicationError(_("This pair has already been decided."))
    if decision not in (DuplicateDecision.DISTINCT, DuplicateDecision.DUPLICATE):
        raise ApplicationError(_("Choose whether the two items are duplicates or not."))
    if decision == DuplicateDecision.DUPLICATE and candidate.item.status != ItemStatus.ARCHIVED:
        item_archive(
            actor=actor,
            item=candidate.item,
            note=_("Duplicate of no. %(id)s.") % {"id": candidate.other_id},
        )
    candidate.decision = decision
    candidate.decided_by = actor
    candidate.decided_at = timezone.now()
    candidate.save(update_fields=["decision", "decided_by", "decided_at"])
