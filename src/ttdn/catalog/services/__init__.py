"""Everything that changes the catalog, one function per use case (see each module)."""
