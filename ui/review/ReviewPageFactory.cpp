// The main window's factory for the Review page (see ui/PageFactory.h).

#include "ui/PageFactory.h"
#include "ui/review/ReviewPage.h"

namespace reverie::ui {

Page *createReviewPage(QWidget *parent)
{
    return new ReviewPage(parent);
}

} // namespace reverie::ui
