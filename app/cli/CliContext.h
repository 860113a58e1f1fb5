#pragma once

#include "core/model/Error.h"

#include <QString>
#include <QStringList>
#include <QTextStream>

#include <memory>

class QCommandLineParser;

namespace reverie::store {
class Workspace;
}

namespace reverie::cli {

// The exit code of a command whose decision stands but whose publishing failed (the targets
// wait in the outbox; `reverie publish` retries).
constexpr int kPublishFailedExit = 3;
// The exit code of `regressions` and `bisect` when they found a regression that the current
// playbook still carries, so that a script can act on it (0: nothing found).
constexpr int kRegressionFoundExit = 4;

// A refusal or failure that ends a command: printed as one line on stderr, exit code given.
class CliError : public reverie::Error {
public:
    explicit CliError(const QString &message, int exitCode = 1) : reverie::Error(message), m_exitCode(exitCode) {}
    int exitCode() const { return m_exitCode; }

private:
    int m_exitCode;
};

// What every command gets: its own arguments, where to print, and the workspace.
class CliContext {
public:
    CliContext(const QStringList &commandArgs, const QString &workspacePath);
    ~CliContext();

    const QStringList &args() const { return m_args; }   // program name, command, then its arguments
    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }
    QString workspacePath() const { return m_workspacePath; }
    // Adds --workspace, --json (when `json`) and --help to the parser and parses the command's
    // arguments. Returns false when help was printed (the command should return 0); throws
    // CliError (exit 2) on a usage error.
    bool parse(QCommandLineParser &parser, const QString &synopsis, bool json = true);
    bool json() const { return m_json; }

    // Opens the workspace on first use (creating it when `create`).
    store::Workspace &workspace(bool create = true);

private:
    void finishPublishing();
    QStringList m_args;
    QString m_workspacePath;
    bool m_json = false;
    QTextStream m_out;
    QTextStream m_err;
    std::unique_ptr<store::Workspace> m_workspace;
};

} // namespace reverie::cli
