#pragma once

#include <QFrame>

#include <functional>

class QLabel;
class QPushButton;
class QToolButton;

namespace reverie::ui {

// A non-modal notice across the top of a page: what a decision did, what the ledger refused
// (its own words, as plain text), or an offer to undo. It stays until closed or replaced.
class NoticeBar : public QFrame {
    Q_OBJECT
public:
    enum class Kind { Info, Warning, Error };

    explicit NoticeBar(QWidget *parent = nullptr);

    // Shows `text`; with an action (e.g. "Undo"), a button runs it once and closes the bar.
    void showNotice(Kind kind, const QString &text, const QString &actionText = QString(),
                    std::function<void()> action = nullptr);
    // Runs the offered action, if any; returns whether there was one.
    bool trigger();
    bool hasAction() const { return bool(m_action); }
    Kind kind() const { return m_kind; }
    QString text() const;
    void dismiss();

private:
    QLabel *m_text = nullptr;
    QPushButton *m_actionButton = nullptr;
    QToolButton *m_close = nullptr;
    Kind m_kind = Kind::Info;
    std::function<void()> m_action;
};

} // namespace reverie::ui
