"""The ledger's own header: the comment block at the top of its YAML file, as paragraphs.

Ledger authors say there what the record covers and what it leaves out (the shipped ledger says
that it is incomplete, and why); a page that publishes the ledger must carry that with it.
"""

from __future__ import annotations

EDITOR_DIRECTIVES = ("yaml-language-server:",)  # comments for tools, not for readers


def header_comment(text: str) -> tuple[str, ...]:
    """The leading comment lines of ``text`` joined into paragraphs (an empty ``#`` line separates them, a list item starts one).

    The block ends at the first line that is neither a comment nor blank; editor directives
    (``# yaml-language-server: ...``) are left out.
    """
    paragraphs: list[str] = []
    current: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            break
        body = stripped[1:].strip() if stripped else ""
        if body.startswith(EDITOR_DIRECTIVES):
            continue
        if body.startswith(("- ", "* ")) and current:  # a list item starts its own paragraph
            paragraphs.append(" ".join(current))
            current = [body]
        elif body:
            current.append(body)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return tuple(paragraphs)
