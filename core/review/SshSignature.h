#pragma once

#include "core/model/Error.h"

#include <QByteArray>
#include <QString>

// Signs and checks review decisions with OpenSSH (ssh-keygen -Y, namespace "reverie-decision"),
// the way git signs commits with SSH keys. Every call runs ssh-keygen and blocks until it ends
// (at most 20 s), so call these off the GUI thread.
namespace reverie::review {

// Signing failed, or ssh-keygen could not be run at all. The message names the key file (never
// its contents) and says what to do.
class SignatureError : public reverie::Error {
public:
    using reverie::Error::Error;
};

// Signs `payload` with the private key file `keyPath` (the private half; a path ending in .pub
// is accepted, ssh-keygen then loads the private file beside it or a matching key in ssh-agent).
// Returns the armored signature ("-----BEGIN SSH SIGNATURE-----..."). Never prompts: a key that
// needs a passphrase fails with a SignatureError instead.
QString signPayload(const QByteArray &payload, const QString &keyPath);

// Checks `signature` over `payload` for `principal` against `allowedSigners` (git's
// gpg.ssh.allowedSignersFile format). Returns an empty string when valid, else a one-line
// reason. Throws SignatureError only when ssh-keygen cannot be run (missing, timed out, crashed).
QString checkSignature(const QByteArray &payload, const QString &signature, const QString &principal,
                       const QString &allowedSigners);

// Whether ssh-keygen is on the PATH.
bool sshKeygenAvailable();

} // namespace reverie::review
