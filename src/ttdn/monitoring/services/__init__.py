"""Everything that changes press monitoring, one module per part (see each module)."""
