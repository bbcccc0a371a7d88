"""policy-kg: knowledge graphs of Chinese government and industrial-policy news."""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__"]
