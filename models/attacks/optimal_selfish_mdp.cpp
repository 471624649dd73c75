// See optimal_selfish_mdp.hpp. Transitions follow Table 1 of Sapirshtein et al. (2016); the lead
// is truncated by forbidding wait and match where they would take a or h past max_fork_blocks.
#include "models/attacks/optimal_selfish_mdp.hpp"

#include <Eigen/Sparse>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <tuple>

namespace models::attacks {

namespace {

struct Transition {
    double probability;
    int next;
    double attacker_blocks;  ///< blocks that become final for the attacker
    double honest_blocks;    ///< blocks that become final for the honest network
};

/// The truncated MDP: state indexing and the transitions of each feasible action.
class SelfishMdp {
public:
    SelfishMdp(double alpha, double gamma, int max, TieBreaking ties = TieBreaking::first_seen)
        : alpha_(alpha), gamma_(gamma), max_(max), ties_(ties) {}

    int states() const { return 3 * (max_ + 1) * (max_ + 1); }
    int index(int a, int h, ForkState f) const { return (a * (max_ + 1) + h) * 3 + static_cast<int>(f); }
    std::tuple<int, int, ForkState> decode(int s) const {
        const int f = s % 3, ah = s / 3;
        return {ah / (max_ + 1), ah % (max_ + 1), static_cast<ForkState>(f)};
    }

    bool feasible(int s, SelfishAction act) const {
        const auto [a, h, f] = decode(s);
        const bool room = a < max_ && h < max_;
        switch (act) {
            case SelfishAction::adopt: return true;
            case SelfishAction::override_chain: return a > h;
            case SelfishAction::match:  // first seen: only while the honest block is still racing
                return (f == ForkState::relevant || ties_ == TieBreaking::uniform) && a >= h && h >= 1 &&
                       room;
            // (an active tie needs a >= h; the other active states are unreachable)
            case SelfishAction::wait: return room && (f != ForkState::active || a >= h);
        }
        return false;
    }

