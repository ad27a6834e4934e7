"""HTML escaping for markup drawn in Python in long loops (a select of two hundred units, a proposal's lines).

Django's conditional_escape goes through its lazy-string wrapper on every call, which costs more than the
escaping itself at some thousands of calls a page. This is the same rule: safe strings as they are, anything
else escaped.
"""

from html import escape


def esc(value) -> str:
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))
