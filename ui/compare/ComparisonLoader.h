#pragma once

#include "ui/compare/ToolAlignment.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <vector>

namespace reverie::ui {

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

// Runs loadComparison on a worker thread; the latest request wins.
class ComparisonLoader : public QObject {
    Q_OBJECT
public:
    explicit ComparisonLoader(QObject *parent = nullptr);
    ~ComparisonLoader() override;

    void load(const QString &workspacePath, qint64 leftId, qint64 rightId);
    void cancel();
    bool isLoading() const { return m_pending; }
    const Comparison &result() const { return m_result; }

Q_SIGNALS:
    void loaded();
    void failed(const QString &message);

private:
    quint64 m_tag = 0;
    bool m_pending = false;
    std::shared_ptr<std::atomic_bool> m_cancel;
    Comparison m_result;
};

} // namespace reverie::ui
