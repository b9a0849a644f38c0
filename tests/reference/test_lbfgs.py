#!/usr/bin/python3
"""The projected L-BFGS transcription against torch.optim.LBFGS itself.

Without bounds, ProjectedLBFGS must be torch's algorithm: the same points
evaluated, in the same order, across several step() calls (the state carried
between them, the non-evaluating last iteration of each call) and with a
history short enough to roll over.  With bounds: every evaluated point inside
them, exactly the evaluations asked for, the best one kept, and every stored
curvature pair a true secant pair (on a quadratic, y = A s exactly).
"""

import math
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nst_reference import BudgetSpent, ProjectedLBFGS  # noqa: E402

N = 200
EVALUATIONS = 70


def problem(quartic):
    """f(x) = x'Ax/2 - b'x + quartic * sum(x^4)/4, A SPD, condition ~100."""
    g = torch.Generator().manual_seed(3)
    q, _ = torch.linalg.qr(torch.randn(N, N, generator=g, dtype=torch.float64))
    A = q @ torch.diag(torch.logspace(-1, 1, N, dtype=torch.float64)) @ q.t()
    b = torch.randn(N, generator=g, dtype=torch.float64)

    def f(x):
        return 0.5 * x @ (A @ x) - b @ x + 0.25 * quartic * (x ** 4).sum()

    return f, A


def record_closure(f, x, points, budget=None):
    def closure():
        if budget is not None and len(points) == budget:
            raise BudgetSpent()
        x.grad = None
        loss = f(x)
        loss.backward()
        points.append((x.detach().clone(), float(loss)))
        return float(loss)
    return closure


def run_torch(f, history_size):
    x = torch.zeros(N, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([x], history_size=history_size)
    points = []
    closure = record_closure(f, x, points)
    while len(points) < EVALUATIONS:  # the article's loop
        opt.step(closure)
    return points


def run_projected(f, history_size, lo=None, hi=None):
    x = torch.zeros(N, dtype=torch.float64, requires_grad=True)
    opt = ProjectedLBFGS([x], lo, hi, history_size=history_size)
    points = []
    closure = record_closure(f, x, points, EVALUATIONS)
    try:
        while True:
            opt.step(closure)
    except BudgetSpent:
        pass
    return points, opt.state[x]


def main():
    failures = 0

    # Unbounded: the transcription is torch's LBFGS.step.
    for quartic, history_size in ((0.05, 100), (0.05, 4), (0.0, 100)):
        f, _ = problem(quartic)
        ours, _ = run_projected(f, history_size)
        theirs = run_torch(f, history_size)[:EVALUATIONS]
        worst = max((a - b).norm().item() / max(b.norm().item(), 1e-30)
                    for (a, _), (b, _) in zip(ours, theirs))
        ok = len(ours) == EVALUATIONS and worst <= 1e-9
        print(f"unbounded quartic={quartic} history={history_size}: "
              f"{len(ours)} evaluations, worst relative iterate difference "
              f"{worst:.3g}, final loss {ours[-1][1]:.6g} vs {theirs[-1][1]:.6g}"
              f" {'ok' if ok else 'FAIL'}")
        failures += not ok

    # Bounded: the box cuts the unconstrained optimum off.
    f, A = problem(0.0)
    lo = torch.full((N,), -0.3, dtype=torch.float64)
    hi = torch.full((N,), 0.3, dtype=torch.float64)
    points, state = run_projected(f, 100, lo, hi)
    inside = all(bool(((p >= lo) & (p <= hi)).all()) for p, _ in points)
    on_bound = sum(bool(((p == lo) | (p == hi)).any()) for p, _ in points)
    pairs = list(zip(state["old_stps"], state["old_dirs"]))
    secant = max((y - A @ s).norm().item() / y.norm().item() for s, y in pairs)
    losses = [loss for _, loss in points]
    ok = (inside and on_bound > 0 and len(points) == EVALUATIONS
          and len(pairs) > 10 and secant <= 1e-10
          and losses[-1] < losses[0] and math.isfinite(losses[-1]))
    print(f"bounded: {len(points)} evaluations, {on_bound} on the bound, "
          f"all inside: {inside}, {len(pairs)} curvature pairs, worst "
          f"|y - A s|/|y| {secant:.3g}, loss {losses[0]:.6g} -> "
          f"{min(losses):.6g} {'ok' if ok else 'FAIL'}")
    failures += not ok

    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
