#pragma once

class QWidget;

namespace reverie::ui {

class Page;
class TrajectoriesPage;
class DreamsPage;

// The main window builds its pages through these functions only, so a page can be written
// (and replaced) without touching the window.
// Each page defines its function in its own .cpp (e.g. ui/review/ReviewPageFactory.cpp).
// The window takes ownership (the page is parented to the window's page stack).
TrajectoriesPage *createTrajectoriesPage(QWidget *parent);
DreamsPage *createDreamsPage(QWidget *parent);
Page *createReviewPage(QWidget *parent);
Page *createHistoryPage(QWidget *parent);

} // namespace reverie::ui
