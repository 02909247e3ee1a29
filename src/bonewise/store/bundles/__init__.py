"""Plan bundles: a person's weeks as versioned JSON, complete enough to import elsewhere.

A bundle carries the person's profile, the weeks, every recipe the weeks use and
every custom food the weeks or recipes use, so an import into another data
folder needs nothing but the shipped food store. The format is documented in
docs/plan-bundle.md. Import validates everything before writing anything and
writes in one transaction: a bundle that fails changes nothing.

``schema`` checks a bundle, ``export`` writes one, ``importer`` reads one into
the store; this package re-exports what callers use.
"""

from bonewise.store.bundles.export import BUNDLE_SUFFIX, export_bundle, person_json, write_bundle
from bonewise.store.bundles.foods import BundleFoods
from bonewise.store.bundles.importer import ImportSummary, import_bundle, read_bundle_file
from bonewise.store.bundles.schema import (
    FORMAT,
    MAX_BYTES,
    VERSION,
    Bundle,
    BundleError,
    parse_bundle,
)

__all__ = [
    "BUNDLE_SUFFIX",
    "FORMAT",
    "MAX_BYTES",
    "VERSION",
    "Bundle",
    "BundleError",
    "BundleFoods",
    "ImportSummary",
    "export_bundle",
    "import_bundle",
    "parse_bundle",
    "person_json",
    "read_bundle_file",
    "write_bundle",
]
