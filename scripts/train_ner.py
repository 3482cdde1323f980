"""Rebuild the shipped NER word table and model: ``python scripts/train_ner.py --data ../shared/data``.

The same as ``python -m warta.understand.ner.train``; see that module for the options.
"""

from __future__ import annotations

import sys

from warta.understand.ner.train import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
