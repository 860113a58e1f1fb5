#pragma once

class QWidget;

namespace reverie::ui {

class Page;
class TrajectoriesPage;
class DreamsPage;

// The main window builds its pages through these functions only, so a page can be written
// (and replaced) without touching the window.
//
// Review and Playbook history: PlaceholderPage.cpp defines createReviewPage() unless
// REVERIE_HAVE_REVIEW_PAGE is defined, and createHistoryPage() unless REVERIE_HAVE_HISTORY_PAGE
// is. A real page plugs in by defining the function in its own .cpp, e.g. in
// ui/review/ReviewPage.cpp:
//     Page *createReviewPage(QWidget *parent) { return new ReviewPage(parent); }
// and adding to ui/CMakeLists.txt:
//     target_compile_definitions(reverie_ui PRIVATE REVERIE_HAVE_REVIEW_PAGE)
// The window takes ownership (the page is parented to the window's page stack).
TrajectoriesPage *createTrajectoriesPage(QWidget *parent);
DreamsPage *createDreamsPage(QWidget *parent);
Page *createReviewPage(QWidget *parent);
Page *createHistoryPage(QWidget *parent);

} // namespace reverie::ui
