"""Real articles for pipeline tests and benches: PolNeAR texts written as one JSONL file
(read from the shared data folder, never copied into the repository)."""

from __future__ import annotations

import json
from pathlib import Path


def write_polnear_jsonl(data: Path, target: Path, count: int) -> int:
    """Write up to ``count`` PolNeAR articles (all splits, sorted) to ``target``; returns
    the number of words written."""
    words = 0
    written = 0
    with target.open("w", encoding="utf-8") as out:
        for split in ("train", "dev", "test"):
            for path in sorted((data / "polnear" / split / "text").glob("*.txt")):
                if written >= count:
                    return words
                text = path.read_text("utf-8")
                title, _, body = text.strip().partition("\n")
                record = {
                    "text": body.strip(),
                    "title": title.strip(),
                    "url": f"polnear:{path.stem}",
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                words += len(text.split())
                written += 1
    return words
