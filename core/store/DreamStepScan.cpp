#include "core/store/DreamStepScan.h"

#include "core/store/TrajectoryWriter.h"
#include "core/store/Workspace.h"

#include <sqlite3.h>

namespace reverie::store {

namespace {

// The scan needs the raw column pointers that sql::Statement deliberately copies; this is
// the same RAII shape, kept local so the zero-copy access does not leak into the API.
class RawStatement {
public:
    RawStatement(sql::Database &db, const char *sqlText) : m_db(db)
    {
        if (sqlite3_prepare_v2(db.handle(), sqlText, -1, &m_stmt, nullptr) != SQLITE_OK)
            db.fail(QStringLiteral("preparing the dream step scan"));
    }
    ~RawStatement() { sqlite3_finalize(m_stmt); }
    RawStatement(const RawStatement &) = delete;
    RawStatement &operator=(const RawStatement &) = delete;

    sqlite3_stmt *get() const { return m_stmt; }
    bool step()
    {
        const int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW)
            return true;
        if (rc == SQLITE_DONE)
            return false;
        m_db.fail(QStringLiteral("running the dream step scan"));
    }
    std::string_view view(int col) const
    {
        const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, col));
        return p ? std::string_view(p, std::size_t(sqlite3_column_bytes(m_stmt, col))) : std::string_view();
    }

private:
    sql::Database &m_db;
    sqlite3_stmt *m_stmt = nullptr;
};

} // namespace

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
    RawStatement st(db, "SELECT s.trajectory_id, s.id, s.seq, s.kind, s.is_error, s.tool, s.call_id, "
                        "substr(s.text, 1, ?1) FROM temp.dream_scan_ids i "
                        "JOIN steps s ON s.id BETWEEN (i.id << 24) AND (i.id << 24) + 16777215 "
                        "WHERE ((1 << s.kind) & ?2) != 0 ORDER BY i.id, s.id");
    sqlite3_bind_int(st.get(), 1, maxTextChars);
    sqlite3_bind_int64(st.get(), 2, qint64(kindMask));
    ScannedStep row;
    while (st.step()) {
        sqlite3_stmt *s = st.get();
        row.trajectoryId = sqlite3_column_int64(s, 0);
        row.stepId = sqlite3_column_int64(s, 1);
        row.seq = sqlite3_column_int(s, 2);
        row.kind = StepKind(sqlite3_column_int(s, 3));
        row.isError = sqlite3_column_int(s, 4) != 0;
        row.tool = st.view(5);
        row.callId = st.view(6);
        row.text = st.view(7);
        if (!onStep(row))
            break;
    }
    db.exec("DELETE FROM temp.dream_scan_ids");
}

} // namespace reverie::store
