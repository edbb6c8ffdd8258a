"""Suppressions: inline directives that turn rules off (``lintnews/suppress.py``).

=======================  ===========================  =======================  ===============
kind                     module                       built-in rule            reports
=======================  ===========================  =======================  ===============
``unused-suppression``   ``unused_suppression.py``    ``unused-suppression``   a directive
                                                                               that suppresses
                                                                               nothing
=======================  ===========================  =======================  ===============

Only the engine sees every rule's findings, so it reports idle directives for the rules of
this kind (``engine.lint``); the kind's own check yields nothing.
"""

#: the kinds of this family, registered by :mod:`lintnews.kinds`
KINDS = ("unused-suppression",)
