import hashlib


def digest(token: str) -> str:
    """What is stored of a token: its SHA-256, enough to recognise it, useless to anyone who reads the table."""
    return hashlib.sha256(token.encode()).hexdigest()
