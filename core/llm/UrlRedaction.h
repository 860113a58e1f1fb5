#pragma once

// Base URLs may carry credentials ("user:password@", "?api_key="): these keep them out of
// anything stored or shown.

#include <QString>
#include <QStringList>

namespace reverie::llm {

// `url` fit to store or show: user info ("user:password@") removed and the values of
// credential-like query and fragment parameters (key, api_key, token, secret, password, sig,
// auth, or any name containing key, token, secret or pass) replaced by "[redacted]"; the rest
// is kept as written. A URL that does not parse becomes "scheme://host", or
// "[unparseable URL]". Never throws.
QString redactedUrl(const QString &url);

// The credentials written into `url`, as written and percent-decoded, for redactSecrets(): a
// server may echo them. They are the password ("user:password@"; the user name alone in
// "token@host") and the values of the parameters redactedUrl() masks.
QStringList urlCredentials(const QString &url);

} // namespace reverie::llm
