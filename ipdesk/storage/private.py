"""Folders and files only their user can read: the data folder, the database, its backups, the keys.

The register holds personal data (ID numbers, addresses) and the office's signing key; other accounts on
the same machine must not read it. New folders are 0700 and new files 0600 whatever the umask. A folder
that existed before is left as it is: ``IPDESK_DATA_DIR`` may point at a folder someone else manages.
"""

from __future__ import annotations

import os
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    """``path`` as a folder; made (with any missing parents) 0700 if it was not there."""
    missing = []
    probe = Path(path)
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    path.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    for made in missing:
        os.chmod(made, FOLDER_MODE)  # mkdir's mode is filtered by the umask and not applied to parents
    return path


def new_private_file(path: Path) -> Path:
    """Create ``path`` empty and 0600 (refusing one that exists: never reuse someone's file)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    os.close(fd)
    os.chmod(path, FILE_MODE)
    return path


def unique_private_file(folder: Path, stem: str, suffix: str) -> Path:
    """A new 0600 file ``<stem><suffix>`` in ``folder``, or ``<stem>-2<suffix>``, ``-3``… when that name is
    taken (two backups in the same second both survive)."""
    n = 1
    while True:
        candidate = folder / (f"{stem}{suffix}" if n == 1 else f"{stem}-{n}{suffix}")
        try:
            return new_private_file(candidate)
        except FileExistsError:
            n += 1
