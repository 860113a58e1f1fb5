#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include <atomic>
#include <memory>

class QProgressDialog;
class QWidget;

namespace reverie::ui {

// Opens a workspace file (creating it, or upgrading an older schema: a copy of every step) on
// a worker, so that the window stays painted and responsive. A progress dialog with Cancel
// appears when opening takes more than a moment; a cancelled upgrade rolls back and leaves the
// file as it was. The connection it opened is closed again: pages read with their own.
class WorkspaceOpener : public QObject {
    Q_OBJECT
public:
    // The progress dialog is window-modal over `window`.
    explicit WorkspaceOpener(QWidget *window);
    ~WorkspaceOpener() override;

    // False when an opening is already under way.
    bool start(const QString &path);
    void cancel();
    bool isBusy() const { return m_busy; }
    QString pendingPath() const { return m_path; }
    QProgressDialog *progressDialog() const;

Q_SIGNALS:
    // On the GUI thread, once the file is ready (at the latest schema) to be read.
    void opened(const QString &path);
    // `why` names the file and the cause; the file is as it was when `cancelled`.
    void failed(const QString &path, const QString &why, bool cancelled);
    // An upgrade ran a migration step: `done` of `total`.
    void migrationStep(int done, int total);

private:
    struct Outcome;
    void onFinished(const Outcome &outcome);

    QWidget *m_window = nullptr;
    QPointer<QProgressDialog> m_dialog;
    std::shared_ptr<std::atomic_bool> m_cancelled;
    QString m_path;
    bool m_busy = false;
};

} // namespace reverie::ui
