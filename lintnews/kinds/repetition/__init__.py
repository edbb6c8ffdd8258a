"""Repeated content: a paragraph or sentence that repeats an earlier one.

Each kind lives in the module of its name (``-`` becomes ``_``) and exports it as ``KIND``:

====================  =======================  ==========================================
kind                  module                   built-in rules
====================  =======================  ==========================================
``repeated-content``  ``repeated_content.py``  ``repeated-paragraph`` (``unit: paragraph``),
                                               ``repeated-sentence`` (``unit: sentence``)
====================  =======================  ==========================================

Helpers: ``units.py`` (units of text and how two relate), ``archive.py`` (paragraphs found
in the archive of published articles, with ``lintnews check --archive``).
"""

#: the kinds of this family, registered by :mod:`lintnews.kinds`
KINDS = ("repeated-content",)
