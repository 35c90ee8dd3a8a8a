"""The machine and the code a run measured: cores, memory, load, git commit."""

from __future__ import annotations

import os
import platform
import subprocess
from pathlib import Path


def machine() -> dict:
    import psutil

    memory = psutil.virtual_memory()
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return {
        "cores": cores,
        "cpu": platform.processor() or platform.machine(),
        "memory_gb": round(memory.total / 1e9, 1),
        "memory_available_gb": round(memory.available / 1e9, 1),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
    }


def load_average() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


def git_commit(root: Path) -> dict:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
        return done.stdout.strip()

    commit = git("rev-parse", "HEAD")
    return {
        "commit": commit or "unknown (not a git checkout)",
        "subject": git("log", "-1", "--format=%s") if commit else "",
        "dirty": bool(git("status", "--porcelain", "--untracked-files=no")) if commit else None,
    }
