#pragma once

namespace reverie::stats {

// The one-sided Fisher exact p-value of a 2x2 table [[a, b], [c, d]]: the chance, with the
// margins fixed, of a table at least as extreme as this one in the direction of a/(a+b) being
// larger than c/(c+d). Exact hypergeometric sums in log space, for tables of any size.
double fisherOneSided(int a, int b, int c, int d);

// The Wilson score interval (95%, z = 1.96) for k successes out of n; [0, 1] when n is 0.
void wilsonInterval(int k, int n, double *low, double *high);

// A rate with its Wilson 95% interval.
struct Rate {
    int k = 0;
    int n = 0;
    double low = 0, high = 1;
    double value() const { return n > 0 ? double(k) / n : -1.0; }   // -1 when nothing was counted
};
Rate rateOf(int k, int n);

} // namespace reverie::stats
