#pragma once
// Small statistics shared by the simulator's engines (private to core/simulation).
#include <algorithm>
#include <vector>

namespace radsynth::simulation {

// The q-quantile (0..1) of `values` by rank (nearest lower rank; 0 when empty).
template <typename T>
double percentile(std::vector<T> values, double q)
{
    if (values.empty())
        return 0.0;
    const size_t k = std::min(values.size() - 1, size_t(q * double(values.size() - 1)));
    std::nth_element(values.begin(), values.begin() + long(k), values.end());
    return double(values[k]);
}

} // namespace radsynth::simulation
