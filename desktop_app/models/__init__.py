"""Peewee models and the domain rules, as plain Python.

Nothing in this package imports Qt: it is the layer that the views, the
command line and the tests all stand on.
"""
