"""Shared helpers for the fixture scripts in Tools/ (PyTorch is the reference; CI never runs these)."""
