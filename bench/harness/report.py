"""bench/results/latest.json and latest.md from a finished run."""

from __future__ import annotations

import json
from pathlib import Path


def _fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    if abs(value) >= 100:
        text = f"{value:,.0f}"
    elif abs(value) >= 10:
        text = f"{value:.1f}"
    else:
        text = f"{value:.2f}"
    return f"{text} {unit}".strip()


def write(result: dict, folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    json_path, md_path = folder / "latest.json", folder / "latest.md"
    json_path.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    md_path.write_text(markdown(result), encoding="utf-8")
    return json_path, md_path


def markdown(result: dict) -> str:
    m, run = result["machine"], result["run"]
    lines = [
        f"# Weblys benchmark — scale {run['scale']}",
        "",
        f"`{run['command']}` on {run['finished_at']} UTC, {run['duration_s']:.0f} s.",
        "",
        f"* Code: commit `{result['git']['commit'][: 12 if result['git']['subject'] else None]}` "
        f"({result['git']['subject']})" + (" with uncommitted changes" if result["git"]["dirty"] else ""),
        f"* Machine: {m['cores']} cores ({m['cpu']}), {m['memory_gb']} GB memory, {m['system']}, "
        f"Python {m['python']}; "
        f"load average (1/5/15 min) before {run['load_before']}, after {run['load_after']}",
        f"* Data: {run['database']}; {run['customers']:,} customers, {run['addresses']:,} addresses "
        f"({'reused' if run['data_reused'] else 'built by this run'})",
        *(
            [
                f"* PostgreSQL connections in use by other work at the start: "
                f"{run['postgresql_connections']['in_use_at_start']} of "
                f"{run['postgresql_connections']['max_connections']}"
            ]
            if run.get("postgresql_connections")
            else []
        ),
        "* Processes: back, front and the bare project each under `deploy/gunicorn.conf.py` with "
        + ", ".join(f"{k}={v}" for k, v in run["gunicorn"].items()),
        f"* Each latency figure: {run['runs']} runs of {run['requests']} sequential requests "
        "after a warm-up, "
        "client time (httpx, keep-alive, same host). Median and p95 over every request; spread = "
        "(slowest run median − fastest run median) / median.",
        "",
        "## Against the limit of the stack",
        "",
        "| Weblys | bare | ratio (medians) | per run | target |",
        "|---|---|---:|---|---|",
    ]
    for ratio in result["ratios"]:
        if ratio.get("ratio") is None:
            lines.append(f"| {ratio['label']} | — | not measured | | {ratio['target']} |")
            continue
        per_run = " / ".join(f"{value:.2f}" for value in ratio["per_run"])
        verdict = "within" if ratio["ratio"] <= ratio["limit"] else "**over**"
        lines.append(
            f"| {ratio['label']} {_fmt(ratio['weblys_median_ms'], 'ms')} "
            f"| {_fmt(ratio['bare_median_ms'], 'ms')} "
            f"| **{ratio['ratio']:.2f}×** ({verdict}) | {per_run} | {ratio['target']} |"
        )
    lines += [
        "",
        "## Figures",
        "",
        "| figure | median | p95 | spread over runs | n | target |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for figure in result["figures"].values():
        spread = figure["spread"]
        spread_text = f"{spread['relative'] * 100:.0f} % ({_fmt(spread['min'])}–{_fmt(spread['max'])})"
        note = f" ({figure['note']})" if figure.get("note") else ""
        lines.append(
            f"| {figure['title']}{note} | {_fmt(figure['median'], figure['unit'])} | "
            f"{_fmt(figure['p95'], figure['unit'])} | {spread_text} | {figure['n']} | {figure['target']} |"
        )
    counts = result.get("counts")
    if counts:
        sizes = counts["sizes"]
        labels = list(sizes)
        size_text = " and ".join(
            f"{label} ({size['customers']:,} customers, {size['addresses']:,} addresses)"
            for label, size in sizes.items()
        )
        lines += [
            "",
            f"## SQL queries and back calls (no N+1: the same at {size_text})",
            "",
            "Counted in process through Django's test client on the same databases; steady state "
            "(third identical call: caches warm), first call in brackets.",
            "",
            "| back API call | "
            + " | ".join(f"SQL queries at {label}" for label in labels)
            + " | by database |",
            "|---|" + "---:|" * len(labels) + "---|",
        ]
        for name, by_size in counts["back"].items():
            cells = []
            for label in labels:
                row = by_size.get(label, {})
                if "steady" not in row:
                    cells.append(row.get("error", "—"))
                elif row.get("status") == 404:
                    cells.append("not present (HTTP 404)")
                else:
                    status = "" if row["status"] < 400 else f" HTTP {row['status']}"
                    cells.append(f"{row['steady']} ({row['first']}){status}")
            aliases = by_size.get(labels[0], {}).get("steady_by_alias", {})
            lines.append(
                f"| {name} | "
                + " | ".join(cells)
                + f" | {', '.join(f'{a} {n}' for a, n in aliases.items())} |"
            )
        lines += [
            "",
            "| front page | "
            + " | ".join(f"back calls at {label}" for label in labels)
            + " | front SQL | bytes | calls |",
            "|---|" + "---:|" * len(labels) + "---:|---:|---|",
        ]
        for name, by_size in counts["front"].items():
            cells = []
            for label in labels:
                row = by_size.get(label, {})
                if "back_calls_steady" not in row:
                    cells.append(row.get("error", "—"))
                    continue
                if row["status"] == 404:
                    cells.append("not present (HTTP 404)")
                    continue
                status = "" if row["status"] < 400 else f" HTTP {row['status']}"
                cells.append(f"{row['back_calls_steady']} ({row['back_calls_first']}){status}")
            first = by_size.get(labels[0], {})
            lines.append(
                f"| {name} | "
                + " | ".join(cells)
                + f" | {first.get('sql_steady', '—')} | {first.get('bytes', '—')} | "
                + ", ".join(f"`{call}`" for call in first.get("back_calls", []))
                + " |"
            )
        grows = counts.get("grows_with_data") or []
        lines += ["", "Counts that differ between the two sizes: " + ("; ".join(grows) if grows else "none.")]
    journey = (result.get("facts") or {}).get("selfshop_journey_page_ms")
    if journey:
        calls = result["facts"].get("selfshop_back_calls_per_page", {})
        lines += [
            "",
            "## SelfShop pages under load (16 visitors), with the back calls each page made",
            "",
            "Back calls joined by request id in the gunicorn access logs of the front and the back.",
            "",
            "| journey step | n | p50 | p95 |",
            "|---|---:|---:|---:|",
        ]
        lines += [
            f"| {label} | {v['n']} | {_fmt(v['p50'], 'ms')} | {_fmt(v['p95'], 'ms')} |"
            for label, v in journey.items()
        ]
        lines += [
            "",
            "| front request | pages | back calls per page (median / max) | front server ms (median) "
            "| back calls |",
            "|---|---:|---:|---:|---|",
        ]
        lines += [
            f"| `{key}` | {v['pages']} | {v['back_calls_median']:g} / {v['back_calls_max']} | "
            f"{v['server_ms_median']:g} | {', '.join(f'`{r}`' for r in v['back_routes'])} |"
            for key, v in sorted(calls.items())
        ]
    spent = (result.get("facts") or {}).get("selfshop_cpu")
    if spent:
        busy = sum(v["cpu_s"] for v in spent["by_process"].values())
        lines += [
            "",
            "## Where the CPU of those journeys went",
            "",
            f"CPU time of each kind of process over the {spent['seconds']:g} s of load "
            f"({spent['pages']} pages): {busy / spent['seconds']:.2f} of {spent['cores']} cores busy. "
            "Everything shares the same cores, so a page waits for the CPU all of them spend.",
            "",
            "| process | CPU s | ms per page |",
            "|---|---:|---:|",
        ]
        lines += [
            f"| {kind} | {v['cpu_s']:g} | {v['ms_per_page']:g} |" for kind, v in spent["by_process"].items()
        ]
        lines += [f"| all | {busy:.2f} | {busy * 1000 / spent['pages']:.2f} |"]
    journey_errors = (result.get("facts") or {}).get("selfshop_journey_errors")
    if journey_errors:
        lines += ["", "Failed journeys (first line of the error: count):", ""]
        lines += [f"* `{error}`: {count}" for error, count in journey_errors.items()]
    if result["not_measured"]:
        lines += ["", "## Not measured", ""]
        lines += [f"* {key}: {reason}" for key, reason in result["not_measured"].items()]
    if result["failed"]:
        lines += ["", "## Failed (the harness went on; details in var/bench/<scale>/errors.log)", ""]
        lines += [f"* {key}: {reason}" for key, reason in result["failed"].items()]
    if result.get("retried"):
        lines += ["", "## Retried once (a transient error; the figure is from the second attempt)", ""]
        lines += [f"* {key}: {reason}" for key, reason in result["retried"].items()]
    facts = result.get("facts") or {}
    if facts:
        lines += ["", "## Facts", ""]
        lines += [
            f"* {key}: {value}"
            for key, value in facts.items()
            if key
            not in (
                "selfshop_journey_page_ms",
                "selfshop_back_calls_per_page",
                "selfshop_journey_errors",
                "selfshop_cpu",
            )
        ]
    return "\n".join(lines) + "\n"
