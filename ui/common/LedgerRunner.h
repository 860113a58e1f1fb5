#pragma once

#include "core/review/Ledger.h"

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

namespace reverie::ui {

// What one ledger job did: its decision, or the ledger's refusal or error in its own words.
struct LedgerOutcome {
    enum class Kind { Done, Refused, Failed };
    Kind kind = Kind::Done;
    review::DecisionResult result;  // Done: the decision (the last one of a bulk job)
    QString message;               // Refused / Failed: one line for a person
    bool bulk = false;             // several decisions in one job
    int decided = 0;               // bulk: how many decisions were taken
    QStringList refusals;          // bulk: the ones the ledger refused, one line each
};

// A job gets a ledger on the worker's own workspace connection and fills the outcome.
using LedgerJob = std::function<void(review::Ledger &ledger, LedgerOutcome &out)>;

class WorkspaceWriter;

// Runs ledger decisions one after another on the GUI's workspace writer (a worker thread
// with its own connection: the ledger writes the workspace and publishes files), and reports
// each result on the UI thread. The UI thread never waits for a decision.
class LedgerRunner : public QObject {
    Q_OBJECT
public:
    explicit LedgerRunner(QObject *parent = nullptr);
    // A decision already started is allowed to land: it is one transaction and a publish.
    ~LedgerRunner() override;

    void setWorkspacePath(const QString &path) { m_path = path; }
    QString workspacePath() const { return m_path; }

    // Queues a job; returns its tag (reported back with the outcome).
    int submit(LedgerJob job);
    bool isBusy() const;

Q_SIGNALS:
    void finished(int tag, const reverie::ui::LedgerOutcome &outcome);
    // Every queued job has reported.
    void idle();

private:
    QString m_path;
    WorkspaceWriter *m_writer = nullptr;
    int m_nextTag = 1;
};

} // namespace reverie::ui

Q_DECLARE_METATYPE(reverie::ui::LedgerOutcome)
