"""Check the basic-service combinations of the customer base against the catalog; create missing offers.

The Pro-Cable gateway has no "distinct combinations of basic services" call and its customer search
needs a criterion, so this command walks a bounded range of customer numbers (`--numbers`, or
`--first` and `--count`, stopping after `--stop-after-missing` unknown numbers in a row) and reads each
customer's services. It reports every customer whose services match no offer (MyShop is blocked for
them); with `--create`, it creates a starting offer for each missing combination.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.core.management.base import BaseCommand, CommandError

from catalog import procable
from catalog.services import offers_verify


def parse_numbers(text: str) -> list[str]:
    """ "100001-100005,100100" → the listed customer numbers (ranges inclusive, width kept)."""
    numbers: list[str] = []
    for part in (p.strip() for p in text.split(",") if p.strip()):
        first, _, last = part.partition("-")
        if not first.isdigit() or (last and not last.isdigit()):
            raise CommandError(f"Not a customer number or range: {part}")
        if not last:
            numbers.append(first)
            continue
        if int(last) < int(first) or int(last) - int(first) > 1_000_000:
            raise CommandError(f"Bad range: {part}")
        numbers.extend(str(n).zfill(len(first)) for n in range(int(first), int(last) + 1))
    return numbers


def walk(first: int, count: int, stop_after_missing: int) -> Iterator[str]:
    """Customer numbers from `first`, at most `count`, until `stop_after_missing` unknown in a row."""
    gateway = procable.gateway()
    missing = 0
    for number in range(first, first + count):
        try:
            gateway.customer_get(str(number))
        except procable.not_found_errors():
            missing += 1
            if missing >= stop_after_missing:
                return
            continue
        missing = 0
        yield str(number)


class Command(BaseCommand):
    help = (
        "Report customers whose basic services match no offer; --create adds offers for those combinations."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--numbers", help="Customer numbers and ranges, e.g. 100001-100500,200001")
        parser.add_argument("--first", type=int, default=100001)
        parser.add_argument("--count", type=int, default=100_000)
        parser.add_argument("--stop-after-missing", type=int, default=100)
        parser.add_argument(
            "--create", action="store_true", help="Create an offer for each missing combination."
        )
        parser.add_argument(
            "--limit", type=int, default=200, help="Unmatched customers listed (all are counted)."
        )

    def handle(self, *args, **options) -> None:
        numbers = (
            parse_numbers(options["numbers"])
            if options["numbers"]
            else walk(options["first"], options["count"], options["stop_after_missing"])
        )
        report = offers_verify(customer_numbers=numbers, create=options["create"])
        self.stdout.write(
            f"Customers read: {report.customers_read}; combinations: {len(report.combinations)}; "
            f"customers matching no offer: {len(report.unmatched_customers)}."
        )
        for (group, key), count in sorted(report.combinations.items()):
            self.stdout.write(f"  {group} {key}: {count} customer(s)")
        for number, (group, key) in list(sorted(report.unmatched_customers.items()))[: options["limit"]]:
            self.stdout.write(f"  NO OFFER {number}: group {group}, services {key}")
        if report.offers_created:
            self.stdout.write(self.style.SUCCESS(f"Offers created: {', '.join(report.offers_created)}"))
        if report.not_found:
            self.stdout.write(f"Unknown customer numbers skipped: {len(report.not_found)}")
