#include "core/store/PublishLog.h"

#include "core/store/HashChain.h"
#include "core/store/Workspace.h"

#include <nlohmann/json.hpp>

#include <QCryptographicHash>
#include <QDateTime>

namespace reverie::store {

namespace {

constexpr const char *kColumns = "id, target, version, playbook_hash, created_at, result";

PublishEntry readEntry(const sql::Statement &st)
{
    PublishEntry e;
    e.id = st.int64(0);
    e.target = st.text(1);
    e.version = int(st.int64(2));
    e.playbookHash = st.text(3);
    e.createdMs = st.int64(4);
    e.result = st.text(5);
    return e;
}

} // namespace

QString hashchain::publishHash(const PublishEntry &e, const QString &prevHash)
{
    const nlohmann::json canonical{{"id", e.id},
                                   {"target", e.target.toStdString()},
                                   {"version", e.version},
                                   {"playbook", e.playbookHash.toStdString()},
                                   {"created", e.createdMs},
                                   {"result", e.result.toStdString()}};
    const std::string bytes = prevHash.toStdString() + '\n' + canonical.dump();
    return QString::fromLatin1(
        QCryptographicHash::hash(QByteArrayView(bytes.data(), qsizetype(bytes.size())), QCryptographicHash::Sha256).toHex());
}

void PublishLog::enqueue(const QString &target, int version)
{
    sql::Statement st(m_ws.db(), "INSERT INTO publish_outbox (target, version, queued_at) VALUES (?, ?, ?) "
                                 "ON CONFLICT(target) DO UPDATE SET version = excluded.version, queued_at = excluded.queued_at");
    st.bind(1, target).bind(2, version).bind(3, QDateTime::currentMSecsSinceEpoch());
    st.run();
}

std::vector<PublishLog::Pending> PublishLog::pending()
{
    sql::Statement st(m_ws.db(), "SELECT target, version FROM publish_outbox ORDER BY queued_at, target");
    std::vector<Pending> out;
    while (st.step())
        out.push_back({st.text(0), int(st.int64(1))});
    return out;
}

void PublishLog::done(const QString &target, int version)
{
    sql::Statement st(m_ws.db(), "DELETE FROM publish_outbox WHERE target = ? AND version <= ?");
    st.bind(1, target).bind(2, version);
    st.run();
}

void PublishLog::forget(const QString &target)
{
    sql::Statement st(m_ws.db(), "DELETE FROM publish_outbox WHERE target = ?");
    st.bind(1, target);
    st.run();
}

qint64 PublishLog::append(PublishEntry &e)
{
    QString prev = hashchain::genesis();
    e.id = 1;
    {
        sql::Statement last(m_ws.db(), "SELECT id, hash FROM publish_log ORDER BY id DESC LIMIT 1");
        if (last.step()) {
            e.id = last.int64(0) + 1;
            prev = last.text(1);
        }
    }
    if (e.createdMs == 0)
        e.createdMs = QDateTime::currentMSecsSinceEpoch();
    sql::Statement ins(m_ws.db(), "INSERT INTO publish_log (id, target, version, playbook_hash, created_at, result, "
                                  "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, e.id).bind(2, e.target).bind(3, e.version).bind(4, e.playbookHash).bind(5, e.createdMs).bind(6, e.result);
    ins.bind(7, prev).bind(8, hashchain::publishHash(e, prev));
    ins.run();
    return e.id;
}

std::vector<PublishEntry> PublishLog::all()
{
    sql::Statement st(m_ws.db(), (QByteArray("SELECT ") + kColumns + " FROM publish_log ORDER BY id").constData());
    std::vector<PublishEntry> out;
    while (st.step())
        out.push_back(readEntry(st));
    return out;
}

std::optional<PublishEntry> PublishLog::last(const QString &target, bool okOnly)
{
    sql::Statement st(m_ws.db(), (QByteArray("SELECT ") + kColumns
                                  + " FROM publish_log WHERE target = ? AND (? = 0 OR result = 'ok') ORDER BY id DESC LIMIT 1")
                                     .constData());
    st.bind(1, target).bind(2, okOnly ? 1 : 0);
    if (!st.step())
        return std::nullopt;
    return readEntry(st);
}

} // namespace reverie::store
