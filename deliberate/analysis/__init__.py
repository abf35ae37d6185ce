"""Pure analysis (numpy, scikit-learn): themes, opinion groups, consensus. No Flask, no database."""
