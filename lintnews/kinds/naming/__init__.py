"""Naming consistency: one entity, one spelling, one article; one quote, one wording.

Each kind lives in the module of its name (``-`` becomes ``_``) and exports it as ``KIND``:

=====================  =========================  =====================  =================
kind                   module                     built-in rule          reports
=====================  =========================  =====================  =================
``name-variants``      ``name_variants.py``       ``inconsistent-name``  a name spelled two
                                                                         ways in one draft
``article-agreement``  ``article_agreement.py``   ``name-article-        a name with a
                                                  mismatch``             masculine and a
                                                                         feminine article
``quote-variants``     ``quote_variants.py``      ``quote-mismatch``     a quote worded two
                                                                         ways
``house-style``        ``house_style.py``         ``house-style-name``   a form the style
                                                                         sheet replaces
=====================  =========================  =====================  =================

Helpers: ``mentions.py`` (finding name mentions), ``quotations.py`` (direct quotations, which
no unsafe fix rewrites) and ``lookalikes.py`` (look-alike letters),
used by ``name_variants``.
"""

#: the kinds of this family, registered by :mod:`lintnews.kinds`
KINDS = ("name-variants", "article-agreement", "quote-variants", "house-style")
