#include "app/cli/CliContext.h"
#include "app/cli/Commands.h"
#include "app/cli/JsonOutput.h"
#include "core/ingest/FormatRegistry.h"
#include "core/ingest/ImportRunner.h"
#include "core/store/Workspace.h"

#include <QCommandLineParser>

namespace reverie::cli {

namespace {

// One line per file: what was added, and what was not because it is stored already.
QString describe(const ingest::FileResult &r)
{
    QString line = QStringLiteral("%1: %2, ").arg(r.path, r.format);
    if (r.trajectories == 0 && r.alreadyStored > 0) {
        line += QStringLiteral("nothing added");
    } else {
        line += QStringLiteral("%1 trajectories, %2 steps").arg(r.trajectories).arg(r.steps);
        if (r.runsExtended > 0 || r.runsReplaced > 0) {
            line += QStringLiteral(" (%1 new, %2 continued, %3 changed and replaced)")
                        .arg(r.runsAdded)
                        .arg(r.runsExtended)
                        .arg(r.runsReplaced);
        }
        if (r.resumed)
            line += QStringLiteral(", read from where its last import ended");
    }
    if (r.alreadyStored > 0) {
        line += QStringLiteral("; %1 %2 already stored from %3")
                    .arg(r.alreadyStored)
                    .arg(r.alreadyStored == 1 ? QStringLiteral("run") : QStringLiteral("runs"), r.alreadyStoredFrom);
    }
    if (r.heldBackBytes > 0)
        line += QStringLiteral("; its last line has no newline yet and waits for the next import");
    return line;
}

} // namespace

int importCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption formatOption(
        QStringLiteral("format"), QStringLiteral("Read every file as FORMAT instead of detecting it."),
        QStringLiteral("FORMAT"));
    parser.addOption(formatOption);
    const QCommandLineOption playbookOption(
        QStringLiteral("playbook-version"),
        QStringLiteral("The playbook version these runs ran under, for every run that does not name its own."),
        QStringLiteral("V"));
    parser.addOption(playbookOption);
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Files or folders to import."),
                                 QStringLiteral("FILE..."));
    if (!ctx.parse(parser, QStringLiteral("import [--format NAME] [--playbook-version V] [--json] FILE...")))
        return 0;
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty())
        throw CliError(QStringLiteral("name at least one file or folder to import"), 2);

    const auto &registry = ingest::FormatRegistry::builtin();
    ingest::ImportRunner::Options options;
    options.forcedFormat = parser.value(formatOption);
    if (parser.isSet(playbookOption)) {
        bool ok = false;
        options.playbookVersion = parser.value(playbookOption).toInt(&ok);
        if (!ok || options.playbookVersion <= 0) {
            throw CliError(QStringLiteral("--playbook-version takes a version number of 1 or more, not \"%1\"")
                               .arg(parser.value(playbookOption)),
                           2);
        }
    }
    if (!options.forcedFormat.isEmpty() && !registry.byName(options.forcedFormat)) {
        throw CliError(QStringLiteral("unknown format \"%1\"; known formats: %2")
                           .arg(options.forcedFormat, registry.names().join(QLatin1String(", "))),
                       2);
    }

    ingest::ImportRunner runner(ctx.workspace(), registry);
    if (!ctx.json()) {
        runner.setFileDone([&ctx](int, const ingest::FileResult &r) {
            if (!r.ok())
                ctx.err() << "error: " << r.error << '\n';
            else if (r.duplicate)
                ctx.out() << r.path << ": already imported, nothing added\n";
            else
                ctx.out() << describe(r) << '\n';
            ctx.out().flush();
            ctx.err().flush();
        });
    }
    const std::vector<ingest::FileResult> results = runner.importFiles(files, options);

    int failed = 0;
    Json report = Json::array();
    for (const ingest::FileResult &r : results) {
        if (!r.ok())
            ++failed;
        report.push_back(Json{{"path", u8(r.path)},
                              {"format", nullable(r.format)},
                              {"trajectories", r.trajectories},
                              {"steps", r.steps},
                              {"duplicate", r.duplicate},
                              {"runs_added", r.runsAdded},
                              {"runs_extended", r.runsExtended},
                              {"runs_replaced", r.runsReplaced},
                              {"already_stored", r.alreadyStored},
                              {"already_stored_from", nullable(r.alreadyStoredFrom)},
                              {"resumed", r.resumed},
                              {"held_back_bytes", r.heldBackBytes},
                              {"error", r.ok() ? Json(nullptr) : Json(u8(r.error))}});
    }
    if (ctx.json())
        printJson(ctx.out(), report);
    if (failed > 0) {
        throw CliError(QStringLiteral("%1 of %2 files failed to import; nothing from them was stored")
                           .arg(failed)
                           .arg(results.size()));
    }
    return 0;
}

int formatsCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    if (!ctx.parse(parser, QStringLiteral("formats [--json]")))
        return 0;
    Json list = Json::array();
    for (const auto &imp : ingest::FormatRegistry::builtin().importers()) {
        if (ctx.json())
            list.push_back(Json{{"name", u8(imp->name())}, {"description", u8(imp->description())}});
        else
            ctx.out() << imp->name().leftJustified(24) << imp->description() << '\n';
    }
    if (ctx.json())
        printJson(ctx.out(), list);
    return 0;
}

} // namespace reverie::cli