    /// Transitions of a feasible action (Sapirshtein et al. 2016, Table 1); returns the count.
    int transitions(int s, SelfishAction act, std::array<Transition, 3>& out) const {
        const auto [a, h, f] = decode(s);
        const double al = alpha_, be = 1.0 - alpha_;
        using F = ForkState;
        switch (act) {
            case SelfishAction::adopt:  // give up the private chain: the honest h blocks are final
                out[0] = {al, index(1, 0, F::irrelevant), 0.0, double(h)};
                out[1] = {be, index(0, 1, F::relevant), 0.0, double(h)};
                return 2;
            case SelfishAction::override_chain:  // publish h + 1 blocks: they are final
                out[0] = {al, index(a - h, 0, F::irrelevant), double(h + 1), 0.0};
                out[1] = {be, index(a - h - 1, 1, F::relevant), double(h + 1), 0.0};
                return 2;
            case SelfishAction::wait:
                if (f != F::active) {
                    out[0] = {al, index(a + 1, h, F::irrelevant), 0.0, 0.0};
                    out[1] = {be, index(a, h + 1, F::relevant), 0.0, 0.0};
                    return 2;
                }
                [[fallthrough]];  // waiting during a tie race continues the race
            case SelfishAction::match:
                // The next honest block lands on the attacker's published h blocks with
                // probability gamma: those become final and a new fork of (a - h, 1) starts.
                out[0] = {al, index(a + 1, h, F::active), 0.0, 0.0};
                out[1] = {gamma_ * be, index(a - h, 1, F::relevant), double(h), 0.0};
                out[2] = {(1.0 - gamma_) * be, index(a, h + 1, F::relevant), 0.0, 0.0};
                return 3;
        }
        return 0;
    }

private:
    double alpha_, gamma_;
    int max_;
    TieBreaking ties_;
};

constexpr std::array<SelfishAction, 4> all_actions = {SelfishAction::adopt, SelfishAction::override_chain,
                                                      SelfishAction::match, SelfishAction::wait};

/// Relative value iteration on the rho-shifted reward with the aperiodicity transform
/// (P -> tau P + (1 - tau) I, Puterman 1994 §8.5.4); returns the greedy policy. `bias` is the warm
/// start and is updated in place.
std::vector<SelfishAction> greedy_policy(const SelfishMdp& m, double rho, std::vector<double>& bias) {
    constexpr double tau = 0.5, tolerance = 1e-11;
    constexpr int max_iterations = 200000;
    const int n = m.states();
    std::vector<double> next(n);
    std::vector<SelfishAction> policy(n, SelfishAction::adopt);
    std::array<Transition, 3> tr{};
    const auto q_value = [&](int s, SelfishAction act) {
        const int k = m.transitions(s, act, tr);
        double v = 0.0;
        for (int i = 0; i < k; ++i)
            v += tr[i].probability *
                 ((1.0 - rho) * tr[i].attacker_blocks - rho * tr[i].honest_blocks + bias[tr[i].next]);
        return v;
    };
    for (int it = 0; it < max_iterations; ++it) {
        double lo = std::numeric_limits<double>::infinity(), hi = -lo;
        for (int s = 0; s < n; ++s) {
            double best = -std::numeric_limits<double>::infinity();
            for (auto act : all_actions)
                if (m.feasible(s, act)) best = std::max(best, q_value(s, act));
            next[s] = (1.0 - tau) * bias[s] + tau * best;
            lo = std::min(lo, next[s] - bias[s]);
            hi = std::max(hi, next[s] - bias[s]);
        }
        const double ref = next[0];
        for (int s = 0; s < n; ++s) bias[s] = next[s] - ref;
        if (hi - lo < tolerance) break;
    }
    for (int s = 0; s < n; ++s) {
        double best = -std::numeric_limits<double>::infinity();
        for (auto act : all_actions) {
            if (!m.feasible(s, act)) continue;
            const double v = q_value(s, act);
            if (v > best + 1e-12) {
                best = v;
                policy[s] = act;
            }
        }
    }
    return policy;
}

/// Exact long-run attacker share of final blocks under `policy`: the stationary distribution pi of
/// the chain it induces on the states reachable after an adopt ((P^T - I) pi = 0 with one equation
/// replaced by sum(pi) = 1; unique because every policy returns to them when alpha < 1/2) weights
/// the expected final blocks of each state. Restricting to reachable states keeps SparseLU small.
double exact_share(const SelfishMdp& m, const std::vector<SelfishAction>& policy) {
    const int n = m.states();
    std::array<Transition, 3> tr{};
    std::vector<int> local(n, -1), order;
    const auto visit = [&](int s) {
        if (local[s] < 0) {
            local[s] = static_cast<int>(order.size());
            order.push_back(s);
        }
    };
    visit(m.index(1, 0, ForkState::irrelevant));
    visit(m.index(0, 1, ForkState::relevant));
    for (std::size_t i = 0; i < order.size(); ++i) {
        const int k = m.transitions(order[i], policy[order[i]], tr);
        for (int j = 0; j < k; ++j)
            if (tr[j].probability > 0.0) visit(tr[j].next);
    }
    const int r = static_cast<int>(order.size());
    std::vector<Eigen::Triplet<double>> triplets;
    triplets.reserve(static_cast<std::size_t>(r) * 5);
    Eigen::VectorXd attacker(r), honest(r);
    for (int i = 0; i < r; ++i) {
        const int k = m.transitions(order[i], policy[order[i]], tr);
        attacker[i] = honest[i] = 0.0;
        for (int j = 0; j < k; ++j) {
            attacker[i] += tr[j].probability * tr[j].attacker_blocks;
            honest[i] += tr[j].probability * tr[j].honest_blocks;
            const int to = local[tr[j].next];
            if (to != 0 && tr[j].probability > 0.0) triplets.emplace_back(to, i, tr[j].probability);
        }
        if (i != 0) triplets.emplace_back(i, i, -1.0);
        triplets.emplace_back(0, i, 1.0);  // row 0: normalisation
    }
    Eigen::SparseMatrix<double> a(r, r);
    a.setFromTriplets(triplets.begin(), triplets.end());
    Eigen::VectorXd b = Eigen::VectorXd::Zero(r);
    b[0] = 1.0;
    Eigen::SparseLU<Eigen::SparseMatrix<double>> lu;
    lu.compute(a);
    if (lu.info() != Eigen::Success) throw std::runtime_error("optimal selfish mining: singular chain");
    const Eigen::VectorXd pi = lu.solve(b);
    const double ra = pi.dot(attacker), rh = pi.dot(honest);
    return ra / (ra + rh);
}

void check_arguments(double alpha, double gamma, int max, TieBreaking ties = TieBreaking::first_seen) {
    if (!(alpha > 0.0 && alpha < 0.5) || !(gamma >= 0.0 && gamma <= 1.0) || max < 2)
        throw std::invalid_argument("optimal selfish mining needs 0 < alpha < 0.5, 0 <= gamma <= 1, truncation >= 2");
    if (ties == TieBreaking::uniform && gamma != 0.5)
        throw std::invalid_argument("uniform tie-breaking fixes gamma at 1/2");
}

}  // namespace

SelfishPolicy::SelfishPolicy(int max_fork_blocks, std::vector<SelfishAction> actions, double revenue_share)
    : max_(max_fork_blocks), actions_(std::move(actions)), revenue_(revenue_share) {}

SelfishAction SelfishPolicy::at(int a, int h, ForkState f) const {
    if (a > max_ || h > max_) return a > h ? SelfishAction::override_chain : SelfishAction::adopt;
    return actions_[static_cast<std::size_t>((a * (max_ + 1) + h) * 3 + static_cast<int>(f))];
}

SelfishPolicy optimal_selfish_policy(double alpha, double gamma, int max, TieBreaking ties) {
    check_arguments(alpha, gamma, max, ties);
    const SelfishMdp m(alpha, gamma, max, ties);
    std::vector<double> bias(m.states(), 0.0);
    double rho = alpha;  // honest mining's share: g(alpha) >= 0, so rho only rises from here
    std::vector<SelfishAction> policy;
    for (int step = 0; step < 100; ++step) {
        auto next = greedy_policy(m, rho, bias);
        const double share = exact_share(m, next);
        const bool settled = next == policy || share <= rho + 1e-13;
        if (share > rho || policy.empty()) {
            policy = std::move(next);
            rho = std::max(rho, share);
        }
        if (settled) break;
    }
    return SelfishPolicy(max, std::move(policy), rho);
}

// The simulator plays the policy in every replication, and the engine has no per-scenario hook
// (sim::Model::run is called per run), so each replication would re-solve the same MDP. The
// memo is keyed by the exact arguments, holds only results of a pure function, and is guarded by
// a mutex: results do not depend on thread count or order.
const SelfishPolicy& cached_optimal_selfish_policy(double alpha, double gamma, int max) {
    static std::mutex mutex;
    static std::map<std::tuple<double, double, int>, std::unique_ptr<SelfishPolicy>> memo;
    const std::lock_guard lock(mutex);
    auto& slot = memo[{alpha, gamma, max}];
    if (!slot) slot = std::make_unique<SelfishPolicy>(optimal_selfish_policy(alpha, gamma, max));
    return *slot;
}

double selfish_policy_revenue(const SelfishPolicy& policy, double alpha, double gamma) {
    check_arguments(alpha, gamma, policy.max_fork_blocks());
    const SelfishMdp m(alpha, gamma, policy.max_fork_blocks());
    std::vector<SelfishAction> actions(m.states());
    for (int s = 0; s < m.states(); ++s) {
        const auto [a, h, f] = m.decode(s);
        actions[s] = policy.at(a, h, f);
    }
    return exact_share(m, actions);
}

SelfishPolicy sm1_policy(int max) {
    // Eyal and Sirer's Algorithm 1 in this state space: adopt when behind, race a tie (match) at
    // lead 0 after an honest block, publish all (override) when the lead has fallen to 1 after an
    // honest block or a tie race is won, otherwise keep mining privately.
    const SelfishMdp m(0.25, 0.0, max);
    std::vector<SelfishAction> actions(m.states());
    for (int s = 0; s < m.states(); ++s) {
        const auto [a, h, f] = m.decode(s);
        SelfishAction act = SelfishAction::wait;
        if (h > a) act = SelfishAction::adopt;
        else if (f == ForkState::relevant && a == h && h >= 1) act = SelfishAction::match;
        else if (f == ForkState::relevant && h >= 1 && a == h + 1) act = SelfishAction::override_chain;
        else if (f == ForkState::active && a > h) act = SelfishAction::override_chain;
        if (!m.feasible(s, act)) act = a > h ? SelfishAction::override_chain : SelfishAction::adopt;
        actions[s] = act;
    }
    return SelfishPolicy(max, std::move(actions), std::numeric_limits<double>::quiet_NaN());
}

double optimal_selfish_threshold(double gamma, int max, double tolerance, TieBreaking ties) {
    // Below the threshold the optimal policy is honest mining (share exactly alpha); the optimum
    // dominates SM1, so the threshold lies below SM1's (1 - gamma) / (3 - 2 gamma).
    double lo = 0.0, hi = std::max((1.0 - gamma) / (3.0 - 2.0 * gamma), 0.0);
    if (hi <= tolerance) return 0.0;
    while (hi - lo > tolerance) {
        const double mid = std::max(0.5 * (lo + hi), 1e-6);
        if (optimal_selfish_policy(mid, gamma, max, ties).revenue_share() > mid + 1e-9) hi = mid;
        else lo = mid;
    }
    return 0.5 * (lo + hi);
}

}  // namespace models::attacks
