#pragma once

#include "ui/compare/ToolAlignment.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <vector>

namespace reverie::store {
class Workspace;
}

namespace reverie::ui {

class LatestRead;

// One tool call of a run, as the compare view lists it.
struct ToolCallRef {
    qint64 stepId = 0;
    int seq = 0;
    QString tool;
    bool error = false;   // the call or its observation failed
};

// Two runs' tool calls and how they line up.
struct Comparison {
    qint64 leftId = 0;
    qint64 rightId = 0;
    std::vector<ToolCallRef> left;
    std::vector<ToolCallRef> right;
    std::vector<AlignedPair> pairs;
    QString error;
    bool cancelled = false;
};

// Reads both runs through its own connection and aligns their tool calls. Safe on any thread.
Comparison loadComparison(const QString &workspacePath, qint64 leftId, qint64 rightId,
                          const std::atomic_bool *cancel = nullptr);
// The same through a connection the caller has (a worker's); throws what the store throws.
Comparison loadComparison(store::Workspace &ws, qint64 leftId, qint64 rightId, const std::atomic_bool *cancel = nullptr);

// Runs loadComparison on a worker thread through LatestRead; the latest request wins.
class ComparisonLoader : public QObject {
    Q_OBJECT
public:
    explicit ComparisonLoader(QObject *parent = nullptr);
    ~ComparisonLoader() override;

    void load(const QString &workspacePath, qint64 leftId, qint64 rightId);
    void cancel();
    bool isLoading() const;
    const Comparison &result() const { return m_result; }

Q_SIGNALS:
    void loaded();
    void failed(const QString &message);

private:
    LatestRead *m_reader = nullptr;
    Comparison m_result;
};

} // namespace reverie::ui
