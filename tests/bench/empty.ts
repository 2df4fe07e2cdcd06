// Intentionally empty: the floor of the benchmark, what starting tsx through npm costs.
