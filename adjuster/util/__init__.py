"""Small helpers every module shares: atomic writes, ids, clocks, money, progress."""
