"""Which files a corpus run reads: the `.txt` files under the corpus folder.

Links are followed only while they stay inside the folder (`follow_links` reads what they point
to anywhere); a link loop, a second way to the same folder, a name that is not UTF-8 or a path
that is no regular file is reported with the path shown safely, and the other files go on.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Listing:
    files: list[Path] = field(default_factory=list)
    problems: list[dict[str, str]] = field(default_factory=list)  # {"doc_id": shown path, "error": reason}

    def skip(self, path: str | Path, reason: str) -> None:
        self.problems.append({"doc_id": shown(path), "error": reason})


def shown(path: str | Path) -> str:
    """A path as printable text: bytes that are not UTF-8 become \\xNN escapes."""
    return os.fsencode(str(path)).decode("utf-8", "backslashreplace")


def _inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _keep_dirs(dirpath: str, dirnames: list[str], root: str, seen: set[str], follow: bool, out: Listing) -> list[str]:
    keep = []
    for d in sorted(dirnames):
        full = os.path.join(dirpath, d)
        real = os.path.realpath(full)
        if os.path.islink(full) and not follow and not _inside(real, root):
            out.skip(full, "a link out of the corpus folder, not followed (--follow-links reads it)")
        elif real in seen:
            out.skip(full, "a link loop or a second way to a folder already read, not followed")
        else:
            seen.add(real)
            keep.append(d)
    return keep


def _file_problem(full: str, rel: str, root: str, follow: bool) -> str | None:
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        return "the file name is not valid UTF-8"
    if os.path.islink(full) and not follow and not _inside(os.path.realpath(full), root):
        return "a link out of the corpus folder, not followed (--follow-links reads it)"
    if not os.path.isfile(full):
        return "not a regular file (a broken link, a pipe or a device)"
    return None


def list_corpus(root: Path, follow_links: bool = False) -> Listing:
    """The corpus folder's `.txt` files in path order, and what was skipped and why."""
    out = Listing()
    real_root = os.path.realpath(root)
    seen = {real_root}
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=errors.append):
        dirnames[:] = _keep_dirs(dirpath, dirnames, real_root, seen, follow_links, out)
        for name in filenames:
            if not name.endswith(".txt"):
                continue
            full = os.path.join(dirpath, name)
            problem = _file_problem(full, os.path.relpath(full, root), real_root, follow_links)
            if problem:
                out.skip(full, problem)
            else:
                out.files.append(Path(full))
    for exc in errors:
        out.skip(exc.filename or root, f"cannot read the folder ({exc.strerror})")
    out.files.sort()
    return out
