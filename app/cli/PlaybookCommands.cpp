// The playbook itself: history, diff, render, import, publish, policy and outcomes.

#include "app/cli/CliContext.h"
#include "app/cli/Commands.h"
#include "app/cli/JsonOutput.h"
#include "core/playbook/PlaybookParser.h"
#include "core/playbook/Render.h"
#include "core/playbook/RuleDiff.h"
#include "core/review/Ledger.h"
#include "core/store/OutcomeStats.h"
#include "core/store/PlaybookHistory.h"
#include "core/review/Policy.h"
#include "core/store/Workspace.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>

namespace reverie::cli {

namespace {

std::vector<playbook::RuleChange> changesOf(const std::vector<Rule> &before, const std::vector<Rule> &after)
{
    std::vector<playbook::RuleChange> out;
    for (auto &c : playbook::diffRules(before, after)) {
        if (c.kind != playbook::RuleChange::Kind::Unchanged)
            out.push_back(std::move(c));
    }
    return out;
}

Json changeJson(const playbook::RuleChange &c)
{
    Json words = Json::array();
    for (const auto &seg : c.words) {
        const char *op = seg.op == playbook::DiffSegment::Op::Equal ? "equal"
                         : seg.op == playbook::DiffSegment::Op::Delete ? "delete" : "insert";
        words.push_back(Json{{"op", op}, {"text", u8(seg.text)}});
    }
    return Json{{"rule", u8(c.ruleId)},
                {"kind", u8(playbook::ruleChangeKindName(c.kind))},
                {"before", c.before ? Json(u8(c.before->text)) : Json(nullptr)},
                {"after", c.after ? Json(u8(c.after->text)) : Json(nullptr)},
                {"scope_changed", c.scopeChanged},
                {"stakes_changed", c.stakesChanged},
                {"words", words}};
}

QString describeChange(const playbook::RuleChange &c)
{
    switch (c.kind) {
    case playbook::RuleChange::Kind::Added: return QStringLiteral("+ %1 %2").arg(c.ruleId, c.after->text);
    case playbook::RuleChange::Kind::Removed: return QStringLiteral("- %1 %2").arg(c.ruleId, c.before->text);
    case playbook::RuleChange::Kind::Changed:
        return QStringLiteral("~ %1 %2").arg(c.ruleId, playbook::inlineDiff(c.words));
    case playbook::RuleChange::Kind::Unchanged: break;
    }
    return {};
}

int versionArgument(const QString &text, const char *what)
{
    bool ok = false;
    const int v = text.toInt(&ok);
    if (!ok || v < 0)
        throw CliError(QStringLiteral("%1 must be a version number").arg(QLatin1String(what)), 2);
    return v;
}

std::vector<Rule> rulesAt(store::PlaybookHistory &history, int number)
{
    if (number == 0)
        return {};
    const auto v = history.version(number);
    if (!v)
        throw CliError(QStringLiteral("no playbook version %1").arg(number));
    return v->rules;
}

} // namespace

int historyCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    if (!ctx.parse(parser, QStringLiteral("history [--json]")))
        return 0;
    store::PlaybookHistory history(ctx.workspace(false));
    const auto versions = history.versions(true);
    Json list = Json::array();
    std::vector<Rule> previous;
    for (const PlaybookVersion &v : versions) {
        const auto changes = changesOf(previous, v.rules);
        if (ctx.json()) {
            Json ch = Json::array();
            for (const auto &c : changes)
                ch.push_back(changeJson(c));
            list.push_back(Json{{"version", v.number}, {"parent", v.parent}, {"author", u8(v.author)},
                                {"reason", u8(v.reason)}, {"time", v.createdMs}, {"change", u8(v.change)},
                                {"proposal", v.proposalId ? Json(v.proposalId) : Json(nullptr)},
                                {"rules", int(v.rules.size())}, {"hash", u8(v.hash)}, {"changes", ch}});
        } else {
            ctx.out() << "v" << v.number << "  " << isoTime(v.createdMs) << "  " << v.change << " by " << v.author;
            if (v.proposalId)
                ctx.out() << " (proposal " << v.proposalId << ")";
            if (!v.reason.isEmpty())
                ctx.out() << ": " << v.reason;
            ctx.out() << '\n';
            for (const auto &c : changes)
                ctx.out() << "    " << describeChange(c) << '\n';
        }
        previous = v.rules;
    }
    if (ctx.json())
        printJson(ctx.out(), list);
    else if (versions.empty())
        ctx.out() << "the playbook has no versions yet\n";
    return 0;
}

int diffCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("V1"), QStringLiteral("The older version (0 = empty)."));
    parser.addPositionalArgument(QStringLiteral("V2"), QStringLiteral("The newer version."));
    if (!ctx.parse(parser, QStringLiteral("diff V1 V2 [--json]")))
        return 0;
    if (parser.positionalArguments().size() != 2)
        throw CliError(QStringLiteral("name two versions"), 2);
    store::PlaybookHistory history(ctx.workspace(false));
    const auto before = rulesAt(history, versionArgument(parser.positionalArguments().at(0), "V1"));
    const auto after = rulesAt(history, versionArgument(parser.positionalArguments().at(1), "V2"));
    const auto changes = changesOf(before, after);
    if (ctx.json()) {
        Json list = Json::array();
        for (const auto &c : changes)
            list.push_back(changeJson(c));
        printJson(ctx.out(), list);
    } else {
        for (const auto &c : changes)
            ctx.out() << describeChange(c) << '\n';
    }
    return 0;
}

int playbookCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("markdown (default) or json."),
                                    QStringLiteral("F"), QStringLiteral("markdown"));
    const QCommandLineOption version(QStringLiteral("version"), QStringLiteral("A past version."), QStringLiteral("V"));
    const QCommandLineOption author(QStringLiteral("author"), QStringLiteral("import: who imports."),
                                    QStringLiteral("NAME"));
    parser.addOptions({format, version, author});
    parser.addPositionalArgument(QStringLiteral("import"), QStringLiteral("`import FILE`: start the playbook from a file."),
                                 QStringLiteral("[import FILE]"));
    if (!ctx.parse(parser, QStringLiteral("playbook [--format markdown|json] [--version V] | playbook import FILE"), false))
        return 0;
    const QStringList args = parser.positionalArguments();
    if (!args.isEmpty()) {
        if (args.first() != QLatin1String("import") || args.size() != 2)
            throw CliError(QStringLiteral("usage: reverie playbook import FILE [--author NAME]"), 2);
        QFile file(args.at(1));
        if (!file.open(QIODevice::ReadOnly))
            throw CliError(QStringLiteral("%1: %2").arg(args.at(1), file.errorString()));
        const auto rules = playbook::parsePlaybook(file.readAll(), args.at(1));
        const QString who = parser.value(author).isEmpty() ? qEnvironmentVariable("USER", QStringLiteral("operator"))
                                                           : parser.value(author);
        review::Ledger ledger(ctx.workspace());
        try {
            const int n = ledger.importPlaybook(rules, who, QFileInfo(args.at(1)).fileName());
            ctx.out() << "imported " << rules.size() << " rules as playbook version " << n << '\n';
        } catch (const review::LedgerRefusal &e) {
            throw CliError(e.message());
        }
        return 0;
    }
    const QString fmt = parser.value(format);
    if (fmt != QLatin1String("markdown") && fmt != QLatin1String("json"))
        throw CliError(QStringLiteral("--format takes markdown or json"), 2);
    store::PlaybookHistory history(ctx.workspace(false));
    PlaybookVersion v = history.current();
    if (parser.isSet(version)) {
        const auto past = history.version(versionArgument(parser.value(version), "--version"));
        if (!past)
            throw CliError(QStringLiteral("no playbook version %1").arg(parser.value(version)));
        v = *past;
    }
    const QByteArray bytes = fmt == QLatin1String("json") ? playbook::renderJson(v) : playbook::renderMarkdown(v.rules);
    ctx.out().flush();
    ctx.out() << QString::fromUtf8(bytes);
    return 0;
}

int publishCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    if (!ctx.parse(parser, QStringLiteral("publish [--json]")))
        return 0;
    review::Ledger ledger(ctx.workspace(false));
    const review::PublishReport report = ledger.publish();
    if (report.targets.empty())
        throw CliError(QStringLiteral("nothing to publish: add a target with `reverie policy --add-target PATH --reviewer NAME`, "
                                      "and approve a playbook version"));
    if (ctx.json()) {
        Json list = Json::array();
        for (const auto &t : report.targets)
            list.push_back(Json{{"target", u8(t.path)}, {"version", t.version}, {"ok", t.error.isEmpty()},
                                {"error", nullable(t.error)}});
        printJson(ctx.out(), list);
    } else {
        for (const QString &p : report.written())
            ctx.out() << "published " << p << '\n';
    }
    if (report.failures() > 0)
        throw CliError(report.failureSummary(), kPublishFailedExit);
    return 0;
}

} // namespace reverie::cli
