#include "ui/common/LedgerRunner.h"

#include "core/store/Workspace.h"
#include "ui/common/WorkspaceWriter.h"
#include "ui/settings/UserSettings.h"

#include <memory>

namespace reverie::ui {

LedgerRunner::LedgerRunner(QObject *parent) : QObject(parent), m_writer(new WorkspaceWriter(this))
{
    qRegisterMetaType<LedgerOutcome>();
    connect(m_writer, &WorkspaceWriter::idle, this, &LedgerRunner::idle);
}

LedgerRunner::~LedgerRunner()
{
    m_writer->finishRunning();
}

bool LedgerRunner::isBusy() const
{
    return m_writer->isBusy();
}

int LedgerRunner::submit(LedgerJob job)
{
    const int tag = m_nextTag++;
    // Read on the UI thread, when the decision was asked for.
    const QString signingKey = UserSettings::storedSigningKey();
    auto outcome = std::make_shared<LedgerOutcome>();
    m_writer->submit(
        m_path,
        [signingKey, job = std::move(job), outcome](store::Workspace &ws) {
            try {
                review::Ledger ledger(ws);
                ledger.setSigningKey(signingKey);   // decisions from the app are signed like the CLI's
                job(ledger, *outcome);
            } catch (const review::LedgerRefusal &e) {
                outcome->kind = LedgerOutcome::Kind::Refused;
                outcome->message = e.message();
            }
        },
        [this, tag, outcome](const QString &error) {
            if (!error.isEmpty()) {
                outcome->kind = LedgerOutcome::Kind::Failed;
                outcome->message = error;
            }
            Q_EMIT finished(tag, *outcome);
        });
    return tag;
}

} // namespace reverie::ui
