#include "core/store/DreamStore.h"

#include "core/store/Workspace.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QSysInfo>

#if defined(Q_OS_UNIX) && !defined(Q_OS_LINUX)
#include <cerrno>
#include <signal.h>
#include <sys/types.h>
#endif

namespace reverie::store {

namespace {

// The start of a process, so that a later process given the same pid is told apart; empty
// when the process does not run (or is a zombie), "-" when this system cannot say.
QString processStart(qint64 pid)
{
#if defined(Q_OS_LINUX)
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (pid <= 0 || !stat.open(QIODevice::ReadOnly))
        return {};
    const QByteArray line = stat.readAll();
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so count from the last ')'.
    const qsizetype close = line.lastIndexOf(')');
    if (close < 0)
        return {};
    const QList<QByteArray> fields = line.mid(close + 2).split(' ');
    if (fields.size() < 20 || fields[0] == "Z" || fields[0] == "X")
        return {};
    return QString::fromLatin1(fields[19]);   // field 22: start time, in clock ticks after boot
#elif defined(Q_OS_UNIX)
    if (pid <= 0 || (::kill(pid_t(pid), 0) != 0 && errno != EPERM))
        return {};
    return QStringLiteral("-");
#else
    Q_UNUSED(pid);
    return QStringLiteral("-");   // cannot tell: every process counts as running
#endif
}

DreamStatus statusFrom(const QString &name)
{
    for (DreamStatus s : {DreamStatus::Running, DreamStatus::Succeeded, DreamStatus::Failed, DreamStatus::Cancelled,
                          DreamStatus::Interrupted}) {
        if (dreamStatusName(s) == name)
            return s;
    }
    return DreamStatus::Failed;
}

QByteArray objectOrEmpty(const QByteArray &json) { return json.isEmpty() ? QByteArrayLiteral("{}") : json; }

constexpr const char *kSelect = "SELECT id, engine, parameters, selection, status, started_at, finished_at, error, "
                                "trajectory_count, proposal_count, owner FROM dream_runs";

DreamRun readRun(const sql::Statement &st)
{
    DreamRun r;
    r.id = st.int64(0);
    r.engine = st.text(1);
    r.parameters = st.bytes(2);
    r.selection = st.bytes(3);
    r.status = statusFrom(st.text(4));
    r.startedMs = st.int64(5);
    r.finishedMs = st.isNull(6) ? 0 : st.int64(6);
    r.error = st.text(7);
    r.trajectoryCount = int(st.int64(8));
    r.proposalCount = int(st.int64(9));
    r.owner = st.text(10);
    return r;
}

// Whether the owner of a running run is certainly gone. Another host's processes cannot be
// seen from here; an owner that does not parse is left alone too.
bool ownerIsGone(const QString &owner, const QString &host)
{
    if (owner.isEmpty())
        return true;   // written before runs had owners: nothing runs it any more
    const qsizetype startSep = owner.lastIndexOf(QLatin1Char(':'));
    const qsizetype pidSep = startSep > 0 ? owner.lastIndexOf(QLatin1Char(':'), startSep - 1) : -1;
    if (pidSep < 0 || owner.left(pidSep) != host)
        return false;
    bool ok = false;
    const qint64 pid = owner.mid(pidSep + 1, startSep - pidSep - 1).toLongLong(&ok);
    return ok && processTag(pid) != owner;
}

} // namespace

QString processTag(qint64 pid)
{
    const QString start = processStart(pid);
    if (start.isEmpty())
        return {};
    return QStringLiteral("%1:%2:%3").arg(QSysInfo::machineHostName()).arg(pid).arg(start);
}

QString currentProcessTag()
{
    static const QString tag = processTag(QCoreApplication::applicationPid());
    return tag;
}

qint64 DreamStore::insert(DreamRun &run)
{
    sql::Database &db = m_ws.db();
    if (run.owner.isEmpty())
        run.owner = currentProcessTag();
    sql::Statement st(db, "INSERT INTO dream_runs (engine, parameters, selection, status, started_at, finished_at, "
                          "error, trajectory_count, proposal_count, owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                          "RETURNING id");
    st.bind(1, run.engine).bindText(2, objectOrEmpty(run.parameters)).bindText(3, objectOrEmpty(run.selection));
    st.bind(4, dreamStatusName(run.status)).bind(5, run.startedMs);
    if (run.finishedMs > 0)
        st.bind(6, run.finishedMs);
    else
        st.bindNull(6);
    st.bind(7, run.error.isEmpty() ? QString() : run.error).bind(8, run.trajectoryCount).bind(9, run.proposalCount);
    st.bind(10, run.owner.isEmpty() ? QString() : run.owner);
    run.id = st.step() ? st.int64(0) : 0;
    st.reset();
    return run.id;
}

void DreamStore::finish(const DreamRun &run)
{
    sql::Statement st(m_ws.db(), "UPDATE dream_runs SET status = ?, finished_at = ?, error = ?, parameters = ?, "
                                 "trajectory_count = ?, proposal_count = ? WHERE id = ?");
    st.bind(1, dreamStatusName(run.status)).bind(2, run.finishedMs);
    st.bind(3, run.error.isEmpty() ? QString() : run.error).bindText(4, objectOrEmpty(run.parameters));
    st.bind(5, run.trajectoryCount).bind(6, run.proposalCount).bind(7, run.id);
    st.run();
}

void DreamStore::addInputs(qint64 runId, const std::vector<qint64> &trajectoryIds)
{
    sql::Statement st(m_ws.db(), "INSERT OR IGNORE INTO dream_inputs (dream_run_id, trajectory_id) VALUES (?, ?)");
    for (qint64 id : trajectoryIds) {
        st.bind(1, runId).bind(2, id);
        st.run();
    }
}

std::optional<DreamRun> DreamStore::get(qint64 id)
{
    const QByteArray sqlText = QByteArray(kSelect) + " WHERE id = ?";
    sql::Statement st(m_ws.db(), sqlText.constData());
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    return readRun(st);
}

std::vector<DreamRun> DreamStore::list(int limit)
{
    const QByteArray sqlText = QByteArray(kSelect) + " ORDER BY id DESC LIMIT ?";
    sql::Statement st(m_ws.db(), sqlText.constData());
    st.bind(1, limit < 0 ? qint64(-1) : qint64(limit));
    std::vector<DreamRun> out;
    while (st.step())
        out.push_back(readRun(st));
    return out;
}

int DreamStore::inputCount(qint64 runId)
{
    sql::Statement st(m_ws.db(), "SELECT count(*) FROM dream_inputs WHERE dream_run_id = ?");
    st.bind(1, runId);
    return st.step() ? int(st.int64(0)) : 0;
}

int DreamStore::markInterrupted()
{
    sql::Database &db = m_ws.db();
    const QString host = QSysInfo::machineHostName();
    QByteArray stale = "[";
    {
        sql::Statement st(db, "SELECT id, owner FROM dream_runs WHERE status = ?");
        st.bind(1, dreamStatusName(DreamStatus::Running));
        while (st.step()) {
            if (ownerIsGone(st.text(1), host))
                stale += (stale.size() > 1 ? "," : "") + QByteArray::number(st.int64(0));
        }
    }
    if (stale.size() == 1)
        return 0;
    stale += ']';
    // One statement, so all or none; a run that finished meanwhile keeps its own ending.
    sql::Statement st(db, "UPDATE dream_runs SET status = ?, finished_at = ?, error = ? "
                          "WHERE status = ? AND id IN (SELECT value FROM json_each(?))");
    st.bind(1, dreamStatusName(DreamStatus::Interrupted)).bind(2, QDateTime::currentMSecsSinceEpoch());
    st.bind(3, QString::fromUtf8(kInterruptedRunError)).bind(4, dreamStatusName(DreamStatus::Running));
    st.bindText(5, stale);
    st.run();
    return db.changes();
}

} // namespace reverie::store
