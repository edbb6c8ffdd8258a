"""Typography: characters a copy from a PDF or another tool left in the text.

Each kind lives in the module of its name (``-`` becomes ``_``) and exports it as ``KIND``:

==============  =================  ==============  ==========================================
kind            module             built-in rule   reports
==============  =================  ==============  ==========================================
``typography``  ``typography.py``  ``typography``  presentation-form ligatures (ﬁ, ﬂ), a name
                                                   with two kinds of apostrophe
==============  =================  ==============  ==========================================

``naming.name_variants`` leaves these words and differences to this kind.
"""

#: the kinds of this family, registered by :mod:`lintnews.kinds`
KINDS = ("typography",)
