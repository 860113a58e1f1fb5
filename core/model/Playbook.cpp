#include "core/model/Playbook.h"

#include <array>

namespace reverie {

namespace {
template <std::size_t N>
QString nameOf(const std::array<const char *, N> &names, int i)
{
    return i >= 0 && i < int(N) ? QString::fromLatin1(names[std::size_t(i)]) : QString();
}

template <typename E, std::size_t N>
std::optional<E> fromName(const std::array<const char *, N> &names, QStringView name)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (name == QLatin1String(names[i]))
            return static_cast<E>(i);
    }
    return std::nullopt;
}

constexpr std::array<const char *, 2> kStakes = {"low", "high"};
constexpr std::array<const char *, 7> kOps = {"add", "edit", "remove", "merge", "rollback", "revert", "policy"};
constexpr std::array<const char *, 5> kStatus = {"pending", "approved", "rejected", "needs_rebase", "reverted"};
constexpr std::array<const char *, 5> kDream = {"running", "succeeded", "failed", "cancelled", "interrupted"};
} // namespace

QString stakesName(Stakes s) { return nameOf(kStakes, int(s)); }
std::optional<Stakes> stakesFromName(QStringView n) { return fromName<Stakes>(kStakes, n); }
QString proposalOpName(ProposalOp op) { return nameOf(kOps, int(op)); }
std::optional<ProposalOp> proposalOpFromName(QStringView n) { return fromName<ProposalOp>(kOps, n); }
QString proposalStatusName(ProposalStatus s) { return nameOf(kStatus, int(s)); }
std::optional<ProposalStatus> proposalStatusFromName(QStringView n)
{
    return fromName<ProposalStatus>(kStatus, n);
}
QString dreamStatusName(DreamStatus s) { return nameOf(kDream, int(s)); }

} // namespace reverie
