// The main window's factory for the Playbook history page (see ui/PageFactory.h).

#include "ui/PageFactory.h"
#include "ui/history/HistoryPage.h"

namespace reverie::ui {

Page *createHistoryPage(QWidget *parent)
{
    return new HistoryPage(parent);
}

} // namespace reverie::ui
