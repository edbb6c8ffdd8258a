"""Leftovers: stray image captions, photo credits, alt text and CMS widgets in the body.

Each kind lives in the module of its name (``-`` becomes ``_``) and exports it as ``KIND``:

============  ===============  ======================================================
kind          module           built-in rules
============  ===============  ======================================================
``leftover``  ``leftover.py``  ``stray-caption`` (captions, credits, alt text),
                               ``cms-boilerplate`` (read-more links, ad labels, widgets)
============  ===============  ======================================================

Helpers: ``caption_features.py`` (a line's features), ``caption_model.py`` (the logistic
line classifier; weights in ``rules/models/``, trained by
``scripts/train_caption_classifier.py``).
"""

#: the kinds of this family, registered by :mod:`lintnews.kinds`
KINDS = ("leftover",)
