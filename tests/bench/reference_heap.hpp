// The bench's reference pending-event set: a hand-tuned 4-ary min-heap of 16-byte keys, as a
// specialised PHOLD engine would write it. Children of a node share one 64-byte cache line (the
// root sits at index 3, so every sibling group starts at a multiple of 4 keys), the next event
// replaces the top in one sift-down (no pop-then-push), and each level prefetches the four
// grandchild groups. l2sim's general EventQueue is measured against it in `make bench`.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <new>

namespace bench {

/// 16 bytes: time, then a tie-break word whose high bits are the insertion sequence and whose
/// low 24 bits are the target LP (so order = (time, insertion), as in l2sim with one priority).
struct HeapKey {
    std::int64_t when;
    std::uint64_t seq_lp;
};
static_assert(sizeof(HeapKey) == 16);

inline constexpr unsigned lp_bits = 24;

class ReferenceHeap {
public:
    explicit ReferenceHeap(std::size_t capacity) : capacity_(capacity + first_) {
        keys_ =
            static_cast<HeapKey*>(std::aligned_alloc(64, round_up(capacity_ * sizeof(HeapKey))));
        if (!keys_) throw std::bad_alloc();
    }
    ~ReferenceHeap() { std::free(keys_); }
    ReferenceHeap(const ReferenceHeap&) = delete;
    ReferenceHeap& operator=(const ReferenceHeap&) = delete;

    bool empty() const { return end_ == first_; }
    const HeapKey& top() const { return keys_[first_]; }

    void push(HeapKey k) {  // capacity is fixed by the constructor: PHOLD's population is known
        std::size_t i = end_++;
        while (i > first_) {
            const std::size_t parent = (i >> 2) + 2;
            if (!less(k, keys_[parent])) break;
            keys_[i] = keys_[parent];
            i = parent;
        }
        keys_[i] = k;
    }

    /// Removes the top and inserts `k` in one pass.
    void replace_top(HeapKey k) { sift_down(first_, k); }

    void pop() {
        --end_;
        if (end_ > first_) sift_down(first_, keys_[end_]);
    }

private:
    static constexpr std::size_t first_ = 3;

    static std::size_t round_up(std::size_t bytes) { return (bytes + 63) / 64 * 64; }
    static bool less(const HeapKey& a, const HeapKey& b) {
        return a.when < b.when || (a.when == b.when && a.seq_lp < b.seq_lp);
    }
    static std::size_t first_child(std::size_t i) { return 4 * i - 8; }

    void sift_down(std::size_t i, HeapKey k) {
        for (;;) {
            const std::size_t c = first_child(i);
            if (c >= end_) break;
            const std::size_t g =
                first_child(c);  // grandchildren: four groups of four, one line each
            if (g < end_) {
                __builtin_prefetch(keys_ + g);
                __builtin_prefetch(keys_ + g + 4);
                __builtin_prefetch(keys_ + g + 8);
                __builtin_prefetch(keys_ + g + 12);
            }
            std::size_t best = c;
            if (c + 3 < end_) {
                if (less(keys_[c + 1], keys_[best])) best = c + 1;
                if (less(keys_[c + 2], keys_[best])) best = c + 2;
                if (less(keys_[c + 3], keys_[best])) best = c + 3;
            } else {
                for (std::size_t j = c + 1; j < end_; ++j)
                    if (less(keys_[j], keys_[best])) best = j;
            }
            if (!less(keys_[best], k)) break;
            keys_[i] = keys_[best];
            i = best;
        }
        keys_[i] = k;
    }

    std::size_t capacity_;
    std::size_t end_ = first_;
    HeapKey* keys_ = nullptr;
};

}  // namespace bench
