"""Built-in rules: one module per official indicator, registered like any third-party plugin."""
