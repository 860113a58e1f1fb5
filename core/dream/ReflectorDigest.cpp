#include "core/dream/ReflectorDigest.h"

#include "core/playbook/Budget.h"
#include "core/store/TrajectoryQueries.h"
#include "core/store/Workspace.h"

#include <algorithm>

namespace reverie::dream {

namespace {

constexpr int kMaxLines = 40;        // per run: the first few and the last ones are kept
constexpr int kHeadLines = 8;
constexpr int kMaxLineChars = 220;

QString flat(const QString &text, int max)
{
    QString s = text.simplified();
    s.replace(QLatin1Char('<'), QChar(0x2039));   // data cannot pose as a <run> element
    s.replace(QLatin1Char('>'), QChar(0x203A));
    return s.size() > max ? s.left(max - 1) + QChar(0x2026) : s;
}

QString stepLine(const store::StoredStep &s)
{
    const Step &st = s.step;
    QString what;
    switch (st.kind) {
    case StepKind::Task: what = QStringLiteral("task: "); break;
    case StepKind::Plan: what = QStringLiteral("plan: "); break;
    case StepKind::ToolCall: what = QStringLiteral("call %1 ").arg(flat(st.tool, 60)); break;
    case StepKind::Observation:
        what = st.isError ? QStringLiteral("ERROR from %1: ").arg(flat(st.tool, 60))
                          : QStringLiteral("result of %1: ").arg(flat(st.tool, 60));
        break;
    case StepKind::Message: what = QStringLiteral("%1 says: ").arg(st.role.isEmpty() ? QStringLiteral("message") : flat(st.role, 20)); break;
    case StepKind::Outcome: what = QStringLiteral("outcome: "); break;
    case StepKind::Verdict: what = QStringLiteral("verdict: "); break;
    case StepKind::Other: what = QStringLiteral("note: "); break;
    }
    const int budget = st.kind == StepKind::Observation && !st.isError ? 100 : kMaxLineChars;
    return QStringLiteral("[step %1] %2%3").arg(s.id).arg(what, flat(st.text, budget));
}

QString runDigest(store::TrajectoryQueries &q, const RunHeader &h)
{
    QStringList lines;
    lines << QStringLiteral("<run id=\"%1\" workflow=\"%2\" verdict=\"%3\">")
                 .arg(flat(h.externalId, 80), flat(h.workflow, 60), verdictName(h.verdict));
    if (!h.verdictNotes.isEmpty())
        lines << QStringLiteral("reviewer notes: %1").arg(flat(h.verdictNotes, kMaxLineChars));
    const std::vector<store::StoredStep> steps = q.steps(h.id);
    QStringList body;
    for (const store::StoredStep &s : steps)
        body << stepLine(s);
    if (body.size() > kMaxLines) {
        const int tail = kMaxLines - kHeadLines;
        const int skipped = int(body.size()) - kMaxLines;
        body = body.mid(0, kHeadLines) + QStringList{QStringLiteral("(%1 steps omitted)").arg(skipped)}
            + body.mid(body.size() - tail);
    }
    lines << body << QStringLiteral("</run>");
    return lines.join(QLatin1Char('\n'));
}

} // namespace

ReflectorDigest buildDigest(store::Workspace &ws, const std::vector<RunHeader> &headers, int tokenBudget)
{
    std::vector<const RunHeader *> failures, successes;
    QStringList focusWorkflows;
    for (const RunHeader &h : headers) {
        if (h.inFocus && h.verdict == Verdict::Failure) {
            failures.push_back(&h);
            if (!focusWorkflows.contains(h.workflow))
                focusWorkflows << h.workflow;
        }
    }
    for (const RunHeader &h : headers) {
        if (h.verdict == Verdict::Success && focusWorkflows.contains(h.workflow))
            successes.push_back(&h);
    }
    const auto newestFirst = [](const RunHeader *a, const RunHeader *b) {
        return a->startedMs != b->startedMs ? a->startedMs > b->startedMs : a->id > b->id;
    };
    std::stable_sort(failures.begin(), failures.end(), newestFirst);
    std::stable_sort(successes.begin(), successes.end(), newestFirst);

    store::TrajectoryQueries q(ws);
    ReflectorDigest d;
    QStringList parts;
    std::size_t fi = 0, si = 0;
    // Two failures, then a success to contrast, until the budget is spent.
    while (fi < failures.size() || si < successes.size()) {
        const bool takeSuccess = si < successes.size() && (fi >= failures.size() || (d.failedRuns >= 2 * (d.successfulRuns + 1)));
        const RunHeader *h = takeSuccess ? successes[si++] : failures[fi++];
        const QString digest = runDigest(q, *h);
        const int cost = playbook::estimateTokens(digest);
        if (d.tokens + cost > tokenBudget) {
            if (d.failedRuns == 0 && !takeSuccess)
                continue;   // this failure is too long: try a shorter one
            break;
        }
        parts << digest;
        d.tokens += cost;
        (takeSuccess ? d.successfulRuns : d.failedRuns) += 1;
    }
    d.text = parts.join(QStringLiteral("\n\n"));
    return d;
}

QString playbookDigest(const PlaybookVersion &playbook)
{
    if (playbook.rules.empty())
        return QStringLiteral("(the playbook has no rules yet)");
    QStringList lines;
    for (const Rule &r : playbook.rules) {
        QStringList scope;
        if (!r.scope.workflows.isEmpty())
            scope << r.scope.workflows.join(QStringLiteral(", "));
        if (!r.scope.tools.isEmpty())
            scope << QStringLiteral("tools: %1").arg(r.scope.tools.join(QStringLiteral(", ")));
        if (!r.scope.models.isEmpty())
            scope << QStringLiteral("models: %1").arg(r.scope.models.join(QStringLiteral(", ")));
        lines << QStringLiteral("%1 [%2] %3").arg(r.id, scope.isEmpty() ? QStringLiteral("everywhere") : scope.join(QStringLiteral("; ")),
                                                  flat(r.text, 400));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace reverie::dream
