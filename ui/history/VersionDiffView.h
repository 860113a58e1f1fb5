#pragma once

#include "core/model/Playbook.h"
#include "core/playbook/RuleDiff.h"

#include <QWidget>

#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QTextBrowser;

namespace reverie::ui {

// The difference between any two playbook versions, rule by rule (added, removed, changed)
// and word by word inside each changed rule; all text written as plain runs.
class VersionDiffView : public QWidget {
    Q_OBJECT
public:
    explicit VersionDiffView(QWidget *parent = nullptr);

    // `versions` oldest first, with rules. Keeps the chosen pair when both still exist.
    void setVersions(const std::vector<PlaybookVersion> *versions);
    void compare(int from, int to);
    int fromVersion() const;
    int toVersion() const;
    const std::vector<playbook::RuleChange> &changes() const { return m_changes; }
    QTextBrowser *browser() const { return m_browser; }

private:
    void render();
    const PlaybookVersion *find(int number) const;

    const std::vector<PlaybookVersion> *m_versions = nullptr;
    QComboBox *m_from = nullptr;
    QComboBox *m_to = nullptr;
    QCheckBox *m_unchanged = nullptr;
    QLabel *m_summary = nullptr;
    QTextBrowser *m_browser = nullptr;
    std::vector<playbook::RuleChange> m_changes;
};

} // namespace reverie::ui
