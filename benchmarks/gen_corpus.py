"""Generate a large synthetic corpus (for benchmarks): short articles with front matter."""

from __future__ import annotations

import random
import sys
from pathlib import Path

WORDS = (
    "study researchers found mice brain cells exercise percent reduced linked increase "
    "participants trial weeks months health neural stem signals muscles legs according "
    "university journal published data results effect may might suggests likely risk"
).split()


def generate(folder: Path, count: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        paragraphs = []
        for _ in range(rng.randint(4, 9)):
            sentences = []
            for _ in range(rng.randint(2, 5)):
                words = rng.choices(WORDS, k=rng.randint(8, 20))
                if rng.random() < 0.3:
                    words.insert(rng.randint(0, len(words)), f"{rng.randint(2, 95)}%")
                sentences.append(" ".join(words).capitalize() + ".")
            paragraphs.append(" ".join(sentences))
        text = (
            f"---\ntitle: Generated article {i:05d} about {rng.choice(WORDS)}\n"
            f"outlet: Outlet {i % 37}\npublished: 20{rng.randint(10, 25)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}\n---\n"
            + "\n\n".join(paragraphs)
            + "\n"
        )
        (folder / f"a{i:05d}.md").write_text(text, encoding="utf-8")
    return folder


if __name__ == "__main__":
    generate(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 10_000)
