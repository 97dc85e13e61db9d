"""The tests are a package, folders mirroring src/detente/, so that two folders may hold
modules of one name and a test imports shared helpers as ``tests.<folder>.<module>``."""
