#pragma once

#include <QFrame>

#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace reverie::ui {

// An inline question with a one-line answer (a reason, a reviewer name): Enter answers, Esc
// cancels. Used instead of a modal dialog so the keyboard flow of the review never stops.
class PromptBar : public QFrame {
    Q_OBJECT
public:
    explicit PromptBar(QWidget *parent = nullptr);

    // Shows the question and focuses the answer; `onAnswer` runs with the trimmed answer.
    // With `required`, an empty answer is not accepted.
    void ask(const QString &question, const QString &placeholder, bool required,
             std::function<void(const QString &)> onAnswer);
    void cancel();
    bool isAsking() const { return bool(m_onAnswer); }
    QLineEdit *edit() const { return m_edit; }

Q_SIGNALS:
    void answered();
    void cancelled();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void submit();

    QLabel *m_question = nullptr;
    QLineEdit *m_edit = nullptr;
    QPushButton *m_ok = nullptr;
    QPushButton *m_cancel = nullptr;
    bool m_required = false;
    std::function<void(const QString &)> m_onAnswer;
};

} // namespace reverie::ui
