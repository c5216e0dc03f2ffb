"""The package list, which pyproject.toml cannot state alone.

data/ and voila_apps/ stay at the repository's top (the project layout names them and
analysts edit them there); pyproject.toml maps them onto carenav._data and
carenav._voila_apps, and this adds those two to the packages found under src/, so a
wheel carries them. carenav.resources finds them in an installed copy and beside src/
in a source checkout.
"""

from setuptools import find_packages, setup

setup(packages=[*find_packages("src"), "carenav._data", "carenav._voila_apps"])
