#pragma once

#include <QString>
#include <QStringList>

namespace reverie::store {
class Workspace;
}

namespace reverie::review {

// What `verify` found about signed decisions, besides the hash chains (store/Verifier.h).
struct SignatureAudit {
    int decisions = 0;
    int signedDecisions = 0;
    QStringList problems;      // a signature that does not verify, an unsigned approval the policy required signed
};

// Checks every signed decision against the policy's allowed signers (ssh-keygen -Y verify),
// and that high-stakes approvals made while the policy required signatures carry one.
SignatureAudit auditSignatures(store::Workspace &ws);

// What a clean `verify` proves, in plain words, given how much of the log is signed.
QString verifyGuarantee(const SignatureAudit &audit);

} // namespace reverie::review
