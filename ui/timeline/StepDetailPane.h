#pragma once

#include <QWidget>

#include <optional>

class QLabel;
class QPlainTextEdit;

namespace reverie::store {
struct StoredStep;
}

namespace reverie::ui {

// One step in full: a one-line summary, its text and its original record as indented JSON.
// Everything is plain text: a step whose text is HTML shows the tags, never renders them.
class StepDetailPane : public QWidget {
    Q_OBJECT
public:
    explicit StepDetailPane(QWidget *parent = nullptr);

    // `timeLabel` says where the step sits ("+12.3 s"); `evidence` when a proposal cites it.
    void showStep(const store::StoredStep &step, const QString &timeLabel, bool evidence);
    void clear();

    // Moves focus into the step's text (Enter on the timeline); Esc there emits leaveRequested.
    void focusText();

    QString summary() const;
    QString text() const;
    QString json() const;

    // The record as indented JSON, or as it is when it is not JSON.
    static QString prettyJson(const QByteArray &raw);

Q_SIGNALS:
    void leaveRequested();

private:
    QLabel *m_summary = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QPlainTextEdit *m_json = nullptr;
};

} // namespace reverie::ui
