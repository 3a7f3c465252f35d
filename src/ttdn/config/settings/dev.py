"""Local development: DEBUG on, everything else as in base."""

from ttdn.config.settings.base import *  # noqa: F403

DEBUG = True
