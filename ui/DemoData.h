#pragma once

#include "core/model/Error.h"

#include <QString>
#include <QStringList>

#include <functional>

namespace reverie::ui {

// The demo trajectories bundled in the executable, and the demo workspace built from them.
// QtCore only (library reverie_demo), so the headless `reverie demo` builds the same workspace
// as the desktop app's first start.
namespace DemoData {

// Where `reverie --demo` keeps the demo workspace: demo.reverie beside the default workspace.
QString defaultPath();

// Copies the bundled files under `prefix` into `dir` (the importers read real files) and
// returns their paths. ":/demo" holds today's runs (no playbook yet); ":/demo-after" the later
// runs made under the approved rule (playbook version 1).
QStringList extractTo(const QString &dir, const QString &prefix = QStringLiteral(":/demo"));

// A build stopped by its caller; what was written so far stays.
class BuildCancelled : public reverie::Error {
public:
    using reverie::Error::Error;
};

// How a build reports and is stopped; both may be empty. Progress is in permille.
struct BuildControl {
    std::function<bool()> isCancelled;
    std::function<void(int permille)> progress;
};

// What a build left in the workspace.
struct BuildReport {
    int runs = 0;                 // imported, under both versions
    int version = 0;              // the playbook version the approval appended
    QString ruleText;             // the approved rule
    int pendingProposals = 0;     // left for the user to review
};

// The reviewer name the demo's own decisions are recorded under.
inline QString reviewerName() { return QStringLiteral("demo"); }

// Builds the whole loop into the workspace at `workspacePath` (created when missing), on the
// calling thread with its own connection, so never on the UI thread: marks refund_order
// high-stakes, imports today's runs, runs an offline dream pass, approves its deploy_service
// rule (playbook version 1), then imports the runs made under that version. The dream pass's
// other proposals stay pending. Refuses a workspace that already holds runs or decisions.
// Throws reverie::Error with a one-line reason, BuildCancelled when stopped.
BuildReport build(const QString &workspacePath, const BuildControl &control = {});

} // namespace DemoData

} // namespace reverie::ui
