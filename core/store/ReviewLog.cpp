#include "core/store/ReviewLog.h"

#include "core/store/HashChain.h"
#include "core/store/Workspace.h"

#include <QDateTime>

namespace reverie::store {

namespace {
constexpr const char *kColumns =
    "id, proposal_id, reviewer, decision, comment, edited_text, produced_version, created_at, subject, detail, "
    "signature";

Review readReview(const sql::Statement &st)
{
    Review r;
    r.id = st.int64(0);
    r.proposalId = st.isNull(1) ? 0 : st.int64(1);
    r.reviewer = st.text(2);
    r.decision = st.text(3);
    r.comment = st.text(4);
    r.editedText = st.text(5);
    r.producedVersion = st.isNull(6) ? 0 : int(st.int64(6));
    r.createdMs = st.int64(7);
    r.subject = st.text(8);
    r.detail = st.text(9);
    r.signature = st.text(10);
    return r;
}
} // namespace

qint64 ReviewLog::append(Review &review, const Signer &signer)
{
    sql::Database &db = m_ws.db();
    QString prev = hashchain::genesis();
    qint64 nextId = 1;
    {
        sql::Statement last(db, "SELECT id, hash FROM reviews ORDER BY id DESC LIMIT 1");
        if (last.step()) {
            nextId = last.int64(0) + 1;
            prev = last.text(1);
        }
    }
    review.id = nextId;
    if (review.createdMs == 0)
        review.createdMs = QDateTime::currentMSecsSinceEpoch();
    const QString hash = hashchain::reviewHash(review, prev);
    if (signer)
        review.signature = signer(hash);
    sql::Statement ins(db, "INSERT INTO reviews (id, proposal_id, reviewer, decision, comment, edited_text, "
                           "produced_version, created_at, prev_hash, hash, subject, detail, signature) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, review.id);
    if (review.proposalId)
        ins.bind(2, review.proposalId);
    else
        ins.bindNull(2);
    ins.bind(3, review.reviewer).bind(4, review.decision).bind(5, review.comment).bind(6, review.editedText);
    if (review.producedVersion)
        ins.bind(7, review.producedVersion);
    else
        ins.bindNull(7);
    ins.bind(8, review.createdMs).bind(9, prev).bind(10, hash);
    const auto orNull = [](const QString &s) { return s.isEmpty() ? QString() : s; };
    ins.bind(11, orNull(review.subject)).bind(12, orNull(review.detail)).bind(13, orNull(review.signature));
    ins.run();
    return review.id;
}

std::vector<Review> ReviewLog::forProposal(qint64 proposalId)
{
    const QString sqlText =
        QStringLiteral("SELECT %1 FROM reviews WHERE proposal_id = ? ORDER BY id").arg(QLatin1String(kColumns));
    sql::Statement st(m_ws.db(), sqlText.toUtf8().constData());
    st.bind(1, proposalId);
    std::vector<Review> out;
    while (st.step())
        out.push_back(readReview(st));
    return out;
}

std::vector<Review> ReviewLog::all()
{
    const QString sqlText = QStringLiteral("SELECT %1 FROM reviews ORDER BY id").arg(QLatin1String(kColumns));
    sql::Statement st(m_ws.db(), sqlText.toUtf8().constData());
    std::vector<Review> out;
    while (st.step())
        out.push_back(readReview(st));
    return out;
}

} // namespace reverie::store
