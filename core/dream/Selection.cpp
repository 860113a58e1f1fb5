#include "core/dream/Selection.h"

#include "core/store/Workspace.h"

#include <nlohmann/json.hpp>

#include <QDateTime>
#include <QTimeZone>

#include <unordered_set>

namespace reverie::dream {

using Json = nlohmann::json;

QByteArray DreamSelection::toJson() const
{
    Json j = Json::object();
    if (!workflow.isEmpty())
        j["workflow"] = workflow.toStdString();
    if (sinceMs >= 0)
        j["since"] = sinceMs;
    if (untilMs >= 0)
        j["until"] = untilMs;
    if (verdict)
        j["verdict"] = verdictName(*verdict).toStdString();
    if (!model.isEmpty())
        j["model"] = model.toStdString();
    if (notYetDreamed)
        j["not_yet_dreamed"] = true;
    return QByteArray::fromStdString(j.dump());
}

std::vector<RunHeader> selectRuns(store::Workspace &ws, const DreamSelection &sel)
{
    sql::Database &db = ws.db();
    // Pass 1: the selection itself.
    sql::Statement focus(db, "SELECT t.id FROM trajectories t WHERE (?1 IS NULL OR t.workflow = ?1) "
                             "AND (?2 < 0 OR t.started_at >= ?2) AND (?3 < 0 OR t.started_at < ?3) "
                             "AND (?4 < 0 OR t.verdict = ?4) AND (?5 IS NULL OR t.model = ?5) "
                             "AND (?6 = 0 OR NOT EXISTS (SELECT 1 FROM dream_inputs d WHERE d.trajectory_id = t.id))");
    focus.bind(1, sel.workflow.isEmpty() ? QString() : sel.workflow);
    focus.bind(2, sel.sinceMs).bind(3, sel.untilMs).bind(4, sel.verdict ? int(*sel.verdict) : -1);
    focus.bind(5, sel.model.isEmpty() ? QString() : sel.model).bind(6, sel.notYetDreamed ? 1 : 0);
    std::unordered_set<qint64> selected;
    while (focus.step())
        selected.insert(focus.int64(0));
    if (selected.empty())
        return {};

    // Pass 2: every run of the workflows the selection touches.
    db.exec("CREATE TEMP TABLE IF NOT EXISTS dream_focus_ids (id INTEGER PRIMARY KEY)");
    db.exec("DELETE FROM temp.dream_focus_ids");
    {
        sql::Statement ins(db, "INSERT INTO temp.dream_focus_ids (id) VALUES (?)");
        db.exec("SAVEPOINT dream_focus");
        for (qint64 id : selected) {
            ins.bind(1, id);
            ins.run();
        }
        db.exec("RELEASE dream_focus");
    }
    sql::Statement all(db, "SELECT t.id, t.external_id, t.workflow, t.model, t.verdict, t.started_at, t.verdict_notes, "
                           "t.step_count "
                           "FROM trajectories t WHERE coalesce(t.workflow, '') IN (SELECT DISTINCT "
                           "coalesce(x.workflow, '') FROM trajectories x JOIN temp.dream_focus_ids f ON f.id = x.id) "
                           "ORDER BY t.id");
    std::vector<RunHeader> out;
    while (all.step()) {
        RunHeader h;
        h.id = all.int64(0);
        h.externalId = all.text(1);
        h.workflow = all.text(2);
        h.model = all.text(3);
        const qint64 v = all.int64(4);
        h.verdict = v == 1 ? Verdict::Success : v == 2 ? Verdict::Failure : Verdict::Unknown;
        h.startedMs = all.isNull(5) ? -1 : all.int64(5);
        h.verdictNotes = all.text(6);
        h.stepCount = int(all.int64(7));
        h.inFocus = selected.count(h.id) > 0;
        out.push_back(std::move(h));
    }
    db.exec("DELETE FROM temp.dream_focus_ids");
    return out;
}

qint64 parseSelectionTime(const QString &text, qint64 nowMs)
{
    const QString t = text.trimmed();
    if (t.size() >= 2 && (t.endsWith(QLatin1Char('d')) || t.endsWith(QLatin1Char('h')))) {
        bool ok = false;
        const qint64 n = t.left(t.size() - 1).toLongLong(&ok);
        if (ok && n >= 0)
            return nowMs - n * (t.endsWith(QLatin1Char('d')) ? 86'400'000 : 3'600'000);
    }
    QDateTime dt = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!dt.isValid())
        dt = QDateTime::fromString(t, Qt::ISODate);
    if (!dt.isValid()) {
        const QDate d = QDate::fromString(t, Qt::ISODate);
        if (!d.isValid())
            return -1;
        dt = QDateTime(d, QTime(0, 0), QTimeZone::utc());
    }
    if (dt.timeSpec() == Qt::LocalTime)   // no zone given: read it as UTC, like the stored times
        dt.setTimeZone(QTimeZone::utc());
    return dt.toMSecsSinceEpoch();
}

} // namespace reverie::dream
