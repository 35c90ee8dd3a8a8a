"""Check the basic-service combinations of the customer base against the catalog; create missing offers.

By default the command asks the Pro-Cable gateway for every (group code, basic services) combination
with its customer count (`service_combinations`, one streamed pass over the customer base) and reports
each combination that matches no offer (MyShop is blocked for those customers) with its customer count
and a sample of customer numbers (`--sample`). With `--create`, it creates a starting offer for each
missing combination.

`--numbers` still checks only the listed customers, one by one. `--first`, `--count` and
`--stop-after-missing` (walking a range of customer numbers) are deprecated: the default covers every
customer; they still work for now and say so.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.core.management.base import BaseCommand, CommandError

from catalog import procable
from catalog.services import offers_verify
from catalog.snapshot import catalog_data, combination_key


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
        "Report the basic-service combinations of the customer base that match no offer; "
        "--create adds offers for them."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--numbers", help="Check only these customer numbers and ranges, e.g. 100001-100500,200001"
        )
        parser.add_argument("--first", type=int, help="Deprecated: walk customer numbers from this one.")
        parser.add_argument("--count", type=int, help="Deprecated: how many numbers --first walks.")
        parser.add_argument(
            "--stop-after-missing", type=int, help="Deprecated: stop --first after this many unknown numbers."
        )
        parser.add_argument(
            "--create", action="store_true", help="Create an offer for each missing combination."
        )
        parser.add_argument(
            "--sample", type=int, default=10, help="Customer numbers shown per combination matching no offer."
        )
        parser.add_argument(
            "--limit",
            type=int,
            default=200,
            help="With --numbers: unmatched customers listed (all are counted).",
        )

    def handle(self, *args, **options) -> None:
        if options["sample"] < 0:
            raise CommandError("--sample must be 0 or more.")
        walking = any(options[name] is not None for name in ("first", "count", "stop_after_missing"))
        if options["numbers"] and walking:
            raise CommandError("Give --numbers or --first/--count, not both.")
        if options["numbers"] or walking:
            self._per_customer(options, walking)
        else:
            self._whole_base(options)

    def _whole_base(self, options: dict) -> None:
        gateway = procable.gateway()
        offers_by_key = catalog_data().offers_by_key
        combinations = gateway.service_combinations()
        unmatched = [
            c for c in combinations if (c.group_code, combination_key(c.service_codes)) not in offers_by_key
        ]
        self.stdout.write(
            f"Customers with basic services: {sum(c.customers for c in combinations)}; "
            f"combinations: {len(combinations)}; combinations matching no offer: {len(unmatched)} "
            f"({sum(c.customers for c in unmatched)} customer(s))."
        )
        for combination in combinations:
            self.stdout.write(
                f"  {combination.group_code} {combination_key(combination.service_codes)}: "
                f"{combination.customers} customer(s)"
            )
        samples: dict[tuple[str, tuple[str, ...]], list[str]] = {}
        for combination in unmatched:
            wanted = max(options["sample"], 1 if options["create"] else 0)
            numbers = (
                gateway.customer_numbers_for_combination(
                    group_code=combination.group_code, service_codes=combination.service_codes, limit=wanted
                )
                if wanted
                else []
            )
            samples[(combination.group_code, combination.service_codes)] = numbers
            shown = numbers[: options["sample"]]
            self.stdout.write(
                f"  NO OFFER group {combination.group_code}, services "
                f"{combination_key(combination.service_codes)}: {combination.customers} customer(s)"
                + (f", e.g. {', '.join(shown)}" if shown else "")
            )
        if options["create"] and unmatched:
            # One customer per missing combination: the catalog builds the offer from their services.
            report = offers_verify(
                customer_numbers=[numbers[0] for numbers in samples.values() if numbers], create=True
            )
            if report.offers_created:
                self.stdout.write(self.style.SUCCESS(f"Offers created: {', '.join(report.offers_created)}"))

    def _per_customer(self, options: dict, walking: bool) -> None:
        if walking:
            self.stderr.write(
                "--first/--count/--stop-after-missing are deprecated: without them the command checks "
                "every customer through the gateway's service combinations."
            )
            numbers = walk(
                options["first"] if options["first"] is not None else 100001,
                options["count"] if options["count"] is not None else 100_000,
                options["stop_after_missing"] if options["stop_after_missing"] is not None else 100,
            )
        else:
            numbers = parse_numbers(options["numbers"])
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
