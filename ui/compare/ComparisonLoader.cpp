#include "ui/compare/ComparisonLoader.h"

#include "core/model/Step.h"
#include "core/store/TimelineQueries.h"
#include "core/store/Workspace.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

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

Comparison loadComparison(const QString &workspacePath, qint64 leftId, qint64 rightId, const std::atomic_bool *cancel)
{
    Comparison r;
    r.leftId = leftId;
    r.rightId = rightId;
    try {
        store::Workspace ws(workspacePath, store::Workspace::Options{false, -1});
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
    } catch (const reverie::Error &e) {
        r.error = e.message();
    }
    return r;
}

ComparisonLoader::ComparisonLoader(QObject *parent) : QObject(parent) {}

ComparisonLoader::~ComparisonLoader() { cancel(); }

void ComparisonLoader::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
    ++m_tag;
    m_pending = false;
}

void ComparisonLoader::load(const QString &workspacePath, qint64 leftId, qint64 rightId)
{
    cancel();
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_pending = true;
    const quint64 tag = m_tag;
    auto *watcher = new QFutureWatcher<Comparison>(this);
    connect(watcher, &QFutureWatcher<Comparison>::finished, this, [this, watcher, tag] {
        watcher->deleteLater();
        if (tag != m_tag)
            return;   // superseded
        m_pending = false;
        Comparison r = watcher->result();
        if (r.cancelled)
            return;
        if (!r.error.isEmpty()) {
            Q_EMIT failed(r.error);
            return;
        }
        m_result = std::move(r);
        Q_EMIT loaded();
    });
    std::shared_ptr<std::atomic_bool> flag = m_cancel;
    watcher->setFuture(QtConcurrent::run([workspacePath, leftId, rightId, flag] {
        return loadComparison(workspacePath, leftId, rightId, flag.get());
    }));
}

} // namespace reverie::ui
