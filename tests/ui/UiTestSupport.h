#pragma once

#include <QByteArray>
#include <QString>

class QTemporaryDir;

namespace reverie::test {

// Per-user settings (QSettings) go to a throw-away folder of this test process: never the
// developer's own, and never one shared with another test running in parallel under ctest -j.
void isolateSettings();

// A workspace in `dir` holding the bundled demo trajectories (38 runs in three workflows),
// imported synchronously. Returns its path.
QString makeDemoWorkspace(const QTemporaryDir &dir, const QString &name = QStringLiteral("demo.reverie"));
// Imports one Reverie JSONL text into the workspace at `path`; fails the test on error.
bool importJsonl(const QString &workspacePath, const QTemporaryDir &dir, const QString &fileName,
                 const QByteArray &jsonl);
// The workspace row id of a run by its external id; 0 when absent.
qint64 trajectoryRowId(const QString &workspacePath, const QString &externalId);

// While one is alive, every SQL statement prepared or executed on the GUI thread is recorded:
// the GUI must read and write the workspace on workers only. Make it after the test's own
// set-up (which may use the store directly) and check it before it goes:
//   test::GuiThreadSqlGuard guard;  ...drive the widgets...  QVERIFY2(guard.clean(), guard.report());
class GuiThreadSqlGuard {
public:
    GuiThreadSqlGuard();
    ~GuiThreadSqlGuard();
    GuiThreadSqlGuard(const GuiThreadSqlGuard &) = delete;
    GuiThreadSqlGuard &operator=(const GuiThreadSqlGuard &) = delete;

    bool clean() const;
    int violations() const;
    // "3 statement(s) on the GUI thread, the first: SELECT ..."; empty when clean.
    const char *report() const;
};

} // namespace reverie::test
