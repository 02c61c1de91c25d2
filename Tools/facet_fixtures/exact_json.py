"""JSON fixtures whose floats survive the trip into Swift exactly."""


def exact_floats(value):
    """Floats as their shortest round-trip strings: Foundation's JSON parser on Linux is not correctly rounded,
    Swift's Double(String) is."""
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dict):
        return {k: exact_floats(v) for k, v in value.items()}
    if isinstance(value, list):
        return [exact_floats(v) for v in value]
    return value
