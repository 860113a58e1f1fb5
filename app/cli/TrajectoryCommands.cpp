#include "app/cli/CliContext.h"
#include "app/cli/Commands.h"
#include "app/cli/JsonOutput.h"
#include "core/store/TrajectoryQueries.h"
#include "core/store/Workspace.h"

#include <QCommandLineParser>

namespace reverie::cli {

namespace {

QString oneLine(QString s, int max)
{
    s.replace(QLatin1Char('\n'), QLatin1Char(' '));
    s = s.simplified();
    return s.size() > max ? s.left(max - 1) + QChar(0x2026) : s;
}

Json rawOrText(const QByteArray &raw)
{
    if (raw.isEmpty())
        return nullptr;
    Json parsed = Json::parse(raw.begin(), raw.end(), nullptr, false);
    if (parsed.is_discarded())
        return Json(raw.toStdString());   // formats that are text, not JSON
    return parsed;
}

} // namespace

int trajectoriesCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption failed(QStringLiteral("failed"), QStringLiteral("Only runs with a failure verdict."));
    const QCommandLineOption verdict(QStringLiteral("verdict"), QStringLiteral("success, failure or unknown."),
                                     QStringLiteral("VERDICT"));
    const QCommandLineOption workflow(QStringLiteral("workflow"), QStringLiteral("Only this workflow."),
                                      QStringLiteral("W"));
    const QCommandLineOption model(QStringLiteral("model"), QStringLiteral("Only this model."), QStringLiteral("M"));
    const QCommandLineOption errors(QStringLiteral("errors"), QStringLiteral("Only runs with error steps."));
    const QCommandLineOption search(QStringLiteral("search"), QStringLiteral("Words a step must contain."),
                                    QStringLiteral("TEXT"));
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("At most N rows (default 100, 0 = all)."),
                                   QStringLiteral("N"), QStringLiteral("100"));
    parser.addOptions({failed, verdict, workflow, model, errors, search, limit});
    if (!ctx.parse(parser, QStringLiteral("trajectories [--failed] [--workflow W] [--search TEXT] [--json]")))
        return 0;

    store::TrajectoryFilter filter;
    if (parser.isSet(failed))
        filter.verdict = Verdict::Failure;
    if (parser.isSet(verdict)) {
        filter.verdict = verdictFromName(parser.value(verdict));
        if (!filter.verdict)
            throw CliError(QStringLiteral("--verdict takes success, failure or unknown"), 2);
    }
    filter.workflow = parser.value(workflow);
    filter.model = parser.value(model);
    filter.errorsOnly = parser.isSet(errors);
    filter.search = parser.value(search);
    bool ok = false;
    const int max = parser.value(limit).toInt(&ok);
    if (!ok || max < 0)
        throw CliError(QStringLiteral("--limit takes a whole number"), 2);

    store::TrajectoryQueries queries(ctx.workspace(false));
    const auto rows = queries.list(filter, 0, max == 0 ? -1 : max);
    if (ctx.json()) {
        Json list = Json::array();
        for (const auto &t : rows)
            list.push_back(toJson(t));
        printJson(ctx.out(), list);
        return 0;
    }
    for (const auto &t : rows) {
        ctx.out() << t.info.externalId << '\t' << verdictName(t.info.verdict) << '\t'
                  << (t.info.workflow.isEmpty() ? QStringLiteral("-") : t.info.workflow) << '\t' << t.stepCount
                  << " steps\t" << t.errorCount << " errors\t" << oneLine(t.info.task, 60) << '\n';
    }
    const qint64 total = queries.count(filter);
    if (qint64(rows.size()) < total)
        ctx.err() << "(" << rows.size() << " of " << total << " shown; use --limit 0 for all)\n";
    return 0;
}

int showCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("TRAJECTORY_ID"),
                                 QStringLiteral("The run's id as its file names it, or #ROW."));
    if (!ctx.parse(parser, QStringLiteral("show TRAJECTORY_ID [--json]")))
        return 0;
    if (parser.positionalArguments().size() != 1)
        throw CliError(QStringLiteral("name exactly one trajectory id"), 2);
    const QString id = parser.positionalArguments().first();

    store::TrajectoryQueries queries(ctx.workspace(false));
    const auto found = queries.findByExternalId(id);
    if (found.empty())
        throw CliError(QStringLiteral("no trajectory with id \"%1\"").arg(id));
    if (found.size() > 1) {
        QStringList rows;
        for (const auto &t : found)
            rows << QStringLiteral("#%1 (%2)").arg(t.id).arg(t.sourcePath);
        throw CliError(QStringLiteral("\"%1\" names %2 trajectories: %3; pick one by row")
                           .arg(id)
                           .arg(found.size())
                           .arg(rows.join(QLatin1String(", "))));
    }
    const TrajectorySummary &t = found.front();
    const auto steps = queries.steps(t.id);
    if (ctx.json()) {
        Json j = toJson(t);
        Json list = Json::array();
        for (const auto &s : steps) {
            list.push_back(Json{{"id", s.id},
                                {"seq", s.step.seq},
                                {"ts", timeOrNull(s.step.timestampMs)},
                                {"kind", u8(stepKindName(s.step.kind))},
                                {"tool", nullable(s.step.tool)},
                                {"call_id", nullable(s.step.callId)},
                                {"role", nullable(s.step.role)},
                                {"text", u8(s.step.text)},
                                {"is_error", s.step.isError},
                                {"duration_ms", s.step.durationMs < 0 ? Json(nullptr) : Json(s.step.durationMs)},
                                {"raw", rawOrText(s.step.raw)}});
        }
        j["step_list"] = std::move(list);
        printJson(ctx.out(), j);
        return 0;
    }
    QTextStream &out = ctx.out();
    out << t.info.externalId << "  [" << verdictName(t.info.verdict) << "]\n";
    if (!t.info.task.isEmpty())
        out << "task:      " << oneLine(t.info.task, 200) << '\n';
    out << "workflow:  " << (t.info.workflow.isEmpty() ? QStringLiteral("-") : t.info.workflow) << '\n';
    out << "model:     " << (t.info.model.isEmpty() ? QStringLiteral("-") : t.info.model) << '\n';
    if (t.info.playbookVersion > 0 && !t.info.playbookSource.isEmpty())
        out << "playbook: version " << t.info.playbookVersion << " (" << t.info.playbookSource << ")\n";
    else
        out << "playbook: unknown\n";
    if (!t.info.cwd.isEmpty())
        out << "cwd:       " << t.info.cwd << '\n';
    if (!t.info.outcome.isEmpty())
        out << "outcome:   " << t.info.outcome << '\n';
    if (!t.info.verdictNotes.isEmpty())
        out << "notes:     " << t.info.verdictNotes << '\n';
    out << "source:    " << t.sourcePath << " (" << t.format << ")\n";
    out << "steps:     " << t.stepCount << ", errors: " << t.errorCount << "\n\n";
    for (const auto &s : steps) {
        out << QString::number(s.step.seq).rightJustified(4) << "  " << stepKindName(s.step.kind).leftJustified(12)
            << (s.step.isError ? "ERROR " : "      ");
        if (!s.step.tool.isEmpty())
            out << s.step.tool << ": ";
        out << oneLine(s.step.text, 140) << '\n';
    }
    return 0;
}


} // namespace reverie::cli
