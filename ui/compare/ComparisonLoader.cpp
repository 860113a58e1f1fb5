#include "ui/compare/ComparisonLoader.h"

#include "core/model/Step.h"
#include "core/store/TimelineQueries.h"
#include "core/store/Workspace.h"
#include "ui/common/LatestRead.h"

namespace reverie::ui {

namespace {

std::vector<ToolCallRef> toolCalls(const store::StepColumns &c)
{
    std::vector<ToolCallRef> out;
    for (std::size_t i = 0; i < c.size(); ++i) {
        if (c.kinds[i] == quint8(StepKind::ToolCall)) {
            out.push_back({c.ids[i], c.seqs[i], c.toolNames.value(c.tools[i]), c.errors[i] != 0});
        } else if (!out.empty() && c.errors[i]) {
            out.back().error = true;   // an error before the next call is this call's outcome
        }
    }
    return out;
}

QStringList names(const std::vector<ToolCallRef> &calls)
{
    QStringList out;
    out.reserve(qsizetype(calls.size()));
    for (const ToolCallRef &c : calls)
        out << c.tool;
    return out;
}

} // namespace

Comparison loadComparison(store::Workspace &ws, qint64 leftId, qint64 rightId, const std::atomic_bool *cancel)
{
    Comparison r;
    r.leftId = leftId;
    r.rightId = rightId;
    store::TimelineQueries q(ws);
    const store::StepColumns a = q.stepColumns(leftId, cancel);
    const store::StepColumns b = a.cancelled ? store::StepColumns{} : q.stepColumns(rightId, cancel);
    if (a.cancelled || b.cancelled || (cancel && cancel->load())) {
        r.cancelled = true;
        return r;
    }
    r.left = toolCalls(a);
    r.right = toolCalls(b);
    r.pairs = alignToolSequences(names(r.left), names(r.right));
    return r;
}

Comparison loadComparison(const QString &workspacePath, qint64 leftId, qint64 rightId, const std::atomic_bool *cancel)
{
    try {
        store::Workspace ws(workspacePath, store::Workspace::Options{false, -1});
        return loadComparison(ws, leftId, rightId, cancel);
    } catch (const reverie::Error &e) {
        Comparison r;
        r.leftId = leftId;
        r.rightId = rightId;
        r.error = e.message();
        return r;
    }
}

ComparisonLoader::ComparisonLoader(QObject *parent) : QObject(parent), m_reader(new LatestRead(this)) {}

ComparisonLoader::~ComparisonLoader() = default;

bool ComparisonLoader::isLoading() const { return m_reader->isBusy(); }

void ComparisonLoader::cancel() { m_reader->cancel(); }

void ComparisonLoader::load(const QString &workspacePath, qint64 leftId, qint64 rightId)
{
    m_reader->run<Comparison>(
        workspacePath,
        [leftId, rightId](store::Workspace &ws, const std::atomic_bool &stale) {
            return loadComparison(ws, leftId, rightId, &stale);
        },
        [this](ReadResult<Comparison> r) {
            if (!r.ok()) {
                Q_EMIT failed(r.error);
                return;
            }
            if (r.value->cancelled)
                return;
            m_result = std::move(*r.value);
            Q_EMIT loaded();
        });
}

} // namespace reverie::ui
