"""Pure analysis (numpy, scikit-learn): themes, opinion groups, consensus. No Flask, no database.

The entry point is `analyse_conference(ConferenceInput(...), previous_state)` (see pipeline.py); it is
imported lazily so that `deliberate.analysis.<module>` stays cheap to import on its own.
"""

__all__ = ["ConferenceAnalysis", "ConferenceInput", "analyse_conference"]


def __getattr__(name: str):
    if name in __all__:
        from deliberate.analysis import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'deliberate.analysis' has no attribute {name!r}")
