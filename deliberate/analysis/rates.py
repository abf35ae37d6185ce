"""The one smoothed rate every figure of agreement uses."""


def smoothed_rate(successes, trials):
    """(successes + 1) / (trials + 2): Laplace's rule of succession, the pseudocounts Pol.is puts on every rate, so
    that 1 vote of 1 does not read as 100 %. Numbers or numpy arrays."""
    return (successes + 1) / (trials + 2)
