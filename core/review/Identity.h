#pragma once

#include <QString>

namespace reverie::review {

// Who a reviewer name stands for. Names are compared in a canonical form: Unicode
// compatibility-normalised (NFKC), surrounding and repeated whitespace collapsed, case folded.
// "Bob", " bob ", "ＢＯＢ" and "BOB" are one person; an author never approves their own change
// and one person counts once, whatever way they type their name.
QString identityKey(const QString &name);
bool samePerson(const QString &a, const QString &b);

} // namespace reverie::review
