from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from shop.services.imports import ImportFailed, catalog_import


class Command(BaseCommand):
    help = (
        "Import products from a CSV file: sku,title,price,category,description,image_path "
        "and optionally parent_sku,size,colour,brand,stock. Nothing is imported if a row is bad."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options) -> None:
        if not file.is_file():
            raise CommandError(f"{file} does not exist")
        try:
            result = catalog_import(path=file)
        except ImportFailed as exc:
            raise CommandError(
                "Nothing was imported:\n" + "\n".join(exc.errors)
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.rows} rows: {result.created} created, {result.updated} updated, "
                f"{result.skipped} unchanged."
            )
        )
