"""The headline L1 baseline recomputed by hand from the design-model run's physical quantities:
the planner reverses a payment credited after 6 confirmations (designs/l1_payment.toml) with
q = 0.6 rented hash, priced with scenarios/economics/default.toml (flow: rented hash x time, the
design model nets no rewards), about $5M of rent per attempt.

The hand side uses only the economics inputs and the race's rules: rented hash joins the network,
so blocks come at (1 + q / (1 - q)) / 600 s and the recorded hash share x seconds is
q / (1 - q) x the race's duration; the race's expected block count and success probability come
from a small absorbing chain solved here with numpy (its own code, not the simulator's). The
simulated side runs l2sim (model design_attack) and prices each run with
analysis/l2sim_analysis/plan_pricing.py; it reaches the numbers through the event-driven race, so
the two can disagree (with the honest side slowed to 1 - q, the simulated rent is ~6x larger).
Tolerances: z = 3.29 standard errors of the simulated means, from the sample size.
"""
import math
import subprocess

import numpy as np
import pytest

from conftest import ROOT, design_run
from l2sim_analysis.economics import load_economics
from l2sim_analysis.load import load_frame
from l2sim_analysis.plan_pricing import plan_rows, run_parts

Q, Z, DEFICIT, BLOCK_S = 0.6, 6, 20, 600.0  # DEFICIT: planner.race_give_up_deficit's default
RUNS = 4000
PLAN = "deposit__reorg6_hash60"
LEAD = 80  # states with an attacker lead beyond this are truncated (probability far below 1e-12)


def race_chain(q, z, deficit):
    """Expected blocks found, P(success) and E[attacker blocks in the winning branch; success] of
    the overtake race with a give-up deficit, over states (honest blocks capped at z, honest minus
    attacker blocks). Success: z confirmations and a strictly longer branch (k = z, d <= -1);
    give-up: d reaches the deficit. Linear systems x = r + Q x, one per quantity."""
    p = 1.0 - q
    states = [(k, d) for k in range(z + 1) for d in range(-LEAD, deficit)]
    idx = {s: i for i, s in enumerate(states)}
    n = len(states)
    m = np.eye(n)
    won = lambda k, d: k == z and d <= -1  # noqa: E731
    blocks_r, succ_r = np.zeros(n), np.zeros(n)
    moves = {}
    for (k, d), i in idx.items():
        if won(k, d):
            succ_r[i] = 1.0
            continue
        blocks_r[i] = 1.0
        moves[i] = []
        for prob, k2, d2, by_attacker in ((p, min(k + 1, z), d + 1, False), (q, k, max(d - 1, -LEAD), True)):
            if d2 >= deficit:  # the attacker gives up: nothing more
                continue
            m[i, idx[(k2, d2)]] -= prob
            moves[i].append((prob, idx[(k2, d2)], by_attacker))
    n_blocks = np.linalg.solve(m, blocks_r)
    p_succ = np.linalg.solve(m, succ_r)
    # Each attacker block ends up in the winning branch iff the race is then won.
    att_r = np.zeros(n)
    for i, out in moves.items():
        att_r[i] = sum(prob * p_succ[j] for prob, j, by_attacker in out if by_attacker)
    a_succ = np.linalg.solve(m, att_r)
    start = idx[(0, 0)]
    return n_blocks[start], p_succ[start], a_succ[start]


@pytest.fixture(scope="module")
def simulated(tmp_path_factory):
    out = tmp_path_factory.mktemp("l1") / "l1_baseline.h5"
    design_run("l1_payment", out, RUNS, f"planner.race_hash_shares=[{Q}]")
    return load_frame(out)


def test_l1_baseline_flow_cost_by_hand(simulated):
    econ = load_economics(ROOT / "scenarios/economics/default.toml")
    n_blocks, p_succ, _ = race_chain(Q, Z, DEFICIT)
    # By hand from the economics inputs.
    duration_s = n_blocks * BLOCK_S * (1.0 - Q)                      # blocks x mean interval, rented hash joined
    rented_ehs = Q / (1.0 - Q) * econ.network_hashrate_ehs           # 1.5 x 1000 EH/s
    usd_per_ehs_s = econ.hash_rental_usd_per_ehs_day * econ.rental_markup / 86400.0
    rent_usd = rented_ehs * usd_per_ehs_s * duration_s
    hand = rent_usd / p_succ
    print(f"\nhand: E[duration] {duration_s / 3600:.3f} h, rent ${rent_usd / 1e6:.3f}M per attempt, "
          f"P(success) {p_succ:.5f}, flow spend per success ${hand / 1e6:.3f}M")
    assert 1.2 < duration_s / 3600 < 1.4
    assert 4.8e6 < rent_usd < 5.4e6

    cols = {c: simulated[c].to_numpy() for c in simulated.columns if "__" in c}
    parts = run_parts(cols, PLAN, econ)
    rent = (parts["hash"]["flow"][1] + parts["fees"] + parts["external"]) * econ.btc_usd  # USD per run
    success = parts["success"].astype(float)
    n = len(rent)
    se_rent = np.std(rent, ddof=1) / math.sqrt(n)
    se_p = math.sqrt(p_succ * (1 - p_succ) / n)
    print(f"simulated: rent ${rent.mean() / 1e6:.3f}M +- ${3.29 * se_rent / 1e6:.3f}M, P(success) "
          f"{success.mean():.5f} +- {3.29 * se_p:.5f} (z = 3.29, {n} runs)")
    assert abs(rent.mean() - rent_usd) <= 3.29 * se_rent
    assert abs(success.mean() - p_succ) <= 3.29 * se_p
    ratio = rent.mean() / success.mean()
    se = np.std(rent - ratio * success, ddof=1) / (success.mean() * math.sqrt(n))  # delta method
    assert abs(ratio - hand) <= 3.29 * se
    # The estimator's flow budget is the median run's cost: a run's rent, about one race's worth.
    flow = next(r for r in plan_rows(cols, {}, econ, 0.5, 0.95) if r["plan"] == PLAN and r["pricing"] == "flow")
    assert flow["inherited_share"] == 1.0 and flow["external_btc"] == 0.0
    assert flow["cost_btc_lo"] <= flow["cost_btc"] <= flow["cost_btc_hi"]
