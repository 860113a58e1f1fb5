#pragma once

#include <QDialog>
#include <QList>
#include <QPair>

class QAction;

namespace reverie::ui {

// The list of a page's keyboard shortcuts (`?`): key on the left, what it does on the right.
class ShortcutHelpDialog : public QDialog {
    Q_OBJECT
public:
    using Row = QPair<QString, QString>;   // key sequence (native text), description
    ShortcutHelpDialog(const QString &title, const QList<Row> &rows, QWidget *parent = nullptr);

    // One row per action: its keys (variants of one key, like keypad Enter or Shift+?, once)
    // and its text.
    static QList<Row> rowsFor(const QList<QAction *> &actions);
};

} // namespace reverie::ui
