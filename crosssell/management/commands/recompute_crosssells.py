import time

from django.core.management.base import BaseCommand

from crosssell.services.counting import counts_recompute
from crosssell.services.lists import all_lists_refresh


class Command(BaseCommand):
    help = (
        "Rebuild every co-purchase count from the paid orders, then every partner list."
    )

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        baskets = counts_recompute()
        counted = time.perf_counter()
        lists = all_lists_refresh()
        done = time.perf_counter()
        self.stdout.write(
            f"Counted {baskets} baskets in {counted - started:.2f}s; "
            f"ranked partners of {lists} products in {done - counted:.2f}s."
        )
