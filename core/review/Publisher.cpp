#include "core/review/Publisher.h"

#include "core/playbook/ManagedBlock.h"
#include "core/playbook/Render.h"
#include "core/review/TargetFile.h"
#include "core/store/PlaybookHistory.h"
#include "core/store/PublishAttribution.h"
#include "core/review/Policy.h"
#include "core/store/Workspace.h"

#include <QDateTime>

#include <algorithm>

namespace reverie::review {

namespace {

// The bytes `path` should hold for `version`: Reverie's JSON, or the file with its block.
QByteArray renderFor(const QString &path, const PlaybookVersion &version)
{
    if (playbook::targetWantsJson(path))
        return playbook::renderJson(version);
    const QByteArray existing = readTarget(path);
    try {
        return playbook::placeBlock(existing, playbook::renderMarkdown(version.rules), {version.number, version.hash});
    } catch (const playbook::BlockError &e) {
        throw reverie::Error(QStringLiteral("%1:%2: %3; the file was left as it is").arg(path).arg(e.line()).arg(e.message()));
    }
}

} // namespace

QStringList PublishReport::written() const
{
    QStringList out;
    for (const Target &t : targets) {
        if (t.error.isEmpty())
            out << t.path;
    }
    return out;
}

int PublishReport::failures() const
{
    return int(std::count_if(targets.begin(), targets.end(), [](const Target &t) { return !t.error.isEmpty(); }));
}

QString PublishReport::failureSummary() const
{
    if (failures() == 0)
        return QString();
    QStringList why;
    for (const Target &t : targets) {
        if (!t.error.isEmpty())
            why << t.error;
    }
    return QStringLiteral("publishing to %1 of %2 target(s) failed: %3")
        .arg(failures())
        .arg(targets.size())
        .arg(why.join(QLatin1String("; ")));
}

void Publisher::enqueueAll(int version)
{
    store::PublishLog log(m_ws);
    for (const QString &target : Policy(m_ws).load().publishTargets)
        log.enqueue(target, version);
}

PublishReport Publisher::publishPending()
{
    QStringList targets;
    for (const store::PublishLog::Pending &p : store::PublishLog(m_ws).pending())
        targets << p.target;
    return publish(targets);
}

PublishReport Publisher::publishAll()
{
    return publish(Policy(m_ws).load().publishTargets);
}

PublishReport Publisher::publish(const QStringList &targets)
{
    PublishReport report;
    if (targets.isEmpty())
        return report;
    const PlaybookVersion current = store::PlaybookHistory(m_ws).current();
    if (current.number == 0)
        return report;   // nothing approved yet: nothing to publish
    for (const QString &path : targets) {
        PublishReport::Target t{path, current.number, QString()};
        try {
            writeTargetAtomically(path, renderFor(path, current));
        } catch (const reverie::Error &e) {
            t.error = e.message();
        }
        // The record and the outbox change together; the file was written before either.
        sql::Transaction tx(m_ws.db());
        store::PublishLog log(m_ws);
        store::PublishEntry entry;
        entry.target = path;
        entry.version = current.number;
        entry.playbookHash = current.hash;
        entry.result = t.error.isEmpty() ? QStringLiteral("ok") : t.error;
        log.append(entry);
        if (t.error.isEmpty())
            log.done(path, current.number);
        else
            log.enqueue(path, current.number);
        tx.commit();
        report.targets.push_back(t);
    }
    // The publish record changed: runs in a target's folder may now be known to have seen it.
    if (report.failures() < int(report.targets.size()))
        store::attributeByPublishRecords(m_ws);
    sql::Statement mark(m_ws.db(), "INSERT INTO policy (key, value) VALUES ('last_published', ?) "
                                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    mark.bind(1, QStringLiteral("%1 %2").arg(current.number).arg(QDateTime::currentMSecsSinceEpoch()));
    mark.run();
    return report;
}

std::vector<Publisher::TargetState> Publisher::states(bool readFiles)
{
    std::vector<TargetState> out;
    store::PublishLog log(m_ws);
    std::vector<store::PublishLog::Pending> pending = log.pending();
    for (const QString &path : Policy(m_ws).load().publishTargets) {
        TargetState s;
        s.path = path;
        s.last = log.last(path);
        s.lastOk = log.last(path, true);
        for (const auto &p : pending) {
            if (p.target == path)
                s.waitingFor = p.version;
        }
        if (readFiles && targetProblem(path).isEmpty()) {
            try {
                const QByteArray bytes = readTarget(path);
                if (const auto marker = playbook::findMarker(QString::fromUtf8(bytes)))
                    s.holds = marker->version;
            } catch (const reverie::Error &) {
                s.holds = -1;
            }
        }
        out.push_back(s);
    }
    return out;
}

QStringList Publisher::behind()
{
    QStringList lines;
    const int current = store::PlaybookHistory(m_ws).currentNumber();
    if (current == 0)
        return lines;
    for (const TargetState &s : states(true)) {
        if (s.holds == current && s.waitingFor == 0)
            continue;
        QString why = s.holds < 0 ? QStringLiteral("holds no Reverie playbook")
                                  : QStringLiteral("holds version %1").arg(s.holds);
        if (s.last && !s.last->ok())
            why += QStringLiteral(" (last publish failed: %1)").arg(s.last->result);
        lines << QStringLiteral("publish: %1 %2; the playbook is at version %3 (run `reverie publish`)")
                     .arg(s.path, why)
                     .arg(current);
    }
    return lines;
}

} // namespace reverie::review
