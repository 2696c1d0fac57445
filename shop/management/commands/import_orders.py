import time
from pathlib import Path

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError

from shop.services.imports import ImportFailed, orders_import


class Command(BaseCommand):
    help = (
        "Import past orders from a CSV file: order_id,email,sku,quantity,unit_price,placed_at "
        "(one row per order line). Every row is checked first: if one is bad, nothing is "
        "imported. Orders already imported are skipped, so re-importing changes nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--no-recompute",
            action="store_true",
            help="don't rebuild the cross-sell statistics afterwards",
        )

    def handle(self, *args, file: Path, no_recompute: bool, **options) -> None:
        if not file.is_file():
            raise CommandError(f"{file} does not exist")
        started = time.perf_counter()
        try:
            result = orders_import(path=file)
        except ImportFailed as exc:
            raise CommandError(
                "Nothing was imported:\n" + "\n".join(exc.errors)
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.rows} rows checked: {result.created} orders imported with "
                f"{result.lines} lines, {result.skipped} already there "
                f"({time.perf_counter() - started:.1f}s)."
            )
        )
        # Imported orders send no signals; the apps above the shop rebuild their
        # statistics from the whole history instead.
        if (
            result.created
            and not no_recompute
            and "recompute_crosssells" in get_commands()
        ):
            call_command("recompute_crosssells", stdout=self.stdout)
