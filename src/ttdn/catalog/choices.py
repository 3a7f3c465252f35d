"""Choices of the foreign-information database."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ItemKind(models.TextChoices):
    ARTICLE = "article", _("Article")
    VIDEO = "video", _("Video")
    PHOTO_ALBUM = "photo_album", _("Photo album")
    PUBLICATION = "publication", _("Publication")
    AUDIO = "audio", _("Audio")
    INFOGRAPHIC = "infographic", _("Infographic")
    DOCUMENT = "document", _("Document")
    FACT = "fact", _("Fact or figure")
    EVENT = "event", pgettext_lazy("catalog kind", "Event")


class ItemStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("item status", "Draft")
    IN_REVIEW = "in_review", pgettext_lazy("item status", "In review")
    APPROVED = "approved", pgettext_lazy("item status", "Approved")
    PUBLISHED = "published", pgettext_lazy("item status", "Published")
    ARCHIVED = "archived", pgettext_lazy("item status", "Archived")


class Channel(models.TextChoices):
    """The eleven channels of Circular 22/2016/TT-BTTTT, Art. 5 (DOMAIN.md)."""

    FOREIGN_AFFAIRS = "foreign_affairs", _("Foreign-affairs activities")
    PORTALS = "portals", _("Portals (Vietnamese and foreign languages)")
    IMAGE_DATABASE = "image_database", _("Image-promotion database")
    PUBLICATIONS = "publications", _("Publications")
    BORDER_GATES = "border_gates", _("Information systems at international border gates")
    DOMESTIC_PRESS = "domestic_press", _("Domestic press")
    FOREIGN_PRESS = "foreign_press", _("Foreign press and media products")
    INTERNET = "internet", _("Internet media")
    PRESS_COOPERATION = "press_cooperation", _("Cooperation with foreign press")
    MAJOR_EVENTS = "major_events", _("Media for major events")
    OTHER = "other", pgettext_lazy("channel", "Other")


class Licence(models.TextChoices):
    AGENCY = "agency", _("© the producing agency; reuse with its permission")
    CC_BY = "cc_by_4", "CC BY 4.0"
    CC_BY_SA = "cc_by_sa_4", "CC BY-SA 4.0"
    CC0 = "cc0", _("CC0 (public domain)")
    STATE_DOCUMENT = "state_document", _("Official document, not protected by copyright")
    THIRD_PARTY = "third_party", _("Third party, used with permission")
    UNKNOWN = "unknown", _("Not known yet")


class Consent(models.TextChoices):
    NOT_NEEDED = "not_needed", _("Not needed (no identifiable person)")
    OBTAINED = "obtained", _("Obtained")
    PENDING = "pending", _("Asked, not yet given")
    REFUSED = "refused", _("Refused")


class ItemSource(models.TextChoices):
    FORM = "form", _("Entered in TTĐN")
    API = "api", _("Sent through the API")
    IMPORT = "import", _("Imported from a file")
    HARVEST = "harvest", _("Harvested from a feed")


class HistoryAction(models.TextChoices):
    CREATED = "created", pgettext_lazy("history", "Created")
    UPDATED = "updated", pgettext_lazy("history", "Changed")
    SUBMITTED = "submitted", pgettext_lazy("history", "Sent for review")
    APPROVED = "approved", pgettext_lazy("history", "Approved")
    PUBLISHED = "published", pgettext_lazy("history", "Published")
    RETURNED = "returned", pgettext_lazy("history", "Returned for changes")
    ARCHIVED = "archived", pgettext_lazy("history", "Archived")
    RESTORED = "restored", pgettext_lazy("history", "Restored")
    MEDIA_ADDED = "media_added", pgettext_lazy("history", "File added")
    TRANSLATION_CHECKED = "translation_checked", pgettext_lazy("history", "Translation checked")


class RunStatus(models.TextChoices):
    """Status of long work that leaves a row: imports, harvests, reindexing."""

    QUEUED = "queued", pgettext_lazy("job", "Queued")
    RUNNING = "running", pgettext_lazy("job", "Running")
    CHECKED = "checked", pgettext_lazy("job", "Checked, waiting for confirmation")
    REJECTED = "rejected", pgettext_lazy("job", "Rejected")
    DONE = "done", pgettext_lazy("job", "Done")
    NOT_MODIFIED = "not_modified", pgettext_lazy("job", "No change since the last run")
    FAILED = "failed", pgettext_lazy("job", "Failed")


class DuplicateDecision(models.TextChoices):
    OPEN = "open", pgettext_lazy("duplicate", "To decide")
    DISTINCT = "distinct", pgettext_lazy("duplicate", "Not a duplicate")
    DUPLICATE = "duplicate", pgettext_lazy("duplicate", "Duplicate: newer one archived")


class SearchMode(models.TextChoices):
    RECENT = "recent", _("Best matches among recent items")
    ALL = "all", _("Best matches in the whole archive")
    NEWEST = "newest", _("Newest first")
