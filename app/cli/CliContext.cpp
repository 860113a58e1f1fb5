#include "app/cli/CliContext.h"

#include "core/review/Publisher.h"
#include "core/store/Workspace.h"

#include <QCommandLineParser>

#include <cstdio>

namespace reverie::cli {

CliContext::CliContext(const QStringList &commandArgs, const QString &workspacePath)
    : m_args(commandArgs), m_workspacePath(workspacePath), m_out(stdout), m_err(stderr)
{
}

CliContext::~CliContext() = default;

bool CliContext::parse(QCommandLineParser &parser, const QString &synopsis, bool json)
{
    const QCommandLineOption workspaceOption({QStringLiteral("w"), QStringLiteral("workspace")},
                                             QStringLiteral("The workspace file to use."), QStringLiteral("PATH"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print JSON instead of text."));
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")},
                                        QStringLiteral("Show this help."));
    parser.addOption(workspaceOption);
    if (json)
        parser.addOption(jsonOption);
    parser.addOption(helpOption);
    if (!parser.parse(m_args.mid(0, 1) + m_args.mid(2)))
        throw CliError(parser.errorText() + QStringLiteral(" (usage: reverie %1)").arg(synopsis), 2);
    if (parser.isSet(helpOption)) {
        m_out << "Usage: reverie " << synopsis << "\n\n" << parser.helpText().section(QLatin1Char('\n'), 2);
        return false;
    }
    if (parser.isSet(workspaceOption))
        m_workspacePath = parser.value(workspaceOption);
    m_json = json && parser.isSet(jsonOption);
    return true;
}

store::Workspace &CliContext::workspace(bool create)
{
    if (!m_workspace) {
        store::Workspace::Options options;
        options.create = create;
        m_workspace = std::make_unique<store::Workspace>(m_workspacePath, options);
        finishPublishing();
    }
    return *m_workspace;
}

void CliContext::finishPublishing()
{
    // A publish that failed or was cut off by a crash after its decision committed is finished
    // by whatever opens the workspace next.
    if (m_workspace->isReadOnly() || m_workspace->schemaVersion() < 6)
        return;
    try {
        const review::PublishReport report = review::Publisher(*m_workspace).publishPending();
        if (report.failures() > 0)
            m_err << "reverie: " << report.failureSummary() << " (still waiting; `reverie publish` retries)\n";
        m_err.flush();
    } catch (const reverie::Error &e) {
        m_err << "reverie: publishing what was left failed: " << e.message() << '\n';
        m_err.flush();
    }
}

} // namespace reverie::cli
