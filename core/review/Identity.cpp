#include "core/review/Identity.h"

namespace reverie::review {

QString identityKey(const QString &name)
{
    // NFKC first, so full-width and compatibility forms fold to the letters they show; then
    // Unicode case folding (meant for comparison, unlike lower-casing), and NFKC again
    // because folding can produce sequences that compose differently.
    return name.normalized(QString::NormalizationForm_KC)
        .simplified()
        .toCaseFolded()
        .normalized(QString::NormalizationForm_KC);
}

bool samePerson(const QString &a, const QString &b)
{
    const QString ka = identityKey(a);
    return !ka.isEmpty() && ka == identityKey(b);
}

} // namespace reverie::review
