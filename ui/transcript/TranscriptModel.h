#pragma once

#include "ui/transcript/TranscriptEntries.h"
#include "ui/transcript/TranscriptTexts.h"

#include <QAbstractListModel>
#include <QSet>
#include <QStringList>

#include <map>
#include <memory>
#include <vector>

class QTimer;

namespace reverie::ui {

class LatestRead;
struct TimelineData;

// A run as a conversation, one row per entry (TranscriptEntries): virtualised like the
// timeline. The structure comes from the timeline's data (no read of its own); the words are
// read in pages of steps on a worker when a row is first painted (fetchTexts), and cached. Until its page
// arrives a row has no text (TextRole is null) and LoadedRole is false.
class TranscriptModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        KindRole = Qt::UserRole + 1,   // int, StepKind of the entry's step
        SeqRole,
        StepIndexRole,                 // the entry's step, as an index into the timeline's steps
        ResultStepRole,                // the folded result's step index; -1 when none
        ResultSeqRole,
        ErrorRole,                     // the step itself is an error
        ResultErrorRole,
        LoadedRole,                    // the texts below have arrived
        TextRole,
        RoleRole,                      // a message's speaker
        ToolRole,
        ResultTextRole,
        ResultFoldedRole,              // the result is hidden under its call
        ShowAllRole,                   // long texts are shown in full
    };
    static constexpr int kPageSize = 256;

    explicit TranscriptModel(QObject *parent = nullptr);
    ~TranscriptModel() override;

    void setWorkspacePath(const QString &path);
    // Shows the run the timeline holds (nullptr: none). The same data again keeps the state.
    void setTimeline(std::shared_ptr<const TimelineData> data);
    std::shared_ptr<const TimelineData> timeline() const { return m_data; }
    const TranscriptEntries &entries() const { return m_entries; }

    int rowOfStep(int stepIndex) const;   // -1 when absent
    int stepOfRow(int row) const;         // -1 when absent

    void setResultFolded(int row, bool folded);
    void setShowAll(int row, bool showAll);

    // Words to highlight (what the search box holds); matched case-insensitively.
    void setSearchText(const QString &text);
    const QStringList &searchTerms() const { return m_terms; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    // Asks for the words of a row (its step's page and its result's), read on a worker; the
    // delegate calls it for the rows it paints. data() never asks: item views measure rows far
    // outside the screen (QTreeView walks every row between the top and an item it locates),
    // and that must not read a run's every step.
    void fetchTexts(int row) const;
    // Whether every page that rows first..last need has arrived (for tests and benchmarks).
    bool isLoaded(int first, int last) const;

Q_SIGNALS:
    void readFailed(const QString &message);

private:
    const StepText *textOf(int stepIndex) const;   // nullptr until its page has arrived
    void wantPage(int page) const;
    void requestPages();
    void onPagesRead(std::map<int, std::vector<StepText>> pages);

    QString m_path;
    std::shared_ptr<const TimelineData> m_data;
    TranscriptEntries m_entries;
    std::vector<quint8> m_state;   // per row: State flags
    QStringList m_terms;

    std::map<int, std::vector<StepText>> m_pages;   // page number -> its steps' texts
    mutable QSet<int> m_wanted;                     // asked for since the last read started
    QSet<int> m_inFlight;
    LatestRead *m_reader = nullptr;
    QTimer *m_requestTimer = nullptr;
};

} // namespace reverie::ui
