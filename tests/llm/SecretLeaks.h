#pragma once

// For the redaction tests: does any piece of a secret survive in a text?

#include <QString>

namespace reverie::test::llm {

// The first substring of `secret` at least `minLength` long that occurs in `text`, or an
// empty string when there is none.
inline QString leakedPart(const QString &text, const QString &secret, int minLength = 4)
{
    for (qsizetype start = 0; start + minLength <= secret.size(); ++start) {
        const QString part = secret.mid(start, minLength);
        if (text.contains(part))
            return part;
    }
    return {};
}

} // namespace reverie::test::llm
