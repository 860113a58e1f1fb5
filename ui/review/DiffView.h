#pragma once

#include "core/playbook/WordDiff.h"

#include <QWidget>

#include <vector>

class QLabel;
class QTabWidget;
class QTextBrowser;

namespace reverie::ui {

// A word-level diff of one rule, side by side (old | new) and inline, as plain text runs.
class DiffView : public QWidget {
    Q_OBJECT
public:
    explicit DiffView(QWidget *parent = nullptr);

    // Titles name the two sides ("Current rule" / "Proposed"); notes fill an empty side.
    void setTitles(const QString &before, const QString &after);
    void setTexts(const QString &before, const QString &after, const QString &emptyBefore = QString(),
                  const QString &emptyAfter = QString());
    void clear();
    const std::vector<playbook::DiffSegment> &segments() const { return m_segments; }

    // 0 = side by side, 1 = inline.
    int mode() const;
    void setMode(int mode);
    void toggleMode();

private:
    QTabWidget *m_tabs = nullptr;
    QLabel *m_beforeTitle = nullptr;
    QLabel *m_afterTitle = nullptr;
    QTextBrowser *m_before = nullptr;
    QTextBrowser *m_after = nullptr;
    QTextBrowser *m_inline = nullptr;
    std::vector<playbook::DiffSegment> m_segments;
};

} // namespace reverie::ui
