"""The built-in checks of the default rubric, one module each (registered in ``smilebox.qa.registry``)."""
