"""One builder per section (or family of sections) of the explainer."""
