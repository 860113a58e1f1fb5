#include "core/stats/Statistics.h"

#include <algorithm>
#include <cmath>

namespace reverie::stats {

namespace {

double logChoose(int n, int k)
{
    return std::lgamma(double(n) + 1) - std::lgamma(double(k) + 1) - std::lgamma(double(n - k) + 1);
}

// The probability of the table with `a` in its top-left cell, the margins fixed.
double logHypergeometric(int a, int row1, int col1, int n)
{
    return logChoose(col1, a) + logChoose(n - col1, row1 - a) - logChoose(n, row1);
}

} // namespace

double fisherOneSided(int a, int b, int c, int d)
{
    if (a < 0 || b < 0 || c < 0 || d < 0)
        return 1.0;
    const int row1 = a + b, col1 = a + c, n = a + b + c + d;
    if (n == 0 || row1 == 0 || col1 == 0 || row1 == n || col1 == n)
        return 1.0;
    // Tables at least as extreme: the top-left cell from a up to its largest possible value.
    const int most = std::min(row1, col1);
    double p = 0;
    for (int x = a; x <= most; ++x)
        p += std::exp(logHypergeometric(x, row1, col1, n));
    return std::min(1.0, p);
}

void wilsonInterval(int k, int n, double *low, double *high)
{
    if (n <= 0) {
        *low = 0;
        *high = 1;
        return;
    }
    const double z = 1.96, phat = double(k) / n, z2 = z * z;
    const double centre = (phat + z2 / (2 * n)) / (1 + z2 / n);
    const double half = z * std::sqrt(phat * (1 - phat) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
    *low = std::max(0.0, centre - half);
    *high = std::min(1.0, centre + half);
}

Rate rateOf(int k, int n)
{
    Rate r;
    r.k = k;
    r.n = n;
    wilsonInterval(k, n, &r.low, &r.high);
    return r;
}

} // namespace reverie::stats
