#pragma once

#include <QWidget>

namespace reverie::ui {

class TranscriptView;

// The transcript tab: the view and a line saying which keys it takes.
class TranscriptPanel : public QWidget {
    Q_OBJECT
public:
    explicit TranscriptPanel(QWidget *parent = nullptr);

    TranscriptView *view() const { return m_view; }

private:
    TranscriptView *m_view = nullptr;
};

} // namespace reverie::ui
