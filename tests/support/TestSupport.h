#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace reverie::sql {
class Database;
}
namespace reverie::store {
class Workspace;
}

namespace reverie::test {

// The project's own small fixtures (always present).
QString fixture(const QString &relative);
// The shared real samples; empty when the folder is absent (as in a user's own clone).
QString samplesDir();
// QSKIP message for suites that need the samples.
inline const char *kNoSamples = "../shared/data/trajectories is absent: real-sample tests skipped";
// Writes `content` to `dir/name` and returns the path.
QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content);
// What Reverie published into a Markdown target: the text of its managed block (the whole
// file when it holds none), so that tests compare renderings and not the markers around them.
QByteArray publishedBlock(const QString &path);
// The built reverie executable.
QString reverieBinary();

// Result of running the CLI as a separate process.
struct CliRun {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};
CliRun runCli(const QStringList &args, int timeoutMs = 120000);

// Writes judged runs as if agents had run them under playbook `version`: `successes`
// successful, then `failures` failed, then `unknown` unjudged runs of `workflow` by `model`,
// each with one message step. `batch` names them ("run-<batch>-<i>") and their source; it
// must differ between calls on one workspace.
void writeVersionRuns(store::Workspace &ws, const QString &batch, int version, const QString &workflow,
                      const QString &model, int successes, int failures, int unknown = 0);

// The first column of the first row of a query (a count, a flag); -1 when it returns no row.
qint64 scalar(sql::Database &db, const char *sqlText);
qint64 scalar(store::Workspace &ws, const char *sqlText);

// Where a test's workspace lives: `dir/name` (a SQLite file), or, when the suite runs with
// REVERIE_TEST_ENGINE=postgres, a new database on a PostgreSQL server the test program starts
// for itself (PgTestServer; its password is put in PGPASSWORD for this process and the CLI
// processes it starts). The same suite then checks the same behaviour on both engines.
QString workspaceLocation(const QTemporaryDir &dir, const QString &name);
// True when the suite runs against PostgreSQL.
bool onServer();
// The workspace at `location` as `user` connects to it: on a server, a login role of that name
// (the test password) made a reviewer there, and the address with that user; a file as it is.
QString locationAs(const QString &location, const QString &user);
// Why the server cannot run here (not installed), for QSKIP; empty when it can, or on SQLite.
QString serverSkipReason();

} // namespace reverie::test
