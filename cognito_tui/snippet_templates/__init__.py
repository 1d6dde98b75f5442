"""Code snippets for apps, as data: snippets.yaml, filled in by cognito_tui.snippets."""
