#include "core/review/SignatureAudit.h"

#include "core/review/Identity.h"
#include "core/review/SshSignature.h"
#include "core/store/HashChain.h"
#include "core/review/Policy.h"
#include "core/store/Workspace.h"

#include <nlohmann/json.hpp>

namespace reverie::review {

using Json = nlohmann::json;

namespace {

// A policy review's "after" value of require_signatures, if it changed it.
std::optional<bool> requireSignaturesAfter(const QString &detail)
{
    const std::string text = detail.toStdString();
    const Json j = Json::parse(text, nullptr, false);
    if (!j.is_object())
        return std::nullopt;
    const auto after = j.find("after");
    if (after == j.end() || !after->is_object())
        return std::nullopt;
    const auto v = after->find("require_signatures");
    if (v == after->end() || !v->is_boolean())
        return std::nullopt;
    return v->get<bool>();
}

bool highStakesApproval(const QString &decision, const QString &detail)
{
    if (decision != QLatin1String("approve") && decision != QLatin1String("edit"))
        return false;
    return detail.contains(QLatin1String("\"stakes\":\"high\""));
}

} // namespace

SignatureAudit auditSignatures(store::Workspace &ws)
{
    SignatureAudit audit;
    const PolicySettings policy = Policy(ws).load();
    sql::Statement st(ws.db(), "SELECT id, reviewer, decision, hash, detail, signature FROM reviews ORDER BY id");
    bool required = false;
    while (st.step()) {
        ++audit.decisions;
        const qint64 id = st.int64(0);
        const QString reviewer = st.text(1);
        const QString decision = st.text(2);
        const QString hash = st.text(3);
        const QString detail = st.text(4);
        const QString signature = st.text(5);
        if (signature.isEmpty()) {
            if (required && highStakesApproval(decision, detail))
                audit.problems << QStringLiteral("reviews: review %1 approves a high-stakes change without the signature "
                                                 "the policy required")
                                      .arg(id);
        } else {
            ++audit.signedDecisions;
            const QString why = checkSignature(store::hashchain::signedPayload(hash), signature, identityKey(reviewer),
                                               policy.allowedSigners);
            if (!why.isEmpty())
                audit.problems << QStringLiteral("reviews: review %1 by %2 has a signature that does not verify (%3)")
                                      .arg(id)
                                      .arg(reviewer, why);
        }
        if (decision == QLatin1String("policy")) {
            if (const auto after = requireSignaturesAfter(detail))
                required = *after;
        }
    }
    return audit;
}

QString verifyGuarantee(const SignatureAudit &audit)
{
    QString text = QStringLiteral(
        "The hash chains detect corruption and any edit made without recomputing them; whoever can write the "
        "workspace file can still rewrite history and recompute the chains.");
    if (audit.signedDecisions == 0)
        return text + QStringLiteral(" No decision is signed, so nothing here proves who decided what.");
    return text
        + QStringLiteral(" %1 of %2 decisions are signed with SSH keys: rewriting a signed decision, or any decision "
                         "before one, is detected without trusting the file.")
              .arg(audit.signedDecisions)
              .arg(audit.decisions);
}

} // namespace reverie::review
