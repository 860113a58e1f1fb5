#pragma once

// Internal to the Codex CLI importer (only .cpp files include it, like JsonSupport.h): the
// mapping of one rollout's records onto a run, shared by the JSONL shapes and the legacy JSON.

#include "core/ingest/JsonSupport.h"
#include "core/ingest/formats/CodexToolOutput.h"

#include <QHash>
#include <QSet>
#include <QString>

#include <deque>
#include <map>

namespace reverie::ingest::codex {

using json::Json;

// Turns one session's records, in file order, into one run, delivered to the sink as it goes.
// Steps wait in a short queue only while a command's failure may still be told by a later
// exec_command_end / patch_apply_end event.
class RunBuilder {
public:
    RunBuilder(const QString &path, TrajectorySink &sink, QString shape);

    // The session header: a session_meta payload or the legacy first line.
    void sessionMeta(const Json &meta, QByteArray &&raw, qint64 ts);
    void responseItem(const Json &item, QByteArray &&raw, qint64 ts);
    void eventMsg(const Json &event, QByteArray &&raw, qint64 ts);
    void turnContext(const Json &context, QByteArray &&raw, qint64 ts);
    // Any other record, kept as an Other step with `label` as its text.
    void other(const QString &type, const QString &label, QByteArray &&raw, qint64 ts);
    // Call after each record: hands over the steps that no longer wait.
    void advance(qint64 line);
    // Flushes everything and finishes the run (nothing is written when no record was read).
    void finish();

private:
    struct Pending {
        Step step;
        qint64 line = 0;
        bool awaiting = false;
    };
    void push(Step &&s, bool awaiting = false);
    void emitStep(const Step &s);
    void seeTime(qint64 ts);
    void commandEnded(const QString &callId, bool failed, Step &event);
    void noteTask(const QString &text, bool fromEvent);

    QString m_path;
    TrajectorySink &m_sink;
    TrajectoryInfo m_info;
    Json m_extra = Json::object();
    qint64 m_handle = -1;
    qint64 m_line = 0;
    bool m_taskFromEvent = false;
    bool m_sawMeta = false;
    std::deque<Pending> m_queue;
    QHash<QString, QString> m_toolByCallId;
    QHash<QString, bool> m_endedBeforeOutput;   // call id -> failed, from an event that came first
    QSet<QString> m_passedCalls;                // observations already handed over as successes
    std::map<std::string, int> m_typeCounts;
    std::vector<std::string> m_models;
};

} // namespace reverie::ingest::codex
