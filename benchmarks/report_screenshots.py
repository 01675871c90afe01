"""Screenshots of the HTML dispute report in a real browser (headless Chromium), at desktop and phone widths.

    python benchmarks/report_screenshots.py [--out DIR] [--chromium PATH]

Ingests the example article (``examples/seed_article.txt``, given a URL, publisher and date) into a
temporary database with the real pipeline, writes ``claims export disputes -f html`` and renders it with
headless Chromium at 1280 and 390 pixels wide: ``DIR/report.html``, ``DIR/report-1280.png`` and
``DIR/report-390.png`` (default DIR: ``benchmarks/out/report``). Look at the PNGs. Exits 0 with a note when
Chromium is not installed (Debian: ``apt-get install -y chromium``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "seed_article.txt"
WIDTHS = {"desktop": (1280, 1600), "phone": (390, 3000)}
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
)


def find_chromium(explicit: str | None = None) -> str | None:
    if explicit:
        return explicit
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def build_report(out: Path) -> Path:
    """The example article's disputes as an HTML report in ``out`` (via the CLI, as a user would)."""
    text = EXAMPLE.read_text(encoding="utf-8")
    record = {
        "id": "seed_article",
        "title": text.splitlines()[0],
        "url": "https://example.org/news/2016/10/13/lausanne-syria-talks",
        "publisher": "Example News",
        "published": "2016-10-13",
        "text": text,
    }
    work = Path(tempfile.mkdtemp(prefix="claims-report-"))
    try:
        articles = work / "articles.jsonl"
        articles.write_text(json.dumps(record) + "\n", encoding="utf-8")
        env = {**os.environ, "CLAIMS_DB": f"sqlite:///{work / 'claims.db'}"}
        run = [sys.executable, "-m", "claims.cli"]
        subprocess.run([*run, "ingest", str(articles)], cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL)
        report = out / "report.html"
        subprocess.run([*run, "export", "disputes", "-f", "html", "-o", str(report)], cwd=REPO, env=env, check=True)
        return report
    finally:
        shutil.rmtree(work, ignore_errors=True)


def screenshot(chromium: str, page: Path, png: Path, width: int, height: int) -> None:
    profile = tempfile.mkdtemp(prefix="claims-chromium-")
    try:
        subprocess.run(
            [
                chromium,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                f"--screenshot={png}",
                f"--window-size={width},{height}",
                page.resolve().as_uri(),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=120,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out" / "report")
    parser.add_argument("--chromium", help="The Chromium (or Chrome) executable.")
    parser.add_argument("--html", type=Path, help="Render this HTML file instead of building the example's report.")
    args = parser.parse_args(argv)
    chromium = find_chromium(args.chromium)
    if chromium is None:
        print("Chromium not found: no screenshots (Debian: apt-get install -y chromium)")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    page = args.html or build_report(args.out)
    for label, (width, height) in WIDTHS.items():
        png = args.out / f"report-{width}.png"
        screenshot(chromium, page, png, width, height)
        print(f"{label}: {png}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
