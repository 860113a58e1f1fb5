#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace reverie {

// How strong a proposal's evidence is, in plain words: strong (p < 0.01), moderate
// (p < 0.05), weak (could be chance). Kept here, below the dream engine, because the policy
// (the weakest evidence auto-apply accepts) and the ledger need it too.
enum class StrengthLevel : int { Strong = 0, Moderate = 1, Weak = 2 };

StrengthLevel strengthLevelForP(double pValue);
// "strong", "moderate", "weak".
QString strengthLevelName(StrengthLevel level);
std::optional<StrengthLevel> strengthLevelFromName(QStringView name);
// True when `level` is at least as strong as `minimum`.
inline bool meetsStrength(StrengthLevel level, StrengthLevel minimum) { return int(level) <= int(minimum); }

} // namespace reverie
