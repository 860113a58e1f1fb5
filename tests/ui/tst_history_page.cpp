// Playbook history through the page: versions, diffs between any two, roll back (and undo the
// rollback) and revert from the keyboard, the publish targets, and the charts.

#include "tst_review_fixture.h"
#include "UnreadableWorkspace.h"

#include "core/playbook/Render.h"
#include "core/store/PlaybookHistory.h"
#include "core/store/ProposalStore.h"
#include "core/store/Verifier.h"
#include "ui/charts/OutcomeCharts.h"
#include "ui/history/HistoryPage.h"
#include "ui/history/VersionDiffView.h"
#include "ui/history/VersionListModel.h"
#include "ui/common/NoticeBar.h"
#include "ui/common/ShortcutHelpDialog.h"
#include "ui/settings/UserSettings.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>

using namespace reverie;

class TestHistoryPage : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<test::ReviewWorkspace> m_fx;
    std::unique_ptr<ui::HistoryPage> m_page;
    qint64 m_addR3 = 0;     // version 2: adds R3
    qint64 m_editR1 = 0;    // version 3: edits R1

    store::Workspace &ws() { return *m_fx->ws; }
    std::vector<Rule> rulesOf(int version) { return store::PlaybookHistory(ws()).version(version)->rules; }
    void openPage()
    {
        m_page = std::make_unique<ui::HistoryPage>();
        m_page->resize(1280, 860);
        QSignalSpy loaded(m_page.get(), &ui::HistoryPage::loaded);
        m_page->setWorkspace(m_fx->path);
        QVERIFY(loaded.wait(20000));
        QVERIFY(test::activate(m_page.get()));
        m_page->findChild<QTableView *>(QStringLiteral("versionTable"))->setFocus();
    }
    // Presses keys and waits for the ledger's answer and the re-read history.
    void pressAndWait(Qt::Key key, Qt::KeyboardModifiers mods)
    {
        QSignalSpy done(m_page.get(), &ui::HistoryPage::decisionFinished);
        QSignalSpy loaded(m_page.get(), &ui::HistoryPage::loaded);
        QTest::keyClick(QApplication::focusWidget(), key, mods);
        QVERIFY(done.wait(20000));
        QVERIFY(loaded.count() > 0 || loaded.wait(20000));
    }
    void checkPublishedEquals(const std::vector<Rule> &rules)
    {
        QCOMPARE(test::publishedBlock(m_fx->markdown), playbook::renderMarkdown(rules));
        QCOMPARE(test::readBytes(m_fx->json), playbook::renderJson(store::PlaybookHistory(ws()).current()));
        const QStringList problems = store::verifyWorkspace(ws());
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

private Q_SLOTS:
    void init()
    {
        test::isolateSettings();
        ui::UserSettings::storeReviewerName(QStringLiteral("ops"));
        m_fx = std::make_unique<test::ReviewWorkspace>();
        review::Ledger ledger(ws());
        m_addR3 = m_fx->manual(ProposalOp::Add, QStringLiteral("Log every refund in the ledger."));
        ledger.approve(m_addR3, QStringLiteral("dana"));
        m_editR1 = m_fx->manual(ProposalOp::Edit, QStringLiteral("Confirm the order id and amount before any refund."),
                                {QStringLiteral("R1")});
        ledger.approve(m_editR1, QStringLiteral("dana"), QStringLiteral("amounts were wrong"));
    }
    void cleanup()
    {
        m_page.reset();
        m_fx.reset();
    }

    void listsVersionsAndDiffsAnyTwo()
    {
        openPage();
        QAbstractItemModelTester tester(m_page->versionModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(m_page->versionModel()->rowCount(), 3);
        QCOMPARE(m_page->selectedVersion(), 3);   // the current one
        const QModelIndex top = m_page->versionModel()->index(0, ui::VersionListModel::Author);
        QCOMPARE(top.data().toString(), QStringLiteral("dana"));
        QCOMPARE(top.siblingAtColumn(ui::VersionListModel::Reason).data().toString(), QStringLiteral("amounts were wrong"));
        // Selecting a version shows the change it made, word by word.
        auto *text = m_page->findChild<QTextBrowser *>(QStringLiteral("versionDiffText"));
        QVERIFY2(text->toPlainText().contains(QLatin1String("R1 changed")), qPrintable(text->toPlainText()));
        QVERIFY(text->toPlainText().contains(QLatin1String("and amount")));
        QCOMPARE(m_page->diffView()->fromVersion(), 2);
        // Any two: from the import to now.
        m_page->diffView()->compare(1, 3);
        const auto &changes = m_page->diffView()->changes();
        QCOMPARE(changes.size(), std::size_t(3));
        QCOMPARE(changes[0].kind, playbook::RuleChange::Kind::Changed);
        QCOMPARE(changes[2].kind, playbook::RuleChange::Kind::Added);
        QVERIFY(m_page->findChild<QLabel *>(QStringLiteral("diffSummary"))->text().contains(QLatin1String("1 added")));
        // Where it is published, and which version the files hold.
        const QString publish = m_page->findChild<QLabel *>(QStringLiteral("publishStatus"))->text();
        QVERIFY2(publish.contains(m_fx->markdown) && publish.contains(QLatin1String("holds version 3, the current one")),
                 qPrintable(publish));
        // The stats tab has its charts.
        QCOMPARE(m_page->charts()->versionChart()->chart()->series().size(), 1);
        QCOMPARE(m_page->charts()->ruleChart()->chart()->series().size(), 1);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Question);
        auto *help = m_page->findChild<ui::ShortcutHelpDialog *>();
        QVERIFY(help && help->isVisible());
        help->close();
        for (const char *tab : {"changes", "stats"}) {
            const QImage shot = m_page->grab().toImage();
            QVERIFY(shot.save(QDir(QCoreApplication::applicationDirPath())
                                  .filePath(QStringLiteral("history_%1.png").arg(QLatin1String(tab)))));
            m_page->findChild<QTabWidget *>(QStringLiteral("historyTabs"))->setCurrentIndex(1);
        }
    }

    void rollBackAndUndoFromTheKeyboard()
    {
        openPage();
        const std::vector<Rule> v1 = rulesOf(1);
        const std::vector<Rule> v3 = rulesOf(3);
        const QString v1Hash = store::PlaybookHistory(ws()).version(1)->hash;
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_End, Qt::ControlModifier);   // the oldest version
        QCOMPARE(m_page->selectedVersion(), 1);
        pressAndWait(Qt::Key_B, Qt::ControlModifier | Qt::ShiftModifier);
        store::PlaybookHistory history(ws());
        QCOMPARE(history.currentNumber(), 4);
        QCOMPARE(history.current().change, QStringLiteral("rollback"));
        QCOMPARE(history.current().rules, v1);
        QCOMPARE(history.current().author, QStringLiteral("ops"));
        checkPublishedEquals(v1);
        // A notice, not a dialog, offers the undo.
        ui::NoticeBar *notice = m_page->noticeBar();
        QVERIFY(notice->isVisible());
        QVERIFY(notice->hasAction());
        QVERIFY2(notice->text().contains(QLatin1String("version 4")), qPrintable(notice->text()));
        QVERIFY(!QApplication::activeModalWidget());
        QCOMPARE(m_page->versionModel()->rowCount(), 4);
        QCOMPARE(m_page->selectedVersion(), 4);

        pressAndWait(Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(history.currentNumber(), 5);   // undo appends too
        QCOMPARE(history.current().rules, v3);
        QCOMPARE(history.version(1)->hash, v1Hash);   // nothing rewritten
        checkPublishedEquals(v3);
        QVERIFY(!notice->hasAction());
        QVERIFY(m_page->findChild<QLabel *>(QStringLiteral("publishStatus"))->text().contains(QLatin1String("holds version 5")));
    }

    void highStakesRollbackAsksWhyAndWaitsForApprovers()
    {
        // Version 4 adds a high-stakes rule with two approvals; going back to version 1 drops it.
        review::Ledger ledger(ws());
        const qint64 deploy = m_fx->manual(ProposalOp::Add, QStringLiteral("In deploy_service, page the on-call first."), {},
                                           QStringLiteral("deploy_service"), QStringLiteral("lee"));
        ledger.approve(deploy, QStringLiteral("dana"), QStringLiteral("outage last week"));
        ledger.approve(deploy, QStringLiteral("sam"), QStringLiteral("outage last week"));
        QCOMPARE(store::PlaybookHistory(ws()).currentNumber(), 4);
        openPage();
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_End, Qt::ControlModifier);
        QCOMPARE(m_page->selectedVersion(), 1);

        QSignalSpy status(m_page.get(), &ui::HistoryPage::statusMessage);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_B, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(status.wait(20000));
        QVERIFY2(status.last().first().toString().contains(QLatin1String("high-stakes")), qPrintable(status.last().first().toString()));
        auto *edit = m_page->findChild<QLineEdit *>(QStringLiteral("promptEdit"));
        QVERIFY(edit && edit->isVisible());
        QSignalSpy done(m_page.get(), &ui::HistoryPage::decisionFinished);
        QTest::keyClicks(edit, QStringLiteral("the on-call rule paged people at night"));
        QTest::keyClick(edit, Qt::Key_Return);
        QVERIFY(done.wait(20000));
        // Not applied: a request waits for the approvers, and the notice says so.
        QCOMPARE(store::PlaybookHistory(ws()).currentNumber(), 4);
        QVERIFY2(m_page->noticeBar()->text().contains(QLatin1String("request #")), qPrintable(m_page->noticeBar()->text()));
        const auto requests = store::ProposalStore(ws()).list(ProposalStatus::Pending);
        QVERIFY(std::any_of(requests.begin(), requests.end(), [](const Proposal &p) {
            return p.op == ProposalOp::Rollback && p.targetRef == 1 && p.author == QLatin1String("ops");
        }));
    }

    void undoOfferEndsWhenThePlaybookMovesOn()
    {
        openPage();
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_End, Qt::ControlModifier);
        pressAndWait(Qt::Key_B, Qt::ControlModifier | Qt::ShiftModifier);
        ui::NoticeBar *notice = m_page->noticeBar();
        QVERIFY(notice->hasAction());
        // A refresh that changes nothing (an import, say) keeps the offer.
        QSignalSpy loaded(m_page.get(), &ui::HistoryPage::loaded);
        m_page->markStale();   // what the window does after a change elsewhere
        QVERIFY(loaded.wait(20000));
        QVERIFY(notice->hasAction());
        // Another change lands: undoing the rollback now would discard it, so the offer goes.
        review::Ledger(ws()).approve(m_fx->manual(ProposalOp::Add, QStringLiteral("Log refunds.")), QStringLiteral("dana"));
        m_page->markStale();
        QVERIFY(loaded.wait(20000));
        QVERIFY(!notice->hasAction());
        QVERIFY(!m_page->undoLast());
        QCOMPARE(store::PlaybookHistory(ws()).currentNumber(), 5);
    }

    void revertOneChangeFromTheKeyboard()
    {
        openPage();
        QCOMPARE(m_page->selectedVersion(), 3);
        QVERIFY(m_page->findChild<QPushButton *>(QStringLiteral("revertButton"))->isEnabled());
        QVERIFY(!m_page->findChild<QPushButton *>(QStringLiteral("rollbackButton"))->isEnabled());   // already current
        pressAndWait(Qt::Key_X, Qt::ControlModifier | Qt::ShiftModifier);
        store::PlaybookHistory history(ws());
        QCOMPARE(history.currentNumber(), 4);
        QCOMPARE(history.current().change, QStringLiteral("revert"));
        QCOMPARE(history.current().rules.front().text, QStringLiteral("Confirm the order id before any refund."));
        QCOMPARE(int(history.current().rules.size()), 3);   // R3, added before, stays
        QCOMPARE(store::ProposalStore(ws()).get(m_editR1)->status, ProposalStatus::Reverted);
        checkPublishedEquals(history.current().rules);
        // The reverted change cannot be reverted twice.
        QVERIFY(m_page->selectVersion(3));
        QVERIFY(!m_page->findChild<QPushButton *>(QStringLiteral("revertButton"))->isEnabled());
    }

    // The workspace file turns to garbage mid-session: the next re-read fails, the notice names
    // the file and what could not be read, the last history stays on screen and takes input.
    void anUnreadableWorkspaceShowsANoticeAndStaysUsable()
    {
        openPage();
        test::GuiThreadSqlGuard guard;
        const int versions = m_page->versionModel()->rowCount();
        QVERIFY(versions >= 3);
        m_fx->ws.reset();
        test::makeWorkspaceUnreadable(m_fx->path);
        QSignalSpy loaded(m_page.get(), &ui::HistoryPage::loaded);
        m_page->markStale();
        QVERIFY(loaded.wait(20000));
        ui::NoticeBar *notice = m_page->noticeBar();
        QCOMPARE(notice->kind(), ui::NoticeBar::Kind::Error);
        QVERIFY2(notice->text().contains(QLatin1String("Could not read the playbook history"))
                     && notice->text().contains(QLatin1String("review.reverie")),
                 qPrintable(notice->text()));
        QVERIFY(m_page->selectVersion(1));
        QCOMPARE(m_page->selectedVersion(), 1);
        QVERIFY2(guard.clean(), guard.report());
    }

    void refusedRevertIsShownPlainly()
    {
        review::Ledger ledger(ws());
        const qint64 tweak = m_fx->manual(ProposalOp::Edit, QStringLiteral("Log every refund in the <b>finance</b> ledger."),
                                          {QStringLiteral("R3")});
        ledger.approve(tweak, QStringLiteral("dana"));   // version 4 builds on version 2's R3
        openPage();
        QVERIFY(m_page->selectVersion(2));
        pressAndWait(Qt::Key_X, Qt::ControlModifier | Qt::ShiftModifier);
        auto *notice = m_page->findChild<QLabel *>(QStringLiteral("noticeText"));
        QCOMPARE(notice->textFormat(), Qt::PlainText);
        QVERIFY2(notice->text().contains(QLatin1String("revert that change first")), qPrintable(notice->text()));
        QCOMPARE(m_page->noticeBar()->kind(), ui::NoticeBar::Kind::Error);
        QCOMPARE(store::PlaybookHistory(ws()).currentNumber(), 4);
    }
};

QTEST_MAIN(TestHistoryPage)
#include "tst_history_page.moc"
