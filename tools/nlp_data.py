"""Readers of the public labelled data sets used to train and evaluate the language heads.

Shared by ``tools/train_heads.py`` and ``smilebox.evaluation.nlp_eval`` (which imports the package copy,
``smilebox.nlp.datasets``); kept here only as a thin re-export so the tool runs from a checkout.
"""

from smilebox.nlp.datasets import *  # noqa: F401,F403
