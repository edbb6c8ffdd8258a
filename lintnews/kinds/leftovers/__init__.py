"""Leftovers: stray image captions, photo credits, alt text and CMS widgets in the body.

Each kind lives in the module of its name (``-`` becomes ``_``) and exports it as ``KIND``:

============  ===============  ======================================================
kind          module           built-in rules
============  ===============  ======================================================
``leftover``  ``leftover.py``  ``stray-caption`` (captions, credits, alt text),
                               ``cms-boilerplate`` (read-more links, ad labels, widgets)
============  ===============  ======================================================

Helpers: ``caption_features.py`` (a line's features, its neighbours', its run's),
``caption_model.py`` (the boosted-trees line classifier; weights in ``rules/models/``,
trained with folds by outlet by ``scripts/train_leftover_model.py``).
"""

#: the kinds of this family, registered by :mod:`lintnews.kinds`
KINDS = ("leftover",)
