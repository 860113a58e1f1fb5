#include "ui/Page.h"

#include <QShowEvent>

namespace reverie::ui {

void Page::markStale()
{
    if (isVisible()) {
        m_stale = false;
        reload();
        return;
    }
    m_stale = true;
}

void Page::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale) {
        m_stale = false;
        reload();
    }
}

} // namespace reverie::ui
