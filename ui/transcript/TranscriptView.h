#pragma once

#include <QTreeView>

#include <memory>

namespace reverie::ui {

class LatestRead;
class TimelinePanel;
class TranscriptDelegate;
class TranscriptModel;
struct TimelineData;

// The run as a conversation, beside its timeline: one row per entry, painted by a delegate (no
// widget per step) and laid out lazily, so a 100,000-step run opens like a ten-step one.
//
// Keys: arrows move, Enter folds or unfolds a tool call's result, Space shows a long text in
// full (or cuts it again), Ctrl+C copies the selected entries as Markdown.
class TranscriptView : public QTreeView {
    Q_OBJECT
public:
    explicit TranscriptView(QWidget *parent = nullptr);
    ~TranscriptView() override;

    TranscriptModel *transcript() const { return m_model; }

    void setWorkspacePath(const QString &path);
    void setTimeline(std::shared_ptr<const TimelineData> data);
    // Highlights the words of a search (what the page's search box holds).
    void setSearchText(const QString &text);

    // Keeps this view and the timeline (and so its step pane) on the same step, both ways.
    void follow(TimelinePanel *timeline);

    // The step of the current entry (an index into the timeline's steps); -1 when none.
    int currentStep() const;
    // Makes the entry showing `stepIndex` current and scrolls to it, without stepSelected.
    void setCurrentStep(int stepIndex);

    void toggleResult();
    void toggleShowAll();
    // Copies the selected entries (or the whole run) as Markdown once their texts are read.
    void copyMarkdown(bool wholeRun = false);
    bool isCopying() const;

    // Typing does not search: it would read the words of every row of a long run.
    void keyboardSearch(const QString &) override {}

Q_SIGNALS:
    // The reader moved to another entry here.
    void stepSelected(int stepIndex);
    // The Markdown is on the clipboard.
    void copied(int entries);
    // Reading the run's words failed; `message` says what happened.
    void failed(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void currentChanged(const QModelIndex &current, const QModelIndex &previous) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    TranscriptModel *m_model = nullptr;
    TranscriptDelegate *m_delegate = nullptr;
    LatestRead *m_copyReader = nullptr;
    QString m_path;
    bool m_syncing = false;
};

} // namespace reverie::ui
