#include "core/store/DreamStepScan.h"

#include <QStringList>

#include "core/store/TrajectoryWriter.h"
#include "core/store/Workspace.h"

namespace reverie::store {

void scanDreamSteps(Workspace &ws, const std::vector<qint64> &trajectoryIds, unsigned kindMask, int maxTextChars,
                    const std::function<bool(const ScannedStep &)> &onStep)
{
    sql::Database &db = ws.db();
    // The ids go into a temporary table so the scan is one ordered join, whatever their number.
    db.exec("CREATE TEMP TABLE IF NOT EXISTS dream_scan_ids (id INTEGER PRIMARY KEY)");
    db.exec("DELETE FROM temp.dream_scan_ids");
    {
        db.exec("SAVEPOINT dream_scan_ids");
        try {
            sql::Statement ins(db, "INSERT OR IGNORE INTO temp.dream_scan_ids (id) VALUES (?)");
            for (qint64 id : trajectoryIds) {
                ins.bind(1, id);
                ins.run();
            }
            db.exec("RELEASE dream_scan_ids");
        } catch (...) {
            db.exec("ROLLBACK TO dream_scan_ids");
            db.exec("RELEASE dream_scan_ids");
            throw;
        }
    }

    static_assert(kStepSeqBits == 24, "the id range below spells out a run's 24 bits of seq");
    // The kinds asked for, spelled out: the same on both engines (a shifted mask is not).
    QStringList kinds;
    for (int kind = 0; kind < 32; ++kind)
        if (kindMask & (1u << kind))
            kinds << QString::number(kind);
    const QByteArray sqlText = QStringLiteral("SELECT s.trajectory_id, s.id, s.seq, s.kind, s.is_error, s.tool, s.call_id, "
                                              "substr(s.text, 1, ?1) FROM temp.dream_scan_ids i "
                                              "JOIN steps s ON s.id BETWEEN (i.id << 24) AND (i.id << 24) + 16777215 "
                                              "WHERE s.kind IN (%1) ORDER BY i.id, s.id")
                                   .arg(kinds.isEmpty() ? QStringLiteral("-1") : kinds.join(QLatin1String(", ")))
                                   .toUtf8();
    sql::Statement st(db, sqlText.constData());
    st.bind(1, maxTextChars);
    ScannedStep row;
    while (st.step()) {
        row.trajectoryId = st.int64(0);
        row.stepId = st.int64(1);
        row.seq = int(st.int64(2));
        row.kind = StepKind(st.int64(3));
        row.isError = st.int64(4) != 0;
        row.tool = st.view(5);
        row.callId = st.view(6);
        row.text = st.view(7);
        if (!onStep(row))
            break;
    }
    db.exec("DELETE FROM temp.dream_scan_ids");
}

} // namespace reverie::store
