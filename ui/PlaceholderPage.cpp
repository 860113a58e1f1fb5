// A stand-in for pages that are not built yet, and the factory functions that fall back to it.

#include "ui/Page.h"
#include "ui/PageFactory.h"

#include <QLabel>
#include <QVBoxLayout>

namespace reverie::ui {

namespace {

// Says what will be here; holds no state.
class PlaceholderPage : public Page {
public:
    PlaceholderPage(const QString &name, const QString &title, const QString &what, QWidget *parent)
        : Page(parent), m_title(title)
    {
        setObjectName(name);
        auto *layout = new QVBoxLayout(this);
        auto *heading = new QLabel(title, this);
        QFont f = heading->font();
        f.setPointSizeF(f.pointSizeF() * 1.4);
        f.setBold(true);
        heading->setFont(f);
        auto *body = new QLabel(what, this);
        body->setTextFormat(Qt::PlainText);
        body->setWordWrap(true);
        body->setForegroundRole(QPalette::PlaceholderText);
        layout->addStretch(1);
        layout->addWidget(heading, 0, Qt::AlignHCenter);
        layout->addWidget(body, 0, Qt::AlignHCenter);
        layout->addStretch(2);
    }
    void setWorkspace(store::Workspace *, const QString &) override {}
    QString title() const override { return m_title; }

private:
    QString m_title;
};

} // namespace

#ifndef REVERIE_HAVE_REVIEW_PAGE
Page *createReviewPage(QWidget *parent)
{
    return new PlaceholderPage(QStringLiteral("reviewPage"), Page::tr("Review"),
                               Page::tr("Proposed playbook edits will be reviewed here."), parent);
}
#endif

#ifndef REVERIE_HAVE_HISTORY_PAGE
Page *createHistoryPage(QWidget *parent)
{
    return new PlaceholderPage(QStringLiteral("historyPage"), Page::tr("Playbook history"),
                               Page::tr("Every playbook version, with diffs and rollback, will be listed here."),
                               parent);
}
#endif

} // namespace reverie::ui
