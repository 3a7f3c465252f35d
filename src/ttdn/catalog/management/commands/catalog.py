"""`ttdn catalog reindex | harvest [--feed ID | --due] | load-default`."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from ttdn.catalog.models import Feed
from ttdn.catalog.services.defaults import catalog_load_default
from ttdn.catalog.services.harvest import feed_harvest, feeds_due
from ttdn.catalog.services.reindex import reindex_execute


class Command(BaseCommand):
    help = "Maintain the foreign-information database."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("reindex", help="Rebuild the search index from the items.")
        harvest = sub.add_parser("harvest", help="Harvest feeds now (all active ones by default).")
        harvest.add_argument("--feed", type=int, action="append", help="Only this feed id.")
        harvest.add_argument("--due", action="store_true", help="Only feeds that are due.")
        sub.add_parser("load-default", help="Create the default topics (safe to rerun).")

    def handle(self, *args, action, **options):
        if action == "reindex":
            run = reindex_execute()
            if run.status != "done":
                raise CommandError(f"Reindexing failed: {run.error}")
            self.stdout.write(
                f"{run.documents} documents indexed in {run.seconds} s ({run.backend})."
            )
        elif action == "harvest":
            feeds = Feed.objects.filter(active=True)
            if options["feed"]:
                feeds = Feed.objects.filter(pk__in=options["feed"])
            elif options["due"]:
                feeds = feeds_due()
            for feed_id in feeds.values_list("pk", flat=True):
                run = feed_harvest(feed_id=feed_id)
                line = (
                    f"{run.feed.url}: {run.status}, {run.items_created} new, "
                    f"{run.duplicates} known, {run.entries_failed} skipped"
                )
                self.stdout.write(line + (f" — {run.error}" if run.error else ""))
        else:
            self.stdout.write(f"{catalog_load_default()} topics created.")
